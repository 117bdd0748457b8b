"""Invariants the data must hold, checked all at once.

>>> import korea_diplomacy as kd
>>> kd.validate(kd.load())
()
"""

from __future__ import annotations

import itertools
import re
import types
import typing
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

import attrs

from .dataset import Dataset
from .dates import DateRange, PartialDate
from .model import (
    RECORD_TYPES,
    Actor,
    Citation,
    Conflict,
    Document,
    Erratum,
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
    Record,
    Source,
)

__all__ = ["INVARIANTS", "Violation", "validate"]

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
CURRENCY_PATTERN = re.compile(r"[A-Z]{3}")

INVARIANTS = (
    "id-format",
    "id-unique",
    "citation-present",
    "citation-resolves",
    "reference-resolves",
    "date-after-source",
    "span-order",
    "ordinal-unique",
    "ordinal-order",
    "stage-order",
    "membership-overlap",
    "member-count",
    "amount",
    "parts-sum",
    "erratum",
    "conflict",
)
"""The name of every invariant :func:`validate` checks; each violation names one."""


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


# field name -> collections its ids must be found in (None: any collection)
_REFERENCES: dict[type, dict[str, tuple[str, ...] | None]] = {
    Actor: {"country": ("actors",), "parent": ("actors",)},
    Mechanism: {
        "parent": ("mechanisms",),
        "organiser": ("actors",),
        "counterparts": ("actors",),
        "established_at": ("meetings",),
        "established_by": ("documents",),
    },
    Partnership: {"counterpart": ("actors",)},
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
    "heads_of_delegation.actor": ("actors",),
    "sessions.actors": ("actors",),
    "contributions.contributor": ("actors",),
    "direction.origin": ("actors",),
    "direction.destination": ("actors",),
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


def validate(dataset: Dataset) -> tuple[Violation, ...]:
    """Every violation of every invariant in ``dataset`` (empty when all hold).

    >>> import korea_diplomacy as kd
    >>> kd.validate(kd.load())
    ()
    """
    if not isinstance(dataset, Dataset):
        raise TypeError(f"validate takes a Dataset, not {type(dataset).__name__}")
    checker = _Checker(dataset)
    return tuple(checker.run())


class _Checker:
    def __init__(self, dataset: Dataset) -> None:
        self.ds = dataset
        self.owner: dict[str, str] = {}
        for name in RECORD_TYPES:
            for record in dataset.collection(name):
                self.owner.setdefault(record.id, name)

    def run(self) -> Iterator[Violation]:
        yield from self.ids()
        for name in RECORD_TYPES:
            for record in self.ds.collection(name):
                parts = list(_walk(record, ""))  # one walk per record serves every check
                yield from self.citations(name, record, parts)
                yield from self.references(name, record)
                yield from self.dates(name, record, parts)
                yield from self.claims(name, record, parts)
                yield from self.amounts(name, record, parts)
        yield from self.ordinals()
        yield from self.stages()
        yield from self.memberships()
        yield from self.member_counts()
        yield from self.parts()

    # -- ids ---------------------------------------------------------------------------------

    def ids(self) -> Iterator[Violation]:
        seen: dict[str, str] = {}
        for name in RECORD_TYPES:
            for record in self.ds.collection(name):
                if not ID_PATTERN.fullmatch(record.id):
                    yield Violation(
                        "id-format", name, record.id, "id", "expected lowercase kebab-case"
                    )
                if record.id in seen:
                    where = seen[record.id]
                    yield Violation(
                        "id-unique", name, record.id, "id", f"id already used in {where}"
                    )
                else:
                    seen[record.id] = name

    # -- provenance --------------------------------------------------------------------------

    def citations(self, name: str, record: Record | Source, parts: _Parts) -> Iterator[Violation]:
        if isinstance(record, Source):
            return
        if not record.citations:
            yield Violation(
                "citation-present", name, record.id, "citations", "at least one citation"
            )
        for path, citation in parts:
            if not isinstance(citation, Citation):
                continue
            source = self.ds.sources.get(citation.source)
            if source is None:
                message = f"unknown source {citation.source!r}"
                yield Violation("citation-resolves", name, record.id, path, message)
            elif source.section(citation.section) is None:
                valid = ", ".join(s.id for s in source.sections)
                message = f"source {source.id} has no section {citation.section!r} (has: {valid})"
                yield Violation("citation-resolves", name, record.id, path, message)

    def references(self, name: str, record: Record | Source) -> Iterator[Violation]:
        for path, holder, field, targets in _reference_plan(type(record)):
            if holder is None:
                values: tuple[Any, ...] = (getattr(record, field),)
            else:
                nested = getattr(record, holder)
                if nested is None:
                    continue
                items = nested if type(nested) is tuple else (nested,)
                values = tuple(getattr(item, field) for item in items)
            for value in values:
                for target in value if type(value) is tuple else (value,):
                    if target is None:
                        continue
                    owner = self.owner.get(target)
                    if owner is None or (targets is not None and owner not in targets):
                        yield self._dangling(name, record.id, path, target, targets)

    @staticmethod
    def _dangling(
        name: str, record_id: str, field: str, target: object, targets: tuple[str, ...] | None
    ) -> Violation:
        expected = "any record" if targets is None else " or ".join(targets)
        message = f"{target!r} is not an id in {expected}"
        return Violation("reference-resolves", name, record_id, field, message)

    # -- dates -------------------------------------------------------------------------------

    def dates(self, name: str, record: Record | Source, parts: _Parts) -> Iterator[Violation]:
        dated = [(p, v) for p, v in parts if isinstance(v, (PartialDate, DateRange))]
        for field, value in dated:
            if isinstance(value, DateRange) and value.end.latest < value.start.earliest:
                yield Violation(
                    "span-order", name, record.id, field, "the span ends before it starts"
                )
        if isinstance(record, Source):
            return
        newest = None
        for citation in record.citations:
            source = self.ds.sources.get(citation.source)
            if source is None or source.as_of is None:
                newest = None
                break
            newest = max(newest, source.as_of.latest) if newest else source.as_of.latest
        if newest is None:
            return
        for field, value in dated:
            if field.startswith(("citations", "planned_date")) or "conflicts" in field:
                continue
            if value.earliest > newest:
                message = f"{value} is after the newest cited source ({newest})"
                yield Violation("date-after-source", name, record.id, field, message)

    # -- claims ------------------------------------------------------------------------------

    def claims(self, name: str, record: Record | Source, parts: _Parts) -> Iterator[Violation]:
        for path, value in parts:
            if isinstance(value, Erratum):
                if not value.reason.strip():
                    yield Violation("erratum", name, record.id, path, "an erratum needs a reason")
                if value.printed == value.corrected:
                    message = "the correction is the same as what was printed"
                    yield Violation("erratum", name, record.id, path, message)
            elif isinstance(value, Conflict):
                preferred = sum(claim.preferred for claim in value.claims)
                if len(value.claims) < 2:
                    yield Violation(
                        "conflict", name, record.id, path, "a conflict needs two claims"
                    )
                if preferred != 1:
                    message = f"exactly one claim must be preferred, not {preferred}"
                    yield Violation("conflict", name, record.id, path, message)
                if not value.reason.strip():
                    yield Violation("conflict", name, record.id, path, "a conflict needs a reason")

    def amounts(self, name: str, record: Record | Source, parts: _Parts) -> Iterator[Violation]:
        for path, value in parts:
            if isinstance(value, Money):
                if value.amount < 0:
                    yield Violation("amount", name, record.id, path, "an amount cannot be negative")
                if not CURRENCY_PATTERN.fullmatch(value.currency):
                    message = f"currency {value.currency!r} is not an ISO 4217 code"
                    yield Violation("amount", name, record.id, path, message)
            elif isinstance(value, Quantity) and value.value < 0:
                yield Violation("amount", name, record.id, path, "a quantity cannot be negative")

    # -- series ------------------------------------------------------------------------------

    def ordinals(self) -> Iterator[Violation]:
        series: dict[str, list[Meeting]] = {}
        for meeting in self.ds.meetings:
            if meeting.ordinal is not None:
                series.setdefault(meeting.mechanism, []).append(meeting)
        for mechanism, meetings in series.items():
            seen: dict[int, str] = {}
            for m in meetings:
                if m.ordinal in seen:
                    message = f"ordinal {m.ordinal} of {mechanism} is also {seen[m.ordinal]}"
                    yield Violation("ordinal-unique", "meetings", m.id, "ordinal", message)
                seen.setdefault(m.ordinal or 0, m.id)
            dated = sorted(
                (m for m in meetings if m.date is not None), key=lambda m: m.ordinal or 0
            )
            for before, after in itertools.pairwise(dated):
                assert before.date is not None and after.date is not None
                if after.date.latest < before.date.earliest or (
                    after.date.earliest < before.date.earliest
                ):
                    message = f"dated {after.date}, before {before.id} ({before.date})"
                    yield Violation("ordinal-order", "meetings", after.id, "date", message)

    def stages(self) -> Iterator[Violation]:
        for p in self.ds.partnerships:
            for n, (before, after) in enumerate(itertools.pairwise(p.stages), start=1):
                if after.start.earliest <= before.start.latest and after.start != before.start:
                    if after.start.earliest < before.start.earliest:
                        message = (
                            f"stage {after.name!r} ({after.start}) starts before {before.name!r}"
                        )
                        yield Violation(
                            "stage-order", "partnerships", p.id, f"stages[{n}]", message
                        )
                elif after.start == before.start:
                    message = f"stage {after.name!r} starts on the same date as {before.name!r}"
                    yield Violation("stage-order", "partnerships", p.id, f"stages[{n}]", message)

    def memberships(self) -> Iterator[Violation]:
        for name in ("actors", "mechanisms"):
            for group in self.ds.collection(name):
                by_member: dict[str, list[Any]] = {}
                for m in group.memberships:
                    by_member.setdefault(m.member, []).append(m)
                for member, spans in by_member.items():
                    if len(spans) < 2:
                        continue
                    spans.sort(
                        key=lambda m: m.start.earliest if m.start else PartialDate(1).earliest
                    )
                    for before, after in itertools.pairwise(spans):
                        if before.end is None or (
                            after.start is not None and after.start.earliest <= before.end.latest
                        ):
                            message = f"{member} has overlapping memberships"
                            yield Violation(
                                "membership-overlap", name, group.id, "memberships", message
                            )

    def member_counts(self) -> Iterator[Violation]:
        for figure in self.ds.figures:
            if figure.metric != "member-count" or not isinstance(figure.value, Quantity):
                continue
            group = self.ds.mechanisms.get(figure.subject) or self.ds.actors.get(figure.subject)
            date = figure.as_of or figure.period
            if group is None or not group.memberships or date is None:
                continue
            listed = len(group.members_on(str(date.latest)))
            stated = figure.value.value
            explained = (
                any(e.field == "value" for e in figure.errata) or figure.value.qualifier != "exact"
            )
            if listed != stated and not explained:
                message = f"states {stated} members on {date} but {listed} are listed"
                yield Violation("member-count", "figures", figure.id, "value", message)

    def parts(self) -> Iterator[Violation]:
        parts: dict[str, list[Figure]] = {}
        for figure in self.ds.figures:
            if figure.part_of:
                parts.setdefault(figure.part_of, []).append(figure)
        for total_id, members in parts.items():
            total = self.ds.figures.get(total_id)
            if total is None:
                continue
            amount = _number(total.value)
            summed = sum((_number(f.value) for f in members), Decimal(0))
            tolerance = _rounding(amount)
            if abs(summed - amount) > tolerance:
                message = f"parts add up to {summed}, the total is {amount} (rounding {tolerance})"
                yield Violation("parts-sum", "figures", total_id, "value", message)


def _number(value: Money | Quantity) -> Decimal:
    return value.amount if isinstance(value, Money) else value.value


def _rounding(total: Decimal) -> Decimal:
    """Half a unit of the last significant digit the total is written with."""
    text = f"{total.normalize():f}".rstrip("0").rstrip(".") if "." in f"{total:f}" else f"{total:f}"
    digits = text.lstrip("-")
    if "." in digits:
        return Decimal(1).scaleb(-len(digits.split(".")[1])) / 2
    zeros = len(digits) - len(digits.rstrip("0"))
    return Decimal(10) ** zeros / 2


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
