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
import typing
from decimal import Decimal
from types import NoneType, UnionType
from typing import Any, Literal, get_args, get_origin

import attrs
from hypothesis import strategies as st

from korea_diplomacy.dataset import Dataset
from korea_diplomacy.dates import DateRange, PartialDate
from korea_diplomacy.model import (
    RECORD_TYPES,
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
)

# --------------------------------------------------------------------------- leaves

IDS = st.from_regex(r"[a-z][a-z0-9]{0,5}(-[a-z0-9]{1,4}){0,2}", fullmatch=True)
TEXT = st.text(max_size=12)
NAMES = st.text(min_size=1, max_size=12)
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
    citation = st.builds(Citation, IDS, IDS, st.none() | TEXT)
    return st.lists(citation, min_size=min_size, max_size=2).map(tuple)


# --------------------------------------------------------------------------- single records

# Fields whose values must have a form beyond their type for a record to be sound.
_FIELDS: dict[str, st.SearchStrategy[Any]] = {
    "id": IDS,
    "currency": CURRENCIES,
    "citations": citations(),
    "ordinal": st.none() | st.integers(1, 500),
}


def records(cls: type) -> st.SearchStrategy[Any]:
    """Any record of ``cls`` that is sound on its own, with optional fields sometimes set."""
    return _records(cls)


@functools.cache
def _records(cls: type) -> st.SearchStrategy[Any]:
    hints = typing.get_type_hints(cls)
    fields = {}
    for field in attrs.fields(cls):
        strategy = _FIELDS.get(field.name) or _for_type(hints[field.name])
        if field.name == "citations" and cls in (Claim, Inference):
            strategy = citations(min_size=0)
        fields[field.name] = strategy
    return st.builds(cls, **fields)


def _for_type(tp: Any) -> st.SearchStrategy[Any]:
    if tp is str:
        return TEXT
    if tp is int:
        return st.integers(0, 10**6)
    if tp is bool:
        return st.booleans()
    if tp is Decimal:
        return AMOUNTS
    origin, args = get_origin(tp), get_args(tp)
    if origin is Literal:
        return st.sampled_from(args)
    if origin in (typing.Union, UnionType):
        options = [a for a in args if a is not NoneType]
        strategy = (
            whens()
            if set(options) == {PartialDate, DateRange}
            else st.one_of([_for_type(option) for option in options])
        )
        return st.none() | strategy if NoneType in args else strategy
    if origin is tuple:
        return st.lists(_for_type(args[0]), max_size=2).map(tuple)
    if attrs.has(tp):
        return st.deferred(lambda: records(tp))
    raise TypeError(f"no strategy for {tp!r}")  # pragma: no cover - the model has no other


RECORD_CLASSES = tuple(RECORD_TYPES.values())

# --------------------------------------------------------------------------- whole datasets

FIRST_YEAR, LAST_YEAR = 1950, 2025
"""Every generated fact falls in these years; every dated source is later."""


class _Ids:
    """Fresh, well-formed, unique ids: a drawn stem and a counter."""

    def __init__(self, draw: Any) -> None:
        self.draw = draw
        self.count = 0

    def __call__(self) -> str:
        self.count += 1
        return f"{self.draw(IDS)}-{self.count}"


def _years(draw: Any, count: int) -> list[int]:
    """``count`` distinct years in increasing order."""
    years = st.lists(
        st.integers(FIRST_YEAR, LAST_YEAR), min_size=count, max_size=count, unique=True
    )
    return sorted(draw(years))


def _in_year(draw: Any, year: int) -> PartialDate:
    day = draw(st.dates(dt.date(year, 1, 1), dt.date(year, 12, 31)))
    return _partial(day, draw(PRECISIONS))


def _when_in_year(draw: Any, year: int) -> PartialDate | DateRange:
    days = st.dates(dt.date(year, 1, 1), dt.date(year, 12, 31))
    return draw(st.one_of(partial_dates(days), date_ranges(days)))


def _some(draw: Any, items: list[str], most: int = 2) -> tuple[str, ...]:
    if not items:
        return ()
    return tuple(draw(st.lists(st.sampled_from(items), max_size=most, unique=True)))


def _maybe(draw: Any, items: list[str]) -> str | None:
    return draw(st.none() | st.sampled_from(items)) if items else None


def _quantity(value: int | Decimal, unit: str = "countries") -> Quantity:
    return Quantity(Decimal(value), unit)


@st.composite
def dataset_records(draw: Any) -> dict[str, tuple[Any, ...]]:
    """The records of a small valid dataset, by collection."""
    new_id = _Ids(draw)

    # Sources: the first is dated after every fact; a second may have no date.
    sources = []
    for n in range(draw(st.integers(1, 2))):
        as_of = (
            _in_year(draw, draw(st.integers(LAST_YEAR + 1, 2100)))
            if n == 0
            else draw(st.none() | st.builds(PartialDate, st.integers(LAST_YEAR + 1, 2100)))
        )
        sections = tuple(Section(new_id(), draw(NAMES)) for _ in range(draw(st.integers(1, 3))))
        sources.append(
            Source(
                id=new_id(),
                name=draw(NAMES),
                publisher=draw(NAMES),
                kind=draw(st.sampled_from(("web-page", "press-release", "reference"))),
                language="en",
                as_of=as_of,
                sections=sections,
            )
        )
    pairs = [(s.id, section.id) for s in sources for section in s.sections]
    cite_one = st.sampled_from(pairs).map(lambda pair: Citation(*pair))

    def cites() -> tuple[Citation, ...]:
        return tuple(draw(st.lists(cite_one, min_size=1, max_size=2, unique=True)))

    def memberships(candidates: list[str]) -> tuple[Membership, ...]:
        # Each member's spans follow one another in strictly later years: never overlapping.
        out = []
        members = draw(st.lists(st.sampled_from(candidates), min_size=1, max_size=3, unique=True))
        for member in members:
            spans = draw(st.integers(1, 2))
            years = _years(draw, 2 * spans)
            for n in range(spans):
                start = _in_year(draw, years[2 * n])
                end = _in_year(draw, years[2 * n + 1])
                if n == 0 and draw(st.booleans()):
                    start = None
                if n == spans - 1 and draw(st.booleans()):
                    end = None
                role = draw(st.sampled_from(("member", "participant", "observer")))
                out.append(
                    Membership(member=member, citations=cites(), start=start, end=end, role=role)
                )
        return tuple(out)

    # Ids of records that others refer to are drawn first, so references can point anywhere.
    meeting_count = draw(st.integers(2, 5))
    document_ids = [new_id() for _ in range(draw(st.integers(1, 3)))]
    mechanism_ids = [new_id() for _ in range(draw(st.integers(2, 3)))]
    meeting_ids = [new_id() for _ in range(meeting_count)]

    actors: list[Actor] = []
    for n in range(draw(st.integers(3, 6))):
        kind = "grouping" if n == 0 else draw(st.sampled_from(("country", "organisation")))
        earlier = [a.id for a in actors]
        countries = [a.id for a in actors if a.kind == "country"]
        actor_id = new_id()
        actors.append(
            Actor(
                id=actor_id,
                name=draw(NAMES),
                citations=cites(),
                kind=kind,
                parent=_maybe(draw, earlier),
                country=_maybe(draw, countries),
                established=draw(st.none() | st.builds(PartialDate, st.integers(1900, 1949))),
            )
        )
    actor_ids = [a.id for a in actors]
    # The grouping's members are the other actors.
    group = attrs.evolve(actors[0], memberships=memberships(actor_ids[1:]))
    actors[0] = group

    mechanisms: list[Mechanism] = []
    for n, mechanism_id in enumerate(mechanism_ids):
        roles = tuple(
            Role(
                actor=draw(st.sampled_from(actor_ids)),
                role=draw(NAMES),
                citations=cites(),
                period=draw(
                    st.none() | whens(st.dates(dt.date(1950, 1, 1), dt.date(2025, 12, 31)))
                ),
            )
            for _ in range(draw(st.integers(0, 1)))
        )
        mechanisms.append(
            Mechanism(
                id=mechanism_id,
                name=draw(NAMES),
                citations=cites(),
                kind=draw(st.sampled_from(("summit", "forum", "ministerial-meeting"))),
                level="leaders" if n == 0 else draw(st.sampled_from(("leaders", "ministers"))),
                parent=_maybe(draw, mechanism_ids[:n]),
                organiser=_maybe(draw, actor_ids),
                counterparts=_some(draw, actor_ids),
                established=draw(st.none() | st.builds(PartialDate, st.integers(1900, 1949))),
                established_by=_maybe(draw, document_ids),
                memberships=memberships(actor_ids) if n == 0 or draw(st.booleans()) else (),
                roles=roles,
            )
        )

    # Meetings: the first mechanism has a numbered series of at least two; the rest are
    # numbered in date order or not numbered at all.
    meetings: list[Meeting] = []
    numbered = draw(st.integers(2, meeting_count))
    years = _years(draw, numbered)
    ordinals = sorted(
        draw(st.lists(st.integers(1, 40), min_size=numbered, max_size=numbered, unique=True))
    )
    for n, meeting_id in enumerate(meeting_ids):
        if n < numbered:
            mechanism, ordinal, year = mechanism_ids[0], ordinals[n], years[n]
        else:
            mechanism = draw(st.sampled_from(mechanism_ids[1:]))
            ordinal, year = None, draw(st.integers(FIRST_YEAR, LAST_YEAR))
        date = _when_in_year(draw, year)
        sessions = tuple(
            Session(
                title=draw(NAMES),
                kind=draw(st.sampled_from(("plenary", "lecture", "visit"))),
                citations=cites(),
                date=draw(st.none() | st.just(_in_year(draw, year))),
                actors=_some(draw, actor_ids),
            )
            for _ in range(draw(st.integers(0, 1)))
        )
        delegates = tuple(
            Delegate(actor=draw(st.sampled_from(actor_ids)), person=draw(NAMES), citations=cites())
            for _ in range(draw(st.integers(0, 1)))
        )
        meetings.append(
            Meeting(
                id=meeting_id,
                name=draw(NAMES),
                citations=cites(),
                mechanism=mechanism,
                ordinal=ordinal,
                date=date,
                status=draw(st.sampled_from(("held", "held", "cancelled", "planned"))),
                city=draw(st.none() | NAMES),
                country=_maybe(draw, actor_ids),
                chairs=_some(draw, actor_ids),
                participants=_some(draw, actor_ids, 3),
                heads_of_delegation=delegates,
                sessions=sessions,
                documents=_some(draw, document_ids),
                held_with=_maybe(draw, [m for m in meeting_ids if m != meeting_id]),
                attendance=draw(st.none() | st.builds(_quantity, st.integers(0, 500))),
            )
        )

    partnerships = []
    for n in range(draw(st.integers(1, 2))):
        count = draw(st.integers(2 if n == 0 else 1, 3))
        stages = tuple(
            Stage(
                name=draw(NAMES),
                start=_in_year(draw, year),
                citations=cites(),
                made_at=_maybe(draw, meeting_ids),
                made_by=_maybe(draw, document_ids),
            )
            for year in _years(draw, count)
        )
        partnerships.append(
            Partnership(
                id=new_id(),
                name=draw(NAMES),
                citations=cites(),
                counterpart=draw(st.sampled_from(actor_ids)),
                stages=stages,
            )
        )

    documents = []
    for n, document_id in enumerate(document_ids):
        adopted, signed, in_force = (
            draw(st.none() | st.just(_in_year(draw, year))) for year in _years(draw, 3)
        )
        documents.append(
            Document(
                id=document_id,
                name=draw(NAMES),
                citations=cites(),
                kind=draw(st.sampled_from(("declaration", "agreement", "plan-of-action"))),
                adopted=adopted,
                signed=signed,
                entered_into_force=in_force,
                adopted_at=_maybe(draw, meeting_ids),
                parties=_some(draw, actor_ids),
                covers=draw(
                    st.none() | date_ranges(st.dates(dt.date(1950, 1, 1), dt.date(2099, 12, 31)))
                ),
                implements=_maybe(draw, document_ids[:n]),
                amends=_maybe(draw, document_ids[:n]),
                not_in_force_for=_some(draw, actor_ids, 1),
            )
        )

    funds = []
    for _ in range(draw(st.integers(1, 2))):
        contributions = []
        for _ in range(draw(st.integers(1, 2))):
            kind = draw(st.sampled_from(("annual", "cumulative")))
            amount = Money(draw(AMOUNTS), draw(CURRENCIES))
            year = draw(st.integers(FIRST_YEAR, LAST_YEAR))
            contributions.append(
                Contribution(
                    kind=kind,
                    amount=amount,
                    citations=cites(),
                    contributor=draw(st.sampled_from(actor_ids)),
                    period=_when_in_year(draw, year) if kind == "annual" else None,
                    as_of=_in_year(draw, year) if kind == "cumulative" else None,
                )
            )
        funds.append(
            Fund(
                id=new_id(),
                name=draw(NAMES),
                citations=cites(),
                established=draw(st.none() | st.builds(PartialDate, st.integers(1900, 1949))),
                established_at=_maybe(draw, meeting_ids),
                mechanism=_maybe(draw, mechanism_ids),
                beneficiaries=_some(draw, actor_ids),
                contributions=tuple(contributions),
                governing_documents=_some(draw, document_ids),
            )
        )
    fund_ids = [f.id for f in funds]

    policies: list[Policy] = []
    for _ in range(draw(st.integers(0, 2))):
        policies.append(
            Policy(
                id=new_id(),
                name=draw(NAMES),
                citations=cites(),
                kind=draw(st.sampled_from(("policy", "strategy", "initiative"))),
                announced=draw(
                    st.none() | partial_dates(st.dates(dt.date(1950, 1, 1), dt.date(2025, 12, 31)))
                ),
                announced_by=_maybe(draw, actor_ids),
                announced_at=_maybe(draw, meeting_ids),
                government=_maybe(draw, actor_ids),
                succeeds=_maybe(draw, [p.id for p in policies]),
                related=_some(draw, actor_ids + mechanism_ids),
            )
        )

    programmes = []
    for _ in range(draw(st.integers(1, 2))):
        started, ended = (draw(st.none() | st.just(_in_year(draw, y))) for y in _years(draw, 2))
        programmes.append(
            Programme(
                id=new_id(),
                name=draw(NAMES),
                citations=cites(),
                kind=draw(st.sampled_from(("programme", "project", "exchange"))),
                started=started,
                ended=ended,
                organisers=_some(draw, actor_ids),
                partners=_some(draw, actor_ids),
                mechanism=_maybe(draw, mechanism_ids),
                fund=_maybe(draw, fund_ids),
            )
        )

    # Figures: a stated member count that matches the listing, a total with its parts, and
    # a few others.
    figures = []
    counted = draw(st.sampled_from([group, mechanisms[0]]))
    on = _in_year(draw, draw(st.integers(FIRST_YEAR, LAST_YEAR)))
    figures.append(
        Figure(
            id=new_id(),
            name=draw(NAMES),
            citations=cites(),
            subject=counted.id,
            metric="member-count",
            value=_quantity(len(counted.members_on(on.latest))),
            as_of=on,
        )
    )
    parts = draw(st.lists(st.integers(0, 10**9), min_size=2, max_size=3))
    unit = draw(st.sampled_from(("visitors", "projects")))
    total_id = new_id()
    figures.append(
        Figure(
            id=total_id,
            name=draw(NAMES),
            citations=cites(),
            subject=draw(st.sampled_from(actor_ids)),
            metric=unit,
            value=Quantity(Decimal(sum(parts)), unit),
        )
    )
    for part in parts:
        figures.append(
            Figure(
                id=new_id(),
                name=draw(NAMES),
                citations=cites(),
                subject=draw(st.sampled_from(actor_ids)),
                metric=unit,
                value=Quantity(Decimal(part), unit),
                part_of=total_id,
            )
        )
    for _ in range(draw(st.integers(0, 2))):
        direction = draw(
            st.none() | st.builds(Direction, st.sampled_from(actor_ids), st.sampled_from(actor_ids))
        )
        figures.append(
            Figure(
                id=new_id(),
                name=draw(NAMES),
                citations=cites(),
                subject=draw(st.sampled_from(actor_ids + mechanism_ids)),
                metric=draw(st.sampled_from(("trade-volume", "oda", "investment"))),
                value=draw(
                    st.builds(Money, AMOUNTS, CURRENCIES)
                    | st.builds(_quantity, st.integers(0, 10**6))
                ),
                period=draw(
                    st.none() | whens(st.dates(dt.date(1950, 1, 1), dt.date(2025, 12, 31)))
                ),
                direction=direction,
            )
        )

    events = [
        Event(
            id=new_id(),
            name=draw(NAMES),
            citations=cites(),
            kind=draw(st.sampled_from(("proposal", "announcement", "decision"))),
            date=draw(st.none() | whens(st.dates(dt.date(1950, 1, 1), dt.date(2025, 12, 31)))),
            actors=_some(draw, actor_ids),
            at=_maybe(draw, meeting_ids),
            related=_some(draw, meeting_ids + document_ids),
        )
        for _ in range(draw(st.integers(0, 2)))
    ]

    # Provenance: an erratum, a conflict whose preferred claim is the value kept, an inference.
    target = draw(st.integers(1, len(actors) - 1))
    actor = actors[target]
    printed = draw(NAMES.filter(lambda text: text != actor.name))
    erratum = Erratum(
        field="name",
        printed=printed,
        corrected=actor.name,
        reason=draw(NAMES.filter(str.strip)),
        citation=draw(cite_one),
    )
    conflict = Conflict(
        field="name",
        claims=(
            Claim(value=actor.name, citations=cites(), preferred=True),
            Claim(value=printed, citations=cites() if draw(st.booleans()) else ()),
        ),
        reason=draw(NAMES.filter(str.strip)),
    )
    inference = Inference(
        field="country", value=draw(NAMES), reasoning=draw(NAMES.filter(str.strip))
    )
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
