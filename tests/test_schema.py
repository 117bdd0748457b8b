"""The JSON Schema shipped with the package."""

from __future__ import annotations

import json
from importlib import resources

import pytest

import korea_diplomacy as kd
from korea_diplomacy.model import record_classes
from korea_diplomacy.schema import build_schema, render
from optional_deps import need

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
    assert {cls.__name__ for cls in record_classes().values()} <= set(defs)
    for name, definition in defs.items():
        for field, prop in definition.get("properties", {}).items():
            assert prop.get("description"), f"{name}.{field} has no description"


def test_the_whole_bundled_dataset_validates():
    assert list(_validator(kd.json_schema()).iter_errors(kd.load().to_dict())) == []


@pytest.mark.parametrize("name", list(record_classes()))
def test_each_bundled_data_file_validates(name):
    raw = json.loads(PACKAGE.joinpath("data", f"{name}.json").read_text(encoding="utf-8"))
    errors = list(_validator(kd.json_schema(name)).iter_errors(raw))
    assert errors == [], [e.message for e in errors[:3]]


def test_exported_json_files_validate(tmp_path):
    kd.export(tmp_path, format="json")
    schema = json.loads((tmp_path / "schema.json").read_text(encoding="utf-8"))
    assert schema == kd.json_schema()
    validator = _validator(schema)
    data = {
        name: json.loads((tmp_path / f"{name}.json").read_text(encoding="utf-8"))
        for name in record_classes()
    }
    assert list(validator.iter_errors(data)) == []
