"""The SQLite export: one database made from the field plan.

- **One table per collection**, with the flat columns of :func:`korea_diplomacy.tables.columns`
  typed ``INTEGER`` (whole numbers, and true/false as 1/0), ``REAL`` (amounts) or ``TEXT``
  (text, dates as ISO ``YYYY-MM-DD``, the EDTF date as written, lists of structured values as
  JSON); ``id`` is the primary key, a column of ids has a foreign key to its collection, a
  column of a vocabulary a ``CHECK`` of its words.
- **A child table for each list of nested values or ids** of a record, named
  ``<collection>_<field>``: ``meetings_citations(meeting_id, position, source, section,
  note)``, ``meetings_participants(meeting_id, position, value)``... ``position`` counts from 0,
  as in the JSON paths of validation messages (``citations[0]``); ``value`` holds an id, with a
  foreign key to its collection. A nested value's own columns are those
  :func:`~korea_diplomacy.tables.columns` gives its class (its own lists stay JSON text).
- **A full-text index**, the FTS5 table ``search(collection, id, name, text)``: one row per
  record, ``name`` holding its id and names (name, abbreviation, aliases, Korean names) and
  ``text`` the other texts a person would search (description, notes, cities, venues,
  outcomes, topics...): the same fields :func:`korea_diplomacy.search` reads, nested ones too.
- **The metadata**, ``metadata(key, value)``: ``datapackage`` (the Data Package descriptor as
  JSON), ``version`` and ``data_digest``.

>>> from korea_diplomacy.model import Meeting
>>> [table.name for table in child_tables("meetings", Meeting)][:3]
['meetings_citations', 'meetings_local_names', 'meetings_errata']
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._plan import Many, Text, plan
from ._version import __version__
from .dataset import as_listed
from .errors import DataError, ExportError
from .model import record_classes
from .tables import Column, columns

if TYPE_CHECKING:
    import sqlite3

    from .dataset import Dataset

__all__ = ["Table", "child_tables", "collection_table", "write_database"]

_TYPES = {
    "string": "TEXT",
    "integer": "INTEGER",
    "number": "REAL",
    "boolean": "INTEGER",
    "date": "TEXT",
    "array": "TEXT",
}


class Table:
    """One table of the database: its columns (flat table columns), its key, and its rows."""

    def __init__(
        self,
        name: str,
        columns: Iterable[Column],
        key: tuple[str, ...],
        rows: Callable[[Dataset], Iterator[tuple[Any, ...]]],
        references: dict[str, str] | None = None,
    ) -> None:
        self.name = name
        self.columns = tuple(columns)
        self.key = key
        self.rows = rows
        self.references = references or {}  # column -> collection, beside the columns' own

    def __repr__(self) -> str:
        return f"<Table {self.name}: {len(self.columns)} columns>"

    def create(self) -> str:
        """The ``CREATE TABLE`` statement."""
        lines = []
        for column in self.columns:
            line = f"{_quote(column.name)} {_TYPES[column.type]}"
            if column.required or column.name in self.key:
                line += " NOT NULL"
            if column.choices is not None:
                words = ", ".join(_literal(word) for word in column.choices)
                line += f" CHECK ({_quote(column.name)} IN ({words}))"
            elif column.type == "boolean":
                line += f" CHECK ({_quote(column.name)} IN (0, 1))"
            lines.append(line)
        lines.append(f"PRIMARY KEY ({', '.join(map(_quote, self.key))})")
        for name, target in self.foreign_keys():
            lines.append(f"FOREIGN KEY ({_quote(name)}) REFERENCES {_quote(target)} (id)")
        body = ",\n  ".join(lines)
        return f"CREATE TABLE {_quote(self.name)} (\n  {body}\n)"

    def foreign_keys(self) -> list[tuple[str, str]]:
        """(column, collection) for each column of ids of one collection."""
        found = [
            (column.name, column.references)
            for column in self.columns
            if column.references is not None and not column.many
        ]
        return found + list(self.references.items())

    def insert(self) -> str:
        marks = ", ".join("?" for _ in self.columns)
        return f"INSERT INTO {_quote(self.name)} VALUES ({marks})"


def collection_table(name: str, cls: type) -> Table:
    """The table of a collection: its flat columns, keyed by ``id``."""
    table = columns(cls)

    def rows(dataset: Dataset) -> Iterator[tuple[Any, ...]]:
        for record in as_listed(dataset, name):
            yield tuple(_value(column.get(record)) for column in table)

    return Table(name, table, ("id",), rows)


def child_tables(name: str, cls: type) -> list[Table]:
    """The child tables of a collection: one per list field whose items are nested values or
    ids, in the fields' order."""
    owner = f"{_snake(cls.__name__)}_id"
    found = []
    for field in plan(cls).fields:
        shape = field.shape
        if not isinstance(shape, Many):
            continue
        classes = shape.of.holds()
        if classes:
            items = _item_columns(classes)
            references: dict[str, str] = {}
        elif isinstance(shape.of, Text) and field.ref is not None:
            target = field.ref[0] if len(field.ref) == 1 and field.ref != ("*",) else None
            items = [Column("value", "string", field.about.doc, _itself, required=True)]
            references = {"value": target} if target is not None else {}
        else:
            continue  # a list of words or sentences: one text in the collection's table
        if {owner, "position"} & {column.name for column in items}:  # pragma: no cover
            raise AssertionError(f"{name}.{field.name}: a column is named {owner} or position")
        key = (
            Column(owner, "string", f"Id of the record in {name}.", _itself, references=name),
            Column("position", "integer", "Place in the list, from 0.", _itself),
        )
        found.append(
            Table(
                f"{name}_{field.name}",
                (*key, *items),
                (owner, "position"),
                _child_rows(name, field.name, items),
                references,
            )
        )
    return found


def write_database(path: Path, dataset: Dataset, descriptor: dict[str, Any]) -> None:
    """Write the whole database into ``path`` (a new file)."""
    import sqlite3  # the standard library's, but only an SQLite export needs it

    tables = [collection_table(name, cls) for name, cls in record_classes().items()]
    tables += [child for name, cls in record_classes().items() for child in child_tables(name, cls)]
    taken = {table.name for table in tables}
    if taken & {"search", "metadata"}:  # pragma: no cover - a collection of such a name
        raise AssertionError(f"a table is named like the index or metadata: {taken}")
    try:
        connection = sqlite3.connect(path)
        try:
            # A new file in a directory of our own, renamed into place only when complete:
            # no journal is needed to be safe.
            connection.execute("PRAGMA journal_mode = OFF")
            with connection:
                for table in tables:
                    connection.execute(table.create())
                    connection.executemany(table.insert(), table.rows(dataset))
                _write_index(connection, dataset)
                connection.execute(
                    "CREATE TABLE metadata (key TEXT NOT NULL PRIMARY KEY, value TEXT NOT NULL)"
                )
                metadata = {
                    "datapackage": json.dumps(descriptor, ensure_ascii=False),
                    "version": __version__,
                    "data_digest": dataset.digest(),
                }
                connection.executemany("INSERT INTO metadata VALUES (?, ?)", metadata.items())
            _check_foreign_keys(connection)
        finally:
            connection.close()
    except sqlite3.Error as error:
        raise ExportError(f"could not write the SQLite database: {error}") from None


def _write_index(connection: sqlite3.Connection, dataset: Dataset) -> None:
    import sqlite3  # the standard library's, but only an SQLite export needs it

    try:
        connection.execute(
            "CREATE VIRTUAL TABLE search USING fts5("
            "collection UNINDEXED, id UNINDEXED, name, text, "
            "tokenize = 'unicode61 remove_diacritics 2')"
        )
    except sqlite3.OperationalError as error:
        raise ExportError(
            f"this Python's SQLite ({sqlite3.sqlite_version}) cannot make the full-text index "
            f"(FTS5): {error}"
        ) from None
    for name in record_classes():
        connection.executemany(
            "INSERT INTO search VALUES (?, ?, ?, ?)",
            ((name, record.id, *_searched(record)) for record in as_listed(dataset, name)),
        )


def _searched(record: Any) -> tuple[str, str]:
    """The record's names (its id first) and its running text, as :func:`kd.search` reads
    them: the fields declared ``search="name"`` and ``search="text"``, nested ones too."""
    from ._search import entries

    names = [record.id]
    texts: list[str] = []
    for entry in entries(record):
        (names if entry.name else texts).append(entry.text)
    return "\n".join(names), "\n".join(texts)


def _check_foreign_keys(connection: sqlite3.Connection) -> None:
    problems = []
    for table, rowid, target, number in connection.execute("PRAGMA foreign_key_check"):
        keys = connection.execute(f"PRAGMA foreign_key_list({_quote(table)})").fetchall()
        column = next(key[3] for key in keys if key[0] == number)
        query = f"SELECT {_quote(column)} FROM {_quote(table)} WHERE rowid = ?"
        (value,) = connection.execute(query, (rowid,)).fetchone()
        problems.append(f"{table}: row {rowid}: {column}: {value!r} is not an id in {target}")
    if problems:
        raise DataError(problems)


def _child_rows(
    collection: str, field: str, items: list[Column]
) -> Callable[[Dataset], Iterator[tuple[Any, ...]]]:
    def rows(dataset: Dataset) -> Iterator[tuple[Any, ...]]:
        for record in as_listed(dataset, collection):
            for position, item in enumerate(getattr(record, field)):
                cells = (_value(column.get(item)) for column in items)
                yield (record.id, position, *cells)

    return rows


def _item_columns(classes: tuple[type, ...]) -> list[Column]:
    """The columns of the items of a list: their class's columns; for items of several
    classes, every class's columns in turn, each read only from its own class's items."""
    if len(classes) == 1:
        return list(columns(classes[0]))
    merged: dict[str, Column] = {}
    for cls in classes:
        for column in columns(cls):
            if column.name not in merged:
                merged[column.name] = Column(
                    column.name,
                    column.type,
                    column.description,
                    _only(classes, column.name),
                    choices=column.choices,
                    pattern=column.pattern,
                    references=column.references,
                    many=column.many,
                )
    return list(merged.values())


def _only(classes: tuple[type, ...], name: str) -> Callable[[Any], Any]:
    getters = {
        cls: next(c.get for c in columns(cls) if c.name == name)
        for cls in classes
        if any(c.name == name for c in columns(cls))
    }

    def get(item: Any) -> Any:
        getter = getters.get(type(item))
        return None if getter is None else getter(item)

    return get


def _itself(value: Any) -> Any:
    return value


def _value(value: Any) -> Any:
    if value is None or isinstance(value, (str, int)):
        return int(value) if isinstance(value, bool) else value
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, _dt.date):
        return value.isoformat()
    return str(value)


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
