"""The bundled data files as they lie in the package, and the manifest that vouches for them.

``data/manifest.json`` is written with the data (``scripts/format_data.py``): each file's
SHA-256 and record count, the records of each view, and the digest of the whole dataset. A file
whose bytes hash to the recorded value may take the fast route; the recorded counts and digest
answer ``korea-diplomacy info`` and ``kd.data_digest()`` without reading any record.

>>> bundled_manifest()["files"]["mechanisms.json"]["records"] > 30
True
"""

from __future__ import annotations

import json
import os
from typing import Any

__all__ = [
    "MANIFEST",
    "bundled_counts",
    "bundled_coverage",
    "bundled_digest",
    "bundled_lookup_index",
    "bundled_manifest",
    "forget",
    "is_trusted",
    "read_bundled",
    "read_bytes",
]

MANIFEST = "manifest.json"
"""The file beside the bundled data that vouches for it."""

LOOKUP_INDEX = "lookup.json"
"""Which bundled file holds each id and name (normalised): ``{"ids": {id: collection},
"names": {key: [collection, ...]}}``, written with the data and vouched for by the manifest."""

_lookup_index: dict[str, Any] | None = None
_no_index = False

_manifest: dict[str, Any] | None = None
_trusted: dict[str, bool] = {}  # bundled file name -> whether its digest matched


def forget() -> None:
    """Forget what was read and checked (tests use it to count reads)."""
    global _manifest, _lookup_index, _no_index
    _manifest = None
    _lookup_index = None
    _no_index = False
    _trusted.clear()


def is_trusted(filename: str, data: bytes) -> bool:
    """Whether a bundled file is byte for byte the one the manifest records."""
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
            _manifest = json.loads(read_bytes(MANIFEST))
        except OSError:
            _manifest = {}
    return dict(_manifest)


def bundled_digest() -> str:
    """The digest of the bundled data: the recorded one when every file is as recorded."""
    manifest = bundled_manifest()
    if manifest.get("digest") and _all_trusted(manifest):
        return str(manifest["digest"])
    from ._loading import load  # the files differ from the manifest: read them

    return load().digest()


def bundled_counts() -> dict[str, int]:
    """How many records each bundled collection (and view) holds: as recorded, when every
    file is as recorded, so that nothing needs reading."""
    manifest = bundled_manifest()
    if manifest.get("views") is not None and _all_trusted(manifest):
        files = manifest["files"].items()
        counts = {name.removesuffix(".json"): entry["records"] for name, entry in files}
        counts.update(manifest["views"])
        return counts
    # The files differ from the manifest: read them (only then is the model imported).
    from ._loading import load
    from .dataset import VIEWS
    from .model import record_classes

    dataset = load()
    return {name: len(dataset.collection(name)) for name in (*record_classes(), *VIEWS)}


def bundled_coverage() -> dict[str, Any]:
    """What the bundled data covers, in :meth:`Coverage.to_dict`'s form: as recorded, when
    every file is as recorded."""
    manifest = bundled_manifest()
    if manifest.get("coverage") is not None and _all_trusted(manifest):
        return dict(manifest["coverage"])
    from ._loading import load

    return load().coverage().to_dict()


def bundled_lookup_index() -> dict[str, Any] | None:
    """Which bundled files hold each id and name, or None when the index is missing or not
    the one the manifest records (then every file is looked in)."""
    global _lookup_index, _no_index
    if _lookup_index is None and not _no_index:
        try:
            data = read_bytes(LOOKUP_INDEX)
        except OSError:
            data = b""
        recorded = bundled_manifest().get("lookup", {}).get("sha256")
        import hashlib

        # An index is only as good as the files it describes: every one must be as recorded.
        matches = data and recorded and hashlib.sha256(data).hexdigest() == recorded
        if matches and _all_trusted(bundled_manifest()):
            _lookup_index = json.loads(data)
        else:
            _no_index = True
    return _lookup_index


def _all_trusted(manifest: dict[str, Any]) -> bool:
    # A file already checked is not read again (`info` asks three questions of them all).
    files = manifest.get("files", {})
    return bool(files) and all(
        _trusted[name] if name in _trusted else is_trusted(name, read_bytes(name)) for name in files
    )


def read_bytes(filename: str) -> bytes:
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
    from .model import record_classes  # the model is imported only where records are made

    return {name: json.loads(read_bytes(f"{name}.json")) for name in record_classes()}


# --------------------------------------------------------------------------- reading files


# --------------------------------------------------------------------------- records


# --------------------------------------------------------------------------- messages
