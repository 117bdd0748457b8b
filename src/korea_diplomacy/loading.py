"""Reading the bundled data (and a user's directory of records) into a :class:`Dataset`.

The bundled dataset is read on first use, once per process, under a lock.

>>> import korea_diplomacy as kd
>>> kd.load() is kd.load()
True
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from .dataset import Dataset
from .errors import DataError
from .model import RECORD_TYPES, Record, Source

__all__ = ["MAX_FILE_BYTES", "load", "read_bundled", "structure_collections"]

MAX_FILE_BYTES = 64 * 1024 * 1024
"""Largest data file :func:`load` reads; bigger files are refused, not read."""

_lock = threading.Lock()
_bundled: Dataset | None = None


def load(path: str | os.PathLike[str] | None = None) -> Dataset:
    """The bundled dataset, or the bundled data plus a directory of your own records.

    The directory holds files named like the bundled ones (``meetings.json``...), each a
    JSON list of records in the same format. Problems are reported all at once in a
    :class:`~korea_diplomacy.DataError`; the bundled dataset is never changed.

    >>> import korea_diplomacy as kd
    >>> len(kd.load().summits) > 20
    True
    """
    if path is None:
        return _load_bundled()
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a str or os.PathLike, not {type(path).__name__}")
    from .validation import validate

    bundled = _load_bundled()
    directory = Path(path)
    user = _read_directory(directory)
    problems: list[str] = []
    user_records = structure_collections(user, origin=str(directory), problems=problems, files=True)
    bundled_ids = {r.id: name for name in RECORD_TYPES for r in bundled.collection(name)}
    for name, records in user_records.items():
        for record in records:
            if record.id in bundled_ids:
                problems.append(
                    f"{directory / (name + '.json')}: {record.id}: id: already used by a bundled "
                    f"{bundled_ids[record.id]} record"
                )
    if problems:
        raise DataError(problems)
    combined = {
        name: (*bundled.collection(name), *user_records.get(name, ())) for name in RECORD_TYPES
    }
    dataset = Dataset(combined)
    violations = validate(dataset)
    if violations:
        raise DataError([f"{directory}: {v}" for v in violations])
    return dataset


def _load_bundled() -> Dataset:
    global _bundled
    if _bundled is None:
        with _lock:
            if _bundled is None:
                _bundled = Dataset(structure_collections(read_bundled(), origin="bundled data"))
    return _bundled


def read_bundled() -> dict[str, list[Any]]:
    """The bundled data files, parsed as JSON (not yet structured into records)."""
    here = os.path.join(os.path.dirname(__file__), "data")
    data: dict[str, list[Any]] = {}
    if os.path.isdir(here):
        # The usual install: plain files, read without importing importlib.resources (~10 ms).
        for name in RECORD_TYPES:
            with open(os.path.join(here, f"{name}.json"), encoding="utf-8") as file:
                data[name] = json.load(file)
        return data
    from importlib import resources  # zipped or otherwise unusual installs

    root = resources.files("korea_diplomacy").joinpath("data")
    for name in RECORD_TYPES:
        data[name] = json.loads(root.joinpath(f"{name}.json").read_text(encoding="utf-8"))
    return data


def _read_directory(directory: Path) -> dict[str, Any]:
    if not directory.is_dir():
        raise DataError([f"{directory}: not a directory"])
    data: dict[str, Any] = {}
    problems: list[str] = []
    for path in sorted(directory.iterdir()):
        if path.suffix != ".json":
            continue
        name = path.stem
        if name not in RECORD_TYPES:
            close = _close(name, RECORD_TYPES)
            hint = f"; did you mean {', '.join(c + '.json' for c in close)}?" if close else ""
            problems.append(f"{path}: not a collection file{hint}")
            continue
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.append(f"{path}: {size} bytes is larger than the {MAX_FILE_BYTES} allowed")
            continue
        try:
            data[name] = json.loads(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError as error:
            problems.append(f"{path}: not UTF-8 text ({error.reason} at byte {error.start})")
        except json.JSONDecodeError as error:
            problems.append(
                f"{path}: invalid JSON at line {error.lineno} column {error.colno}: {error.msg}"
            )
        except RecursionError:
            problems.append(f"{path}: JSON nested too deeply to read")
    if problems:
        raise DataError(problems)
    if not data:
        raise DataError([f"{directory}: no collection files (expected e.g. meetings.json)"])
    return data


def structure_collections(
    data: Mapping[str, Any],
    origin: str,
    problems: list[str] | None = None,
    files: bool = False,
) -> dict[str, tuple[Record | Source, ...]]:
    """Turn ``{collection: [dict, ...]}`` into records, collecting every problem.

    Raises :class:`~korea_diplomacy.DataError` unless a ``problems`` list is given to fill.
    With ``files``, ``origin`` is a directory and problems name ``origin/<collection>.json``.
    """
    from .fast import Rejected, structure

    own = problems is None
    found: list[str] = [] if problems is None else problems
    out: dict[str, tuple[Record | Source, ...]] = {}
    if not isinstance(data, Mapping):
        raise TypeError(
            f"expected a mapping of collection names to lists, not {type(data).__name__}"
        )
    for name, raw in data.items():
        where = f"{Path(origin) / str(name)}.json" if files else f"{origin}: {name}"
        record_type = RECORD_TYPES.get(name) if isinstance(name, str) else None
        if record_type is None:
            close = _close(str(name), RECORD_TYPES)
            found.append(
                f"{origin}: unknown collection {name!r}; valid: {', '.join(close or RECORD_TYPES)}"
            )
            continue
        if not isinstance(raw, list):
            found.append(f"{where}: expected a JSON list of records, not {type(raw).__name__}")
            continue
        records: list[Record | Source] = []
        seen: set[str] = set()
        for position, item in enumerate(raw):
            label = _label(item, position)
            if not isinstance(item, dict):
                found.append(f"{where}: {label}: expected a JSON object, not {type(item).__name__}")
                continue
            try:
                record = structure(item, record_type)
            except Rejected:
                # Only bad records pay for cattrs, whose errors say what and where.
                found.extend(f"{where}: {label}: {line}" for line in _explain(item, record_type))
                continue
            if record.id in seen:
                found.append(f"{where}: {label}: id: duplicate id within the file")
                continue
            seen.add(record.id)
            records.append(record)
        out[name] = tuple(records)
    if own and found:
        raise DataError(found)
    return out


def _explain(item: dict[str, Any], record_type: type) -> list[str]:
    from .convert import converter, describe_error

    try:
        converter().structure(item, record_type)
    except Exception as error:  # cattrs wraps every failure; report them all
        return describe_error(error)
    return ["the record could not be read"]  # pragma: no cover - both paths agree (tests)


def _close(word: str, choices: Iterable[str]) -> list[str]:
    import difflib  # only errors need it

    return difflib.get_close_matches(word, list(choices), n=3)


def _label(item: Any, position: int) -> str:
    record_id = item.get("id") if isinstance(item, dict) else None
    if isinstance(record_id, str) and record_id:
        return f"record {position} ({record_id[:80]})"
    return f"record {position}"


def _reset_for_tests() -> None:
    """Forget the cached bundled dataset (tests use this to count loads)."""
    global _bundled
    with _lock:
        _bundled = None
