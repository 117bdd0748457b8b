"""Facts of the breadth research (relations and partnerships), checked through the public API.

Every expected value is written from the research notes (breadth.md sections 1 and 2 and the
conflict tables C1-C4), never read back from the data files. The per-partner tables are in
tests/relations_expected.py.
"""

import datetime as dt
import json
from importlib import resources

import pycountry
import pytest
from relations_expected import ESTABLISHED, KD_YEARS

import korea_diplomacy as kd

KOWP, ENWP, KD = "web-github-a51581", "web-github-c63b29", "web-github-bf4e45"
FORMER = {
    "soviet-union": ("SUHH", "1991-12-26", {"rus", "ukr", "blr", "kaz", "est", "lva", "ltu"}),
    "yugoslavia": ("YUCS", "2006-06", {"srb", "hrv", "svn", "bih", "mkd", "mne"}),
    "czechoslovakia": ("CSHH", "1992-12-31", {"cze", "svk"}),
    "republic-of-vietnam": (None, "1975-04-30", {"vnm"}),
    "north-yemen": (None, "1990-05-22", {"yem"}),
    "south-yemen": ("YDYE", "1990-05-22", {"yem"}),
    "west-germany": (None, "1990-10-03", {"deu"}),
}


def relation(partner):
    return kd.relations[f"relations-{partner}"]


def cited(item):
    return {c.source for c in item.citations}


# --------------------------------------------------------------------------- section 1b


def test_one_relation_per_partner_row():
    partners = {r.partner for r in kd.relations}
    rows = {iso.lower() for iso in ESTABLISHED} | {"prk", "pse", "xkx"}
    assert len(rows) == 198
    assert rows <= partners
    assert partners - rows == {"republic-of-vietnam", "south-yemen"}


@pytest.mark.parametrize(("iso", "expected"), sorted(ESTABLISHED.items()))
def test_establishment(iso, expected):
    date, confidence = expected
    assert confidence in ("high", "medium")
    rel = relation(iso.lower())
    assert rel.partner == iso.lower()
    assert str(rel.established) == date


STEPS = {
    # partner: [(kind, date, state)] in order, from the breaks column of section 1b
    "afg": [
        ("established", "1973-12-12", None),
        ("broken", "1978", None),
        ("restored", "2002-01", None),
    ],
    "ben": [
        ("established", "1961-08-01", None),
        ("broken", "1975", None),
        ("restored", "1990-10-03", None),
    ],
    "khm": [
        ("established", "1970-05-18", None),
        ("broken", "1975-04-05", None),
        ("restored", "1997-10-30", None),
    ],
    "cog": [
        ("established", "1961-08-21", None),
        ("broken", "1965", None),
        ("restored", "1990-06-16", None),
    ],
    "egy": [("consular-relations", "1961", None), ("established", "1995-04-13", None)],
    "grd": [
        ("established", "1974-08-01", None),
        ("suspended", "1979", None),
        ("restored", "1985-05", None),
    ],
    "gin": [
        ("established", "1978-01", None),
        ("broken", "1978-01-16/1978-02-15", None),
        ("restored", "2006-08-28", None),
    ],
    "irq": [("consular-relations", "1981-04", None), ("established", "1989-07-09", None)],
    "lao": [
        ("established", "1974-06-22", None),
        ("broken", "1975-07-24", None),
        ("restored", "1995-10-25", None),
    ],
    "lso": [
        ("established", "1966-12-07", None),
        ("broken", "1983", None),
        ("restored", "1986", None),
    ],
    "lby": [("consular-relations", "1978", None), ("established", "1980-12-29", None)],
    "mdg": [
        ("established", "1962-06-25", None),
        ("broken", "1972", None),
        ("restored", "1993/1994", None),
    ],
    "mlt": [
        ("established", "1965-04", None),
        ("suspended", "1971-09", None),
        ("restored", "1988-01", None),
    ],
    "mrt": [
        ("established", "1963-07-30", None),
        ("broken", "1964/1966", None),
        ("restored", "1978/1979", None),
    ],
    "mmr": [("consular-relations", "1961-08", None), ("established", "1975-05-16", None)],
    "syc": [
        ("established", "1976-06-28", None),
        ("broken", "1980", None),
        ("restored", "1995-01-29", None),
    ],
    "tgo": [
        ("established", "1963-07-26", None),
        ("broken", "1974-09-17", None),
        ("restored", "1991-01-23", None),
    ],
    "vat": [("established", "1963-12-11", None), ("raised-to-embassy", "1966-09-01", None)],
    "rus": [("established", "1990-09-30", "soviet-union"), ("succeeded", "1991-12-27", None)],
    "cze": [("established", "1990-03-22", "czechoslovakia"), ("succeeded", "1993-01-01", None)],
    "deu": [("established", "1955-12-01", "west-germany"), ("succeeded", "1990-10-03", None)],
    "srb": [("established", "1989-12-27", "yugoslavia"), ("succeeded", "2006-06", None)],
    "yem": [("established", "1985-08-22", "north-yemen"), ("succeeded", "1990-05-22", None)],
    "twn": [("established", "1948-08-13", None), ("ended", "1992-08-23", None)],
    "republic-of-vietnam": [("established", "1956", None), ("ended", "1975-04-29", None)],
    "south-yemen": [("established", "1990-05-17", None), ("ended", "1990-05-22", None)],
    "vnm": [("established", "1992-12-22", None)],
}


@pytest.mark.parametrize(("partner", "steps"), sorted(STEPS.items()))
def test_steps(partner, steps):
    events = relation(partner).events
    assert [(e.kind, str(e.date), e.state) for e in events] == steps


def test_partners_without_relations():
    for partner in ("prk", "pse", "xkx"):
        rel = relation(partner)
        assert rel.events == ()
        assert rel.established is None
        assert rel.status_on("2026-01-01") is None
        assert rel.citations and "no diplomatic relations" in rel.description
        assert partner not in kd.relations.partners_on("2026-01-01")


def test_every_step_is_cited_with_a_known_section():
    for rel in kd.relations:
        assert rel.citations
        for event in rel.events:
            assert event.citations
            assert all(c.section == "page" for c in event.citations)


# --------------------------------------------------------------------------- API


def test_lookups():
    for text in ("Viet Nam", "VN", "베트남", "vnm", "Vietnam"):
        assert kd.relations.lookup(text).id == "relations-vnm"
    rel = kd.relations.lookup("Viet Nam")
    assert str(rel.established) == "1992-12-22"
    assert rel.status_on("1992-12-21") is None
    assert rel.status_on("1992-12-22") == "diplomatic"
    assert kd.relations.lookup("Taiwan").status_on("1992-08-22") == "diplomatic"
    assert kd.relations.lookup("Taiwan").status_on("1992-08-23") == "ended"
    assert kd.relations.lookup("Holy See").event_on("1970").kind == "raised-to-embassy"
    assert kd.relations.lookup("Egypt").status_on("1980") == "consular"
    assert kd.relations.lookup("Laos").status_on("1980") == "broken"
    assert kd.relations.lookup("Malta").status_on("1980") == "suspended"
    assert kd.relations.lookup("Guinea").status_on("1978-01-15") == "diplomatic"
    assert kd.relations.lookup("Guinea").status_on("1978-03") == "broken"


def test_predecessor_states_are_counted_as_such():
    russia = kd.relations.lookup("Russia")
    assert russia.state_on("1991-06-01") == "soviet-union"
    assert russia.state_on("1992-01-01") == "rus"
    on_1991 = kd.relations.partners_on("1991-06-01")
    assert {"soviet-union", "yugoslavia", "czechoslovakia", "north-yemen"} & on_1991 == {
        "soviet-union",
        "yugoslavia",
        "czechoslovakia",
    }
    assert {"rus", "cze", "yem", "deu"} <= on_1991 | {"rus", "cze"}
    assert "yem" in on_1991 and "north-yemen" not in on_1991
    assert {"north-yemen", "south-yemen"} <= kd.relations.partners_on("1990-05-20")
    assert "west-germany" in kd.relations.partners_on("1990-10-02")
    assert "deu" in kd.relations.partners_on("1990-10-03")
    assert "republic-of-vietnam" in kd.relations.partners_on("1970")
    assert "republic-of-vietnam" not in kd.relations.partners_on("1976")


def test_panel():
    rows = {(r.partner, r.year): r for r in kd.relations.panel(since=1974, until=1996)}
    assert rows[("lao", 1974)].in_force and rows[("lao", 1975)].in_force
    assert not rows[("lao", 1976)].in_force and rows[("lao", 1995)].in_force
    assert rows[("lao", 1976)].status == "broken"
    assert rows[("rus", 1990)].state == "soviet-union" and rows[("rus", 1992)].state == "rus"
    assert not rows[("vnm", 1980)].in_force


# --------------------------------------------------------------------------- actors


def _country_actors():
    return [a for a in kd.actors if a.kind == "country" and a.id not in FORMER]


def test_country_codes_agree_with_pycountry():
    checked = 0
    for actor in _country_actors():
        if actor.id == "xkx":
            continue  # Kosovo has no ISO 3166-1 code; 'xkx' is a user-assigned code (see its note)
        country = pycountry.countries.get(alpha_3=actor.id.upper())
        assert country is not None, actor.id
        assert (actor.iso_alpha2, actor.iso_alpha3, actor.iso_numeric) == (
            country.alpha_2,
            country.alpha_3,
            country.numeric,
        )
        checked += 1
    assert checked >= 197
    kosovo = kd.actors["xkx"]
    assert kosovo.iso_alpha3 is None and pycountry.countries.get(alpha_3="XKX") is None
    assert "NA" not in kosovo.aliases  # kdiplo's R missing value, not a name


@pytest.mark.parametrize(("actor_id", "expected"), sorted(FORMER.items()))
def test_former_states(actor_id, expected):
    code, dissolved, successors = expected
    actor = kd.actors[actor_id]
    assert actor.kind == "country"
    assert actor.iso_3166_3 == code
    assert str(actor.dissolved) == dissolved
    assert successors <= set(actor.successors)
    if code is not None:
        historic = pycountry.historic_countries.get(alpha_4=code)
        assert historic is not None
    assert actor.citations


def test_former_state_names():
    assert kd.actors.lookup("USSR").id == "soviet-union"
    assert kd.actors.lookup("소련").id == "soviet-union"
    assert kd.actors.lookup("남예멘").id == "south-yemen"
    assert kd.actors.lookup("FRG").id == "west-germany"


# --------------------------------------------------------------------------- conflicts C1-C4

# (partner, index of step, field, preferred value, the other claim values)
CONFLICTS = [
    # C1: the ENWP-2019 table's wrong cells
    ("aus", 0, "date", "1961-10-30", {"1971-01"}),
    ("vct", 0, "date", "1979-10-28", {"1962-06-12"}),
    ("ind", 0, "date", "1973-12-10", {"1973-12-01"}),
    ("tha", 0, "date", "1958-10-01", {"1958-10-09"}),
    ("nld", 0, "date", "1961-04-04", {"1961-04-01"}),
    ("pak", 0, "date", "1983-11-07", {"1983-11-01"}),
    ("irl", 0, "date", "1983-10-04", {"1983-10-01"}),
    ("irq", 1, "date", "1989-07-09", {"1989-07-07"}),
    ("svn", 0, "date", "1992-11-18", {"1992-04-15"}),
    ("mne", 0, "date", "2006-09-04", {"2006-06-04"}),
    ("bdi", 0, "date", "1991-10-03", {"1993-10-03"}),
    ("bel", 0, "date", "1961-05-02", {"1961-03-23"}),
    ("fra", 0, "date", "1949-02-15", {"1849-06-04"}),
    ("stp", 0, "date", "1988-08-20", {"1962-10-16"}),
    ("fji", 0, "date", "1971-01-30", {"1970-10-01", "1971-02-26"}),
    # C2: unresolved or explained differences
    ("aut", 0, "date", "1963", {"1963-05-22", "1963-09-18"}),
    ("swe", 0, "date", "1959-03", {"1959-03-11", "1959-03-07"}),
    ("bhr", 0, "date", "1976-04", {"1976-04-13", "1976-04-17"}),
    ("isr", 0, "date", "1962-04-10", {"1962-04-09"}),
    ("nzl", 0, "date", "1962-03-26", {"1962-03-01"}),
    ("cyp", 0, "date", "1995-12-28", {"1995-12-29"}),
    ("gin", 2, "date", "2006-08-28", {"2006-08-29"}),
    ("mco", 0, "date", "2007-03", {"2007-03-31"}),
    ("sen", 0, "date", "1962-10-19", {"1962-08-19"}),
    ("smr", 0, "date", "2000-09-25", {"2000-06-25"}),
    ("vat", 0, "date", "1963-12-11", {"1966-09-01"}),
    ("twn", 0, "date", "1948-08-13", {"1949"}),
    ("twn", 1, "date", "1992-08-23", {"1992-08-22", "1992"}),
    ("republic-of-vietnam", 0, "date", "1956", {"1955"}),
    # C3: kdiplo years that differ
    ("com", 0, "date", "1979-02-19", {"1972"}),
    ("idn", 0, "date", "1973-09-17", {"1966"}),
    ("mmr", 1, "date", "1975-05-16", {"1961"}),
    ("svk", 0, "date", "1993-01", {"1948"}),
    ("cub", 0, "date", "2024-02-14", {"1949"}),
    ("usa", 0, "date", "1949-01-01", {"1882", "1882-05-22"}),
    ("ita", 0, "date", "1956-11-24", {"1884"}),
    ("khm", 2, "date", "1997-10-30", {"1998"}),
    ("mdg", 2, "date", "1993/1994", {"1993-05-19", "1994"}),
    ("mrt", 1, "date", "1964/1966", {"1964", "1966"}),
    ("mrt", 2, "date", "1978/1979", {"1978", "1979"}),
    ("lso", 1, "kind", "broken", {"no break"}),
    ("mlt", 1, "kind", "suspended", {"no break"}),
    ("grd", 1, "kind", "suspended", {"no break"}),
]


@pytest.mark.parametrize(("partner", "step", "field", "preferred", "others"), CONFLICTS)
def test_conflict(partner, step, field, preferred, others):
    event = relation(partner).events[step]
    [conflict] = [c for c in event.conflicts if c.field == field]
    assert conflict.preferred.value == preferred == str(getattr(event, field))
    assert {c.value for c in conflict.claims if not c.preferred} == others
    assert conflict.reason.strip()


def test_treaty_entry_into_force_conflict():  # C4
    treaty = kd.documents["rok-us-mutual-defense-treaty"]
    assert (str(treaty.signed), str(treaty.entered_into_force)) == ("1953-10-01", "1954-11-17")
    [conflict] = treaty.conflicts
    assert conflict.field == "entered_into_force"
    assert conflict.preferred.value == "1954-11-17"
    assert {c.value for c in conflict.claims} == {"1954-11-17", "1954-11-18"}


def test_count_conflict_1997():  # C4: KOWP's 182 in 1997 against Cambodia as the 183rd
    kowp = kd.figures["kor-diplomatic-partner-count-1997"]
    cambodia = kd.figures["kor-diplomatic-partner-rank-cambodia"]
    assert (kowp.value.value, cambodia.value.value) == (182, 183)
    assert any(i.field == "as_of" and i.value == "1997-10-29" for i in kowp.inferences)


# --------------------------------------------------------------------------- the kdiplo check


def _kd_cited(event):
    return any(
        KD in {c.source for c in claim.citations} for c0 in event.conflicts for claim in c0.claims
    )


def _kd_years_and_events(iso):
    events = list(relation(iso.lower()).events)
    if iso == "VNM":  # kdiplo's Viet Nam row carries the Republic of Vietnam's ties before 1992
        events = list(relation("republic-of-vietnam").events) + events
        events[-1] = ("restored", events[-1])
    return [e if isinstance(e, tuple) else (e.kind, e) for e in events]


@pytest.mark.parametrize(("iso", "years"), sorted(KD_YEARS.items()))
def test_kdiplo_years_agree_or_are_explained(iso, years):
    """Each step's year equals kdiplo's, or a conflict citing kdiplo explains the difference.

    kdiplo's cut_date is the last year with ties, so a break is expected in cut_date + 1.
    """
    est, cut, re_est = years
    steps = _kd_years_and_events(iso)
    first = next(e for kind, e in steps if kind == "established")
    assert first.date.earliest.year == est or _kd_cited(first), iso
    breaks = [e for kind, e in steps if kind in ("broken", "suspended", "ended")]
    for event in breaks:
        if event.date.earliest.year < est and _kd_cited(first):
            continue  # a step before kdiplo's first year: the establishment's conflict keeps it
        if cut is None:
            assert _kd_cited(event), f"{iso}: kdiplo records no break"
        else:
            assert event.date.earliest.year == cut + 1 or _kd_cited(event), iso
    if cut is not None and not breaks:
        assert _kd_cited(first), f"{iso}: kdiplo's cut is not a step, so a claim must keep it"
    for kind, event in steps:
        if kind != "restored":
            continue
        if re_est is not None:
            assert event.date.earliest.year == re_est or _kd_cited(event), iso
        elif cut is None and breaks:
            continue  # kdiplo has no break at all: the break's conflict explains it
        else:
            assert event.date.earliest.year == est or _kd_cited(event), iso


def test_kdiplo_table_is_complete():
    assert len(KD_YEARS) == 195 and set(KD_YEARS) == set(ESTABLISHED)
    # the breaks and re-establishments the notes quote from kdiplo
    assert {iso for iso, (_, cut, _) in KD_YEARS.items() if cut} == {
        "AFG", "BEN", "COG", "CUB", "KHM", "LAO", "MDG", "MRT", "SYC", "TGO", "TWN", "VNM",
    }  # fmt: skip


# --------------------------------------------------------------------------- section 1a

# figure id: (day to count on, stated value, the data's count, words explaining the difference)
MILESTONES = {
    "kor-diplomatic-partner-count-1949": ("1949", 5, 5, "same 5"),
    "kor-diplomatic-partner-count-1962": ("1962", 55, 55, "same 55"),
    "kor-diplomatic-partner-count-1990": ("1990", 144, 143, "count 143"),
    "kor-diplomatic-partner-count-1991": ("1991", 152, 151, "count 151"),
    "kor-diplomatic-partner-count-1991-12": ("1991-12", 153, 151, "count 151"),
    "kor-diplomatic-partner-count-1992": ("1992", 169, 168, "count 168"),
    "kor-diplomatic-partner-rank-cyprus": ("1995-12-28", 182, 181, "count 181"),
    "kor-diplomatic-partner-count-1997": ("1997", 182, 182, "also count 182"),
    "kor-diplomatic-partner-rank-cambodia": ("1997-10-30", 183, 182, "count 182"),
    "kor-diplomatic-partner-count-2019": ("2019", 191, 191, "same 191"),
    "kor-diplomatic-partner-rank-niue": ("2023-05-29", 192, 192, "same 192"),
    "kor-diplomatic-partner-rank-cuba": ("2024-02-14", 193, 193, "same 193"),
    "kor-diplomatic-partner-count-2025-syria": ("2025-04-10", 194, 194, "same 194"),
}


@pytest.mark.parametrize(("figure_id", "expected"), sorted(MILESTONES.items()))
def test_milestone_counts(figure_id, expected):
    day, stated, counted, words = expected
    figure = kd.figures[figure_id]
    assert figure.subject == "kor" and figure.metric == "diplomatic-partner-count"
    assert figure.value.value == stated and figure.value.unit == "partner countries"
    assert len(kd.relations.partners_on(day)) == counted
    explained = " ".join(figure.notes)
    assert words in explained
    if stated - counted == 1:
        assert "South Yemen" in explained  # the documented reason for the one-partner difference
    elif stated != counted:
        assert stated - counted == 2 and "not accounted for" in explained


def test_one_partner_difference_is_south_yemen():
    """The documented reason: the tallies count South Yemen on after unification."""
    late_1990 = kd.relations.partners_on("1990")
    assert "south-yemen" not in late_1990 and "yem" in late_1990
    assert len(late_1990 | {"south-yemen"}) == 144


def test_inferred_counts_are_inferences():
    for figure_id, value in (
        ("kor-diplomatic-partner-rank-cuba", "193"),
        ("kor-diplomatic-partner-count-2025-syria", "194"),
    ):
        figure = kd.figures[figure_id]
        assert any(i.field == "value" and i.value == value for i in figure.inferences)


def test_1992_count_conflict_within_kowp():
    [conflict] = kd.figures["kor-diplomatic-partner-count-1992"].conflicts
    assert conflict.preferred.value == "169"
    assert {c.value for c in conflict.claims} == {"169", "170"}


def test_other_section_1a_figures():
    assert kd.figures["prk-diplomatic-partner-count-1991-12"].value.value == 112
    assert kd.figures["kor-middle-east-partner-count-1980-06"].value.value == 13
    assert kd.figures["prk-middle-east-partner-count-1980-06"].value.value == 12
    assert kd.figures["kor-sole-recognition-count-1983-11"].value.value == 52
    assert kd.figures["prk-sole-recognition-count-1983-11"].value.value == 36
    assert kd.figures["dual-recognition-count-1983-11"].value.value == 68
    # 52 + 68 states recognised the South; the data hold 115 diplomatic partners that day
    assert len(kd.relations.partners_on("1983-11-07")) == 115
    note = " ".join(kd.figures["kor-sole-recognition-count-1983-11"].notes)
    assert "120" in note and "115" in note and "5 more" in note


def test_states_without_relations_in_1996():
    figure = kd.figures["kor-states-without-relations-1996-05"]
    assert figure.value.value == 6
    named = {"cub", "syr", "afg", "mkd", "mco", "smr"}
    partners = kd.relations.partners_on("1996-05-15")
    assert not named & partners
    states_then = {
        r.partner
        for r in kd.relations
        if r.partner not in ("prk", "pse", "xkx", "twn", "cok", "niu")
    } - {"mne", "ssd", "tls", "srb", "south-yemen", "republic-of-vietnam"}
    without = states_then - partners
    assert without == named | {"khm", "gin"}
    note = " ".join(figure.notes)
    assert "Cambodia" in note and "Guinea" in note and "eight" in note


def test_after_syria_only_north_korea_is_missing():
    assert kd.figures["kor-un-members-without-relations-2025"].value.value == 1
    partners = kd.relations.partners_on("2025-04-10")
    current = {r.partner for r in kd.relations if r.partner not in FORMER}
    assert current - partners == {"prk", "pse", "xkx", "twn"}  # only the DPRK is a UN member


# --------------------------------------------------------------------------- section 2

# counterpart: [(stage name, start, level, Korean label or None)]
STAGES = {
    "usa": [
        ("Alliance under the Mutual Defense Treaty", "1953-10-01", "alliance", None),
        ("Comprehensive Strategic Alliance", "2009-06-16", "alliance", "포괄적 전략동맹"),
        (
            "Global Comprehensive Strategic Alliance",
            "2022-05-21",
            "alliance",
            "글로벌 포괄적 전략동맹",
        ),
    ],
    "chn": [
        ("Strategic Cooperative Partnership", "2008-05-27", "strategic", "전략적 협력 동반자 관계")
    ],
    "jpn": [
        (
            "New Japan-ROK Partnership towards the 21st Century",
            "1998-10-08",
            "other",
            "21세기 새로운 한일 파트너십",
        )
    ],
    "rus": [
        (
            "Constructive and Mutually Complementary Partnership",
            "1994-06",
            "other",
            "건설적이고 상호보완적 동반자 관계",
        ),
        (
            "Mutually Trusting Comprehensive Partnership",
            "2004-09-21",
            "comprehensive",
            "상호신뢰하는 포괄적 동반자 관계",
        ),
        ("Strategic Cooperative Partnership", "2008-09-29", "strategic", "전략적 협력 동반자 관계"),
    ],
    "ind": [("Special Strategic Partnership", "2015-05-18", "special-strategic", None)],
    "aus": [("Comprehensive Strategic Partnership", "2021-12-13", "comprehensive-strategic", None)],
    "vnm": [
        ("21st-Century Comprehensive Partnership", "2001", "comprehensive", None),
        ("Strategic Cooperative Partnership", "2009", "strategic", None),
        ("Comprehensive Strategic Partnership", "2022-12-05", "comprehensive-strategic", None),
    ],
    "idn": [("Special Strategic Partnership", "2017", "special-strategic", None)],
    "gbr": [
        ("Global Strategic Partnership", "2023-11-22", "strategic", "글로벌 전략적 동반자 관계")
    ],
    "fra": [
        (
            "21st-Century Comprehensive Partnership",
            "2004-12-06",
            "comprehensive",
            "21세기 포괄적 동반자 관계",
        )
    ],
    "can": [
        ("Special Partnership", "1993", "other", "특별동반자 관계"),
        ("Strategic Partnership", "2014-09-22", "strategic", None),
        ("Comprehensive Strategic Partnership", "2022-09-23", "comprehensive-strategic", None),
    ],
    "pol": [
        ("Future-Oriented Partnership", "2004", "other", "미래지향적 동반자 관계"),
        ("Strategic Partnership", "2013-10-22", "strategic", None),
    ],
    "phl": [("Strategic Partnership", "2024-10-07", "strategic", None)],
    "are": [
        ("Strategic Partnership", "2009", "strategic", None),
        ("Special Strategic Partnership", "2018-03-25", "special-strategic", None),
    ],
    "uzb": [
        ("Strategic Partnership", "2006", "strategic", None),
        ("Special Strategic Partnership", "2019-04-19", "special-strategic", None),
    ],
    "mng": [("Strategic Partnership", "2021-09-10", "strategic", None)],
    "kaz": [
        ("Strategic Partnership", "2009", "strategic", None),
        ("Expanded Strategic Partnership", "2024-06-12", "strategic", None),
    ],
    "khm": [("Strategic Partnership", "2024-05-16", "strategic", None)],
    "nzl": [("Comprehensive Strategic Partnership", "2025-10-31", "comprehensive-strategic", None)],
    "sgp": [("Strategic Partnership (agreed in principle)", "2025-06-30", "strategic", None)],
    "tur": [],
}


@pytest.mark.parametrize(("counterpart", "stages"), sorted(STAGES.items()))
def test_partnership_stages(counterpart, stages):
    partnership = kd.partnerships[f"rok-{counterpart}"]
    assert partnership.counterpart == counterpart
    got = [
        (s.name, str(s.start), s.level, s.local_names[0].text if s.local_names else None)
        for s in partnership.stages
    ]
    assert got == stages
    assert all(s.citations for s in partnership.stages)


def test_documents_of_the_stages():
    made_by = {
        ("usa", 0): "rok-us-mutual-defense-treaty",
        ("usa", 1): "rok-us-joint-vision-2009",
        ("jpn", 0): "japan-rok-joint-declaration-1998",
        ("gbr", 0): "downing-street-accord-2023",
        ("ind", 0): "india-rok-joint-statement-ssp-2015",
    }
    for (counterpart, n), document in made_by.items():
        assert kd.partnerships[f"rok-{counterpart}"].stages[n].made_by == document
    assert str(kd.documents["downing-street-accord-2023"].signed) == "2023-11-22"
    assert str(kd.documents["japan-rok-joint-declaration-1998"].signed) == "1998-10-08"
    assert str(kd.documents["india-rok-joint-statement-ssp-2015"].adopted) == "2015-05-18"


def test_india_status():
    india = kd.partnerships.lookup("India")
    assert india.status_on("2016-01-01").name == "Special Strategic Partnership"
    assert india.status_on("2016-01-01").level == "special-strategic"
    assert india.status_on("2014-12-31") is None  # the 2010 start is UNVERIFIED and not entered


def test_asean_csp_is_unchanged_and_cites_donga():
    stage = kd.partnerships["rok-asean"].stages[-1]
    assert (str(stage.start), stage.level) == ("2024-10-10", "comprehensive-strategic")
    assert "web-donga-2e369e" in cited(stage)


def test_low_and_unverified_rows_are_not_entered():
    # low rows: France's 2025 proposal, Poland's 2026 CSP; UNVERIFIED: India 2010, Qatar CSP
    assert [s.level for s in kd.partnerships["rok-fra"].stages] == ["comprehensive"]
    assert all(str(s.start) < "2026" for s in kd.partnerships["rok-pol"].stages)
    assert "qat" not in {p.counterpart for p in kd.partnerships}
    assert "deu" not in {p.counterpart for p in kd.partnerships}
    assert all(str(s.start) != "2010" for s in kd.partnerships["rok-ind"].stages)
    assert str(kd.partnerships["rok-idn"].stages[0].start) == "2017"  # the day's page was not kept
    text = json.dumps(
        [json.loads(resources.files("korea_diplomacy.data").joinpath(f"{n}.json").read_text())
         for n in ("relations", "partnerships", "figures", "documents")],
        ensure_ascii=False,
    )  # fmt: skip
    assert "UNVERIFIED" not in text
    for url_part in ("darelhilal", "allaboutenglishmastery"):
        assert not [s for s in kd.sources if s.url and url_part in s.url]


def test_singapore_stage_is_marked_as_agreed_in_principle():
    stage = kd.partnerships["rok-sgp"].stages[0]
    assert "in principle" in stage.name and "formal" in stage.note


def test_level_rule_is_documented():
    for partnership in kd.partnerships:
        if partnership.id in ("rok-asean", "rok-mekong"):
            continue
        assert any("Level rule" in note for note in partnership.notes)


# --------------------------------------------------------------------------- section 2b

ROSTER_2014 = {
    "chn", "rus", "vnm", "col", "idn", "ind", "mex", "dnk", "tur", "rou",
    "uzb", "kaz", "eu", "are", "dza", "per", "asean", "pol", "can",
}  # fmt: skip


def test_2014_strategic_roster():
    figure = kd.figures["kor-strategic-partner-count-2014"]
    assert figure.value.value == 19 and str(figure.as_of) == "2014-09-22"
    assert len(ROSTER_2014) == 19
    held = kd.partnerships.partners_on("2014-09-22", level="strategic")
    assert held <= ROSTER_2014
    # what the data hold of the roster; the rest have no record or no dated stage yet
    assert held == {"chn", "rus", "vnm", "uzb", "kaz", "are", "asean", "pol", "can"}
    assert not kd.partnerships.partners_on("2014-09-22", level="strategic") & {"gbr", "aus"}


def test_2019_special_strategic_roster():
    figure = kd.figures["kor-special-strategic-partner-count-2019"]
    assert figure.value.value == 4
    assert kd.partnerships.partners_on("2019-04-21", level="special-strategic") == {
        "ind",
        "idn",
        "are",
        "uzb",
    }
    assert "uzb" not in kd.partnerships.partners_on("2019-04-18", level="special-strategic")


def test_alliance_level():
    assert kd.partnerships.partners_on("2000-01-01", level="alliance") == {"usa"}
    assert kd.partnerships.partners_on(dt.date(1953, 9, 30), level="alliance") == set()
