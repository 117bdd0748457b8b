"""Reading records you give: a directory of your own files, ``corrections.json``, a dict.

Everything here goes through cattrs (:mod:`korea_diplomacy._convert`), and every problem is
collected with its file, record and field before one :class:`~korea_diplomacy.DataError`
reports them all. The combination with the bundled data is validated before it is returned;
the bundled dataset is never changed.
"""

from __future__ import annotations

import difflib
import errno
import json
import os
import re
import stat
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ._convert import describe_error, json_type, structure
from ._plan import references, walk
from .dataset import Dataset
from .errors import DataError
from .model import Citation, Record, Source, record_classes
from .validation import violations

__all__ = [
    "CORRECTIONS_FILE",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_PROBLEMS",
    "Problems",
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


MAX_PROBLEMS = 1000
"""Most problems one :class:`~korea_diplomacy.DataError` lists; past them, the rest are only
counted (``DataError.unlisted``), a bad record once each, without working out what is wrong."""


CORRECTIONS_FILE = "corrections.json"
"""The file in a user directory whose entries replace bundled records, each with a reason."""


class Problems(list[str]):
    """The problems found so far: the first :data:`MAX_PROBLEMS` listed, the rest counted.

    >>> found = Problems()
    >>> found.extend(f"problem {n}" for n in range(MAX_PROBLEMS + 2))
    >>> len(found), found.unlisted, found.full
    (1000, 2, True)
    """

    def __init__(self) -> None:
        super().__init__()
        self.unlisted = 0

    @property
    def full(self) -> bool:
        """Whether no more problems will be listed (what is wrong need not be worked out)."""
        return len(self) >= MAX_PROBLEMS

    def append(self, problem: str) -> None:
        if self.full:
            self.unlisted += 1
        else:
            super().append(problem)

    def extend(self, problems: Iterable[str]) -> None:
        for problem in problems:
            self.append(problem)

    def count_one(self) -> None:
        """Count a problem that is not described (the list is full)."""
        self.unlisted += 1

    def error(self) -> DataError:
        """The error that reports them."""
        return DataError(self, self.unlisted)


_CORRECTION_FIELDS = ("collection", "reason", "record")


def load_directory(directory: Path, bundled: Dataset) -> Dataset:
    """The bundled data plus the records of ``directory``, validated; see :func:`load`."""
    problems = Problems()
    files, corrections_file = _read_directory(directory, problems)
    origin: dict[str, str] = {}  # id of each user record -> the file it came from
    added: dict[str, list[Record | Source]] = {}
    for name, (file, raw) in files.items():
        where = _shown(file)
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
        where = _shown(file)
        for name, label, record in _structure_corrections(raw, bundled, where, problems):
            # (A bundled id in a collection file was refused above: no need to look there.)
            if record.id in corrected.get(name, {}):
                problems.append(f"{where}: {label}: record.id: {record.id} is corrected twice")
            else:
                origin[record.id] = where
                corrected.setdefault(name, {})[record.id] = record
    if problems:
        raise problems.error()
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
        blame = _Blame(origin, directory, dataset, fixes)
        listed = [blame(v) for v in found[:MAX_PROBLEMS]]
        raise DataError(listed, unlisted=len(found) - len(listed))
    return dataset


def _read_directory(
    directory: Path, problems: Problems
) -> tuple[dict[str, tuple[Path, Any]], tuple[Path, Any] | None]:
    """The parsed collection files and corrections file of ``directory``: every other file is
    reported, as is a file that cannot be read; a directory that cannot be read is raised.
    Names beginning with a dot (``.git``, ``.DS_Store``) are ignored, as ``ls`` does."""
    shown = _shown(directory)
    try:
        names = sorted(os.listdir(directory))
    except ValueError:  # a NUL character in the path
        raise DataError([f"{shown}: not a directory (a name with a NUL character)"]) from None
    except OSError as error:
        if error.errno in (errno.ENOENT, errno.ENOTDIR, errno.ELOOP):
            raise DataError([f"{shown}: not a directory ({_what_is(directory)})"]) from None
        raise DataError([f"{shown}: cannot read the directory: {_reason(error)}"]) from None
    files: dict[str, tuple[Path, Any]] = {}
    corrections: tuple[Path, Any] | None = None
    seen = False
    for name in names:
        if name.startswith("."):
            continue
        seen = True
        path = directory / name
        collection = name[: -len(".json")] if name.endswith(".json") else None
        if name != CORRECTIONS_FILE and collection not in record_classes():
            if problems.full:
                problems.count_one()
            else:
                problems.append(f"{_shown(path)}: not a collection file{_file_hint(name)}")
            continue
        data, problem = _read_json(path)
        if problem is not None:
            problems.append(f"{_shown(path)}: {problem}")
        elif name == CORRECTIONS_FILE:
            corrections = (path, data)
        else:
            assert collection is not None
            files[collection] = (path, data)
    if not seen:
        raise DataError([f"{shown}: no collection files (expected e.g. meetings.json)"])
    return files, corrections


def _what_is(path: Path) -> str:
    """What is at ``path``, for a message: nothing, a file, a symbolic link that leads
    nowhere..."""
    try:
        mode = os.stat(path).st_mode
    except OSError as error:
        return _broken_link(path, error) or "nothing there"
    return _kind(mode)


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISREG(mode):
        return "a file"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a file"


def _broken_link(path: Path, error: OSError) -> str | None:
    """What is wrong with ``path`` if it is a symbolic link that cannot be followed."""
    if error.errno == errno.ELOOP:
        return "a symbolic link that leads back to itself"
    if error.errno == errno.ENOENT and os.path.islink(path):
        try:
            target = os.readlink(path)
        except OSError:
            return "a symbolic link to something that does not exist"
        return f"a symbolic link to {_quoted(target)}, which does not exist"
    return None


def _file_hint(filename: str) -> str:
    """Why a file is not read, and the file it may have been meant to be."""
    choices = [f"{name}.json" for name in record_classes()] + [CORRECTIONS_FILE]
    stripped = filename.strip()
    folded = unicodedata.normalize("NFKC", stripped).casefold()
    stem = folded.split(".", 1)[0]
    if stem == "summits":
        return "; summits are the meetings of leaders-level mechanisms: put them in meetings.json"
    if stripped in choices:
        return f"; did you mean {stripped}? (the name has spaces around it)"
    for choice in choices:
        if folded == choice:
            return f"; did you mean {choice}? (file names are case-sensitive)"
    for choice in choices:
        if stem == choice.split(".")[0]:
            return f"; did you mean {choice}? (records are read from .json files only)"
    close = _close(folded, choices)
    if close:
        return f"; did you mean {', '.join(close)}?"
    return (
        "; a directory of records holds only the files of collections and corrections: "
        f"{', '.join(choices)} (and names beginning with a dot, which are ignored)"
    )


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
        # Opened without waiting (a named pipe would wait for a writer for ever), then
        # checked to be a regular file: what is read is what was checked.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as error:
        return None, _broken_link(path, error) or f"cannot be read: {_reason(error)}"
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None, f"not a regular file ({_kind(info.st_mode)})"
        size = info.st_size
        if size > MAX_FILE_BYTES:
            return None, f"{size} bytes, larger than the {MAX_FILE_BYTES} bytes allowed"
        with os.fdopen(fd, "rb", closefd=False) as file:
            # read(n) reserves n bytes first, so ask for the size, and more only if it grew.
            data = file.read(size + 1)
            if len(data) > size:
                data += file.read(MAX_FILE_BYTES + 1 - len(data))
    except OSError as error:
        return None, f"cannot be read: {_reason(error)}"
    finally:
        os.close(fd)
    if len(data) > MAX_FILE_BYTES:
        return None, f"larger than the {MAX_FILE_BYTES} bytes allowed"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return None, f"not UTF-8 text ({error.reason} at byte {error.start})"
    del data  # the text alone is kept while the JSON is read: memory near the file's size
    try:
        keys = _KeyCounter()
        value = json.loads(text, object_hook=keys, parse_constant=_no_constant)
        if _may_repeat_keys(text, keys.count):
            del value
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
    problems: Problems | None = None,
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
    found = Problems() if problems is None else problems
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
        raise found.error()
    return out


def _structure_list(
    raw: Any, name: str, where: str, problems: Problems
) -> list[tuple[str | int, Record | Source]]:
    """The records of one collection file, each with its position; problems are appended.

    (Use :func:`_label_at` to name a record in a message: labels are made only when needed.)
    Once ``problems`` is full, a bad record is counted, and what is wrong not worked out.
    """
    if not isinstance(raw, list):
        problems.append(f"{where}: expected a JSON list of records, not {json_type(raw)}")
        return []
    record_type = record_classes()[name]
    records: list[tuple[str | int, Record | Source]] = []
    seen: set[str] = set()
    for position, item in enumerate(raw):
        record: Any = None
        if type(item) is dict:
            try:
                record = structure(item, record_type, detailed=False)  # every good record
            except Exception:
                record = None
        if record is None:
            if problems.full:
                problems.count_one()
                continue
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


def _structure_one(item: Any, record_type: type, where: str, problems: Problems) -> Any:
    """One record built from ``item``, or None after appending what is wrong with it (only
    counting it, once ``problems`` is full)."""
    if problems.full:
        try:
            return structure(item, record_type, detailed=False)
        except Exception:
            problems.count_one()
            return None
    if not isinstance(item, dict):
        problems.append(f"{where}: expected a JSON object, not {json_type(item)}")
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
    raw: Any, bundled: Dataset, where: str, problems: Problems
) -> list[tuple[str, str, Record | Source]]:
    """(collection, label, record) for every well-formed correction of a bundled record."""
    if not isinstance(raw, list):
        problems.append(
            f"{where}: expected a JSON list of corrections, not {json_type(raw)}; each is "
            '{"collection": ..., "reason": ..., "record": {...}}'
        )
        return []
    out = []
    for position, item in enumerate(raw):
        record_data = item.get("record") if isinstance(item, dict) else None
        label = _label(record_data, f"correction {position}")
        at = f"{where}: {label}"
        if not isinstance(item, dict):
            problems.append(f"{at}: expected a JSON object, not {json_type(item)}")
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


class _Blame:
    """Says where the user can find each violation found in the combined data."""

    def __init__(
        self, origin: Mapping[str, str], directory: Path, dataset: Dataset, fixes: set[str]
    ) -> None:
        self.origin = origin
        self.place = _shown(directory)
        self.dataset = dataset
        self.fixes = fixes
        self._referrers: dict[str, set[str]] | None = None

    def __call__(self, violation: Any) -> str:
        v = violation
        text = f"{v.field}: {v.message} [{v.invariant}]"
        if v.record_id in self.origin:
            return f"{self.origin[v.record_id]}: {v.record_id}: {text}"
        # A bundled record broken by the user's records: name the ones that touch it, or
        # that the message names (a meeting whose ordinal another now has), else all of them.
        yours = self.origin.keys()
        record = self.dataset.get(v.record_id)
        touched = self.related(record) if record is not None else set()
        touched.update(_ID_WORD.findall(v.message))
        causes = "; ".join(
            f"your {'correction of' if cause in self.fixes else 'record'} {cause} in "
            f"{self.origin[cause]}"
            for cause in sorted(touched & yours or yours)
        )
        return (
            f"{self.place}: bundled {v.collection} record {v.record_id}: {text} "
            f"(caused by {causes})"
        )

    def related(self, record: Any) -> set[str]:
        """Ids a record depends on: what it refers to and cites, and the records that refer
        to it (a total's parts, a mechanism's meetings)."""
        found = {target for _, _, target in references(record) if isinstance(target, str)}
        found.update(i.source for _, i, _, _ in walk(record) if type(i) is Citation)
        if self._referrers is None:  # made once, on the first bundled record to blame
            self._referrers = {}
            for name in record_classes():
                for other in self.dataset.collection(name):
                    for _, _, target in references(other):
                        if isinstance(target, str):
                            self._referrers.setdefault(target, set()).add(other.id)
        found.update(self._referrers.get(record.id, ()))
        return found


_ID_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


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


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error) or type(error).__name__


def _shown(path: Path | str, limit: int = 200) -> str:
    """A path as a message shows it: bytes that are not UTF-8 as ``\\xff``, control
    characters escaped, and not endless."""
    text = str(path)
    if not text.isprintable():
        text = "".join(_escaped(c) for c in text)
    return _shorten(text, limit)


def _escaped(character: str) -> str:
    if character.isprintable():
        return character
    if "\udc80" <= character <= "\udcff":  # a byte of a name that is not UTF-8
        return f"\\x{ord(character) - 0xDC00:02x}"
    return repr(character)[1:-1]


def _quoted(text: str) -> str:
    return repr(_shown(text))


def _shorten(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else f"{text[: limit // 2]}...{text[-limit // 4 :]}"


def _close(word: str, choices: Iterable[str]) -> list[str]:
    return difflib.get_close_matches(word[:200], list(choices), n=3)


def _label(item: Any, position: str) -> str:
    record_id = item.get("id") if isinstance(item, dict) else None
    if isinstance(record_id, str) and record_id:
        return f"{position} ({_shorten(record_id, 80)})"
    return position
