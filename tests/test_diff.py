"""diff: records added, removed and changed between two JSON exports or the installed data."""

from __future__ import annotations

import json
import shutil

import attrs
import pytest

import korea_diplomacy as kd
from korea_diplomacy.cli import main
from korea_diplomacy.diff import CollectionDiff, FieldChange, PackageDiff, RecordChange, diff


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    return kd.export(tmp_path_factory.mktemp("old"), format="json").parent


def _edit(directory, name, change):
    path = directory / f"{name}.json"
    rows = json.loads(path.read_text(encoding="utf-8"))
    rows = change(rows)
    path.write_text(json.dumps(rows), encoding="utf-8")


@pytest.fixture
def edited(exported, tmp_path):
    """A copy of the export with one of each kind of difference."""
    new = tmp_path / "new"
    shutil.copytree(exported, new)

    def meetings(rows):
        for row in rows:
            if row["id"] == "asean-rok-summit-13":
                row["city"] = "Hanoi"
                row["host_remarks"] = "A field of a later release."
                del row["venue"]
        return rows

    _edit(new, "meetings", meetings)
    _edit(new, "funds", lambda rows: [r for r in rows if r["id"] != "asean-rok-cooperation-fund"])
    event = {"id": "a-new-event", "name": "A new event", "kind": "announcement"}
    _edit(new, "events", lambda rows: [*rows, event])
    return new


def test_an_export_and_the_installed_data_do_not_differ(exported):
    for old, new in ((exported, "installed"), ("installed", exported), (exported, exported)):
        found = diff(old, new)
        assert found == PackageDiff(str(old), str(new), ())
        assert not found


def test_every_kind_of_difference_is_found(exported, edited):
    found = diff(exported, edited)
    assert found
    assert found.collections == (
        CollectionDiff(
            "meetings",
            changed=(
                RecordChange(
                    "asean-rok-summit-13",
                    (
                        FieldChange("city", '"Ha Noi"', '"Hanoi"'),
                        FieldChange("host_remarks", None, '"A field of a later release."'),
                        FieldChange("venue", "null", None),
                    ),
                ),
            ),
        ),
        CollectionDiff("funds", removed=("asean-rok-cooperation-fund",)),
        CollectionDiff("events", added=("a-new-event",)),
    )
    kinds = [f.kind for f in found.collections[0].changed[0].fields]
    assert kinds == ["changed", "added", "removed"]


def test_the_comparison_runs_both_ways(exported, edited):
    forward, backward = diff(exported, edited), diff(edited, exported)
    assert [c.added for c in forward.collections] == [c.removed for c in backward.collections]
    change = backward.collections[0].changed[0].fields[0]
    assert (change.old, change.new) == ('"Hanoi"', '"Ha Noi"')


def test_a_dataset_compares_too(exported):
    data = kd.load().to_dict()
    data["funds"] = [r for r in data["funds"] if r["id"] != "asean-rok-cooperation-fund"]
    found = diff(exported, kd.Dataset.from_dict(data))
    assert found.new == "dataset"
    assert found.collections == (CollectionDiff("funds", removed=("asean-rok-cooperation-fund",)),)


def test_json_true_and_1_are_different_values(exported, tmp_path):
    new = tmp_path / "new"
    shutil.copytree(exported, new)
    _edit(new, "funds", lambda rows: [{**r, "flag": True} for r in rows])
    old = tmp_path / "old"
    shutil.copytree(exported, old)
    _edit(old, "funds", lambda rows: [{**r, "flag": 1} for r in rows])
    changes = diff(old, new).collections[0].changed
    assert changes[0].fields == (FieldChange("flag", "1", "true"),)


def test_results_are_frozen(exported, edited):
    found = diff(exported, edited)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        found.collections = ()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        found.collections[0].changed[0].fields[0].new = "x"


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda d: (d / "datapackage.json").unlink(), "datapackage.json: missing"),
        (lambda d: (d / "meetings.json").write_text("[", "utf-8"), "meetings.json: not valid JSON"),
        (lambda d: (d / "meetings.json").write_text("{}", "utf-8"), "expected a JSON list"),
        (lambda d: (d / "funds.json").write_text('[{"name": "x"}]', "utf-8"), r"\[0\]: expected"),
        (
            lambda d: (d / "funds.json").write_text('[{"id": "x"}, {"id": "x"}]', "utf-8"),
            "id 'x' appears twice",
        ),
        (lambda d: (d / "events.json").unlink(), "events.json: missing"),
    ],
)
def test_a_broken_package_is_a_clear_error(damage, message, exported, tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(exported, broken)
    damage(broken)
    with pytest.raises(kd.DataError, match=message):
        diff(exported, broken)


def test_only_json_exports_are_read(tmp_path):
    kd.export(tmp_path / "csv", format="csv")
    with pytest.raises(kd.DataError, match="--format json"):
        diff(tmp_path / "csv", "installed")
    descriptor = {
        "name": "korea-diplomacy",
        "resources": [
            {"name": "../../etc/passwd", "format": "json", "path": "../../etc/passwd.json"}
        ],
    }
    (tmp_path / "odd").mkdir()
    (tmp_path / "odd" / "datapackage.json").write_text(json.dumps(descriptor), "utf-8")
    with pytest.raises(kd.DataError, match="not a collection name"):
        diff(tmp_path / "odd", "installed")
    with pytest.raises(kd.DataError, match="not a directory"):
        diff(tmp_path / "nowhere", "installed")
    with pytest.raises(TypeError, match="expected a directory"):
        diff(42, "installed")


def test_the_command_line_diff(exported, edited, capsys):
    assert main(["diff", str(exported), "installed"]) == 0
    assert "no differences" in capsys.readouterr().out
    assert main(["diff", str(exported), str(edited)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "meetings: 0 added, 0 removed, 1 changed"
    assert out[1:5] == [
        "  ~ asean-rok-summit-13",
        '      city: "Ha Noi" -> "Hanoi"',
        '      + host_remarks: "A field of a later release."',
        "      - venue: null",
    ]
    assert "funds: 0 added, 1 removed, 0 changed" in out and "  - asean-rok-cooperation-fund" in out
    assert "  + a-new-event" in out


def test_the_command_line_diff_as_json(exported, edited, capsys):
    assert main(["--json", "diff", str(exported), str(edited)]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["differ"] is True
    meetings = report["collections"][0]
    assert meetings["changed"][0]["fields"][0] == {
        "field": "city",
        "change": "changed",
        "old": "Ha Noi",
        "new": "Hanoi",
    }
    assert main(["--json", "diff", "installed", "installed"]) == 0
    assert json.loads(capsys.readouterr().out)["collections"] == []


def test_the_command_line_shortens_long_values(exported, tmp_path, capsys):
    new = tmp_path / "new"
    shutil.copytree(exported, new)
    _edit(new, "funds", lambda rows: [{**rows[0], "description": "x" * 500}, *rows[1:]])
    assert main(["diff", str(exported), str(new)]) == 1
    line = next(line for line in capsys.readouterr().out.splitlines() if "description" in line)
    assert len(line) < 200 and line.endswith("...")


def test_long_values_are_shortened_around_their_first_difference(exported, tmp_path, capsys):
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(exported, old)
    shutil.copytree(exported, new)
    _edit(old, "funds", lambda rows: [{**rows[0], "description": "A" * 200}, *rows[1:]])
    _edit(new, "funds", lambda rows: [{**rows[0], "description": "A" * 200 + "B"}, *rows[1:]])
    assert main(["diff", str(old), str(new)]) == 1
    line = next(line for line in capsys.readouterr().out.splitlines() if "description" in line)
    assert line == f'      description: ...{"A" * 20}" -> ...{"A" * 20}B"'


def test_a_failing_diff_is_one_line_and_status_2(exported, tmp_path, capsys):
    assert main(["diff", str(exported), str(tmp_path / "nowhere")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not a directory" in err
    assert main(["diff", str(exported)]) == 2
    assert capsys.readouterr().err.count("\n") == 1
