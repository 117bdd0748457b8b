"""Every section of the three seed pages, checked through the public API."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import korea_diplomacy as kd

NA = "na-parliamentary-diplomacy"


CHIEFS = "mofa-chiefs-of-missions-2017"


ASEAN = "mofa-asean"


def cites(record, source, section):
    return any(c.source == source and c.section == section for c in record.citations)


def figure(subject, metric):
    (found,) = kd.figures.filter(subject=subject, metric=metric)
    return found


def test_000_delegations_and_overseas_visits():
    invitations = kd.programmes.lookup("na-foreign-parliamentary-delegation-invitations")
    assert cites(invitations, NA, "foreign-delegations")
    visits = [p for p in kd.programmes if cites(p, NA, "overseas-visits")]
    assert len(visits) == 2


def test_000_inter_parliamentary_groups_as_of_november_2018():
    councils = [
        m for m in kd.mechanisms if m.kind == "council" and m.organiser == "national-assembly"
    ]
    assert {c for m in councils for c in m.counterparts} == {"usa", "chn", "rus", "european-union"}
    counts = {f.metric: f for f in kd.figures if cites(f, NA, "inter-parliamentary-groups")}
    values = sorted(int(f.value.value) for f in counts.values())
    assert values == [1, 4, 112]
    assert all(str(f.as_of) == "2018-11" for f in counts.values())


def test_000_friendship_groups_in_the_20th_national_assembly():
    groups = kd.mechanisms.lookup("Parliamentary Friendship Groups")
    numbers = sorted(int(f.value.value) for f in kd.figures.filter(subject=groups.id))
    assert numbers == [65, 76, 111, 112]  # 1996 and 2005 counts added from breadth.md §4a
    in_2018 = [f for f in kd.figures.filter(subject=groups.id) if str(f.as_of) == "2018-11"]
    assert sorted(int(f.value.value) for f in in_2018) == [111, 112]


def test_000_korea_china_regular_exchange_and_its_protocol():
    exchange = kd.mechanisms.lookup("Korea-China Regular Inter-Parliamentary Exchange")
    protocol = kd.documents[exchange.established_by]
    assert protocol.kind == "protocol" and str(protocol.signed) == "2006"
    assert set(protocol.parties) == {"kor", "chn"}


def test_001_the_2017_meeting_of_chiefs_of_missions():
    meeting = kd.meetings["chiefs-of-overseas-missions-2017"]
    assert meeting.mechanism == "meeting-of-chiefs-of-overseas-missions"
    assert str(meeting.date) == "2017-12-18/2017-12-22"
    assert meeting.attendance.value == 182
    assert len(meeting.themes) == 3
    dated = {s.title: str(s.date) for s in meeting.sessions if s.date}
    assert "2017-12-19" in dated.values() and "2017-12-20" in dated.values()
    kinds = {s.kind for s in meeting.sessions}
    assert {"plenary", "lecture", "group-discussion", "visit"} <= kinds
    assert any("moon-jae-in-government" in n or "government" in n for n in meeting.notes)


def test_001_plans_and_policy_tasks():
    names = {p.name.lower() for p in kd.policies if cites(p, CHIEFS, "paragraph-3") or p.government}
    assert any("overseas safety" in n for n in names)
    tasks = kd.policies.filter(kind="policy-task")
    assert len(tasks) >= 2


def test_001_impossible_traveller_figure_is_an_erratum():
    travellers = kd.figures["chiefs-2017-koreans-traveling-overseas"]
    assert travellers.value.value == Decimal("22000000")
    (erratum,) = travellers.errata
    assert erratum.printed == "22 billion" and erratum.corrected == "22 million"


def test_002_relations_table_and_overview_partnership_stages():
    asean = kd.partnerships.lookup("ASEAN")
    seed_stages = [s for s in asean.stages if any(c.source == ASEAN for c in s.citations)]
    assert [str(s.start) for s in seed_stages][:4] == [
        "1989-11",
        "1991-07",
        "2004-11-30",
        "2010-10-29",
    ]
    assert asean.status_on("1990-06-01").name == "Sectoral Dialogue Partner"
    assert asean.status_on("2005").name == "Comprehensive Cooperation Partnership"
    assert kd.meetings[asean.stages[1].made_at].ordinal == 24


def test_002_relations_table_summits():
    expected = {8: 2004, 9: 2005, 11: 2007, 13: 2010, 17: 2015, 18: 2016, 19: 2017, 20: 2018}
    expected |= {21: 2020, 22: 2021, 23: 2022, 24: 2023}
    for ordinal, year in expected.items():
        (summit,) = kd.summits.filter(mechanism="asean-rok-summit", ordinal=ordinal)
        assert summit.date.earliest.year == year
    assert kd.summits.filter(mechanism="asean-rok-summit", ordinal=21)[0].format == "virtual"
    (thirteenth,) = kd.summits.filter(mechanism="asean-rok-summit", ordinal=13)
    assert thirteenth.city == "Ha Noi" and str(thirteenth.date) == "2010-10-29"


def test_002_commemorative_summits():
    commemoratives = kd.summits.filter(mechanism="asean-rok-commemorative-summit")
    assert [str(m.date) for m in commemoratives][:3] == [
        "2009-06-01/2009-06-02",
        "2014-12-11/2014-12-12",
        "2019-11-25/2019-11-26",
    ]


def test_002_overview_documents_policies_and_the_mission():
    declaration = kd.documents["asean-rok-joint-declaration-ccp-2004"]
    assert declaration.adopted_at == "asean-rok-summit-8"
    assert str(kd.documents["asean-rok-plan-of-action-2011-2015"].covers) == "2011/2015"
    assert str(kd.documents["asean-rok-plan-of-action-2016-2020"].covers) == "2016/2020"
    assert str(kd.actors["rok-mission-to-asean"].established) == "2012-09"
    assert kd.policies.lookup("New Southern Policy").announced.earliest.year == 2017
    nspp = kd.policies.lookup("New Southern Policy Plus")
    assert nspp.announced_at == "asean-rok-summit-21" and nspp.announced_by == "moon-jae-in"
    kasi = kd.policies.lookup("KASI")
    assert kasi.announced.earliest.year == 2022 and kasi.announced_by == "yoon-suk-yeol"


def test_002_political_security():
    npd = kd.mechanisms.lookup("ARF Inter-Sessional Meeting on Non-Proliferation and Disarmament")
    assert npd.parent == "asean-regional-forum"
    assert [(r.actor, r.role, str(r.period)) for r in npd.roles] == [
        ("kor", "co-chair", "2018/2020")
    ]
    assert npd.errata[0].printed.startswith("AFR")
    ict = kd.mechanisms["arf-ism-ict-security"]
    assert str(ict.roles[0].period) == "2021/2023" and ict.errata[0].printed.startswith("ASF")
    assert "prk" in kd.mechanisms.lookup("ARF").members_on("2001")
    assert len(kd.mechanisms.lookup("ADMM-Plus").areas) == 7
    crime = kd.meetings.filter(mechanism="ammtc-rok")
    assert [m.date.earliest.year for m in crime] == [2019, 2021]


def test_002_economic_trade_investment_and_agreements():
    assert kd.figures["asean-rok-trade-2021"].value == kd.Money(Decimal("176500000000"), "USD")
    assert kd.figures["asean-rok-fdi-2020"].value.amount == Decimal("9770000000")
    assert kd.figures["asean-rok-fdi-2021"].value.amount == Decimal("6150000000")
    goods = kd.documents["asean-rok-trade-in-goods-agreement"]
    assert (str(goods.signed), str(goods.entered_into_force)) == ("2006-08-24", "2007-06")
    services = kd.documents["asean-rok-trade-in-services-agreement"]
    assert (str(services.signed), str(services.entered_into_force)) == ("2007-11-21", "2009-05-01")
    investment = kd.documents["asean-rok-investment-agreement"]
    assert (str(investment.signed), str(investment.entered_into_force)) == (
        "2009-06-02",
        "2009-09-01",
    )
    assert str(kd.documents["asean-rok-framework-agreement-cec-2005"].signed) == "2005-12-13"
    assert str(kd.documents["asean-rok-fta"].entered_into_force) == "2010-01-01"
    assert kd.documents["asean-rok-tig-third-protocol"].not_in_force_for == ("vnm",)
    assert kd.funds.lookup("BIMP-EAGA-ROK Cooperation Fund").established.earliest.year == 2021


def test_002_social_cultural():
    assert kd.programmes["asean-rok-media-people-exchanges"].started.earliest.year == 2012
    assert kd.programmes["asean-rok-childrens-librarians-training"].started.earliest.year == 2010
    house = kd.actors.lookup("ASEAN Culture House")
    assert str(house.established) == "2017" and house.seat == "Busan"
    mou = kd.documents["asean-culture-house-mou-2019"]
    assert "asean-cultural-center-bangkok" in mou.parties


def test_002_asean_korea_centre():
    centre = kd.actors.lookup("ASEAN-Korea Center")
    assert centre.id == "asean-korea-centre" and str(centre.established) == "2009-03"
    assert kd.documents["asean-korea-centre-mou-2007"].adopted_at == "asean-rok-summit-11"


def test_002_asean_rok_cooperation_fund():
    akcf = kd.funds.lookup("ASEAN-ROK Cooperation Fund")
    assert akcf.established.earliest.year == 1990
    assert akcf.annual_contribution_on(2018) == kd.Money(Decimal("7000000"), "USD")
    assert akcf.annual_contribution_on(2019) == kd.Money(Decimal("14000000"), "USD")
    assert akcf.annual_contribution_on("2023-06-01") == kd.Money(Decimal("20000000"), "USD")
    projects = kd.figures["asean-rok-cooperation-fund-projects"]
    assert projects.value.qualifier == "more-than" and projects.value.value == 420


def test_002_asean_plus_three():
    apt = kd.mechanisms.lookup("ASEAN Plus Three")
    assert str(apt.established) == "1997-12-15"  # the day of the 1st APT summit (audit item 7)
    (third,) = kd.summits.filter(mechanism="asean-plus-three", ordinal=3)
    assert third.city == "Manila" and "apt-joint-statement-east-asia-cooperation" in third.documents
    measures = sorted(
        int(f.value.value) for f in kd.figures.filter(subject="apt-easg-final-report")
    )
    assert measures == [9, 17]
    mechanisms = kd.figures["apt-mechanisms-2024"].value
    assert (mechanisms.value, mechanisms.qualifier) == (60, "over")
    assert str(kd.documents["apt-cooperation-work-plan-2023-2027"].covers) == "2023/2027"


def test_002_east_asia_summit():
    eas = kd.mechanisms.lookup("EAS")
    assert len(eas.members_on("2005-12-31")) == 16
    assert len(eas.members_on("2011-12-31")) == 18
    assert len(eas.areas) == 16 and eas.areas[0] == "Peace and Security"
    fmm = kd.mechanisms.lookup("EAS Foreign Ministers' Meeting")
    assert fmm.parent == "east-asia-summit"


def test_002_asean_regional_forum():
    arf = kd.mechanisms.lookup("ASEAN Regional Forum")
    assert arf.established.earliest.year == 1994
    assert len(arf.areas) == 5
    assert kd.figures["arf-participants-2024"].value.value == 27


def test_002_mekong_history_table():
    fmm = kd.meetings.filter(mechanism="mekong-rok-foreign-ministers-meeting")
    seed_fmm = [m for m in fmm if m.ordinal and m.ordinal <= 11]
    assert [m.ordinal for m in seed_fmm] == list(range(1, 12))
    assert [m.date.earliest.year for m in seed_fmm] == [
        2011,
        2012,
        2013,
        2014,
        2015,
        2016,
        2017,
        2018,
        2019,
        2020,
        2021,
    ]
    forums = kd.meetings.filter(mechanism="mekong-rok-business-forum")
    assert [m.ordinal for m in forums] == list(range(1, 10))
    assert forums[0].city == "Bangkok" and forums[0].date.earliest == dt.date(2013, 5, 1)
    assert (
        kd.meetings.filter(mechanism="mekong-donor-countries-meeting")[0].date.earliest.year == 1992
    )
    assert str(kd.documents["mekong-rok-plan-of-action-2014-2017"].covers) == "2014/2017"


def test_002_mekong_partnership_and_mechanisms():
    mekong = kd.partnerships.lookup("Mekong countries")
    assert [s.start.earliest.year for s in mekong.stages] == [2011, 2019, 2020]
    assert mekong.status_on("2021").name.startswith("Strategic Partnership")
    assert kd.mechanisms.lookup("Mekong-ROK Senior Officials' Meeting").parent is not None
    summits = kd.summits.filter(mechanism="mekong-rok-summit", status="held")
    assert [m.ordinal for m in summits][:2] == [1, 2]


def test_002_mekong_fund_conflict_and_economic_figures():
    fund = kd.funds.lookup("Mekong-ROK Cooperation Fund")
    (conflict,) = [c for c in fund.conflicts if c.field == "established"]
    assert {c.value for c in conflict.claims} >= {"2012", "2013-06"}
    assert conflict.preferred.value == "2013-06" and str(fund.established) == "2013-06"
    assert len(fund.priority_areas) == 7
    assert fund.contributions[0].amount.amount == Decimal("14420000")
    assert kd.figures["mekong-rok-trade-2020"].value.amount == Decimal("83200000000")
    parts = kd.figures.filter(metric=kd.figures["mekong-rok-visitors-2019"].metric)
    directions = {(f.direction.origin, f.direction.destination) for f in parts if f.direction}
    assert directions == {("kor", "mekong-countries"), ("mekong-countries", "kor")}
    assert str(kd.figures["mekong-rok-oda-1987-2020"].period) == "1987/2020"
