"""Shared by the command-line tests and the fuzzing suite: tricky arguments, a way to run the
command line in this process, and the check that any error is one line with status 2."""

from __future__ import annotations

import argparse
import io
from contextlib import redirect_stderr, redirect_stdout

from hypothesis import strategies as st

import korea_diplomacy as kd
from korea_diplomacy import cli

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


CONTROL = st.text(st.characters(categories=("Cc", "Cf", "Zl", "Zp", "Cs")), max_size=20)

ARG = st.one_of(
    st.text(max_size=20),
    CONTROL,
    st.sampled_from(TRICKY),
    st.sampled_from(["-h", "--json", "--", "-x", "--limit", "7"]),
    st.sampled_from(["x" * 20_000]),
)


def subcommands() -> dict[str, list[str]]:
    """Each subcommand and its options, read from the parser itself (and, for ``list``, the
    criteria of the meetings): a new subcommand or option is fuzzed without a word here."""
    parser = cli._parser()
    (sub,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    found = {
        name: [
            option
            for action in command._actions
            for option in action.option_strings
            if option.startswith("--") and option not in ("--help", "--json")
        ]
        for name, command in sub.choices.items()
    }
    found["list"] += [f"--{criterion}" for criterion in kd.meetings.criteria]
    return found


SUBCOMMANDS = subcommands()


def run_cli(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = cli.main(argv)
    return code, out.getvalue(), err.getvalue()


def check_cli(argv: list[str]) -> None:
    """Run the command line: it exits with 0, with 2 after exactly one line on stderr, or
    (``diff`` only) with 1 when the packages differ; never a traceback."""
    code, out, err = run_cli(argv)
    assert "Traceback" not in out + err
    assert code in (0, 2) or (code == 1 and "diff" in argv), (argv, code, err)
    if code == 2:
        lines = err.split("\n")
        assert len(lines) == 2 and lines[1] == "", err  # exactly one line
        assert lines[0].startswith("korea-diplomacy") and len(lines[0]) > 30, err
    else:
        assert err == ""
