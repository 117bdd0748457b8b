"""Reading the bundled data (and a user's directory of records) into a :class:`Dataset`.

The bundled dataset is read on first use, once per process, under a lock. Data is only ever
read as JSON: nothing in a data file can run code.

>>> import korea_diplomacy as kd
>>> kd.load() is kd.load()
True
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import re
import threading
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from .dataset import Dataset
from .errors import DataError
from .model import RECORD_TYPES, Record, Source

__all__ = [
    "CORRECTIONS_FILE",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "load",
    "read_bundled",
    "structure_collections",
]

MAX_FILE_BYTES = 32 * 1024 * 1024
"""Largest file :func:`load` reads from a directory (32 MiB, some 100,000 records); bigger
files are refused unread."""

MAX_DEPTH = 32
"""Deepest nesting of JSON values a record may have; records need about eight levels."""

CORRECTIONS_FILE = "corrections.json"
"""The file in a user directory whose entries replace bundled records, each with a reason."""

_CORRECTION_FIELDS = ("collection", "reason", "record")

_lock = threading.Lock()
_bundled: Dataset | None = None
_bundled_violations: frozenset[Any] | None = None
_bundled_ids: dict[str, str] | None = None

Records = dict[str, tuple[Record | Source, ...]]


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
    directory = Path(path)
    bundled = _load_bundled()
    with _gc_paused():
        return _load_directory(directory, bundled)


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while many new, acyclic records are built.

    Allocating 100,000 records would otherwise trigger full collections over and over, for
    objects that hold no cycles; the collector runs as usual afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _load_directory(directory: Path, bundled: Dataset) -> Dataset:
    problems: list[str] = []
    files, corrections_file = _read_directory(directory, problems)
    origin: dict[str, str] = {}  # id of each user record -> the file it came from
    added: dict[str, list[Record | Source]] = {}
    for name, (file, raw) in files.items():
        where = str(file)
        for position, record in _structure_list(raw, name, where, problems):
            collection = _collection_of(bundled, record.id)
            if collection is not None:
                label = _label_at(raw, position)
                problems.append(
                    f"{where}: {label}: id: {record.id} is already a bundled {collection} record;"
                    f" to correct it, put the whole record in {CORRECTIONS_FILE} with a reason"
                )
            elif record.id in origin:
                label = _label_at(raw, position)
                problems.append(f"{where}: {label}: id: {record.id} is also in {origin[record.id]}")
            else:
                origin[record.id] = where
                added.setdefault(name, []).append(record)
    corrected: dict[str, dict[str, Record | Source]] = {}
    if corrections_file is not None:
        file, raw = corrections_file
        where = str(file)
        for name, label, record in _structure_corrections(raw, bundled, where, problems):
            # (A bundled id in a collection file was refused above: no need to look there.)
            if record.id in corrected.get(name, {}):
                problems.append(f"{where}: {label}: record.id: {record.id} is corrected twice")
            else:
                origin[record.id] = where
                corrected.setdefault(name, {})[record.id] = record
    if problems:
        raise DataError(problems)
    combined = {
        name: (
            *(corrected.get(name, {}).get(r.id, r) for r in bundled.collection(name)),
            *added.get(name, ()),
        )
        for name in RECORD_TYPES
    }
    dataset = Dataset(combined)
    from .validation import violations

    known = _known_violations(bundled)
    found = [v for v in violations(dataset, check_types=False) if v not in known]
    if found:
        raise DataError([_locate(v, origin, directory) for v in found])
    return dataset


def _load_bundled() -> Dataset:
    global _bundled
    if _bundled is None:
        with _lock:
            if _bundled is None:
                with _gc_paused():
                    records = structure_collections(read_bundled(), origin="bundled data")
                    _bundled = Dataset(records)
    return _bundled


def _known_violations(bundled: Dataset) -> frozenset[Any]:
    """Violations the bundled data has on its own (none, as tests check): not the user's."""
    global _bundled_violations
    if _bundled_violations is None:
        from .validation import violations

        _bundled_violations = frozenset(violations(bundled, check_types=False))
    return _bundled_violations


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


# --------------------------------------------------------------------------- reading files


def _read_directory(
    directory: Path, problems: list[str]
) -> tuple[dict[str, tuple[Path, Any]], tuple[Path, Any] | None]:
    """The parsed collection files and corrections file of ``directory``; what cannot be read
    is added to ``problems``, and a directory that cannot be read at all is raised."""
    shown = _shorten(str(directory))
    try:
        paths = sorted(directory.iterdir()) if directory.is_dir() else None
        what = "nothing there" if paths is None and not directory.exists() else "a file"
    except (OSError, ValueError) as error:  # a name too long, a NUL byte, no permission...
        raise DataError([f"{shown}: cannot read the directory: {_reason(error)}"]) from None
    if paths is None:
        raise DataError([f"{shown}: not a directory ({what})"])
    files: dict[str, tuple[Path, Any]] = {}
    corrections: tuple[Path, Any] | None = None
    unreadable = len(problems)
    for path in paths:
        if path.suffix.lower() != ".json":
            continue  # notes, READMEs and the like may sit beside the data
        name = path.stem
        if path.name != CORRECTIONS_FILE and name not in RECORD_TYPES:
            problems.append(f"{path}: not a collection file{_file_hint(path.name)}")
            continue
        data, problem = _read_json(path)
        if problem is not None:
            problems.append(f"{path}: {problem}")
        elif path.name == CORRECTIONS_FILE:
            corrections = (path, data)
        else:
            files[name] = (path, data)
    if not files and corrections is None and len(problems) == unreadable:
        raise DataError([f"{shown}: no collection files (expected e.g. meetings.json)"])
    return files, corrections


def _file_hint(filename: str) -> str:
    stem = filename.rsplit(".", 1)[0]
    if stem.lower() == "summits":
        return "; summits are the meetings of leaders-level mechanisms: put them in meetings.json"
    choices = [f"{name}.json" for name in RECORD_TYPES] + [CORRECTIONS_FILE]
    close = _close(filename.lower(), choices)
    if close:
        return f"; did you mean {', '.join(close)}?"
    return f"; expected {', '.join(choices)}"


class _DuplicateKey(ValueError):
    pass


_SPACED_KEY = re.compile(r'"\s+:')


class _KeyCounter:
    """An ``object_hook`` that counts the keys of every object json.loads builds."""

    __slots__ = ("count",)

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, obj: dict[str, Any]) -> dict[str, Any]:
        self.count += len(obj)
        return obj


def _may_repeat_keys(text: str, parsed_keys: int) -> bool:
    """Whether some object in the file might repeat a key (json.loads would hide it).

    Every key in the text ends in a quote and a colon, and so may a string value; a repeated
    key leaves fewer keys in the parsed objects. If the text has no more quote-colons than the
    parsed objects have keys, no key can have been repeated, and the slow check is skipped.
    """
    return text.count('":') + len(_SPACED_KEY.findall(text)) != parsed_keys


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # json.loads keeps the last of two equal keys without a word; a data file must not.
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return result


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _read_json(path: Path) -> tuple[Any, str | None]:
    """The JSON value in ``path``, or None and what is wrong with the file."""
    try:
        if not path.is_file():
            return None, "not a regular file"
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, f"{size} bytes, larger than the {MAX_FILE_BYTES} bytes allowed"
        with path.open("rb") as file:
            # read(n) reserves n bytes first, so ask for the size, and more only if it grew.
            data = file.read(size + 1)
            if len(data) > size:
                data += file.read(MAX_FILE_BYTES + 1 - len(data))
    except OSError as error:
        return None, f"cannot be read: {_reason(error)}"
    if len(data) > MAX_FILE_BYTES:
        return None, f"larger than the {MAX_FILE_BYTES} bytes allowed"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return None, f"not UTF-8 text ({error.reason} at byte {error.start})"
    try:
        keys = _KeyCounter()
        value = json.loads(text, object_hook=keys, parse_constant=_no_constant)
        if _may_repeat_keys(text, keys.count):
            value = json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_no_constant)
        return value, None
    except json.JSONDecodeError as error:
        return None, f"invalid JSON at line {error.lineno} column {error.colno}: {error.msg}"
    except _DuplicateKey as error:
        return (
            None,
            f"invalid JSON: the key {_shorten(repr(error.args[0]))} appears twice in one object",
        )
    except RecursionError:
        return (
            None,
            f"invalid JSON: nested too deeply to read (records need {MAX_DEPTH} levels at most)",
        )
    except ValueError as error:  # NaN, Infinity, or an integer too long to convert
        return None, f"invalid JSON: {error}"


# --------------------------------------------------------------------------- records


def structure_collections(
    data: Mapping[str, Any],
    origin: str,
    problems: list[str] | None = None,
    files: bool = False,
) -> Records:
    """Turn ``{collection: [dict, ...]}`` into records, collecting every problem.

    Raises :class:`~korea_diplomacy.DataError` unless a ``problems`` list is given to fill.
    With ``files``, ``origin`` is a directory and problems name ``origin/<collection>.json``.
    """
    if not isinstance(data, Mapping):
        raise TypeError(
            f"expected a mapping of collection names to lists, not {type(data).__name__}"
        )
    found: list[str] = [] if problems is None else problems
    out: Records = {}
    for name, raw in data.items():
        if not isinstance(name, str) or name not in RECORD_TYPES:
            close = _close(str(name), RECORD_TYPES)
            found.append(
                f"{origin}: unknown collection {_shorten(repr(name))}; "
                f"valid: {', '.join(close or RECORD_TYPES)}"
            )
            continue
        where = f"{Path(origin) / name}.json" if files else f"{origin}: {name}"
        out[name] = tuple(record for _, record in _structure_list(raw, name, where, found))
    if problems is None and found:
        raise DataError(found)
    return out


def _structure_list(
    raw: Any, name: str, where: str, problems: list[str]
) -> list[tuple[str | int, Record | Source]]:
    """The records of one collection file, each with its position; problems are appended.

    (Use :func:`_label_at` to name a record in a message: labels are made only when needed.)
    """
    from .fast import Rejected, structure

    if not isinstance(raw, list):
        problems.append(f"{where}: expected a JSON list of records, not {_json_type(raw)}")
        return []
    record_type = RECORD_TYPES[name]
    records: list[tuple[str | int, Record | Source]] = []
    seen: set[str] = set()
    for position, item in enumerate(raw):
        try:
            record = structure(item, record_type)  # the fast path every good record takes
        except Rejected:
            label = _label_at(raw, position)
            record = _structure_one(item, record_type, f"{where}: {label}", problems)
            if record is None:
                continue
        if record.id in seen:
            label = _label_at(raw, position)
            problems.append(f"{where}: {label}: id: {record.id} is used twice in this file")
            continue
        seen.add(record.id)
        records.append((position, record))
    return records


def _label_at(raw: list[Any], position: str | int) -> str:
    if isinstance(position, str):
        return position
    return _label(raw[position], f"record {position}")


def _structure_one(item: Any, record_type: type, where: str, problems: list[str]) -> Any:
    """One record built from ``item``, or None after appending what is wrong with it."""
    from .fast import Rejected, structure

    if not isinstance(item, dict):
        problems.append(f"{where}: expected a JSON object, not {_json_type(item)}")
        return None
    try:
        return structure(item, record_type)
    except Rejected:
        # Only bad records pay for the detailed converter, whose errors say what and where.
        problems.extend(f"{where}: {line}" for line in _explain(item, record_type))
        return None


def _explain(item: dict[str, Any], record_type: type) -> list[str]:
    if _deeper_than(item, MAX_DEPTH):
        return [f"nested deeper than {MAX_DEPTH} levels; records need about eight"]
    from .convert import converter, describe_error

    try:
        converter().structure(item, record_type)
    except RecursionError:
        return [f"nested too deeply to read (records need {MAX_DEPTH} levels at most)"]
    except Exception as error:  # the converter wraps every failure; report them all
        return describe_error(error)
    return ["the record could not be read"]  # pragma: no cover - both paths agree (tests)


def _structure_corrections(
    raw: Any, bundled: Dataset, where: str, problems: list[str]
) -> list[tuple[str, str, Record | Source]]:
    """(collection, label, record) for every well-formed correction of a bundled record."""
    if not isinstance(raw, list):
        problems.append(
            f"{where}: expected a JSON list of corrections, not {_json_type(raw)}; each is "
            '{"collection": ..., "reason": ..., "record": {...}}'
        )
        return []
    out = []
    for position, item in enumerate(raw):
        record_data = item.get("record") if isinstance(item, dict) else None
        label = _label(record_data, f"correction {position}")
        at = f"{where}: {label}"
        if not isinstance(item, dict):
            problems.append(f"{at}: expected a JSON object, not {_json_type(item)}")
            continue
        unknown = sorted(set(item) - set(_CORRECTION_FIELDS))
        missing = [key for key in _CORRECTION_FIELDS if key not in item]
        if unknown:
            listed = ", ".join(_shorten(repr(key)) for key in unknown)
            problems.append(
                f"{at}: unknown field(s) {listed}; a correction has collection, reason and record"
            )
        for key in missing:
            problems.append(f"{at}: {key}: missing")
        name, reason = item.get("collection"), item.get("reason")
        if "collection" in item and (not isinstance(name, str) or name not in RECORD_TYPES):
            close = _close(str(name), RECORD_TYPES)
            problems.append(
                f"{at}: collection: {_shorten(repr(name))} is not a collection; "
                f"valid: {', '.join(close or RECORD_TYPES)}"
            )
            name = None
        if "reason" in item and (not isinstance(reason, str) or not reason.strip()):
            problems.append(f"{at}: reason: say why the bundled record is wrong")
        if unknown or missing or name is None or not isinstance(reason, str):
            continue
        record_id = record_data.get("id") if isinstance(record_data, dict) else None
        if isinstance(record_id, str) and record_id not in bundled.collection(name):
            # Said before the record is read: its fields may be another collection's.
            other = _collection_of(bundled, record_id)
            also = f" (it is a {other} record)" if other else f"; a new record goes in {name}.json"
            problems.append(
                f"{at}: record.id: {_shorten(record_id, 80)} is not a bundled {name} record{also}"
            )
            continue
        record = _structure_one(record_data, RECORD_TYPES[name], f"{at}: record", problems)
        if record is None:
            continue
        if bundled.collection(name)[record.id] == record:
            problems.append(f"{at}: record: the same as the bundled record; it corrects nothing")
        elif reason.strip():
            out.append((name, label, record))
    return out


# --------------------------------------------------------------------------- messages


def _locate(violation: Any, origin: Mapping[str, str], directory: Path) -> str:
    """A violation found in the combined data, said where the user can find it."""
    v = violation
    text = f"{v.field}: {v.message} [{v.invariant}]"
    if v.record_id in origin:
        return f"{origin[v.record_id]}: {v.record_id}: {text}"
    # A bundled record broken by the user's records (a part of a bundled total, say).
    return f"{_shorten(str(directory))}: bundled {v.collection} record {v.record_id}: {text}"


def _collection_of(bundled: Dataset, record_id: str) -> str | None:
    """The bundled collection that has a record with this id, if any."""
    global _bundled_ids
    ids = _bundled_ids
    if ids is None or bundled is not _bundled:
        ids = {r.id: name for name in reversed(RECORD_TYPES) for r in bundled.collection(name)}
        if bundled is _bundled:
            _bundled_ids = ids
    return ids.get(record_id)


def _deeper_than(value: Any, limit: int) -> bool:
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return True
        if isinstance(item, dict):
            stack.extend((child, depth + 1) for child in item.values())
        elif isinstance(item, list):
            stack.extend((child, depth + 1) for child in item)
    return False


def _json_type(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "true or false"}
    if value is None:
        return "null"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return "a number"
    return names.get(type(value), type(value).__name__)


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error) or type(error).__name__


def _shorten(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else f"{text[: limit // 2]}...{text[-limit // 4 :]}"


def _close(word: str, choices: Iterable[str]) -> list[str]:
    import difflib  # only errors need it

    return difflib.get_close_matches(word[:200], list(choices), n=3)


def _label(item: Any, position: str) -> str:
    record_id = item.get("id") if isinstance(item, dict) else None
    if isinstance(record_id, str) and record_id:
        return f"{position} ({_shorten(record_id, 80)})"
    return position


def _reset_for_tests() -> None:
    """Forget the cached bundled dataset (tests use this to count loads)."""
    global _bundled, _bundled_violations, _bundled_ids
    with _lock:
        _bundled = None
        _bundled_violations = None
        _bundled_ids = None
