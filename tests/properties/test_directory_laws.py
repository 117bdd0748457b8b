"""Laws of reading a directory of your own records: every file is read or reported."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

import korea_diplomacy as kd
from korea_diplomacy._userdata import CORRECTIONS_FILE
from korea_diplomacy.model import record_classes

DATA_FILES = [f"{name}.json" for name in record_classes()]

# Any name a file system takes (no "/", no NUL), near misses of the data files' names, and
# names whose bytes are not UTF-8.
NAMES = st.one_of(
    st.text(
        st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)),
        min_size=1,
        max_size=40,
    ),
    st.builds(
        lambda name, before, after: before + name + after,
        st.sampled_from([*DATA_FILES, CORRECTIONS_FILE]),
        st.sampled_from(["", " ", "\t", ".", "\u200b", "~"]),
        st.sampled_from(["", " ", "~", ".bak", "l", "5", "\n", "\u00a0"]),
    ),
    st.sampled_from(DATA_FILES).map(str.upper),
    st.binary(min_size=1, max_size=30)
    .filter(lambda b: b"/" not in b and b"\0" not in b)
    .map(os.fsdecode),
).filter(lambda name: name not in (".", "..") and len(os.fsencode(name)) <= 255)


def _problems(folder: Path) -> tuple[str, ...]:
    try:
        kd.load(folder)
    except kd.DataError as error:
        return error.problems
    return ()


@given(st.lists(NAMES, min_size=1, max_size=4, unique=True), st.booleans())
def test_every_file_is_read_or_reported(names, as_directories):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name in names:
            if as_directories and name not in DATA_FILES:
                (folder / name).mkdir()
            else:
                (folder / name).write_text("[]")
        problems = _problems(folder)
        for problem in problems:
            assert problem.isprintable() and problem.encode("utf-8"), problem
        visible = [name for name in names if not name.startswith(".")]
        strays = [name for name in visible if name not in (*DATA_FILES, CORRECTIONS_FILE)]
        if not visible:
            assert len(problems) == 1 and "no collection files" in problems[0]
        else:
            # Each stray file is named in exactly one problem; the data files are read.
            assert len(problems) == len(strays), (names, problems)
            assert all("not a collection file" in problem for problem in problems)


@given(NAMES)
def test_a_good_file_beside_any_stray_one_is_still_read(name):
    record = {
        "id": "my-event-1",
        "name": "My event",
        "citations": [{"source": "mofa-asean", "section": "overview"}],
        "kind": "decision",
    }
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "events.json").write_text(json.dumps([record]))
        if name != "events.json":
            (folder / name).write_text("[]")
        try:
            ds = kd.load(folder)
        except kd.DataError as error:
            assert not name.startswith(".") and name not in DATA_FILES
            (problem,) = error.problems
            assert "not a collection file" in problem
        else:
            assert "my-event-1" in ds.events
            assert name.startswith(".") or name in (*DATA_FILES, CORRECTIONS_FILE)
