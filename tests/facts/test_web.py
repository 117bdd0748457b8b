"""The first research round (beyond the seeds), checked through the public API."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

import korea_diplomacy as kd


def day_before(date):
    return (date.earliest - dt.timedelta(days=1)).isoformat()


def test_every_web_source_has_an_address_and_a_reading_date():
    web = [s for s in kd.sources if s.seed_file is None]
    assert len(web) > 200
    for source in web:
        assert source.url and source.url.startswith(("http://", "https://")), source.id
        assert str(source.accessed) == "2026-11", source.id
        assert source.section("page") is not None


def test_asean_rok_summit_series_is_complete_and_in_order():
    held = [m for m in kd.summits.filter(mechanism="asean-rok-summit") if m.ordinal is not None]
    assert sorted(m.ordinal for m in held) == list(range(1, 27))
    by_ordinal = sorted(held, key=lambda m: m.ordinal)
    dates = [m.date.earliest for m in by_ordinal]
    assert dates == sorted(dates)
    assert by_ordinal[0].date == kd.PartialDate(1997, 12, 16)
    assert by_ordinal[-1].date == kd.PartialDate(2025, 10, 27)


def test_gaps_in_the_series_are_explained_as_inferences():
    years = {
        m.date.earliest.year for m in kd.summits.filter(mechanism="asean-rok-summit") if m.ordinal
    }
    gaps = (
        set(range(1997, 2026)) - years - {2006}
    )  # the 10th, planned for Dec 2006, met in Jan 2007
    assert gaps == {2008, 2014, 2019}
    inferences = kd.mechanisms["asean-rok-summit"].inferences
    for year in gaps:
        assert any(str(year) in i.value and i.reasoning for i in inferences), year
    (pattaya,) = kd.meetings.filter(mechanism="asean-rok-summit", status="cancelled")
    assert pattaya.date is None and str(pattaya.planned_date) == "2009-04-11"
    tenth = kd.summits.filter(mechanism="asean-rok-summit", ordinal=10)[0]
    assert str(tenth.planned_date) == "2006-12" and str(tenth.date) == "2007-01-14"


def test_heads_of_the_korean_delegation_where_known():
    def korean_head(ordinal):
        meeting = kd.summits.filter(mechanism="asean-rok-summit", ordinal=ordinal)[0]
        (head,) = [d for d in meeting.heads_of_delegation if d.actor == "kor"]
        return head

    first = korean_head(1)
    assert (first.person, first.title) == ("Goh Kun", "Prime Minister")
    assert first.conflicts and first.conflicts[0].preferred.value == "Goh Kun"
    assert korean_head(6).person == "Kim Suk-soo"


def test_commemorative_summits_and_formats():
    (second,) = kd.summits.filter(mechanism="asean-rok-commemorative-summit", ordinal=2)
    assert str(second.date) == "2014-12-11/2014-12-12" and second.city == "Busan"
    virtual = kd.summits.filter(mechanism="asean-rok-summit", format="virtual")
    assert sorted(m.ordinal for m in virtual) == [21, 22]


def test_comprehensive_strategic_partnership_is_the_newest_stage():
    asean = kd.partnerships.lookup("ASEAN")
    assert asean.status_on("2024-10-09").name == "Strategic Partnership"
    csp = asean.status_on("2024-10-10")
    assert csp.name == "Comprehensive Strategic Partnership"
    assert csp.made_at == "asean-rok-summit-25"
    assert asean.status_on("2026-01-01") is csp
    assert all(c.source.startswith("web-") for c in csp.citations)


def test_asean_membership_around_each_accession():
    asean = kd.actors["asean"]
    for membership in asean.memberships:
        assert membership.start is not None and membership.start.precision == "day"
        assert membership.member not in asean.members_on(day_before(membership.start))
        assert membership.member in asean.members_on(str(membership.start))
    assert len(asean.members_on("2025-10-25")) == 10
    assert len(asean.members_on("2025-10-26")) == 11
    assert "brn" not in asean.members_on("1984-01-06")
    (brunei,) = [m for m in asean.memberships if m.member == "brn"]
    assert str(brunei.start) == "1984-01-07"
    assert {c.value for c in brunei.conflicts[0].claims} == {"1984-01-07", "1984-01-08"}
    assert [(i.scheme, i.value) for i in asean.identifiers] == [("wikidata", "Q7768")]


def test_arf_participants_and_when_each_joined():
    arf = kd.mechanisms.lookup("ARF")
    assert len(arf.members_on("1994-07-25")) == 18
    assert len(arf.members_on("2007-08-01")) == 26
    assert len(arf.members_on("2007-08-02")) == 27
    assert {"european-union", "prk", "kor", "tls"} <= arf.members_on("2024")
    for membership in arf.memberships:
        if membership.start.precision == "day":
            assert membership.member not in arf.members_on(day_before(membership.start))
        assert membership.joined_at is None or membership.joined_at in kd.meetings


def test_east_asia_summits_and_membership():
    summits = kd.summits.filter(mechanism="east-asia-summit")
    assert sorted(m.ordinal for m in summits) == list(range(1, 21))
    eas = kd.mechanisms.lookup("EAS")
    assert {"usa", "rus"}.isdisjoint(eas.members_on("2011-11-18"))
    assert {"usa", "rus"} <= eas.members_on("2011-11-19")
    (sixth,) = kd.summits.filter(mechanism="east-asia-summit", ordinal=6)
    assert sixth.city == "Bali" and any(c.field == "city" for c in sixth.conflicts)


def test_asean_plus_three_summits():
    summits = kd.summits.filter(mechanism="asean-plus-three-summit")
    ordinals = sorted(m.ordinal for m in summits if m.ordinal)
    assert ordinals == list(range(1, 27))
    (sixth,) = kd.summits.filter(mechanism="asean-plus-three-summit", ordinal=6)
    assert {c.value for c in sixth.conflicts[0].claims} >= {"6", "8"}
    later = [
        kd.meetings["asean-plus-three-summit-2024"],
        kd.meetings["asean-plus-three-summit-2025"],
    ]
    for meeting in later:  # ordinals 27 and 28 are inferred, so they are not stated
        assert meeting.ordinal is None
        assert any(i.field == "ordinal" for i in meeting.inferences)
    (twenty_first,) = kd.summits.filter(mechanism="asean-plus-three-summit", ordinal=21)
    assert twenty_first.date.precision == "month"


def test_mekong_rok_after_2021():
    (third,) = kd.meetings.filter(mechanism="mekong-rok-summit", ordinal=3)
    assert third.status == "postponed" and third.date is None
    assert str(third.planned_date) == "2021-10-26"
    ministers = kd.meetings.filter(mechanism="mekong-rok-foreign-ministers-meeting", since="2022")
    assert [(m.ordinal, str(m.date)) for m in ministers] == [(12, "2024-07-26"), (13, "2025-07-11")]


@pytest.mark.parametrize(
    ("collection", "text", "expected"),
    [
        ("mechanisms", "한-아세안 정상회의", "asean-rok-summit"),
        ("mechanisms", "한·아세안 정상회의", "asean-rok-summit"),
        ("mechanisms", "한-아세안 특별정상회의", "asean-rok-commemorative-summit"),
        ("mechanisms", "동아시아 정상회의", "east-asia-summit"),
        ("mechanisms", "동아시아정상회의", "east-asia-summit"),
        ("mechanisms", "아세안지역안보포럼", "asean-regional-forum"),
        ("mechanisms", "한·메콩 정상회의", "mekong-rok-summit"),
        ("funds", "한-아세안 협력기금", "asean-rok-cooperation-fund"),
        ("funds", "한-메콩 협력기금", "mekong-rok-cooperation-fund"),
        ("actors", "아세안", "asean"),
        ("actors", "한-아세안센터", "asean-korea-centre"),
        ("policies", "신남방정책", "new-southern-policy"),
        ("policies", "한·아세안 연대 구상", "korea-asean-solidarity-initiative"),
        ("partnerships", "아세안", "rok-asean"),
    ],
)
def test_korean_names_resolve(collection, text, expected):
    assert kd.load().collection(collection).lookup(text).id == expected


def test_show_prints_both_names():
    out = subprocess.run(
        [sys.executable, "-m", "korea_diplomacy", "show", "한-아세안 정상회의"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "ASEAN-ROK Summit" in out and "한-아세안 정상회의" in out


def test_no_unverified_values():
    csp_document = kd.documents["asean-rok-csp-joint-document-2024"]
    assert "Joint Statement on the Establishment" not in csp_document.name
    special = kd.meetings["asean-plus-three-special-summit-2020-04"]
    assert str(special.date) == "2020-04-14"  # now stated by two stored pages (audit item 8)
    assert not kd.meetings.filter(mechanism="east-asia-summit", ordinal=21)
    assert [
        m.ordinal for m in kd.meetings.filter(mechanism="mekong-rok-summit", status="held")
    ] == [1, 2]


def test_fund_conflicts_between_web_pages_and_the_seed():
    akcf = kd.funds.lookup("AKCF")
    (in_2019,) = [
        c for c in akcf.contributions if c.period and c.period.contains(dt.date(2019, 6, 1))
    ]
    (conflict,) = in_2019.conflicts
    assert conflict.preferred.value == "USD 14000000"
    assert {claim.value for claim in conflict.claims} == {"USD 14000000", "USD 7000000"}
    assert all(claim.citations for claim in conflict.claims) and conflict.reason
    assert akcf.annual_contribution_on(2016) == kd.Money(7_000_000, "USD")  # from 2015 (Yonhap)
    mekong = kd.funds.lookup("Mekong-ROK Cooperation Fund")
    (start,) = [c for c in mekong.conflicts if c.field == "established"]
    web_claims = [
        cl for cl in start.claims if any(ci.source.startswith("web-") for ci in cl.citations)
    ]
    assert web_claims and start.preferred.value == "2013-06"
