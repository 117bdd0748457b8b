"""The command line: every subcommand, and one line on stderr for every error."""

from __future__ import annotations

import atexit
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cli_runs import ARG, SUBCOMMANDS, check_cli, run_cli
from korea_diplomacy.cli import main

_OUT = tempfile.mkdtemp(prefix="kd-export-")


atexit.register(shutil.rmtree, _OUT, True)


# export writes files: it is fuzzed below, only ever inside a temporary directory.
@pytest.mark.parametrize("command", [c for c in SUBCOMMANDS if c != "export"])
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
    assert "\\x01" in done.stderr


def test_a_reader_that_stops_early_is_not_an_error(monkeypatch, capsys):
    # `korea-diplomacy list meetings | head -1`: the reader has gone while we still write.
    import os

    from korea_diplomacy.cli import main

    read_end, write_end = os.pipe()
    os.close(read_end)
    with os.fdopen(write_end, "w") as closed_pipe:
        monkeypatch.setattr(sys, "stdout", closed_pipe)
        assert main(["timeline"]) == 0
    assert capsys.readouterr().err == ""


def test_planned_dates_show_for_meetings_that_did_not_take_place():
    out = subprocess.run(
        [sys.executable, "-m", "korea_diplomacy", "list", "meetings", "--status", "postponed"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "26 Oct 2021 (postponed)" in out


def _run_with(env: dict[str, str], *argv: str) -> subprocess.CompletedProcess[bytes]:
    """The command in a subprocess with these variables set; its output as bytes."""
    return subprocess.run(
        [sys.executable, "-m", "korea_diplomacy", *argv],
        capture_output=True,
        env={**os.environ, **env},
    )


ASCII_STDOUTS = {
    "PYTHONIOENCODING=ascii": {"PYTHONIOENCODING": "ascii"},
    "the C locale, uncoerced": {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"},
}


@pytest.mark.parametrize("env", list(ASCII_STDOUTS))
def test_text_output_to_a_stdout_that_is_not_utf8_degrades_and_is_whole(env):
    done = _run_with(ASCII_STDOUTS[env], "show", "AKCF")
    assert done.returncode == 0, done.stderr
    text = done.stdout.decode("ascii")  # every character it could not write replaced
    assert text.startswith("ASEAN-ROK Cooperation Fund  [Fund asean-rok-cooperation-fund]")
    assert "\n  local names: ko, ?-??? ????" in text and "  sources:\n" in text
    assert done.stderr == b""


@pytest.mark.parametrize("env", list(ASCII_STDOUTS))
def test_json_output_to_a_stdout_that_is_not_utf8_is_valid_ascii_json(env):
    done = _run_with(ASCII_STDOUTS[env], "--json", "show", "AKCF")
    assert done.returncode == 0, done.stderr
    as_utf8 = _run_with({}, "--json", "show", "AKCF").stdout
    assert json.loads(done.stdout.decode("ascii")) == json.loads(as_utf8.decode("utf-8"))


@pytest.mark.parametrize("env", ["", *ASCII_STDOUTS, "LC_ALL=C"])
def test_json_validate_of_a_directory_with_names_that_are_not_utf8_is_valid_json(env, tmp_path):
    folder = tmp_path / os.fsdecode(b"mine-\xff")
    folder.mkdir()
    (folder / os.fsdecode(b"meetings\xfe.json")).write_text("[]", encoding="utf-8")
    variables = {"LC_ALL": "C"} if env == "LC_ALL=C" else ASCII_STDOUTS.get(env, {})
    done = _run_with(variables, "--json", "validate", str(folder))
    assert done.returncode == 2
    report = json.loads(done.stdout.decode("utf-8"))  # strict: no stray byte
    (problem,) = report["problems"]
    assert problem.startswith(f"{tmp_path}/mine-\\xff/meetings\\xfe.json: not a collection file")
    assert report["checked"] == ["bundled data", str(folder)]
    assert done.stderr.count(b"\n") == 1


def test_a_command_that_fails_half_way_prints_nothing_of_its_output(monkeypatch):
    from korea_diplomacy import cli

    def half(rows):
        raise RuntimeError("failed half-way")

    # `info` prints its first lines, then its table: the table fails.
    monkeypatch.setattr(cli, "_table", half)
    code, out, err = run_cli(["info"])
    assert code == 2 and out == "" and "failed half-way" in err


def test_validate_says_how_many_problems_were_not_listed(tmp_path):
    from korea_diplomacy._userdata import MAX_PROBLEMS

    (tmp_path / "meetings.json").write_text("[" + ",".join(["1"] * (MAX_PROBLEMS + 5)) + "]")
    code, out, err = run_cli(["validate", str(tmp_path)])
    lines = out.splitlines()
    assert code == 2 and len(lines) == MAX_PROBLEMS + 1
    assert lines[-1] == "... and 5 more, not listed"
    assert err.startswith(f"korea-diplomacy: error: {MAX_PROBLEMS + 5} problems in ")
    code, out, err = run_cli(["--json", "validate", str(tmp_path)])
    report = json.loads(out)
    assert len(report["problems"]) == MAX_PROBLEMS and report["unlisted"] == 5


def test_validate_to_a_reader_that_stops_early_is_not_an_error(monkeypatch, capsys, tmp_path):
    (tmp_path / "meetings.json").write_text("[1, 2, 3]", encoding="utf-8")
    read_end, write_end = os.pipe()
    os.close(read_end)
    with os.fdopen(write_end, "w") as closed_pipe:
        monkeypatch.setattr(sys, "stdout", closed_pipe)
        assert main(["validate", str(tmp_path)]) == 0
    assert "Traceback" not in capsys.readouterr().err
