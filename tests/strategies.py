"""Hypothesis strategies: valid records of every class, and valid small datasets.

``records(cls)`` builds any record of ``cls`` that is sound on its own (well-formed ids and
dates, at least one citation, non-negative amounts in an ISO currency), with every optional
field sometimes filled; its references need not resolve. ``datasets()`` builds whole small
datasets that hold every invariant of :mod:`korea_diplomacy.validation`, and always contain
what each invariant is about (a numbered series, partnership stages, a stated member count,
parts with a total, an erratum, a conflict...), so that a test can break any one of them.
"""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal
from typing import Any

import attrs
from hypothesis import strategies as st

from korea_diplomacy._plan import (
    Amount,
    Choice,
    Date,
    Flag,
    Many,
    Maybe,
    Nested,
    OneOf,
    Shape,
    Text,
    Whole,
    plan,
)
from korea_diplomacy.dataset import Dataset
from korea_diplomacy.dates import DateRange, PartialDate
from korea_diplomacy.model import (
    Actor,
    Citation,
    Claim,
    Conflict,
    Contribution,
    Delegate,
    Direction,
    Document,
    Erratum,
    Event,
    Figure,
    Fund,
    Inference,
    Mechanism,
    Meeting,
    Membership,
    Money,
    Partnership,
    Policy,
    Programme,
    Quantity,
    Role,
    Section,
    Session,
    Source,
    Stage,
    record_classes,
)

# --------------------------------------------------------------------------- leaves

_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789"
IDS = st.lists(st.text(_ALNUM, min_size=1, max_size=5), min_size=1, max_size=3).map("-".join)
"""Well-formed ids: lowercase kebab-case."""
CHARACTERS = st.characters(exclude_categories=("Cs", "Cc", "Cf", "Zl", "Zp"))
"""Any character a text may hold: no control, format (invisible) or surrogate characters."""
TEXT = st.text(CHARACTERS, max_size=12)
NAMES = st.text(CHARACTERS, min_size=1, max_size=10).map(
    lambda text: text if text.strip() else f"n{text}"
)
"""Any text that is not blank."""
CURRENCIES = st.sampled_from(("USD", "KRW", "EUR", "JPY"))
AMOUNTS = st.decimals(
    min_value=0, max_value=10**12, allow_nan=False, allow_infinity=False, places=2
) | st.integers(0, 10**12).map(Decimal)
DATES = st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31))


def _partial(day: dt.date, precision: str) -> PartialDate:
    if precision == "year":
        return PartialDate(day.year)
    if precision == "month":
        return PartialDate(day.year, day.month)
    return PartialDate(day.year, day.month, day.day)


PRECISIONS = st.sampled_from(("year", "month", "day"))


def partial_dates(days: st.SearchStrategy[dt.date] = DATES) -> st.SearchStrategy[PartialDate]:
    """A year, a month or a day."""
    return st.builds(_partial, days, PRECISIONS)


def date_ranges(days: st.SearchStrategy[dt.date] = DATES) -> st.SearchStrategy[DateRange]:
    """A span whose start is no later than its end (their precisions may differ)."""

    def span(pair: tuple[PartialDate, PartialDate]) -> DateRange:
        start, end = sorted(pair, key=lambda d: d.earliest)
        return DateRange(start, end)

    return st.tuples(partial_dates(days), partial_dates(days)).map(span)


def whens(days: st.SearchStrategy[dt.date] = DATES) -> st.SearchStrategy[PartialDate | DateRange]:
    return partial_dates(days) | date_ranges(days)


def citations(min_size: int = 1) -> st.SearchStrategy[tuple[Citation, ...]]:
    citation = st.builds(Citation, IDS, IDS, st.none() | NAMES)
    return st.lists(citation, min_size=min_size, max_size=2).map(tuple)


# --------------------------------------------------------------------------- single records

# Fields whose values must have a form beyond their shape for a record to be sound.
_FIELDS: dict[str, st.SearchStrategy[Any]] = {
    "id": IDS,
    "currency": CURRENCIES,
    "ordinal": st.none() | st.integers(1, 500),
}


def records(cls: type) -> st.SearchStrategy[Any]:
    """Any record of ``cls`` that is sound on its own, with optional fields sometimes set."""
    return _records(cls)


@functools.cache
def _records(cls: type) -> st.SearchStrategy[Any]:
    fields = {}
    for field in plan(cls).fields:
        if field.name in _FIELDS:
            fields[field.name] = _FIELDS[field.name]
        elif field.name == "citations":
            fields[field.name] = citations(min_size=1 if field.about.must_cite else 0)
        else:
            fields[field.name] = for_shape(field.shape)
    return st.builds(cls, **fields)


def for_shape(shape: Shape) -> st.SearchStrategy[Any]:
    """Any value a field of this shape may hold (the one dispatch on shapes in the tests)."""
    match shape:
        case Text(empty_ok=True):
            return TEXT
        case Text():
            return NAMES
        case Whole():
            return st.integers(0, 10**6)
        case Flag():
            return st.booleans()
        case Amount():
            return AMOUNTS
        case Choice(values=values):
            return st.sampled_from(values)
        case Date():
            return whens()
        case Nested(cls=cls):
            return st.deferred(lambda: records(cls))
        case OneOf(classes=classes):
            return st.one_of([st.deferred(lambda c=c: records(c)) for c in classes])
        case Maybe(of=inner):
            return st.none() | for_shape(inner)
        case Many(of=inner):
            return st.lists(for_shape(inner), max_size=2).map(tuple)
    raise TypeError(f"no strategy for {shape!r}")  # pragma: no cover - the plan has no other


RECORD_CLASSES = tuple(record_classes().values())

# --------------------------------------------------------------------------- whole datasets

FIRST_YEAR, LAST_YEAR = 1950, 2025
"""Every generated fact falls in these years; every dated source is later."""


_YEAR = st.integers(FIRST_YEAR, LAST_YEAR)
_LATER_YEAR = st.integers(LAST_YEAR + 1, 2100)
_DAY_OF_YEAR = st.integers(0, 365)
_INDEX = st.integers(0, 255)
_FLAG = st.booleans()
_STEM = st.text(_ALNUM, min_size=1, max_size=4)


class _Maker:
    """Draws for one dataset, from strategies built once (building them per draw is slow)."""

    def __init__(self, draw: Any) -> None:
        self.draw = draw
        self.ids = 0
        self.pairs: list[tuple[str, str]] = []

    def new_id(self) -> str:
        """A fresh, well-formed, unique id: a drawn stem and a counter."""
        self.ids += 1
        return f"{self.draw(_STEM)}-{self.ids}"

    def flag(self) -> bool:
        return bool(self.draw(_FLAG))

    def count(self, low: int, high: int) -> int:
        return int(self.draw(st.integers(low, high)))

    def name(self) -> str:
        return str(self.draw(NAMES))

    def choose(self, items: Any) -> Any:
        return items[self.draw(_INDEX) % len(items)]

    def maybe(self, items: list[str]) -> str | None:
        return self.choose(items) if items and self.flag() else None

    def some(self, items: list[str], most: int = 2) -> tuple[str, ...]:
        if not items:
            return ()
        return tuple(dict.fromkeys(self.choose(items) for _ in range(self.count(0, most))))

    def years(self, count: int) -> list[int]:
        """``count`` distinct years in increasing order."""
        return sorted(self.draw(st.lists(_YEAR, min_size=count, max_size=count, unique=True)))

    def in_year(self, year: int) -> PartialDate:
        last = dt.date(year, 12, 31).timetuple().tm_yday - 1
        day = dt.date(year, 1, 1) + dt.timedelta(days=min(self.draw(_DAY_OF_YEAR), last))
        return _partial(day, self.draw(PRECISIONS))

    def when_in_year(self, year: int) -> PartialDate | DateRange:
        if self.flag():
            return self.in_year(year)
        first, second = sorted((self.in_year(year), self.in_year(year)), key=lambda d: d.earliest)
        return DateRange(first, second)

    def when(self) -> PartialDate | DateRange | None:
        return self.when_in_year(self.draw(_YEAR)) if self.flag() else None

    def cites(self) -> tuple[Citation, ...]:
        chosen = dict.fromkeys(self.choose(self.pairs) for _ in range(self.count(1, 2)))
        return tuple(Citation(*pair) for pair in chosen)

    def memberships(self, candidates: list[str]) -> tuple[Membership, ...]:
        # Each member's spans follow one another in strictly later years: never overlapping.
        out = []
        for member in dict.fromkeys(self.choose(candidates) for _ in range(self.count(1, 3))):
            spans = self.count(1, 2)
            years = self.years(2 * spans)
            for n in range(spans):
                start: PartialDate | None = self.in_year(years[2 * n])
                end: PartialDate | None = self.in_year(years[2 * n + 1])
                if n == 0 and self.flag():
                    start = None
                if n == spans - 1 and self.flag():
                    end = None
                out.append(
                    Membership(
                        member=member,
                        citations=self.cites(),
                        start=start,
                        end=end,
                        role=self.choose(("member", "participant", "observer")),
                    )
                )
        return tuple(out)


def _quantity(value: int | Decimal, unit: str = "countries") -> Quantity:
    return Quantity(Decimal(value), unit)


@st.composite
def dataset_records(draw: Any) -> dict[str, tuple[Any, ...]]:
    """The records of a small valid dataset, by collection."""
    make = _Maker(draw)
    new_id, name, cites, choose, maybe, some = (
        make.new_id,
        make.name,
        make.cites,
        make.choose,
        make.maybe,
        make.some,
    )

    # Sources: the first is dated after every fact; a second may have no date.
    sources = []
    for n in range(make.count(1, 2)):
        as_of = (
            make.in_year(draw(_LATER_YEAR))
            if n == 0
            else (PartialDate(draw(_LATER_YEAR)) if make.flag() else None)
        )
        sections = tuple(Section(new_id(), name()) for _ in range(make.count(1, 3)))
        sources.append(
            Source(
                id=new_id(),
                name=name(),
                publisher=name(),
                kind=choose(("web-page", "press-release", "reference")),
                language="en",
                as_of=as_of,
                sections=sections,
            )
        )
    make.pairs = [(s.id, section.id) for s in sources for section in s.sections]

    # Ids of records that others refer to are drawn first, so references can point anywhere.
    document_ids = [new_id() for _ in range(make.count(1, 3))]
    mechanism_ids = [new_id() for _ in range(make.count(2, 3))]
    meeting_ids = [new_id() for _ in range(make.count(2, 5))]

    actors: list[Actor] = []
    for n in range(make.count(3, 6)):
        earlier = [a.id for a in actors]
        countries = [a.id for a in actors if a.kind == "country"]
        actors.append(
            Actor(
                id=new_id(),
                name=name(),
                citations=cites(),
                kind="grouping" if n == 0 else choose(("country", "organisation")),
                parent=maybe(earlier),
                country=maybe(countries),
                established=PartialDate(make.count(1900, 1949)) if make.flag() else None,
            )
        )
    actor_ids = [a.id for a in actors]
    # The grouping's members are the other actors.
    group = attrs.evolve(actors[0], memberships=make.memberships(actor_ids[1:]))
    actors[0] = group

    mechanisms: list[Mechanism] = []
    for n, mechanism_id in enumerate(mechanism_ids):
        roles = tuple(
            Role(actor=choose(actor_ids), role=name(), citations=cites(), period=make.when())
            for _ in range(make.count(0, 1))
        )
        mechanisms.append(
            Mechanism(
                id=mechanism_id,
                name=name(),
                citations=cites(),
                kind=choose(("summit", "forum", "ministerial-meeting")),
                level="leaders" if n == 0 else choose(("leaders", "ministers")),
                parent=maybe(mechanism_ids[:n]),
                organiser=maybe(actor_ids),
                counterparts=some(actor_ids),
                established=PartialDate(make.count(1900, 1949)) if make.flag() else None,
                established_by=maybe(document_ids),
                memberships=make.memberships(actor_ids) if n == 0 or make.flag() else (),
                roles=roles,
            )
        )

    # Meetings: the first mechanism has a numbered series of at least two, numbered in date
    # order; the other meetings are not numbered.
    meetings: list[Meeting] = []
    numbered = make.count(2, len(meeting_ids))
    years = make.years(numbered)
    ordinals = sorted(
        draw(st.lists(st.integers(1, 40), min_size=numbered, max_size=numbered, unique=True))
    )
    for n, meeting_id in enumerate(meeting_ids):
        if n < numbered:
            mechanism, ordinal, year = mechanism_ids[0], ordinals[n], years[n]
        else:
            mechanism, ordinal, year = choose(mechanism_ids[1:]), None, draw(_YEAR)
        sessions = tuple(
            Session(
                title=name(),
                kind=choose(("plenary", "lecture", "visit")),
                citations=cites(),
                date=make.in_year(year) if make.flag() else None,
                actors=some(actor_ids),
            )
            for _ in range(make.count(0, 1))
        )
        delegates = tuple(
            Delegate(actor=choose(actor_ids), person=name(), citations=cites())
            for _ in range(make.count(0, 1))
        )
        meetings.append(
            Meeting(
                id=meeting_id,
                name=name(),
                citations=cites(),
                mechanism=mechanism,
                ordinal=ordinal,
                date=make.when_in_year(year),
                status=choose(("held", "held", "cancelled", "planned")),
                city=name() if make.flag() else None,
                country=maybe(actor_ids),
                chairs=some(actor_ids),
                participants=some(actor_ids, 3),
                heads_of_delegation=delegates,
                sessions=sessions,
                documents=some(document_ids),
                held_with=maybe([m for m in meeting_ids if m != meeting_id]),
                attendance=_quantity(make.count(0, 500)) if make.flag() else None,
            )
        )

    partnerships = []
    for n in range(make.count(1, 2)):
        stages = tuple(
            Stage(
                name=name(),
                start=make.in_year(year),
                citations=cites(),
                made_at=maybe(meeting_ids),
                made_by=maybe(document_ids),
            )
            for year in make.years(make.count(2 if n == 0 else 1, 3))
        )
        partnerships.append(
            Partnership(
                id=new_id(),
                name=name(),
                citations=cites(),
                counterpart=choose(actor_ids),
                stages=stages,
            )
        )

    documents = []
    for n, document_id in enumerate(document_ids):
        adopted, signed, in_force = (
            make.in_year(year) if make.flag() else None for year in make.years(3)
        )
        covers = None
        if make.flag():  # a plan's period, which may run past the sources
            first, last = sorted(
                draw(st.lists(st.integers(FIRST_YEAR, 2099), min_size=2, max_size=2))
            )
            covers = DateRange(PartialDate(first), PartialDate(last))
        documents.append(
            Document(
                id=document_id,
                name=name(),
                citations=cites(),
                kind=choose(("declaration", "agreement", "plan-of-action")),
                adopted=adopted,
                signed=signed,
                entered_into_force=in_force,
                adopted_at=maybe(meeting_ids),
                parties=some(actor_ids),
                covers=covers,
                implements=maybe(document_ids[:n]),
                amends=maybe(document_ids[:n]),
                not_in_force_for=some(actor_ids, 1),
            )
        )

    funds = []
    for _ in range(make.count(1, 2)):
        contributions = []
        for _ in range(make.count(1, 2)):
            kind = choose(("annual", "cumulative"))
            year = draw(_YEAR)
            contributions.append(
                Contribution(
                    kind=kind,
                    amount=Money(draw(AMOUNTS), draw(CURRENCIES)),
                    citations=cites(),
                    contributor=choose(actor_ids),
                    period=make.when_in_year(year) if kind == "annual" else None,
                    as_of=make.in_year(year) if kind == "cumulative" else None,
                )
            )
        funds.append(
            Fund(
                id=new_id(),
                name=name(),
                citations=cites(),
                established=PartialDate(make.count(1900, 1949)) if make.flag() else None,
                established_at=maybe(meeting_ids),
                mechanism=maybe(mechanism_ids),
                beneficiaries=some(actor_ids),
                contributions=tuple(contributions),
                governing_documents=some(document_ids),
            )
        )
    fund_ids = [f.id for f in funds]

    policies: list[Policy] = []
    for _ in range(make.count(0, 2)):
        announced = make.when()
        policies.append(
            Policy(
                id=new_id(),
                name=name(),
                citations=cites(),
                kind=choose(("policy", "strategy", "initiative")),
                announced=announced,
                announced_by=maybe(actor_ids),
                announced_at=maybe(meeting_ids),
                government=maybe(actor_ids),
                succeeds=maybe([p.id for p in policies]),
                related=some(actor_ids + mechanism_ids),
            )
        )

    programmes = []
    for _ in range(make.count(1, 2)):
        started, ended = (make.in_year(y) if make.flag() else None for y in make.years(2))
        programmes.append(
            Programme(
                id=new_id(),
                name=name(),
                citations=cites(),
                kind=choose(("programme", "project", "exchange")),
                started=started,
                ended=ended,
                organisers=some(actor_ids),
                partners=some(actor_ids),
                mechanism=maybe(mechanism_ids),
                fund=maybe(fund_ids),
            )
        )

    # Figures: a stated member count that matches the listing, a total with its parts, and
    # a few others.
    figures = []
    counted = choose([group, mechanisms[0]])
    on = make.in_year(draw(_YEAR))
    figures.append(
        Figure(
            id=new_id(),
            name=name(),
            citations=cites(),
            subject=counted.id,
            metric="member-count",
            value=_quantity(len(counted.members_on(on.latest))),
            as_of=on,
        )
    )
    parts = draw(st.lists(st.integers(0, 10**9), min_size=2, max_size=3))
    unit = choose(("visitors", "projects"))
    total_id = new_id()
    figures.append(
        Figure(
            id=total_id,
            name=name(),
            citations=cites(),
            subject=choose(actor_ids),
            metric=unit,
            value=Quantity(Decimal(sum(parts)), unit),
        )
    )
    for part in parts:
        figures.append(
            Figure(
                id=new_id(),
                name=name(),
                citations=cites(),
                subject=choose(actor_ids),
                metric=unit,
                value=Quantity(Decimal(part), unit),
                part_of=total_id,
            )
        )
    for _ in range(make.count(0, 2)):
        direction = Direction(choose(actor_ids), choose(actor_ids)) if make.flag() else None
        value: Money | Quantity = (
            Money(draw(AMOUNTS), draw(CURRENCIES))
            if make.flag()
            else _quantity(make.count(0, 10**6), "projects")
        )
        figures.append(
            Figure(
                id=new_id(),
                name=name(),
                citations=cites(),
                subject=choose(actor_ids + mechanism_ids),
                metric=choose(("trade-volume", "oda", "investment")),
                value=value,
                period=make.when(),
                direction=direction,
            )
        )

    events = [
        Event(
            id=new_id(),
            name=name(),
            citations=cites(),
            kind=choose(("proposal", "announcement", "decision")),
            date=make.when(),
            actors=some(actor_ids),
            at=maybe(meeting_ids),
            related=some(meeting_ids + document_ids),
        )
        for _ in range(make.count(0, 2))
    ]

    # Provenance: an erratum, a conflict whose preferred claim is the value kept, an inference.
    target = make.count(1, len(actors) - 1)
    actor = actors[target]
    printed = actor.name + name()
    erratum = Erratum(
        field="name",
        printed=printed,
        corrected=actor.name,
        reason=name(),
        citation=Citation(*choose(make.pairs)),
    )
    conflict = Conflict(
        field="name",
        claims=(
            Claim(value=actor.name, citations=cites(), preferred=True),
            Claim(value=printed, citations=cites() if make.flag() else ()),
        ),
        reason=name(),
    )
    inference = Inference(field="country", value=name(), reasoning=name())
    actors[target] = attrs.evolve(
        actor, errata=(erratum,), conflicts=(conflict,), inferences=(inference,)
    )

    return {
        "sources": tuple(sources),
        "actors": tuple(actors),
        "mechanisms": tuple(mechanisms),
        "partnerships": tuple(partnerships),
        "meetings": tuple(meetings),
        "funds": tuple(funds),
        "documents": tuple(documents),
        "policies": tuple(policies),
        "programmes": tuple(programmes),
        "figures": tuple(figures),
        "events": tuple(events),
    }


def datasets() -> st.SearchStrategy[Dataset]:
    """A small dataset that holds every invariant."""
    return dataset_records().map(Dataset)


def a_meeting(**changes: Any) -> dict[str, Any]:
    """A user's meeting as JSON, valid beside the bundled data; ``None`` removes a field."""
    meeting = {
        "id": "my-meeting-1",
        "name": "My meeting",
        "citations": [{"source": "mofa-asean", "section": "overview"}],
        "mechanism": "asean-rok-summit",
        "date": "2019-11-26",
    }
    meeting.update(changes)
    return {k: v for k, v in meeting.items() if v is not None}
