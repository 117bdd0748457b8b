"""Summits beyond ASEAN, the National Assembly and the overseas missions (breadth.md §3 and §4).

Every high and medium row of the research notes is asserted through the public API; the expected
values are copied by hand from the notes, not read back from the data files.
"""

from decimal import Decimal

import pytest

import korea_diplomacy as kd


def series(mechanism):
    """(ordinal, date, city) of a mechanism's meetings that have an ordinal, in ordinal order."""
    meetings = [m for m in kd.meetings.filter(mechanism=mechanism) if m.ordinal is not None]
    meetings.sort(key=lambda m: m.ordinal)
    return [(m.ordinal, str(m.date) if m.date else None, m.city) for m in meetings]


def only(mechanism, **criteria):
    (found,) = kd.meetings.filter(mechanism=mechanism, **criteria)
    return found


def inferred(record, field):
    return [i for i in record.inferences if i.field == field]


def cites_url(record, fragment):
    urls = {kd.sources[c.source].url or "" for c in record.citations}
    return any(fragment in url for url in urls)


# --------------------------------------------------------------------------- 3a CJK


@pytest.mark.parametrize(
    "text", ["Korea-Japan-China Trilateral Summit", "한일중 정상회의", "CJK", "한중일 정상회의"]
)
def test_cjk_summit_resolves_from_its_names(text):
    assert kd.mechanisms.lookup(text).id == "china-japan-korea-trilateral-summit"


def test_cjk_summits_first_to_ninth():
    assert series("CJK") == [
        (1, "2008-12-13", "Fukuoka"),
        (2, "2009-10-10", "Beijing"),
        (3, "2010-05-29/2010-05-30", "Jeju"),
        (4, "2011-05-21/2011-05-22", "Tokyo"),
        (5, "2012-05-13/2012-05-14", "Beijing"),
        (6, "2015-11-01", "Seoul"),
        (7, "2018-05-09", "Tokyo"),
        (8, "2019-12-24", "Chengdu"),
        (9, "2024-05-27", "Seoul"),
    ]
    held = kd.summits.filter(mechanism="CJK", status="held")
    assert [m.country for m in held] == [
        "jpn",
        "chn",
        "kor",
        "jpn",
        "chn",
        "kor",
        "jpn",
        "chn",
        "kor",
    ]
    assert all(m.format == "in-person" for m in held)
    cjk = kd.mechanisms.lookup("CJK")
    assert str(cjk.established) == "2008-12-13"
    assert cjk.members_on("2009-01-01") == {"chn", "jpn", "kor"}
    assert cjk.members_on("2008-12-12") == frozenset()


def test_cjk_ninth_summit_and_its_declaration():
    ninth = only("CJK", ordinal=9)
    leaders = {(d.actor, d.person) for d in ninth.heads_of_delegation}
    assert leaders == {("kor", "Yoon Suk Yeol"), ("jpn", "Kishida Fumio"), ("chn", "Li Qiang")}
    (declaration,) = (kd.documents[d] for d in ninth.documents)
    assert declaration.kind == "declaration" and str(declaration.adopted) == "2024-05-27"
    assert declaration.adopted_at == ninth.id
    assert cites_url(ninth, "mofa.go.kr") and cites_url(ninth, "mofa.go.jp")
    assert cites_url(only("CJK", ordinal=8), "webarchives.pa.go.kr")


def test_cjk_tenth_not_held_as_of_late_2025():
    (tenth,) = kd.meetings.filter(mechanism="CJK", status="planned")
    assert tenth.date is None and tenth.planned_date is None  # no date agreed
    assert tenth.country == "jpn" and tenth.chairs == ("jpn",)
    assert tenth.ordinal is None and inferred(tenth, "ordinal")[0].value == "10"
    assert not kd.meetings.filter(mechanism="CJK", ordinal=10)


def test_trilateral_cooperation_secretariat():
    tcs = kd.actors.lookup("TCS")
    assert tcs.seat == "Seoul" and str(tcs.established) == "2011"


# --------------------------------------------------------------------------- 3b Pacific Islands


def test_pacific_islands_foreign_ministers_meetings():
    fmm = "Korea-Pacific Islands Foreign Ministers' Meeting"
    assert [(n, d) for n, d, _ in series(fmm)] == [
        (1, "2011-05-31/2011-06-02"),
        (2, "2014-11"),
        (3, "2017-12"),
        (4, "2021-11-16"),
        (5, "2022-10-27"),
        (6, "2025-12-08/2025-12-09"),
    ]
    first = only(fmm, ordinal=1)
    assert first.city == "Seoul"
    pics = {"cok", "fsm", "fji", "kir", "mhl", "nru", "niu", "plw", "png", "wsm", "slb", "ton"}
    assert set(first.participants) == pics | {"tuv", "vut", "kor"}
    assert len(first.participants) == 15  # 14 Pacific island countries and the ROK
    fourth = only(fmm, ordinal=4)
    assert fourth.format == "virtual"
    assert any("summit level" in o for o in fourth.outcomes)
    assert any("every two years" in o for o in fourth.outcomes)
    assert only(fmm, ordinal=5).city == "Seoul"
    sixth = only(fmm, ordinal=6)
    assert sixth.city == "Seoul" and set(sixth.chairs) == {"kor", "slb"}
    assert {d.person for d in sixth.heads_of_delegation} == {"Cho Hyun", "Peter Shanel Agovaka"}
    assert inferred(sixth, "date")  # the year 2025 is inferred, not stated


def test_pacific_islands_fmm_cycle_is_a_conflict_with_both_sides():
    fmm = kd.mechanisms.lookup("Korea-Pacific Islands Foreign Ministers' Meeting")
    (cycle,) = [c for c in fmm.conflicts if c.field == "frequency"]
    assert {c.value for c in cycle.claims} == {"every three years", "every two years"}
    assert cycle.preferred.value == fmm.frequency == "every two years"
    assert "different periods" in cycle.reason
    assert str(fmm.established) == "2011-05-31"


def test_first_korea_pacific_islands_summit():
    summit = only("Korea-Pacific Islands Summit", ordinal=1)
    assert str(summit.date) == "2023-05-29/2023-05-30" and summit.city == "Seoul"
    assert set(summit.chairs) == {"kor", "cok"}
    assert {d.person for d in summit.heads_of_delegation} == {"Yoon Suk Yeol", "Mark Brown"}
    declaration = kd.documents.lookup("2023 Korea-Pacific Islands Leaders' Declaration")
    assert declaration.adopted_at == summit.id and declaration.id in summit.documents
    assert kd.actors.lookup("PIF").id == "pacific-islands-forum"


# --------------------------------------------------------------------------- 3c Africa


def test_korea_africa_forum_sessions():
    assert series("Korea-Africa Forum") == [
        (1, "2006", "Seoul"),
        (2, "2009", "Seoul"),
        (3, "2012-10-17", "Seoul"),
        (4, None, "Addis Ababa"),
    ]
    forum = kd.mechanisms.lookup("Korea-Africa Forum")
    assert forum.frequency == "every three years" and str(forum.established) == "2006"
    assert inferred(only("Korea-Africa Forum", ordinal=2), "date")[0].value == "2009"
    third = only("Korea-Africa Forum", ordinal=3)
    assert set(third.chairs) == {"kor", "african-union"}
    assert third.attendance.value == 18
    assert [d.actor for d in third.heads_of_delegation] == ["zmb"]
    documents = {kd.documents[d].kind: kd.documents[d] for d in third.documents}
    assert documents["declaration"].name == "Seoul Declaration 2012"
    assert str(documents["plan-of-action"].covers) == "2013/2015"
    fourth = only("Korea-Africa Forum", ordinal=4)
    assert fourth.country == "eth" and fourth.date is None  # the year was not found


def test_first_korea_africa_summit():
    summit = only("Korea-Africa Summit", ordinal=1)
    assert str(summit.date) == "2024-06-04/2024-06-05"
    assert "KINTEX" in summit.venue and summit.country == "kor"
    assert set(summit.chairs) == {"kor", "mrt"}
    assert summit.attendance.value == 48
    assert any("25" in n for n in summit.notes)  # 25 heads of state or government
    (business,) = summit.sessions
    assert str(business.date) == "2024-06-05" and "Business" in business.title


# --------------------------------------------------------------------------- 3d Central Asia


def test_korea_central_asia_cooperation_forum():
    assert series("Korea-Central Asia Cooperation Forum") == [
        (1, "2007-11-15", "Seoul"),
        (3, None, "Seoul"),
        (16, "2023-11-01", "Ashgabat"),
        (17, "2024-11-04", "Seoul"),
    ]
    third = only("Korea-Central Asia Cooperation Forum", ordinal=3)
    assert third.venue == "National Museum of Korea"
    assert third.heads_of_delegation[0].person == "Shin Kak-soo"
    assert only("Korea-Central Asia Cooperation Forum", ordinal=16).country == "tkm"
    assert only("Korea-Central Asia Cooperation Forum", ordinal=16).heads_of_delegation[
        0
    ].person == ("Park Jin")
    seventeenth = only("Korea-Central Asia Cooperation Forum", ordinal=17)
    assert seventeenth.venue == "Lotte Hotel" and seventeenth.chairs == ("kor",)
    assert seventeenth.heads_of_delegation[0].person == "Cho Tae-yul"
    secretariat = kd.actors["korea-central-asia-cooperation-forum-secretariat"]
    assert secretariat.seat == "Seoul" and secretariat.established is None  # year UNVERIFIED
    dialogue = kd.programmes.lookup("2024 Next Generation Dialogue")
    assert dialogue.organisers == (secretariat.id,) and str(dialogue.started) == "2024-06"


def test_first_korea_central_asia_summit_is_planned():
    summit = only("Korea-Central Asia Summit", ordinal=1)
    assert summit.status == "planned" and summit.date is None
    assert str(summit.planned_date) == "2026-09-16/2026-09-17"
    assert any("2025" in n for n in summit.notes)  # first planned for 2025 in Seoul


# ------------------------------------------------------------------ 3e V4, 3f MIKTA, 3g SICA


def test_v4_korea_summits():
    assert series("V4+Korea Summit") == [(1, "2015-12-03", "Prague"), (2, "2021-11-04", "Budapest")]
    first, second = kd.summits.filter(mechanism="V4+Korea Summit")
    assert first.participants == second.participants
    assert set(first.participants) == {"kor", "cze", "hun", "pol", "svk"}
    assert {d.person for d in first.heads_of_delegation if d.actor == "kor"} == {"Park Geun-hye"}
    assert {d.person for d in second.heads_of_delegation if d.actor == "kor"} == {"Moon Jae-in"}
    assert kd.actors.lookup("V4").id == "visegrad-group"


def test_mikta_foreign_ministers_meetings():
    assert series("MIKTA Foreign Ministers' Meeting") == [
        (1, "2013-09-25", "New York"),
        (2, "2014-04-13/2014-04-14", "Mexico City"),
        (4, "2014-11-15", "Brisbane"),
        (5, "2015-05-22", "Seoul"),
        (11, "2017-12-13", "Istanbul"),
    ]
    mikta = kd.actors.lookup("MIKTA")
    assert mikta.members_on("2014-01-01") == {"mex", "idn", "kor", "tur", "aus"}
    assert mikta.members_on("2013-09-24") == frozenset()
    fourth = only("MIKTA Foreign Ministers' Meeting", ordinal=4)
    assert fourth.chairs == ("kor",) and fourth.heads_of_delegation[0].person == "Yun Byung-se"
    fifth = only("MIKTA Foreign Ministers' Meeting", ordinal=5)
    assert kd.documents[fifth.documents[0]].name == "MIKTA Vision Statement"
    eleventh = only("MIKTA Foreign Ministers' Meeting", ordinal=11)
    assert eleventh.chairs == ("tur",)
    assert eleventh.heads_of_delegation[0].title == "Vice Minister of Foreign Affairs"


def test_korea_sica_summits():
    assert series("Korea-SICA Summit") == [
        (1, "1996", None),
        (2, "2005", None),
        (3, "2010-06-29", "Panama City"),
        (4, "2021-06-25", None),
    ]
    assert only("Korea-SICA Summit", ordinal=4).format == "virtual"
    third = only("Korea-SICA Summit", ordinal=3)
    assert third.heads_of_delegation[0].person == "Lee Myung-bak"
    assert any("13 points" in o for o in third.outcomes)
    assert any("observer" in o for o in third.outcomes)


# ------------------------------------------------------------------ 3h Middle East, Arab, GCC


def test_middle_east_forum_and_korea_arab_society():
    fifth = only("Korea-Middle East Cooperation Forum", ordinal=5)
    assert fifth.date is None and inferred(fifth, "date")  # the year is only inferred
    assert fifth.city == "Seoul" and fifth.venue == "Shilla Hotel"
    society = kd.actors.lookup("한-아랍소사이어티")
    assert society.id == "korea-arab-society"
    assert str(society.established) == "2008-05-26" and society.seat == "Seoul"


def test_gcc_korea_fta_and_what_was_signed():
    fta = kd.documents.lookup("Korea-GCC FTA")
    assert fta.kind == "agreement" and set(fta.parties) == {"kor", "gcc"}
    assert fta.signed is None
    signed = kd.documents["gcc-korea-fta-conclusion-statement-2023"]
    assert str(signed.signed) == "2023-12-28" and signed.place == "Seoul"
    (what,) = signed.conflicts
    assert what.field == "kind" and {c.value for c in what.claims} == {
        "agreement",
        "joint-statement",
    }
    assert what.preferred.value == signed.kind == "joint-statement"
    assert all(claim.citations for claim in what.claims)


# ------------------------------------------------------------------ 3i hosted global summits


@pytest.mark.parametrize(
    ("mechanism", "date", "city", "ordinal", "inferred_ordinal"),
    [
        ("APEC Economic Leaders' Meeting", "2005-11-18/2005-11-19", "Busan", None, "13"),
        ("G20 Leaders' Summit", "2010-11-11/2010-11-12", "Seoul", None, "5"),
        ("Nuclear Security Summit", "2012-03-26/2012-03-27", "Seoul", None, "2"),
        ("P4G Summit", "2021-05-30/2021-05-31", "Seoul", None, "2"),
        ("Summit for Democracy", "2024-03-18/2024-03-20", "Seoul", 3, None),
        ("APEC Economic Leaders' Meeting", "2025-10-31/2025-11-01", "Gyeongju", None, None),
    ],
)
def test_global_summits_hosted_by_korea(mechanism, date, city, ordinal, inferred_ordinal):
    (meeting,) = [m for m in kd.summits.filter(mechanism=mechanism) if str(m.date) == date]
    assert meeting.city == city and meeting.country == "kor"
    assert meeting.ordinal == ordinal
    found = inferred(meeting, "ordinal")
    assert [i.value for i in found] == ([inferred_ordinal] if inferred_ordinal else [])


def test_global_summit_details():
    busan = kd.documents.lookup("Busan Declaration")
    assert str(busan.adopted) == "2005-11-19"
    assert kd.meetings[busan.adopted_at].city == "Busan"
    gyeongju = kd.meetings[kd.documents.lookup("Gyeongju Declaration").adopted_at]
    assert gyeongju.venue == "HwaBaek Convention Center"
    assert kd.meetings["g20-leaders-summit-2010-seoul"].venue == "COEX"
    nss = kd.meetings["nuclear-security-summit-2012"]
    assert nss.attendance.value == 53 and nss.venue == "COEX"
    assert kd.documents.lookup("Seoul Communiqué").adopted_at == nss.id
    assert kd.meetings["p4g-summit-2021"].format == "virtual"
    assert kd.documents.lookup("P4G Seoul Declaration").adopted_at == "p4g-summit-2021"


# --------------------------------------------------------------------------- 4a National Assembly


def test_national_assembly_councils_over_time():
    us = kd.mechanisms.lookup("한미의원외교협의회")
    assert us.id == "korea-us-inter-parliamentary-council"
    launch = kd.events["na-korea-us-council-launch-1995"]
    assert str(launch.date) == "1995-06-08" and us.id in launch.related
    in_1996 = kd.events["na-councils-organised-1996"]
    assert str(in_1996.date) == "1996-08-07" and len(in_1996.related) == 5
    councils = kd.figures.filter(subject="national-assembly", metric="inter-parliamentary-councils")
    assert sorted((str(f.as_of), int(f.value.value)) for f in councils) == [
        ("1996-08-07", 4),
        ("2018-11", 4),
    ]
    china = kd.mechanisms.lookup("한중 의회외교협의회")
    assert str(kd.events["na-korea-china-council-launch-2013"].date) == "2013-03-26"
    assert china.id in kd.events["na-korea-china-council-launch-2013"].related
    in_2017 = kd.events["na-councils-reconstituted-2017"]
    assert str(in_2017.date) == "2017-04-06" and "50 members" in in_2017.description
    assert inferred(in_2017, "related")  # which four councils is inferred


def test_friendship_groups_counted_over_time_with_one_metric():
    groups = kd.mechanisms.lookup("의원친선협회")
    counts = kd.figures.filter(subject=groups.id, metric="group-count")
    assert sorted((str(f.as_of), int(f.value.value)) for f in counts) == [
        ("1996-08-07", 65),
        ("2005-02-17", 76),
        ("2018-11", 112),
    ]
    assert {f.value.unit for f in counts} == {"groups"}


def test_newer_parliamentary_bodies():
    union = kd.mechanisms.lookup("한중의원연맹")
    assert str(union.established) == "2022-12-02" and union.counterparts == ("chn",)
    forum = kd.mechanisms.lookup("한미 의회외교포럼")
    assert str(forum.established) == "2019" and forum.counterparts == ("usa",)
    speakers = only("central-asia-rok-speakers-meeting", ordinal=2)
    assert str(speakers.date) == "2024-10-14" and speakers.city == "Ashgabat"
    iraq = kd.mechanisms["korea-iraq-parliamentary-friendship-association"]
    assert iraq.parent == "parliamentary-friendship-groups" and iraq.counterparts == ("irq",)
    assert any("2012" in n and "2013" in n for n in iraq.notes)
    assert kd.actors.lookup("국회").id == "national-assembly"


# --------------------------------------------------------------------------- 4b overseas missions


def test_overseas_missions_in_november_2023():
    missions = kd.actors.lookup("재외공관")
    figures = {f.metric: f for f in kd.figures.filter(subject=missions.id)}
    assert {m: int(f.value.value) for m, f in figures.items()} == {
        "mission-count": 167,
        "embassy-count": 116,
        "consulate-general-count": 46,
        "permanent-mission-count": 5,
        "branch-office-count": 14,
        "field-office-count": 7,
    }
    assert all(str(f.as_of) == "2023-11" for f in figures.values())
    parts = [f for f in figures.values() if f.part_of == "rok-overseas-missions-2023-11"]
    assert sum(f.value.value for f in parts) == Decimal(167)
    low_years = {"1965", "1976", "1989", "2020-06"}
    assert not low_years & {str(f.as_of) for f in kd.figures.filter(subject=missions.id)}


def test_missions_planned_for_2024_and_the_chiefs_meeting():
    planned = kd.events["rok-missions-planned-2024"]
    expected = {"lux", "ltu", "mhl", "bwa", "sur", "svn", "sle", "arm", "est", "jam", "zmb", "geo"}
    assert set(planned.actors) - {"mofa"} == expected
    chiefs = kd.meetings["chiefs-of-overseas-missions-2017"]
    assert "rok-overseas-missions" in chiefs.participants
    assert kd.figures["chiefs-2017-mission-chiefs"].value.value == 182
