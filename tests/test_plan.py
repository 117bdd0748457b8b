"""The field plan: each field declared once, on its class, and everything made from it."""

from __future__ import annotations

import importlib.util
import sys
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

import korea_diplomacy as kd
from korea_diplomacy import model
from korea_diplomacy._plan import (
    Amount,
    Choice,
    Date,
    Many,
    Maybe,
    Nested,
    OneOf,
    Text,
    Whole,
    about,
    involved,
    plan,
    shape_of,
)
from korea_diplomacy.datapackage import descriptor
from korea_diplomacy.dataset import VIEWS
from korea_diplomacy.model import Meeting, Membership, Money, Quantity
from korea_diplomacy.schema import build_schema
from korea_diplomacy.tables import columns
from korea_diplomacy.validation import validate

ROOT = Path(__file__).resolve().parents[1]


@attrs.frozen(kw_only=True, repr=False, eq=False)
class WeatherMeeting(Meeting):
    """A meeting whose weather the sources describe (a class made only for this test)."""

    weather: str | None = attrs.field(
        default=None, metadata=about("The weather on the day, as the sources describe it.")
    )


@pytest.fixture
def with_weather(monkeypatch):
    """The package with meetings of the class above: one new optional field, no other edit."""
    registry = dict(model.record_classes())
    # The bundled collections are read before the class is swapped: read during the test,
    # they would be built of the test's class and stay so for every later test.
    for name in (*registry, *VIEWS):
        kd.load().collection(name)
        getattr(kd, name)
    registry["meetings"] = WeatherMeeting
    monkeypatch.setattr(model, "_record_classes", registry)
    columns.cache_clear()
    yield
    columns.cache_clear()


def _gen_model_doc():
    spec = importlib.util.spec_from_file_location(
        "gen_model_doc", ROOT / "scripts" / "gen_model_doc.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    return module


def test_a_new_optional_field_shows_up_everywhere_with_no_other_edit(with_weather):
    doc = "The weather on the day, as the sources describe it."
    # The JSON Schema.
    schema = build_schema()
    weather = schema["$defs"]["WeatherMeeting"]["properties"]["weather"]
    assert (
        weather["description"] == doc
        and "weather" not in schema["$defs"]["WeatherMeeting"]["required"]
    )
    # The tables, and the Table Schema of both data package formats.
    assert "weather" in [c.name for c in columns(WeatherMeeting)]
    for format in ("csv", "json"):
        meetings = next(
            r for r in descriptor(kd.load(), format)["resources"] if r["name"] == "meetings"
        )
        field = next(f for f in meetings["schema"]["fields"] if f["name"] == "weather")
        assert field["description"].startswith(doc) and field["type"] == "string"
    # The data-model docs.
    assert f"| `weather` | text, or null | `None` | {doc} |" in _gen_model_doc().render()

    # Validation: the field's type is checked like any other.
    def as_new(meeting, **changes):
        fields = {f.name: getattr(meeting, f.name) for f in attrs.fields(Meeting)}
        return WeatherMeeting(**{**fields, **changes})

    records = {name: list(kd.load().collection(name)) for name in model.record_classes()}
    records["meetings"] = [as_new(m) for m in kd.meetings]
    summit = kd.meetings["asean-rok-summit-13"]
    sunny = as_new(summit, id="sunny-summit", ordinal=None, weather="sunny")
    assert validate(kd.Dataset({**records, "meetings": [*records["meetings"], sunny]})) == ()
    wrong = as_new(summit, id="wrong-summit", ordinal=None, weather=14)
    (problem,) = validate(kd.Dataset({**records, "meetings": [*records["meetings"], wrong]}))
    assert (problem.invariant, problem.record_id, problem.field) == (
        "field-type",
        "wrong-summit",
        "weather",
    )
    # Reading: the structurers read it, by the fast route and through cattrs alike.
    raw = kd.Dataset({"meetings": [sunny]}).to_dict()["meetings"][0]
    assert raw["weather"] == "sunny"
    from korea_diplomacy._convert import structure

    assert plan(WeatherMeeting).build(raw) == structure(raw, WeatherMeeting)


def test_shapes_are_read_from_the_annotations_once():
    assert isinstance(shape_of(str), Text)
    assert isinstance(shape_of(int), Whole)
    assert isinstance(shape_of(Decimal), Amount)
    assert isinstance(plan(Meeting).field("status").shape, Choice)
    assert isinstance(plan(Meeting).field("date").shape, Maybe)
    assert isinstance(plan(Meeting).field("date").shape.inner(), Date)
    assert isinstance(plan(Meeting).field("citations").shape, Many)
    assert isinstance(plan(Meeting).field("citations").shape.inner(), Nested)
    value = next(f for f in plan(kd.Figure).fields if f.name == "value")
    assert isinstance(value.shape, OneOf) and value.shape.classes == (Money, Quantity)
    assert plan(Meeting) is plan(Meeting)


def test_each_fact_of_a_field_is_read_from_its_declaration():
    country = plan(Meeting).field("country")
    assert country.ref == ("actors",) and country.about.involves
    assert plan(kd.Policy).field("related").ref == ("*",)
    assert plan(kd.Document).field("entered_into_force").about.after == ("adopted", "signed")
    assert plan(Membership).field("citations").about.must_cite
    assert plan(Meeting).field("outcomes").about.sentences
    assert plan(kd.Partnership).field("stages").about.ordered
    assert plan(kd.Actor).field("parent").about.hierarchy
    planned = plan(Meeting).field("date").about.planned
    assert callable(planned) and planned(kd.meetings.filter(status="planned")[0])
    assert "city" in kd.meetings.criteria and "description" not in kd.meetings.criteria


def test_a_record_involves_the_actors_its_fields_declare():
    summit = kd.meetings["asean-rok-summit-13"]
    assert involved(summit) == summit.involves() >= {"vnm"}
    assert "kor" in kd.partnerships.lookup("India").involves()  # implied: every partnership
    assert "asean" in kd.actors["asean"].involves()  # an actor involves itself
    arf = kd.mechanisms.lookup("ARF")
    assert {m.member for m in arf.memberships} <= arf.involves()


def test_text_refuses_control_and_invisible_characters_and_empty_names():
    text = Text()
    for bad in ("", "a\u200bb", "a\u202eb", "\ud800", "a\x00b", "tab\there"):
        with pytest.raises((TypeError, ValueError)):
            text.build(bad)
    assert text.build("한·아세안 Ha Noi") == "한·아세안 Ha Noi"
    assert text.build("no\u00a0break") == "no\u00a0break"  # a no-break space is text
    assert Text(empty_ok=True).build("") == ""


def test_amounts_are_read_exactly_as_written():
    amount = Amount()
    assert str(amount.build("14.50")) == "14.50"
    for bad in ("1_000", " 14 ", "1e5", "+14", "14.", "00014", "1e99999999", 14):
        with pytest.raises((TypeError, ValueError)):
            amount.build(bad)


def test_threads_asking_at_once_whether_a_class_holds_dates_all_hear_the_answer():
    # Worked out on first use: another thread asking meanwhile once read a provisional False.
    from korea_diplomacy import _plan
    from threads import at_once, switching_often

    classes = [model.record_classes()[name] for name in ("partnerships", "mechanisms", "figures")]
    with switching_often(1e-6):
        for _ in range(50):
            for class_plan in list(_plan._plans.values()):
                class_plan._dated = None
            answers = at_once(64, lambda n: plan(classes[n % len(classes)]).dated)
            assert answers == [True] * 64


def test_the_memo_of_dates_read_stays_bounded():
    from korea_diplomacy import _plan

    date = Date()
    for n in range(10_000):
        day = kd.PartialDate(1 + n // 365, 1 + n % 12, 1 + n % 28)
        assert date.build(str(day)) == day
    assert 0 < len(_plan._dates) <= 4096
