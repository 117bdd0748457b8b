"""The public API contract: names, behaviours and errors other tools rely on."""

import datetime as dt
from decimal import Decimal

import attrs
import pytest

import korea_diplomacy as kd
from korea_diplomacy.dataset import COLLECTIONS


def test_every_collection_is_on_the_module_and_the_dataset():
    ds = kd.load()
    for name in COLLECTIONS:
        assert getattr(kd, name) is getattr(ds, name)
        assert len(getattr(ds, name)) > 0, name


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


def test_members_on_a_date():
    eas = kd.mechanisms.lookup("EAS")
    members = eas.members_on("2010-06-01")
    assert isinstance(members, frozenset)
    assert len(members) == 16 and "kor" in members and "usa" not in members
    assert {"usa", "rus"} <= eas.members_on("2012-01-01")


def test_status_on_a_date():
    asean = kd.partnerships.lookup("ASEAN")
    assert asean.status_on("2005-06-01").name == "Comprehensive Cooperation Partnership"
    assert asean.status_on("1980-01-01") is None
    assert asean.status_on(dt.date(2011, 1, 1)).name == "Strategic Partnership"
    assert asean.status_on("29 Oct 2010").name == "Strategic Partnership"


def test_annual_contribution():
    akcf = kd.funds.lookup("AKCF")
    assert akcf.annual_contribution_on(2020) == kd.Money(Decimal("14000000"), "USD")
    assert akcf.annual_contribution_on(2023) == kd.Money(Decimal("20000000"), "USD")
    assert akcf.annual_contribution_on(1980) is None


def test_timeline_is_sorted_and_filterable():
    facts = kd.timeline()
    assert list(facts) == sorted(facts, key=lambda f: f.sort_key())
    window = kd.timeline(since="2019-11-01", until="2019-11-30")
    assert window and all(f.date.latest >= dt.date(2019, 11, 1) for f in window)
    assert all(f.date.earliest <= dt.date(2019, 11, 30) for f in window)
    thai = kd.timeline(involving="tha")
    assert thai and len(thai) < len(facts)


def test_records_are_frozen_and_collections_read_only():
    m = kd.mechanisms["east-asia-summit"]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        m.name = "x"
    with pytest.raises(AttributeError):
        kd.mechanisms._records = ()
    with pytest.raises(AttributeError):
        kd.load().mechanisms = None
    assert isinstance(m.aliases, tuple)
    assert not hasattr(m, "__dict__")  # slotted


def test_to_dict_is_a_fresh_copy():
    ds = kd.load()
    data = ds.to_dict()
    data["mechanisms"][0]["name"] = "changed"
    data["mechanisms"].clear()
    assert ds.to_dict() != data
    assert kd.Dataset.from_dict(ds.to_dict()) == ds


def test_dates_are_partial_where_the_source_is():
    (first_fmm,) = kd.meetings.filter(mechanism="mekong-rok-foreign-ministers-meeting", ordinal=1)
    assert first_fmm.date.precision == "month"


def test_errors_share_one_root():
    for error in (
        kd.NotFoundError,
        kd.AmbiguousLookupError,
        kd.DateParseError,
        kd.InvalidCriteriaError,
        kd.DataError,
    ):
        assert issubclass(error, kd.KoreaDiplomacyError)
    assert issubclass(kd.DateParseError, ValueError)
