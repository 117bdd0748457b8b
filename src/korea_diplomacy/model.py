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

from __future__ import annotations

import bisect
import datetime as _dt
import weakref
from collections.abc import Iterator
from decimal import Decimal
from typing import ClassVar, Literal, TypeAlias, cast

import attrs

from .dates import DateRange, When, _text_day, as_day

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


# --------------------------------------------------------------------------- provenance


@attrs.frozen
class Citation:
    """Where a fact comes from: a source id and the section of that source.

    >>> Citation("mofa-asean", "asean-korea-centre")
    Citation(source='mofa-asean', section='asean-korea-centre', note=None)
    """

    source: str
    section: str
    note: str | None = None


@attrs.frozen
class Section:
    """One part of a source document, which citations name by ``id``.

    >>> import korea_diplomacy as kd
    >>> kd.sources["mofa-asean"].section("overview").title
    'Overview'
    """

    id: str
    title: str


@attrs.frozen(kw_only=True, repr=False)
class Source:
    """A document the data is taken from: a seed page, or a web page read later.

    >>> import korea_diplomacy as kd
    >>> kd.sources["mofa-asean"].publisher
    'Ministry of Foreign Affairs of the Republic of Korea'
    """

    collection_name: ClassVar[str] = "sources"

    id: str
    name: str
    publisher: str
    kind: Literal["web-page", "press-release", "news-article", "reference", "code-file"]
    language: str
    as_of: When | None = None
    accessed: When | None = None
    url: str | None = None
    seed_file: str | None = None
    sections: tuple[Section, ...] = ()
    description: str = ""
    notes: tuple[str, ...] = ()

    @property
    def abbreviation(self) -> str | None:
        return None

    @property
    def aliases(self) -> tuple[str, ...]:
        return (self.seed_file,) if self.seed_file else ()

    @property
    def local_names(self) -> tuple[LocalName, ...]:
        return ()

    @property
    def citations(self) -> tuple[Citation, ...]:
        return ()

    def __repr__(self) -> str:
        return f"<Source {self.id}: {self.name}>"

    def _repr_html_(self) -> str:
        from .display import record_html

        return record_html(self)

    def section(self, section_id: str) -> Section | None:
        """The section with this id, or None."""
        for section in self.sections:
            if section.id == section_id:
                return section
        return None

    def dated_facts(self) -> Iterator[DatedFact]:
        return iter(())

    @property
    def date(self) -> When | None:
        return self.as_of

    def involves(self) -> frozenset[str]:
        return frozenset()


@attrs.frozen(kw_only=True)
class Erratum:
    """A source printed something wrong: what it printed, the correction and why.

    >>> Erratum(field="name", printed="AFR", corrected="ARF", reason="letters swapped",
    ...         citation=Citation("mofa-asean", "political-security")).corrected
    'ARF'
    """

    field: str
    printed: str
    corrected: str
    reason: str
    citation: Citation


@attrs.frozen(kw_only=True)
class Claim:
    """One side of a disagreement: a value and the citations that state it.

    >>> import korea_diplomacy as kd
    >>> claims = kd.funds.lookup("Mekong-ROK Cooperation Fund").conflicts[0].claims
    >>> [(claim.value, claim.preferred) for claim in claims]
    [('2012', False), ('2013-06', True), ('2013', False)]
    """

    value: str
    citations: tuple[Citation, ...]
    preferred: bool = False


@attrs.frozen(kw_only=True)
class Conflict:
    """Sources disagree about ``field``; every claim is kept and one is preferred, with a reason.

    >>> import korea_diplomacy as kd
    >>> conflict = kd.funds.lookup("Mekong-ROK Cooperation Fund").conflicts[0]
    >>> conflict.field, conflict.preferred.value
    ('established', '2013-06')
    """

    field: str
    claims: tuple[Claim, ...]
    reason: str

    @property
    def preferred(self) -> Claim | None:
        """The claim the dataset uses for the field."""
        return next((claim for claim in self.claims if claim.preferred), None)


@attrs.frozen(kw_only=True)
class Inference:
    """A value no source states outright, reasoned from what sources do state.

    >>> import korea_diplomacy as kd
    >>> kd.mechanisms["asean-rok-summit"].inferences[0].value
    'No numbered ASEAN-ROK Summit was held in 2008.'
    """

    field: str
    value: str
    reasoning: str
    citations: tuple[Citation, ...] = ()


@attrs.frozen
class LocalName:
    """A name in another language (``lang`` is a BCP 47 code such as ``ko``), with variants.

    >>> import korea_diplomacy as kd
    >>> kd.funds.lookup("AKCF").local_names[0]
    LocalName(lang='ko', text='한-아세안 협력기금', variants=('한·아세안 협력기금',))
    """

    lang: str
    text: str
    variants: tuple[str, ...] = ()


@attrs.frozen
class ExternalId:
    """An identifier of this record in another dataset, e.g. ``ExternalId("wikidata", "Q7768")``.

    >>> import korea_diplomacy as kd
    >>> kd.actors["asean"].identifiers
    (ExternalId(scheme='wikidata', value='Q7768'),)
    """

    scheme: str
    value: str


@attrs.frozen
class DatedFact:
    """One dated fact about a record, as listed by :func:`korea_diplomacy.timeline`.

    >>> import korea_diplomacy as kd
    >>> [f.label for f in kd.timeline(since="2010-10-29", until="2010-10-29") if f.kind == "stage"]
    ['ROK-ASEAN relations: Strategic Partnership']
    """

    date: When
    record_id: str
    collection: str
    kind: str
    label: str

    def sort_key(self) -> tuple[tuple[_dt.date, int, int, str], str, str, str]:
        return (self.date.sort_key(), self.record_id, self.kind, self.label)


# --------------------------------------------------------------------------- amounts


@attrs.frozen
class Money:
    """An amount of money in a currency (ISO 4217 code), possibly qualified.

    >>> Money(Decimal("14000000"), "USD")
    Money(amount=Decimal('14000000'), currency='USD', qualifier='exact')
    >>> Money(Decimal("14000000"), "USD").human()
    'USD 14 million'
    """

    amount: Decimal
    currency: str
    qualifier: Qualifier = "exact"

    def human(self) -> str:
        return f"{_QUALIFIER_WORDS[self.qualifier]}{self.currency} {_short_number(self.amount)}"


@attrs.frozen
class Quantity:
    """A number of something, possibly qualified ("more than 420 projects").

    >>> Quantity(Decimal(420), "projects", "more-than").human()
    'more than 420 projects'
    """

    value: Decimal
    unit: str
    qualifier: Qualifier = "exact"

    def human(self) -> str:
        suffix = "+" if self.qualifier == "plus" else ""
        return f"{_QUALIFIER_WORDS[self.qualifier]}{_short_number(self.value)}{suffix} {self.unit}"


def _short_number(value: Decimal) -> str:
    for size, word in ((Decimal(10) ** 9, "billion"), (Decimal(10) ** 6, "million")):
        if abs(value) >= size:
            return f"{(value / size).normalize():f} {word}"
    return f"{value.normalize():f}"


@attrs.frozen
class Direction:
    """Which way a flow goes, from one actor (or group) to another.

    >>> import korea_diplomacy as kd
    >>> kd.figures["asean-rok-fdi-2021"].direction
    Direction(origin='kor', destination='asean')
    """

    origin: str
    destination: str


# --------------------------------------------------------------------------- records


@attrs.frozen(kw_only=True, repr=False)
class Record:
    """Fields every record has. ``citations`` is required: nothing enters without a source.

    >>> import korea_diplomacy as kd
    >>> kd.mechanisms["east-asia-summit"].abbreviation
    'EAS'
    """

    collection_name: ClassVar[str] = ""

    id: str
    name: str
    citations: tuple[Citation, ...]
    abbreviation: str | None = None
    aliases: tuple[str, ...] = ()
    local_names: tuple[LocalName, ...] = ()
    description: str = ""
    errata: tuple[Erratum, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    inferences: tuple[Inference, ...] = ()
    notes: tuple[str, ...] = ()
    identifiers: tuple[ExternalId, ...] = ()

    def __repr__(self) -> str:
        when = f" ({self.date})" if self.date is not None else ""
        return f"<{type(self).__name__} {self.id}: {self.name}{when}>"

    def _repr_html_(self) -> str:
        """A table of the record for notebooks (see :mod:`korea_diplomacy.display`)."""
        from .display import record_html
        from .loading import load

        return record_html(self, load().sources)

    @property
    def date(self) -> When | None:
        """The date that places this record in time (used by ``filter`` and sorting)."""
        return None

    def dated_facts(self) -> Iterator[DatedFact]:
        """Every dated fact of this record, for the timeline."""
        return iter(())

    def involves(self) -> frozenset[str]:
        """Ids of the actors this record names directly."""
        return frozenset()

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


@attrs.frozen(kw_only=True)
class Membership:
    """An actor's place in a group or mechanism, from ``start`` until ``end`` (open if None).

    >>> import korea_diplomacy as kd
    >>> [str(m.start) for m in kd.actors["asean"].memberships if m.member == "tls"]
    ['2025-10-26']
    """

    member: str
    citations: tuple[Citation, ...]
    start: When | None = None
    end: When | None = None
    role: Literal["member", "participant", "observer"] = "member"
    joined_at: str | None = None
    note: str = ""
    conflicts: tuple[Conflict, ...] = ()
    inferences: tuple[Inference, ...] = ()

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
    # Strings are the common case; their parse is cached in dates._text_day.
    return _text_day(date, True) if type(date) is str else as_day(date, end=True)


def _members_on(record: Actor | Mechanism, date: object) -> frozenset[str]:
    day = _as_of(date)
    index = _membership_indexes.get_for(record)
    if index is None:
        index = _MembershipIndex(record.memberships)
        _membership_indexes.put(record, index)
    return cast(_MembershipIndex, index).on(day)


@attrs.frozen(kw_only=True, repr=False)
class Actor(Record):
    """A country, organisation, grouping, institution, government or person.

    A country's id is its ISO 3166-1 alpha-3 code in lower case.

    >>> import korea_diplomacy as kd
    >>> kd.actors["kor"].iso_alpha2
    'KR'
    """

    collection_name: ClassVar[str] = "actors"

    kind: Literal["country", "organisation", "grouping", "institution", "government", "person"]
    iso_alpha2: str | None = None
    iso_alpha3: str | None = None
    iso_numeric: str | None = None
    country: str | None = None
    parent: str | None = None
    seat: str | None = None
    established: When | None = None
    memberships: tuple[Membership, ...] = ()
    dissolved: When | None = None
    successors: tuple[str, ...] = ()
    iso_3166_3: str | None = None

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

    def dated_facts(self) -> Iterator[DatedFact]:
        yield from self._fact(self.established, "established", f"{self.name} established")
        yield from self._fact(self.dissolved, "dissolved", f"{self.name} dissolved")
        for m in self.memberships:
            yield from self._fact(m.start, "membership-start", f"{m.member} joins {self.name}")
            yield from self._fact(m.end, "membership-end", f"{m.member} leaves {self.name}")

    def involves(self) -> frozenset[str]:
        return frozenset(filter(None, (self.id, self.country, self.parent)))


@attrs.frozen(kw_only=True)
class Role:
    """A role an actor holds in a mechanism for a period, e.g. the ROK as co-chair 2018-2020.

    >>> import korea_diplomacy as kd
    >>> role = kd.mechanisms["arf-ism-non-proliferation-disarmament"].roles[0]
    >>> role.actor, role.role, role.period.human()
    ('kor', 'co-chair', '2018-2020')
    """

    actor: str
    role: str
    citations: tuple[Citation, ...]
    period: When | None = None
    status_as_of_source: Literal["past", "current", "planned"] | None = None


@attrs.frozen(kw_only=True, repr=False)
class Mechanism(Record):
    """A standing channel of diplomacy: a summit series, a ministerial, a forum, a council.

    >>> import korea_diplomacy as kd
    >>> kd.mechanisms.lookup("EAS").id
    'east-asia-summit'
    """

    collection_name: ClassVar[str] = "mechanisms"

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
    ]
    level: Literal[
        "leaders", "ministers", "senior-officials", "officials", "parliament", "business", "mixed"
    ]
    parent: str | None = None
    organiser: str | None = None
    counterparts: tuple[str, ...] = ()
    established: When | None = None
    established_at: str | None = None
    established_by: str | None = None
    frequency: str | None = None
    areas: tuple[str, ...] = ()
    memberships: tuple[Membership, ...] = ()
    roles: tuple[Role, ...] = ()

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

    def dated_facts(self) -> Iterator[DatedFact]:
        yield from self._fact(self.established, "established", f"{self.name} established")
        for m in self.memberships:
            yield from self._fact(m.start, "membership-start", f"{m.member} joins {self.name}")
            yield from self._fact(m.end, "membership-end", f"{m.member} leaves {self.name}")
        for role in self.roles:
            label = f"{role.actor} {role.role} of {self.name}"
            yield from self._fact(role.period, "role", label)

    def involves(self) -> frozenset[str]:
        ids = {self.organiser, *self.counterparts, *(m.member for m in self.memberships)}
        ids.update(role.actor for role in self.roles)
        return frozenset(filter(None, ids))


@attrs.frozen(kw_only=True)
class Stage:
    """One step of a partnership, in force from ``start`` until the next stage begins.

    >>> import korea_diplomacy as kd
    >>> kd.partnerships.lookup("ASEAN").stages[-1].name
    'Comprehensive Strategic Partnership'
    """

    name: str
    start: When
    citations: tuple[Citation, ...]
    made_at: str | None = None
    made_by: str | None = None
    local_names: tuple[LocalName, ...] = ()
    note: str = ""
    level: PartnershipLevel | None = None
    conflicts: tuple[Conflict, ...] = ()
    inferences: tuple[Inference, ...] = ()


@attrs.frozen(kw_only=True, repr=False)
class Partnership(Record):
    """The ROK's relationship with a counterpart, as a series of stages.

    >>> import korea_diplomacy as kd
    >>> kd.partnerships.lookup("ASEAN").status_on("2005-06-01").name
    'Comprehensive Cooperation Partnership'
    """

    collection_name: ClassVar[str] = "partnerships"

    counterpart: str
    stages: tuple[Stage, ...] = ()

    @property
    def date(self) -> When | None:
        return self.stages[0].start if self.stages else None

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

    def dated_facts(self) -> Iterator[DatedFact]:
        for stage in self.stages:
            yield from self._fact(stage.start, "stage", f"{self.name}: {stage.name}")

    def involves(self) -> frozenset[str]:
        return frozenset(("kor", self.counterpart))


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


@attrs.frozen(kw_only=True)
class RelationEvent:
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
    ]
    date: When
    citations: tuple[Citation, ...]
    state: str | None = None
    note: str = ""
    local_names: tuple[LocalName, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    inferences: tuple[Inference, ...] = ()

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


@attrs.frozen(kw_only=True, repr=False)
class Relation(Record):
    """The history of the ROK's diplomatic relations with one partner, step by step.

    >>> import korea_diplomacy as kd
    >>> rel = kd.relations.lookup("VN")
    >>> rel.established.human(), rel.status_on("1990-01-01"), rel.status_on("2000-01-01")
    ('22 Dec 1992', None, 'diplomatic')
    """

    collection_name: ClassVar[str] = "relations"

    partner: str
    events: tuple[RelationEvent, ...] = ()

    @property
    def date(self) -> When | None:
        return self.events[0].date if self.events else None

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

    def dated_facts(self) -> Iterator[DatedFact]:
        for event in self.events:
            label = f"{self.name}: {_EVENT_WORDS[event.kind]}"
            yield from self._fact(event.date, f"relation-{event.kind}", label)

    def involves(self) -> frozenset[str]:
        states = (event.state for event in self.events)
        return frozenset(filter(None, ("kor", self.partner, *states)))


@attrs.frozen(kw_only=True)
class Delegate:
    """Who led one delegation at a meeting.

    >>> import korea_diplomacy as kd
    >>> kd.meetings["asean-rok-summit-3"].heads_of_delegation[0].person
    'Kim Dae-jung'
    """

    actor: str
    person: str
    citations: tuple[Citation, ...]
    title: str | None = None
    note: str = ""
    conflicts: tuple[Conflict, ...] = ()
    inferences: tuple[Inference, ...] = ()


@attrs.frozen(kw_only=True)
class Session:
    """A part of a meeting's programme: a plenary, a lecture, a group discussion, a visit.

    >>> import korea_diplomacy as kd
    >>> kd.meetings["chiefs-of-overseas-missions-2017"].sessions[0].kind
    'plenary'
    """

    title: str
    kind: Literal[
        "plenary", "lecture", "group-discussion", "visit", "meeting", "presentation", "activity"
    ]
    citations: tuple[Citation, ...]
    date: When | None = None
    theme: str | None = None
    actors: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()


@attrs.frozen(kw_only=True, repr=False)
class Meeting(Record):
    """One dated session of a mechanism; the leaders-level ones are also in ``kd.summits``.

    >>> import korea_diplomacy as kd
    >>> m = kd.meetings.filter(mechanism="asean-rok-summit", ordinal=13)[0]
    >>> m.date.human(), m.city
    ('29 Oct 2010', 'Ha Noi')
    """

    collection_name: ClassVar[str] = "meetings"

    mechanism: str
    ordinal: int | None = None
    date: When | None = None
    status: Literal["held", "postponed", "cancelled", "planned"] = "held"
    planned_date: When | None = None
    format: Literal["in-person", "virtual", "hybrid"] | None = None
    city: str | None = None
    venue: str | None = None
    country: str | None = None
    chairs: tuple[str, ...] = ()
    held_with: str | None = None
    participants: tuple[str, ...] = ()
    attendance: Quantity | None = None
    heads_of_delegation: tuple[Delegate, ...] = ()
    themes: tuple[str, ...] = ()
    sessions: tuple[Session, ...] = ()
    outcomes: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()

    def dated_facts(self) -> Iterator[DatedFact]:
        status = "" if self.status == "held" else f" ({self.status})"
        yield from self._fact(self.date, "meeting", self.name + status)
        if self.date is None and self.status != "held":
            yield from self._fact(self.planned_date, "meeting", self.name + status)
        for session in self.sessions:
            yield from self._fact(session.date, "session", f"{self.name}: {session.title}")

    def involves(self) -> frozenset[str]:
        ids = {self.country, *self.chairs, *self.participants}
        ids.update(d.actor for d in self.heads_of_delegation)
        return frozenset(filter(None, ids))


@attrs.frozen(kw_only=True)
class Contribution:
    """Money put into a fund: a yearly rate over ``period``, or a total up to ``as_of``.

    >>> import korea_diplomacy as kd
    >>> c = kd.funds.lookup("AKCF").contributions[1]
    >>> c.kind, str(c.period), c.amount.human()
    ('annual', '2019/2022', 'USD 14 million')
    """

    kind: Literal["annual", "cumulative"]
    amount: Money
    citations: tuple[Citation, ...]
    contributor: str = "kor"
    period: When | None = None
    as_of: When | None = None
    note: str = ""
    conflicts: tuple[Conflict, ...] = ()


@attrs.frozen(kw_only=True, repr=False)
class Fund(Record):
    """A cooperation fund and the contributions made to it.

    >>> import korea_diplomacy as kd
    >>> kd.funds.lookup("AKCF").annual_contribution_on(2020).human()
    'USD 14 million'
    """

    collection_name: ClassVar[str] = "funds"

    established: When | None = None
    established_at: str | None = None
    mechanism: str | None = None
    beneficiaries: tuple[str, ...] = ()
    contributions: tuple[Contribution, ...] = ()
    priority_areas: tuple[str, ...] = ()
    governing_documents: tuple[str, ...] = ()

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

    def dated_facts(self) -> Iterator[DatedFact]:
        yield from self._fact(self.established, "established", f"{self.name} established")
        for c in self.contributions:
            if c.kind == "annual" and c.period is not None:
                start = c.period.start if isinstance(c.period, DateRange) else c.period
                label = f"{self.name}: annual contribution {c.amount.human()}"
                yield from self._fact(start, "contribution", label)
            else:
                label = f"{self.name}: {c.amount.human()} contributed in total"
                yield from self._fact(c.as_of, "contribution", label)

    def involves(self) -> frozenset[str]:
        contributors = (c.contributor for c in self.contributions)
        return frozenset((*self.beneficiaries, *contributors))


@attrs.frozen(kw_only=True, repr=False)
class Document(Record):
    """A declaration, statement, plan of action, agreement, protocol, MOU, report or plan.

    >>> import korea_diplomacy as kd
    >>> str(kd.documents["asean-rok-trade-in-services-agreement"].entered_into_force)
    '2009-05-01'
    """

    collection_name: ClassVar[str] = "documents"

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
    ]
    adopted: When | None = None
    signed: When | None = None
    entered_into_force: When | None = None
    place: str | None = None
    adopted_at: str | None = None
    parties: tuple[str, ...] = ()
    covers: When | None = None
    implements: str | None = None
    amends: str | None = None
    not_in_force_for: tuple[str, ...] = ()

    @property
    def date(self) -> When | None:
        return self.adopted or self.signed or self.entered_into_force

    def dated_facts(self) -> Iterator[DatedFact]:
        yield from self._fact(self.adopted, "adopted", f"{self.name} adopted")
        yield from self._fact(self.signed, "signed", f"{self.name} signed")
        label = f"{self.name} enters into force"
        yield from self._fact(self.entered_into_force, "entered-into-force", label)

    def involves(self) -> frozenset[str]:
        return frozenset(self.parties)


@attrs.frozen(kw_only=True, repr=False)
class Policy(Record):
    """A policy, strategy, initiative, plan or policy task of the ROK government.

    >>> import korea_diplomacy as kd
    >>> kd.policies.lookup("New Southern Policy Plus").announced_at
    'asean-rok-summit-21'
    """

    collection_name: ClassVar[str] = "policies"

    kind: Literal["policy", "strategy", "initiative", "plan", "policy-task", "vision", "principle"]
    announced: When | None = None
    announced_by: str | None = None
    announced_at: str | None = None
    government: str | None = None
    succeeds: str | None = None
    focus: tuple[str, ...] = ()
    related: tuple[str, ...] = ()

    @property
    def date(self) -> When | None:
        return self.announced

    def dated_facts(self) -> Iterator[DatedFact]:
        yield from self._fact(self.announced, "announced", f"{self.name} announced")

    def involves(self) -> frozenset[str]:
        return frozenset(filter(None, (self.announced_by, self.government)))


@attrs.frozen(kw_only=True, repr=False)
class Programme(Record):
    """A cooperation programme, project, exchange or standing activity.

    >>> import korea_diplomacy as kd
    >>> kd.programmes["asean-rok-film-leaders-incubator"].started.human()
    '2012'
    """

    collection_name: ClassVar[str] = "programmes"

    kind: Literal["programme", "project", "exchange", "scholarship", "training", "activity"]
    started: When | None = None
    ended: When | None = None
    organisers: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()
    mechanism: str | None = None
    fund: str | None = None
    areas: tuple[str, ...] = ()

    @property
    def date(self) -> When | None:
        return self.started

    def dated_facts(self) -> Iterator[DatedFact]:
        yield from self._fact(self.started, "started", f"{self.name} starts")
        yield from self._fact(self.ended, "ended", f"{self.name} ends")

    def involves(self) -> frozenset[str]:
        return frozenset((*self.organisers, *self.partners))


@attrs.frozen(kw_only=True, repr=False)
class Figure(Record):
    """A stated number: a value, the date it was true on, the period it covers, a direction.

    >>> import korea_diplomacy as kd
    >>> kd.figures["asean-rok-trade-2021"].value.human()
    'USD 176.5 billion'
    """

    collection_name: ClassVar[str] = "figures"

    subject: str
    metric: str
    value: Money | Quantity
    as_of: When | None = None
    period: When | None = None
    direction: Direction | None = None
    part_of: str | None = None

    @property
    def date(self) -> When | None:
        return self.period or self.as_of

    def dated_facts(self) -> Iterator[DatedFact]:
        yield from self._fact(self.date, "figure", f"{self.name}: {self.value.human()}")

    def involves(self) -> frozenset[str]:
        if self.direction is None:
            return frozenset()
        return frozenset((self.direction.origin, self.direction.destination))


@attrs.frozen(kw_only=True, repr=False)
class Event(Record):
    """Something that happened once: a proposal, an establishment, an appointment, a visit.

    >>> import korea_diplomacy as kd
    >>> kd.events["mekong-rok-summit-proposal-2018"].at
    'asean-rok-summit-20'
    """

    collection_name: ClassVar[str] = "events"

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
    ]
    date: When | None = None
    actors: tuple[str, ...] = ()
    at: str | None = None
    place: str | None = None
    related: tuple[str, ...] = ()

    def dated_facts(self) -> Iterator[DatedFact]:
        yield from self._fact(self.date, self.kind, self.name)

    def involves(self) -> frozenset[str]:
        return frozenset(self.actors)


RECORD_TYPES: dict[str, type[Record] | type[Source]] = {
    "sources": Source,
    "actors": Actor,
    "mechanisms": Mechanism,
    "partnerships": Partnership,
    "meetings": Meeting,
    "funds": Fund,
    "documents": Document,
    "policies": Policy,
    "programmes": Programme,
    "figures": Figure,
    "events": Event,
    "relations": Relation,
}
"""The collections stored as data files, in load order, with their record class."""
