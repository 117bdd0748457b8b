"""Bad input: every public function and every subcommand, given anything, raises only the
documented exceptions, each with a message saying what was wrong; the command line prints one
line and exits 2, never a traceback; every kind of malformed user file gets a clear error
naming the file, and leaves the bundled data as it was.
"""

from __future__ import annotations

import atexit
import datetime as dt
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import korea_diplomacy as kd
from korea_diplomacy import dates
from korea_diplomacy.cli import main
from korea_diplomacy.collection import CRITERIA
from korea_diplomacy.loading import MAX_DEPTH, MAX_FILE_BYTES
from strategies import partial_dates

DOCUMENTED = (
    kd.NotFoundError,
    kd.AmbiguousLookupError,
    kd.DateParseError,
    kd.InvalidCriteriaError,
    kd.DataError,
    kd.MissingExtraError,
    TypeError,
)
"""What a public function may raise: the library's errors, and TypeError for a wrong type."""

TRICKY = [
    "",
    " ",
    "2019-13-01",
    "2019-02-30",
    "0000",
    "10000",
    "-0001",
    "9999-12-31/10000",
    "2019/2018",
    "2019/",
    "/",
    "-1",
    "1e400",
    "NaN",
    "Infinity",
    "..",
    "%s%n{0}",
    "EAS",
    "eas",
    "kor",
    "Korea",
    "ASEAN",
    "\ud800",
    "２０１９",
    "29 Feb 2019",
    "tomorrow",
    "0001-01-01",
    "9999-12-31",
    "10:30",
]
HUGE = st.sampled_from(["x" * 30_000, " " * 30_000 + "EAS", "\x00" * 10_000, "2019-" * 6_000])
CONTROL = st.text(st.characters(categories=("Cc", "Cf", "Zl", "Zp", "Cs")), max_size=20)
TEXT = st.one_of(st.text(max_size=30), CONTROL, HUGE, st.sampled_from(TRICKY))
NUMBERS = st.one_of(
    st.integers(),
    st.integers(-2, 10_001),
    st.floats(),
    st.decimals(),
    st.sampled_from([0, -1, 10**100, float("nan"), float("inf"), Decimal("NaN")]),
)
DAYS = st.one_of(
    st.dates(),
    st.datetimes(),
    st.times(),
    st.sampled_from([dt.date.min, dt.date.max, dt.datetime.max]),
    partial_dates(),
)
OTHER = st.one_of(
    st.none(),
    st.booleans(),
    st.binary(max_size=10),
    st.lists(st.integers(), max_size=3),
    st.tuples(st.text(max_size=3)),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.sets(st.integers(), max_size=2),
    st.sampled_from([object(), print, kd.Dataset, ..., NotImplemented]),
)
ANYTHING = st.one_of(TEXT, NUMBERS, DAYS, OTHER)


def only_documented(function: Any, *args: Any, **kwargs: Any) -> None:
    """Call ``function``; it may return or raise a documented exception with a message."""
    try:
        function(*args, **kwargs)
    except DOCUMENTED as error:
        assert type(error) is not ValueError
        assert len(str(error).strip()) >= 10, f"{type(error).__name__}: {error!r}"


def _filter(ds: kd.Dataset, name: str, criterion: str) -> Any:
    return lambda value: ds.collection(name).filter(**{criterion: value})


def _functions() -> dict[str, Any]:
    """Every public function and method that takes an argument, each given ``value``."""
    ds = kd.load()
    meeting = ds.meetings["asean-rok-summit-13"]
    calls: dict[str, Any] = {
        "kd.parse_when": lambda v: kd.parse_when(v),
        "dates.parse_edtf": lambda v: dates.parse_edtf(v),
        "dates.as_day": lambda v: dates.as_day(v),
        "kd.PartialDate": lambda v: kd.PartialDate(v),
        "kd.PartialDate(month)": lambda v: kd.PartialDate(2019, v),
        "kd.PartialDate(day)": lambda v: kd.PartialDate(2019, 2, v),
        "kd.DateRange(start)": lambda v: kd.DateRange(v, kd.PartialDate(2000)),
        "kd.DateRange(end)": lambda v: kd.DateRange(kd.PartialDate(2000), v),
        "kd.load": lambda v: kd.load(v),
        "kd.validate": lambda v: kd.validate(v),
        "kd.timeline(since)": lambda v: kd.timeline(since=v),
        "kd.timeline(until)": lambda v: kd.timeline(until=v),
        "kd.timeline(involving)": lambda v: kd.timeline(involving=v),
        "kd.Dataset": lambda v: kd.Dataset(v),
        "kd.Dataset(collection)": lambda v: kd.Dataset({"meetings": v}),
        "kd.Dataset.from_dict": lambda v: kd.Dataset.from_dict(v),
        "kd.Dataset.from_dict(collection)": lambda v: kd.Dataset.from_dict({"meetings": v}),
        "kd.Dataset.from_dict(record)": lambda v: kd.Dataset.from_dict({"events": [v]}),
        "kd.Collection": lambda v: kd.Collection(v, ()),
        "kd.Collection(records)": lambda v: kd.Collection("meetings", v),
        "Dataset.collection": lambda v: ds.collection(v),
        "Dataset.get": lambda v: ds.get(v),
        "Dataset.lookup": lambda v: ds.lookup(v),
        "Dataset.resolve_id": lambda v: ds.resolve_id(v),
        "Dataset.mechanism_family": lambda v: ds.mechanism_family(v),
        "Dataset.involves(record)": lambda v: ds.involves(v, "kor"),
        "Dataset.involves(actor)": lambda v: ds.involves(meeting, v),
        "Dataset.timeline": lambda v: ds.timeline(since=v, until=v),
        "Collection.__getitem__": lambda v: kd.mechanisms[v],
        "Collection.get": lambda v: kd.mechanisms.get(v),
        "Collection.get(default)": lambda v: kd.mechanisms.get("nope", v),
        "Collection.lookup": lambda v: kd.mechanisms.lookup(v),
        "Collection.search": lambda v: kd.mechanisms.search(v),
        "Collection.search(limit)": lambda v: kd.mechanisms.search("eas", limit=v),
        "Collection.__contains__": lambda v: v in kd.mechanisms,
        "Collection.filter(unknown)": lambda v: kd.meetings.filter(colour=v),
        "Actor.members_on": lambda v: ds.actors["asean"].members_on(v),
        "Mechanism.members_on": lambda v: ds.mechanisms["east-asia-summit"].members_on(v),
        "Partnership.status_on": lambda v: ds.partnerships.lookup("ASEAN").status_on(v),
        "Fund.annual_contribution_on": lambda v: ds.funds.lookup("AKCF").annual_contribution_on(v),
        "Fund.annual_contribution_on(contributor)": (
            lambda v: ds.funds.lookup("AKCF").annual_contribution_on(2020, contributor=v)
        ),
        "Record.name_in": lambda v: meeting.name_in(v),
        "Source.section": lambda v: ds.sources["mofa-asean"].section(v),
        "kd.to_records": lambda v: kd.to_records(v),
        "kd.json_schema": lambda v: kd.json_schema(v),
        "kd.export(format)": lambda v: kd.export(_OUT, format=v),
        "kd.export(dataset)": lambda v: kd.export(_OUT, dataset=v),
        "kd.plot.timeline": lambda v: kd.plot.timeline(v),
    }
    for criterion in CRITERIA:
        for name in ("meetings", "actors", "figures"):
            calls[f"Collection.filter({criterion}) of {name}"] = _filter(ds, name, criterion)
    return calls


_OUT = tempfile.mkdtemp(prefix="kd-export-")
atexit.register(shutil.rmtree, _OUT, True)
FUNCTIONS = _functions()
FUZZED = sorted({re.sub(r"[(\[].*", "", name) for name in FUNCTIONS})
"""The distinct public functions and methods fuzzed (each maybe in several arguments)."""


@pytest.mark.parametrize("name", list(FUNCTIONS))
@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(value=ANYTHING)
def test_public_functions_raise_only_documented_errors(name, value):
    only_documented(FUNCTIONS[name], value)


@pytest.mark.parametrize(
    "call",
    [
        lambda text: kd.mechanisms.lookup(text),
        lambda text: kd.mechanisms.search(text),
        lambda text: kd.load().lookup(text),
        lambda text: kd.parse_when(text),
        lambda text: kd.meetings.filter(mechanism=text),
        lambda text: kd.load(text),
    ],
    ids=["lookup", "search", "Dataset.lookup", "parse_when", "filter", "load"],
)
def test_a_megabyte_of_text_is_refused_with_a_documented_error(call):
    # (difflib used to take tens of seconds over such a text; now no match is tried for it.)
    for text in ("x" * 1_000_000, "é" * 1_000_000):
        only_documented(call, text)


def test_wrong_types_are_type_errors_saying_what_was_given():
    ds = kd.load()
    for call in (
        lambda: kd.parse_when([2019]),
        lambda: kd.PartialDate("2019"),
        lambda: kd.mechanisms[3],
        lambda: kd.mechanisms.lookup(None),
        lambda: kd.mechanisms.search(b"eas"),
        lambda: kd.meetings.filter(ordinal="13"),
        lambda: kd.actors.filter(kind=3),
        lambda: kd.validate({}),
        lambda: kd.load(3.5),
        lambda: kd.Dataset([]),
        lambda: kd.Dataset({"meetings": ["not a record"]}),
        lambda: ds.involves("asean-rok-summit-13", "kor"),
        lambda: kd.export(_OUT, dataset={}),
    ):
        with pytest.raises(TypeError, match=r"not (int|float|bytes|str|list|dict|NoneType)"):
            call()


def test_unparseable_dates_and_criteria_are_their_own_value_errors():
    for call, error in (
        (lambda: kd.parse_when("next tuesday"), kd.DateParseError),
        (lambda: kd.parse_when(10_000), kd.DateParseError),
        (lambda: kd.meetings.filter(since="2019-13"), kd.DateParseError),
        (lambda: kd.meetings.filter(year="2019-11"), kd.InvalidCriteriaError),
        (lambda: kd.meetings.filter(colour="red"), kd.InvalidCriteriaError),
        (lambda: kd.actors.filter(ordinal=3), kd.InvalidCriteriaError),
        (lambda: kd.export(_OUT, format="xml"), kd.InvalidCriteriaError),
    ):
        with pytest.raises(error) as info:
            call()
        assert isinstance(info.value, ValueError) and type(info.value) is not ValueError


# --------------------------------------------------------------------------- the command line


def run_cli(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


def check_cli(argv: list[str]) -> None:
    code, out, err = run_cli(argv)
    assert "Traceback" not in out + err
    assert code in (0, 2), (argv, code, err)
    if code == 2:
        lines = err.split("\n")
        assert len(lines) == 2 and lines[1] == "", err  # exactly one line
        assert lines[0].startswith("korea-diplomacy") and len(lines[0]) > 30, err
    else:
        assert err == ""


ARG = st.one_of(
    st.text(max_size=20),
    CONTROL,
    st.sampled_from(TRICKY),
    st.sampled_from(["-h", "--json", "--", "-x", "--limit", "7"]),
    st.sampled_from(["x" * 20_000]),
)
SUBCOMMANDS = {
    "info": [],
    "list": ["--mechanism", "--involving", "--since", "--until", "--kind", "--status", "--year"],
    "show": [],
    "search": ["--limit"],
    "timeline": ["--since", "--until", "--involving"],
    "validate": [],
}


@pytest.mark.parametrize("command", list(SUBCOMMANDS))
@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_each_subcommand_prints_one_line_and_exits_2_on_any_error(command, data):
    words = st.one_of(ARG, st.sampled_from(SUBCOMMANDS[command] or ["-h"]))
    argv = [command, *data.draw(st.lists(words, max_size=4))]
    if data.draw(st.booleans()):
        argv.insert(0, "--json")
    check_cli(argv)


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(out=st.text(max_size=30), format=ARG | st.sampled_from(["csv", "json"]))
def test_export_prints_one_line_and_exits_2_on_any_error(out, format):
    # Only ever inside a temporary directory: export writes files.
    name = re.sub(r"[/\\\x00.]", "_", out) or "out"
    check_cli(["export", "--out", os.path.join(_OUT, name[:200]), "--format", format])


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(argv=st.lists(ARG | st.sampled_from(list(SUBCOMMANDS)), max_size=5))
def test_any_command_line_prints_one_line_and_exits_2_on_any_error(argv):
    assume("export" not in argv)  # export writes files: fuzzed above, inside a temp directory
    check_cli(argv)


def test_a_bug_of_ours_is_still_one_line(monkeypatch):
    from korea_diplomacy import cli

    def broken(args):
        raise RuntimeError("something\nunexpected")

    monkeypatch.setattr(cli, "_run", broken)
    code, out, err = run_cli(["info"])
    assert code == 2 and out == ""
    assert err == (
        "korea-diplomacy: error: internal error, please report it: "
        "RuntimeError: something (and 1 more lines)\n"
    )


def test_validate_with_bad_directories_lists_problems_on_stdout_and_sums_up_on_stderr(tmp_path):
    (tmp_path / "meetings.json").write_text("[1, 2", encoding="utf-8")
    code, out, err = run_cli(["validate", str(tmp_path), str(tmp_path / "missing")])
    assert code == 2
    assert out.splitlines() == [
        f"{tmp_path / 'meetings.json'}: invalid JSON at line 1 column 6: Expecting ',' delimiter",
        f"{tmp_path / 'missing'}: not a directory (nothing there)",
    ]
    assert err.count("\n") == 1 and err.startswith("korea-diplomacy: error: 2 problems in ")
    code, out, err = run_cli(["--json", "validate", str(tmp_path)])
    report = json.loads(out)
    assert code == 2 and report["ok"] is False and len(report["problems"]) == 1
    assert err.count("\n") == 1


def test_validate_the_bundled_data_in_a_subprocess():
    done = subprocess.run(
        [sys.executable, "-m", "korea_diplomacy", "validate"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("OK: all ") and done.stderr == ""


def test_an_error_in_a_subprocess_is_one_line_and_status_2():
    done = subprocess.run(
        [sys.executable, "-m", "korea_diplomacy", "show", "no such thing \x01"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert "\\x01" in done.stderr  # control characters are shown, not sent to the terminal


# --------------------------------------------------------------------------- malformed files


def _write(folder: Path, files: dict[str, Any]) -> None:
    for name, content in files.items():
        path = folder / name
        if callable(content):
            content(path)
        elif isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_text(json.dumps(content), encoding="utf-8")


def _meeting(**changes: Any) -> dict[str, Any]:
    meeting = {
        "id": "my-meeting-1",
        "name": "My meeting",
        "citations": [{"source": "mofa-asean", "section": "overview"}],
        "mechanism": "asean-rok-summit",
        "date": "2019-11-26",
    }
    meeting.update(changes)
    return {k: v for k, v in meeting.items() if v is not None}


_EVENT = {
    "id": "my-event-1",
    "name": "My event",
    "citations": [{"source": "mofa-asean", "section": "overview"}],
    "kind": "decision",
}


def _sparse(size: int) -> Any:
    def write(path: Path) -> None:
        with path.open("wb") as file:
            file.truncate(size)

    return write


def _directory(path: Path) -> None:
    path.mkdir()


MALFORMED: dict[str, tuple[dict[str, Any], str]] = {
    "invalid JSON": ({"meetings.json": '[{"id": "x",}]'}, "invalid JSON at line 1 column 13"),
    "an empty file": ({"meetings.json": ""}, "invalid JSON at line 1 column 1"),
    "not UTF-8": ({"meetings.json": b'[{"name": "\xff"}]'}, "not UTF-8 text"),
    "not a list": (
        {"meetings.json": {"id": "x"}},
        "expected a JSON list of records, not an object",
    ),
    "a record that is not an object": ({"meetings.json": [[1]]}, "expected a JSON object"),
    "a wrong type": ({"meetings.json": [_meeting(ordinal="13")]}, "ordinal: expected a whole"),
    "a number for a string": ({"meetings.json": [_meeting(name=3)]}, "name: expected a string"),
    "an unknown field": ({"meetings.json": [_meeting(colour="red")]}, "colour"),
    "a missing field": ({"meetings.json": [_meeting(mechanism=None)]}, "mechanism: required"),
    "a bad date": ({"meetings.json": [_meeting(date="2019-13-01")]}, "month must be 1..12"),
    "a day that does not exist": ({"meetings.json": [_meeting(date="2019-02-29")]}, "1..28"),
    "a span that ends first": ({"meetings.json": [_meeting(date="2019/2018")]}, "ends before"),
    "a date as a number": ({"meetings.json": [_meeting(date=20191126)]}, "EDTF string"),
    "a word not allowed": ({"meetings.json": [_meeting(status="helt")]}, "did you mean 'held'"),
    "an id twice in a file": ({"meetings.json": [_meeting(), _meeting()]}, "used twice"),
    "an id in two files": (
        {"meetings.json": [_meeting()], "events.json": [{**_EVENT, "id": "my-meeting-1"}]},
        "is also in",
    ),
    "a bundled id": ({"meetings.json": [_meeting(id="asean-rok-summit-13")]}, "corrections.json"),
    "a dangling reference": (
        {"meetings.json": [_meeting(mechanism="no-such-mechanism")]},
        "[reference-resolves]",
    ),
    "an unknown section": (
        {"meetings.json": [_meeting(citations=[{"source": "mofa-asean", "section": "nope"}])]},
        "[citation-resolves]",
    ),
    "a clash with a bundled series": (
        {"meetings.json": [_meeting(ordinal=13)]},
        "[ordinal-unique]",
    ),
    "an id with capitals": ({"meetings.json": [_meeting(id="My_Meeting")]}, "[id-format]"),
    "an id with control characters": ({"meetings.json": [_meeting(id="a\x00b")]}, "[id-format]"),
    "a file over the size limit (50 MB)": ({"meetings.json": _sparse(50_000_000)}, "larger than"),
    "JSON nested 100,000 deep": (
        {"meetings.json": "[" * 100_000 + "]" * 100_000},
        "nested too deeply",
    ),
    "a record nested 500 deep": (
        {"meetings.json": [_meeting(notes=json.loads("[" * 500 + "]" * 500))]},
        f"nested deeper than {MAX_DEPTH}",
    ),
    "a key twice in one object": (
        {"meetings.json": '[{"id": "a", "id": "b"}]'},
        "the key 'id' appears twice",
    ),
    "NaN": ({"meetings.json": '[{"id": NaN}]'}, "NaN is not a JSON number"),
    "a number of 5,000 digits": ({"meetings.json": "[" + "9" * 5000 + "]"}, "invalid JSON"),
    "an unknown file name": (
        {"meetings.json": [], "mettings.json": []},
        "did you mean meetings.json",
    ),
    "summits.json": ({"summits.json": []}, "put them in meetings.json"),
    "a directory named like a file": ({"meetings.json": _directory}, "not a regular file"),
    "a correction of no bundled record": (
        {"corrections.json": [{"collection": "meetings", "reason": "r", "record": _meeting()}]},
        "is not a bundled meetings record",
    ),
    "a correction without a reason": (
        {
            "corrections.json": [
                {
                    "collection": "meetings",
                    "reason": " ",
                    "record": _meeting(id="asean-rok-summit-13", ordinal=13),
                }
            ]
        },
        "reason: say why",
    ),
    "a correction of an unknown collection": (
        {"corrections.json": [{"collection": "meeting", "reason": "r", "record": {}}]},
        "valid: meetings",
    ),
    "a correction with an unknown field": (
        {"corrections.json": [{"collection": "meetings", "reason": "r", "record": {}, "x": 1}]},
        "unknown field(s) 'x'",
    ),
    "corrections that are not a list": ({"corrections.json": {}}, "list of corrections"),
}


@pytest.mark.parametrize("case", list(MALFORMED))
def test_each_malformed_file_gets_a_clear_error_naming_the_file(case, tmp_path):
    files, expected = MALFORMED[case]
    _write(tmp_path, files)
    bundled = kd.load()
    digest = bundled.digest()
    with pytest.raises(kd.DataError) as info:
        kd.load(tmp_path)
    problems = info.value.problems
    assert problems and all(str(tmp_path) in problem for problem in problems), problems
    assert any(expected in problem for problem in problems), problems
    named = [name for name in files if any(name in p for p in problems)]
    assert named, problems  # the file at fault is named
    assert kd.load() is bundled and bundled.digest() == digest


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("missing", "not a directory (nothing there)"),
        ("a-file", "not a directory (a file)"),
        ("empty", "no collection files"),
        ("x" * 5000, "cannot read the directory"),
        ("nul\x00byte", "not a directory"),
    ],
)
def test_a_directory_that_cannot_be_read_is_named(path, expected, tmp_path):
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    with pytest.raises(kd.DataError) as info:
        kd.load(tmp_path / path)
    (problem,) = info.value.problems
    assert expected in problem and problem.startswith(str(tmp_path)[:50])


def test_every_problem_of_every_file_is_reported_and_nothing_is_lost(tmp_path):
    bundled = kd.load()
    digest = bundled.digest()
    _write(
        tmp_path,
        {
            "meetings.json": [_meeting(date="2019-13-01"), _meeting(id="m-2", name=3)],
            "events.json": '[{"id": "a", "id": "b"}]',
            "actors.json": b'[{"name": "\xff"}]',
            "corrections.json": MALFORMED["a correction without a reason"][0]["corrections.json"],
        },
    )
    with pytest.raises(kd.DataError) as info:
        kd.load(tmp_path)
    problems = info.value.problems
    assert len(problems) == 5, problems
    for expected in (
        "meetings.json: record 0 (my-meeting-1): date: cannot read date '2019-13-01'",
        "meetings.json: record 1 (m-2): name: expected a string",
        "events.json: invalid JSON: the key 'id' appears twice",
        "actors.json: not UTF-8 text",
        "corrections.json: correction 0 (asean-rok-summit-13): reason: say why",
    ):
        assert any(expected in problem for problem in problems), (expected, problems)
    assert kd.load() is bundled and bundled.digest() == digest


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)
FIELDS = st.sampled_from(["id", "name", "citations", "mechanism", "date", "ordinal", "status"])


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(
    records=st.lists(
        st.dictionaries(FIELDS, JSON) | st.builds(_meeting) | JSON,
        max_size=3,
    )
)
def test_any_json_in_a_user_file_is_loaded_or_refused_with_a_data_error(records):
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "meetings.json").write_text(json.dumps(records), encoding="utf-8")
        try:
            ds = kd.load(folder)
        except kd.DataError as error:
            assert all(folder in problem for problem in error.problems)
        else:
            assert kd.validate(ds) == ()


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(content=st.binary(max_size=200))
def test_any_bytes_in_a_user_file_are_refused_with_a_data_error(content):
    assume(content.strip() not in (b"[]",))
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "events.json").write_bytes(content)
        with pytest.raises(kd.DataError) as info:
            kd.load(folder)
        assert all(folder in problem for problem in info.value.problems)


def test_a_byte_order_mark_is_accepted(tmp_path):
    (tmp_path / "meetings.json").write_bytes(b"\xef\xbb\xbf" + json.dumps([_meeting()]).encode())
    assert "my-meeting-1" in kd.load(tmp_path).meetings


# --------------------------------------------------------------------------- data is only data


PAYLOADS = [
    "__import__('os').system('touch {sentinel}')",
    "!!python/object/apply:os.system ['touch {sentinel}']",
    "{{{{ touch {sentinel} }}}}",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_nothing_in_a_data_file_runs(payload, tmp_path):
    sentinel = tmp_path / "ran"
    text = payload.format(sentinel=sentinel)
    (tmp_path / "meetings.json").write_text(
        json.dumps([_meeting(name=text, id="payload-1")]), encoding="utf-8"
    )
    (tmp_path / "events.json").write_text(text, encoding="utf-8")
    (tmp_path / "actors.json").write_bytes(b"\x80\x04\x95" + text.encode())  # a pickle header
    with pytest.raises(kd.DataError):
        kd.load(tmp_path)
    assert not sentinel.exists()


def test_the_package_reads_data_with_json_only():
    # No pickle, marshal, shelve or YAML, and no eval or exec, anywhere in the package.
    package = Path(kd.__file__).parent
    forbidden = re.compile(
        r"\b(import (pickle|marshal|shelve|yaml)|from (pickle|marshal|shelve|yaml) import"
        r"|eval\(|exec\(|__import__\()"
    )
    offenders = [
        f"{path.name}:{n}"
        for path in package.glob("*.py")
        for n, line in enumerate(path.read_text("utf-8").splitlines(), start=1)
        if forbidden.search(line)
    ]
    assert offenders == []


def test_file_limits_are_what_the_docs_say():
    assert MAX_FILE_BYTES == 32 * 1024 * 1024 < 50_000_000
    docs = (Path(__file__).resolve().parents[1] / "docs" / "index.md").read_text("utf-8")
    assert "32 MiB" in docs
