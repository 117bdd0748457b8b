"""korea-diplomacy: the Republic of Korea's diplomatic machinery as typed, sourced data.

>>> import korea_diplomacy as kd
>>> kd.summits.filter(mechanism="ASEAN-ROK Summit", ordinal=13)[0].city
'Ha Noi'
>>> kd.partnerships.lookup("ASEAN").status_on("2005-06-01").name
'Comprehensive Cooperation Partnership'

Importing the package reads no data and imports neither cattrs nor dateutil: the bundled
dataset is loaded on first use of a collection (or of :func:`load`).
"""

from __future__ import annotations

import importlib

from .errors import (
    AmbiguousLookupError,
    DataError,
    DateParseError,
    InvalidCriteriaError,
    KoreaDiplomacyError,
    MissingExtraError,
    NotFoundError,
)

# `typing` alone costs more to import than the rest of this module: keep it for type checkers.
TYPE_CHECKING = False

if TYPE_CHECKING:
    from typing import Any

    from . import plot
    from .collection import Collection, Partnerships, Relations
    from .datapackage import export
    from .dataset import Dataset
    from .dates import DateRange, PartialDate, parse_when
    from .loading import load
    from .model import (
        Actor,
        Document,
        Event,
        Figure,
        Fund,
        Mechanism,
        Meeting,
        Money,
        Partnership,
        Policy,
        Programme,
        Quantity,
        Relation,
        RelationEvent,
        Source,
    )
    from .schema import json_schema
    from .tables import to_frame, to_records
    from .validation import Violation, validate

    sources: Collection[Source]
    actors: Collection[Actor]
    mechanisms: Collection[Mechanism]
    partnerships: Partnerships
    relations: Relations
    meetings: Collection[Meeting]
    summits: Collection[Meeting]
    funds: Collection[Fund]
    documents: Collection[Document]
    policies: Collection[Policy]
    programmes: Collection[Programme]
    figures: Collection[Figure]
    events: Collection[Event]

__all__ = [
    "Actor",
    "AmbiguousLookupError",
    "Collection",
    "DataError",
    "Dataset",
    "DateParseError",
    "DateRange",
    "Document",
    "Event",
    "Figure",
    "Fund",
    "InvalidCriteriaError",
    "KoreaDiplomacyError",
    "Mechanism",
    "Meeting",
    "MissingExtraError",
    "Money",
    "NotFoundError",
    "PartialDate",
    "Partnership",
    "Policy",
    "Programme",
    "Quantity",
    "Relation",
    "RelationEvent",
    "Source",
    "Violation",
    "__version__",
    "actors",
    "data_digest",
    "documents",
    "events",
    "export",
    "figures",
    "funds",
    "json_schema",
    "load",
    "mechanisms",
    "meetings",
    "parse_when",
    "partnerships",
    "plot",
    "policies",
    "programmes",
    "relations",
    "sources",
    "summits",
    "timeline",
    "to_frame",
    "to_records",
    "validate",
]

# Where each lazily imported public name lives; nothing here is imported until asked for.
_LAZY = {
    "Collection": "collection",
    "Dataset": "dataset",
    "DateRange": "dates",
    "PartialDate": "dates",
    "parse_when": "dates",
    "load": "loading",
    "export": "datapackage",
    "json_schema": "schema",
    "to_frame": "tables",
    "to_records": "tables",
    "Violation": "validation",
    "validate": "validation",
    **{
        name: "model"
        for name in (
            "Actor",
            "Document",
            "Event",
            "Figure",
            "Fund",
            "Mechanism",
            "Meeting",
            "Money",
            "Partnership",
            "Policy",
            "Programme",
            "Quantity",
            "Relation",
            "RelationEvent",
            "Source",
        )
    },
}
_COLLECTIONS = frozenset(
    (
        "sources",
        "actors",
        "mechanisms",
        "partnerships",
        "relations",
        "meetings",
        "summits",
        "funds",
        "documents",
        "policies",
        "programmes",
        "figures",
        "events",
    )
)


def timeline(since: object = None, until: object = None, involving: str | None = None) -> Any:
    """Every dated fact of the bundled dataset in date order; see :meth:`Dataset.timeline`.

    >>> import korea_diplomacy as kd
    >>> facts = kd.timeline(since="2010-10-29", until="2010-10-29")
    >>> "ROK-ASEAN relations: Strategic Partnership" in [f.label for f in facts]
    True
    """
    from .loading import load

    return load().timeline(since=since, until=until, involving=involving)


def data_digest() -> str:
    """A SHA-256 hash of the bundled data, to pin or cite exactly which data you used.

    >>> import korea_diplomacy as kd
    >>> len(kd.data_digest())
    64
    """
    from .loading import load

    return load().digest()


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("korea-diplomacy")
        except PackageNotFoundError:  # running from a source tree that was never installed
            return "0+unknown"
    if name == "plot":  # a submodule; matplotlib itself is imported only when drawing
        return importlib.import_module(".plot", __name__)
    if name in _COLLECTIONS:
        from .loading import load

        return getattr(load(), name)
    module = _LAZY.get(name)
    if module is not None:
        return getattr(importlib.import_module(f".{module}", __name__), name)
    raise AttributeError(f"module 'korea_diplomacy' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
