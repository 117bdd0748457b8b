"""What changed between two versions of the data: records added, removed and changed.

:func:`diff` compares two data packages, each a directory written by
``kd.export(directory, format="json")`` (of any release), the word ``"installed"`` for the
data this package bundles, or a :class:`~korea_diplomacy.Dataset`. Records are matched by
id within each collection and compared field by field as JSON, so packages of releases with
different fields compare too: a field one side lacks is reported as added or removed.

>>> import tempfile, korea_diplomacy as kd
>>> with tempfile.TemporaryDirectory() as out:
...     _ = kd.export(out, format="json")
...     bool(diff(out, "installed"))
False
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

import attrs

from .errors import DataError

__all__ = ["CollectionDiff", "FieldChange", "PackageDiff", "RecordChange", "diff"]

INSTALLED = "installed"
"""The name that stands for the bundled data."""

_LARGEST_FILE = 500_000_000  # bytes: a collection file is a few MB; refuse to read a huge one


@attrs.frozen
class FieldChange:
    """One field of a record that differs: ``old`` and ``new`` are its values as compact JSON
    text, ``None`` where the field is absent on that side.

    >>> FieldChange("city", '"Hanoi"', '"Ha Noi"').kind
    'changed'
    """

    field: str
    old: str | None
    new: str | None

    @property
    def kind(self) -> Literal["added", "removed", "changed"]:
        """``added`` (absent in the old record), ``removed`` (absent in the new) or
        ``changed``."""
        if self.old is None:
            return "added"
        return "removed" if self.new is None else "changed"


@attrs.frozen
class RecordChange:
    """A record present on both sides whose fields differ, with each field that does.

    >>> change = RecordChange("asean-rok-summit-2", (FieldChange("city", '"Hanoi"', '"Ha Noi"'),))
    >>> [(field.field, field.kind) for field in change.fields]
    [('city', 'changed')]
    """

    id: str
    fields: tuple[FieldChange, ...]


@attrs.frozen
class CollectionDiff:
    """The differences in one collection: ids added and removed (sorted), records changed;
    true when any.

    >>> bool(CollectionDiff("funds")), bool(CollectionDiff("funds", removed=("akcf",)))
    (False, True)
    """

    name: str
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    changed: tuple[RecordChange, ...] = ()

    def __bool__(self) -> bool:
        """Whether anything differs."""
        return bool(self.added or self.removed or self.changed)


@attrs.frozen
class PackageDiff:
    """Every collection that differs, in the new package's order; true when any does.

    ``old`` and ``new`` say what was compared (a directory, ``installed`` or ``dataset``).

    >>> found = PackageDiff("old/", "installed", (CollectionDiff("events", added=("e-1",)),))
    >>> bool(found), [c.name for c in found.collections]
    (True, ['events'])
    """

    old: str
    new: str
    collections: tuple[CollectionDiff, ...]

    def __bool__(self) -> bool:
        """Whether anything differs."""
        return bool(self.collections)


def diff(old: str | os.PathLike[str] | Any, new: str | os.PathLike[str] | Any) -> PackageDiff:
    """The differences from ``old`` to ``new``, each an exported JSON data package's directory,
    ``"installed"`` (the bundled data; write ``./installed`` for a directory of that name) or
    a :class:`~korea_diplomacy.Dataset`.

    Raises :class:`~korea_diplomacy.DataError` when a directory is not a JSON export (with
    the file and record at fault), and TypeError for anything else.

    >>> import korea_diplomacy as kd
    >>> mine = kd.Dataset.from_dict({**kd.load().to_dict(), "funds": []})
    >>> found = diff("installed", mine)
    >>> [(c.name, len(c.removed)) for c in found.collections]
    [('funds', 4)]
    """
    old_label, old_records = _package(old)
    new_label, new_records = _package(new)
    names = list(dict.fromkeys([*new_records, *old_records]))
    found = []
    for name in names:
        before = old_records.get(name, {})
        after = new_records.get(name, {})
        changed = []
        for record_id in after.keys() & before.keys():
            fields = _changed_fields(before[record_id], after[record_id])
            if fields:
                changed.append(RecordChange(record_id, fields))
        collection = CollectionDiff(
            name,
            added=tuple(sorted(after.keys() - before.keys())),
            removed=tuple(sorted(before.keys() - after.keys())),
            changed=tuple(sorted(changed, key=lambda change: change.id)),
        )
        if collection:
            found.append(collection)
    return PackageDiff(old_label, new_label, tuple(found))


def _changed_fields(old: Mapping[str, str], new: Mapping[str, str]) -> tuple[FieldChange, ...]:
    if old == new:
        return ()
    order = list(dict.fromkeys([*new, *old]))  # the new record's field order, then the gone
    return tuple(
        FieldChange(field, old.get(field), new.get(field))
        for field in order
        if old.get(field) != new.get(field)
    )


Records = dict[str, dict[str, dict[str, str]]]
"""collection -> id -> field -> the field's value as compact JSON text."""


def _package(source: object) -> tuple[str, Records]:
    from .dataset import Dataset

    if isinstance(source, Dataset):
        return "dataset", _from_dataset(source)
    if not isinstance(source, (str, os.PathLike)):
        raise TypeError(
            f"expected a directory, 'installed' or a Dataset, not {type(source).__name__}"
        )
    if isinstance(source, str) and source == INSTALLED:
        from ._loading import load

        return INSTALLED, _from_dataset(load())
    path = Path(os.fspath(source))
    return str(path), _from_directory(path)


def _from_dataset(dataset: Any) -> Records:
    from .datapackage import json_rows
    from .model import record_classes

    return {
        name: {row["id"]: _texts(row) for row in json_rows(dataset.collection(name))}
        for name in record_classes()
    }


def _from_directory(directory: Path) -> Records:
    if not str(directory).strip():
        raise DataError(["the package directory is empty: name a directory"])
    descriptor_path = directory / "datapackage.json"
    if not directory.is_dir():
        raise DataError([f"{directory}: not a directory (nor {INSTALLED!r})"])
    descriptor = _read_json(descriptor_path, "a JSON data package exported by korea-diplomacy")
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    if not isinstance(resources, list):
        raise DataError([f"{descriptor_path}: not a data package descriptor (no resources)"])
    found: Records = {}
    for position, resource in enumerate(resources):
        where = f"{descriptor_path}: resources[{position}]"
        if not isinstance(resource, dict) or not isinstance(resource.get("name"), str):
            raise DataError([f"{where}: expected a resource with a name"])
        name = resource["name"]
        if resource.get("format") != "json" or resource.get("path") != f"{name}.json":
            raise DataError(
                [
                    f"{where}: {name} is not a JSON table {name}.json (format "
                    f"{resource.get('format')!r}); diff reads exports made with --format json"
                ]
            )
        if Path(name).name != name or name in (".", ".."):
            raise DataError([f"{where}: {name!r} is not a collection name"])
        found[name] = _records(directory / f"{name}.json")
    return found


def _records(path: Path) -> dict[str, dict[str, str]]:
    rows = _read_json(path, "a JSON list of records")
    if not isinstance(rows, list):
        raise DataError([f"{path}: expected a JSON list of records, not {type(rows).__name__}"])
    found: dict[str, dict[str, str]] = {}
    for position, row in enumerate(rows):
        if not isinstance(row, dict) or not isinstance(row.get("id"), str):
            raise DataError([f"{path}: [{position}]: expected a record with a text id"])
        if row["id"] in found:
            raise DataError([f"{path}: [{position}]: id {row['id']!r} appears twice"])
        found[row["id"]] = _texts(row)
    return found


def _read_json(path: Path, what: str) -> Any:
    try:
        if path.stat().st_size > _LARGEST_FILE:
            raise DataError([f"{path}: larger than {_LARGEST_FILE} bytes; not {what}"])
        return json.loads(path.read_bytes())
    except FileNotFoundError:
        raise DataError([f"{path}: missing; expected {what}"]) from None
    except OSError as error:
        raise DataError([f"{path}: cannot be read: {error.strerror or error}"]) from None
    except (ValueError, RecursionError) as error:
        raise DataError([f"{path}: not valid JSON ({error}); expected {what}"]) from None


def _texts(row: Mapping[str, Any]) -> dict[str, str]:
    # Compact JSON with sorted keys: equal values give equal texts, and JSON's `1` and
    # `true` (equal in Python) stay apart.
    return {
        field: json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        for field, value in row.items()
    }
