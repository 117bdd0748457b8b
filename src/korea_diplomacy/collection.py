"""A read-only collection of records with exact, tolerant and ranked lookups and filters.

>>> import korea_diplomacy as kd
>>> "east-asia-summit" in kd.mechanisms
True
>>> kd.mechanisms.lookup("east asia summit").abbreviation
'EAS'
"""

from __future__ import annotations

import bisect
import datetime as _dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar, cast, overload

import attrs

from ._frozen import Frozen
from ._names import normalise
from ._plan import Choice, FieldPlan, Flag, Many, Whole, plan
from ._search import Index, Match, names, words
from .dates import DateRange, PartialDate, as_day, parse_when
from .errors import AmbiguousLookupError, InvalidCriteriaError, NotFoundError
from .model import Partnership, PartnershipLevel, Record, Relation, Source, Stage, record_classes

if TYPE_CHECKING:
    from .dataset import Dataset

__all__ = [
    "DATE_CRITERIA",
    "MAX_NAME",
    "Collection",
    "Found",
    "Hit",
    "Partnerships",
    "RelationYear",
    "Relations",
    "Selection",
    "date_order",
]

R = TypeVar("R", bound="Record | Source")
T = TypeVar("T")

MAX_NAME = 1000
"""The longest text a lookup compares with names; a longer one matches nothing."""


_REMEMBERED = 20_000  # names and the texts that found them, per collection: bounded


def check_window(start: _dt.date, end: _dt.date) -> None:
    """Refuse a date window that ends before it starts (nothing could ever match it)."""
    if start > end:
        raise InvalidCriteriaError(
            f"the dates asked for end before they begin: from {start} until {end}"
            " (check since, until and year)"
        )


def date_order(record: Any) -> tuple[Any, ...]:
    """The key that puts records in date order: by first day (wider periods first; a meeting
    that was cancelled or is still to come at its planned date), undated last, then by id.

    >>> import korea_diplomacy as kd
    >>> sorted(kd.summits.filter(mechanism="CJK"), key=date_order)[0].ordinal
    1
    """
    record_id = str(getattr(record, "id", ""))
    for name in ("date", "planned_date"):
        # A record built in code may hold anything: what is not a date sorts as undated
        # (the validator reports it).
        when = getattr(record, name, None)
        if isinstance(when, (PartialDate, DateRange)):
            return (0, when.sort_key(), record_id)
    return (1, (), record_id)


class Selection(tuple[R, ...]):
    """Records of one collection, as ``filter`` and ``search`` return them: a tuple that can
    be filtered again, shown as a table in a notebook, and given to ``kd.to_frame``.

    >>> import korea_diplomacy as kd
    >>> summits = kd.summits.filter(mechanism="ASEAN Plus Three")
    >>> [m.ordinal for m in summits.filter(since="2000", until="2003")]
    [4, 5, 6, 7]
    """

    _collection: Collection[R] | None

    def __new__(cls, records: Iterable[R], collection: Collection[R] | None) -> Selection[R]:
        selection = super().__new__(cls, records)
        object.__setattr__(selection, "_collection", collection)
        return selection

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("a selection is read-only")

    def __reduce__(self) -> tuple[Any, ...]:
        return (Selection, (tuple(self), self._collection))

    @property
    def name(self) -> str:
        """The name of the collection the records come from (``"search results"`` for the
        records of several collections that ``kd.search`` finds)."""
        return self._collection.name if self._collection is not None else "search results"

    @property
    def record_class(self) -> type | None:
        """The class of the records (None for the records of several collections)."""
        return self._collection.record_class if self._collection is not None else None

    def filter(self, **criteria: Any) -> Selection[R]:
        """The records of this selection that also match ``criteria`` (see
        :meth:`Collection.filter`), in the same order."""
        if self._collection is None:
            raise TypeError("records of several collections: filter a collection instead")
        kept = {id(record) for record in self._collection.filter(**criteria)}
        return Selection([record for record in self if id(record) in kept], self._collection)

    def _repr_html_(self) -> str:
        from .dataset import dataset_of  # notebooks only
        from .display import collection_html

        dataset = dataset_of(self[0]) if self else None
        sources = dataset.sources if dataset is not None else None
        return collection_html(self.name, list(self), sources)


@attrs.frozen(repr=False, eq=False)
class Hit(Frozen):
    """One record found by a search: the record, its collection, the field that matched and
    its text, and how well it matched (1.0: a name equal to the query).

    >>> import korea_diplomacy as kd
    >>> hit = kd.search("PyeongChang").hits[0]
    >>> hit.collection, hit.field, hit.text
    ('meetings', 'sessions.title', 'Visit to the PyeongChang Winter Olympics venue')
    """

    record: Any
    collection: str
    field: str
    text: str
    score: float


class Found(Selection[R]):
    """What a search returns: the records found, best first, with ``hits`` (which field of
    each matched) and ``total`` (how many matched before ``limit`` cut the list).

    >>> import korea_diplomacy as kd
    >>> found = kd.search("Mekong", limit=3)
    >>> len(found), found.total > 3, found.hits[0].field
    (3, True, 'aliases')
    """

    hits: tuple[Hit, ...]
    total: int

    def __new__(
        cls,
        records: Iterable[R],
        collection: Any,
        hits: tuple[Hit, ...] = (),
        total: int | None = None,
    ) -> Found[R]:
        found = cast("Found[R]", super().__new__(cls, records, collection))
        object.__setattr__(found, "hits", hits)
        object.__setattr__(found, "total", len(found) if total is None else total)
        return found

    def __reduce__(self) -> tuple[Any, ...]:
        return (Found, (tuple(self), self._collection, self.hits, self.total))

    @property
    def cut(self) -> bool:
        """Whether more records matched than are listed."""
        return self.total > len(self)


DATE_CRITERIA = ("year", "since", "until")
"""The date criteria every collection takes; the others come from its record class."""


class Collection(Generic[R]):
    """Records of one kind, in data order; immutable once built.

    ``c[id]`` is strict, ``c.get(id)`` returns a default, ``c.lookup(text)`` accepts any
    name or alias, ``c.search(text)`` ranks partial matches, ``c.filter(...)`` selects.

    >>> import korea_diplomacy as kd
    >>> kd.mechanisms["asean-regional-forum"].abbreviation
    'ARF'
    """

    __slots__ = (
        "_by_id",
        "_by_mechanism",
        "_cls",
        "_dataset",
        "_exact",
        "_extra_names",
        "_given",
        "_index",
        "_name",
        "_rank",
        "_records",
        "_search",
        "_timed",
    )

    _name: str
    _records: tuple[R, ...]
    _given: tuple[R, ...]
    _by_id: dict[str, R]
    _dataset: Dataset | None
    _extra_names: dict[str, Iterable[str]]
    _index: dict[str, tuple[str, ...]] | None
    _exact: dict[str, tuple[str, ...]]
    _timed: _DateIndex | None
    _by_mechanism: dict[str, _DateIndex] | None
    _cls: type | None
    _search: Index | None
    _rank: list[int] | None

    _record_type: ClassVar[type | None] = None
    _kinds: ClassVar[dict[type, type[Collection[Any]]]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls._record_type is not None:  # a collection with questions of its own
            Collection._kinds[cls._record_type] = cls

    @staticmethod
    def of(
        name: str,
        records: Iterable[Any],
        dataset: Dataset | None = None,
        extra_names: Mapping[str, Iterable[str]] | None = None,
        record_class: type | None = None,
    ) -> Collection[Any]:
        """A collection of the class that suits its records (with their own questions)."""
        cls = record_class or record_classes().get(name, Record)
        kind = Collection._kinds.get(cls, Collection)
        return kind(name, records, dataset, extra_names, record_class)

    def __init__(
        self,
        name: str,
        records: Iterable[R],
        dataset: Dataset | None = None,
        extra_names: Mapping[str, Iterable[str]] | None = None,
        record_class: type | None = None,
    ) -> None:
        if not isinstance(name, str):
            raise TypeError(f"a collection's name is a string, not {type(name).__name__}")
        records = tuple(records)
        for record in records:
            if not isinstance(record, (Record, Source)):
                raise TypeError(f"{name} holds records, not {type(record).__name__}")
        cls = record_class or record_classes().get(name)
        set_ = object.__setattr__
        set_(self, "_given", records)  # as the files list them: the plain form and digest
        if getattr(cls, "in_date_order", False):  # meetings, documents, events: in date order
            records = tuple(sorted(records, key=date_order))
        set_(self, "_name", name)
        set_(self, "_records", records)
        # A record built in code may carry a non-string id: it is left out of the id index
        # (the validator reports its type) rather than breaking the collection.
        set_(self, "_by_id", {r.id: r for r in records if isinstance(r.id, str)})
        set_(self, "_dataset", dataset)
        set_(self, "_extra_names", dict(extra_names or {}))
        set_(self, "_index", None)
        set_(self, "_exact", {})
        set_(self, "_timed", None)
        set_(self, "_by_mechanism", None)
        set_(self, "_cls", record_class)
        set_(self, "_search", None)
        set_(self, "_rank", None)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{self._name} is read-only")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{self._name} is read-only")

    @property
    def name(self) -> str:
        """The collection's name, e.g. ``"mechanisms"``."""
        return self._name

    # ------------------------------------------------------------------ container protocol

    def __len__(self) -> int:
        return len(self._records)

    def __iter__(self) -> Iterator[R]:
        return iter(self._records)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key in self._by_id

    def __getitem__(self, key: str) -> R:
        if not isinstance(key, str):
            raise TypeError(f"{self._name} ids are strings, not {type(key).__name__}")
        try:
            return self._by_id[key]
        except KeyError:
            raise self._not_found(key) from None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Collection):
            return NotImplemented
        return self._name == other._name and self._given == other._given

    def __reduce__(self) -> tuple[Any, ...]:
        # A collection travels (to a worker process, say) as its dataset's, or as its records.
        if self._dataset is not None:
            return (_collection_of, (self._dataset, self._name))
        args = (self._name, self._given, None, self._extra_names, self._cls)
        return (type(self), args)

    def __copy__(self) -> Collection[R]:
        return self  # immutable

    def __deepcopy__(self, memo: dict[int, Any]) -> Collection[R]:
        return self  # immutable

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<Collection {self._name}: {len(self._records)} records>"

    def _repr_html_(self) -> str:
        """A table of id, name, date and sources for notebooks."""
        from .display import collection_html

        sources = self._dataset.sources if self._dataset is not None else None
        return collection_html(self._name, self._records, sources)

    @property
    def ids(self) -> tuple[str, ...]:
        """All ids, in data order."""
        return tuple(self._by_id)

    @overload
    def get(self, key: str) -> R | None: ...
    @overload
    def get(self, key: str, default: T) -> R | T: ...

    def get(self, key: str, default: object = None) -> object:
        """The record with id ``key``, or ``default``.

        >>> import korea_diplomacy as kd
        >>> kd.mechanisms.get("no-such-thing") is None
        True
        """
        if not isinstance(key, str):
            raise TypeError(f"{self._name} ids are strings, not {type(key).__name__}")
        return self._by_id.get(key, default)

    # ------------------------------------------------------------------ names

    def _name_index(self) -> dict[str, tuple[str, ...]]:
        index = self._index
        if index is None:
            found: dict[str, dict[str, None]] = {}
            names: list[tuple[str, str]] = []
            for record in self._records:
                if isinstance(record.id, str):  # a record built in code may not have one
                    for text in _names_of(record, self._extra_names.get(record.id, ())):
                        key = normalise(text)
                        if key:
                            found.setdefault(key, {})[record.id] = None
                            names.append((text, key))
            index = {key: tuple(ids) for key, ids in found.items()}
            # Names exactly as written skip normalisation: one dict hit for the common case.
            object.__setattr__(self, "_exact", {text: index[key] for text, key in names})
            object.__setattr__(self, "_index", index)
        return index

    def lookup(self, text: str) -> R:
        """The one record whose id, name, abbreviation or alias matches ``text``.

        Case, spacing, punctuation, dash style and the spelling of "Korea" are ignored.
        Raises :class:`~korea_diplomacy.NotFoundError` when nothing matches (with the records
        a search finds for the text, or saying that the text is not in the data) and
        :class:`~korea_diplomacy.AmbiguousLookupError` when several records do.

        >>> import korea_diplomacy as kd
        >>> kd.actors.lookup("north korea").id
        'prk'
        """
        if type(text) is str:  # the common case first: a name asked before, or as written
            ids = self._exact.get(text)
            if ids is not None and len(ids) == 1:
                return self._by_id[ids[0]]
        elif not isinstance(text, str):
            raise TypeError(f"lookup takes a string, not {type(text).__name__}")
        ids = self._named(text)
        if len(ids) == 1:
            return self._by_id[ids[0]]
        if ids:
            raise AmbiguousLookupError(self._name, text, ids)
        raise self._not_found(text)

    def _named(self, text: str) -> tuple[str, ...]:
        """Ids of the records with this id or name (the cheap part of a lookup: no error,
        no suggestions)."""
        if text in self._by_id:
            return (text,)
        ids = self._exact.get(text)
        if ids is None:
            if len(text) > MAX_NAME:  # longer than any name: nothing to compare
                return ()
            ids = self._name_index().get(normalise(text), ())
            if ids and len(self._exact) < _REMEMBERED:  # the next time, one dict look-up
                self._exact[text] = ids
        return ids

    def _not_found(self, text: str) -> NotFoundError:
        """The error for a text no record answers to: with the ids of records it may have
        meant (names spelt nearly the same, names holding each of its words), or else how many
        records mention it, or else that the data does not hold it."""
        if len(text) > MAX_NAME:
            return NotFoundError(self._name, text[:60] + "...", mentions=0)
        key = normalise(text)
        index = self._name_index()
        close = _close_matches(key, list(index)) + _close_matches(text, list(self._by_id))
        suggestions: dict[str, None] = {}
        for match in close if key else ():
            for record_id in index.get(match, (match,)):
                suggestions[record_id] = None
        matches = self._matches(text)
        for hit in matches[:3]:
            if hit.score >= 0.95:  # a name holds each word whole: the rest is far-fetched
                suggestions[self._records[hit.position].id] = None
        return NotFoundError(self._name, text, tuple(suggestions)[:5], mentions=len(matches))

    def search(self, text: str, limit: int | None = 20) -> Found[R]:
        """Records matching every word of ``text`` (or the start of one) in their names,
        descriptions, notes, places, outcomes and other texts; best first, then in date order.

        Names equal to the text rank first, then names holding every word, then other
        fields. The result is a tuple of records, with ``.hits`` (each saying which field
        matched) and ``.total`` (how many matched, when ``limit`` cut the list).

        >>> import korea_diplomacy as kd
        >>> found = kd.meetings.search("Busan", limit=3)
        >>> [(hit.record.id, hit.field) for hit in found.hits]  # doctest: +NORMALIZE_WHITESPACE
        [('apec-economic-leaders-meeting-2005', 'name'),
         ('asean-rok-commemorative-summit-2', 'city'),
         ('mekong-rok-foreign-ministers-meeting-7', 'city')]
        >>> len(found), found.total
        (3, 6)
        """
        if not isinstance(text, str):
            raise TypeError(f"search takes a string, not {type(text).__name__}")
        if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool)):
            raise TypeError("limit must be an int or None")
        matches = self._matches(text)
        shown = matches if limit is None else matches[: max(limit, 0)]
        hits = tuple(self._hit(match) for match in shown)
        return Found([hit.record for hit in hits], self, hits, len(matches))

    def _matches(self, text: str) -> list[Match]:
        """Every match of ``text``, best first and, at equal score, in date order."""
        index = self._search
        if index is None:
            index = Index(self._records)
            object.__setattr__(self, "_search", index)
        rank = self._ranks()
        found = index.search(text)
        found.sort(key=lambda match: (-match.score, rank[match.position]))
        return found

    def _hit(self, match: Match) -> Hit:
        record = self._records[match.position]
        return Hit(record, self._name, match.field, match.text, match.score)

    def _ranks(self) -> list[int]:
        """Each record's place in date order (undated last, then by id)."""
        rank = self._rank
        if rank is None:
            order = sorted(range(len(self._records)), key=lambda n: date_order(self._records[n]))
            rank = [0] * len(order)
            for place, position in enumerate(order):
                rank[position] = place
            object.__setattr__(self, "_rank", rank)
        return rank

    # ------------------------------------------------------------------ filters

    @property
    def criteria(self) -> tuple[str, ...]:
        """Every keyword :meth:`filter` takes for this collection: ``involving``, the date
        criteria, and each field of text, numbers, choices or ids of its records.

        >>> import korea_diplomacy as kd
        >>> "city" in kd.meetings.criteria and "ordinal" in kd.meetings.criteria
        True
        """
        fields = self._fields()
        return ("involving", *DATE_CRITERIA, *fields)

    def _fields(self) -> dict[str, FieldPlan]:
        cls = self.record_class
        if cls is None:
            return {}
        found = plan(cls)
        return {f.name: f for f in (*found.fields, *found.derived) if f.criterion}

    @property
    def record_class(self) -> type | None:
        """The class of the collection's records (None for an empty collection of no kind).

        >>> import korea_diplomacy as kd
        >>> kd.summits.record_class.__name__
        'Meeting'
        """
        if self._cls is not None:
            return self._cls
        classes = record_classes()
        if self._name in classes:
            return classes[self._name]
        return type(self._records[0]) if self._records else None

    def filter(self, **criteria: Any) -> Selection[R]:
        """Records matching every criterion, in date order (undated last, then by id).

        Criteria (see :attr:`criteria` for a collection's own): ``involving`` (an actor id
        or name), ``year``, ``since``, ``until`` (dates as ``datetime.date``, ISO or EDTF
        strings, or text python-dateutil reads), and any field of text, numbers, choices or
        ids (``mechanism``, ``kind``, ``status``, ``format``, ``ordinal``, ``city``,
        ``country``...). A reference takes an id or a name (``mechanism`` counts the
        sub-mechanisms too); a choice must be one of its words (anything else is refused,
        naming the closest); text matches the same text, case, accents and dashes aside, or
        for the texts search reads, one holding each of its words (``venue="KINTEX"``); a
        list field matches when it holds the value. Some collections add a criterion of their
        own, such as a partnership's ``level`` or a relation's ``status`` today. The result
        is a tuple of records that can be filtered again, shown as a table in a notebook and
        given to ``kd.to_frame``.

        >>> import korea_diplomacy as kd
        >>> [m.ordinal for m in kd.summits.filter(mechanism="ASEAN-ROK Summit", year=2010)]
        [13]
        >>> [m.id for m in kd.meetings.filter(venue="KINTEX")]
        ['korea-africa-summit-1']
        >>> kd.meetings.filter(status="canceled")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        korea_diplomacy.errors.InvalidCriteriaError: 'canceled' is not a status ... 'cancelled'?...
        """
        fields = self._fields()
        checks: list[Callable[[R], bool]] = []
        start: _dt.date | None = None
        end: _dt.date | None = None
        mechanisms: frozenset[str] | None = None
        for key, value in criteria.items():
            if key not in fields and key not in DATE_CRITERIA and key != "involving":
                import difflib

                valid = self.criteria
                close = difflib.get_close_matches(str(key), valid, n=3)
                hint = f" (did you mean {', '.join(close)}?)" if close else ""
                raise InvalidCriteriaError(
                    f"{self._name} cannot be filtered by {key!r}{hint}", valid
                )
            if value is None:
                continue
            if key == "year":
                year = _year(value)
                start = max(start, _dt.date(year, 1, 1)) if start else _dt.date(year, 1, 1)
                end = min(end, _dt.date(year, 12, 31)) if end else _dt.date(year, 12, 31)
            elif key == "since":
                day = as_day(value)
                start = max(start, day) if start else day
            elif key == "until":
                day = as_day(value, end=True)
                end = min(end, day) if end else day
            elif key == "involving":
                checks.append(self._involving_check(value))
            elif key == "mechanism" and fields[key].ref == ("mechanisms",):
                mechanisms = self._mechanism_family(value)
            else:
                checks.append(self._field_check(fields[key], value))
        if start is not None and end is not None:
            check_window(start, end)
        dated = start is not None or end is not None
        # Indexes, not scans: per-mechanism and whole-collection date-sorted positions.
        if mechanisms is not None:
            by_mechanism = self._mechanism_index()
            positions: list[int] = []
            for mechanism in mechanisms:
                index = by_mechanism.get(mechanism)
                if index is not None:
                    positions.extend(index.between(start, end) if dated else index.positions)
        elif dated:
            positions = self._date_index().between(start, end)
        else:
            positions = list(range(len(self._records)))
        if not self._in_date_order():
            positions.sort(key=self._ranks().__getitem__)
        elif mechanisms is not None and len(mechanisms) > 1:
            positions.sort()
        records = self._records
        if checks:
            found = [records[n] for n in positions if all(check(records[n]) for check in checks)]
        else:
            found = [records[n] for n in positions]
        return Selection(found, self)

    def _in_date_order(self) -> bool:
        return bool(getattr(self.record_class, "in_date_order", False))

    def _field_check(self, field: FieldPlan, value: object) -> Callable[[R], bool]:
        """A test of one record against ``field == value`` (``value in field`` for lists),
        with the value checked against what the field can hold."""
        name = field.name
        inner = field.shape.inner()
        many = isinstance(field.shape, Many)
        if isinstance(inner, Whole):
            if not isinstance(value, int) or isinstance(value, bool):
                raise TypeError(f"{name} must be an int, not {type(value).__name__}")
        elif isinstance(inner, Flag):
            if not isinstance(value, bool):
                raise TypeError(f"{name} must be true or false, not {type(value).__name__}")
        elif not isinstance(value, str):
            raise TypeError(f"{name} must be a string, not {type(value).__name__}")
        elif isinstance(inner, Choice):
            if value not in inner.values:
                import difflib

                close = difflib.get_close_matches(value[:100], inner.values, n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                raise InvalidCriteriaError(
                    f"{value[:60]!r} is not a {name} of {self._name}{hint}", inner.values
                )
        elif field.ref is not None:
            value = self._resolve(field.ref, value)
        else:  # text: the same text (case, spacing and dashes aside), or for a text people
            # search (a venue, a city) one holding each of its words ("KINTEX"); codes such
            # as a figure's metric only as they are
            key = normalise(value[:MAX_NAME])
            wanted = frozenset(words(value[:MAX_NAME])) if field.about.search else frozenset()

            def same(text: str | None) -> bool:
                if not text:
                    return False
                return normalise(text) == key or (bool(wanted) and wanted <= frozenset(words(text)))

            if many:
                return lambda record: any(same(v) for v in getattr(record, name))
            return lambda record: same(getattr(record, name))
        if many:
            return lambda record: value in getattr(record, name)
        return lambda record: getattr(record, name) == value

    def _resolve(self, targets: tuple[str, ...], value: str) -> str:
        """The id a reference criterion names: an id as it is, or the id of the record whose
        name it is in the target collection (any collection for ``*``)."""
        dataset = self._dataset
        if dataset is None:
            return value
        if targets == ("*",):
            return dataset.resolve_id(value)
        for target in targets:
            if value in dataset.collection(target):
                return value
        found: str = dataset.collection(targets[0]).lookup(value).id
        return found

    def _mechanism_family(self, value: object) -> frozenset[str]:
        if not isinstance(value, str):
            raise TypeError(f"mechanism must be a string, not {type(value).__name__}")
        if self._dataset is None:
            return frozenset((value,))
        return self._dataset.mechanism_family(self._dataset.mechanisms.lookup(value).id)

    def _mechanism_index(self) -> dict[str, _DateIndex]:
        index = self._by_mechanism
        if index is None:
            groups: dict[str, list[int]] = {}
            for n, record in enumerate(self._records):
                groups.setdefault(getattr(record, "mechanism", ""), []).append(n)
            index = {m: _DateIndex(self._records, ns) for m, ns in groups.items()}
            object.__setattr__(self, "_by_mechanism", index)
        return index

    def _date_index(self) -> _DateIndex:
        index = self._timed
        if index is None:
            index = _DateIndex(self._records, range(len(self._records)))
            object.__setattr__(self, "_timed", index)
        return index

    def _involving_check(self, value: object) -> Callable[[R], bool]:
        if not isinstance(value, str):
            raise TypeError(f"involving must be a string, not {type(value).__name__}")
        if self._dataset is None:
            return lambda record: value in record.involves()
        dataset = self._dataset
        actor = dataset.actors.lookup(value).id
        return lambda record: dataset.involves(record, actor)


def _collection_of(dataset: Dataset, name: str) -> Collection[Any]:
    return dataset.collection(name)


class _DateIndex:
    """Positions of records sorted by first day, for date ranges found by binary search."""

    __slots__ = ("longest", "positions", "rows", "starts")

    def __init__(self, records: tuple[Any, ...], positions: Iterable[int]) -> None:
        self.positions = list(positions)  # every position, dated or not, in data order
        rows = sorted(
            (records[n].date.earliest, records[n].date.latest, n)
            for n in self.positions
            if records[n].date is not None
        )
        self.rows = rows
        self.starts = [row[0] for row in rows]
        self.longest = max((b - a for a, b, _ in rows), default=_dt.timedelta(0))

    def between(self, start: _dt.date | None, end: _dt.date | None) -> list[int]:
        """Sorted positions of the records whose dates overlap [start, end]."""
        # A record overlaps when it begins by `end` and finishes from `start`; records
        # begin at most `longest` before they finish, which bounds the scan.
        low = bisect.bisect_left(self.starts, _days_before(start, self.longest)) if start else 0
        high = bisect.bisect_right(self.starts, end) if end else len(self.rows)
        rows = self.rows[low:high]  # all begin by `end`, thanks to the bisection
        if start is not None and self.longest:
            rows = [row for row in rows if row[1] >= start]
        positions = [row[2] for row in rows]
        positions.sort()
        return positions


def _days_before(day: _dt.date, span: _dt.timedelta) -> _dt.date:
    try:
        return day - span
    except OverflowError:
        return _dt.date.min


def _names_of(record: Record | Source, extra: Iterable[str] = ()) -> Iterator[str]:
    """The texts a lookup answers to: the id, the name, every text searched as a name (the
    fields declared ``search="name"``: abbreviation, aliases, Korean names), and ``extra``."""
    yield record.id
    yield record.name
    yield from names(record)
    yield from extra


def _close_matches(word: str, choices: list[str]) -> list[str]:
    import difflib  # only failed lookups need it

    # A ratio of 0.8 needs a word at most 3/2 as long as the choice: a longer one (a pasted
    # page, say) matches nothing, and difflib would take seconds to say so.
    if 2 * len(word) > 3 * max(map(len, choices), default=0):
        return []
    # Typos seldom touch the first letter; names that differ there only look alike ("NATO
    # summit" and "APT summit").
    close = difflib.get_close_matches(word, choices, n=5, cutoff=0.8)
    return [choice for choice in close if choice[:1] == word[:1]]


def _year(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise TypeError(f"year must be an int, not {type(value).__name__}")
    when = parse_when(value)
    if when.precision != "year" or when.earliest.year != when.latest.year:
        raise InvalidCriteriaError(f"year must be a single year, not {value!r}")
    return when.earliest.year


class Partnerships(Collection[Partnership]):
    """The ROK's partnerships, with the question of who stood at which level on a day.

    >>> import korea_diplomacy as kd
    >>> "asean" in kd.partnerships.partners_on("2012-01-01", level="strategic")
    True
    """

    __slots__ = ()
    _record_type = Partnership

    def partners_on(self, date: object, level: PartnershipLevel | None = None) -> frozenset[str]:
        """Ids of the counterparts with a partnership stage in force on ``date``, optionally
        only those whose stage has ``level`` (``"strategic"``, ``"alliance"``...)."""
        levels = plan(Stage).field("level").shape.inner().values  # type: ignore[attr-defined]
        if level is not None and level not in levels:
            raise InvalidCriteriaError(f"unknown partnership level {level!r}", levels)
        found = set()
        for partnership in self:
            stage = partnership.status_on(date)
            if stage is not None and (level is None or stage.level == level):
                found.add(partnership.counterpart)
        return frozenset(found)


class Relations(Collection[Relation]):
    """The ROK's diplomatic relations, one record per partner, with as-of questions.

    >>> import korea_diplomacy as kd
    >>> "vnm" in kd.relations.partners_on("1993-01-01")
    True
    """

    __slots__ = ()
    _record_type = Relation

    def partners_on(self, date: object) -> frozenset[str]:
        """Ids of the states the ROK had diplomatic relations with on ``date``.

        A relation carried over from a predecessor state counts as that state while it
        existed (the Soviet Union in 1991, Russia from 1992).
        """
        found = set()
        for relation in self:
            event = relation.event_on(date)
            if event is not None and event.status == "diplomatic":
                found.add(event.state or relation.partner)
        return frozenset(found)

    def panel(self, since: object = 1948, until: object = None) -> tuple[RelationYear, ...]:
        """One row per partner and year, the country-year layout researchers merge on.

        A row says whether diplomatic relations were in force on any day of that year and
        what the relation was on its last day. ``until`` defaults to the current year.

        >>> import korea_diplomacy as kd
        >>> rows = kd.relations.panel(since=1992, until=1993)
        >>> [(r.year, r.in_force) for r in rows if r.partner == "vnm"]
        [(1992, True), (1993, True)]
        """
        first = as_day(since).year
        last = as_day(until, end=True).year if until is not None else _dt.date.today().year
        if first > last:
            raise InvalidCriteriaError(f"since ({first}) is after until ({last})")
        rows = []
        for relation in self:
            periods = _diplomatic_periods(relation)
            for year in range(first, last + 1):
                start, end = _dt.date(year, 1, 1), _dt.date(year, 12, 31)
                in_force = any(a <= end and (b is None or b >= start) for a, b in periods)
                rows.append(
                    RelationYear(
                        partner=relation.partner,
                        year=year,
                        in_force=in_force,
                        status=relation.status_on(end),
                        state=relation.state_on(end),
                    )
                )
        return tuple(rows)


def _diplomatic_periods(relation: Relation) -> list[tuple[_dt.date, _dt.date | None]]:
    """(first day, last day or None if open) of each stretch of diplomatic relations."""
    periods: list[tuple[_dt.date, _dt.date | None]] = []
    events = relation.events
    for n, event in enumerate(events):
        if event.status != "diplomatic":
            continue
        after = events[n + 1] if n + 1 < len(events) else None
        last = after.date.earliest - _dt.timedelta(days=1) if after is not None else None
        periods.append((event.date.earliest, last))
    return periods


@attrs.frozen(kw_only=True, repr=False, eq=False)
class RelationYear(Frozen):
    """One row of :meth:`Relations.panel`: a partner, a year and the relation in it.

    >>> import korea_diplomacy as kd
    >>> kd.relations.panel(since=2000, until=2000)[0].year
    2000
    """

    partner: str
    year: int
    in_force: bool
    status: str | None = None
    state: str | None = None
