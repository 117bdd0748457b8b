"""Full-text search: every text a person would search, matched by words and word prefixes.

The texts are the fields declared ``search="name"`` (names, abbreviations, aliases, Korean
names) or ``search="text"`` (descriptions, notes, cities, venues, outcomes, topics, areas...),
inside nested values too. A text becomes words: accents, case, dashes and punctuation are
dropped, and the ways of writing the Republic of Korea (and the DPRK) become one word each, as
they do for lookups. A query matches a record when each of its words is a word of the record, or
the start of one ("olymp" finds "Olympics"), never a bare piece of a word ("usa" is not in
"Busan"). Korean is split at spaces and punctuation like any other text ("한·아세안" is
"한" and "아세안").

Ranking: a name equal to the query (1.0), then a name holding every word (0.9 to 0.99, the
more of the name the query covers the higher), then a
field equal to the query, such as a city (0.8), then a match with a name among its fields (0.7 to
0.75), then running text (0.5 to 0.55); whole words before prefixes.

>>> [w for w in words("ASEAN–Republic of Korea Summit, Ha Noi")]
['asean', 'rok', 'summit', 'ha', 'noi']
>>> words("한·아세안 정상회의")
['한', '아세안', '정상회의']
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from ._plan import Text, plan

__all__ = ["MAX_QUERY", "Index", "Match", "entries", "names", "words"]

MAX_QUERY = 1000
"""The longest query read whole; a longer one is cut to its first words."""

_MAX_WORDS = 32
_WORD = re.compile(r"\w+")
_APOSTROPHES = re.compile(r"['\u2018\u2019\u02bc`]")
_DPRK = re.compile(r"\b(?:democratic peoples? republic of korea|north korea|dprk)\b")
_ROK = re.compile(r"\b(?:the )?(?:republic of korea|south korea|korea|rok)\b")


# One spelling for words that American and British English write differently, in queries and
# data alike: "canceled" finds the meetings the sources call "cancelled".
_SPELLINGS = {
    "canceled": "cancelled",
    "canceling": "cancelling",
    "cancelation": "cancellation",
    "center": "centre",
    "centers": "centres",
    "defense": "defence",
    "dialog": "dialogue",
    "organization": "organisation",
    "organizations": "organisations",
    "program": "programme",
    "programs": "programmes",
}


def words(text: str) -> list[str]:
    """The words of ``text`` as search compares them."""
    folded = text[: MAX_QUERY * 20]
    if folded.isascii():  # most texts: no accents to drop
        folded = folded.lower()
    else:
        folded = unicodedata.normalize("NFKD", folded)
        folded = "".join(c for c in folded if not unicodedata.combining(c))
        folded = unicodedata.normalize("NFC", folded).casefold()  # Hangul syllables whole
    folded = _APOSTROPHES.sub("", folded)
    folded = " ".join(_WORD.findall(folded.replace("_", " ")))
    if "korea" in folded or "rok" in folded or "dprk" in folded:
        folded = _DPRK.sub("dprk", folded)
        folded = _ROK.sub("rok", folded)
    return [_SPELLINGS.get(word, word) for word in folded.split()]


class Match:
    """A record found by a query: where, how well, and in which field."""

    __slots__ = ("field", "position", "score", "text")

    def __init__(self, position: int, score: float, field: str, text: str) -> None:
        self.position = position
        self.score = score
        self.field = field
        self.text = text


class _Entry:
    __slots__ = ("field", "key", "name", "text", "words")

    def __init__(self, field: str, name: bool, text: str) -> None:
        self.field = field
        self.name = name
        self.text = text
        found = words(text)
        self.words = frozenset(found)
        self.key = " ".join(found)  # the text as a query equal to it would read


class Index:
    """The words of one collection's records, with the records each word is in."""

    def __init__(self, records: Sequence[Any]) -> None:
        self.entries: list[list[_Entry]] = []
        postings: dict[str, set[int]] = {}
        for position, record in enumerate(records):
            found = list(entries(record))
            self.entries.append(found)
            for entry in found:
                for word in entry.words:
                    postings.setdefault(word, set()).add(position)
        self.postings = postings
        self.vocabulary = sorted(postings)

    def _containing(self, prefix: str) -> set[int]:
        """Positions of the records holding a word that starts with ``prefix``."""
        found: set[int] = set()
        vocabulary = self.vocabulary
        for position in range(bisect.bisect_left(vocabulary, prefix), len(vocabulary)):
            word = vocabulary[position]  # (no slice: a copy of the rest for every word asked)
            if not word.startswith(prefix):
                break
            found |= self.postings[word]
        return found

    def search(self, query: str) -> list[Match]:
        """Every record matching ``query``, unordered; see the module docstring."""
        wanted = words(query[:MAX_QUERY])[:_MAX_WORDS]
        if not wanted:
            return []
        candidates: set[int] | None = None
        for word in sorted(set(wanted), key=len, reverse=True):  # the rarest first, usually
            found = self._containing(word)
            candidates = found if candidates is None else candidates & found
            if not candidates:
                return []
        key = " ".join(wanted)
        assert candidates is not None
        return [_score(position, self.entries[position], wanted, key) for position in candidates]


def names(record: Any) -> Iterator[str]:
    """The texts of ``record`` searched as names (see :func:`entries`), read by a getter
    made once per class from the field plan: lookups index every record's names."""
    getter = _name_getters.get(type(record))
    if getter is None:
        getter = _name_getters.setdefault(type(record), _name_getter(type(record)))
    return getter(record)


_name_getters: dict[type, Callable[[Any], Iterator[str]]] = {}


def _name_getter(cls: type) -> Callable[[Any], Iterator[str]]:
    parts: list[tuple[str, Callable[[Any], Iterator[str]] | None]] = []
    for field in plan(cls).fields:
        if field.about.search != "name":
            continue
        inner = field.shape.inner()
        nested = inner.holds() if not isinstance(inner, Text) else ()
        parts.append((field.name, _name_getter(nested[0]) if len(nested) == 1 else None))

    def get(record: Any) -> Iterator[str]:
        for name, of_nested in parts:
            value = getattr(record, name)
            for item in value if type(value) is tuple else (value,):
                if of_nested is not None:
                    if item is not None:
                        yield from of_nested(item)
                elif isinstance(item, str) and item:
                    yield item

    return get


def entries(record: Any) -> Iterator[_Entry]:
    """Every searchable text of a record: ``.field`` (its path), ``.name`` (whether it is
    searched as a name) and ``.text``."""
    return _entries(record, "", True)


def _entries(value: Any, path: str, named: bool) -> Iterator[_Entry]:
    """Every searchable text of a record or nested value, with its field and kind: a name
    only when every field on the way is searched as a name (a record's Korean names are
    names; a partnership stage's Korean names are text about the partnership)."""
    for field in plan(type(value)).fields:
        kind = field.about.search
        if kind is None:
            continue
        item = getattr(value, field.name)
        if item is None or item == "" or item == ():
            continue
        where = f"{path}.{field.name}" if path else field.name
        as_name = named and kind == "name"
        for element in item if type(item) is tuple else (item,):
            if isinstance(element, str):
                yield _Entry(where, as_name, element)
            elif hasattr(type(element), "__attrs_attrs__"):
                yield from _entries(element, where, as_name)


def _score(position: int, entries: list[_Entry], wanted: list[str], key: str) -> Match:
    exact_name = next((e for e in entries if e.name and e.key == key), None)
    if exact_name is not None:
        return Match(position, 1.0, exact_name.field, exact_name.text)
    whole = sum(1 for w in wanted if any(w in e.words for e in entries)) / len(wanted)
    # A name holding every word: the more of the name the query covers, the better
    # ("Mekong-ROK Summit" before "ROK ODA to the Mekong countries, 1987-2020").
    named = [e for e in entries if e.name and all(_has(e, w) for w in wanted)]
    if named:
        best_name = max(named, key=lambda e: (len(wanted) / max(len(e.words), 1), -len(e.text)))
        covered = min(len(set(wanted)) / max(len(best_name.words), 1), 1.0)
        return Match(position, 0.9 + 0.05 * whole + 0.04 * covered, best_name.field, best_name.text)
    exact_text = next((e for e in entries if e.key == key), None)
    if exact_text is not None:  # a city, venue or title that is the query itself
        return Match(position, 0.8, exact_text.field, exact_text.text)
    # Otherwise the field matching the most words: whole words first, then a name, then the
    # shortest text (a city named exactly so before a note that mentions it).
    best = max(
        entries,
        key=lambda e: (
            sum(_has(e, w) for w in wanted),
            sum(w in e.words for w in wanted),
            e.name,
            -len(e.text),
        ),
    )
    in_a_name = any(e.name and any(_has(e, w) for w in wanted) for e in entries)
    base = 0.7 if in_a_name else 0.5
    return Match(position, base + 0.05 * whole, best.field, best.text)


def _has(entry: _Entry, prefix: str) -> bool:
    return prefix in entry.words or any(word.startswith(prefix) for word in entry.words)
