"""Reading records you give: a directory of your own files, ``corrections.json``, a dict.

Everything here goes through cattrs (:mod:`korea_diplomacy._convert`), and every problem is
collected with its file, record and field before one :class:`~korea_diplomacy.DataError`
reports them all. The combination with the bundled data is validated before it is returned;
the bundled dataset is never changed.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ._convert import describe_error, structure
from ._plan import references, walk
from .dataset import Dataset
from .errors import DataError
from .model import Citation, Record, Source, record_classes
from .validation import violations

__all__ = [
    "CORRECTIONS_FILE",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "load_directory",
    "structure_collections",
]

Records = dict[str, tuple[Record | Source, ...]]

_bundled_ids: tuple[Dataset, dict[str, str]] | None = None  # the bundled ids, by collection


def forget_bundled_ids() -> None:
    """Forget the cached index of bundled ids (when the bundled dataset is reset)."""
    global _bundled_ids
    _bundled_ids = None


MAX_FILE_BYTES = 32 * 1024 * 1024
"""Largest file :func:`load` reads from a directory (32 MiB, some 100,000 records); bigger
files are refused unread."""


MAX_DEPTH = 32
"""Deepest nesting of JSON values a record may have; records need about eight levels."""


CORRECTIONS_FILE = "corrections.json"
"""The file in a user directory whose entries replace bundled records, each with a reason."""


_CORRECTION_FIELDS = ("collection", "reason", "record")


def load_directory(directory: Path, bundled: Dataset) -> Dataset:
    """The bundled data plus the records of ``directory``, validated; see :func:`load`."""
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
        for name in record_classes()
    }
    dataset = Dataset(combined)
    # The bundled data holds every invariant (the tests check it): only the user's records
    # are checked one by one, and the records citing a corrected source; the checks across
    # records look at everything.
    changed = set(origin)
    if "sources" in corrected:
        changed.update(r.id for name in record_classes() for r in dataset.collection(name))
    found = violations(dataset, check_types=False, only=changed)
    if found:
        fixes = {record_id for records in corrected.values() for record_id in records}
        raise DataError([_locate(v, origin, directory, dataset, fixes) for v in found])
    return dataset


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
        if path.name != CORRECTIONS_FILE and name not in record_classes():
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
    choices = [f"{name}.json" for name in record_classes()] + [CORRECTIONS_FILE]
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
        if not isinstance(name, str) or name not in record_classes():
            close = _close(str(name), record_classes())
            found.append(
                f"{origin}: unknown collection {_shorten(repr(name))}; "
                f"valid: {', '.join(close or record_classes())}"
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
    if not isinstance(raw, list):
        problems.append(f"{where}: expected a JSON list of records, not {_json_type(raw)}")
        return []
    record_type = record_classes()[name]
    records: list[tuple[str | int, Record | Source]] = []
    seen: set[str] = set()
    for position, item in enumerate(raw):
        record: Any
        try:
            record = structure(item, record_type, detailed=False)  # every good record
        except Exception:
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
    if not isinstance(item, dict):
        problems.append(f"{where}: expected a JSON object, not {_json_type(item)}")
        return None
    if _deeper_than(item, MAX_DEPTH):
        problems.append(f"{where}: nested deeper than {MAX_DEPTH} levels; records need about eight")
        return None
    try:
        return structure(item, record_type, detailed=True)
    except RecursionError:
        problems.append(f"{where}: nested too deeply to read (records need {MAX_DEPTH} levels)")
    except Exception as error:
        problems.extend(f"{where}: {line}" for line in describe_error(error))
    return None


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
        if "collection" in item and (not isinstance(name, str) or name not in record_classes()):
            close = _close(str(name), record_classes())
            problems.append(
                f"{at}: collection: {_shorten(repr(name))} is not a collection; "
                f"valid: {', '.join(close or record_classes())}"
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
        record = _structure_one(record_data, record_classes()[name], f"{at}: record", problems)
        if record is None:
            continue
        if bundled.collection(name)[record.id] == record:
            problems.append(f"{at}: record: the same as the bundled record; it corrects nothing")
        elif reason.strip():
            out.append((name, label, record))
    return out


def _locate(
    violation: Any,
    origin: Mapping[str, str],
    directory: Path,
    dataset: Dataset,
    fixes: set[str],
) -> str:
    """A violation found in the combined data, said where the user can find it."""
    v = violation
    text = f"{v.field}: {v.message} [{v.invariant}]"
    if v.record_id in origin:
        return f"{origin[v.record_id]}: {v.record_id}: {text}"
    # A bundled record broken by the user's records: name the ones that touch it.
    record = dataset.get(v.record_id)
    yours = set(origin)
    touched = (_related(record, dataset) & yours) if record is not None else set()
    causes = "; ".join(
        f"your {'correction of' if cause in fixes else 'record'} {cause} in {origin[cause]}"
        for cause in sorted(touched or yours)
    )
    place = _shorten(str(directory))
    return f"{place}: bundled {v.collection} record {v.record_id}: {text} (caused by {causes})"


def _related(record: Any, dataset: Dataset) -> set[str]:
    """Ids a record depends on: what it refers to and cites, and the records that refer to
    it (a total's parts, a mechanism's meetings)."""
    found = {target for _, _, target in references(record) if isinstance(target, str)}
    found.update(i.source for _, i, _, _ in walk(record) if type(i) is Citation)
    for name in record_classes():
        for other in dataset.collection(name):
            if any(target == record.id for _, _, target in references(other)):
                found.add(other.id)
    return found


def _collection_of(bundled: Dataset, record_id: str) -> str | None:
    """The bundled collection that has a record with this id, if any."""
    global _bundled_ids
    if _bundled_ids is None or _bundled_ids[0] is not bundled:
        names = list(reversed(list(record_classes())))
        ids = {r.id: name for name in names for r in bundled.collection(name)}
        _bundled_ids = (bundled, ids)
    return _bundled_ids[1].get(record_id)


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
    return difflib.get_close_matches(word[:200], list(choices), n=3)


def _label(item: Any, position: str) -> str:
    record_id = item.get("id") if isinstance(item, dict) else None
    if isinstance(record_id, str) and record_id:
        return f"{position} ({_shorten(record_id, 80)})"
    return position
