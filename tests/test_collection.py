"""Collections: ids, lookups by any name, search, and filters that check their criteria."""

from __future__ import annotations

import datetime as dt

import pytest

import korea_diplomacy as kd
from korea_diplomacy._names import normalise


def test_container_protocol():
    c = kd.mechanisms
    assert len(c) == len(list(c))
    assert "east-asia-summit" in c
    assert "East Asia Summit" not in c  # membership is by id only
    assert 3 not in c
    assert c["east-asia-summit"].id == "east-asia-summit"
    assert c.get("east-asia-summit") is c["east-asia-summit"]
    assert c.get("nope") is None
    assert c.get("nope", "default") == "default"


def test_strict_getitem_raises_a_key_error_with_suggestions():
    with pytest.raises(kd.NotFoundError) as info:
        kd.mechanisms["east-asia-sumit"]
    assert isinstance(info.value, KeyError)
    assert isinstance(info.value, kd.KoreaDiplomacyError)
    assert "east-asia-summit" in info.value.suggestions
    assert "east-asia-summit" in str(info.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("EAS", "east-asia-summit"),
        ("eas", "east-asia-summit"),
        ("East  Asia   Summit", "east-asia-summit"),
        ("east-asia-summit", "east-asia-summit"),
        ("ARF", "asean-regional-forum"),
        ("ASEAN Regional Forum", "asean-regional-forum"),
        ("ASEAN-ROK Summit", "asean-rok-summit"),
        ("ASEAN–ROK Summit", "asean-rok-summit"),
        ("ASEAN-Republic of Korea Summit", "asean-rok-summit"),
        ("asean korea summit", "asean-rok-summit"),
        ("ASEAN+3", "asean-plus-three"),
        ("Mekong-ROK Summit", "mekong-rok-summit"),
        ("Mekong-Korea Summit", "mekong-rok-summit"),
    ],
)
def test_tolerant_lookup(text, expected):
    assert kd.mechanisms.lookup(text).id == expected


def test_lookup_never_confuses_the_two_koreas():
    assert kd.actors.lookup("Korea").id == "kor"
    assert kd.actors.lookup("Republic of Korea").id == "kor"
    assert kd.actors.lookup("ROK").id == "kor"
    assert kd.actors.lookup("North Korea").id == "prk"
    assert kd.actors.lookup("DPRK").id == "prk"
    assert kd.actors.lookup("Democratic People's Republic of Korea").id == "prk"


def test_failed_lookup_suggests():
    with pytest.raises(kd.NotFoundError) as info:
        kd.mechanisms.lookup("East Asia Sumit")
    assert "east-asia-summit" in info.value.suggestions


def test_ambiguous_lookup_lists_the_candidates():
    from korea_diplomacy.collection import Collection
    from korea_diplomacy.model import Citation, Mechanism

    cite = (Citation("mofa-asean", "overview"),)
    a = Mechanism(id="a", name="Joint Forum", citations=cite, kind="forum", level="officials")
    b = Mechanism(id="b", name="Joint-Forum", citations=cite, kind="forum", level="officials")
    with pytest.raises(kd.AmbiguousLookupError) as info:
        Collection("mechanisms", [a, b]).lookup("joint forum")
    assert info.value.candidates == ("a", "b")
    assert isinstance(info.value, kd.KoreaDiplomacyError)


def test_search_ranks_and_accepts_any_string():
    hits = kd.mechanisms.search("mekong")
    assert hits and all("mekong" in h.name.lower() or "mekong" in h.id for h in hits)
    assert kd.mechanisms.search("") == ()
    assert kd.mechanisms.search("\x00\x01 ☃" * 50) == ()
    with pytest.raises(TypeError):
        kd.mechanisms.search(None)


def test_filter_by_mechanism_ordinal_year_and_range():
    (m,) = kd.meetings.filter(mechanism="ASEAN-ROK Summit", ordinal=13)
    assert m.date == kd.PartialDate(2010, 10, 29)
    assert kd.meetings.filter(mechanism="asean-rok-summit", year=2010) == (m,)
    in_range = kd.meetings.filter(since="2010-10-01", until=dt.date(2010, 10, 31))
    assert m in in_range
    assert all(r.date.latest >= dt.date(2010, 10, 1) for r in in_range)
    assert all(r.date.earliest <= dt.date(2010, 10, 31) for r in in_range)


def test_filter_involving_counts_group_members():
    thai = kd.meetings.filter(involving="Thailand", mechanism="mekong-rok-summit")
    assert {m.ordinal for m in thai} >= {1, 2}


def test_filter_rejects_unknown_criteria_with_the_valid_ones():
    with pytest.raises(kd.InvalidCriteriaError) as info:
        kd.meetings.filter(yaer=2019)
    assert isinstance(info.value, ValueError)
    assert "year" in info.value.choices
    with pytest.raises(kd.InvalidCriteriaError):
        kd.actors.filter(ordinal=3)
    with pytest.raises(TypeError):
        kd.meetings.filter(ordinal="13")
    with pytest.raises(ValueError):
        kd.meetings.filter(since="not a date at all")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("ASEAN-ROK Summit", "asean–rok summit"),
        ("ASEAN-ROK Summit", "ASEAN Republic of Korea Summit"),
        ("ASEAN-Korea Centre", "ASEAN ROK Centre"),
        ("한-아세안 정상회의", "한·아세안 정상회의"),
        ("동아시아정상회의", "동아시아 정상회의"),
        ("Democratic People's Republic of Korea", "DPRK"),
        ("North Korea", "D.P.R.K."),
    ],
)
def test_equivalent_spellings(a, b):
    assert normalise(a) == normalise(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Korea", "North Korea"),
        ("Republic of Korea", "Democratic People's Republic of Korea"),
        ("ROK", "DPRK"),
    ],
)
def test_the_two_koreas_never_meet(a, b):
    assert normalise(a) != normalise(b)


def test_the_memo_of_normalised_names_stays_bounded():
    from korea_diplomacy import _names

    for n in range(10_000):
        normalise(f"No such forum {n}")
    with pytest.raises(kd.NotFoundError):
        kd.mechanisms.lookup("a long pasted text " * 50)  # looked up, not remembered
    assert 0 < len(_names._memo) <= _names._MEMO_SIZE
    assert all(len(text) <= 200 for text in _names._memo)
