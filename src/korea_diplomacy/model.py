"""The record classes: every fact the dataset holds has a typed, frozen home here.

All records share the fields of :class:`Record` (id, names, description, citations, errata,
conflicting claims, inferences, notes, cross-reference identifiers). Values that belong to one
record (a membership, a partnership stage, a contribution) are small frozen classes of their own.

>>> from korea_diplomacy.dates import PartialDate
>>> stage = Stage(name="Strategic Partnership", start=PartialDate(2010, 10, 29),
...               citations=(Citation("mofa-asean", "overview"),))
>>> stage.start.human()
'29 Oct 2010'
"""

import bisect
import datetime as _dt
import types
import weakref
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from typing import ClassVar, Literal, TypeAlias, cast

import attrs

from ._frozen import Frozen
from ._plan import WIDE, about, criterion, involved, plain_number
from .dates import DateRange, When, as_day

__all__ = [
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
    "PartnershipLevel",
    "Policy",
    "Programme",
    "Qualifier",
    "Quantity",
    "Record",
    "Relation",
    "RelationEvent",
    "RelationStatus",
    "Role",
    "Section",
    "Session",
    "Source",
    "Stage",
    "record_classes",
]

PartnershipLevel: TypeAlias = Literal[
    "alliance",
    "comprehensive-strategic",
    "special-strategic",
    "strategic",
    "comprehensive",
    "other",
]
"""How high a partnership stage stands, from an alliance down to other labels."""

RelationStatus: TypeAlias = Literal["consular", "diplomatic", "broken", "suspended", "ended"]
"""What a relation is on a day: consular only, diplomatic, broken off, suspended, or ended."""

Qualifier: TypeAlias = Literal["exact", "about", "more-than", "at-least", "at-most", "over", "plus"]
_QUALIFIER_WORDS = {
    "exact": "",
    "about": "about ",
    "more-than": "more than ",
    "at-least": "at least ",
    "at-most": "at most ",
    "over": "over ",
    "plus": "",
}


def _planned_meeting(meeting: "Meeting") -> bool:
    return meeting.status == "planned"


def _planned_role(role: "Role") -> bool:
    return role.status_as_of_source == "planned"


# --------------------------------------------------------------------------- provenance


@attrs.frozen(repr=False, eq=False)
class Citation(Frozen):
    """Where a fact comes from: a source id and the section of that source.

    >>> Citation("mofa-asean", "asean-korea-centre")
    Citation(source='mofa-asean', section='asean-korea-centre', note=None)
    """

    source: str = attrs.field(metadata=about("Id of the source."))
    section: str = attrs.field(metadata=about("Id of the section of that source."))
    note: str | None = attrs.field(
        default=None, metadata=about("What exactly the section says, where that helps.")
    )


@attrs.frozen(repr=False, eq=False)
class Section(Frozen):
    """One part of a source document, which citations name by ``id``.

    >>> import korea_diplomacy as kd
    >>> kd.sources["mofa-asean"].section("overview").title
    'Overview'
    """

    id: str = attrs.field(metadata=about("Identifier of the section within its source."))
    title: str = attrs.field(metadata=about("The section's heading, or a short title for it."))


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Source(Frozen):
    """A document the data is taken from: a seed page, or a web page read later.

    >>> import korea_diplomacy as kd
    >>> kd.sources["mofa-asean"].publisher
    'Ministry of Foreign Affairs of the Republic of Korea'
    """

    collection_name: ClassVar[str] = "sources"
    collection_title: ClassVar[str] = "Sources: the documents every fact cites"

    id: str = attrs.field(metadata=about("Stable identifier of the source; citations name it."))
    # Searched as running text: a page's title mentions Busan, it is not a meeting in Busan.
    name: str = attrs.field(metadata=about("Title of the document or page.", search="text"))
    publisher: str = attrs.field(metadata=about("Who published it.", search="text"))
    kind: Literal["web-page", "press-release", "news-article", "reference", "code-file"] = (
        attrs.field(metadata=about("What sort of document it is."))
    )
    language: str = attrs.field(
        metadata=about("Language of the document (BCP 47 code, e.g. en or ko).")
    )
    as_of: When | None = attrs.field(
        default=None, metadata=about("The date the document describes or was published (EDTF).")
    )
    accessed: When | None = attrs.field(
        default=None, metadata=about("When the page was read (EDTF).")
    )
    url: str | None = attrs.field(
        default=None, metadata=about("Address of the page, for web sources.")
    )
    seed_file: str | None = attrs.field(
        default=None,
        metadata=about(
            "File name of the seed document the project started from; lookups accept it.",
            search="name",
        ),
    )
    sections: tuple[Section, ...] = attrs.field(
        default=(), metadata=about("Parts of the document that citations name.")
    )
    description: str = attrs.field(
        default="",
        metadata=about("What the document is and covers, in our own words.", search="text"),
    )
    notes: tuple[str, ...] = attrs.field(
        default=(),
        metadata=about(
            "Remarks on the source: its reliability, gaps, quirks.", sentences=True, search="text"
        ),
    )

    @property
    def abbreviation(self) -> str | None:
        return None

    @property
    def aliases(self) -> tuple[str, ...]:
        return (self.seed_file,) if self.seed_file else ()

    @property
    def local_names(self) -> "tuple[LocalName, ...]":
        return ()

    @property
    def citations(self) -> tuple[Citation, ...]:
        return ()

    def __repr__(self) -> str:
        return f"<Source {self.id}: {self.name}>"

    def _repr_html_(self) -> str:
        # Imported when a notebook shows a record: the dataset module imports this one, and
        # the display is for notebooks only.
        from .dataset import dataset_of
        from .display import record_html

        return record_html(self, dataset_of(self))

    def section(self, section_id: str) -> Section | None:
        """The section with this id, or None."""
        for section in self.sections:
            if section.id == section_id:
                return section
        return None

    def dated_facts(self, name_of: "Callable[[str], str] | None" = None) -> "Iterator[DatedFact]":
        return iter(())

    @property
    def date(self) -> When | None:
        return self.as_of

    def involves(self) -> frozenset[str]:
        return frozenset()


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Erratum(Frozen):
    """A source printed something wrong: what it printed, the correction and why.

    >>> Erratum(field="name", printed="AFR", corrected="ARF", reason="letters swapped",
    ...         citation=Citation("mofa-asean", "political-security")).corrected
    'ARF'
    """

    field: str = attrs.field(metadata=about("The field the error is about."))
    printed: str = attrs.field(metadata=about("What the source printed."))
    corrected: str = attrs.field(metadata=about("The corrected value, which the record uses."))
    reason: str = attrs.field(metadata=about("Why the printed value is wrong."))
    citation: Citation = attrs.field(metadata=about("Where it was printed."))


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Claim(Frozen):
    """One side of a disagreement: a value and the citations that state it.

    >>> import korea_diplomacy as kd
    >>> claims = kd.funds.lookup("Mekong-ROK Cooperation Fund").conflicts[0].claims
    >>> [(claim.value, claim.preferred) for claim in claims]
    [('2012', False), ('2013-06', True), ('2013', False)]
    """

    value: str = attrs.field(metadata=about("The value this side states."))
    citations: tuple[Citation, ...] = attrs.field(metadata=about("The sources that state it."))
    preferred: bool = attrs.field(
        default=False, metadata=about("Whether the dataset uses this value.")
    )


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Conflict(Frozen):
    """Sources disagree about ``field``; every claim is kept and one is preferred, with a reason.

    >>> import korea_diplomacy as kd
    >>> conflict = kd.funds.lookup("Mekong-ROK Cooperation Fund").conflicts[0]
    >>> conflict.field, conflict.preferred.value
    ('established', '2013-06')
    """

    field: str = attrs.field(metadata=about("The field the sources disagree about."))
    claims: tuple[Claim, ...] = attrs.field(metadata=about("Every claim, each with its citations."))
    reason: str = attrs.field(metadata=about("Why the preferred claim is preferred."))

    @property
    def preferred(self) -> Claim | None:
        """The claim the dataset uses for the field."""
        return next((claim for claim in self.claims if claim.preferred), None)


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Inference(Frozen):
    """A value no source states outright, reasoned from what sources do state.

    >>> import korea_diplomacy as kd
    >>> kd.mechanisms["asean-rok-summit"].inferences[0].value
    'No numbered ASEAN-ROK Summit was held in 2008.'
    """

    field: str = attrs.field(metadata=about("The field the value is for."))
    value: str = attrs.field(metadata=about("The inferred value."))
    reasoning: str = attrs.field(metadata=about("How it follows from what the sources state."))
    citations: tuple[Citation, ...] = attrs.field(
        default=(), metadata=about("The sources the reasoning rests on.")
    )


@attrs.frozen(repr=False, eq=False)
class LocalName(Frozen):
    """A name in another language (``lang`` is a BCP 47 code such as ``ko``), with variants.

    >>> import korea_diplomacy as kd
    >>> kd.funds.lookup("AKCF").local_names[0]
    LocalName(lang='ko', text='한-아세안 협력기금', variants=('한·아세안 협력기금',))
    """

    lang: str = attrs.field(metadata=about("Language (BCP 47 code, e.g. ko)."))
    text: str = attrs.field(metadata=about("The name in that language.", search="name"))
    variants: tuple[str, ...] = attrs.field(
        default=(),
        metadata=about(
            "Other spellings in that language (a middle dot for a hyphen...).", search="name"
        ),
    )


@attrs.frozen(repr=False, eq=False)
class ExternalId(Frozen):
    """An identifier of this record in another dataset, e.g. ``ExternalId("wikidata", "Q7768")``.

    >>> import korea_diplomacy as kd
    >>> kd.actors["asean"].identifiers
    (ExternalId(scheme='wikidata', value='Q7768'),)
    """

    scheme: str = attrs.field(metadata=about("The other dataset (wikidata...)."))
    value: str = attrs.field(metadata=about("The identifier there (Q7768...)."))


@attrs.frozen(repr=False, eq=False)
class DatedFact(Frozen):
    """One dated fact about a record, as listed by :func:`korea_diplomacy.timeline`.

    >>> import korea_diplomacy as kd
    >>> [f.label for f in kd.timeline(since="2010-10-29", until="2010-10-29") if f.kind == "stage"]
    ['ROK-ASEAN relations: Strategic Partnership']
    """

    date: When = attrs.field(metadata=about("When it happened (EDTF)."))
    record_id: str = attrs.field(metadata=about("Id of the record the fact belongs to."))
    collection: str = attrs.field(metadata=about("The collection of that record."))
    kind: str = attrs.field(
        metadata=about("What sort of fact (meeting, stage, adopted, signed...).")
    )
    label: str = attrs.field(metadata=about("A readable one-line description."))

    def sort_key(self) -> tuple[tuple[_dt.date, int, int, str], str, str, str]:
        return (self.date.sort_key(), self.record_id, self.kind, self.label)


# --------------------------------------------------------------------------- amounts


@attrs.frozen(repr=False, eq=False)
class Money(Frozen):
    """An amount of money in a currency (ISO 4217 code), possibly qualified.

    >>> Money(Decimal("14000000"), "USD")
    Money(amount=Decimal('14000000'), currency='USD', qualifier='exact')
    >>> Money(Decimal("14000000"), "USD").human()
    'USD 14 million'

    ``human()`` never fails: an amount built in code that the data would refuse (not a
    number, an infinity) is shown as it is, and :func:`~korea_diplomacy.validate` reports it.

    >>> Money(Decimal("Infinity"), "USD").human()
    'USD Infinity'
    """

    amount: Decimal = attrs.field(metadata=about("The amount, as a decimal string."))
    currency: str = attrs.field(metadata=about("ISO 4217 currency code (USD, KRW...)."))
    qualifier: Qualifier = attrs.field(
        default="exact", metadata=about("Whether the amount is exact, approximate or a bound.")
    )

    def human(self) -> str:
        return f"{_words(self.qualifier)}{self.currency} {_short_number(self.amount)}"


@attrs.frozen(repr=False, eq=False)
class Quantity(Frozen):
    """A number of something, possibly qualified ("more than 420 projects").

    >>> Quantity(Decimal(420), "projects", "more-than").human()
    'more than 420 projects'
    """

    value: Decimal = attrs.field(
        metadata=about("The number, as a decimal string.", column="amount")
    )
    unit: str = attrs.field(metadata=about("What is counted (projects, countries, people...)."))
    qualifier: Qualifier = attrs.field(
        default="exact", metadata=about("Whether the number is exact, approximate or a bound.")
    )

    def human(self) -> str:
        suffix = "+" if self.qualifier == "plus" else ""
        return f"{_words(self.qualifier)}{_short_number(self.value)}{suffix} {self.unit}"


def _words(qualifier: object) -> str:
    # A qualifier built in code may be anything: shown as it is (validate reports it).
    found = _QUALIFIER_WORDS.get(qualifier) if isinstance(qualifier, str) else None
    return f"{qualifier} " if found is None else found


_SIZES = ((Decimal(10) ** 9, "billion"), (Decimal(10) ** 6, "million"))


def _short_number(value: object) -> str:
    """``14 million``; never an error, whatever a value built in code holds."""
    if type(value) is not Decimal or not value.is_finite():
        return str(value)
    for size, word in _SIZES:
        if value.copy_abs() >= size:  # (abs() would round in the default context: overflow)
            return f"{plain_number(WIDE.divide(value, size).normalize(WIDE))} {word}"
    return plain_number(value.normalize(WIDE))


@attrs.frozen(repr=False, eq=False)
class Direction(Frozen):
    """Which way a flow goes, from one actor (or group) to another.

    >>> import korea_diplomacy as kd
    >>> kd.figures["asean-rok-fdi-2021"].direction
    Direction(origin='kor', destination='asean')
    """

    origin: str = attrs.field(metadata=about("Id of the actor the flow comes from.", ref="actors"))
    destination: str = attrs.field(
        metadata=about("Id of the actor the flow goes to.", ref="actors")
    )


# --------------------------------------------------------------------------- records


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Record(Frozen):
    """Fields every record has. ``citations`` is required: nothing enters without a source.

    >>> import korea_diplomacy as kd
    >>> kd.mechanisms["east-asia-summit"].abbreviation
    'EAS'
    """

    collection_name: ClassVar[str] = ""
    """The collection (and data file) the records of this class belong to."""
    collection_title: ClassVar[str] = ""
    """A one-line title of the collection, for exports and docs."""
    implied_actors: ClassVar[tuple[str, ...]] = ()
    in_date_order: ClassVar[bool] = False
    """Whether the collection lists its records in date order (meetings and events do)."""
    """Actors every record of the class involves without naming them (the ROK, for
    partnerships and relations)."""

    id: str = attrs.field(
        metadata=about(
            "Stable identifier: lowercase kebab-case, unique across all collections; a country's "
            "id is its ISO 3166-1 alpha-3 code in lower case.",
            filter=False,
        )
    )
    name: str = attrs.field(
        metadata=about("The English name, as the sources write it.", filter=False, search="name")
    )
    citations: tuple[Citation, ...] = attrs.field(
        metadata=about(
            "Where the record comes from: a source id and a section of that source, at least one.",
            must_cite=True,
        )
    )
    abbreviation: str | None = attrs.field(
        default=None,
        metadata=about(
            "The usual short form (EAS, AKCF), if there is one.", filter=False, search="name"
        ),
    )
    aliases: tuple[str, ...] = attrs.field(
        default=(),
        metadata=about(
            "Other names the record is known by; lookups accept them.", filter=False, search="name"
        ),
    )
    local_names: tuple[LocalName, ...] = attrs.field(
        default=(),
        metadata=about(
            "Names in other languages (Korean in Hangul), with spelling variants.", search="name"
        ),
    )
    description: str = attrs.field(
        default="",
        metadata=about("A short description in our own words.", filter=False, search="text"),
    )
    errata: tuple[Erratum, ...] = attrs.field(
        default=(), metadata=about("What a source printed wrong, the correction and why.")
    )
    conflicts: tuple[Conflict, ...] = attrs.field(
        default=(),
        metadata=about(
            "Facts the sources disagree about: every claim, with the preferred one marked and why."
        ),
    )
    inferences: tuple[Inference, ...] = attrs.field(
        default=(),
        metadata=about(
            "Values no source states outright, with the reasoning from what they do state."
        ),
    )
    notes: tuple[str, ...] = attrs.field(
        default=(),
        metadata=about(
            "Remarks on the record or its sources, one sentence or more each.",
            sentences=True,
            search="text",
        ),
    )
    identifiers: tuple[ExternalId, ...] = attrs.field(
        default=(), metadata=about("Identifiers of the record in other datasets (Wikidata...).")
    )

    def __repr__(self) -> str:
        when = f" ({self.date})" if self.date is not None else ""
        return f"<{type(self).__name__} {self.id}: {self.name}{when}>"

    def _repr_html_(self) -> str:
        """A table of the record for notebooks (see :mod:`korea_diplomacy.display`), with the
        names and sources of the dataset that holds it."""
        # Imported when a notebook shows a record: the dataset module imports this one, and
        # the display is for notebooks only.
        from .dataset import dataset_of
        from .display import record_html

        return record_html(self, dataset_of(self))

    @property
    def date(self) -> When | None:
        """The date that places this record in time (used by ``filter`` and sorting)."""
        return None

    def dated_facts(self, name_of: Callable[[str], str] | None = None) -> Iterator[DatedFact]:
        """Every dated fact of this record, for the timeline; ``name_of`` turns the ids of
        other records in its labels into names."""
        return iter(())

    def involves(self) -> frozenset[str]:
        """Ids of the actors this record names directly (its fields that declare so)."""
        return involved(self)

    def name_in(self, lang: str) -> str | None:
        """The name in language ``lang`` (``"en"`` is :attr:`name`), or None.

        >>> import korea_diplomacy as kd
        >>> kd.mechanisms["asean-rok-summit"].name_in("en")
        'ASEAN-ROK Summit'
        """
        if lang == "en":
            return self.name
        return next((local.text for local in self.local_names if local.lang == lang), None)

    def _fact(self, date: When | None, kind: str, label: str) -> Iterator[DatedFact]:
        if date is not None:
            yield DatedFact(date, self.id, self.collection_name, kind, label)


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Membership(Frozen):
    """An actor's place in a group or mechanism, from ``start`` until ``end`` (open if None).

    >>> import korea_diplomacy as kd
    >>> [str(m.start) for m in kd.actors["asean"].memberships if m.member == "tls"]
    ['2025-10-26']
    """

    member: str = attrs.field(metadata=about("Id of the member.", ref="actors"))
    citations: tuple[Citation, ...] = attrs.field(
        metadata=about("Where the membership is stated.", must_cite=True)
    )
    start: When | None = attrs.field(
        default=None, metadata=about("When the membership began (EDTF); unknown counts as always.")
    )
    end: When | None = attrs.field(
        default=None,
        metadata=about("When it ended (EDTF); none means it still holds.", after=("start",)),
    )
    role: Literal["member", "participant", "observer"] = attrs.field(
        default="member", metadata=about("Member, participant or observer.")
    )
    joined_at: str | None = attrs.field(
        default=None,
        metadata=about("Id of the meeting at which the member joined.", ref="meetings"),
    )
    note: str = attrs.field(default="", metadata=about("A remark on the membership."))
    conflicts: tuple[Conflict, ...] = attrs.field(
        default=(), metadata=about("What the sources disagree about for this membership.")
    )
    inferences: tuple[Inference, ...] = attrs.field(
        default=(), metadata=about("What is inferred rather than stated for this membership.")
    )

    def active_on(self, day: _dt.date) -> bool:
        """Whether the membership held on ``day``; an unknown start counts as always."""
        if self.start is not None and self.start.earliest > day:
            return False
        return self.end is None or self.end.latest >= day


class _MembershipIndex:
    """Who is a member between each pair of dates where membership changes."""

    __slots__ = ("changes", "members")

    def __init__(self, memberships: tuple[Membership, ...]) -> None:
        changes: set[_dt.date] = set()
        for m in memberships:
            if m.start is not None:
                changes.add(m.start.earliest)
            if m.end is not None and m.end.latest < _dt.date.max:
                changes.add(m.end.latest + _dt.timedelta(days=1))
        self.changes = sorted(changes)
        self.members = [
            frozenset(m.member for m in memberships if m.active_on(day))
            for day in (_dt.date.min, *self.changes)
        ]

    def on(self, day: _dt.date) -> frozenset[str]:
        return self.members[bisect.bisect_right(self.changes, day)]


class _PerRecord(dict[int, tuple["weakref.ref[object]", object]]):
    """Values computed once from a (frozen) record and kept while the record lives.

    Keyed by identity, not equality: hashing a whole record would cost more than the query.
    """

    def get_for(self, record: object) -> object | None:
        entry = self.get(id(record))
        return entry[1] if entry is not None and entry[0]() is record else None

    def put(self, record: object, value: object) -> None:
        key = id(record)
        self[key] = (weakref.ref(record, lambda _: self.pop(key, None)), value)


_membership_indexes = _PerRecord()
_stage_starts = _PerRecord()
_event_starts = _PerRecord()


def _as_of(date: object) -> _dt.date:
    return as_day(date, end=True)  # text dates are read once and remembered


def _members_on(record: "Actor | Mechanism", date: object) -> frozenset[str]:
    day = _as_of(date)
    index = _membership_indexes.get_for(record)
    if index is None:
        index = _MembershipIndex(record.memberships)
        _membership_indexes.put(record, index)
    return cast(_MembershipIndex, index).on(day)


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Actor(Record):
    """A country, organisation, grouping, institution, government or person.

    A country's id is its ISO 3166-1 alpha-3 code in lower case.

    >>> import korea_diplomacy as kd
    >>> kd.actors["kor"].iso_alpha2
    'KR'
    """

    collection_name: ClassVar[str] = "actors"
    collection_title: ClassVar[str] = (
        "Actors: countries, organisations, groupings, institutions, persons"
    )
    involves_itself: ClassVar[bool] = True

    kind: Literal["country", "organisation", "grouping", "institution", "government", "person"] = (
        attrs.field(
            metadata=about(
                "What sort of actor: a country, an organisation, a grouping, an institution, a "
                "government or a person."
            )
        )
    )
    iso_alpha2: str | None = attrs.field(
        default=None, metadata=about("ISO 3166-1 alpha-2 code, for countries.")
    )
    iso_alpha3: str | None = attrs.field(
        default=None, metadata=about("ISO 3166-1 alpha-3 code, for countries.")
    )
    iso_numeric: str | None = attrs.field(
        default=None,
        metadata=about("ISO 3166-1 numeric code (three digits, as text), for countries."),
    )
    country: str | None = attrs.field(
        default=None,
        metadata=about(
            "Id of the country the actor belongs to, for institutions and persons.",
            ref="actors",
            involves=True,
        ),
    )
    parent: str | None = attrs.field(
        default=None,
        metadata=about(
            "Id of the body the actor is part of.", ref="actors", involves=True, hierarchy=True
        ),
    )
    seat: str | None = attrs.field(
        default=None, metadata=about("Where the actor is based.", search="text")
    )
    established: When | None = attrs.field(
        default=None, metadata=about("When the actor was founded (EDTF).")
    )
    memberships: tuple[Membership, ...] = attrs.field(
        default=(), metadata=about("Who belongs to this group, from when until when.")
    )
    dissolved: When | None = attrs.field(
        default=None, metadata=about("When a former state ceased to exist (EDTF).")
    )
    successors: tuple[str, ...] = attrs.field(
        default=(), metadata=about("Ids of the states that followed a former state.", ref="actors")
    )
    iso_3166_3: str | None = attrs.field(
        default=None,
        metadata=about("ISO 3166-3 code of a former country (four letters), where it has one."),
    )

    @property
    def date(self) -> When | None:
        return self.established

    def members_on(self, date: object) -> frozenset[str]:
        """Ids of this group's members on ``date`` (a year or month means its last day).

        >>> import korea_diplomacy as kd
        >>> sorted(kd.actors["mekong-countries"].members_on("2019-11-27"))
        ['khm', 'lao', 'mmr', 'tha', 'vnm']
        """
        return _members_on(self, date)

    def dated_facts(self, name_of: Callable[[str], str] | None = None) -> Iterator[DatedFact]:
        yield from self._fact(self.established, "established", f"{self.name} established")
        yield from self._fact(self.dissolved, "dissolved", f"{self.name} dissolved")
        for m in self.memberships:
            member = name_of(m.member) if name_of else m.member
            yield from self._fact(m.start, "membership-start", f"{member} joins {self.name}")
            yield from self._fact(m.end, "membership-end", f"{member} leaves {self.name}")


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Role(Frozen):
    """A role an actor holds in a mechanism for a period, e.g. the ROK as co-chair 2018-2020.

    >>> import korea_diplomacy as kd
    >>> role = kd.mechanisms["arf-ism-non-proliferation-disarmament"].roles[0]
    >>> role.actor, role.role, role.period.human()
    ('kor', 'co-chair', '2018-2020')
    """

    actor: str = attrs.field(metadata=about("Id of the actor holding the role.", ref="actors"))
    role: str = attrs.field(metadata=about("The role (co-chair, coordinator...)."))
    citations: tuple[Citation, ...] = attrs.field(
        metadata=about("Where the role is stated.", must_cite=True)
    )
    period: When | None = attrs.field(
        default=None, metadata=about("When the role is held (EDTF).", planned=_planned_role)
    )
    status_as_of_source: Literal["past", "current", "planned"] | None = attrs.field(
        default=None,
        metadata=about("Whether the source describes the role as past, current or planned."),
    )


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Mechanism(Record):
    """A standing channel of diplomacy: a summit series, a ministerial, a forum, a council.

    >>> import korea_diplomacy as kd
    >>> kd.mechanisms.lookup("EAS").id
    'east-asia-summit'
    """

    collection_name: ClassVar[str] = "mechanisms"
    collection_title: ClassVar[str] = "Mechanisms: summits, ministerials, forums, councils"

    kind: Literal[
        "summit",
        "ministerial-meeting",
        "senior-officials-meeting",
        "forum",
        "dialogue",
        "process",
        "council",
        "friendship-group",
        "parliamentary-exchange",
        "conference",
        "working-group",
    ] = attrs.field(
        metadata=about("What sort of channel: a summit, a ministerial, a forum, a council...")
    )
    level: Literal[
        "leaders", "ministers", "senior-officials", "officials", "parliament", "business", "mixed"
    ] = attrs.field(
        metadata=about("Who meets in it: leaders, ministers, senior officials, parliamentarians...")
    )
    parent: str | None = attrs.field(
        default=None,
        metadata=about(
            "Id of the mechanism this one belongs to (the ARF for its working groups).",
            ref="mechanisms",
            hierarchy=True,
        ),
    )
    organiser: str | None = attrs.field(
        default=None, metadata=about("Id of the actor that runs it.", ref="actors", involves=True)
    )
    counterparts: tuple[str, ...] = attrs.field(
        default=(),
        metadata=about(
            "Ids of the actors on the other side of the table (for the ROK's bilateral and "
            "regional channels).",
            ref="actors",
            involves=True,
        ),
    )
    established: When | None = attrs.field(
        default=None, metadata=about("When it was set up (EDTF).")
    )
    established_at: str | None = attrs.field(
        default=None, metadata=about("Id of the meeting at which it was set up.", ref="meetings")
    )
    established_by: str | None = attrs.field(
        default=None, metadata=about("Id of the document that set it up.", ref="documents")
    )
    frequency: str | None = attrs.field(
        default=None, metadata=about("How often it meets, as the sources say (annual...).")
    )
    areas: tuple[str, ...] = attrs.field(
        default=(), metadata=about("Areas of cooperation it covers.", search="text")
    )
    memberships: tuple[Membership, ...] = attrs.field(
        default=(), metadata=about("Its participants, from when until when.", involves=True)
    )
    roles: tuple[Role, ...] = attrs.field(
        default=(),
        metadata=about(
            "Roles actors hold in it for a period (co-chair, coordinator...).", involves=True
        ),
    )

    @property
    def date(self) -> When | None:
        return self.established

    def members_on(self, date: object) -> frozenset[str]:
        """Ids of the participants on ``date`` (a year or month means its last day).

        >>> import korea_diplomacy as kd
        >>> len(kd.mechanisms.lookup("EAS").members_on("2010-06-01"))
        16
        """
        return _members_on(self, date)

    def dated_facts(self, name_of: Callable[[str], str] | None = None) -> Iterator[DatedFact]:
        yield from self._fact(self.established, "established", f"{self.name} established")
        for m in self.memberships:
            member = name_of(m.member) if name_of else m.member
            yield from self._fact(m.start, "membership-start", f"{member} joins {self.name}")
            yield from self._fact(m.end, "membership-end", f"{member} leaves {self.name}")
        for role in self.roles:
            actor = name_of(role.actor) if name_of else role.actor
            label = f"{actor} {role.role} of {self.name}"
            yield from self._fact(role.period, "role", label)


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Stage(Frozen):
    """One step of a partnership, in force from ``start`` until the next stage begins.

    >>> import korea_diplomacy as kd
    >>> kd.partnerships.lookup("ASEAN").stages[-1].name
    'Comprehensive Strategic Partnership'
    """

    name: str = attrs.field(metadata=about("The partnership's name at this stage.", search="text"))
    start: When = attrs.field(metadata=about("When the stage began (EDTF)."))
    citations: tuple[Citation, ...] = attrs.field(
        metadata=about("Where the stage is stated.", must_cite=True)
    )
    made_at: str | None = attrs.field(
        default=None,
        metadata=about("Id of the meeting at which the stage was agreed.", ref="meetings"),
    )
    made_by: str | None = attrs.field(
        default=None, metadata=about("Id of the document that established it.", ref="documents")
    )
    local_names: tuple[LocalName, ...] = attrs.field(
        default=(), metadata=about("The stage's name in other languages.", search="text")
    )
    note: str = attrs.field(default="", metadata=about("A remark on the stage.", search="text"))
    level: PartnershipLevel | None = attrs.field(
        default=None,
        metadata=about(
            "How high the stage stands: alliance, comprehensive-strategic, special-strategic, "
            "strategic, comprehensive or other."
        ),
    )
    conflicts: tuple[Conflict, ...] = attrs.field(
        default=(), metadata=about("What the sources disagree about for this stage.")
    )
    inferences: tuple[Inference, ...] = attrs.field(
        default=(), metadata=about("What is inferred rather than stated for this stage.")
    )


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Partnership(Record):
    """The ROK's relationship with a counterpart, as a series of stages.

    >>> import korea_diplomacy as kd
    >>> kd.partnerships.lookup("ASEAN").status_on("2005-06-01").name
    'Comprehensive Cooperation Partnership'
    """

    collection_name: ClassVar[str] = "partnerships"
    collection_title: ClassVar[str] = "Partnerships of the ROK and their stages"
    implied_actors: ClassVar[tuple[str, ...]] = ("kor",)

    counterpart: str = attrs.field(
        metadata=about(
            "Id of the actor the ROK is in partnership with.", ref="actors", involves=True
        )
    )
    stages: tuple[Stage, ...] = attrs.field(
        default=(),
        metadata=about(
            "The partnership's steps in order; each holds until the next begins.",
            ordered=True,
            search="text",
        ),
    )

    @property
    def date(self) -> When | None:
        return self.stages[0].start if self.stages else None

    @criterion
    def level(self) -> PartnershipLevel | None:
        """How high the partnership stands now: the level of its latest stage.

        >>> import korea_diplomacy as kd
        >>> kd.partnerships.lookup("Viet Nam").level
        'comprehensive-strategic'
        >>> sorted(p.counterpart for p in kd.partnerships.filter(level="special-strategic"))
        ['are', 'idn', 'ind', 'uzb']
        """
        return self.stages[-1].level if self.stages else None

    def status_on(self, date: object) -> Stage | None:
        """The stage in force on ``date``, or None before the first one.

        A year or month means its last day; a stage dated to a year or month counts from
        the first day of that period.
        """
        day = _as_of(date)
        starts = _stage_starts.get_for(self)
        if starts is None:
            starts = [stage.start.earliest for stage in self.stages]
            _stage_starts.put(self, starts)
        # Stages are in order (the validator checks it): the last one begun by `day` holds.
        position = bisect.bisect_right(cast("list[_dt.date]", starts), day)
        return self.stages[position - 1] if position else None

    def dated_facts(self, name_of: Callable[[str], str] | None = None) -> Iterator[DatedFact]:
        for stage in self.stages:
            yield from self._fact(stage.start, "stage", f"{self.name}: {stage.name}")


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Delegate(Frozen):
    """Who led one delegation at a meeting.

    >>> import korea_diplomacy as kd
    >>> kd.meetings["asean-rok-summit-3"].heads_of_delegation[0].person
    'Kim Dae-jung'
    """

    actor: str = attrs.field(
        metadata=about("Id of the country or body the delegation represents.", ref="actors")
    )
    person: str = attrs.field(metadata=about("Who led it.", search="text"))
    citations: tuple[Citation, ...] = attrs.field(
        metadata=about("Where this is stated.", must_cite=True)
    )
    title: str | None = attrs.field(
        default=None,
        metadata=about("The person's title at the time (President, Prime Minister...)."),
    )
    note: str = attrs.field(default="", metadata=about("A remark on the delegation."))
    conflicts: tuple[Conflict, ...] = attrs.field(
        default=(), metadata=about("What the sources disagree about for this delegation.")
    )
    inferences: tuple[Inference, ...] = attrs.field(
        default=(), metadata=about("What is inferred rather than stated for this delegation.")
    )


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Session(Frozen):
    """A part of a meeting's programme: a plenary, a lecture, a group discussion, a visit.

    >>> import korea_diplomacy as kd
    >>> kd.meetings["chiefs-of-overseas-missions-2017"].sessions[0].kind
    'plenary'
    """

    title: str = attrs.field(metadata=about("Title of the session.", search="text"))
    kind: Literal[
        "plenary", "lecture", "group-discussion", "visit", "meeting", "presentation", "activity"
    ] = attrs.field(metadata=about("A plenary, a lecture, a group discussion, a visit..."))
    citations: tuple[Citation, ...] = attrs.field(
        metadata=about("Where the session is stated.", must_cite=True)
    )
    date: When | None = attrs.field(default=None, metadata=about("When it took place (EDTF)."))
    theme: str | None = attrs.field(
        default=None, metadata=about("The theme it belongs to.", search="text")
    )
    actors: tuple[str, ...] = attrs.field(
        default=(), metadata=about("Ids of the actors taking part.", ref="actors")
    )
    topics: tuple[str, ...] = attrs.field(
        default=(), metadata=about("Topics discussed.", search="text")
    )


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Meeting(Record):
    """One dated session of a mechanism; the leaders-level ones are also in ``kd.summits``.

    >>> import korea_diplomacy as kd
    >>> m = kd.meetings.filter(mechanism="asean-rok-summit", ordinal=13)[0]
    >>> m.date.human(), m.city
    ('29 Oct 2010', 'Ha Noi')
    """

    collection_name: ClassVar[str] = "meetings"
    in_date_order: ClassVar[bool] = True
    collection_title: ClassVar[str] = "Meetings: dated sessions of the mechanisms"

    mechanism: str = attrs.field(
        metadata=about("Id of the mechanism this meeting is a session of.", ref="mechanisms")
    )
    ordinal: int | None = attrs.field(
        default=None,
        metadata=about(
            "Its number in the series (13 for the 13th summit), as the sources number it."
        ),
    )
    date: When | None = attrs.field(
        default=None,
        metadata=about(
            "When it was held (EDTF; a day or a span of days when known).", planned=_planned_meeting
        ),
    )
    status: Literal["held", "postponed", "cancelled", "planned"] = attrs.field(
        default="held",
        metadata=about("Whether it was held, postponed, cancelled or is still planned."),
    )
    planned_date: When | None = attrs.field(
        default=None,
        metadata=about(
            "When it had been planned, for postponed, cancelled and planned meetings (EDTF).",
            planned=True,
        ),
    )
    format: Literal["in-person", "virtual", "hybrid"] | None = attrs.field(
        default=None, metadata=about("In person, virtual or hybrid.")
    )
    city: str | None = attrs.field(default=None, metadata=about("The host city.", search="text"))
    venue: str | None = attrs.field(
        default=None, metadata=about("The building or site.", search="text")
    )
    country: str | None = attrs.field(
        default=None, metadata=about("Id of the host country.", ref="actors", involves=True)
    )
    chairs: tuple[str, ...] = attrs.field(
        default=(), metadata=about("Ids of the chairs or co-chairs.", ref="actors", involves=True)
    )
    held_with: str | None = attrs.field(
        default=None,
        metadata=about("Id of a meeting held back to back with this one.", ref="meetings"),
    )
    participants: tuple[str, ...] = attrs.field(
        default=(),
        metadata=about(
            "Ids of the participants, where the sources list them.", ref="actors", involves=True
        ),
    )
    attendance: Quantity | None = attrs.field(
        default=None, metadata=about("How many attended, as the sources count them.")
    )
    heads_of_delegation: tuple[Delegate, ...] = attrs.field(
        default=(),
        metadata=about("Who led each delegation, where known.", involves=True, search="text"),
    )
    themes: tuple[str, ...] = attrs.field(
        default=(), metadata=about("Themes of the meeting.", search="text")
    )
    sessions: tuple[Session, ...] = attrs.field(
        default=(),
        metadata=about(
            "Parts of its programme: plenaries, lectures, discussions, visits.", search="text"
        ),
    )
    outcomes: tuple[str, ...] = attrs.field(
        default=(),
        metadata=about(
            "What it agreed or produced, one sentence each.", sentences=True, search="text"
        ),
    )
    documents: tuple[str, ...] = attrs.field(
        default=(), metadata=about("Ids of the documents it adopted or issued.", ref="documents")
    )

    def dated_facts(self, name_of: Callable[[str], str] | None = None) -> Iterator[DatedFact]:
        status = "" if self.status == "held" else f" ({self.status})"
        yield from self._fact(self.date, "meeting", self.name + status)
        if self.date is None and self.status != "held":
            yield from self._fact(self.planned_date, "meeting", self.name + status)
        for session in self.sessions:
            yield from self._fact(session.date, "session", f"{self.name}: {session.title}")


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Contribution(Frozen):
    """Money put into a fund: a yearly rate over ``period``, or a total up to ``as_of``.

    >>> import korea_diplomacy as kd
    >>> c = kd.funds.lookup("AKCF").contributions[1]
    >>> c.kind, str(c.period), c.amount.human()
    ('annual', '2019/2022', 'USD 14 million')
    """

    kind: Literal["annual", "cumulative"] = attrs.field(
        metadata=about("annual: a yearly rate over period; cumulative: a total up to as_of.")
    )
    amount: Money = attrs.field(metadata=about("The amount of money."))
    citations: tuple[Citation, ...] = attrs.field(
        metadata=about("Where the contribution is stated.", must_cite=True)
    )
    contributor: str = attrs.field(
        default="kor",
        metadata=about("Id of the contributor (the ROK unless stated).", ref="actors"),
    )
    period: When | None = attrs.field(
        default=None, metadata=about("The years the yearly rate applies to (EDTF).")
    )
    as_of: When | None = attrs.field(
        default=None, metadata=about("The date a cumulative total runs up to (EDTF).")
    )
    note: str = attrs.field(default="", metadata=about("A remark on the contribution."))
    conflicts: tuple[Conflict, ...] = attrs.field(
        default=(), metadata=about("What the sources disagree about for this contribution.")
    )


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Fund(Record):
    """A cooperation fund and the contributions made to it.

    >>> import korea_diplomacy as kd
    >>> kd.funds.lookup("AKCF").annual_contribution_on(2020).human()
    'USD 14 million'
    """

    collection_name: ClassVar[str] = "funds"
    collection_title: ClassVar[str] = "Cooperation funds and contributions"

    established: When | None = attrs.field(
        default=None, metadata=about("When the fund was set up (EDTF).")
    )
    established_at: str | None = attrs.field(
        default=None, metadata=about("Id of the meeting at which it was set up.", ref="meetings")
    )
    mechanism: str | None = attrs.field(
        default=None, metadata=about("Id of the mechanism the fund serves.", ref="mechanisms")
    )
    beneficiaries: tuple[str, ...] = attrs.field(
        default=(),
        metadata=about("Ids of the actors the fund benefits.", ref="actors", involves=True),
    )
    contributions: tuple[Contribution, ...] = attrs.field(
        default=(),
        metadata=about(
            "Money put into it: yearly rates over periods, or totals to a date.", involves=True
        ),
    )
    priority_areas: tuple[str, ...] = attrs.field(
        default=(), metadata=about("Areas the fund gives priority to.", search="text")
    )
    governing_documents: tuple[str, ...] = attrs.field(
        default=(), metadata=about("Ids of the documents that govern the fund.", ref="documents")
    )

    @property
    def date(self) -> When | None:
        return self.established

    def annual_contribution_on(self, date: object, contributor: str = "kor") -> Money | None:
        """The yearly contribution in force on ``date`` (a year means its last day), or None.

        None means the sources give no rate for that date: before the fund existed, or
        a period they do not cover. Compare with :attr:`established` to tell which.
        """
        day = as_day(date, end=True)
        for c in self.contributions:
            annual = c.kind == "annual" and c.contributor == contributor
            if annual and c.period is not None and c.period.contains(day):
                return c.amount
        return None

    def dated_facts(self, name_of: Callable[[str], str] | None = None) -> Iterator[DatedFact]:
        yield from self._fact(self.established, "established", f"{self.name} established")
        for c in self.contributions:
            if c.kind == "annual" and c.period is not None:
                start = c.period.start if isinstance(c.period, DateRange) else c.period
                label = f"{self.name}: annual contribution {c.amount.human()}"
                yield from self._fact(start, "contribution", label)
            else:
                label = f"{self.name}: {c.amount.human()} contributed in total"
                yield from self._fact(c.as_of, "contribution", label)


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Document(Record):
    """A declaration, statement, plan of action, agreement, protocol, MOU, report or plan.

    >>> import korea_diplomacy as kd
    >>> str(kd.documents["asean-rok-trade-in-services-agreement"].entered_into_force)
    '2009-05-01'
    """

    collection_name: ClassVar[str] = "documents"
    collection_title: ClassVar[str] = "Documents: declarations, plans of action, agreements"
    in_date_order: ClassVar[bool] = True

    kind: Literal[
        "declaration",
        "joint-statement",
        "plan-of-action",
        "agreement",
        "protocol",
        "mou",
        "report",
        "work-plan",
        "framework",
        "terms-of-reference",
        "statement",
    ] = attrs.field(
        metadata=about(
            "What sort of document: a declaration, a joint statement, a plan of action, an "
            "agreement..."
        )
    )
    adopted: When | None = attrs.field(default=None, metadata=about("When it was adopted (EDTF)."))
    signed: When | None = attrs.field(default=None, metadata=about("When it was signed (EDTF)."))
    entered_into_force: When | None = attrs.field(
        default=None,
        metadata=about("When it entered into force (EDTF).", after=("adopted", "signed")),
    )
    place: str | None = attrs.field(
        default=None, metadata=about("Where it was adopted or signed.", search="text")
    )
    adopted_at: str | None = attrs.field(
        default=None, metadata=about("Id of the meeting that adopted it.", ref="meetings")
    )
    parties: tuple[str, ...] = attrs.field(
        default=(), metadata=about("Ids of the parties to it.", ref="actors", involves=True)
    )
    covers: When | None = attrs.field(
        default=None, metadata=about("The period it covers, for plans (EDTF).", planned=True)
    )
    implements: str | None = attrs.field(
        default=None,
        metadata=about("Id of the document it implements.", ref="documents", hierarchy=True),
    )
    amends: str | None = attrs.field(
        default=None,
        metadata=about("Id of the document it amends.", ref="documents", hierarchy=True),
    )
    not_in_force_for: tuple[str, ...] = attrs.field(
        default=(), metadata=about("Ids of parties for which it is not in force.", ref="actors")
    )

    @property
    def date(self) -> When | None:
        return self.adopted or self.signed or self.entered_into_force

    def dated_facts(self, name_of: Callable[[str], str] | None = None) -> Iterator[DatedFact]:
        yield from self._fact(self.adopted, "adopted", f"{self.name} adopted")
        yield from self._fact(self.signed, "signed", f"{self.name} signed")
        label = f"{self.name} enters into force"
        yield from self._fact(self.entered_into_force, "entered-into-force", label)


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Policy(Record):
    """A policy, strategy, initiative, plan or policy task of the ROK government.

    >>> import korea_diplomacy as kd
    >>> kd.policies.lookup("New Southern Policy Plus").announced_at
    'asean-rok-summit-21'
    """

    collection_name: ClassVar[str] = "policies"
    collection_title: ClassVar[str] = "Policies, strategies and initiatives of the ROK"

    kind: Literal[
        "policy", "strategy", "initiative", "plan", "policy-task", "vision", "principle"
    ] = attrs.field(
        metadata=about(
            "What sort of policy: a policy, a strategy, an initiative, a plan, a policy task..."
        )
    )
    announced: When | None = attrs.field(
        default=None, metadata=about("When it was announced (EDTF).")
    )
    announced_by: str | None = attrs.field(
        default=None,
        metadata=about("Id of the actor that announced it.", ref="actors", involves=True),
    )
    announced_at: str | None = attrs.field(
        default=None, metadata=about("Id of the meeting at which it was announced.", ref="meetings")
    )
    government: str | None = attrs.field(
        default=None,
        metadata=about("Id of the government whose policy it is.", ref="actors", involves=True),
    )
    succeeds: str | None = attrs.field(
        default=None,
        metadata=about("Id of the policy it follows on from.", ref="policies", hierarchy=True),
    )
    focus: tuple[str, ...] = attrs.field(
        default=(), metadata=about("What it focuses on.", search="text")
    )
    related: tuple[str, ...] = attrs.field(
        default=(), metadata=about("Ids of related records in any collection.", ref="*")
    )

    @property
    def date(self) -> When | None:
        return self.announced

    def dated_facts(self, name_of: Callable[[str], str] | None = None) -> Iterator[DatedFact]:
        yield from self._fact(self.announced, "announced", f"{self.name} announced")


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Programme(Record):
    """A cooperation programme, project, exchange or standing activity.

    >>> import korea_diplomacy as kd
    >>> kd.programmes["asean-rok-film-leaders-incubator"].started.human()
    '2012'
    """

    collection_name: ClassVar[str] = "programmes"
    collection_title: ClassVar[str] = "Cooperation programmes and projects"

    kind: Literal["programme", "project", "exchange", "scholarship", "training", "activity"] = (
        attrs.field(
            metadata=about(
                "What sort of programme: a programme, a project, an exchange, a scholarship, a "
                "training, an activity."
            )
        )
    )
    started: When | None = attrs.field(default=None, metadata=about("When it started (EDTF)."))
    ended: When | None = attrs.field(
        default=None, metadata=about("When it ended (EDTF).", after=("started",))
    )
    organisers: tuple[str, ...] = attrs.field(
        default=(), metadata=about("Ids of the actors that run it.", ref="actors", involves=True)
    )
    partners: tuple[str, ...] = attrs.field(
        default=(), metadata=about("Ids of the actors it works with.", ref="actors", involves=True)
    )
    mechanism: str | None = attrs.field(
        default=None, metadata=about("Id of the mechanism it belongs to.", ref="mechanisms")
    )
    fund: str | None = attrs.field(
        default=None, metadata=about("Id of the fund that pays for it.", ref="funds")
    )
    areas: tuple[str, ...] = attrs.field(
        default=(), metadata=about("Areas it covers.", search="text")
    )

    @property
    def date(self) -> When | None:
        return self.started

    def dated_facts(self, name_of: Callable[[str], str] | None = None) -> Iterator[DatedFact]:
        yield from self._fact(self.started, "started", f"{self.name} starts")
        yield from self._fact(self.ended, "ended", f"{self.name} ends")


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Figure(Record):
    """A stated number: a value, the date it was true on, the period it covers, a direction.

    >>> import korea_diplomacy as kd
    >>> kd.figures["asean-rok-trade-2021"].value.human()
    'USD 176.5 billion'
    """

    collection_name: ClassVar[str] = "figures"
    collection_title: ClassVar[str] = "Figures: stated numbers"

    subject: str = attrs.field(
        metadata=about("Id of the record (in any collection) the number is about.", ref="*")
    )
    metric: str = attrs.field(
        metadata=about("What is measured, in kebab-case (trade-volume, member-count...).")
    )
    value: Money | Quantity = attrs.field(
        metadata=about("The number: an amount of money, or a quantity with its unit.")
    )
    as_of: When | None = attrs.field(
        default=None, metadata=about("The date the number was true on (EDTF).")
    )
    period: When | None = attrs.field(
        default=None, metadata=about("The period the number covers (EDTF).")
    )
    direction: Direction | None = attrs.field(
        default=None,
        metadata=about(
            "Which way the flow goes, for trade, investment and travel figures.", involves=True
        ),
    )
    part_of: str | None = attrs.field(
        default=None,
        metadata=about("Id of the figure this one is a part of.", ref="figures", hierarchy=True),
    )

    @property
    def date(self) -> When | None:
        return self.period or self.as_of

    def dated_facts(self, name_of: Callable[[str], str] | None = None) -> Iterator[DatedFact]:
        yield from self._fact(self.date, "figure", f"{self.name}: {self.value.human()}")


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Event(Record):
    """Something that happened once: a proposal, an establishment, an appointment, a visit.

    >>> import korea_diplomacy as kd
    >>> kd.events["mekong-rok-summit-proposal-2018"].at
    'asean-rok-summit-20'
    """

    collection_name: ClassVar[str] = "events"
    in_date_order: ClassVar[bool] = True
    collection_title: ClassVar[str] = "Events: proposals, establishments, admissions"

    kind: Literal[
        "proposal",
        "establishment",
        "appointment",
        "designation",
        "announcement",
        "agreement",
        "inauguration",
        "participation",
        "decision",
        "admission",
    ] = attrs.field(
        metadata=about(
            "What happened: a proposal, an establishment, an appointment, an admission..."
        )
    )
    date: When | None = attrs.field(default=None, metadata=about("When it happened (EDTF)."))
    actors: tuple[str, ...] = attrs.field(
        default=(), metadata=about("Ids of the actors involved.", ref="actors", involves=True)
    )
    at: str | None = attrs.field(
        default=None, metadata=about("Id of the meeting at which it happened.", ref="meetings")
    )
    place: str | None = attrs.field(
        default=None, metadata=about("Where it happened.", search="text")
    )
    related: tuple[str, ...] = attrs.field(
        default=(), metadata=about("Ids of related records in any collection.", ref="*")
    )

    def dated_facts(self, name_of: Callable[[str], str] | None = None) -> Iterator[DatedFact]:
        yield from self._fact(self.date, self.kind, self.name)


_EVENT_STATUS: dict[str, RelationStatus] = {
    "consular-relations": "consular",
    "established": "diplomatic",
    "raised-to-embassy": "diplomatic",
    "restored": "diplomatic",
    "succeeded": "diplomatic",
    "broken": "broken",
    "suspended": "suspended",
    "ended": "ended",
}


@attrs.frozen(kw_only=True, repr=False, eq=False)
class RelationEvent(Frozen):
    """One step in the ROK's relations with a partner: established, broken, restored...

    ``state`` names the state the step was taken with when it is not the partner itself (the
    Soviet Union for Russia's 1990 establishment).

    >>> import korea_diplomacy as kd
    >>> event = kd.relations.lookup("Viet Nam").events[-1]
    >>> event.kind, event.status
    ('established', 'diplomatic')
    """

    kind: Literal[
        "consular-relations",
        "established",
        "raised-to-embassy",
        "broken",
        "suspended",
        "restored",
        "succeeded",
        "ended",
    ] = attrs.field(
        metadata=about(
            "What happened: consular-relations, established, raised-to-embassy, broken, "
            "suspended, restored, succeeded (carried over to a successor state) or ended."
        )
    )
    date: When = attrs.field(metadata=about("When it happened (EDTF)."))
    citations: tuple[Citation, ...] = attrs.field(
        metadata=about("Where the step is stated.", must_cite=True)
    )
    state: str | None = attrs.field(
        default=None,
        metadata=about(
            "Id of the state the step was taken with, when not the partner itself (a predecessor "
            "such as the Soviet Union).",
            ref="actors",
        ),
    )
    note: str = attrs.field(default="", metadata=about("A remark on the step.", search="text"))
    local_names: tuple[LocalName, ...] = attrs.field(
        default=(), metadata=about("The step's wording in other languages.")
    )
    conflicts: tuple[Conflict, ...] = attrs.field(
        default=(), metadata=about("What the sources disagree about for this step.")
    )
    inferences: tuple[Inference, ...] = attrs.field(
        default=(), metadata=about("What is inferred rather than stated for this step.")
    )

    @property
    def status(self) -> RelationStatus:
        """What the relation is from this step on: ``diplomatic``, ``consular``, ``broken``..."""
        return _EVENT_STATUS[self.kind]


_EVENT_WORDS = {
    "consular-relations": "consular relations established",
    "established": "established",
    "raised-to-embassy": "raised to embassy level",
    "broken": "broken off",
    "suspended": "suspended",
    "restored": "restored",
    "succeeded": "carried over to a successor state",
    "ended": "ended",
}


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Relation(Record):
    """The history of the ROK's diplomatic relations with one partner, step by step.

    >>> import korea_diplomacy as kd
    >>> rel = kd.relations.lookup("VN")
    >>> rel.established.human(), rel.status_on("1990-01-01"), rel.status_on("2000-01-01")
    ('22 Dec 1992', None, 'diplomatic')
    """

    collection_name: ClassVar[str] = "relations"
    collection_title: ClassVar[str] = (
        "Diplomatic relations of the ROK with each partner, step by step"
    )
    implied_actors: ClassVar[tuple[str, ...]] = ("kor",)

    partner: str = attrs.field(
        metadata=about(
            "Id of the partner: a country, or a former state the relation ended with.",
            ref="actors",
            involves=True,
        )
    )
    events: tuple[RelationEvent, ...] = attrs.field(
        default=(),
        metadata=about(
            "The relation's steps in date order; each holds until the next begins.",
            involves=True,
            ordered=True,
            search="text",
        ),
    )

    @property
    def date(self) -> When | None:
        return self.events[0].date if self.events else None

    @criterion
    def status(self) -> RelationStatus | None:
        """Where the relation stands now: the status its latest step left it in.

        >>> import korea_diplomacy as kd
        >>> kd.relations.lookup("Taiwan").status
        'ended'
        >>> len(kd.relations.filter(status="diplomatic")) > 180
        True
        """
        return self.events[-1].status if self.events else None

    @property
    def established(self) -> When | None:
        """The date diplomatic relations were first established, or None if never."""
        return next((e.date for e in self.events if e.kind == "established"), None)

    def event_on(self, date: object) -> RelationEvent | None:
        """The step in force on ``date`` (the last one begun by then), or None before any.

        A year or month means its last day; a step dated to a year or month counts from the
        first day of that period.
        """
        day = _as_of(date)
        starts = _event_starts.get_for(self)
        if starts is None:
            starts = [event.date.earliest for event in self.events]
            _event_starts.put(self, starts)
        position = bisect.bisect_right(cast("list[_dt.date]", starts), day)
        return self.events[position - 1] if position else None

    def status_on(self, date: object) -> RelationStatus | None:
        """The relation on ``date``: ``diplomatic``, ``consular``, ``broken``, ``suspended``,
        ``ended``, or None before any step.

        >>> import korea_diplomacy as kd
        >>> kd.relations.lookup("Taiwan").status_on("1993")
        'ended'
        """
        event = self.event_on(date)
        return event.status if event is not None else None

    def state_on(self, date: object) -> str | None:
        """Id of the state the relation was with on ``date`` (the partner or a predecessor)."""
        event = self.event_on(date)
        if event is None:
            return None
        return event.state or self.partner

    def dated_facts(self, name_of: Callable[[str], str] | None = None) -> Iterator[DatedFact]:
        for event in self.events:
            label = f"{self.name}: {_EVENT_WORDS[event.kind]}"
            yield from self._fact(event.date, f"relation-{event.kind}", label)


_record_classes: Mapping[str, type] | None = None


def record_classes() -> Mapping[str, type]:
    """The record class of each collection stored as a data file, in load order: the classes
    of this module that declare a ``collection_name``, in the order they are defined.

    >>> list(record_classes())[:3]
    ['sources', 'actors', 'mechanisms']
    """
    global _record_classes
    if _record_classes is None:
        found = {
            vars(value)["collection_name"]: value
            for value in globals().values()
            if isinstance(value, type) and vars(value).get("collection_name")
        }
        _record_classes = types.MappingProxyType(found)
    return _record_classes
