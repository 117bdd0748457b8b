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

import difflib
import json
import os
from typing import Any

from ._plan import AMOUNT_PATTERN, Nested
from .errors import NotFoundError
from .model import record_classes

__all__ = ["DECIMAL_PATTERN", "build_schema", "json_schema", "render"]

DECIMAL_PATTERN = AMOUNT_PATTERN
"""How amounts are written: a decimal number as a string, never a float."""

_DRAFT = "https://json-schema.org/draft/2020-12/schema"


def json_schema(collection: str | None = None) -> dict[str, Any]:
    """The JSON Schema of the data format (a fresh copy), read from the file the package ships.

    Without ``collection``: the schema of a whole dataset, ``{collection: [records]}``. With a
    collection name: the schema of that collection's data file, a JSON list of its records.

    >>> import korea_diplomacy as kd
    >>> sorted(kd.json_schema()["properties"])[:3]
    ['actors', 'documents', 'events']
    >>> kd.json_schema("funds")["$defs"]["Money"]["properties"]["amount"]["$ref"]
    '#/$defs/Decimal'
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
    if collection not in schema["properties"]:
        names = tuple(schema["properties"])
        close = difflib.get_close_matches(str(collection)[:100], names, n=3)
        raise NotFoundError("collection", collection, close or names)
    item = schema["properties"][collection]
    return {
        "$schema": schema["$schema"],
        "title": f"korea-diplomacy {collection} data file",
        "description": item["description"],
        "type": "array",
        "items": item["items"],
        "$defs": schema["$defs"],
    }


def build_schema(collections: dict[str, type] | None = None) -> dict[str, Any]:
    """Generate the schema from the record classes (what ``schema.json`` must equal).

    ``collections`` (name -> record class) defaults to the package's own.

    >>> build_schema() == json_schema()
    True
    """
    classes = record_classes() if collections is None else collections
    defs: dict[str, Any] = {}
    properties = {}
    for name, cls in classes.items():
        Nested(cls).schema(defs)
        properties[name] = {
            "description": defs[cls.__name__]["description"],
            "type": "array",
            "items": {"$ref": f"#/$defs/{cls.__name__}"},
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


def render(schema: dict[str, Any]) -> str:
    """The text ``schema.json`` holds: two-space indent, UTF-8, newline at the end.

    >>> render({"type": "string"})
    '{\\n  "type": "string"\\n}\\n'
    """
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
