"""Each item of the November 2026 data audit (shared/research/audit-2026-11.md) is fixed.

Expected values are written by hand from the audit and the pages it names.
"""

import json
import re
from importlib import resources

import pytest

import korea_diplomacy as kd
from korea_diplomacy.model import record_classes

SEED = "mofa-asean"
RIGHT_TITLE = (
    "Mekong-Han River Declaration for Establishing Partnership for People, Prosperity and Peace"
)
PRINTED = (
    "Mekong-Han River Declaration for Establishing Partnership for People, Peace and Prosperity"
)


def sections(citations, source=SEED):
    return {c.section for c in citations if c.source == source}


def urls(record):
    return {kd.sources[c.source].url for c in record.citations if kd.sources[c.source].url}


def only_inference(record, field):
    (found,) = [i for i in record.inferences if i.field == field]
    return found


# --------------------------------------------------------------------------- wrong


def test_1_declaration_title_is_corrected_and_the_seed_erratum_kept():
    declaration = kd.documents["mekong-han-river-declaration"]
    assert declaration.name == RIGHT_TITLE
    (erratum,) = declaration.errata
    assert (erratum.field, erratum.printed, erratum.corrected) == ("name", PRINTED, RIGHT_TITLE)
    assert erratum.citation.source == SEED and erratum.citation.section == "mekong-history"
    assert "https://en.yna.co.kr/view/AEN20191127004200315" in urls(declaration)
    assert kd.documents.lookup(PRINTED) is declaration  # the printed title still finds it
    mekong = kd.partnerships["rok-mekong"]
    assert mekong.stages[1].name == "Partnership for People, Prosperity and Peace"
    (stage_erratum,) = mekong.errata
    assert stage_erratum.field == "stages[1].name"
    assert stage_erratum.printed == "Partnership for People, Peace and Prosperity"
    summit = kd.meetings["mekong-rok-summit-1"]
    assert not any("Peace and Prosperity" in o for o in summit.outcomes)


# --------------------------------------------------------------------------- wrong citations


def test_2_asean_accessions_cite_pages_that_state_them():
    for membership in kd.actors["asean"].memberships:
        assert "overview" not in sections(membership.citations), membership.member
        assert any(c.source.startswith("web-") for c in membership.citations)


def test_3_the_mekong_countries_cite_sections_that_name_them():
    assert {s.id for s in kd.sources[SEED].sections} >= {
        "mekong-heading",
        "mekong-political-security",
    }
    group = kd.actors["mekong-countries"]
    assert len(group.memberships) == 5
    for membership in group.memberships:
        assert sections(membership.citations) == {"mekong-heading", "mekong-political-security"}
    for iso in ("khm", "lao", "mmr", "tha", "vnm"):
        cited = sections(kd.actors[iso].citations)
        assert "mekong-mechanisms" not in cited and "mekong-political-security" in cited, iso


def test_4_the_mekong_rok_summit_start_cites_the_section_with_the_day():
    for membership in kd.mechanisms["mekong-rok-summit"].memberships:
        assert str(membership.start) == "2019-11-27"
        assert "economic" in sections(membership.citations)


# --------------------------------------------------------------------------- precision


def test_5_asean_korea_centre_inauguration_month():
    assert str(kd.events["asean-korea-centre-inauguration-2009"].date) == "2009-03"


def test_6_mekong_fmm_proposal_day_rests_on_the_13th_summit():
    proposal = kd.events["mekong-rok-fmm-proposal-2010"]
    assert str(proposal.date) == "2010-10-29"
    assert str(kd.meetings[proposal.at].date) == "2010-10-29"
    assert only_inference(proposal, "date").value == "2010-10-29"


@pytest.mark.parametrize(
    ("collection", "record_id", "field", "day", "inference"),
    [
        ("events", "eas-decision-2004", "date", "2004-11-29", True),
        ("documents", "mekong-rok-plan-of-action-2021-2025", "adopted", "2020-09-28", True),
        ("events", "mekong-rok-exchange-year-extension-2021", "date", "2021-09-08", True),
        ("documents", "apt-easg-final-report", "adopted", "2002-11-04", True),
        ("mechanisms", "asean-plus-three", "established", "1997-12-15", True),
    ],
)
def test_7_days_of_the_linked_meetings(collection, record_id, field, day, inference):
    record = kd.load().collection(collection)[record_id]
    assert str(getattr(record, field)) == day
    assert only_inference(record, field).value == day


def test_7_mekong_strategic_partnership_stage_day():
    stage = kd.partnerships["rok-mekong"].stages[2]
    assert str(stage.start) == "2020-11-13" and stage.made_at == "mekong-rok-summit-2"
    assert str(kd.meetings[stage.made_at].date) == "2020-11-13"
    (inference,) = stage.inferences
    assert inference.field == "start" and inference.value == "2020-11-13"


def test_8_special_apt_summit_day_and_joint_statement():
    special = kd.meetings["asean-plus-three-special-summit-2020-04"]
    assert str(special.date) == "2020-04-14" and special.format == "virtual"
    assert any("mehrnews.com" in u for u in urls(special))
    assert any("aseanprnetwork.org" in u for u in urls(special))
    (statement_id,) = special.documents
    statement = kd.documents[statement_id]
    assert statement.kind == "joint-statement" and str(statement.adopted) == "2020-04-14"
    assert "Special ASEAN Plus Three Summit" in statement.name
    assert statement.adopted_at == special.id


# --------------------------------------------------------------------------- inconsistent


def test_9_chiefs_of_missions_meeting_was_held_in_seoul():
    meeting = kd.meetings["chiefs-of-overseas-missions-2017"]
    assert meeting.status == "held" and meeting.planned_date is None
    assert meeting.city == "Seoul" and meeting.country == "kor" and meeting.format == "in-person"
    assert str(meeting.date) == "2017-12-18/2017-12-22"
    assert meeting.attendance.value == 182
    assert "http://www.tongilnews.com/news/articleView.html?idxno=123105" in urls(meeting)
    assert len(meeting.sessions) == 15  # the programme as announced is kept
    assert any("as announced" in n for n in meeting.notes)


def test_10_mekong_rok_summit_is_not_called_regular():
    summit = kd.mechanisms["mekong-rok-summit"]
    assert summit.frequency != "regular" and "regularly" not in summit.description
    (conflict,) = [c for c in summit.conflicts if c.field == "frequency"]
    assert {"regular"} < {c.value for c in conflict.claims}
    assert conflict.preferred.value == summit.frequency
    assert [m.ordinal for m in kd.meetings.filter(mechanism=summit.id, status="held")] == [1, 2]


def test_11_no_duplicated_outcome():
    outcomes = kd.meetings["asean-rok-summit-11"].outcomes
    assert len(outcomes) == 2
    assert sum("ASEAN-Korea Centre" in o for o in outcomes) == 1


def test_12_one_korea_herald_article_is_cited_once():
    kept, duplicate = kd.sources["web-koreaherald-09384b"], kd.sources["web-koreaherald-fe65eb"]
    assert kept.url.endswith("ud=20241010050486") and duplicate.url.endswith("ud=20241010050486")
    assert any("web-koreaherald-09384b" in n for n in duplicate.notes)
    text = "".join(
        resources.files("korea_diplomacy").joinpath("data", f"{name}.json").read_text("utf-8")
        for name in record_classes()
        if name != "sources"
    )
    assert '"web-koreaherald-fe65eb"' not in text
    assert any(c.source == kept.id for c in kd.meetings["asean-plus-three-summit-2024"].citations)


def test_13_commemorative_summit_ordinals():
    summits = kd.summits.filter(mechanism="asean-rok-commemorative-summit")
    assert [(m.ordinal, m.city, m.date.earliest.year) for m in summits] == [
        (1, "Jeju", 2009),
        (2, "Busan", 2014),
        (3, "Busan", 2019),
    ]
    (third,) = kd.summits.filter(mechanism="asean-rok-commemorative-summit", ordinal=3)
    assert "https://m.koreaherald.com/view.php?ud=20181114000735" in urls(third)
    assert not [i for m in summits for i in m.inferences if i.field == "ordinal"]


def test_14_one_spelling_per_place():
    places = [m.city for m in kd.meetings] + [d.place for d in kd.documents]
    assert "Hanoi" not in places and places.count("Ha Noi") >= 6
    assert kd.meetings.lookup("2nd Mekong-ROK Business Forum (Hanoi)").city == "Ha Noi"
    assert [m.id for m in kd.meetings.search("Hanoi")][:2] == [
        "mekong-rok-business-forum-2",
        "mekong-rok-business-forum-8",
    ]


def test_14_one_metric_per_kind_of_figure():
    metrics = {f.metric for f in kd.figures}
    assert "fdi-inflow" not in metrics
    investment = {f.id for f in kd.figures.filter(metric="investment")}
    assert investment == {"asean-rok-fdi-2020", "asean-rok-fdi-2021", "mekong-rok-investment-2020"}


def test_14_every_held_meeting_with_a_place_has_a_format():
    for meeting in kd.meetings:
        if meeting.status == "held" and meeting.city:
            assert meeting.format in ("in-person", "virtual", "hybrid"), meeting.id
    assert kd.meetings["asean-rok-commemorative-summit-1"].format == "in-person"
    assert kd.meetings["mekong-rok-foreign-ministers-meeting-12"].format == "in-person"


def test_15_the_hotel_claim_now_has_citations():
    (venue,) = kd.meetings["asean-rok-summit-25"].conflicts
    claims = {c.value: c for c in venue.claims}
    assert claims["National Convention Center"].preferred
    hotel = claims["a hotel in Vientiane"]
    assert not hotel.preferred and len(hotel.citations) == 2
    assert {kd.sources[c.source].publisher.split(" ")[0] for c in hotel.citations} == {
        "News1",
        "Money",
    }


def test_16_pasay_is_recorded_for_the_picc():
    summit = kd.meetings["asean-rok-summit-19"]
    assert summit.city == "Manila"
    assert summit.venue == kd.meetings["east-asia-summit-12"].venue
    assert "Pasay" in only_inference(summit, "city").value


# --------------------------------------------------------------------------- copied wording


def _words(text):
    return re.findall(r"[a-z0-9]+", text.lower())


def _longest_shared_run(a, b):
    a, b = _words(a), _words(b)
    best = 0
    for i in range(len(a)):
        for j in range(len(b)):
            n = 0
            while i + n < len(a) and j + n < len(b) and a[i + n] == b[j + n]:
                n += 1
            best = max(best, n)
    return best


# The seed sentences the audit found copied (or nearly), quoted here as test fixtures.
SEED_002_MEKONG_HEADING = (
    "Strengthening the cooperative relations between the ROK and the five Mekong countries "
    "(Cambodia, the Lao PDR, Myanmar, Thailand and Viet Nam)"
)
SEED_002_MEKONG_POLITICAL = (
    "The ROK has established diplomatic relations with the five Mekong countries (Cambodia, the "
    "Lao PDR, Myanmar, Thailand, Viet Nam), and the Mekong-ROK Foreign Ministers' Meeting has been "
    "held on a regular basis since 2011. The Mekong-ROK Cooperation has been further strengthened "
    "after the ROK hosted the 1st Mekong-ROK Summit in Busan in November 2019."
)
SEED_002_EASG = (
    "The Final Report of the EASG was adopted by the ASEAN Leaders at the ASEAN Plus Three Summit "
    "in 2002 in Cambodia."
)
SEED_001_GROUPS = (
    "The group discussions will focus on specific ways to coordinate with major countries toward "
    "a peaceful resolution of the North Korean nuclear issue"
)
SEED_001_EXPECTED = (
    "The forthcoming meeting of the mission chiefs is expected to serve as a good opportunity for "
    "the Foreign Ministry headquarters and its overseas missions to review the direction of the "
    "Moon Jae-in government's foreign policy and to explore ways to efficiently implement key "
    "policy tasks."
)


@pytest.mark.parametrize(
    ("collection", "record_id", "path", "seed"),
    [
        ("mechanisms", "mekong-rok-cooperation", ("description",), SEED_002_MEKONG_HEADING),
        ("mechanisms", "mekong-rok-cooperation", ("notes", 1), SEED_002_MEKONG_POLITICAL),
        (
            "meetings",
            "chiefs-of-overseas-missions-2017",
            ("sessions", 5, "topics", 0),
            SEED_001_GROUPS,
        ),
        ("partnerships", "rok-mekong", ("notes", 0), SEED_002_MEKONG_POLITICAL),
        ("documents", "apt-easg-final-report", ("notes", 1), SEED_002_EASG),
        ("meetings", "chiefs-of-overseas-missions-2017", ("notes", 5), SEED_001_EXPECTED),
    ],
)
def test_copied_sentences_are_rewritten(collection, record_id, path, seed):
    value = kd.load().collection(collection)[record_id]
    for step in path:
        value = value[step] if isinstance(step, int) else getattr(value, step)
    assert _longest_shared_run(value, seed) < 10, value


# --------------------------------------------------------------------------- Korean names


@pytest.mark.parametrize(
    ("collection", "text", "expected"),
    [
        ("mechanisms", "재외공관장회의", "meeting-of-chiefs-of-overseas-missions"),
        ("policies", "신남방정책 플러스", "new-southern-policy-plus"),
        ("mechanisms", "한·메콩 외교장관회의", "mekong-rok-foreign-ministers-meeting"),
        ("actors", "국회", "national-assembly"),
        ("mechanisms", "한미의원외교협의회", "korea-us-inter-parliamentary-council"),
        ("mechanisms", "한중 의회외교협의회", "korea-china-inter-parliamentary-council"),
        ("mechanisms", "의원친선협회", "parliamentary-friendship-groups"),
    ],
)
def test_missing_korean_names_are_added(collection, text, expected):
    record = kd.load().collection(collection).lookup(text)
    assert record.id == expected
    assert any(text in (n.text, *n.variants) for n in record.local_names)


# --------------------------------------------------------------------------- further facts


def test_mekong_rok_fund_one_million_a_year_since_2013():
    fund = kd.funds.lookup("Mekong-ROK Cooperation Fund")
    assert fund.annual_contribution_on("2014-06-01") == kd.Money(1_000_000, "USD")
    assert fund.annual_contribution_on("2017-06-01") == kd.Money(1_000_000, "USD")
    assert fund.annual_contribution_on("2020-06-01") == kd.Money(3_000_000, "USD")
    (rate,) = [c for c in fund.contributions if str(c.period) == "2013/2017"]
    (conflict,) = rate.conflicts
    assert conflict.preferred.value == "2013/2017" and len(conflict.claims) == 2


def test_mekong_rok_foreign_ministers_meeting_days():
    dates = {
        m.ordinal: str(m.date)
        for m in kd.meetings.filter(mechanism="mekong-rok-foreign-ministers-meeting")
    }
    assert dates[1] == "2011-10-27/2011-10-28"
    assert dates[4] == "2014-07-28/2014-07-29"
    assert dates[7] == "2017-09-01"
    assert dates[10] == "2020-09-28"
    assert dates[13] == "2025-07-11"
    seventh = kd.meetings.filter(mechanism="mekong-rok-foreign-ministers-meeting", ordinal=7)[0]
    assert kd.meetings["mekong-rok-foreign-ministers-meeting-4"].city == "Seoul"
    assert seventh.city == "Busan"
    assert str(kd.documents["mekong-rok-plan-of-action-2017-2020"].adopted) == "2017-09-01"
    assert any(
        "vietnamnews.vn" in u for u in urls(kd.meetings["mekong-rok-foreign-ministers-meeting-13"])
    )


def test_travellers_are_departures():
    travellers = kd.figures["chiefs-2017-koreans-traveling-overseas"]
    assert travellers.value.value == 22_000_000 and travellers.value.unit == "departures"
    assert any(
        u == "http://www.koreaherald.com/view.php?ud=20170204000047" for u in urls(travellers)
    )
    assert only_inference(travellers, "period").value == "2016"
    assert json.dumps([e.printed for e in travellers.errata]) == '["22 billion"]'
