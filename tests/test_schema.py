"""The JSON Schema of the data format: shipped as generated, and it accepts exactly the data."""

import copy
import json
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import korea_diplomacy as kd
from korea_diplomacy.convert import converter
from korea_diplomacy.model import RECORD_TYPES
from korea_diplomacy.schema import build_schema, render
from optional_deps import need
from strategies import records

PACKAGE = resources.files("korea_diplomacy")


def _validator(schema):
    jsonschema = need("jsonschema")
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_the_shipped_schema_is_the_generated_one():
    shipped = PACKAGE.joinpath("schema.json").read_text(encoding="utf-8")
    assert shipped == render(build_schema()), "run python scripts/gen_schema.py"
    assert kd.json_schema() == build_schema()


def test_json_schema_returns_a_fresh_copy():
    schema = kd.json_schema()
    schema["title"] = "changed"
    assert kd.json_schema()["title"] == "korea-diplomacy data"


def test_unknown_collection_suggests_names():
    with pytest.raises(kd.NotFoundError, match="meetings"):
        kd.json_schema("meeting")


def test_every_record_and_value_class_is_described_field_by_field():
    defs = kd.json_schema()["$defs"]
    assert {cls.__name__ for cls in RECORD_TYPES.values()} <= set(defs)
    for name, definition in defs.items():
        for field, prop in definition.get("properties", {}).items():
            assert prop.get("description"), f"{name}.{field} has no description"


def test_the_whole_bundled_dataset_validates():
    assert list(_validator(kd.json_schema()).iter_errors(kd.load().to_dict())) == []


@pytest.mark.parametrize("name", list(RECORD_TYPES))
def test_each_bundled_data_file_validates(name):
    raw = json.loads(PACKAGE.joinpath("data", f"{name}.json").read_text(encoding="utf-8"))
    errors = list(_validator(kd.json_schema(name)).iter_errors(raw))
    assert errors == [], [e.message for e in errors[:3]]


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
    st.sampled_from(list(RECORD_TYPES)).flatmap(
        lambda n: st.tuples(st.just(n), records(RECORD_TYPES[n]))
    )
)
def test_any_valid_record_validates(pair):
    # Records the model accepts, in their canonical form, are valid JSON: the schema is not
    # stricter than the model.
    name, record = pair
    validator = _validator(kd.json_schema(name))
    assert validator.is_valid([converter().unstructure(record)])


def test_exported_json_files_validate(tmp_path):
    kd.export(tmp_path, format="json")
    schema = json.loads((tmp_path / "schema.json").read_text(encoding="utf-8"))
    assert schema == kd.json_schema()
    validator = _validator(schema)
    data = {
        name: json.loads((tmp_path / f"{name}.json").read_text(encoding="utf-8"))
        for name in RECORD_TYPES
    }
    assert list(validator.iter_errors(data)) == []
