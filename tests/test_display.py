"""Notebook display: tables of records and collections."""

from __future__ import annotations

import attrs

import korea_diplomacy as kd
from korea_diplomacy.display import MAX_ROWS, collection_html


def test_reprs_are_short_and_readable():
    summit = kd.meetings["asean-rok-summit-13"]
    assert repr(summit) == "<Meeting asean-rok-summit-13: 13th ASEAN-ROK Summit (2010-10-29)>"
    assert repr(kd.summits) == f"<Collection summits: {len(kd.summits)} records>"
    assert repr(kd.sources["mofa-asean"]).startswith("<Source mofa-asean: ")


def test_a_collection_shows_a_table_of_id_name_date_and_sources():
    html = kd.partnerships._repr_html_()
    assert html.count("<table") == 1
    for header in ("<th", ">id<", ">name<", ">date<", ">sources<"):
        assert header in html
    assert "<code>rok-asean</code>" in html and "Nov 1989" in html
    # A web source links to its page.
    assert 'href="https://' in html


def test_a_long_collection_is_cut_with_a_count_of_the_rest():
    html = kd.sources._repr_html_()
    assert html.count("<tr>") == MAX_ROWS + 1  # the header row and MAX_ROWS records
    assert f"and {len(kd.sources) - MAX_ROWS} more" in html


def test_a_record_shows_its_fields_dates_and_sources():
    html = kd.partnerships["rok-asean"]._repr_html_()
    assert "Partnership" in html and "29 Oct 2010: Strategic Partnership" in html
    assert "mofa-asean" in html
    source_html = kd.sources["mofa-asean"]._repr_html_()
    assert "Ministry of Foreign Affairs" in source_html


def test_text_is_escaped():
    event = attrs.evolve(next(iter(kd.events)), name="<script>alert(1)</script>")
    for html in (collection_html("events", [event]), event._repr_html_()):
        assert "<script>" not in html and "&lt;script&gt;" in html


def test_an_empty_selection_renders():
    assert "0 records" in kd.Dataset({}).summits._repr_html_()


def test_only_web_addresses_become_links():
    source = kd.sources["mofa-asean"]
    meeting = next(m for m in kd.meetings if any(c.source == source.id for c in m.citations))
    for url, linked in [
        ("javascript:alert(1)", False),
        ("JavaScript:alert(document.cookie)", False),
        (" javascript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("vbscript:msgbox(1)", False),
        ("//evil.example/x", False),
        ("https://www.mofa.go.kr/", True),
        ("HTTP://www.mofa.go.kr/", True),
    ]:
        sources = kd.Dataset({"sources": [attrs.evolve(source, url=url)]}).sources
        html = collection_html("meetings", [meeting], sources)
        assert ("href=" in html) == linked, url
