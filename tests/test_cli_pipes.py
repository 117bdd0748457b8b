"""The command line as used in a shell pipeline."""

import subprocess
import sys


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
