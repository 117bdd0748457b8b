"""Finding things, in the words of the new user's notebook (issue 12): full-text search, filters
that check their values, date order, names for people, and what the data covers."""

from __future__ import annotations

import itertools
import json
import pickle

import pytest

import korea_diplomacy as kd
from korea_diplomacy._search import words
from korea_diplomacy.cli import main
from optional_deps import need

# --------------------------------------------------------------------------- search


def test_busan_finds_the_meetings_held_in_busan_and_not_the_united_states():
    found = kd.search("Busan", limit=None)
    ids = [record.id for record in found]
    assert "usa" not in ids and "relations-usa" not in ids  # "usa" is not a word of "Busan"
    held_in_busan = [m.id for m in kd.meetings if m.city == "Busan"]
    assert len(held_in_busan) >= 4 and set(held_in_busan) <= set(ids)
    # A record named after Busan first, then those held there, before mere mentions.
    assert found.hits[0].field == "name" and "Busan" in found.hits[0].text
    by_id = {hit.record.id: hit for hit in found.hits}
    for meeting_id in held_in_busan:
        assert by_id[meeting_id].field in ("name", "city")
    mentions = [hit for hit in found.hits if hit.field in ("notes", "description")]
    assert mentions and max(h.score for h in mentions) < min(by_id[m].score for m in held_in_busan)


def test_rok_is_never_the_dprk_and_mission_is_not_admission():
    assert "prk" not in {a.id for a in kd.actors.search("ROK", limit=None)}
    assert kd.actors.search("ROK")[0].id == "kor"
    assert "prk" in {a.id for a in kd.actors.search("DPRK")}
    assert "kor" not in {a.id for a in kd.actors.search("North Korea", limit=None)}
    found = kd.search("mission", limit=None)
    assert "chiefs-of-overseas-missions-2017" in {r.id for r in found}
    for hit in found.hits:  # each hit holds a word starting "mission", not "admission" alone
        assert any(word.startswith("mission") for word in words(hit.text)), hit


def test_pyeongchang_olympics_and_video_conference_find_what_the_data_holds():
    for text in ("PyeongChang", "Olympics", "olymp", "pyeongchang winter olympics"):
        hits = kd.search(text).hits
        assert hits and hits[0].record.id == "chiefs-of-overseas-missions-2017", text
        assert hits[0].field.startswith("sessions."), text
    virtual = kd.search("video conference", collections=["meetings"], limit=None)
    assert {"asean-rok-summit-21", "asean-rok-summit-22", "east-asia-summit-15"} <= {
        m.id for m in virtual
    }
    assert all(m.format == "virtual" for m in virtual)


def test_search_ignores_case_accents_and_dashes_and_reads_korean():
    assert kd.search("viet nam")[:3] == kd.search("VIỆT NAM")[:3]
    top = [r.id for r in kd.search("Korea-Japan-China")][:5]
    assert "china-japan-korea-trilateral-summit" in top[:2]
    assert "china-japan-korea-trilateral-summit-1" in top
    assert kd.search("korea–japan–china")[:5] == kd.search("Korea-Japan-China")[:5]
    found = kd.search("정상회의", collections=["mechanisms"], limit=None)
    assert {"asean-rok-summit", "east-asia-summit"} <= {m.id for m in found}
    assert found.hits[0].field.startswith("local_names")
    assert kd.search("동아시아")[0].id == "east-asia-summit"


def test_american_spelling_finds_british():
    assert {m.id for m in kd.search("canceled", collections=["meetings"])} >= {
        "asean-plus-three-summit-2009-pattaya"
    }


def test_results_are_cut_and_the_caller_can_tell():
    found = kd.search("Mekong")
    assert len(found) == 20 and found.total > 20
    assert found.total == len(kd.search("Mekong", limit=None))
    mekong = kd.meetings.search("Mekong", limit=5)
    assert len(mekong) == 5 and mekong.total >= 26


def test_at_equal_score_results_come_in_date_order():
    found = kd.meetings.search("ASEAN-ROK Summit", limit=None)
    series = [h for h in found.hits if h.record.mechanism == "asean-rok-summit"]
    for a, b in itertools.pairwise(series):
        if a.score == b.score and a.record.date and b.record.date:
            assert a.record.date.sort_key() <= b.record.date.sort_key()


def test_search_results_can_be_filtered_framed_and_pickled():
    found = kd.meetings.search("Busan")
    assert {m.id for m in found.filter(year=2019)} == {
        "asean-rok-commemorative-summit-3",
        "mekong-rok-summit-1",
    }
    assert "<table" in found._repr_html_()
    assert pickle.loads(pickle.dumps(found)) == found
    assert pickle.loads(pickle.dumps(found)).hits == found.hits


def test_search_refuses_what_is_not_a_query():
    with pytest.raises(TypeError):
        kd.search(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        kd.search("Busan", limit="3")  # type: ignore[arg-type]
    assert kd.search("") == () and kd.search("  ,;  ") == ()
    assert kd.search("Busan " * 100_000).total == kd.search("Busan").total  # cut, not stuck
    with pytest.raises(kd.NotFoundError, match="did you mean: meetings"):
        kd.search("Busan", collections=["meetngs"])


# --------------------------------------------------------------------------- filters


@pytest.mark.parametrize(
    ("collection", "criteria", "closest"),
    [
        ("meetings", {"format": "video conference"}, None),
        ("meetings", {"format": "online"}, None),
        ("meetings", {"status": "canceled"}, "cancelled"),
        ("mechanisms", {"level": "leader"}, "leaders"),
        ("partnerships", {"level": "strategic partnership"}, "strategic"),
        ("relations", {"status": "diplomatic relations"}, "diplomatic"),
    ],
)
def test_a_value_outside_the_vocabulary_is_refused_with_the_choices(collection, criteria, closest):
    with pytest.raises(kd.InvalidCriteriaError) as error:
        kd.load().collection(collection).filter(**criteria)
    message = str(error.value)
    assert "valid:" in message and error.value.choices
    if closest is not None:
        assert f"did you mean {closest!r}" in message


def test_the_criteria_a_person_filters_on():
    assert {"city", "country", "venue", "format", "status", "mechanism"} <= set(
        kd.meetings.criteria
    )
    assert "level" in kd.partnerships.criteria and "counterpart" in kd.partnerships.criteria
    assert {"level", "counterparts", "kind"} <= set(kd.mechanisms.criteria)
    assert "status" in kd.relations.criteria
    assert [m.id for m in kd.meetings.filter(venue="KINTEX")] == ["korea-africa-summit-1"]
    assert {m.id for m in kd.meetings.filter(city="busan")} >= {"asean-rok-commemorative-summit-3"}
    assert kd.meetings.filter(country="Thailand") == kd.meetings.filter(country="tha")
    assert {p.counterpart for p in kd.partnerships.filter(level="comprehensive-strategic")} >= {
        "asean",
        "vnm",
        "aus",
    }
    assert {r.partner for r in kd.relations.filter(status="ended")} >= {"twn"}
    with pytest.raises(kd.InvalidCriteriaError) as error:
        kd.meetings.filter(colour="red")
    assert set(kd.meetings.criteria) <= set(error.value.choices)


def test_the_command_line_lists_with_the_same_criteria(capsys):
    assert main(["--json", "list", "meetings", "--city", "Busan", "--year", "2019"]) == 0
    listed = {r["id"] for r in json.loads(capsys.readouterr().out)}
    assert listed == {m.id for m in kd.meetings.filter(city="Busan", year=2019)}
    assert main(["list", "partnerships", "--level", "special-strategic", "--json"]) == 0
    listed = {r["id"] for r in json.loads(capsys.readouterr().out)}
    assert listed == {p.id for p in kd.partnerships.filter(level="special-strategic")}
    assert main(["list", "meetings", "--status", "canceled"]) == 2
    assert "did you mean 'cancelled'" in capsys.readouterr().err


# --------------------------------------------------------------------------- date order


def test_asean_plus_three_summits_come_in_order():
    ordinals = [m.ordinal for m in kd.summits.filter(mechanism="ASEAN Plus Three Summit")]
    numbered = [n for n in ordinals if n is not None]
    assert numbered == sorted(numbered) and numbered[:6] == [1, 2, 3, 4, 5, 6]
    assert [m.ordinal for m in kd.meetings if m.mechanism == "asean-plus-three-summit"][:3] == [
        1,
        2,
        3,
    ]


def test_undated_meetings_come_last_and_cancelled_ones_at_their_planned_date():
    meetings = list(kd.meetings)
    undated = [i for i, m in enumerate(meetings) if m.date is None and m.planned_date is None]
    assert undated == list(range(len(meetings) - len(undated), len(meetings)))
    thailand = kd.summits.filter(mechanism="ASEAN-ROK Summit", country="tha")
    assert [(m.city, m.status) for m in thailand] == [
        ("Pattaya", "cancelled"),
        ("Cha-am Hua Hin", "held"),
    ]


# --------------------------------------------------------------------------- names for people


def test_people_read_names_and_programs_keep_ids():
    labels = [f.label for f in kd.timeline(involving="aus") if f.kind == "membership-start"]
    assert "Australia joins ASEAN Regional Forum" in labels
    assert not any(label.startswith("aus ") for label in labels)
    assert kd.mechanisms.lookup("ARF").members_on("2000") >= {"usa", "aus"}  # ids stay data
    (row,) = [r for r in kd.to_records("summits", names=True) if r["id"] == "asean-rok-summit-13"]
    assert row["country"] == "vnm" and row["country_name"] == "Viet Nam"
    assert row["mechanism_name"] == "ASEAN-ROK Summit"
    assert kd.to_records("partnerships")[0]["id"] == kd.partnerships.ids[0]


def test_a_frame_with_names_beside_ids():
    need("pandas")
    frame = kd.to_frame("summits", names=True)
    row = frame[frame.id == "asean-rok-summit-13"].iloc[0]
    assert row["country"] == "vnm" and row["country_name"] == "Viet Nam"


def test_today_is_a_date():
    assert kd.mechanisms.lookup("EAS").members_on("today") == kd.mechanisms.lookup(
        "EAS"
    ).members_on(kd.parse_when("today"))
    assert len(kd.mechanisms.lookup("EAS").members_on("today")) == 18


def test_show_prints_names_beside_ids(capsys):
    assert main(["show", "asean-rok-summit-13"]) == 0
    out = capsys.readouterr().out
    assert "country: Viet Nam (vnm)" in out and "mechanism: ASEAN-ROK Summit" in out


def test_the_command_line_says_how_many_were_shown(capsys):
    assert main(["search", "Mekong"]) == 0
    out = capsys.readouterr().out
    assert f"20 of {kd.search('Mekong').total} shown" in out
    assert main(["search", "Quad"]) == 0
    assert "nothing matches 'Quad'" in capsys.readouterr().out


# --------------------------------------------------------------------------- coverage


def test_coverage_tells_what_is_held_and_what_is_missing():
    coverage = kd.coverage()
    meetings = coverage["meetings"]
    assert meetings.records == len(kd.meetings)
    assert meetings.dated == sum(1 for m in kd.meetings if m.date is not None)
    assert "east-asia-summit" in meetings.mechanisms and "kor" not in meetings.partners
    assert (
        str(meetings.first)
        == min((m.date for m in kd.meetings if m.date), key=lambda d: d.sort_key()).__str__()
    )
    assert any(
        "ASEAN Regional Forum: no record of meetings 4, 6, 8-10" in g for g in coverage.missing
    )
    assert any("rok-tur" in gap for gap in coverage["partnerships"].missing)
    assert "Known to be missing" in str(coverage)
    with pytest.raises(KeyError, match="meetings"):
        coverage["meeting"]


def test_coverage_follows_the_records_added():
    ds = kd.Dataset({**{n: list(kd.load().collection(n)) for n in ("sources", "actors")}})
    assert ds.coverage()["meetings"].records == 0
    assert ds.coverage()["meetings"].first is None


def test_a_name_not_in_the_data_says_so_instead_of_far_fetched_suggestions():
    with pytest.raises(kd.NotFoundError) as error:
        kd.mechanisms.lookup("Quad")
    assert error.value.suggestions == () and "does not hold it" in str(error.value)
    assert "kd.coverage()" in str(error.value)
    with pytest.raises(kd.NotFoundError) as error:
        kd.actors.lookup("Narnia")
    assert error.value.suggestions == ()
    with pytest.raises(kd.NotFoundError) as error:
        kd.mechanisms.lookup("NATO summit")
    assert error.value.suggestions == ()
    with pytest.raises(kd.NotFoundError) as error:
        kd.mechanisms.lookup("Busan")
    assert "mention it: kd.search('Busan')" in str(error.value)
    with pytest.raises(kd.NotFoundError) as error:
        kd.actors.lookup("Phillipines")
    assert error.value.suggestions == ("phl",)


def test_info_has_a_coverage_section(capsys):
    assert main(["info"]) == 0
    out = capsys.readouterr().out
    assert "known to be missing" in out and "mechanisms" in out
    assert main(["info", "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["coverage"] == kd.coverage().to_dict()


def test_show_a_country_with_its_relations_partnership_and_groups(capsys):
    assert kd.load().lookup("Viet Nam").id == "vnm"  # the country, not its relation records
    assert main(["show", "Viet Nam"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Viet Nam  [Actor vnm]")
    assert "ROK-Viet Nam diplomatic relations (relations-vnm)" in out
    assert "22 Dec 1992: established" in out
    assert "5 Dec 2022: Comprehensive Strategic Partnership" in out
    assert "member today of: Association of Southeast Asian Nations (asean)" in out
    assert "korea-diplomacy list meetings --involving vnm" in out
