"""Reading the bundled data (and a user's directory of records) into a :class:`Dataset`.

The bundled dataset is read on first use, once per process, one collection at a time: a
question about mechanisms reads ``mechanisms.json`` only. A bundled file whose SHA-256 matches
the one recorded in ``data/manifest.json`` when the package was built takes the fast route of
:mod:`korea_diplomacy._plan`; any other file, and every file of yours, goes through cattrs
(:mod:`korea_diplomacy._convert`), which says what is wrong and where. Data is only ever read
as JSON: nothing in a data file can run code.

>>> import korea_diplomacy as kd
>>> kd.load() is kd.load()
True
"""

from __future__ import annotations

import gc
import json
import os
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from ._plan import collections as record_classes
from ._plan import plan
from .dataset import Dataset

if TYPE_CHECKING:
    from .model import Record, Source

__all__ = [
    "MANIFEST",
    "bundled_counts",
    "bundled_digest",
    "bundled_manifest",
    "gc_paused",
    "load",
    "read_bundled",
]

MANIFEST = "manifest.json"
"""The file beside the bundled data that records each file's SHA-256 and record count, and
the digest of the whole dataset, when the data is built (``scripts/format_data.py``)."""

T = TypeVar("T")

_lock = threading.Lock()
_bundled: Dataset | None = None
_manifest: dict[str, Any] | None = None
_trusted: dict[str, bool] = {}  # bundled file name -> whether its digest matched


def _fresh_lock() -> None:
    global _lock
    _lock = threading.Lock()


if hasattr(os, "register_at_fork"):  # a child forked during a first load must not inherit it
    os.register_at_fork(after_in_child=_fresh_lock)


def load(path: str | os.PathLike[str] | None = None) -> Dataset:
    """The bundled dataset, or the bundled data plus a directory of your own records.

    The directory holds files named like the bundled ones (``meetings.json``...), each a
    JSON list of records in the same format, and optionally ``corrections.json``: a list of
    ``{"collection": ..., "reason": ..., "record": {...}}`` entries, each replacing the
    bundled record with the same id. A new record may not reuse a bundled id.

    The combination is validated. Every problem (file, record, field, what was wrong) is
    reported at once in one :class:`~korea_diplomacy.DataError`; the bundled dataset is never
    changed.

    >>> import korea_diplomacy as kd
    >>> len(kd.load().summits) > 20
    True
    """
    if path is None:
        return _load_bundled()
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a str or os.PathLike, not {type(path).__name__}")
    # Imported here: reading directories needs pathlib and cattrs, which the bundled data
    # never does, so `import korea_diplomacy` and the first answer stay cheap.
    from pathlib import Path

    from ._userdata import load_directory

    bundled = _load_bundled()
    return gc_paused(lambda: load_directory(Path(path), bundled))


def gc_paused(build: Callable[[], T]) -> T:
    """``build()`` with the cyclic garbage collector paused.

    Allocating 100,000 records would otherwise trigger full collections over and over, for
    objects that hold no cycles; the collector runs as usual afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return build()
    finally:
        if was_enabled:
            gc.enable()


class _Bundled(Dataset):
    """The bundled dataset: read one collection at a time, and sent to another process as a
    reference to itself (the other process reads its own copy)."""

    __slots__ = ()

    def __reduce__(self) -> tuple[Any, ...]:
        return (load, ())


def _load_bundled() -> Dataset:
    global _bundled
    if _bundled is None:
        with _lock:
            if _bundled is None:
                _bundled = _Bundled._lazy(_bundled_collection)
    return _bundled


def _bundled_collection(name: str) -> tuple[Record | Source, ...]:
    """The records of one bundled file: by the fast route when its digest is the recorded one."""
    data = _bundled_bytes(f"{name}.json")
    raw = json.loads(data)
    if not _is_trusted(f"{name}.json", data):
        from ._userdata import structure_collections  # an edited file: read it as yours

        records: tuple[Record | Source, ...] = structure_collections(
            {name: raw}, origin="bundled data"
        )[name]
        return records
    build = plan(record_classes()[name]).build
    return gc_paused(lambda: tuple([build(item) for item in raw]))


def _is_trusted(filename: str, data: bytes) -> bool:
    trusted = _trusted.get(filename)
    if trusted is None:
        import hashlib  # only when a bundled file is first read

        recorded = bundled_manifest().get("files", {}).get(filename, {}).get("sha256")
        trusted = _trusted[filename] = hashlib.sha256(data).hexdigest() == recorded
    return trusted


def bundled_manifest() -> dict[str, Any]:
    """What ``data/manifest.json`` records: each file's SHA-256 and record count, and the
    dataset's digest (empty if the file is missing)."""
    global _manifest
    if _manifest is None:
        try:
            _manifest = json.loads(_bundled_bytes(MANIFEST))
        except OSError:
            _manifest = {}
    return dict(_manifest)


def bundled_digest() -> str:
    """The digest of the bundled data: the recorded one when every file is as recorded."""
    manifest = bundled_manifest()
    if manifest.get("digest") and _all_trusted(manifest):
        return str(manifest["digest"])
    return _load_bundled().digest()


def bundled_counts() -> dict[str, int]:
    """How many records each bundled collection (and view) holds: as recorded, when every
    file is as recorded, so that nothing needs reading."""
    manifest = bundled_manifest()
    if manifest.get("views") is not None and _all_trusted(manifest):
        files = manifest["files"].items()
        counts = {name.removesuffix(".json"): entry["records"] for name, entry in files}
        counts.update(manifest["views"])
        return counts
    from .dataset import VIEWS

    dataset = _load_bundled()
    return {name: len(dataset.collection(name)) for name in (*record_classes(), *VIEWS)}


def _all_trusted(manifest: dict[str, Any]) -> bool:
    files = manifest.get("files", {})
    return bool(files) and all(_is_trusted(name, _bundled_bytes(name)) for name in files)


def _bundled_bytes(filename: str) -> bytes:
    here = os.path.join(os.path.dirname(__file__), "data", filename)
    try:
        with open(here, "rb") as file:  # the usual install: a plain file (no importlib.resources)
            return file.read()
    except FileNotFoundError:
        if os.path.isdir(os.path.dirname(here)):
            raise
    from importlib import resources  # zipped or otherwise unusual installs

    return resources.files("korea_diplomacy").joinpath("data", filename).read_bytes()


def read_bundled() -> dict[str, list[Any]]:
    """The bundled data files, parsed as JSON (not yet structured into records)."""
    return {name: json.loads(_bundled_bytes(f"{name}.json")) for name in record_classes()}


# --------------------------------------------------------------------------- reading files


# --------------------------------------------------------------------------- records


# --------------------------------------------------------------------------- messages


def _reset_for_tests() -> None:
    """Forget the cached bundled dataset (tests use this to count loads)."""
    global _bundled, _manifest
    import korea_diplomacy

    from . import _userdata
    from .dataset import VIEWS

    with _lock:
        _bundled = None
        _manifest = None
        _trusted.clear()
        _userdata.forget_bundled_ids()
        for name in (*record_classes(), *VIEWS):
            vars(korea_diplomacy).pop(name, None)
