"""Export as a Frictionless Data Package, in CSV and JSON."""

from __future__ import annotations

import csv
import json

import pytest

import korea_diplomacy as kd
from korea_diplomacy.cli import main
from korea_diplomacy.model import record_classes
from korea_diplomacy.tables import columns
from optional_deps import need


@pytest.fixture(scope="module")
def packages(tmp_path_factory):
    return {fmt: kd.export(tmp_path_factory.mktemp(fmt), format=fmt) for fmt in ("csv", "json")}


@pytest.fixture(params=["csv", "json"])
def package(request, packages):
    return request.param, packages[request.param]


def test_one_file_per_collection_and_a_descriptor(package):
    fmt, path = package
    names = {p.name for p in path.parent.iterdir()}
    expected = {f"{name}.{fmt}" for name in record_classes()} | {"datapackage.json"}
    if fmt == "json":
        expected.add("schema.json")
    assert names == expected


def test_the_descriptor_describes_every_table(package):
    _, path = package
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    assert descriptor["name"] == "korea-diplomacy"
    assert descriptor["version"] == kd.__version__
    assert kd.data_digest() in descriptor["description"]
    assert descriptor["licenses"][0]["name"] == "MIT"
    assert len(descriptor["sources"]) == len(kd.sources)
    assert [r["name"] for r in descriptor["resources"]] == list(record_classes())
    for resource in descriptor["resources"]:
        schema = resource["schema"]
        assert schema["primaryKey"] == ["id"]
        assert all(field["description"] for field in schema["fields"]), resource["name"]
        assert all(field["type"] for field in schema["fields"])
    meetings = next(r for r in descriptor["resources"] if r["name"] == "meetings")
    keys = {
        fk["fields"][0]: fk["reference"]["resource"] for fk in meetings["schema"]["foreignKeys"]
    }
    assert keys["mechanism"] == "mechanisms" and keys["country"] == "actors"
    status = next(f for f in meetings["schema"]["fields"] if f["name"] == "status")
    assert status["constraints"]["enum"] == ["held", "postponed", "cancelled", "planned"]
    mechanisms = next(r for r in descriptor["resources"] if r["name"] == "mechanisms")
    parent = next(fk for fk in mechanisms["schema"]["foreignKeys"] if fk["fields"] == ["parent"])
    assert parent["reference"]["resource"] == ""


def test_csv_files_hold_the_flat_rows(packages):
    path = packages["csv"]
    with (path.parent / "meetings.csv").open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    assert len(rows) == len(kd.meetings)
    assert list(rows[0]) == [c.name for c in columns(record_classes()["meetings"])]
    row = next(r for r in rows if r["id"] == "asean-rok-summit-13")
    assert (row["date"], row["date_start"], row["city"], row["venue"]) == (
        "2010-10-29",
        "2010-10-29",
        "Ha Noi",
        "",
    )


def test_json_files_load_back_into_the_same_dataset(packages):
    path = packages["json"]
    data = {
        name: json.loads((path.parent / f"{name}.json").read_text(encoding="utf-8"))
        for name in record_classes()
    }
    assert kd.Dataset.from_dict(data) == kd.load()


def test_the_package_is_valid_for_frictionless(package):
    frictionless = need("frictionless")
    _, path = package
    report = frictionless.validate(str(path))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


def test_frictionless_catches_a_broken_foreign_key(tmp_path):
    frictionless = need("frictionless")
    kd.export(tmp_path, format="csv")
    table = tmp_path / "meetings.csv"
    text = table.read_text(encoding="utf-8")
    table.write_text(text.replace(",asean-rok-summit,", ",no-such-mechanism,", 1), "utf-8")
    descriptor = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:  # the hash would fail first; test the key itself
        resource.pop("hash", None)
        resource.pop("bytes", None)
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert not report.valid
    assert "foreign-key" in {row[0] for row in report.flatten(["type"])}


def test_pandas_reads_the_csv_tables(packages):
    pd = need("pandas")
    path = packages["csv"]
    frame = pd.read_csv(path.parent / "figures.csv")
    assert len(frame) == len(kd.figures)
    assert frame.loc[frame["id"] == "asean-rok-trade-2021", "value_amount"].item() == 176.5e9


def test_unknown_format_is_refused(tmp_path):
    with pytest.raises(ValueError, match="csv, json"):
        kd.export(tmp_path, format="xml")


def test_the_command_line_exports(tmp_path, capsys):
    assert main(["export", "--format", "json", "--out", str(tmp_path / "out")]) == 0
    assert "datapackage.json" in capsys.readouterr().out
    assert (tmp_path / "out" / "meetings.json").exists()
    assert main(["--json", "export", "--out", str(tmp_path / "csv")]) == 0
    reply = json.loads(capsys.readouterr().out)
    assert reply["files"][0] == "sources.csv"
    assert main(["export", "--format", "xml", "--out", str(tmp_path)]) == 2
    assert "invalid choice" in capsys.readouterr().err
