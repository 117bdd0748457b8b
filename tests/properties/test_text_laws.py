"""Laws of text: any text is refused when a record is read, or survives everything after."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import korea_diplomacy as kd

SOURCE = {
    "id": "my-notes",
    "name": "My notes",
    "publisher": "Me",
    "kind": "reference",
    "language": "en",
    "sections": [{"id": "minutes", "title": "Minutes"}],
}


def _event(text: str) -> dict[str, Any]:
    return {
        "id": "my-event",
        "name": text,
        "citations": [{"source": "my-notes", "section": "minutes", "note": text}],
        "kind": "decision",
        "notes": [text],
    }


def _survives_or_is_refused(text: str) -> str:
    # As read from a file: JSON text escapes what UTF-8 cannot hold (a lone surrogate).
    data = json.loads(json.dumps({"sources": [SOURCE], "events": [_event(text)]}))
    try:
        ds = kd.Dataset.from_dict(data)
    except kd.DataError as error:
        assert all(problem.isprintable() for problem in error.problems), error.problems
        return "refused"
    event = ds.events["my-event"]
    assert event.name == text and event.notes == (text,)
    assert len(ds.digest()) == 64 and kd.validate(ds) == ()
    assert event._repr_html_() and ds.events._repr_html_()
    assert kd.to_records([event])[0]["name"] == text
    with tempfile.TemporaryDirectory() as out:
        kd.export(Path(out) / "json", format="json", dataset=ds)
        rows = json.loads((Path(out) / "json" / "events.json").read_text("utf-8"))
        assert [row["name"] for row in rows] == [text]
        kd.export(Path(out) / "csv", format="csv", dataset=ds)
        table = (Path(out) / "csv" / "events.csv").read_text("utf-8")
        (row,) = csv.DictReader(io.StringIO(table))
        assert text in row["name"]  # (a cell a spreadsheet would run may be neutralised)
    return "survives"


@settings(max_examples=40)
@given(st.text(max_size=20))
def test_any_text_survives_export_and_digest_or_is_refused_when_read(text):
    _survives_or_is_refused(text)


@pytest.mark.parametrize(
    ("text", "fate"),
    [
        ("\ud800", "refused"),
        ("a\udfffb", "refused"),
        ("\x00", "refused"),
        ("\u202egnp.exe", "refused"),
        ("\u200b", "refused"),
        ("", "refused"),
        ("\ufeffname", "refused"),
        ("line\nbreak", "refused"),
        ("\r", "refused"),
        ('=HYPERLINK("http://x")', "survives"),
        ("$\\foo$", "survives"),
        ("한·아세안 \u00a0 Hà Nội", "survives"),
        ("𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀", "survives"),
    ],
)
def test_each_awkward_text_survives_or_is_refused(text, fate):
    assert _survives_or_is_refused(text) == fate
