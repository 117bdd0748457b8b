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
import hashlib
import json
from collections.abc import Iterable, Mapping
from typing import Any, cast

from .collection import Collection, Partnerships, Relations
from .dates import as_day
from .errors import AmbiguousLookupError, NotFoundError
from .model import (
    RECORD_TYPES,
    Actor,
    DatedFact,
    Document,
    Event,
    Figure,
    Fund,
    Mechanism,
    Meeting,
    Policy,
    Programme,
    Record,
    Source,
)

__all__ = ["COLLECTIONS", "Dataset"]

COLLECTIONS = (*RECORD_TYPES, "summits")
"""Every collection name a :class:`Dataset` (and the module) has."""


class Dataset:
    """The records of every collection, with indexes built once and shared.

    Build one with :func:`korea_diplomacy.load` or :meth:`from_dict`; it cannot be changed.

    >>> import korea_diplomacy as kd
    >>> kd.load().collection("summits") is kd.summits
    True
    """

    __slots__ = (
        "_collections",
        "_digest",
        "_families",
        "actors",
        "documents",
        "events",
        "figures",
        "funds",
        "mechanisms",
        "meetings",
        "partnerships",
        "policies",
        "programmes",
        "relations",
        "sources",
        "summits",
    )

    _collections: dict[str, Collection[Any]]
    _digest: str | None
    _families: dict[str, frozenset[str]]
    sources: Collection[Source]
    actors: Collection[Actor]
    mechanisms: Collection[Mechanism]
    partnerships: Partnerships
    relations: Relations
    meetings: Collection[Meeting]
    summits: Collection[Meeting]
    funds: Collection[Fund]
    documents: Collection[Document]
    policies: Collection[Policy]
    programmes: Collection[Programme]
    figures: Collection[Figure]
    events: Collection[Event]

    def __init__(self, records: Mapping[str, Iterable[Record | Source]]) -> None:
        if not isinstance(records, Mapping):
            raise TypeError(
                f"a Dataset takes a mapping of collections, not {type(records).__name__}"
            )
        unknown = sorted(map(str, set(records) - set(RECORD_TYPES)))
        if unknown:
            raise NotFoundError("collection", unknown[0], tuple(RECORD_TYPES))
        set_ = object.__setattr__
        collections: dict[str, Collection[Any]] = {}
        actors = tuple(records.get("actors", ()))
        for name in RECORD_TYPES:
            extra = None
            items = tuple(records.get(name, ()))
            if name == "partnerships":
                extra = self._counterpart_names(items, actors, "counterpart")
            elif name == "relations":
                extra = self._counterpart_names(items, actors, "partner")
            elif name == "actors":
                extra = {
                    a.id: tuple(filter(None, (a.iso_alpha2, a.iso_alpha3, a.iso_numeric)))
                    for a in items
                    if isinstance(a.id, str) and isinstance(a, Actor)
                }
            collections[name] = Collection.of(name, items, self, extra)
        mechanisms = collections["mechanisms"]
        leaders = {m.id for m in mechanisms if m.level == "leaders" and isinstance(m.id, str)}
        summits = (
            m
            for m in collections["meetings"]
            if isinstance(m.mechanism, str) and m.mechanism in leaders
        )
        collections["summits"] = Collection("summits", summits, self)
        for name, collection in collections.items():
            set_(self, name, collection)
        set_(self, "_collections", collections)
        set_(self, "_digest", None)
        set_(self, "_families", {})

    @staticmethod
    def _counterpart_names(
        records: Iterable[Any], actors: Iterable[Any], field: str
    ) -> dict[str, tuple[str, ...]]:
        # Partnerships and relations are found by their partner's names too: lookup("ASEAN"),
        # lookup("VN").
        by_id = {actor.id: actor for actor in actors if isinstance(actor.id, str)}
        names: dict[str, tuple[str, ...]] = {}
        for record in records:
            partner = getattr(record, field, None)
            if not isinstance(record.id, str) or not isinstance(partner, str):
                continue  # a record built in code with wrong types: the validator reports it
            actor = by_id.get(partner)
            if isinstance(actor, Actor):
                local = [t for n in actor.local_names for t in (n.text, *n.variants)]
                codes = (actor.iso_alpha2, actor.iso_alpha3, actor.iso_numeric)
                names[record.id] = (
                    actor.id,
                    actor.name,
                    *filter(None, (actor.abbreviation,)),
                    *actor.aliases,
                    *local,
                    *filter(None, codes),
                )
        return names

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("a Dataset is read-only")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("a Dataset is read-only")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Dataset):
            return NotImplemented
        return all(self._collections[n] == other._collections[n] for n in RECORD_TYPES)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        counts = ", ".join(f"{n}={len(self._collections[n])}" for n in RECORD_TYPES)
        return f"<Dataset {counts}>"

    def collection(self, name: str) -> Collection[Any]:
        """The collection called ``name`` (``"mechanisms"``, ``"summits"``...)."""
        try:
            return self._collections[name]
        except (KeyError, TypeError):
            import difflib

            close = difflib.get_close_matches(str(name), COLLECTIONS, n=3)
            raise NotFoundError("collection", name, close or COLLECTIONS) from None

    # ------------------------------------------------------------------ whole-dataset questions

    def get(self, record_id: str) -> Record | Source | None:
        """The record with this id in any collection, or None."""
        for name in RECORD_TYPES:
            record = self._collections[name].get(record_id)
            if record is not None:
                return cast("Record | Source", record)
        return None

    def lookup(self, text: str) -> Record | Source:
        """The one record, in any collection, whose id or name matches ``text``.

        >>> import korea_diplomacy as kd
        >>> kd.load().lookup("AKCF").id
        'asean-rok-cooperation-fund'
        """
        found: dict[str, Record | Source] = {}
        suggestions: list[str] = []
        for name in RECORD_TYPES:
            try:
                record = self._collections[name].lookup(text)
            except NotFoundError as error:
                suggestions.extend(error.suggestions)
                continue
            except AmbiguousLookupError as error:
                for record_id in error.candidates:
                    found[record_id] = self._collections[name][record_id]
                continue
            found[record.id] = record
        if len(found) == 1:
            return next(iter(found.values()))
        if found:
            raise AmbiguousLookupError("dataset", text, tuple(found))
        raise NotFoundError("dataset", text, tuple(dict.fromkeys(suggestions))[:5])

    def search(self, text: str, limit: int | None = 10) -> tuple[Record | Source, ...]:
        """Records of every collection whose names match ``text``, best first.

        >>> import korea_diplomacy as kd
        >>> [r.id for r in kd.load().search("AKCF")][:1]
        ['asean-rok-cooperation-fund']
        """
        if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool)):
            raise TypeError("limit must be an int or None")
        hits = [
            (-score, order, position, record)
            for order, name in enumerate(RECORD_TYPES)
            for score, position, record in self._collections[name]._scored(text)
        ]
        hits.sort(key=lambda hit: hit[:3])
        found = tuple(hit[3] for hit in hits)
        return found if limit is None else found[: max(limit, 0)]

    def resolve_id(self, text: str) -> str:
        """An id for ``text``: itself if it is an id, else the id of the record it names."""
        if self.get(text) is not None:
            return text
        return self.lookup(text).id

    def mechanism_family(self, mechanism_id: str) -> frozenset[str]:
        """The mechanism and every mechanism below it (its sub-mechanisms, at any depth)."""
        families: dict[str, frozenset[str]] = self._families
        if mechanism_id not in families:
            children: dict[str, list[str]] = {}
            for m in self.mechanisms:
                if m.parent:
                    children.setdefault(m.parent, []).append(m.id)
            family, todo = set(), [mechanism_id]
            while todo:
                current = todo.pop()
                if current not in family:
                    family.add(current)
                    todo.extend(children.get(current, ()))
            families[mechanism_id] = frozenset(family)
        return families[mechanism_id]

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
        actor = self.actors.lookup(involving).id if involving is not None else None
        facts = []
        for name in RECORD_TYPES:
            for record in self._collections[name]:
                if actor is not None and not self.involves(record, actor):
                    continue
                for fact in record.dated_facts():
                    if fact.date.latest >= start and fact.date.earliest <= end:
                        facts.append(fact)
        facts.sort(key=DatedFact.sort_key)
        return tuple(facts)

    # ------------------------------------------------------------------ plain form

    def to_dict(self) -> dict[str, list[dict[str, Any]]]:
        """Every collection as a list of JSON-ready dicts (a fresh copy each call)."""
        from .convert import converter

        conv = converter()
        return {
            name: [conv.unstructure(record) for record in self._collections[name]]
            for name in RECORD_TYPES
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Iterable[Mapping[str, Any]]]) -> Dataset:
        """Build a dataset from :meth:`to_dict`'s form; raises :class:`DataError` listing
        every record that cannot be read."""
        from .loading import structure_collections

        return cls(structure_collections(data, origin="from_dict"))

    def digest(self) -> str:
        """A SHA-256 hash of the canonical data: equal datasets have equal digests."""
        if self._digest is None:
            text = json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True)
            object.__setattr__(self, "_digest", hashlib.sha256(text.encode()).hexdigest())
        return cast(str, self._digest)
