"""Tests of properties/test_schema.py."""

from __future__ import annotations

import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import korea_diplomacy as kd
from korea_diplomacy._convert import converter
from korea_diplomacy._plan import collections as record_classes
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
