"""korea-diplomacy: the Republic of Korea's diplomatic machinery as typed, sourced data.

>>> import korea_diplomacy as kd
>>> kd.summits.filter(mechanism="ASEAN-ROK Summit", ordinal=13)[0].city
'Ha Noi'
>>> kd.partnerships.lookup("ASEAN").status_on("2005-06-01").name
'Comprehensive Cooperation Partnership'

Importing the package reads no data and imports neither cattrs nor dateutil: each bundled
collection is read on first use (of it, or of :func:`load`).
"""

from __future__ import annotations

import importlib

from .errors import (
    AmbiguousLookupError,
    DataError,
    DateParseError,
    ExportError,
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
    from ._coverage import Coverage
    from .collection import Collection, Found, Hit, Partnerships, Relations, Selection
    from .datapackage import export
    from .dataset import Dataset
    from .dates import DateRange, PartialDate, parse_when
    from .model import (
        Actor,
        Citation,
        Claim,
        Conflict,
        Contribution,
        DatedFact,
        Delegate,
        Direction,
        Document,
        Erratum,
        Event,
        ExternalId,
        Figure,
        Fund,
        Inference,
        LocalName,
        Mechanism,
        Meeting,
        Membership,
        Money,
        Partnership,
        Policy,
        Programme,
        Quantity,
        Record,
        Relation,
        RelationEvent,
        Role,
        Section,
        Session,
        Source,
        Stage,
    )
    from .schema import json_schema
    from .tables import to_frame, to_records
    from .validation import Violation, validate

# The bundled collections, each read on first use. These annotations are the one list of
# them the package keeps: type checkers read them, and so does __getattr__ below; a test
# checks that they name exactly the record classes' collections and the views.
sources: Collection[Source]
actors: Collection[Actor]
mechanisms: Collection[Mechanism]
partnerships: Partnerships
meetings: Collection[Meeting]
summits: Collection[Meeting]
funds: Collection[Fund]
documents: Collection[Document]
policies: Collection[Policy]
programmes: Collection[Programme]
figures: Collection[Figure]
events: Collection[Event]
relations: Relations

_COLLECTIONS = frozenset(__annotations__)

# Where each other public name lives; nothing is imported until it is asked for.
_LAZY = {
    "collection": ("Collection", "Found", "Hit", "Selection"),
    "_coverage": ("Coverage",),
    "dataset": ("Dataset",),
    "dates": ("DateRange", "PartialDate", "parse_when"),
    "_loading": ("load",),
    "datapackage": ("export",),
    "schema": ("json_schema",),
    "tables": ("to_frame", "to_records"),
    "validation": ("Violation", "validate"),
    "model": (
        "Actor",
        "Citation",
        "Claim",
        "Conflict",
        "Contribution",
        "DatedFact",
        "Delegate",
        "Direction",
        "Document",
        "Erratum",
        "Event",
        "ExternalId",
        "Figure",
        "Fund",
        "Inference",
        "LocalName",
        "Mechanism",
        "Meeting",
        "Membership",
        "Money",
        "Partnership",
        "Policy",
        "Programme",
        "Quantity",
        "Record",
        "Relation",
        "RelationEvent",
        "Role",
        "Section",
        "Session",
        "Source",
        "Stage",
    ),
}
_HOME = {name: module for module, names in _LAZY.items() for name in names}

# Every public name (a literal list, as type checkers and linters need it; a test checks it
# against the annotations above and the lazy names below).
__all__ = [
    "Actor",
    "AmbiguousLookupError",
    "Citation",
    "Claim",
    "Collection",
    "Conflict",
    "Contribution",
    "Coverage",
    "DataError",
    "Dataset",
    "DateParseError",
    "DateRange",
    "DatedFact",
    "Delegate",
    "Direction",
    "Document",
    "Erratum",
    "Event",
    "ExportError",
    "ExternalId",
    "Figure",
    "Found",
    "Fund",
    "Hit",
    "Inference",
    "InvalidCriteriaError",
    "KoreaDiplomacyError",
    "LocalName",
    "Mechanism",
    "Meeting",
    "Membership",
    "MissingExtraError",
    "Money",
    "NotFoundError",
    "PartialDate",
    "Partnership",
    "Policy",
    "Programme",
    "Quantity",
    "Record",
    "Relation",
    "RelationEvent",
    "Role",
    "Section",
    "Selection",
    "Session",
    "Source",
    "Stage",
    "Violation",
    "__version__",
    "actors",
    "coverage",
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
    "search",
    "sources",
    "summits",
    "timeline",
    "to_frame",
    "to_records",
    "validate",
]


def timeline(since: object = None, until: object = None, involving: str | None = None) -> Any:
    """Every dated fact of the bundled dataset in date order; see :meth:`Dataset.timeline`.

    >>> import korea_diplomacy as kd
    >>> facts = kd.timeline(since="2010-10-29", until="2010-10-29")
    >>> "ROK-ASEAN relations: Strategic Partnership" in [f.label for f in facts]
    True
    """
    from ._loading import load

    return load().timeline(since=since, until=until, involving=involving)


def coverage() -> Any:
    """What the bundled data covers: per collection, how many records, the first and last
    dates, the mechanisms and partners, and what is known to be missing. ``print()`` it for
    a report; see :class:`Coverage`.

    >>> import korea_diplomacy as kd
    >>> print(kd.coverage()["partnerships"])  # doctest: +ELLIPSIS
    partnerships: 23 records, dated 22 (1 Oct 1953 to ...), 23 partners
    """
    from ._loading import load

    return load().coverage()


def search(text: str, *, collections: Any = None, limit: int | None = 20) -> Any:
    """Records of every collection matching every word of ``text`` (or the start of one), in
    their names, descriptions, notes, places, outcomes and other texts; best first. The
    result is a tuple of records with ``.hits`` (each saying which field matched) and
    ``.total`` (how many matched, when ``limit`` cut the list). See :meth:`Dataset.search`.

    >>> import korea_diplomacy as kd
    >>> found = kd.search("Olympics")
    >>> found.hits[0].record.id, found.hits[0].field
    ('chiefs-of-overseas-missions-2017', 'sessions.title')
    >>> [hit.record.id for hit in kd.search("Busan", collections=["meetings"]).hits[:2]]
    ['apec-economic-leaders-meeting-2005', 'asean-rok-commemorative-summit-2']
    """
    from ._loading import load

    return load().search(text, collections=collections, limit=limit)


def data_digest() -> str:
    """A SHA-256 hash of the bundled data, to pin or cite exactly which data you used.

    >>> import korea_diplomacy as kd
    >>> len(kd.data_digest())
    64
    """
    from ._bundle import bundled_digest

    return bundled_digest()


def __getattr__(name: str) -> Any:
    if name in _COLLECTIONS:
        from ._loading import load

        collection = load().collection(name)
        # Kept as a module attribute: the next `kd.mechanisms` is a plain attribute read.
        globals()[name] = collection
        return collection
    module = _HOME.get(name)
    if module is not None:
        return getattr(importlib.import_module(f".{module}", __name__), name)
    if name == "__version__":
        from ._version import __version__

        return __version__
    if name == "plot":  # a submodule; matplotlib itself is imported only when drawing
        return importlib.import_module(".plot", __name__)
    raise AttributeError(f"module 'korea_diplomacy' has no attribute {name!r}")


def __dir__() -> list[str]:
    return list(__all__)
