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
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from . import _bundle
from ._names import normalise
from ._plan import plan
from .collection import MAX_NAME
from .dataset import Dataset
from .model import record_classes

if TYPE_CHECKING:
    from .model import Record, Source

__all__ = ["gc_paused", "load"]


T = TypeVar("T")

_lock = threading.Lock()
_bundled: Dataset | None = None
_collector_paused = False  # whether gc_paused has the garbage collector paused just now


def _after_fork_in_child() -> None:
    # A child forked while another thread was loading has only the forking thread: the lock
    # that thread held would never be released, nor the collector it paused started again.
    global _lock, _collector_paused
    _lock = threading.Lock()
    if _collector_paused:
        _collector_paused = False
        gc.enable()


if hasattr(os, "register_at_fork"):  # not on Windows
    os.register_at_fork(after_in_child=_after_fork_in_child)


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
    global _collector_paused
    was_enabled = gc.isenabled()
    gc.disable()
    if was_enabled:
        _collector_paused = True
    try:
        return build()
    finally:
        if was_enabled:
            _collector_paused = False
            gc.enable()


class _Bundled(Dataset):
    """The bundled dataset: read one collection at a time, and sent to another process as a
    reference to itself (the other process reads its own copy)."""

    __slots__ = ()

    def __reduce__(self) -> tuple[Any, ...]:
        return (load, ())

    def _holding(self, text: str) -> Iterable[str]:
        # The index written with the data says which files hold an id or name, so that a
        # lookup of "ARF" across the dataset reads the mechanisms only.
        index = _bundle.bundled_lookup_index()
        if index is None:
            return record_classes()
        held = {index["ids"].get(text)}
        if len(text) <= MAX_NAME:
            held.update(index["names"].get(normalise(text), ()))
        return [name for name in record_classes() if name in held]


def _load_bundled() -> Dataset:
    global _bundled
    if _bundled is None:
        with _lock:
            if _bundled is None:
                _bundled = _Bundled.lazy(_bundled_collection)
    return _bundled


def _bundled_collection(name: str) -> tuple[Record | Source, ...]:
    """The records of one bundled file: by the fast route when its digest is the recorded one."""
    data = _bundle.read_bytes(f"{name}.json")
    raw = json.loads(data)
    if not _bundle.is_trusted(f"{name}.json", data):
        from ._userdata import structure_collections  # an edited file: read it as yours

        records: tuple[Record | Source, ...] = structure_collections(
            {name: raw}, origin="bundled data"
        )[name]
        return records
    build = plan(record_classes()[name]).build
    return gc_paused(lambda: tuple([build(item) for item in raw]))


def _reset_for_tests() -> None:
    """Forget the cached bundled dataset (tests use this to count loads)."""
    global _bundled
    import korea_diplomacy  # (a test helper: the package's cached collections are dropped too)

    from . import _userdata
    from .dataset import VIEWS

    with _lock:
        _bundled = None
        _bundle.forget()
        _userdata.forget_bundled_ids()
        for name in (*record_classes(), *VIEWS):
            vars(korea_diplomacy).pop(name, None)
