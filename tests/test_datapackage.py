"""Export: a Frictionless Data Package in CSV or JSON, Parquet files, an SQLite database; the
output directory written all or nothing, never through a link, never over files of others."""

from __future__ import annotations

import csv
import datetime
import functools
import importlib
import json
import os
import re
import sys
from pathlib import Path

import pytest

import korea_diplomacy as kd
from korea_diplomacy._plan import Many, plan
from korea_diplomacy.cli import main
from korea_diplomacy.datapackage import files as datapackage_files
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
    assert kd.Dataset.from_dict(data).digest() == kd.data_digest()  # as its descriptor says


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


def test_the_command_line_formats_are_the_export_formats():
    from korea_diplomacy import cli, datapackage

    assert cli.EXPORT_FORMATS == datapackage.FORMATS


# ---------------------------------------------------------------------------- SQLite


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    import sqlite3

    path = kd.export(tmp_path_factory.mktemp("sqlite"), format="sqlite")
    connection = sqlite3.connect(path)
    yield path, connection
    connection.close()


def test_sqlite_is_one_database_file(database):
    path, _ = database
    assert path.name == "korea-diplomacy.sqlite"
    assert [p.name for p in path.parent.iterdir()] == [path.name]


def test_sqlite_has_one_table_per_collection_with_its_records(database):
    _, db = database
    for name, cls in record_classes().items():
        count = db.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
        assert count == len(kd.load().collection(name)), name
        names = [row[1] for row in db.execute(f'PRAGMA table_info("{name}")')]
        assert names == [c.name for c in columns(cls)]
        key = [row[1] for row in db.execute(f'PRAGMA table_info("{name}")') if row[5]]
        assert key == ["id"]


def test_sqlite_columns_are_typed(database):
    _, db = database
    types = {row[1]: row[2] for row in db.execute('PRAGMA table_info("figures")')}
    assert (types["value_amount"], types["as_of_start"]) == ("REAL", "TEXT")
    assert types["metric"] == "TEXT"
    row = db.execute(
        "SELECT date, date_start, typeof(ordinal), ordinal, city FROM meetings WHERE id = ?",
        ("asean-rok-summit-13",),
    ).fetchone()
    assert row == ("2010-10-29", "2010-10-29", "integer", 13, "Ha Noi")
    amount = db.execute(
        "SELECT value_amount FROM figures WHERE id = 'asean-rok-trade-2021'"
    ).fetchone()[0]
    assert amount == 176.5e9
    with pytest.raises(Exception, match="CHECK"):
        db.execute("UPDATE meetings SET status = 'adjourned' WHERE id = 'asean-rok-summit-13'")


def test_sqlite_joins_meetings_with_their_mechanisms_names(database):
    _, db = database
    rows = db.execute(
        "SELECT m.id, k.name FROM meetings AS m JOIN mechanisms AS k ON k.id = m.mechanism"
    ).fetchall()
    assert len(rows) == len(kd.meetings)
    assert dict(rows)["asean-rok-summit-13"] == "ASEAN-ROK Summit"


def test_sqlite_foreign_keys_are_declared_and_hold(database):
    _, db = database
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    keys = {(row[3], row[2]) for row in db.execute('PRAGMA foreign_key_list("meetings")')}
    assert {("mechanism", "mechanisms"), ("country", "actors"), ("held_with", "meetings")} <= keys
    listed = db.execute("PRAGMA foreign_key_list(meetings_participants)")
    participants = {(row[3], row[2]) for row in listed}
    assert participants == {("meeting_id", "meetings"), ("value", "actors")}


def test_sqlite_child_tables_hold_every_list_of_nested_values_or_ids(database):
    _, db = database
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for name, cls in record_classes().items():
        for field in plan(cls).fields:
            items = field.shape.inner()
            if not isinstance(field.shape, Many) or not (items.holds() or field.ref):
                assert f"{name}_{field.name}" not in tables
                continue
            expected = sum(len(getattr(r, field.name)) for r in kd.load().collection(name))
            count = db.execute(f'SELECT count(*) FROM "{name}_{field.name}"').fetchone()[0]
            assert count == expected, (name, field.name)
    cited = db.execute(
        "SELECT position, source, section FROM meetings_citations WHERE meeting_id = ?"
        " ORDER BY position",
        ("asean-rok-summit-13",),
    ).fetchall()
    meeting = kd.meetings["asean-rok-summit-13"]
    assert cited == [(i, c.source, c.section) for i, c in enumerate(meeting.citations)]
    participants = db.execute(
        "SELECT a.name FROM meetings_participants AS p JOIN actors AS a ON a.id = p.value"
        " WHERE p.meeting_id = ? ORDER BY p.position",
        ("asean-rok-summit-13",),
    ).fetchall()
    assert [name for (name,) in participants] == [kd.actors[a].name for a in meeting.participants]


def test_sqlite_full_text_search_finds_names_and_places(database):
    _, db = database
    busan = {
        record_id
        for (record_id,) in db.execute(
            "SELECT id FROM search WHERE search MATCH 'busan' AND collection = 'meetings'"
        )
    }
    assert {m.id for m in kd.meetings if m.city == "Busan"} <= busan
    mekong = [
        record_id
        for (record_id,) in db.execute(
            "SELECT id FROM search WHERE search MATCH 'name:mekong' AND collection = 'mechanisms'"
            " ORDER BY rank"
        )
    ]
    assert "mekong-rok-cooperation" in mekong
    assert set(mekong) == {m.id for m in kd.mechanisms if "mekong" in m.name.lower()}
    described = db.execute(
        "SELECT count(*) FROM search WHERE search MATCH 'text:partnership'"
    ).fetchone()[0]
    assert described > 0
    total = db.execute("SELECT count(*) FROM search").fetchone()[0]
    assert total == sum(len(kd.load().collection(name)) for name in record_classes())


def test_sqlite_holds_the_descriptor_version_and_digest(database):
    _, db = database
    metadata = dict(db.execute("SELECT key, value FROM metadata"))
    assert metadata["version"] == kd.__version__
    assert metadata["data_digest"] == kd.data_digest()
    descriptor = json.loads(metadata["datapackage"])
    assert descriptor["name"] == "korea-diplomacy"
    assert [r["name"] for r in descriptor["resources"]] == list(record_classes())
    assert {r["path"] for r in descriptor["resources"]} == {"korea-diplomacy.sqlite"}


def test_sqlite_refuses_a_dataset_whose_references_do_not_hold(tmp_path):
    data = kd.load().to_dict()
    data["meetings"][0]["mechanism"] = "no-such-mechanism"
    broken = kd.Dataset.from_dict(data)
    with pytest.raises(kd.DataError, match=r"meetings: .*mechanism: 'no-such-mechanism'"):
        kd.export(tmp_path / "out", format="sqlite", dataset=broken)
    assert not (tmp_path / "out").exists()


# ---------------------------------------------------------------------------- Parquet


@pytest.fixture(scope="module")
def parquet(tmp_path_factory):
    need("pyarrow")
    return kd.export(tmp_path_factory.mktemp("parquet"), format="parquet")


def test_parquet_files_hold_the_flat_tables_with_types(parquet):
    pq = need("pyarrow.parquet")
    pa = need("pyarrow")
    for name, cls in record_classes().items():
        table = pq.read_table(parquet.parent / f"{name}.parquet")
        assert table.num_rows == len(kd.load().collection(name)), name
        assert table.column_names == [c.name for c in columns(cls)]
    meetings = pq.read_table(parquet.parent / "meetings.parquet")
    assert meetings.schema.field("date_start").type == pa.date32()
    assert meetings.schema.field("ordinal").type == pa.int64()
    status = meetings.schema.field("status").type
    assert pa.types.is_dictionary(status) and status.value_type == pa.string()
    assert meetings.column("status").chunk(0).dictionary.to_pylist() == [
        "held",
        "postponed",
        "cancelled",
        "planned",
    ]
    figures = pq.read_table(parquet.parent / "figures.parquet").to_pylist()
    trade = next(row for row in figures if row["id"] == "asean-rok-trade-2021")
    assert trade["value_amount"] == 176.5e9 and trade["period_start"] == datetime.date(2021, 1, 1)
    metadata = meetings.schema.metadata
    assert metadata[b"korea_diplomacy.data_digest"].decode() == kd.data_digest()


def test_parquet_joins_and_finds_by_name(parquet):
    pq = need("pyarrow.parquet")
    pc = need("pyarrow.compute")
    meetings = pq.read_table(parquet.parent / "meetings.parquet", columns=["id", "mechanism"])
    mechanisms = pq.read_table(parquet.parent / "mechanisms.parquet", columns=["id", "name"])
    joined = meetings.join(
        mechanisms.rename_columns(["mechanism", "mechanism_name"]), "mechanism"
    ).to_pylist()
    assert len(joined) == len(kd.meetings)
    row = next(r for r in joined if r["id"] == "asean-rok-summit-13")
    assert row["mechanism_name"] == "ASEAN-ROK Summit"
    found = mechanisms.filter(pc.match_substring(mechanisms["name"], "Mekong"))
    assert "mekong-rok-cooperation" in found.column("id").to_pylist()


def test_parquet_descriptor_lists_each_file_with_its_hash(parquet):
    import hashlib

    descriptor = json.loads(parquet.read_text(encoding="utf-8"))
    assert [r["path"] for r in descriptor["resources"]] == [
        f"{name}.parquet" for name in record_classes()
    ]
    for resource in descriptor["resources"]:
        data = (parquet.parent / resource["path"]).read_bytes()
        assert resource["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
        assert resource["bytes"] == len(data)
        assert resource["format"] == "parquet" and "encoding" not in resource


def test_parquet_without_pyarrow_names_the_extra_and_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # as if it were not installed
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(kd.MissingExtraError, match=r"korea-diplomacy\[parquet\]"):
        kd.export(tmp_path / "out", format="parquet")
    assert not (tmp_path / "out").exists()
    assert main(["export", "--format", "parquet", "--out", str(tmp_path / "out")]) == 2


def test_the_command_line_exports_sqlite_and_parquet(tmp_path, capsys):
    assert main(["export", "--format", "sqlite", "--out", str(tmp_path / "db")]) == 0
    assert "korea-diplomacy.sqlite" in capsys.readouterr().out
    need("pyarrow")
    assert main(["--json", "export", "--format", "parquet", "--out", str(tmp_path / "pq")]) == 0
    reply = json.loads(capsys.readouterr().out)
    assert reply["files"][0] == "sources.parquet" and reply["files"][-1] == "datapackage.json"
    assert (tmp_path / "pq" / "meetings.parquet").exists()


# ---------------------------------------------------------------------------- the output directory


def _snapshot(directory):
    """Every entry under ``directory``: its kind and its bytes (a link: where it points)."""
    found = {}
    for path in sorted(directory.rglob("*")):
        key = str(path.relative_to(directory))
        if path.is_symlink():
            found[key] = ("link", os.readlink(path))
        elif path.is_dir():
            found[key] = ("dir", None)
        else:
            found[key] = ("file", path.read_bytes())
    return found


@functools.cache  # datasets are immutable: one is enough for every test
def _changed_dataset():
    data = kd.load().to_dict()
    for record in data["meetings"]:
        if record["id"] == "asean-rok-summit-13":
            record["venue"] = "A venue of this test"
    return kd.Dataset.from_dict(data)


@pytest.mark.parametrize(
    ("fmt", "module", "step"),
    [
        ("csv", "korea_diplomacy.datapackage", "_csv_bytes"),
        ("json", "korea_diplomacy.datapackage", "_json_bytes"),
        ("sqlite", "korea_diplomacy._sqlite", "_write_index"),  # after every table is filled
    ],
)
def test_a_failure_while_writing_leaves_the_directory_as_it_was(
    fmt, module, step, tmp_path, monkeypatch
):
    kd.export(tmp_path, format=fmt)
    before = _snapshot(tmp_path)
    original = getattr(importlib.import_module(module), step)
    calls = []

    def failing(*args):
        calls.append(args)
        if len(calls) == 8 or step == "_write_index":  # a table: after meetings, the 5th
            raise OSError(28, "No space left on device")
        return original(*args)

    monkeypatch.setattr(importlib.import_module(module), step, failing)
    with pytest.raises(kd.ExportError, match="left as it was"):
        kd.export(tmp_path, format=fmt, dataset=_changed_dataset())
    assert calls
    assert _snapshot(tmp_path) == before


def test_a_failure_while_moving_files_into_place_puts_the_old_ones_back(tmp_path, monkeypatch):
    kd.export(tmp_path, format="csv")
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    before = _snapshot(tmp_path)
    real_replace = os.replace
    moves = []

    def replace(source, target):
        moves.append((source, target))
        if len(moves) == 20:  # the old files are aside, 7 new ones are in place
            raise OSError(5, "Input/output error")
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(kd.ExportError, match="Input/output error"):
        kd.export(tmp_path, format="csv", dataset=_changed_dataset())
    monkeypatch.undo()
    assert _snapshot(tmp_path) == before
    assert len(moves) > 20  # and every move was undone


def test_a_failed_export_into_a_new_directory_leaves_no_directory(tmp_path, monkeypatch):
    from korea_diplomacy import datapackage

    def failing(records, cls):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(datapackage, "_csv_bytes", failing)
    with pytest.raises(kd.ExportError):
        kd.export(tmp_path / "new" / "out", format="csv")
    assert list(tmp_path.iterdir()) == []


def test_no_descriptor_is_left_whose_hashes_do_not_match(tmp_path, monkeypatch):
    import hashlib

    kd.export(tmp_path, format="csv", dataset=_changed_dataset())
    kd.export(tmp_path, format="csv")
    descriptor = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        data = (tmp_path / resource["path"]).read_bytes()
        assert resource["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_symbolic_link_is_never_written_through(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("precious", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "sources.csv").symlink_to(Path("..") / "outside.txt")
    link = re.escape("sources.csv is a symbolic link")
    with pytest.raises(kd.ExportError, match=link) as refused:
        kd.export(out, format="csv")
    assert refused.value.paths == (str(out / "sources.csv"),)
    assert outside.read_text(encoding="utf-8") == "precious"
    assert [p.name for p in out.iterdir()] == ["sources.csv"]
    kd.export(out, format="csv", overwrite=True)  # replaces the link itself
    assert outside.read_text(encoding="utf-8") == "precious"
    assert not (out / "sources.csv").is_symlink()
    assert (out / "sources.csv").read_text(encoding="utf-8").startswith("id,name,")


def test_a_link_in_a_previous_export_is_not_taken_for_its_file(tmp_path):
    outside = tmp_path / "outside.json"
    outside.write_text("[]", encoding="utf-8")
    out = tmp_path / "out"
    kd.export(out, format="json")
    (out / "meetings.json").unlink()
    (out / "meetings.json").symlink_to(outside)
    with pytest.raises(kd.ExportError, match=re.escape("meetings.json is a symbolic link")):
        kd.export(out, format="json")
    assert outside.read_text(encoding="utf-8") == "[]"


@pytest.mark.parametrize("directory", ["", "  "])
def test_an_empty_output_directory_is_refused(directory, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(kd.ExportError, match="output directory is empty"):
        kd.export(directory)
    assert main(["export", "--out", directory]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "output directory is empty" in err
    assert list(tmp_path.iterdir()) == []


def test_the_output_must_be_a_directory(tmp_path):
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    with pytest.raises(kd.ExportError, match="not a directory"):
        kd.export(tmp_path / "a-file")
    with pytest.raises(TypeError, match="directory must be"):
        kd.export(42)
    with pytest.raises(TypeError, match="overwrite"):
        kd.export(tmp_path / "out", overwrite="yes")


_NOT_OURS = re.escape("meetings.json was not written by an export")


def test_a_directory_of_your_own_records_is_refused(tmp_path):
    mine = [{"id": "my-meeting", "name": "Mine"}]
    (tmp_path / "meetings.json").write_text(json.dumps(mine), encoding="utf-8")
    (tmp_path / "corrections.json").write_text("[]", encoding="utf-8")
    before = _snapshot(tmp_path)
    with pytest.raises(kd.ExportError, match=_NOT_OURS):
        kd.export(tmp_path, format="json")
    assert _snapshot(tmp_path) == before
    kd.export(tmp_path, format="csv")  # no file of a CSV export's names is in the way
    assert json.loads((tmp_path / "meetings.json").read_text(encoding="utf-8")) == mine
    # the CSV export's descriptor does not vouch for a meetings.json
    with pytest.raises(kd.ExportError, match=_NOT_OURS):
        kd.export(tmp_path, format="json")
    kd.export(tmp_path, format="json", overwrite=True)
    assert len(json.loads((tmp_path / "meetings.json").read_text(encoding="utf-8"))) > 1
    assert (tmp_path / "corrections.json").read_text(encoding="utf-8") == "[]"


@pytest.mark.parametrize("fmt", ["csv", "json", "sqlite"])
def test_a_previous_export_is_replaced(fmt, tmp_path):
    kd.export(tmp_path, format=fmt, dataset=_changed_dataset())
    kd.export(tmp_path, format=fmt)
    assert {p.name for p in tmp_path.iterdir()} == set(datapackage_files(fmt))


def test_a_database_that_is_not_an_export_is_refused(tmp_path):
    import sqlite3

    connection = sqlite3.connect(tmp_path / "korea-diplomacy.sqlite")
    connection.execute("CREATE TABLE mine (x)")
    connection.commit()
    connection.close()
    with pytest.raises(kd.ExportError, match=re.escape("korea-diplomacy.sqlite was not written")):
        kd.export(tmp_path, format="sqlite")
    (tmp_path / "korea-diplomacy.sqlite").write_text("not a database", encoding="utf-8")
    with pytest.raises(kd.ExportError, match=re.escape("korea-diplomacy.sqlite was not written")):
        kd.export(tmp_path, format="sqlite")


def test_a_directory_of_an_export_file_name_is_refused_even_to_overwrite(tmp_path):
    (tmp_path / "actors.csv").mkdir()
    with pytest.raises(kd.ExportError, match=re.escape("actors.csv, not regular files")):
        kd.export(tmp_path, format="csv", overwrite=True)
    assert [p.name for p in tmp_path.iterdir()] == ["actors.csv"]


def test_every_export_failure_on_the_command_line_is_one_line_and_status_2(tmp_path, capsys):
    (tmp_path / "meetings.json").write_text("[]", encoding="utf-8")
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    for argv in (
        ["export", "--format", "json", "--out", str(tmp_path)],
        ["export", "--out", str(tmp_path / "a-file")],
        ["export", "--out", ""],
        ["export", "--format", "xml", "--out", str(tmp_path)],
        ["export"],
    ):
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "Traceback" not in err, err
    assert main(["export", "--format", "json", "--out", str(tmp_path), "--overwrite"]) == 0


def test_the_descriptor_shares_nothing(bundled):
    from korea_diplomacy.datapackage import LICENSE, descriptor

    fresh = json.dumps(descriptor(bundled))

    def spoil(value):
        if isinstance(value, dict):
            for key in list(value):
                spoil(value[key])
                value[key] = "spoilt"
            value["extra"] = "spoilt"
        elif isinstance(value, list):
            for item in value:
                spoil(item)
            value.append("spoilt")

    spoil(descriptor(bundled))
    spoil(descriptor(bundled, "json"))
    assert json.dumps(descriptor(bundled)) == fresh
    with pytest.raises(TypeError):
        LICENSE["name"] = "spoilt"


# ---------------------------------------------------------------------------- CSV injection

_FORMULA = '=HYPERLINK("http://x","y")'


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(tmp_path):
    cite = [{"source": "mofa-asean", "section": "overview"}]
    actors = [
        {"id": "formula-actor", "name": _FORMULA, "citations": cite, "kind": "institution"},
        {
            "id": "dash-actor",
            "name": "-3",
            "citations": cite,
            "kind": "institution",
            "aliases": ["@handle", "+plus"],
            "description": "+82 2 2100 2114, a telephone number",
        },
    ]
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "actors.json").write_text(json.dumps(actors), encoding="utf-8")
    dataset = kd.load(mine)
    # No amount of the data is negative, but a number column must never be taken for a formula:
    # a dataset built in code may hold one.
    figure = {
        "id": "negative-figure",
        "name": "A negative figure",
        "citations": cite,
        "subject": "kor",
        "metric": "balance",
        "value": {"amount": "-3", "currency": "USD"},
    }
    data = dataset.to_dict()
    dataset = kd.Dataset.from_dict({**data, "figures": [*data["figures"], figure]})
    path = kd.export(tmp_path / "csv", format="csv", dataset=dataset)
    with (path.parent / "actors.csv").open(encoding="utf-8", newline="") as file:
        rows = {row["id"]: row for row in csv.DictReader(file)}
    assert rows["formula-actor"]["name"] == "'" + _FORMULA
    assert rows["dash-actor"]["name"] == "'-3"
    assert rows["dash-actor"]["aliases"] == "'@handle; +plus"  # a cell, not each item
    assert rows["dash-actor"]["description"].startswith("'+82 2")
    assert rows["asean"]["name"] == kd.actors["asean"].name  # what begins otherwise is untouched
    with (path.parent / "figures.csv").open(encoding="utf-8", newline="") as file:
        negative = next(r for r in csv.DictReader(file) if r["id"] == "negative-figure")
    assert negative["value_amount"] == "-3"  # a number, not a formula
    json_path = kd.export(tmp_path / "json", format="json", dataset=dataset)
    exact = json.loads((json_path.parent / "actors.json").read_text(encoding="utf-8"))
    assert next(r for r in exact if r["id"] == "formula-actor")["name"] == _FORMULA
    frictionless = need("frictionless")
    for name in ("actors", "figures"):  # the changed tables are still valid for their schema
        resource = frictionless.Package(str(path)).get_resource(name)
        report = resource.validate()
        assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
