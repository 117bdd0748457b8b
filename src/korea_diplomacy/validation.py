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

import bisect
import datetime as _dt
import itertools
import re
import types
import unicodedata
from collections.abc import Collection, Iterable, Mapping
from decimal import Decimal
from typing import Any

import attrs

from ._plan import Date, FieldPlan, Nested, plan
from .dataset import Dataset
from .dates import DateRange, PartialDate, When
from .model import (
    Citation,
    Claim,
    Conflict,
    Erratum,
    Figure,
    Inference,
    Meeting,
    Membership,
    Money,
    Quantity,
    record_classes,
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


def violations(
    dataset: Dataset, *, check_types: bool, only: Collection[str] | None = None
) -> list[Violation]:
    """:func:`validate` for the loader. ``only``: the ids of the records to check one by one
    (the user's, when the rest is the valid bundled data); the checks across records (ids,
    cycles, ordinals, memberships, counts, parts) always look at everything."""
    return _Checker(dataset, check_types=check_types, only=only).run()


# --------------------------------------------------------------------------- the checks


class _Checker:
    def __init__(
        self, dataset: Dataset, check_types: bool, only: Collection[str] | None = None
    ) -> None:
        self.ds = dataset
        self.check_types = check_types
        self.only = only
        self.out: list[Violation] = []
        self.owner: dict[str, str] = {}
        self.sound: dict[str, list[Any]] = {}
        self.sections: dict[str, tuple[Any, frozenset[str]]] = {}
        # the newest source date of each citations tuple of the record being checked
        self.newest: dict[int, _dt.date | None] = {}

    def report(self, invariant: str, name: str, record_id: str, field: str, message: str) -> None:
        self.out.append(Violation(invariant, name, record_id, field, message))

    def run(self) -> list[Violation]:
        everything = [
            (name, record) for name in record_classes() for record in self.ds.collection(name)
        ]
        for name, record in everything:
            if self.check_types and not self.well_typed(name, record):
                continue
            self.sound.setdefault(name, []).append(record)
        for name in record_classes():
            self.sound.setdefault(name, [])
        self.ids(everything)
        for source in self.sound["sources"]:
            sections = frozenset(section.id for section in source.sections)
            self.sections.setdefault(source.id, (source, sections))
        only = self.only
        for name in record_classes():
            if name == "sources":
                continue
            for record in self.sound[name]:
                if only is None or record.id in only:
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
        Nested(record_classes()[name]).check(record, "", problems)
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
                if ID_PATTERN.fullmatch(_skeleton(record_id)):
                    message += f"; it holds look-alikes of Latin letters ({_odd(record_id)})"
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
        self.newest.clear()
        self.visit(name, record, record, "", record.citations)

    def visit(self, name: str, record: Any, value: Any, path: str, cited: Any) -> None:
        """Check ``value`` (an attrs value inside ``record``) and everything it holds.

        Paths (``stages[2].start``) are written only for what is reported: checking a valid
        record formats no text.
        """
        checks = _checks(type(value))
        for field in checks.spans:
            self.spans(name, record, value, path, field)
        owner = self.owner
        for field in checks.refs:
            child = getattr(value, field.name)
            if child is None:
                continue
            anywhere = field.ref == ("*",)
            many = type(child) is tuple
            for n, target in enumerate(child if many else (child,)):
                found = owner.get(target)
                if found is None or not (anywhere or found in field.ref):  # type: ignore[operator]
                    where = _path(path, field.name, n if many else None)
                    self.resolve(name, record, where, target, field)
        for field in checks.walked:
            child = getattr(value, field.name)
            if child is None:
                continue
            many = type(child) is tuple
            for n, item in enumerate(child if many else (child,)):
                item_type = type(item)
                if item_type is Citation:
                    found_section = self.sections.get(item.source)
                    if found_section is None or item.section not in found_section[1]:
                        where = _path(path, field.name, n if many else None)
                        self.citation(name, record, where, item)
                elif item_type is PartialDate or item_type is DateRange:
                    self.after_source(
                        name, record, value, field, path, n if many else None, item, cited
                    )
                elif item_type is Money or item_type is Quantity:
                    self.amount(name, record, _path(path, field.name, n if many else None), item)
                else:
                    sub = _path(path, field.name, n if many else None)
                    own = cited
                    if _checks(item_type).must_cite:
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
            message += _look_alike_hint(citation.source, self.sections)
            self.report("citation-resolves", name, record.id, path, message)
        elif citation.section not in found[1]:
            valid = ", ".join(section.id for section in found[0].sections)
            message = (
                f"source {citation.source} has no section {_short(citation.section)} "
                f"({f'has: {valid}' if valid else 'it has none'})"
            )
            self.report("citation-resolves", name, record.id, path, message)

    def resolve(self, name: str, record: Any, path: str, target: Any, field: FieldPlan) -> None:
        targets = field.ref
        owner = self.owner.get(target)
        anywhere = targets == ("*",)
        if owner is None or (not anywhere and targets is not None and owner not in targets):
            expected = "any collection" if anywhere or targets is None else " or ".join(targets)
            where = f" (it is in {owner})" if owner else ""
            message = f"{_short(target)} is not an id in {expected}{where}"
            if owner is None:
                message += _look_alike_hint(target, self.owner)
            self.report("reference-resolves", name, record.id, path, message)

    # -- dates -------------------------------------------------------------------------------

    def spans(self, name: str, record: Any, value: Any, path: str, field: FieldPlan) -> None:
        end = getattr(value, field.name)
        if end is None:
            return
        for first in field.about.after:
            start = getattr(value, first)
            if start is not None and end.latest < start.earliest:
                where = f"{path}.{field.name}" if path else field.name
                message = f"{field.name} {end} is before {first} {start}"
                self.report("span-order", name, record.id, where, message)

    def after_source(
        self,
        name: str,
        record: Any,
        holder: Any,
        field: FieldPlan,
        path: str,
        index: int | None,
        when: When,
        cited: Any,
    ) -> None:
        planned = field.about.planned
        if planned is True or (callable(planned) and planned(holder)):
            return
        key = id(cited)
        if key not in self.newest:
            self.newest[key] = self.newest_source(cited)
        newest = self.newest[key]
        if newest is not None and when.earliest > newest:
            message = f"{when} is after the newest source that states it ({newest})"
            where = _path(path, field.name, index)
            self.report("date-after-source", name, record.id, where, message)

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
        # Each chain is followed once: a record's fate (on a cycle or not) is known once its
        # chain has been walked, so the whole check is linear in the number of records.
        for name in record_classes():
            for field in plan(record_classes()[name]).fields:
                if field.about.hierarchy:
                    self.cycle(name, field.name)

    def cycle(self, name: str, field: str) -> None:
        records = self.sound[name]
        order = {r.id: n for n, r in enumerate(records)}
        up = {r.id: getattr(r, field) for r in records if getattr(r, field) is not None}
        done: set[str] = set()
        for record in records:
            chain: list[str] = []
            position: dict[str, int] = {}
            current: str | None = record.id
            while current is not None and current not in done and current not in position:
                position[current] = len(chain)
                chain.append(current)
                current = up.get(current)
            if current is not None and current in position:  # a new cycle
                loop = chain[position[current] :]
                first = min(loop, key=order.__getitem__)  # reported once, at its first record
                start = loop.index(first)
                ordered = [*loop[start:], *loop[:start]]
                message = f"{field} leads back to itself: {' -> '.join((*ordered, first))}"
                self.report("reference-cycle", name, first, field, message)
            done.update(chain)

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
        for name, cls in record_classes().items():
            for field in plan(cls).fields:
                if field.about.ordered:
                    for record in self.sound[name]:
                        self.steps(name, record, field.name, getattr(record, field.name))

    def steps(self, name: str, record: Any, field: str, items: tuple[Any, ...]) -> None:
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

    def groups(self) -> list[tuple[str, Any, str]]:
        """(collection, record, field) for every list of memberships in the data."""
        found: list[tuple[str, Any, str]] = []
        for name, cls in record_classes().items():
            for field in plan(cls).fields:
                if field.shape.holds() == (Membership,):
                    found.extend((name, record, field.name) for record in self.sound[name])
        return found

    def memberships(self) -> None:
        for name, group, field in self.groups():
            if True:
                by_member: dict[str, list[tuple[int, Membership]]] = {}
                for n, m in enumerate(getattr(group, field)):
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
                                "membership-overlap", name, group.id, f"{field}[{n}]", message
                            )

    def member_counts(self) -> None:
        counters: dict[str, _Counter] = {}
        for _, group, field in self.groups():
            if getattr(group, field) and group.id not in counters:
                counters[group.id] = _Counter(getattr(group, field))
        for figure in self.sound["figures"]:
            if figure.metric != "member-count" or type(figure.value) is not Quantity:
                continue
            counter = counters.get(figure.subject)
            date = figure.as_of or figure.period
            if counter is None or date is None:
                continue
            day = date.latest
            listed = counter.on(day)
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


class _Checks:
    """What the checks of one record look at in a class's values, worked out once."""

    __slots__ = ("must_cite", "refs", "spans", "walked")

    def __init__(self, cls: type) -> None:
        value_plan = plan(cls)
        self.refs = tuple(f for f in value_plan.fields if f.ref is not None)
        self.spans = tuple(f for f in value_plan.fields if f.about.after)
        self.walked = value_plan.walked
        citations = value_plan.by_name.get("citations")
        self.must_cite = citations is not None and citations.about.must_cite


_check_plans: dict[type, _Checks] = {}


def _checks(cls: type) -> _Checks:
    found = _check_plans.get(cls)
    if found is None:
        found = _check_plans[cls] = _Checks(cls)
    return found


def _path(path: str, field: str, index: int | None) -> str:
    where = f"{path}.{field}" if path else field
    return where if index is None else f"{where}[{index}]"


class _Counter:
    """How many members a group has on a day, by binary search: each member's memberships
    are first merged into the stretches they cover, so a member counts once."""

    def __init__(self, memberships: tuple[Membership, ...]) -> None:
        spans: dict[str, list[tuple[_dt.date, _dt.date]]] = {}
        for m in memberships:
            start = m.start.earliest if m.start else _dt.date.min
            end = m.end.latest if m.end is not None else _dt.date.max
            spans.setdefault(m.member, []).append((start, end))
        self.starts: list[_dt.date] = []
        self.ends: list[_dt.date] = []
        for stretches in spans.values():
            stretches.sort()
            merged = [stretches[0]]
            for start, end in stretches[1:]:
                if start <= merged[-1][1]:
                    merged[-1] = (merged[-1][0], max(merged[-1][1], end))
                else:
                    merged.append((start, end))
            for start, end in merged:
                self.starts.append(start)
                if end != _dt.date.max:
                    self.ends.append(end)
        self.starts.sort()
        self.ends.sort()

    def on(self, day: _dt.date) -> int:
        return bisect.bisect_right(self.starts, day) - bisect.bisect_left(self.ends, day)


def _step(item: Any) -> tuple[str, When]:
    """How an item of an ordered list is named in a message, and when it begins: a stage by
    its name, a relation's step by its kind, each by its first date field."""
    fields = plan(type(item)).fields
    when = next(getattr(item, f.name) for f in fields if isinstance(f.shape, Date))
    if "name" in plan(type(item)).names:
        return f"stage {_short(item.name)}", when
    return f"step {item.kind}", when


# Letters of other scripts that look like Latin ones, as they turn up in pasted ids.
_LOOK_ALIKE = str.maketrans(
    "аеорсухіјѕԁԛԝАВЕКМНОРСТХІЈЅοαικνρτυχΑΒΕΗΙΚΜΝΟΡΤΥΧ",
    "aeopcyxijsdqwABEKMHOPCTXIJSoaiknptuxABEHIKMNOPTYX",
)


def _skeleton(text: str) -> str:
    """``text`` with letters of other scripts and dashes read as the Latin letters and hyphen
    they resemble, and invisible characters dropped."""
    skeleton = unicodedata.normalize("NFKC", text).translate(_LOOK_ALIKE)
    skeleton = "".join("-" if unicodedata.category(c) == "Pd" else c for c in skeleton)
    return "".join(c for c in skeleton if unicodedata.category(c) not in ("Cf", "Mn"))


def _look_alike_hint(text: object, known: Mapping[str, Any]) -> str:
    """``; it looks like 'x' but ...`` when ``text`` reads as a known id, else nothing."""
    if not isinstance(text, str) or text.isascii() or len(text) > 200:
        return ""
    skeleton = _skeleton(text)
    if skeleton == text or skeleton not in known:
        return ""
    return f"; it looks like {skeleton!r} but is spelt with other characters ({_odd(text)})"


def _odd(text: str) -> str:
    """Where ``text`` leaves ASCII: ``U+0430 at position 0`` (and how many more)."""
    odd = [(n, c) for n, c in enumerate(text) if not c.isascii()]
    first = f"U+{ord(odd[0][1]):04X} at position {odd[0][0]}" if odd else "none"
    return first + (f", and {len(odd) - 1} more" if len(odd) > 1 else "")


def _record_id(record: Any) -> str:
    record_id = getattr(record, "id", None)
    return record_id if type(record_id) is str else f"(id {_short(record_id)})"


def _short(value: object, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


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
