"""Export the dataset as a Frictionless Data Package: one file per collection and a descriptor.

``export(directory, format="csv")`` writes ``sources.csv``, ``actors.csv``... (the flat tables
of :func:`korea_diplomacy.to_records`) and ``datapackage.json``, which describes every table:
its fields with types, descriptions and allowed values, its primary key (``id``) and foreign
keys (``meetings.mechanism`` is an id in ``mechanisms``...), the sources the data cites and the
licence. With ``format="json"`` each collection is written in the data format itself (a JSON
list of records, every field present, nested values nested as in the package's data files)
and the JSON Schema goes alongside as ``schema.json``. Either way the package opens in any
tool that reads data packages (frictionless, Open Data Editor, R's frictionless...).

``summits`` is not written: it is a view of ``meetings`` (those of leaders-level mechanisms).

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
from decimal import Decimal
from io import StringIO
from pathlib import Path
from typing import Any, Literal

from ._convert import canonical_json, unstructure
from ._loading import load
from ._plan import EDTF_PATTERN, Date, plan
from ._version import __version__
from .dataset import Dataset
from .errors import InvalidCriteriaError
from .model import record_classes
from .schema import json_schema, render
from .tables import columns

__all__ = ["FORMATS", "LICENSE", "descriptor", "export"]

FORMATS = ("csv", "json")
"""The file formats :func:`export` writes."""

LICENSE = {
    "name": "MIT",
    "path": "https://opensource.org/licenses/MIT",
    "title": "MIT License: the code, and the compiled data with its descriptions; please "
    "credit the sources each record cites",
}
"""The licence the descriptor states for the data."""


def export(
    directory: str | os.PathLike[str],
    format: Literal["csv", "json"] = "csv",
    dataset: Dataset | None = None,
) -> Path:
    """Write the dataset (the bundled one by default) as a Data Package into ``directory``.

    The directory is created if needed; files of the same names are replaced. Returns the path
    of ``datapackage.json``.

    >>> import tempfile, korea_diplomacy as kd
    >>> with tempfile.TemporaryDirectory() as out:
    ...     path = kd.export(out, format="json")
    ...     sorted(p.name for p in path.parent.iterdir())[:4]
    ['actors.json', 'datapackage.json', 'documents.json', 'events.json']
    """
    if format not in FORMATS:
        raise InvalidCriteriaError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
    if dataset is not None and not isinstance(dataset, Dataset):
        raise TypeError(f"dataset must be a Dataset, not {type(dataset).__name__}")
    if dataset is None:
        dataset = load()
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    hashes: dict[str, tuple[int, str]] = {}
    for name, cls in record_classes().items():
        path = out / f"{name}.{format}"
        records = dataset.collection(name)
        data = _csv_bytes(records, cls) if format == "csv" else _json_bytes(records, cls)
        path.write_bytes(data)
        if format == "csv":  # frictionless cannot count the bytes of a JSON table it checks
            hashes[name] = (len(data), hashlib.sha256(data).hexdigest())
    if format == "json":
        (out / "schema.json").write_text(render(json_schema()), encoding="utf-8")
    text = json.dumps(descriptor(dataset, format, hashes), indent=2, ensure_ascii=False) + "\n"
    target = out / "datapackage.json"
    target.write_text(text, encoding="utf-8")
    return target


def descriptor(
    dataset: Dataset,
    format: Literal["csv", "json"] = "csv",
    hashes: dict[str, tuple[int, str]] | None = None,
) -> dict[str, Any]:
    """The ``datapackage.json`` descriptor for ``dataset`` in ``format``, as a dict.

    ``hashes`` (collection name -> size in bytes and SHA-256 of its file) adds ``bytes`` and
    ``hash`` to each resource, so readers can check the files.

    >>> import korea_diplomacy as kd
    >>> meetings = descriptor(kd.load())["resources"][4]
    >>> meetings["schema"]["primaryKey"], meetings["schema"]["foreignKeys"][0]
    (['id'], {'fields': ['mechanism'], 'reference': {'resource': 'mechanisms', 'fields': ['id']}})
    """
    resources = []
    for name, cls in record_classes().items():
        schema = _csv_schema(name, cls) if format == "csv" else _json_schema(name, cls)
        resource: dict[str, Any] = {
            "name": name,
            "path": f"{name}.{format}",
            "profile": "tabular-data-resource",
            "title": getattr(cls, "collection_title", name),
            "description": plan(cls).summary_line,
            "format": format,
            "mediatype": "text/csv" if format == "csv" else "application/json",
            "encoding": "utf-8",
            "schema": schema,
        }
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
        "name": "korea-diplomacy",
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
    buffer = StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([column.name for column in table])
    for record in records:
        writer.writerow([_cell(column.get(record)) for column in table])
    return buffer.getvalue().encode("utf-8")


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


def _json_bytes(records: Any, cls: type) -> bytes:
    # Every field, in the model's order, defaults included: a table reader takes the first
    # object's keys as the header. Nested values keep the data files' form.
    names = [field.name for field in plan(cls).fields]
    rows = [{name: unstructure(getattr(record, name)) for name in names} for record in records]
    return canonical_json(rows).encode("utf-8")


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
