"""What the data covers: per collection, how many records, their dates, the mechanisms and
partners they concern, and what is known to be missing.

Everything here is computed from the records, never written by hand, so it stays true as the
data grows; the docs' coverage page and ``korea-diplomacy info`` print it.

>>> import korea_diplomacy as kd
>>> meetings = kd.coverage()["meetings"]
>>> meetings.records > 100, str(meetings.first)
(True, '1991-07')
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from ._frozen import Frozen
from ._plan import PRECISIONS, involved, plan

if TYPE_CHECKING:
    from .dataset import Dataset
    from .dates import When

__all__ = ["CollectionCoverage", "Coverage", "coverage_of", "number_ranges"]


@attrs.frozen(kw_only=True, repr=False, eq=False)
class CollectionCoverage(Frozen):
    """What one collection holds.

    >>> import korea_diplomacy as kd
    >>> cjk = kd.coverage()["meetings"]
    >>> "china-japan-korea-trilateral-summit" in cjk.mechanisms
    True
    """

    name: str
    """The collection (``meetings``)."""
    records: int
    """How many records it holds."""
    dated: int
    """How many of them have a date (a meeting's, a partnership's first stage...)."""
    first: When | None
    """The earliest of those dates, at its own precision."""
    last: When | None
    """The latest of those dates."""
    precision: tuple[tuple[str, int], ...]
    """How many dates are known to the day, the month and the year only."""
    mechanisms: tuple[str, ...]
    """Ids of the mechanisms its records belong to, most records first."""
    partners: tuple[str, ...]
    """Ids of the actors other than the ROK its records name directly (hosts, counterparts,
    parties...), most records first."""
    missing: tuple[str, ...]
    """What is known to be missing, one sentence each (meetings of a numbered series with no
    record, records without a date...)."""

    def __str__(self) -> str:
        span = f"{self.first.human()} to {self.last.human()}" if self.first and self.last else ""
        parts = [f"{self.name}: {self.records} records"]
        if span:
            parts.append(f"dated {self.dated} ({span})")
        if self.mechanisms:
            parts.append(f"{len(self.mechanisms)} mechanisms")
        if self.partners:
            parts.append(f"{len(self.partners)} partners")
        return ", ".join(parts)


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Coverage(Frozen):
    """What a dataset covers, collection by collection; ``str()`` gives a report.

    >>> import korea_diplomacy as kd
    >>> report = str(kd.coverage())
    >>> "Known to be missing" in report and "meetings:" in report
    True
    """

    collections: tuple[CollectionCoverage, ...]
    """One entry per collection, in the order of :func:`korea_diplomacy.load`'s."""

    def __getitem__(self, name: str) -> CollectionCoverage:
        for entry in self.collections:
            if entry.name == name:
                return entry
        names = ", ".join(entry.name for entry in self.collections)
        raise KeyError(f"no collection {name!r}; the collections are {names}")

    def __iter__(self) -> Iterator[CollectionCoverage]:
        return iter(self.collections)

    @property
    def missing(self) -> tuple[str, ...]:
        """Every collection's known gaps, prefixed by the collection."""
        return tuple(f"{c.name}: {gap}" for c in self.collections for gap in c.missing)

    def __str__(self) -> str:
        lines = [str(entry) for entry in self.collections]
        if self.missing:
            lines.append("Known to be missing:")
            lines.extend(f"  - {gap}" for gap in self.missing)
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form (dates as EDTF strings)."""
        return {
            entry.name: {
                field.name: _plain(getattr(entry, field.name))
                for field in attrs.fields(CollectionCoverage)
                if field.name != "name"
            }
            for entry in self.collections
        }


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, (int, str)):
        return value
    if isinstance(value, tuple):
        if value and isinstance(value[0], tuple):
            return dict(value)
        return list(value)
    return str(value)


def coverage_of(dataset: Dataset) -> Coverage:
    """What ``dataset`` covers (see :class:`Coverage`)."""
    from .model import record_classes

    return Coverage(
        collections=tuple(_collection(dataset, name) for name in record_classes()),
    )


def _collection(dataset: Dataset, name: str) -> CollectionCoverage:
    records = list(dataset.collection(name))
    dates = [r.date for r in records if r.date is not None]
    first = min(dates, key=lambda d: d.sort_key(), default=None)
    last = max(dates, key=lambda d: (d.latest, d.sort_key()), default=None)
    precision = Counter(d.precision for d in dates)
    mechanisms: Counter[str] = Counter()
    partners: Counter[str] = Counter()
    if records:
        fields = plan(type(records[0])).fields
        mechanism_fields = [f.name for f in fields if f.ref == ("mechanisms",)]
        rok = _rok()
        for record in records:
            for field in mechanism_fields:
                value = getattr(record, field)
                mechanisms.update(value if isinstance(value, tuple) else (value,))
            partners.update(involved(record) - {record.id} - rok)
        mechanisms.pop(None, None)  # type: ignore[call-overload]
    return CollectionCoverage(
        name=name,
        records=len(records),
        dated=len(dates),
        first=first,
        last=last,
        precision=tuple((p, precision[p]) for p in PRECISIONS[::-1]),
        mechanisms=tuple(_by_count(mechanisms)),
        partners=tuple(_by_count(partners)),
        missing=tuple(_missing(dataset, name, records)),
    )


def _rok() -> frozenset[str]:
    """The ROK's own id (the actor records imply), which is nobody's partner of itself."""
    from .model import record_classes

    return frozenset(
        actor for cls in record_classes().values() for actor in getattr(cls, "implied_actors", ())
    )


def _by_count(counts: Mapping[str, int]) -> list[str]:
    return sorted(counts, key=lambda key: (-counts[key], key))


def _missing(dataset: Dataset, name: str, records: list[Any]) -> Iterator[str]:
    # Meetings, documents and events are dated by nature: one without a date is a gap.
    undated = [r.id for r in records if r.date is None and getattr(r, "in_date_order", False)]
    if undated:
        yield f"{_count(len(undated), 'record')} without a date: {', '.join(undated)}"
    if name == "meetings":
        yield from _series_gaps(dataset, records)
    elif name == "mechanisms":
        met = {m.mechanism for m in dataset.meetings}
        silent = [m.id for m in records if not dataset.mechanism_family(m.id) & met]
        if silent:
            listed = ", ".join(silent)
            yield f"{_count(len(silent), 'mechanism')} with no meeting recorded: {listed}"
    elif name == "partnerships":
        unstaged = [p.id for p in records if not p.stages]
        if unstaged:
            yield (
                f"{_count(len(unstaged), 'partnership')} with no dated stage (its level and "
                f"start not found): {', '.join(unstaged)}"
            )


def _series_gaps(dataset: Dataset, records: list[Any]) -> Iterator[str]:
    by_mechanism: dict[str, set[int]] = {}
    for meeting in records:
        if meeting.ordinal is not None:
            by_mechanism.setdefault(meeting.mechanism, set()).add(meeting.ordinal)
    for mechanism, ordinals in by_mechanism.items():
        gaps = sorted(set(range(1, max(ordinals) + 1)) - ordinals)
        if gaps:
            name = dataset.name_of(mechanism)
            held = number_ranges(sorted(ordinals))
            yield (
                f"{name}: no record of meeting{'s' if len(gaps) > 1 else ''} "
                f"{number_ranges(gaps)} (recorded: {held})"
            )


def number_ranges(numbers: list[int]) -> str:
    """``[1, 2, 3, 5]`` -> ``1-3, 5``."""
    parts: list[str] = []
    start = previous = numbers[0]
    for number in [*numbers[1:], None]:
        if number is not None and number == previous + 1:
            previous = number
            continue
        parts.append(str(start) if start == previous else f"{start}-{previous}")
        if number is not None:
            start = previous = number
    return ", ".join(parts)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"
