"""Export the dataset as a Frictionless Data Package, a Parquet package or an SQLite database.

``export(directory, format="csv")`` writes ``sources.csv``, ``actors.csv``... (the flat tables
of :func:`korea_diplomacy.to_records`) and ``datapackage.json``, which describes every table:
its fields with types, descriptions and allowed values, its primary key (``id``) and foreign
keys (``meetings.mechanism`` is an id in ``mechanisms``...), the sources the data cites and the
licence. With ``format="json"`` each collection is written in the data format itself (a JSON
list of records, every field present, nested values nested as in the package's data files)
and the JSON Schema goes alongside as ``schema.json``. Either way the package opens in any
tool that reads data packages (frictionless, Open Data Editor, R's frictionless...).

``format="parquet"`` writes the same flat tables as Parquet files (dates as ``date32``, amounts
as ``float64``, vocabularies as dictionary-encoded strings; needs the ``parquet`` extra,
pyarrow) with their ``datapackage.json``.

``format="sqlite"`` writes one database, ``korea-diplomacy.sqlite``:

- a table per collection with the flat columns, typed ``INTEGER`` (whole numbers; true and
  false as 1 and 0), ``REAL`` (amounts) or ``TEXT`` (text, dates as ISO ``YYYY-MM-DD``, JSON),
  ``id`` its primary key, foreign keys for the columns of ids (``meetings.mechanism`` ->
  ``mechanisms.id``), and a ``CHECK`` of the words of each vocabulary;
- a child table for each list of nested values or ids, ``<collection>_<field>``:
  ``meetings_citations(meeting_id, position, source, section, note)``,
  ``meetings_participants(meeting_id, position, value)`` (``value`` an id of ``actors``)...,
  ``position`` counting from 0; a nested value's columns are those of its class;
- a full-text index (FTS5), ``search(collection, id, name, text)``, one row per record:
  ``name`` holds its short texts (id, name, abbreviation, aliases, codes, places), ``text`` its
  running text (description, notes, outcomes); ``SELECT id FROM search WHERE search MATCH
  'Busan'``;
- ``metadata(key, value)``: the descriptor (``datapackage``, as JSON), ``version`` and
  ``data_digest``.

``summits`` is not written: it is a view of ``meetings`` (those of leaders-level mechanisms).

**Spreadsheets.** A CSV cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return is read as a formula by spreadsheet programs, so the CSV export writes such a text cell
with a single quote ``'`` in front, as OWASP recommends against CSV injection: a name
``=HYPERLINK(...)`` is written ``'=HYPERLINK(...)``. Only text cells are changed (columns of
Table Schema type ``string``): numbers are numbers, and ``-3`` in a number column is written
``-3``. Ids, dates and vocabulary words never begin with those characters, so the package stays
valid against its Table Schema. The JSON, Parquet and SQLite exports keep every text exactly.

**The output directory** is written all or nothing, never through a symbolic link, and never
over files an export did not write unless ``overwrite=True``: see :func:`export`.

>>> import tempfile, json, korea_diplomacy as kd
>>> with tempfile.TemporaryDirectory() as out:
...     descriptor = json.loads(kd.export(out).read_text(encoding="utf-8"))
>>> [r["path"] for r in descriptor["resources"]][:3]
['sources.csv', 'actors.csv', 'mechanisms.csv']
"""

from __future__ import annotations

import csv
import datetime as _dt
import hashlib
import json
import os
from collections.abc import Iterable
from decimal import Decimal
from io import StringIO
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

from ._convert import canonical_json, unstructure
from ._loading import load
from ._output import DATABASE, DESCRIPTOR, PACKAGE, output_directory, publish
from ._plan import EDTF_PATTERN, Date, plan
from ._version import __version__
from .dataset import Dataset, as_listed
from .errors import InvalidCriteriaError, MissingExtraError
from .model import record_classes
from .schema import json_schema, render
from .tables import Column, columns

__all__ = ["FORMATS", "LICENSE", "descriptor", "export", "files", "json_rows"]

Format = Literal["csv", "json", "parquet", "sqlite"]

FORMATS: tuple[Format, ...] = ("csv", "json", "parquet", "sqlite")
"""The formats :func:`export` writes."""

LICENSE = MappingProxyType(
    {
        "name": "MIT",
        "path": "https://opensource.org/licenses/MIT",
        "title": "MIT License: the code, and the compiled data with its descriptions; please "
        "credit the sources each record cites",
    }
)
"""The licence the descriptor states for the data (read-only; each descriptor gets a copy)."""

_MEDIA_TYPES = {
    "csv": "text/csv",
    "json": "application/json",
    "parquet": "application/vnd.apache.parquet",
    "sqlite": "application/vnd.sqlite3",
}


def export(
    directory: str | os.PathLike[str],
    format: Format = "csv",
    dataset: Dataset | None = None,
    *,
    overwrite: bool = False,
) -> Path:
    """Write the dataset (the bundled one by default) into ``directory``, creating it if
    needed; returns the path of ``datapackage.json`` (of the database for ``"sqlite"``).

    The files (:func:`files` names them) are written all or nothing: into a temporary
    directory first, then renamed into place, so a failure leaves ``directory`` as it was.
    A file of one of those names is replaced only if a previous export wrote it (its
    ``datapackage.json`` lists it, or it is a korea-diplomacy database); anything else (your
    own ``meetings.json``, a symbolic link) raises :class:`~korea_diplomacy.ExportError`
    naming it, unless ``overwrite=True``, and a link is then replaced itself, never written
    through. Other files in the directory are left alone.

    >>> import tempfile, korea_diplomacy as kd
    >>> with tempfile.TemporaryDirectory() as out:
    ...     path = kd.export(out, format="json")
    ...     sorted(p.name for p in path.parent.iterdir())[:4]
    ['actors.json', 'datapackage.json', 'documents.json', 'events.json']
    """
    names = files(format)
    if dataset is not None and not isinstance(dataset, Dataset):
        raise TypeError(f"dataset must be a Dataset, not {type(dataset).__name__}")
    if not isinstance(overwrite, bool):
        raise TypeError(f"overwrite must be True or False, not {type(overwrite).__name__}")
    out = output_directory(directory)
    if format == "parquet":
        _pyarrow()  # before anything is written: a missing extra is said at once
    if dataset is None:
        dataset = load()
    chosen = dataset

    def write(staging: Path) -> None:
        if format == "sqlite":
            from ._sqlite import write_database  # only an SQLite export needs sqlite3

            write_database(staging / DATABASE, chosen, descriptor(chosen, "sqlite"))
        else:
            _write_tables(staging, chosen, format)

    publish(out, names, write, overwrite)
    return out / names[-1]


def files(format: Format = "csv") -> tuple[str, ...]:
    """The names of the files :func:`export` writes in ``format``, in the order they are
    moved into place (``datapackage.json`` last).

    >>> files("json")[-2:], files("sqlite")
    (('schema.json', 'datapackage.json'), ('korea-diplomacy.sqlite',))
    """
    if format not in FORMATS:
        raise InvalidCriteriaError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
    if format == "sqlite":
        return (DATABASE,)
    tables = tuple(f"{name}.{format}" for name in record_classes())
    return (*tables, "schema.json", DESCRIPTOR) if format == "json" else (*tables, DESCRIPTOR)


def json_rows(records: Iterable[Any]) -> list[dict[str, Any]]:
    """The records as the JSON export writes them: every field, in the model's order,
    defaults included, nested values as in the data files.

    >>> import korea_diplomacy as kd
    >>> row = json_rows([kd.funds.lookup("AKCF")])[0]
    >>> list(row)[:3], row["abbreviation"]
    (['id', 'name', 'citations'], 'AKCF')
    """
    rows = []
    names: list[str] = []
    kind: type | None = None
    for record in records:
        if type(record) is not kind:
            kind = type(record)
            names = [field.name for field in plan(kind).fields]
        rows.append({name: unstructure(getattr(record, name)) for name in names})
    return rows


def _write_tables(staging: Path, dataset: Dataset, format: Format) -> None:
    hashes: dict[str, tuple[int, str]] = {}
    for name, cls in record_classes().items():
        records = as_listed(dataset, name)  # the files' order, as the digest keeps it
        if format == "csv":
            data = _csv_bytes(records, cls)
        elif format == "json":
            data = _json_bytes(records)
        else:
            data = _parquet_bytes(records, cls, dataset)
        (staging / f"{name}.{format}").write_bytes(data)
        if format != "json":  # frictionless cannot count the bytes of a JSON table it checks
            hashes[name] = (len(data), hashlib.sha256(data).hexdigest())
    if format == "json":
        (staging / "schema.json").write_text(render(json_schema()), encoding="utf-8")
    text = json.dumps(descriptor(dataset, format, hashes), indent=2, ensure_ascii=False) + "\n"
    (staging / DESCRIPTOR).write_text(text, encoding="utf-8")


def descriptor(
    dataset: Dataset,
    format: Format = "csv",
    hashes: dict[str, tuple[int, str]] | None = None,
) -> dict[str, Any]:
    """The ``datapackage.json`` descriptor for ``dataset`` in ``format``, as a new dict that
    shares nothing with any other (change it as you like).

    ``hashes`` (collection name -> size in bytes and SHA-256 of its file) adds ``bytes`` and
    ``hash`` to each resource, so readers can check the files. For ``"sqlite"`` each resource
    is a table of the database (``dialect.sql.table``).

    >>> import korea_diplomacy as kd
    >>> meetings = descriptor(kd.load())["resources"][4]
    >>> meetings["schema"]["primaryKey"], meetings["schema"]["foreignKeys"][0]
    (['id'], {'fields': ['mechanism'], 'reference': {'resource': 'mechanisms', 'fields': ['id']}})
    """
    if format not in FORMATS:
        raise InvalidCriteriaError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
    resources = []
    for name, cls in record_classes().items():
        schema = _json_schema(name, cls) if format == "json" else _csv_schema(name, cls)
        resource: dict[str, Any] = {
            "name": name,
            "path": DATABASE if format == "sqlite" else f"{name}.{format}",
            "profile": "tabular-data-resource",
            "title": getattr(cls, "collection_title", name),
            "description": plan(cls).summary_line,
            "format": format,
            "mediatype": _MEDIA_TYPES[format],
        }
        if format in ("csv", "json"):
            resource["encoding"] = "utf-8"
        if format == "sqlite":
            resource["dialect"] = {"sql": {"table": name}}
        resource["schema"] = schema
        if hashes and name in hashes:
            size, digest = hashes[name]
            resource["bytes"] = size
            resource["hash"] = f"sha256:{digest}"
        resources.append(resource)
    sources = []
    for source in dataset.sources:
        entry = {"title": f"{source.name} ({source.publisher})"}
        if source.url:
            entry["path"] = source.url
        sources.append(entry)
    return {
        "profile": "tabular-data-package",
        "name": PACKAGE,
        "title": "korea-diplomacy: the Republic of Korea's diplomatic machinery",
        "description": "Mechanisms, partnerships, summits and other meetings, funds, documents, "
        "policies, programmes, figures and events of the Republic of Korea's diplomacy, each "
        "fact citing its source and the section of that source. Exported with "
        f"korea-diplomacy {__version__}; data digest {dataset.digest()}.",
        "version": __version__,
        "keywords": ["korea", "asean", "diplomacy", "summits", "foreign-policy"],
        "licenses": [dict(LICENSE)],
        "contributors": [{"title": "korea-diplomacy developers", "role": "author"}],
        "sources": sources,
        "resources": resources,
    }


# ---------------------------------------------------------------------------- CSV


def _csv_bytes(records: Any, cls: type) -> bytes:
    table = columns(cls)
    text = tuple(column.type == "string" for column in table)
    buffer = StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([column.name for column in table])
    for record in records:
        cells = [_cell(column.get(record)) for column in table]
        writer.writerow(
            [
                "'" + cell if is_text and cell.startswith(_FORMULA_STARTS) else cell
                for cell, is_text in zip(cells, text, strict=True)
            ]
        )
    return buffer.getvalue().encode("utf-8")


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet reads as the start of a formula (OWASP, CSV injection)."""


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, _dt.date):
        return value.isoformat()
    return str(value)


def _csv_schema(name: str, cls: type) -> dict[str, Any]:
    fields = []
    foreign_keys = []
    for column in columns(cls):
        field: dict[str, Any] = {
            "name": column.name,
            "type": column.type,
            "description": column.description,
        }
        constraints = _constraints(
            required=column.required or column.name == "id",
            unique=column.name == "id",
            enum=column.choices,
            pattern=column.pattern,
        )
        if constraints:
            field["constraints"] = constraints
        fields.append(field)
        if column.references is not None and not column.many:
            foreign_keys.append(_foreign_key(name, column.name, column.references))
    return _table_schema(fields, foreign_keys)


# ---------------------------------------------------------------------------- JSON


def _json_bytes(records: Any) -> bytes:
    # Every field, defaults included: a table reader takes the first object's keys as the
    # header.
    return canonical_json(json_rows(records)).encode("utf-8")


# ---------------------------------------------------------------------------- Parquet


def _pyarrow() -> tuple[Any, Any]:
    try:
        # pyarrow: only a Parquet export needs it (and it has no type information).
        import pyarrow  # type: ignore[import-untyped, unused-ignore]
        import pyarrow.parquet  # type: ignore[import-untyped, unused-ignore]
    except ImportError:
        raise MissingExtraError("kd.export(format='parquet')", "parquet", "pyarrow") from None
    return pyarrow, pyarrow.parquet


def _parquet_bytes(records: Any, cls: type, dataset: Dataset) -> bytes:
    pa, pq = _pyarrow()
    table = columns(cls)
    arrays = [_arrow_array(pa, c, [c.get(record) for record in records]) for c in table]
    fields = [
        pa.field(
            column.name,
            array.type,
            nullable=not (column.required or column.name == "id"),
            metadata={"description": column.description},
        )
        for column, array in zip(table, arrays, strict=True)
    ]
    metadata = {
        "korea_diplomacy.version": __version__,
        "korea_diplomacy.data_digest": dataset.digest(),
    }
    arrow = pa.Table.from_arrays(arrays, schema=pa.schema(fields, metadata=metadata))
    sink = pa.BufferOutputStream()
    pq.write_table(arrow, sink)
    return bytes(sink.getvalue().to_pybytes())


def _arrow_array(pa: Any, column: Column, values: list[Any]) -> Any:
    if column.choices is not None:
        # Every allowed value in the dictionary, in the vocabulary's order (as to_frame's
        # categories), so readers see the whole vocabulary even where a table uses part of it.
        index = {choice: position for position, choice in enumerate(column.choices)}
        indices = pa.array([None if v is None else index[v] for v in values], pa.int32())
        return pa.DictionaryArray.from_arrays(indices, pa.array(column.choices, pa.string()))
    if column.type == "integer":
        return pa.array(values, pa.int64())
    if column.type == "number":
        return pa.array([None if v is None else float(v) for v in values], pa.float64())
    if column.type == "boolean":
        return pa.array(values, pa.bool_())
    if column.type == "date":
        return pa.array(values, pa.date32())
    return pa.array(values, pa.string())


def _json_schema(name: str, cls: type) -> dict[str, Any]:
    fields = []
    foreign_keys = []
    for field in plan(cls).fields:
        shape = field.shape
        type_ = shape.table_type()
        inner = shape.inner()
        enum = getattr(inner, "values", None) if type_ == "string" else None
        pattern = EDTF_PATTERN if isinstance(inner, Date) else None
        description = field.about.doc
        if type_ == "array":
            description += " (a JSON list)"
        entry: dict[str, Any] = {"name": field.name, "type": type_, "description": description}
        constraints = _constraints(
            field.required and not shape.optional, field.name == "id", enum, pattern
        )
        if constraints:
            entry["constraints"] = constraints
        fields.append(entry)
        if (
            type_ == "string"
            and field.ref is not None
            and len(field.ref) == 1
            and field.ref != ("*",)
        ):
            foreign_keys.append(_foreign_key(name, field.name, field.ref[0]))
    return _table_schema(fields, foreign_keys)


# ---------------------------------------------------------------------------- shared


def _constraints(
    required: bool, unique: bool, enum: tuple[str, ...] | None, pattern: str | None
) -> dict[str, Any]:
    constraints: dict[str, Any] = {}
    if required:
        constraints["required"] = True
    if unique:
        constraints["unique"] = True
    if enum is not None:
        constraints["enum"] = list(enum)
    if pattern is not None:
        # Table Schema patterns match the whole value: no anchors.
        constraints["pattern"] = pattern.removeprefix("^").removesuffix("$")
    return constraints


def _foreign_key(name: str, field: str, target: str) -> dict[str, Any]:
    # A reference to the same resource is written with an empty resource name.
    resource = "" if target == name else target
    return {"fields": [field], "reference": {"resource": resource, "fields": ["id"]}}


def _table_schema(
    fields: list[dict[str, Any]], foreign_keys: list[dict[str, Any]]
) -> dict[str, Any]:
    schema: dict[str, Any] = {"fields": fields, "missingValues": [""], "primaryKey": ["id"]}
    if foreign_keys:
        schema["foreignKeys"] = foreign_keys
    return schema
