"""Invariants the data must hold, checked all at once.

:func:`validate` checks every invariant named in :data:`INVARIANTS` and returns every
violation, each naming the record, the field and what was expected; an empty tuple means the
data holds them all.

>>> import korea_diplomacy as kd
>>> kd.validate(kd.load())
()
>>> from korea_diplomacy.validation import INVARIANTS
>>> INVARIANTS["stage-order"]
"a partnership's stages begin in date order, no two on the same first day; so do a relation's steps"
"""

from __future__ import annotations

import datetime as _dt
import functools
import itertools
import re
import types
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Any, cast

import attrs

from .dataset import Dataset
from .dates import DateRange, PartialDate, When, _problem
from .model import (
    RECORD_TYPES,
    Actor,
    Citation,
    Claim,
    Conflict,
    Contribution,
    Delegate,
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
    Relation,
    RelationEvent,
    Role,
    Session,
    Source,
    Stage,
)

__all__ = ["INVARIANTS", "Violation", "validate"]

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
ID_MAX_LENGTH = 100
CURRENCY_PATTERN = re.compile(r"[A-Z]{3}")

INVARIANTS: Mapping[str, str] = types.MappingProxyType(
    {
        "field-type": "every field holds a value of its declared type (a string, a whole "
        "number, one of the allowed words, a date, a record of the right class...)",
        "date-format": "every date is a real year, month or day, in years 1 to 9999",
        "span-order": "a span begins no later than it ends, and so do a membership's start "
        "and end, a programme's start and end, and a document's adoption or signature and "
        "its entry into force",
        "id-format": f"record and section ids are lowercase kebab-case, at most "
        f"{ID_MAX_LENGTH} characters",
        "id-unique": "record ids are unique across all collections (one namespace); section "
        "ids within their source",
        "citation-present": "every record, membership, role, stage, delegate, session and "
        "contribution cites at least one source",
        "citation-resolves": "every citation names a known source and a section of it",
        "reference-resolves": "every reference names a record of the right collection",
        "reference-cycle": "no record is its own ancestor through parent, part_of, succeeds, "
        "implements or amends",
        "date-after-source": "nothing is dated after the newest source that states it "
        "(planned dates, plans' periods and planned meetings excepted)",
        "ordinal-unique": "the ordinals of a mechanism's meetings are unique and count from 1",
        "ordinal-order": "a mechanism's numbered meetings are in date order",
        "stage-order": "a partnership's stages begin in date order, no two on the same first day; "
        "so do a relation's steps",
        "membership-overlap": "one actor's memberships of one group or mechanism do not overlap",
        "member-count": "a stated member count agrees with the members listed on its date, "
        "unless an erratum or a conflict on the figure's value explains the difference",
        "amount": "amounts are not negative; money has an ISO 4217 currency, a quantity a unit",
        "parts-sum": "figures given as parts of a total share its unit and add up to it "
        "within the source's rounding",
        "erratum": "an erratum names a field of its record, what was printed, a different "
        "correction and a reason",
        "conflict": "a conflict names a field, keeps two or more different claims, prefers "
        "exactly one, which is cited and is the value kept, and gives a reason",
        "inference": "an inference names its field and gives its reasoning",
    }
)
"""Every invariant :func:`validate` checks, by name, with what it requires."""


@attrs.frozen
class Violation:
    """One broken invariant: which record and field, and what was expected.

    >>> str(Violation("citation-present", "meetings", "x-1", "citations", "at least one citation"))
    'meetings: x-1: citations: at least one citation [citation-present]'
    """

    invariant: str
    collection: str
    record_id: str
    field: str
    message: str

    def __str__(self) -> str:
        return (
            f"{self.collection}: {self.record_id}: {self.field}: {self.message} [{self.invariant}]"
        )


def validate(dataset: Dataset) -> tuple[Violation, ...]:
    """Every violation of every invariant in ``dataset`` (empty when all hold).

    Records built in Python are not checked as they are made, so the first check is that
    every field holds a value of its declared type; a record that fails it is left out of
    the other checks, which could not read it.

    >>> import korea_diplomacy as kd
    >>> kd.validate(kd.load())
    ()
    """
    if not isinstance(dataset, Dataset):
        raise TypeError(f"validate takes a Dataset, not {type(dataset).__name__}")
    return tuple(_Checker(dataset, check_types=True).run())


def violations(dataset: Dataset, *, check_types: bool) -> list[Violation]:
    """:func:`validate` for the loader, which may skip the field types of records it built."""
    return _Checker(dataset, check_types=check_types).run()


# --------------------------------------------------------------------------- references

# field name -> collections its ids must be found in (None: any collection)
_REFERENCES: dict[type, dict[str, tuple[str, ...] | None]] = {
    Actor: {"country": ("actors",), "parent": ("actors",), "successors": ("actors",)},
    Mechanism: {
        "parent": ("mechanisms",),
        "organiser": ("actors",),
        "counterparts": ("actors",),
        "established_at": ("meetings",),
        "established_by": ("documents",),
    },
    Partnership: {"counterpart": ("actors",)},
    Relation: {"partner": ("actors",)},
    Meeting: {
        "mechanism": ("mechanisms",),
        "country": ("actors",),
        "chairs": ("actors",),
        "held_with": ("meetings",),
        "participants": ("actors",),
        "documents": ("documents",),
    },
    Fund: {
        "established_at": ("meetings",),
        "mechanism": ("mechanisms",),
        "beneficiaries": ("actors",),
        "governing_documents": ("documents",),
    },
    Document: {
        "adopted_at": ("meetings",),
        "parties": ("actors",),
        "implements": ("documents",),
        "amends": ("documents",),
        "not_in_force_for": ("actors",),
    },
    Policy: {
        "announced_by": ("actors",),
        "announced_at": ("meetings",),
        "government": ("actors",),
        "succeeds": ("policies",),
        "related": None,
    },
    Programme: {
        "organisers": ("actors",),
        "partners": ("actors",),
        "mechanism": ("mechanisms",),
        "fund": ("funds",),
    },
    Figure: {"subject": None, "part_of": ("figures",)},
    Event: {"actors": ("actors",), "at": ("meetings",), "related": None},
}
# references inside nested values: (attribute holding the values, field) -> collections
_NESTED_REFERENCES: dict[str, tuple[str, ...]] = {
    "memberships.member": ("actors",),
    "memberships.joined_at": ("meetings",),
    "roles.actor": ("actors",),
    "stages.made_at": ("meetings",),
    "stages.made_by": ("documents",),
    "events.state": ("actors",),
    "heads_of_delegation.actor": ("actors",),
    "sessions.actors": ("actors",),
    "contributions.contributor": ("actors",),
    "direction.origin": ("actors",),
    "direction.destination": ("actors",),
}
# (collection, field) chains that must never lead back to where they started
_HIERARCHIES = (
    ("actors", "parent"),
    ("mechanisms", "parent"),
    ("figures", "part_of"),
    ("policies", "succeeds"),
    ("documents", "implements"),
    ("documents", "amends"),
)
# values that keep their own citations, which must not be empty
_CITED = frozenset((Membership, Role, Stage, Delegate, Session, Contribution, RelationEvent))
# (earlier, later) date fields of one value
_SPANS: dict[type, tuple[tuple[str, str], ...]] = {
    Membership: (("start", "end"),),
    Programme: (("started", "ended"),),
    Document: (("adopted", "entered_into_force"), ("signed", "entered_into_force")),
}

_Reference = tuple[str, "str | None", str, "tuple[str, ...] | None"]
_REFERENCE_PLANS: dict[type, list[_Reference]] = {}


def _reference_plan(cls: type) -> list[_Reference]:
    """(path, holder attribute or None, field, target collections) for every reference."""
    plan = _REFERENCE_PLANS.get(cls)
    if plan is None:
        plan = [(f, None, f, t) for f, t in _REFERENCES.get(cls, {}).items()]
        names = {field.name for field in attrs.fields(cls)}
        for path, targets in _NESTED_REFERENCES.items():
            holder, _, field = path.partition(".")
            if holder in names:
                plan.append((path, holder, field, targets))
        _REFERENCE_PLANS[cls] = plan
    return plan


# --------------------------------------------------------------------------- the checks


class _Checker:
    def __init__(self, dataset: Dataset, check_types: bool) -> None:
        self.ds = dataset
        self.check_types = check_types
        self.out: list[Violation] = []
        self.owner: dict[str, str] = {}
        self.sound: dict[str, list[Any]] = {}
        self.sections: dict[str, tuple[Source, frozenset[str]]] = {}
        # the newest source date of each citations tuple of the record being checked
        self.newest: dict[int, _dt.date | None] = {}

    def report(self, invariant: str, name: str, record_id: str, field: str, message: str) -> None:
        self.out.append(Violation(invariant, name, record_id, field, message))

    def run(self) -> list[Violation]:
        everything = [
            (name, record) for name in RECORD_TYPES for record in self.ds.collection(name)
        ]
        for name, record in everything:
            if self.check_types and not self.well_typed(name, record):
                continue
            self.sound.setdefault(name, []).append(record)
        for name in RECORD_TYPES:
            self.sound.setdefault(name, [])
        self.ids(everything)
        for source in self.sound["sources"]:
            sections = frozenset(section.id for section in source.sections)
            self.sections.setdefault(source.id, (source, sections))
        for name in RECORD_TYPES:
            if name != "sources":
                for record in self.sound[name]:
                    self.record(name, record)
        self.cycles()
        self.ordinals()
        self.stages()
        self.memberships()
        self.member_counts()
        self.parts()
        return self.out

    # -- field types -------------------------------------------------------------------------

    def well_typed(self, name: str, record: Any) -> bool:
        problems: list[tuple[str, str, str]] = []
        _type_check(cast(Any, RECORD_TYPES[name]))(record, "", problems)
        for invariant, field, message in problems:
            self.report(invariant, name, _record_id(record), field or "(record)", message)
        return not problems

    # -- ids ---------------------------------------------------------------------------------

    def ids(self, everything: list[tuple[str, Any]]) -> None:
        for name, record in everything:
            record_id = getattr(record, "id", None)
            if type(record_id) is not str:
                continue  # a field-type violation already
            if len(record_id) > ID_MAX_LENGTH or not ID_PATTERN.fullmatch(record_id):
                message = f"{_short(record_id)} is not lowercase kebab-case (a-z, 0-9, '-')"
                if len(record_id) > ID_MAX_LENGTH:
                    message = f"{len(record_id)} characters, more than {ID_MAX_LENGTH}"
                self.report("id-format", name, record_id, "id", message)
            if record_id in self.owner:
                message = f"id already used by a record of {self.owner[record_id]}"
                self.report("id-unique", name, record_id, "id", message)
            else:
                self.owner[record_id] = name
        for source in self.sound["sources"]:
            seen: set[str] = set()
            for n, section in enumerate(source.sections):
                path = f"sections[{n}].id"
                if not ID_PATTERN.fullmatch(section.id) or len(section.id) > ID_MAX_LENGTH:
                    message = f"{_short(section.id)} is not lowercase kebab-case"
                    self.report("id-format", "sources", source.id, path, message)
                if section.id in seen:
                    message = f"section id {section.id!r} is used twice in this source"
                    self.report("id-unique", "sources", source.id, path, message)
                seen.add(section.id)

    # -- one record --------------------------------------------------------------------------

    def record(self, name: str, record: Any) -> None:
        if not record.citations:
            self.report("citation-present", name, record.id, "citations", "at least one citation")
        self.references(name, record)
        self.newest.clear()
        self.visit(name, record, record, "", record.citations)

    def visit(self, name: str, record: Any, value: Any, path: str, cited: Any) -> None:
        """Check ``value`` (an attrs value inside ``record``) and everything it holds."""
        kind = type(value)
        if kind in _SPANS:
            self.spans(name, record, value, path)
        for field in _plan(kind):
            child = getattr(value, field)
            if child is None:
                continue
            where = f"{path}.{field}" if path else field
            items = (
                [(f"{where}[{n}]", item) for n, item in enumerate(child)]
                if type(child) is tuple
                else [(where, child)]
            )
            for sub, item in items:
                item_type = type(item)
                if item_type is Citation:
                    self.citation(name, record, sub, item)
                elif item_type is PartialDate or item_type is DateRange:
                    self.after_source(name, record, value, field, sub, item, cited)
                elif item_type is Money or item_type is Quantity:
                    self.amount(name, record, sub, item)
                else:
                    own = cited
                    if item_type in _CITED:
                        if not item.citations:
                            message = "at least one citation"
                            self.report(
                                "citation-present", name, record.id, f"{sub}.citations", message
                            )
                        else:
                            own = item.citations
                    elif item_type is Erratum:
                        self.erratum(name, record, value, sub, item)
                    elif item_type is Conflict:
                        self.conflict(name, record, value, sub, item)
                    elif item_type is Inference:
                        self.inference(name, record, sub, item)
                    self.visit(name, record, item, sub, own)

    def citation(self, name: str, record: Any, path: str, citation: Citation) -> None:
        found = self.sections.get(citation.source)
        if found is None:
            message = f"unknown source {_short(citation.source)}"
            self.report("citation-resolves", name, record.id, path, message)
        elif citation.section not in found[1]:
            valid = ", ".join(section.id for section in found[0].sections)
            message = (
                f"source {citation.source} has no section {_short(citation.section)} (has: {valid})"
            )
            self.report("citation-resolves", name, record.id, path, message)

    def references(self, name: str, record: Any) -> None:
        for path, holder, field, targets in _reference_plan(type(record)):
            if holder is None:
                self.resolve(name, record, path, getattr(record, field), targets)
                continue
            nested = getattr(record, holder)
            if type(nested) is tuple:
                for n, item in enumerate(nested):
                    where = f"{holder}[{n}].{field}"
                    self.resolve(name, record, where, getattr(item, field), targets)
            elif nested is not None:
                self.resolve(name, record, path, getattr(nested, field), targets)

    def resolve(
        self, name: str, record: Any, path: str, value: Any, targets: tuple[str, ...] | None
    ) -> None:
        for target in value if type(value) is tuple else (value,):
            if target is None:
                continue
            owner = self.owner.get(target)
            if owner is None or (targets is not None and owner not in targets):
                expected = "any collection" if targets is None else " or ".join(targets)
                where = f" (it is in {owner})" if owner else ""
                message = f"{_short(target)} is not an id in {expected}{where}"
                self.report("reference-resolves", name, record.id, path, message)

    # -- dates -------------------------------------------------------------------------------

    def spans(self, name: str, record: Any, value: Any, path: str) -> None:
        for first, then in _SPANS[type(value)]:
            start, end = getattr(value, first), getattr(value, then)
            if start is not None and end is not None and end.latest < start.earliest:
                where = f"{path}.{then}" if path else then
                message = f"{then} {end} is before {first} {start}"
                self.report("span-order", name, record.id, where, message)

    def after_source(
        self, name: str, record: Any, holder: Any, field: str, path: str, when: When, cited: Any
    ) -> None:
        if _planned(holder, field):
            return
        key = id(cited)
        if key not in self.newest:
            self.newest[key] = self.newest_source(cited)
        newest = self.newest[key]
        if newest is not None and when.earliest > newest:
            message = f"{when} is after the newest source that states it ({newest})"
            self.report("date-after-source", name, record.id, path, message)

    def newest_source(self, cited: Iterable[Citation]) -> _dt.date | None:
        """The last day of the newest cited source; None if any has no date (we cannot tell)."""
        newest = None
        for citation in cited:
            found = self.sections.get(citation.source)
            if found is None or found[0].as_of is None:
                return None
            day = found[0].as_of.latest
            newest = day if newest is None or day > newest else newest
        return newest

    # -- amounts and claims ------------------------------------------------------------------

    def amount(self, name: str, record: Any, path: str, value: Money | Quantity) -> None:
        if isinstance(value, Money):
            if value.amount < 0:
                self.report("amount", name, record.id, path, "an amount cannot be negative")
            if not CURRENCY_PATTERN.fullmatch(value.currency):
                message = f"currency {_short(value.currency)} is not an ISO 4217 code like 'USD'"
                self.report("amount", name, record.id, path, message)
        else:
            if value.value < 0:
                self.report("amount", name, record.id, path, "a quantity cannot be negative")
            if not value.unit.strip():
                self.report("amount", name, record.id, path, "a quantity needs a unit")

    def erratum(self, name: str, record: Any, holder: Any, path: str, erratum: Erratum) -> None:
        problems = []
        if not _names_field(holder, erratum.field):
            problems.append(f"{type(holder).__name__} has no field {_short(erratum.field)}")
        if not erratum.printed.strip() or not erratum.corrected.strip():
            problems.append("an erratum needs what was printed and the correction")
        elif erratum.printed == erratum.corrected:
            problems.append("the correction is the same as what was printed")
        if not erratum.reason.strip():
            problems.append("an erratum needs a reason")
        for message in problems:
            self.report("erratum", name, record.id, path, message)

    def conflict(self, name: str, record: Any, holder: Any, path: str, conflict: Conflict) -> None:
        problems = []
        if not _names_field(holder, conflict.field):
            problems.append(f"{type(holder).__name__} has no field {_short(conflict.field)}")
        values = [claim.value for claim in conflict.claims]
        if len(values) < 2:
            problems.append("a conflict needs two claims or more")
        elif len(set(values)) < len(values):
            problems.append("two claims have the same value")
        preferred = [claim for claim in conflict.claims if claim.preferred]
        if len(preferred) != 1:
            problems.append(f"exactly one claim must be preferred, not {len(preferred)}")
        else:
            problems.extend(_preferred_problems(holder, conflict.field, preferred[0]))
        if not conflict.reason.strip():
            problems.append("a conflict needs a reason")
        for message in problems:
            self.report("conflict", name, record.id, path, message)

    def inference(self, name: str, record: Any, path: str, inference: Inference) -> None:
        if not inference.field.strip():
            self.report("inference", name, record.id, path, "an inference names its field")
        if not inference.reasoning.strip():
            self.report("inference", name, record.id, path, "an inference needs its reasoning")

    # -- across records ----------------------------------------------------------------------

    def cycles(self) -> None:
        for name, field in _HIERARCHIES:
            records = self.sound[name]
            up = {r.id: getattr(r, field) for r in records if getattr(r, field) is not None}
            on_cycle: set[str] = set()
            for record in records:
                chain, current = [record.id], up.get(record.id)
                while current is not None and current not in chain and current in up:
                    chain.append(current)
                    current = up[current]
                if current == record.id and record.id not in on_cycle:
                    on_cycle.update(chain)
                    message = f"{field} leads back to itself: {' -> '.join((*chain, record.id))}"
                    self.report("reference-cycle", name, record.id, field, message)

    def ordinals(self) -> None:
        series: dict[str, list[Meeting]] = {}
        for meeting in self.sound["meetings"]:
            if meeting.ordinal is not None:
                series.setdefault(meeting.mechanism, []).append(meeting)
        for mechanism, meetings in series.items():
            first: dict[int, Meeting] = {}
            for m in meetings:
                assert m.ordinal is not None
                if m.ordinal < 1:
                    message = f"ordinal {m.ordinal}: ordinals count from 1"
                    self.report("ordinal-unique", "meetings", m.id, "ordinal", message)
                elif m.ordinal in first:
                    other = first[m.ordinal].id
                    message = f"ordinal {m.ordinal} of {mechanism} is also {other}"
                    self.report("ordinal-unique", "meetings", m.id, "ordinal", message)
                else:
                    first[m.ordinal] = m
            # Each meeting must be able to come after every lower-numbered one: with partial
            # dates, after the latest first day among them.
            latest: Any = None  # the meeting with the latest first day so far
            for ordinal in sorted(first):
                m = first[ordinal]
                if m.date is None:
                    continue
                if latest is not None and m.date.latest < latest.date.earliest:
                    message = (
                        f"ordinal {ordinal} is dated {m.date}, before ordinal "
                        f"{latest.ordinal} ({latest.id}, {latest.date})"
                    )
                    self.report("ordinal-order", "meetings", m.id, "date", message)
                elif latest is None or m.date.earliest > latest.date.earliest:
                    latest = m

    def stages(self) -> None:
        steps = [("partnerships", p, p.stages, "stages") for p in self.sound["partnerships"]]
        steps += [("relations", r, r.events, "events") for r in self.sound["relations"]]
        for name, record, items, field in steps:
            for n in range(1, len(items)):
                before, after = _step(items[n - 1]), _step(items[n])
                if after[1].earliest > before[1].earliest:
                    continue
                if after[1].earliest == before[1].earliest:
                    message = (
                        f"{after[0]} ({after[1]}) begins on the same first day as "
                        f"{before[0]} ({before[1]})"
                    )
                else:
                    message = f"{after[0]} ({after[1]}) begins before {before[0]} ({before[1]})"
                self.report("stage-order", name, record.id, f"{field}[{n}]", message)

    def memberships(self) -> None:
        for name in ("actors", "mechanisms"):
            for group in self.sound[name]:
                by_member: dict[str, list[tuple[int, Membership]]] = {}
                for n, m in enumerate(group.memberships):
                    by_member.setdefault(m.member, []).append((n, m))
                for member, spans in by_member.items():
                    if len(spans) < 2:
                        continue
                    spans.sort(key=lambda s: s[1].start.earliest if s[1].start else _dt.date.min)
                    for (_, before), (n, after) in itertools.pairwise(spans):
                        if (
                            before.end is None
                            or after.start is None
                            or after.start.earliest <= before.end.latest
                        ):
                            message = (
                                f"{member}'s membership from {after.start or 'an unknown date'} "
                                f"overlaps the one from {before.start or 'an unknown date'} "
                                f"until {before.end or 'no end'}"
                            )
                            self.report(
                                "membership-overlap", name, group.id, f"memberships[{n}]", message
                            )

    def member_counts(self) -> None:
        groups: dict[str, Any] = {}
        for name in ("mechanisms", "actors"):
            for group in self.sound[name]:
                groups.setdefault(group.id, group)
        for figure in self.sound["figures"]:
            if figure.metric != "member-count" or type(figure.value) is not Quantity:
                continue
            group = groups.get(figure.subject)
            date = figure.as_of or figure.period
            if group is None or not group.memberships or date is None:
                continue
            day = date.latest
            listed = len({m.member for m in group.memberships if m.active_on(day)})
            stated = figure.value
            explained = any(e.field == "value" for e in figure.errata) or any(
                c.field == "value" for c in figure.conflicts
            )
            tolerance = _rounding(stated.value) if stated.qualifier == "about" else Decimal(0)
            if not explained and not _agrees(stated.value, stated.qualifier, listed, tolerance):
                message = (
                    f"states {stated.human()} on {date} but {listed} members are listed on "
                    f"{day}; if the source really says so, record an erratum on the value"
                )
                self.report("member-count", "figures", figure.id, "value", message)

    def parts(self) -> None:
        figures: dict[str, Figure] = {}
        parts: dict[str, list[Figure]] = {}
        for figure in self.sound["figures"]:
            figures.setdefault(figure.id, figure)
            if figure.part_of:
                parts.setdefault(figure.part_of, []).append(figure)
        for total_id, members in parts.items():
            total = figures.get(total_id)
            if total is None or total.id in {m.id for m in members}:
                continue  # a dangling reference or a cycle, reported as such
            unit = _unit(total.value)
            odd = [m for m in members if _unit(m.value) != unit]
            if odd:
                message = (
                    f"part {odd[0].id} is in {_unit(odd[0].value)}, the total in {unit}: "
                    "parts must share the total's unit"
                )
                self.report("parts-sum", "figures", total_id, "value", message)
                continue
            if any(m.value.qualifier not in ("exact", "about") for m in members):
                continue  # parts stated as bounds give no sum to compare
            amount = _number(total.value)
            summed = sum((_number(m.value) for m in members), Decimal(0))
            tolerance = _rounding(amount) + sum(
                (_rounding(_number(m.value)) for m in members), Decimal(0)
            )
            if not _agrees(amount, total.value.qualifier, summed, tolerance):
                message = (
                    f"parts add up to {summed:f}, the total is {total.value.human()} "
                    f"(rounding allows {tolerance:f})"
                )
                self.report("parts-sum", "figures", total_id, "value", message)


# --------------------------------------------------------------------------- helpers


def _step(item: Stage | RelationEvent) -> tuple[str, When]:
    """How a stage or a relation's step is named in a message, and when it begins."""
    if isinstance(item, Stage):
        return f"stage {_short(item.name)}", item.start
    return f"step {item.kind}", item.date


def _record_id(record: Any) -> str:
    record_id = getattr(record, "id", None)
    return record_id if type(record_id) is str else f"(id {_short(record_id)})"


def _short(value: object, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _planned(holder: Any, field: str) -> bool:
    """Whether this date is a plan, which may lie after the source that announces it."""
    kind = type(holder)
    if kind is Meeting:
        return field == "planned_date" or (field == "date" and holder.status == "planned")
    if kind is Document:
        return field == "covers"
    if kind is Role:
        return field == "period" and holder.status_as_of_source == "planned"
    return False


def _head(field: str) -> str:
    return re.split(r"[.\[]", field, maxsplit=1)[0]


def _names_field(holder: Any, field: str) -> bool:
    return _head(field) in {f.name for f in attrs.fields(type(holder))}


def _preferred_problems(holder: Any, field: str, claim: Claim) -> list[str]:
    problems = []
    if not claim.citations:
        problems.append("the preferred claim needs a citation")
    if field == _head(field) and _names_field(holder, field):
        kept = getattr(holder, field)
        if isinstance(kept, (str, int, PartialDate, DateRange)) and str(kept) != claim.value:
            problems.append(
                f"the preferred claim {_short(claim.value)} is not the value kept "
                f"({_short(str(kept))})"
            )
    return problems


def _number(value: Money | Quantity) -> Decimal:
    return value.amount if isinstance(value, Money) else value.value


def _unit(value: Money | Quantity) -> str:
    return value.currency if isinstance(value, Money) else value.unit


def _rounding(value: Decimal) -> Decimal:
    """Half a unit in the last significant place of ``value``: the most rounding can hide.

    >>> _rounding(Decimal("14420000")), _rounding(Decimal("176.5")), _rounding(Decimal(16))
    (Decimal('5E+3'), Decimal('0.05'), Decimal('0.5'))
    """
    if value == 0:
        return Decimal("0.5")
    exponent = value.normalize().as_tuple().exponent
    assert isinstance(exponent, int)
    return Decimal(1).scaleb(exponent) / 2


def _agrees(stated: Decimal, qualifier: str, actual: Decimal | int, tolerance: Decimal) -> bool:
    """Whether ``actual`` is what ``qualifier stated`` says, give or take ``tolerance``."""
    if qualifier in ("more-than", "over"):
        return actual + tolerance > stated
    if qualifier in ("at-least", "plus"):
        return actual + tolerance >= stated
    if qualifier == "at-most":
        return actual - tolerance <= stated
    return abs(actual - stated) <= tolerance


# --------------------------------------------------------------------------- field types

_Problems = list[tuple[str, str, str]]
_Check = Callable[[Any, str, _Problems], None]


def _describe(value: object) -> str:
    return f"{type(value).__name__} {_short(value, 40)}"


@functools.cache
def _type_check(tp: Any) -> _Check:
    """A function that appends (invariant, path, message) for every ill-typed part of a value."""
    if tp in (str, int, bool):
        wanted = {str: "a string", int: "a whole number", bool: "true or false"}[tp]

        def plain(value: Any, path: str, out: _Problems) -> None:
            if type(value) is not tp:
                out.append(("field-type", path, f"expected {wanted}, not {_describe(value)}"))

        return plain
    if tp is Decimal:
        return _check_decimal
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is typing.Literal:
        allowed = frozenset(args)

        def literal(value: Any, path: str, out: _Problems) -> None:
            if type(value) is not str or value not in allowed:
                choices = ", ".join(map(str, args))
                out.append(("field-type", path, f"{_short(value)} is not one of: {choices}"))

        return literal
    if origin is tuple:
        item = _type_check(args[0])

        def sequence(value: Any, path: str, out: _Problems) -> None:
            if type(value) is not tuple:
                out.append(("field-type", path, f"expected a tuple, not {_describe(value)}"))
                return
            for n, element in enumerate(value):
                item(element, f"{path}[{n}]", out)

        return sequence
    if origin in (typing.Union, types.UnionType):
        return _union_check(args)
    if attrs.has(tp):
        return _record_check(tp)
    raise TypeError(f"no check for {tp!r}")  # pragma: no cover - the model has no other


def _check_decimal(value: Any, path: str, out: _Problems) -> None:
    if type(value) is not Decimal or not value.is_finite():
        out.append(("field-type", path, f"expected a finite Decimal, not {_describe(value)}"))


def _check_when(value: Any, path: str, out: _Problems) -> None:
    if type(value) is PartialDate:
        problem = _problem(value.year, value.month, value.day)
        if problem is not None:
            parts = f"{value.year!r}-{value.month!r}-{value.day!r}"
            out.append(("date-format", path, f"{_short(parts)}: {problem}"))
    elif type(value) is DateRange:
        before = len(out)
        for end in ("start", "end"):
            part = getattr(value, end)
            if type(part) is not PartialDate:
                message = f"a span's {end} must be a PartialDate, not {_describe(part)}"
                out.append(("field-type", f"{path}.{end}", message))
            else:
                _check_when(part, f"{path}.{end}", out)
        if len(out) == before and value.end.latest < value.start.earliest:
            out.append(("span-order", path, f"{value} ends before it starts"))
    else:
        message = f"expected a date (PartialDate or DateRange), not {_describe(value)}"
        out.append(("field-type", path, message))


def _union_check(args: tuple[Any, ...]) -> _Check:
    options = tuple(a for a in args if a is not types.NoneType)
    optional = len(options) < len(args)
    inner: _Check
    if set(options) == {PartialDate, DateRange}:
        inner = _check_when
    elif len(options) == 1:
        inner = _type_check(options[0])
    else:
        checks = {option: _type_check(option) for option in options}
        names = " or ".join(option.__name__ for option in options)

        def inner(value: Any, path: str, out: _Problems) -> None:
            check = checks.get(type(value))
            if check is None:
                out.append(("field-type", path, f"expected {names}, not {_describe(value)}"))
            else:
                check(value, path, out)

    if not optional:
        return inner

    def maybe(value: Any, path: str, out: _Problems) -> None:
        if value is not None:
            inner(value, path, out)

    return maybe


def _record_check(cls: type) -> _Check:
    fields: list[tuple[str, _Check]] = []

    def check(value: Any, path: str, out: _Problems) -> None:
        if type(value) is not cls:
            message = f"expected {cls.__name__}, not {_describe(value)}"
            out.append(("field-type", path, message))
            return
        if not fields:  # resolved on first use: the classes refer to one another
            hints = typing.get_type_hints(cls)
            fields.extend((f.name, _type_check(hints[f.name])) for f in attrs.fields(cls))
        for name, field_check in fields:
            field_check(getattr(value, name), f"{path}.{name}" if path else name, out)

    return check


# --------------------------------------------------------------------------- walking records

_Parts = list[tuple[str, Any]]
_PLANS: dict[type, tuple[str, ...]] = {}
_LEAVES = (str, int, bool, Decimal, type(None))
_FLAT = frozenset((PartialDate, DateRange, Citation))


def _plan(cls: type) -> tuple[str, ...]:
    """The fields of an attrs class that can hold records, dates or other attrs values."""
    plan = _PLANS.get(cls)
    if plan is None:
        hints = typing.get_type_hints(cls)
        plan = tuple(f.name for f in attrs.fields(cls) if not _only_leaves(hints[f.name]))
        _PLANS[cls] = plan
    return plan


def _only_leaves(type_: Any) -> bool:
    if type_ in _LEAVES:
        return True
    origin = typing.get_origin(type_)
    if origin is typing.Literal:
        return True
    if origin is tuple or origin in (typing.Union, types.UnionType):
        return all(_only_leaves(arg) for arg in typing.get_args(type_) if arg is not Ellipsis)
    return False


def _walk(value: Any, path: str) -> Iterator[tuple[str, Any]]:
    """Every attrs value and date inside ``value``, with its path (``stages[2].start``)."""
    if path:
        yield path, value
    for name in _plan(type(value)):
        child = getattr(value, name)
        if child is None:
            continue
        where = f"{path}.{name}" if path else name
        for sub, item in (
            ((f"{where}[{n}]", c) for n, c in enumerate(child))
            if type(child) is tuple
            else ((where, child),)
        ):
            if type(item) in _FLAT:
                yield sub, item  # dates and citations hold nothing further: no recursion
            else:
                yield from _walk(item, sub)


def _walk_citations(record: Any) -> Iterator[tuple[str, Citation]]:
    for path, value in _walk(record, ""):
        if isinstance(value, Citation):
            yield path, value


def _walk_dates(record: Any) -> Iterable[tuple[str, PartialDate | DateRange]]:
    for path, value in _walk(record, ""):
        if isinstance(value, (PartialDate, DateRange)):
            yield path, value
