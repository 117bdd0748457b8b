"""A whole dataset: every collection, cross-collection questions, and the plain-dict form.

>>> import korea_diplomacy as kd
>>> ds = kd.load()
>>> ds.mechanisms is kd.mechanisms
True
>>> kd.Dataset.from_dict(ds.to_dict()) == ds
True
"""

from __future__ import annotations

import datetime as _dt
import os
import threading
import weakref
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, cast

from .collection import MAX_NAME, Collection, Found, check_window, date_order
from .dates import as_day
from .errors import AmbiguousLookupError, NotFoundError
from .model import Actor, DatedFact, Mechanism, Meeting, Record, Source, record_classes

if TYPE_CHECKING:
    from ._coverage import Coverage
    from .collection import Partnerships, Relations
    from .model import Document, Event, Figure, Fund, Policy, Programme

__all__ = ["VIEWS", "Dataset", "dataset_of"]


def _summits(dataset: Dataset) -> Iterable[Any]:
    leaders = {m.id for m in dataset.mechanisms if m.level == "leaders" and isinstance(m.id, str)}
    return (m for m in dataset.meetings if isinstance(m.mechanism, str) and m.mechanism in leaders)


VIEWS: Mapping[str, tuple[str, Callable[[Dataset], Iterable[Any]]]] = {
    "summits": ("meetings", _summits),
}
"""Collections that are selections of another (name -> the collection and the selection):
``summits`` are the meetings of leaders-level mechanisms."""

# One lock for every lazily built collection: building one may build another (partnerships
# read the actors' names), so it is re-entrant. A forked child gets a fresh one.
_lock = threading.RLock()


def _fresh_lock() -> None:
    global _lock
    _lock = threading.RLock()


if hasattr(os, "register_at_fork"):  # not on Windows
    os.register_at_fork(after_in_child=_fresh_lock)


class Dataset:
    """The records of every collection, with indexes built once and shared.

    Build one with :func:`korea_diplomacy.load` or :meth:`from_dict`; it cannot be changed.
    Each collection is an attribute (``ds.mechanisms``) and ``ds.collection(name)``.

    >>> import korea_diplomacy as kd
    >>> kd.load().collection("summits") is kd.summits
    True
    """

    __slots__ = ("__weakref__", "_built", "_digest", "_families", "_supply")

    if TYPE_CHECKING:  # the collections, typed for type checkers (the record classes name them)
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

    _built: dict[str, Collection[Any]]
    _digest: str | None
    _families: dict[str, frozenset[str]]
    _supply: Callable[[str], tuple[Any, ...]] | None

    def __init__(self, records: Mapping[str, Iterable[Record | Source]]) -> None:
        if not isinstance(records, Mapping):
            raise TypeError(
                f"a Dataset takes a mapping of collections, not {type(records).__name__}"
            )
        names = record_classes()
        unknown = sorted(map(str, set(records) - set(names)))
        if unknown:
            raise NotFoundError("collection", unknown[0], tuple(names))
        given = {name: tuple(records.get(name, ())) for name in names}
        self._setup(given.__getitem__, None)
        for name in names:  # built now: a wrong record is refused here, not on first use
            self.collection(name)

    @classmethod
    def lazy(cls, supply: Callable[[str], Iterable[Record | Source]]) -> Dataset:
        """A dataset whose collections are each read by ``supply(name)`` when first used (the
        bundled dataset is one: a question about mechanisms reads only their file).

        >>> import korea_diplomacy as kd
        >>> ds = kd.Dataset.lazy(lambda name: kd.load().collection(name))
        >>> ds.mechanisms.lookup("ARF").id
        'asean-regional-forum'
        """
        dataset = cls.__new__(cls)
        dataset._setup(lambda name: tuple(supply(name)), None)
        return dataset

    def _setup(self, supply: Callable[[str], tuple[Any, ...]], digest: str | None) -> None:
        set_ = object.__setattr__
        set_(self, "_supply", supply)
        set_(self, "_built", {})
        set_(self, "_digest", digest)
        set_(self, "_families", {})
        _alive.append(weakref.ref(self))
        if len(_alive) > 64:  # forget the datasets that are gone
            _alive[:] = [ref for ref in _alive if ref() is not None]

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("a Dataset is read-only")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("a Dataset is read-only")

    def __getattr__(self, name: str) -> Any:
        if name in record_classes() or name in VIEWS:
            return self.collection(name)
        raise AttributeError(f"'Dataset' object has no attribute {name!r}")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Dataset):
            return NotImplemented
        return all(self.collection(n) == other.collection(n) for n in record_classes())

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        counts = ", ".join(f"{n}={len(self.collection(n))}" for n in record_classes())
        return f"<Dataset {counts}>"

    def __reduce__(self) -> tuple[Any, ...]:
        # A dataset travels (to a worker process, say) as its records.
        listed = {name: as_listed(self, name) for name in record_classes()}
        return (Dataset, (listed,))

    def __copy__(self) -> Dataset:
        return self  # immutable

    def __deepcopy__(self, memo: dict[int, Any]) -> Dataset:
        return self  # immutable

    def collection(self, name: str) -> Collection[Any]:
        """The collection called ``name`` (``"mechanisms"``, ``"summits"``...).

        >>> import korea_diplomacy as kd
        >>> len(kd.load().collection("mechanisms")) > 30
        True
        """
        built = self._built.get(name) if isinstance(name, str) else None
        if built is not None:
            return built
        if not isinstance(name, str) or (name not in record_classes() and name not in VIEWS):
            import difflib

            names = (*record_classes(), *VIEWS)
            close = difflib.get_close_matches(str(name)[:100], names, n=3)
            raise NotFoundError("collection", name, close or names)
        with _lock:
            built = self._built.get(name)
            if built is None:
                built = self._build(name)
                self._built[name] = built
        return built

    def _build(self, name: str) -> Collection[Any]:
        if name in VIEWS:
            of, select = VIEWS[name]
            return Collection(name, select(self), self, record_class=record_classes()[of])
        assert self._supply is not None
        items = self._supply(name)
        return Collection.of(name, items, self, self._extra_names(name, items))

    def _extra_names(self, name: str, items: tuple[Any, ...]) -> dict[str, tuple[str, ...]]:
        """Names a record is also found by: an actor's ISO codes; a partnership's or a
        relation's partner's names (``lookup("ASEAN")``, ``lookup("VN")``)."""
        if name == "actors":
            return {
                a.id: _codes(a) for a in items if isinstance(a, Actor) and isinstance(a.id, str)
            }
        partner_field = {"partnerships": "counterpart", "relations": "partner"}.get(name)
        if partner_field is None:
            return {}
        actors = self.collection("actors")
        names: dict[str, tuple[str, ...]] = {}
        for record in items:
            partner = getattr(record, partner_field, None)
            if not isinstance(record.id, str) or not isinstance(partner, str):
                continue  # a record built in code with wrong types: the validator reports it
            actor = actors.get(partner)
            if isinstance(actor, Actor):
                local = [t for n in actor.local_names for t in (n.text, *n.variants)]
                names[record.id] = (
                    actor.id,
                    actor.name,
                    *filter(None, (actor.abbreviation,)),
                    *actor.aliases,
                    *local,
                    *_codes(actor),
                )
        return names

    # ------------------------------------------------------------------ whole-dataset questions

    def get(self, record_id: str) -> Record | Source | None:
        """The record with this id in any collection, or None."""
        for name in record_classes():
            record = self.collection(name).get(record_id)
            if record is not None:
                return cast("Record | Source", record)
        return None

    def lookup(self, text: str) -> Record | Source:
        """The one record, in any collection, whose id or name matches ``text``.

        >>> import korea_diplomacy as kd
        >>> kd.load().lookup("AKCF").id
        'asean-rok-cooperation-fund'
        >>> kd.load().lookup("Viet Nam").id  # the country, not its relations or partnership
        'vnm'
        """
        if not isinstance(text, str):
            raise TypeError(f"lookup takes a string, not {type(text).__name__}")
        found: dict[str, Record | Source] = {}
        for name in self._holding(text):
            collection = self.collection(name)
            for record_id in collection._named(text):
                found[record_id] = collection[record_id]
        if not found:  # only now the slower part: what the text may have meant
            suggestions: list[str] = []
            mentions = 0
            for name in record_classes():
                error = self.collection(name)._not_found(text)
                suggestions.extend(error.suggestions)
                mentions += error.mentions or 0
            shown = tuple(dict.fromkeys(suggestions))[:5]
            key = text if len(text) <= MAX_NAME else text[:60] + "..."
            raise NotFoundError("dataset", key, shown, mentions=mentions)
        if len(found) == 1:
            return next(iter(found.values()))
        actors = [r for r in found.values() if isinstance(r, Actor)]
        if len(actors) == 1 and all(
            r is actors[0] or actors[0].id in r.involves() for r in found.values()
        ):
            # "Viet Nam" names the country, its relations and its partnership: the country,
            # which `show` prints with the other two.
            return actors[0]
        raise AmbiguousLookupError("dataset", text, tuple(found))

    def _holding(self, text: str) -> Iterable[str]:
        """The collections that may hold a record with this id or name, in load order: every
        one, unless the dataset knows better (the bundled one keeps an index of its names)."""
        return record_classes()

    def coverage(self) -> Coverage:
        """What the dataset covers: per collection, its records, dates, mechanisms and
        partners, and what is known to be missing. ``str()`` of it is a report.

        >>> import korea_diplomacy as kd
        >>> kd.load().coverage()["relations"].records >= 200
        True
        """
        from ._coverage import coverage_of

        return coverage_of(self)

    def search(
        self, text: str, *, collections: Iterable[str] | None = None, limit: int | None = 20
    ) -> Found[Any]:
        """Records of every collection (or of ``collections``) matching every word of
        ``text``; see :meth:`Collection.search`. Best first, then in date order.

        >>> import korea_diplomacy as kd
        >>> found = kd.load().search("AKCF")
        >>> found[0].id, found.hits[0].field
        ('asean-rok-cooperation-fund', 'abbreviation')
        """
        if not isinstance(text, str):
            raise TypeError(f"search takes a string, not {type(text).__name__}")
        if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool)):
            raise TypeError("limit must be an int or None")
        names = list(record_classes()) if collections is None else _names(collections)
        hits = [hit for name in names for hit in self.collection(name).search(text, None).hits]
        hits.sort(key=lambda hit: (-hit.score, date_order(hit.record)))
        shown = hits if limit is None else hits[: max(limit, 0)]
        return Found([hit.record for hit in shown], None, tuple(shown), len(hits))

    def name_of(self, record_id: str) -> str:
        """The name of the record with this id, in any collection (the id itself if none):
        names for people, where the data holds ids for programs.

        >>> import korea_diplomacy as kd
        >>> kd.load().name_of("vnm")
        'Viet Nam'
        """
        if not isinstance(record_id, str):
            return str(record_id)
        # Collection by collection, reading one only when the id is not in those before it:
        # an actor's name does not need the meetings read.
        for name in self._holding(record_id):
            record = self.collection(name).get(record_id)
            if record is not None:
                return str(record.name)
        return record_id

    def resolve_id(self, text: str) -> str:
        """An id for ``text``: itself if it is an id, else the id of the record it names."""
        if self.get(text) is not None:
            return text
        return self.lookup(text).id

    def mechanism_family(self, mechanism_id: str) -> frozenset[str]:
        """The mechanism and every mechanism below it (its sub-mechanisms, at any depth)."""
        families: dict[str, frozenset[str]] = self._families
        found = families.get(mechanism_id)
        if found is not None:
            return found
        children: dict[str, list[str]] = {}
        for m in self.mechanisms:
            if m.parent:
                children.setdefault(m.parent, []).append(m.id)
        if mechanism_id not in self.mechanisms:
            return frozenset((mechanism_id,))  # not cached: only ids of this dataset are
        family, todo = set(), [mechanism_id]
        while todo:
            current = todo.pop()
            if current not in family:
                family.add(current)
                todo.extend(children.get(current, ()))
        found = families[mechanism_id] = frozenset(family)
        return found

    def involves(self, record: Record | Source, actor_id: str) -> bool:
        """Whether ``record`` involves the actor, directly or as a member of a group it names.

        Membership is checked on the record's date (for undated records, at any time).
        """
        if not isinstance(record, (Record, Source)):
            raise TypeError(f"involves takes a record, not {type(record).__name__}")
        direct = record.involves()
        if actor_id in direct:
            return True
        groups = set(direct)
        if isinstance(record, Meeting):
            # A meeting of the ASEAN-ROK Summit involves ASEAN's members of the day, too.
            groups.add(record.mechanism)
            mechanism = self.mechanisms.get(record.mechanism)
            if mechanism is not None:
                groups.update(mechanism.counterparts)
                if mechanism.organiser:
                    groups.add(mechanism.organiser)
            if actor_id in groups:
                return True
        date = record.date or getattr(record, "planned_date", None)
        for group_id in groups:
            group = self.actors.get(group_id) or self.mechanisms.get(group_id)
            if group is None or not isinstance(group, (Actor, Mechanism)):
                continue
            for m in group.memberships:
                if m.member != actor_id:
                    continue
                if date is None or m.active_on(date.latest):
                    return True
        return False

    def timeline(
        self,
        since: object = None,
        until: object = None,
        involving: str | None = None,
    ) -> tuple[DatedFact, ...]:
        """Every dated fact in the dataset, in date order, optionally limited.

        >>> import korea_diplomacy as kd
        >>> facts = kd.timeline(since="2019-11-25", until="2019-11-27")
        >>> any(f.record_id == "mekong-rok-summit-1" for f in facts)
        True
        """
        start = as_day(since) if since is not None else _dt.date.min
        end = as_day(until, end=True) if until is not None else _dt.date.max
        check_window(start, end)
        actor = self.actors.lookup(involving).id if involving is not None else None
        facts = []
        for name in record_classes():
            for record in self.collection(name):
                if actor is not None and not self.involves(record, actor):
                    continue
                for fact in record.dated_facts(self.name_of):
                    if fact.date.latest >= start and fact.date.earliest <= end:
                        facts.append(fact)
        facts.sort(key=DatedFact.sort_key)
        return tuple(facts)

    # ------------------------------------------------------------------ plain form

    def to_dict(self) -> dict[str, list[dict[str, Any]]]:
        """Every collection as a list of JSON-ready dicts, in the order the records were given
        (their files' order), a fresh copy each call."""
        from ._convert import unstructure

        return {
            name: [unstructure(record) for record in as_listed(self, name)]
            for name in record_classes()
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Iterable[Mapping[str, Any]]]) -> Dataset:
        """Build a dataset from :meth:`to_dict`'s form; raises :class:`DataError` listing
        every record that cannot be read."""
        from ._userdata import structure_collections  # cattrs, only when asked for

        return cls(structure_collections(data, origin="from_dict"))

    def digest(self) -> str:
        """A SHA-256 hash of the data: the JSON of :meth:`to_dict` with sorted keys, leaving
        out collections with no records. Equal datasets have equal digests, and the same
        records in the same order give the same digest in every release (0.1.0's included).

        >>> import korea_diplomacy as kd
        >>> len(kd.load().digest())
        64
        """
        if self._digest is None:
            import hashlib
            import json

            data = {name: items for name, items in self.to_dict().items() if items}
            text = json.dumps(data, ensure_ascii=False, sort_keys=True)
            encoded = text.encode("utf-8", "surrogatepass")
            object.__setattr__(self, "_digest", hashlib.sha256(encoded).hexdigest())
        return cast(str, self._digest)


_alive: list[weakref.ref[Dataset]] = []


def as_listed(dataset: Dataset, name: str) -> tuple[Any, ...]:
    """A collection's records in the order they were given (their files' order), as
    :meth:`Dataset.to_dict`, the digest and the exports keep them; iteration may differ
    (meetings, documents and events come in date order)."""
    return dataset.collection(name)._given


def dataset_of(record: Any) -> Dataset | None:
    """The newest dataset of this process that holds this very record, if any (so that a
    record is shown with its own dataset's sources and names)."""
    name = getattr(type(record), "collection_name", "")
    for ref in reversed(_alive):
        dataset = ref()
        built = dataset._built.get(name) if dataset is not None else None
        record_id = getattr(record, "id", None)
        if built is not None and isinstance(record_id, str) and built.get(record_id) is record:
            return dataset
    return None


def _names(collections: Iterable[str]) -> list[str]:
    if isinstance(collections, str):
        collections = [collections]
    names = list(collections)
    known = (*record_classes(), *VIEWS)
    for name in names:
        if name not in known:
            import difflib  # only an unknown name needs it

            close = difflib.get_close_matches(str(name)[:100], known, n=3)
            raise NotFoundError("collection", name, close or known)
    return names


def _codes(actor: Actor) -> tuple[str, ...]:
    return tuple(filter(None, (actor.iso_alpha2, actor.iso_alpha3, actor.iso_numeric)))
