"""The JSON Schema and the loader agree: what one accepts, the other accepts.

Field by field, for any JSON value, the schema of a field accepts it exactly when the loader
reads it; whole records generated from the model validate. The one thing the schema cannot
say is that a span of two dates may not end before it begins (JSON Schema cannot compare two
dates): such a span passes the schema and is refused by the loader.
"""

from __future__ import annotations

import copy
import functools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import korea_diplomacy as kd
from korea_diplomacy._convert import converter
from korea_diplomacy._plan import plan
from korea_diplomacy.errors import DateParseError
from korea_diplomacy.model import record_classes
from optional_deps import need
from strategies import records


def _validator(schema):
    jsonschema = need("jsonschema")
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _meeting():
    return converter().unstructure(kd.meetings["asean-rok-summit-13"])


@pytest.mark.parametrize(
    ("change", "what"),
    [
        (lambda m: m.update(date="29 Oct 2010"), "not EDTF"),
        (lambda m: m.update(date="2010-13"), "no 13th month"),
        (lambda m: m.update(status="happened"), "not in the vocabulary"),
        (lambda m: m.update(ordinal="13"), "a number as text"),
        (lambda m: m.update(colour="red"), "unknown field"),
        (lambda m: m.pop("citations"), "required field missing"),
        (lambda m: m.update(attendance={"value": 1.5, "unit": "people"}), "a float amount"),
        (lambda m: m["citations"][0].update(page=3), "unknown field in a citation"),
    ],
)
def test_the_schema_rejects_what_the_loader_rejects(change, what):
    validator = _validator(kd.json_schema("meetings"))
    meeting = _meeting()
    assert validator.is_valid([meeting])
    bad = copy.deepcopy(meeting)
    change(bad)
    assert not validator.is_valid([bad]), what
    with pytest.raises(kd.DataError):
        kd.Dataset.from_dict({"meetings": [bad]})


@settings(max_examples=25)
@given(
    st.sampled_from(list(record_classes())).flatmap(
        lambda n: st.tuples(st.just(n), records(record_classes()[n]))
    )
)
def test_any_valid_record_validates(pair):
    # Records the model accepts, in their canonical form, are valid JSON: the schema is not
    # stricter than the model.
    name, record = pair
    validator = _validator(kd.json_schema(name))
    assert validator.is_valid([converter().unstructure(record)])


FIELDS = [
    (cls, field)
    for cls in {c for c in record_classes().values()}
    | {
        inner
        for c in record_classes().values()
        for f in plan(c).fields
        for inner in f.shape.holds()
    }
    for field in plan(cls).fields
]

# Values near every edge of the format: numbers written many ways, dates real and not,
# invisible characters, empty text, lists where one value is expected, and the like.
EDGES = st.sampled_from(
    [
        "14",
        "-3",
        "14.50",
        "0",
        "-0",
        "00014",
        "14.",
        ".5",
        "1e5",
        "1E+3",
        " 12 ",
        "+5",
        "1_000",
        "١٢",
        "2019",
        "2019-02-29",
        "2020-02-29",
        "1900-02-29",
        "2000-02-29",
        "0000",
        "2019-13",
        "2019-11-31",
        "2019-11-30",
        "2019/2020",
        "2020/2019-05",
        "2019-11-25/2019-11-26",
        "held",
        "cancelled",
        "canceled",
        "in-person",
        "virtual",
        "member",
        "kor",
        "a\u200bb",
        "a\u202eb",
        "\ud800",
        "a\x00",
        "\n",
        "x\ny",
        "",
        " ",
        "Ha Noi",
        "한-아세안",
        13,
        13.0,
        13.5,
        -1,
        2**53,
        2**60,
        True,
        False,
        None,
        [],
        ["x"],
        {},
        {"amount": "1", "currency": "USD"},
        {"value": "3", "unit": "people"},
        {"source": "s", "section": "p"},
    ]
)
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=8)
    | EDGES,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)


@functools.cache
def _field_validator(cls, name):
    schema = kd.json_schema()
    field_schema = schema["$defs"][cls.__name__]["properties"][name]
    jsonschema = need("jsonschema")  # the whole schema is checked once, in test_schema.py
    return jsonschema.Draft202012Validator({"$defs": schema["$defs"], **field_schema})


def _reversed_span(value):
    """Whether ``value`` holds a span that ends before it begins (only the loader sees it)."""
    if isinstance(value, str) and "/" in value:
        try:
            kd.dates.parse_edtf(value)
        except DateParseError as error:
            return "ends before" in error.reason
    if isinstance(value, list):
        return any(_reversed_span(item) for item in value)
    if isinstance(value, dict):
        return any(_reversed_span(item) for item in value.values())
    return False


@settings(max_examples=400)
@given(st.sampled_from(FIELDS), JSON_VALUES)
def test_a_field_schema_accepts_a_value_exactly_when_the_loader_reads_it(pair, value):
    cls, field = pair
    try:
        field.shape.build(value)
        loaded = True
    except (TypeError, ValueError, KeyError, DateParseError):
        loaded = False
    accepted = _field_validator(cls, field.name).is_valid(value)
    if field.shape.dated() and _reversed_span(value) and accepted:
        assert not loaded  # the one thing the schema cannot say
    else:
        assert accepted == loaded, (cls.__name__, field.name, value)


@pytest.mark.parametrize(
    "amount", ["1_000", " 14 ", "1e5", "+14", "14.", "1E+3", "00014", 14, "1e99999999"]
)
def test_amounts_the_schema_refuses_are_refused_by_the_loader(amount):
    cls = record_classes()["figures"]
    value = {"amount": amount, "currency": "USD"}
    raw = {"id": "f", "name": "F", "citations": [], "subject": "kor", "metric": "m", "value": value}
    assert not _validator(kd.json_schema("figures")).is_valid([raw])
    with pytest.raises(Exception):  # noqa: B017 - any refusal
        plan(cls).build(raw)


@pytest.mark.parametrize("amount", ["14", "14.50", "-0", "0.001", "123456789012345678901234567890"])
def test_an_amount_is_written_back_as_it_was_read(amount):
    figure = {
        "id": "f",
        "name": "F",
        "citations": [{"source": "s", "section": "p"}],
        "subject": "kor",
        "metric": "m",
        "value": {"amount": amount, "currency": "USD"},
    }
    record = plan(record_classes()["figures"]).build(figure)
    assert converter().unstructure(record)["value"]["amount"] == amount
