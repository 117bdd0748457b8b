"""The JSON Schema of the data format, generated from the record classes.

The package ships the schema as ``korea_diplomacy/schema.json``; :func:`json_schema` reads that
file, and :func:`build_schema` makes it afresh from the record classes (a test checks the two
agree; ``python scripts/gen_schema.py`` rewrites the file). It describes the form
:meth:`Dataset.to_dict` returns, ``{"meetings": [record, ...], ...}``, and each data file (a JSON
list of records of one collection): field types, controlled vocabularies, required fields, EDTF
dates and decimal-string amounts. Unknown fields are not allowed.

>>> import korea_diplomacy as kd
>>> schema = kd.json_schema()
>>> schema["$defs"]["Meeting"]["properties"]["status"]["enum"]
['held', 'postponed', 'cancelled', 'planned']
>>> kd.json_schema("meetings")["items"]
{'$ref': '#/$defs/Meeting'}
"""

from __future__ import annotations

import inspect
import json
import os
import types
import typing
from decimal import Decimal
from typing import Any, Literal

import attrs

from .dates import DateRange, PartialDate
from .field_docs import describe
from .model import RECORD_TYPES
from .tables import EDTF_PATTERN

__all__ = ["DECIMAL_PATTERN", "build_schema", "json_schema", "render"]

DECIMAL_PATTERN = r"^-?\d+(\.\d+)?$"
"""How amounts are written: a decimal number as a string, never a float."""

_DRAFT = "https://json-schema.org/draft/2020-12/schema"


def json_schema(collection: str | None = None) -> dict[str, Any]:
    """The JSON Schema of the data format (a fresh copy), read from the file the package ships.

    Without ``collection``: the schema of a whole dataset, ``{collection: [records]}``. With a
    collection name: the schema of that collection's data file, a JSON list of its records.

    >>> import korea_diplomacy as kd
    >>> sorted(kd.json_schema()["properties"])[:3]
    ['actors', 'documents', 'events']
    >>> kd.json_schema("funds")["$defs"]["Money"]["properties"]["amount"]
    {'description': 'The amount, as a decimal string.', '$ref': '#/$defs/Decimal'}
    """
    path = os.path.join(os.path.dirname(__file__), "schema.json")
    if os.path.isfile(path):
        with open(path, encoding="utf-8") as file:
            text = file.read()
    else:  # a zipped or otherwise unusual install
        from importlib import resources

        text = resources.files("korea_diplomacy").joinpath("schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    if collection is None:
        return schema
    if collection not in RECORD_TYPES:
        import difflib

        from .errors import NotFoundError

        close = difflib.get_close_matches(str(collection), list(RECORD_TYPES), n=3)
        raise NotFoundError("collection", collection, close or tuple(RECORD_TYPES))
    item = schema["properties"][collection]
    return {
        "$schema": schema["$schema"],
        "title": f"korea-diplomacy {collection} data file",
        "description": item["description"],
        "type": "array",
        "items": item["items"],
        "$defs": schema["$defs"],
    }


def build_schema() -> dict[str, Any]:
    """Generate the schema from the record classes (what ``schema.json`` must equal).

    >>> build_schema() == json_schema()
    True
    """
    defs: dict[str, Any] = {
        "When": {
            "description": "A date at its real precision, in EDTF level 0: a year (2019), a "
            "month (2019-11), a day (2019-11-25), or two of them joined by '/' for a span.",
            "type": "string",
            "pattern": EDTF_PATTERN,
        },
        "Decimal": {
            "description": "A decimal number written as a string, so that it stays exact.",
            "type": "string",
            "pattern": DECIMAL_PATTERN,
        },
    }
    todo: list[type] = list(RECORD_TYPES.values())
    while todo:
        cls = todo.pop(0)
        if cls.__name__ not in defs:
            defs[cls.__name__] = _class_schema(cls, todo)
    properties = {
        name: {
            "description": _summary(cls),
            "type": "array",
            "items": {"$ref": f"#/$defs/{cls.__name__}"},
        }
        for name, cls in RECORD_TYPES.items()
    }
    return {
        "$schema": _DRAFT,
        "title": "korea-diplomacy data",
        "description": "The records of the korea-diplomacy dataset, by collection. Each data "
        "file is one of these lists; fields left at their default are omitted.",
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
        "$defs": dict(sorted(defs.items())),
    }


def _summary(cls: type) -> str:
    return (inspect.getdoc(cls) or "").split("\n\n")[0].replace("\n", " ")


def _class_schema(cls: type, todo: list[type]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    properties: dict[str, Any] = {}
    required: list[str] = []
    for field in attrs.fields(cls):
        schema = _type_schema(hints[field.name], todo)
        description = describe(cls, field.name)
        properties[field.name] = {"description": description, **schema} if description else schema
        if field.default is attrs.NOTHING:
            required.append(field.name)
    return {
        "description": _summary(cls),
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def _type_schema(hint: Any, todo: list[type]) -> dict[str, Any]:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        args = typing.get_args(hint)
        optional = type(None) in args
        rest = [arg for arg in args if arg is not type(None)]
        if set(rest) == {PartialDate, DateRange}:
            inner: dict[str, Any] = {"$ref": "#/$defs/When"}
        elif len(rest) == 1:
            inner = _type_schema(rest[0], todo)
        else:
            inner = {"oneOf": [_type_schema(arg, todo) for arg in rest]}
        if not optional:
            return inner
        if set(inner) == {"type"}:
            return {"type": [inner["type"], "null"]}
        if "enum" in inner:
            return {"enum": [*inner["enum"], None]}
        return {"anyOf": [inner, {"type": "null"}]}
    if origin is Literal:
        return {"enum": list(typing.get_args(hint))}
    if origin is tuple:
        return {"type": "array", "items": _type_schema(typing.get_args(hint)[0], todo)}
    if hint is str:
        return {"type": "string"}
    if hint is int:
        return {"type": "integer"}
    if hint is bool:
        return {"type": "boolean"}
    if hint is Decimal:
        return {"$ref": "#/$defs/Decimal"}
    if attrs.has(hint):
        if hint not in todo:
            todo.append(hint)
        return {"$ref": f"#/$defs/{hint.__name__}"}
    raise TypeError(f"no JSON Schema for {hint!r}")  # pragma: no cover - model types only


def render(schema: dict[str, Any]) -> str:
    """The text ``schema.json`` holds: two-space indent, UTF-8, newline at the end.

    >>> render({"type": "string"})
    '{\\n  "type": "string"\\n}\\n'
    """
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
