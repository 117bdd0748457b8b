"""Loading: the bundled data read once, your own records added and checked, bad files refused."""

from __future__ import annotations

import datetime
import json
import re
import threading
from pathlib import Path
from typing import Any

import pytest

import korea_diplomacy as kd
from korea_diplomacy import _bundle
from korea_diplomacy import _loading as loading
from korea_diplomacy._convert import converter
from korea_diplomacy._userdata import MAX_DEPTH, MAX_FILE_BYTES, MAX_PROBLEMS
from korea_diplomacy.dataset import VIEWS
from korea_diplomacy.model import record_classes
from strategies import a_meeting

"""What a public function may raise: the library's errors, and TypeError for a wrong type."""


"""The distinct public functions and methods fuzzed (each maybe in several arguments)."""


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


def _link(target: str) -> Any:
    def write(path: Path) -> None:
        path.symlink_to(target)

    return write


def _fifo(path: Path) -> None:
    import os

    os.mkfifo(path)  # reading it would wait for a writer for ever


MALFORMED: dict[str, tuple[dict[str, Any], str]] = {
    "invalid JSON": ({"meetings.json": '[{"id": "x",}]'}, "invalid JSON at line 1 column 13"),
    "an empty file": ({"meetings.json": ""}, "invalid JSON at line 1 column 1"),
    "not UTF-8": ({"meetings.json": b'[{"name": "\xff"}]'}, "not UTF-8 text"),
    "not a list": (
        {"meetings.json": {"id": "x"}},
        "expected a JSON list of records, not an object",
    ),
    "a record that is not an object": ({"meetings.json": [[1]]}, "expected a JSON object"),
    "a wrong type": ({"meetings.json": [a_meeting(ordinal="13")]}, "ordinal: expected a whole"),
    "a number for a string": ({"meetings.json": [a_meeting(name=3)]}, "name: expected a string"),
    "an unknown field": ({"meetings.json": [a_meeting(colour="red")]}, "colour"),
    "a missing field": ({"meetings.json": [a_meeting(mechanism=None)]}, "mechanism: required"),
    "a bad date": ({"meetings.json": [a_meeting(date="2019-13-01")]}, "month must be 1..12"),
    "a day that does not exist": ({"meetings.json": [a_meeting(date="2019-02-29")]}, "1..28"),
    "a span that ends first": ({"meetings.json": [a_meeting(date="2019/2018")]}, "ends before"),
    "a date as a number": ({"meetings.json": [a_meeting(date=20191126)]}, "EDTF string"),
    "a word not allowed": ({"meetings.json": [a_meeting(status="helt")]}, "did you mean 'held'"),
    "an id twice in a file": ({"meetings.json": [a_meeting(), a_meeting()]}, "used twice"),
    "an id in two files": (
        {"meetings.json": [a_meeting()], "events.json": [{**_EVENT, "id": "my-meeting-1"}]},
        "is also in",
    ),
    "a bundled id": ({"meetings.json": [a_meeting(id="asean-rok-summit-13")]}, "corrections.json"),
    "a dangling reference": (
        {"meetings.json": [a_meeting(mechanism="no-such-mechanism")]},
        "[reference-resolves]",
    ),
    "an unknown section": (
        {"meetings.json": [a_meeting(citations=[{"source": "mofa-asean", "section": "nope"}])]},
        "[citation-resolves]",
    ),
    "a clash with a bundled series": (
        {"meetings.json": [a_meeting(ordinal=13)]},
        "[ordinal-unique]",
    ),
    "an id with capitals": ({"meetings.json": [a_meeting(id="My_Meeting")]}, "[id-format]"),
    "an id with control characters": (
        {"meetings.json": [a_meeting(id="a\x00b")]},
        "id: holds the invisible or control character U+0000",
    ),
    "an empty name": ({"meetings.json": [a_meeting(name="")]}, "name: must not be empty"),
    "a zero-width space in a name": (
        {"meetings.json": [a_meeting(name="My\u200bmeeting")]},
        "name: holds the invisible or control character U+200B at position 2",
    ),
    "a right-to-left override in a name": (
        {"meetings.json": [a_meeting(name="My \u202egniteem")]},
        "U+202E",
    ),
    "a lone surrogate in a name": ({"meetings.json": [a_meeting(name="\ud800")]}, "U+D800"),
    "NUL in a name": ({"meetings.json": [a_meeting(name="a\x00b")]}, "U+0000"),
    "a file over the size limit (50 MB)": ({"meetings.json": _sparse(50_000_000)}, "larger than"),
    "a name of 10 million characters": (
        {"meetings.json": [a_meeting(name="Busan " * 2_000_000)]},
        "name: 12000000 characters, more than the 20000 allowed",
    ),
    "JSON nested 100,000 deep": (
        {"meetings.json": "[" * 100_000 + "]" * 100_000},
        "nested too deeply",
    ),
    "a record nested 500 deep": (
        {"meetings.json": [a_meeting(notes=json.loads("[" * 500 + "]" * 500))]},
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
    "a directory named like a file": (
        {"meetings.json": _directory},
        "not a regular file (a directory)",
    ),
    "a symbolic link loop": (
        {"meetings.json": _link("meetings.json")},
        "a symbolic link that leads back to itself",
    ),
    "a dangling symbolic link": (
        {"meetings.json": _link("nowhere.json")},
        "a symbolic link to 'nowhere.json', which does not exist",
    ),
    "a named pipe": ({"meetings.json": _fifo}, "not a regular file (a named pipe)"),
    "a correction of no bundled record": (
        {"corrections.json": [{"collection": "meetings", "reason": "r", "record": a_meeting()}]},
        "is not a bundled meetings record",
    ),
    "a correction without a reason": (
        {
            "corrections.json": [
                {
                    "collection": "meetings",
                    "reason": " ",
                    "record": a_meeting(id="asean-rok-summit-13", ordinal=13),
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
        ("loop", "not a directory (a symbolic link that leads back to itself)"),
        ("dangling", "not a directory (a symbolic link to 'gone', which does not exist)"),
        ("only-hidden", "no collection files"),
    ],
)
def test_a_directory_that_cannot_be_read_is_named(path, expected, tmp_path):
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    (tmp_path / "loop").symlink_to("loop")
    (tmp_path / "dangling").symlink_to("gone")
    (tmp_path / "only-hidden").mkdir()
    (tmp_path / "only-hidden" / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")
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
            "meetings.json": [a_meeting(date="2019-13-01"), a_meeting(id="m-2", name=3)],
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


def test_a_byte_order_mark_is_accepted(tmp_path):
    (tmp_path / "meetings.json").write_bytes(b"\xef\xbb\xbf" + json.dumps([a_meeting()]).encode())
    assert "my-meeting-1" in kd.load(tmp_path).meetings


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
        json.dumps([a_meeting(name=text, id="payload-1")]), encoding="utf-8"
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
    assert MAX_PROBLEMS == 1000 and "At most 1,000 problems are listed" in docs


CITE = [{"source": "my-notes", "section": "minutes"}]


SOURCE = {
    "id": "my-notes",
    "name": "My meeting notes",
    "publisher": "Me",
    "kind": "reference",
    "language": "en",
    "as_of": "2024-12",
    "sections": [{"id": "minutes", "title": "Minutes"}],
}


def _write_records(folder: Path, **collections: Any) -> Path:
    for name, records in collections.items():
        (folder / f"{name}.json").write_text(json.dumps(records), encoding="utf-8")
    return folder


def _bundled_plain(collection: str, record_id: str) -> dict[str, Any]:
    return converter().unstructure(kd.load().collection(collection)[record_id])


def test_new_records_are_added_to_the_bundled_ones(bundled, tmp_path):
    meeting = {
        "id": "my-asean-rok-dialogue-2024",
        "name": "ASEAN-ROK dialogue, 2024",
        "citations": CITE,
        "mechanism": "asean-rok-summit",
        "date": "2024-06-03",
        "country": "kor",
    }
    actor = {
        "id": "my-think-tank",
        "name": "My Think Tank",
        "citations": CITE,
        "kind": "institution",
    }
    ds = kd.load(_write_records(tmp_path, sources=[SOURCE], meetings=[meeting], actors=[actor]))
    assert ds.meetings["my-asean-rok-dialogue-2024"].date == kd.PartialDate(2024, 6, 3)
    assert ds.actors.lookup("My Think Tank").id == "my-think-tank"
    assert len(ds.meetings) == len(bundled.meetings) + 1
    # meetings come in date order: the bundled ones keep theirs, the new one takes its place
    assert [i for i in ds.meetings.ids if i != meeting["id"]] == list(bundled.meetings.ids)
    before = ds.meetings[ds.meetings.ids[ds.meetings.ids.index(meeting["id"]) - 1]]
    assert before.date is not None and before.date.earliest <= datetime.date(2024, 6, 3)
    assert "my-asean-rok-dialogue-2024" in {m.id for m in ds.summits}  # a leaders' meeting
    in_june = [m.id for m in bundled.meetings.filter(since="2024-06", until="2024-06")]
    june = [m.id for m in ds.meetings.filter(since="2024-06", until="2024-06")]
    assert sorted(june) == sorted([*in_june, meeting["id"]])
    assert "my-asean-rok-dialogue-2024" not in bundled.meetings
    assert kd.validate(ds) == ()


def test_a_correction_replaces_the_bundled_record_in_place(bundled, tmp_path):
    record = _bundled_plain("meetings", "asean-rok-summit-13")
    record["venue"] = "National Convention Center"
    corrections = [
        {"collection": "meetings", "reason": "The minutes name the venue.", "record": record}
    ]
    (tmp_path / "corrections.json").write_text(json.dumps(corrections), encoding="utf-8")
    ds = kd.load(tmp_path)
    assert ds.meetings["asean-rok-summit-13"].venue == "National Convention Center"
    assert ds.meetings.ids == bundled.meetings.ids  # same place, nothing added
    assert bundled.meetings["asean-rok-summit-13"].venue != "National Convention Center"
    assert kd.meetings["asean-rok-summit-13"] is bundled.meetings["asean-rok-summit-13"]


def test_a_bundled_id_is_refused_unless_it_is_a_correction(bundled, tmp_path):
    record = _bundled_plain("meetings", "asean-rok-summit-13")
    record["city"] = "Hanoi"
    _write_records(tmp_path, meetings=[record])
    with pytest.raises(kd.DataError) as info:
        kd.load(tmp_path)
    (problem,) = info.value.problems
    assert problem == (
        f"{tmp_path / 'meetings.json'}: record 0 (asean-rok-summit-13): id: asean-rok-summit-13 "
        "is already a bundled meetings record; to correct it, put the whole record in "
        "corrections.json with a reason"
    )


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda c: c.update(reason=""), "reason: say why the bundled record is wrong"),
        (lambda c: c.update(collection="events"), "is not a bundled events record"),
        (lambda c: c["record"].update(city="Ha Noi"), "it corrects nothing"),
        (lambda c: c["record"].update(city=7), "record: city: expected a string"),
        (lambda c: c.pop("reason"), "reason: missing"),
        (lambda c: c["record"].update(id="nope"), "a new record goes in meetings.json"),
    ],
    ids=["no reason", "wrong collection", "no change", "bad record", "no reason key", "new id"],
)
def test_a_correction_must_be_a_real_reasoned_change(bundled, tmp_path, change, expected):
    correction = {
        "collection": "meetings",
        "reason": "A reason.",
        "record": _bundled_plain("meetings", "asean-rok-summit-13"),
    }
    change(correction)
    (tmp_path / "corrections.json").write_text(json.dumps([correction]), encoding="utf-8")
    with pytest.raises(kd.DataError) as info:
        kd.load(tmp_path)
    assert any(expected in p for p in info.value.problems), info.value.problems
    assert all(str(tmp_path / "corrections.json") in p for p in info.value.problems)


def test_a_record_corrected_twice_or_also_added_is_refused(bundled, tmp_path):
    record = _bundled_plain("events", bundled.events.ids[0])
    record["name"] += " (corrected)"
    one = {"collection": "events", "reason": "A reason.", "record": record}
    (tmp_path / "corrections.json").write_text(json.dumps([one, one]), encoding="utf-8")
    with pytest.raises(kd.DataError, match="is corrected twice"):
        kd.load(tmp_path)


def test_a_correction_that_breaks_an_invariant_is_located_in_corrections_json(bundled, tmp_path):
    record = _bundled_plain("meetings", "asean-rok-summit-13")
    record["ordinal"] = 12  # the 12th summit already has it
    one = {"collection": "meetings", "reason": "Miscounted.", "record": record}
    (tmp_path / "corrections.json").write_text(json.dumps([one]), encoding="utf-8")
    with pytest.raises(kd.DataError) as info:
        kd.load(tmp_path)
    problems = info.value.problems
    assert any(
        p.startswith(f"{tmp_path / 'corrections.json'}: asean-rok-summit-13: ")
        and p.endswith("[ordinal-unique]")
        for p in problems
    ), problems


def test_violations_are_located_in_the_users_file(bundled, tmp_path):
    meeting = {
        "id": "my-meeting",
        "name": "My meeting",
        "citations": CITE,
        "mechanism": "asean-rok-summit",
        "ordinal": 13,
        "date": "2030-01-01",
    }
    _write_records(tmp_path, sources=[SOURCE], meetings=[meeting])
    with pytest.raises(kd.DataError) as info:
        kd.load(tmp_path)
    where = f"{tmp_path / 'meetings.json'}: my-meeting: "
    assert sorted(info.value.problems) == sorted(
        [
            f"{where}date: 2030-01-01 is after the newest source that states it (2024-12-31)"
            " [date-after-source]",
            f"{where}ordinal: ordinal 13 of asean-rok-summit is also asean-rok-summit-13"
            " [ordinal-unique]",
        ]
    )


def test_a_bundled_record_broken_by_user_records_is_named_as_bundled(bundled, tmp_path):
    total = next(f for f in bundled.figures if any(p.part_of == f.id for p in bundled.figures))
    part = {
        "id": "my-extra-part",
        "name": "A part too many",
        "citations": CITE,
        "subject": total.subject,
        "metric": total.metric,
        "value": converter().unstructure(total.value),
        "part_of": total.id,
    }
    _write_records(tmp_path, sources=[SOURCE], figures=[part])
    with pytest.raises(kd.DataError) as info:
        kd.load(tmp_path)
    (problem,) = info.value.problems
    assert problem.startswith(f"{tmp_path}: bundled figures record {total.id}: value: parts ")
    assert problem.endswith(
        f"[parts-sum] (caused by your record my-extra-part in {tmp_path}/figures.json)"
    )


def test_only_problems_caused_by_the_user_are_reported(bundled, tmp_path):
    # The bundled data holds every invariant, so a valid directory adds no problem.
    _write_records(tmp_path, sources=[SOURCE])
    assert kd.validate(kd.load(tmp_path)) == ()


def test_loading_the_same_directory_twice_gives_equal_datasets(bundled, tmp_path):
    _write_records(tmp_path, sources=[SOURCE])
    first, second = kd.load(tmp_path), kd.load(tmp_path)
    assert first == second and first is not second and first.digest() == second.digest()


def test_32_threads_touching_every_collection_first_get_one_load_and_the_same_objects():
    loading._reset_for_tests()
    reads: list[str] = []
    real = _bundle.read_bytes
    _bundle.read_bytes = lambda name: reads.append(name) or real(name)
    try:
        barrier = threading.Barrier(32)
        seen: list[tuple[str, Any, Any]] = []
        errors: list[BaseException] = []

        def touch(n: int) -> None:
            name = (*record_classes(), *VIEWS)[n % len((*record_classes(), *VIEWS))]
            try:
                barrier.wait()
                collection = getattr(kd, name)
                seen.append((name, collection, kd.load()))
                collection.lookup(collection.ids[0])  # indexes built under contention too
                collection.filter(since="2000", until="2010")
            except BaseException as error:  # reported below, not lost in the thread
                errors.append(error)

        threads = [threading.Thread(target=touch, args=(n,)) for n in range(32)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        _bundle.read_bytes = real
    assert errors == []
    # Each file was read once (and the manifest, to check it), however many threads asked.
    data_files = [name for name in reads if name != _bundle.MANIFEST]
    assert sorted(data_files) == sorted(f"{name}.json" for name in record_classes())
    assert reads.count(_bundle.MANIFEST) == 1 and len(seen) == 32
    ds = seen[0][2]
    assert all(dataset is ds for _, _, dataset in seen)
    assert all(collection is ds.collection(name) for name, collection, _ in seen)
    assert all(getattr(kd, name) is ds.collection(name) for name in (*record_classes(), *VIEWS))


def test_threads_loading_user_directories_at_once_each_get_a_whole_dataset(bundled, tmp_path):
    _write_records(tmp_path, sources=[SOURCE])
    barrier = threading.Barrier(8)
    results: list[Any] = []

    def load() -> None:
        barrier.wait()
        results.append(kd.load(tmp_path))

    threads = [threading.Thread(target=load) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 8 and all(r == results[0] for r in results)
    assert "my-notes" in results[0].sources and "my-notes" not in bundled.sources


@pytest.mark.parametrize(
    "text",
    [
        '[{"id": "a", "id": "b"}]',
        '[{"id" : "a",\n "id"\t: "b"}]',
        '[{"name": "x\\": y", "id": "a", "id": "b"}]',  # a quote-colon inside a value
        '[{"citations": [{"source": "s", "source": "t"}]}]',  # repeated in a nested object
    ],
)
def test_a_repeated_key_is_found_however_the_file_is_written(tmp_path, text):
    from korea_diplomacy._userdata import _read_json

    path = tmp_path / "events.json"
    path.write_text(text, encoding="utf-8")
    value, problem = _read_json(path)
    assert value is None and "appears twice" in problem


def test_a_quote_colon_inside_a_value_is_not_a_repeated_key(tmp_path):
    from korea_diplomacy._userdata import _read_json

    path = tmp_path / "events.json"
    path.write_text('[{"name": "x\\": y", "id": "a"}]', encoding="utf-8")
    value, problem = _read_json(path)
    assert problem is None and value == [{"name": 'x": y', "id": "a"}]


def _child_loads(timeout: float = 60.0) -> int:
    """Fork; the child does a first load of its own and exits. The child's exit status (or
    -1 if it did not finish in ``timeout`` seconds: it was killed)."""
    import gc
    import os
    import time

    pid = os.fork()
    if pid == 0:  # the child: nothing of pytest, only the load, then out
        status = 1
        try:
            ds = kd.load()
            loaded = kd.mechanisms.lookup("ARF") and len(ds.meetings) > 100
            status = 0 if loaded and gc.isenabled() else 1  # the collector runs, too
        finally:
            os._exit(status)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        time.sleep(0.01)
    os.kill(pid, 9)
    os.waitpid(pid, 0)
    return -1


@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")
@pytest.mark.parametrize(
    "stage", ["making the bundled dataset", "reading a bundled file", "reading your directory"]
)
def test_a_child_forked_during_a_first_load_loads_for_itself(monkeypatch, stage, tmp_path):
    import os

    parent = os.getpid()
    inside, release = threading.Event(), threading.Event()

    def held(real: Any) -> Any:
        def wait_then(*args: Any, **kwargs: Any) -> Any:
            if os.getpid() == parent:  # the parent's loading thread stops half-way
                inside.set()
                release.wait(60)
            return real(*args, **kwargs)

        return wait_then

    _write_records(tmp_path, sources=[SOURCE])
    load: Any = lambda: kd.load().mechanisms  # noqa: E731
    if stage == "reading a bundled file":
        monkeypatch.setattr(_bundle, "read_bytes", held(_bundle.read_bytes))
    elif stage == "making the bundled dataset":
        monkeypatch.setattr(loading._Bundled, "lazy", held(loading._Bundled.lazy))
    else:  # (with the garbage collector paused, as it is while records are made)
        from korea_diplomacy import _userdata

        monkeypatch.setattr(_userdata, "violations", held(_userdata.violations))
        load = lambda: kd.load(tmp_path)  # noqa: E731
    try:
        for _ in range(20):
            loading._reset_for_tests()
            inside.clear()
            release.clear()
            thread = threading.Thread(target=load)
            thread.start()
            assert inside.wait(60)  # the thread holds the load's lock now
            status = _child_loads()
            release.set()
            thread.join()
            assert status == 0, "the child's first load failed or never finished"
    finally:
        release.set()
        loading._reset_for_tests()


def _most_cited_section(ds: kd.Dataset) -> tuple[str, str]:
    from collections import Counter

    from korea_diplomacy._plan import walk
    from korea_diplomacy.model import Citation

    cited = Counter(
        (item.source, item.section)
        for name in record_classes()
        for record in ds.collection(name)
        for _, item, _, _ in walk(record)
        if type(item) is Citation
    )
    return cited.most_common(1)[0][0]


def test_a_correction_that_breaks_many_bundled_records_is_named_in_every_problem(bundled, tmp_path):
    source_id, section = _most_cited_section(bundled)
    source = _bundled_plain("sources", source_id)
    source["sections"] = [s for s in source["sections"] if s["id"] != section]
    one = {"collection": "sources", "reason": "No such page.", "record": source}
    (tmp_path / "corrections.json").write_text(json.dumps([one]), encoding="utf-8")
    _write_records(tmp_path, events=[{**_EVENT, "id": "my-unrelated-event"}])
    with pytest.raises(kd.DataError) as info:
        kd.load(tmp_path)
    problems = info.value.problems
    assert len(problems) > 50
    cause = f"(caused by your correction of {source_id} in {tmp_path / 'corrections.json'})"
    assert [p for p in problems if not p.endswith(cause)] == []
    assert not any("(has: )" in p for p in problems)  # a source left with no section says so


def test_a_correction_that_breaks_a_series_is_named_and_nothing_else(bundled, tmp_path):
    # The broken record and the correction share no reference: the message names it.
    meeting = _bundled_plain("meetings", "asean-rok-summit-12")
    meeting["ordinal"] = 13
    one = {"collection": "meetings", "reason": "Miscounted.", "record": meeting}
    (tmp_path / "corrections.json").write_text(json.dumps([one]), encoding="utf-8")
    _write_records(tmp_path, events=[{**_EVENT, "id": "my-unrelated-event"}])
    with pytest.raises(kd.DataError) as info:
        kd.load(tmp_path)
    (problem,) = info.value.problems
    assert problem.startswith(f"{tmp_path}: bundled meetings record asean-rok-summit-13: ")
    assert problem.endswith(
        f"(caused by your correction of asean-rok-summit-12 in {tmp_path / 'corrections.json'})"
    )


# Names a collection file may be mistaken for; each sits beside a good meetings.json.
NEAR_MISSES = {
    "events.JSON": "did you mean events.json? (file names are case-sensitive)",
    "Events.json": "did you mean events.json? (file names are case-sensitive)",
    "meetings.json ": "did you mean meetings.json? (the name has spaces around it)",
    " actors.json": "did you mean actors.json? (the name has spaces around it)",
    "actors.jsn": "did you mean actors.json?",
    "actors.jsonl": "did you mean actors.json?",
    "actors.json5": "did you mean actors.json?",
    "actors.json.bak": "did you mean actors.json?",
    "actors.json~": "did you mean actors.json?",
    "actors": "did you mean actors.json?",
    "Corrections.JSON": "did you mean corrections.json?",
    "summits.json": "put them in meetings.json",
    "README.md": "a directory of records holds only",
    "old": "a directory of records holds only",
}


@pytest.mark.parametrize("name", list(NEAR_MISSES))
def test_every_file_beside_the_collection_files_is_reported(tmp_path, name):
    _write(tmp_path, {"meetings.json": [a_meeting()]})
    if name == "old":
        (tmp_path / name).mkdir()
    else:
        (tmp_path / name).write_text("[]", encoding="utf-8")
    with pytest.raises(kd.DataError) as info:
        kd.load(tmp_path)
    (problem,) = info.value.problems
    assert problem.startswith(f"{tmp_path / name}: not a collection file")
    assert NEAR_MISSES[name] in problem


def test_case_variants_of_one_file_are_each_reported_not_silently_dropped(tmp_path):
    for n, name in enumerate(("events.JSON", "events.Json", "events.json")):
        (tmp_path / name).write_text(json.dumps([{**_EVENT, "id": f"e-{n}"}]), encoding="utf-8")
    with pytest.raises(kd.DataError) as info:
        kd.load(tmp_path)
    assert sorted(p.split(": ")[0] for p in info.value.problems) == [
        str(tmp_path / "events.JSON"),
        str(tmp_path / "events.Json"),
    ]


def test_hidden_files_are_ignored(tmp_path):
    _write(tmp_path, {"meetings.json": [a_meeting()], ".DS_Store": b"\0\0\0\1Bud1"})
    (tmp_path / ".git").mkdir()
    assert "my-meeting-1" in kd.load(tmp_path).meetings


def test_a_directory_of_near_misses_reports_them_not_an_empty_directory(tmp_path):
    (tmp_path / "meetings.json ").write_text("[]", encoding="utf-8")
    with pytest.raises(kd.DataError) as info:
        kd.load(tmp_path)
    (problem,) = info.value.problems
    assert "not a collection file; did you mean meetings.json?" in problem


def test_a_name_that_is_not_utf8_is_reported_printably(tmp_path):
    import os

    name = os.fsdecode(b"meetings\xff.json")
    (tmp_path / name).write_text("[]", encoding="utf-8")
    with pytest.raises(kd.DataError) as info:
        kd.load(tmp_path)
    (problem,) = info.value.problems
    assert problem.startswith(f"{tmp_path}/meetings\\xff.json: not a collection file")
    problem.encode("utf-8")  # no lone surrogate left in it


def test_very_many_bad_records_are_reported_up_to_a_cap_with_a_count_of_the_rest(tmp_path):
    (tmp_path / "meetings.json").write_text("[" + ",".join(["{}"] * 100_000) + "]")
    (tmp_path / "events.json").write_text("[" + ",".join(["1"] * 2_000_000) + "]")
    with pytest.raises(kd.DataError) as info:
        kd.load(tmp_path)
    error = info.value
    assert len(error.problems) == MAX_PROBLEMS
    # Past the cap, a record is counted once (it has at least one problem), not described.
    assert error.unlisted >= 100_000 + 2_000_000 - MAX_PROBLEMS
    assert str(error).endswith(f"... and {error.unlisted} more")


def test_reporting_many_bad_records_takes_memory_near_the_files_size(tmp_path):
    import tracemalloc

    (tmp_path / "meetings.json").write_text("[" + ",".join(["{}"] * 100_000) + "]")
    tracemalloc.start()
    try:
        with pytest.raises(kd.DataError):
            kd.load(tmp_path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 64 * 2**20  # 860 MB when every problem of every record was described


def test_very_many_stray_files_are_reported_up_to_the_cap(tmp_path):
    for n in range(MAX_PROBLEMS + 50):
        (tmp_path / f"note-{n}.txt").write_bytes(b"")
    with pytest.raises(kd.DataError) as info:
        kd.load(tmp_path)
    assert len(info.value.problems) == MAX_PROBLEMS and info.value.unlisted == 50


def test_very_many_bad_corrections_are_reported_up_to_the_cap(bundled, tmp_path):
    record = _bundled_plain("meetings", "asean-rok-summit-13")
    bad = {"collection": "meetings", "reason": "r", "record": {**record, "ordinal": "x"}}
    (tmp_path / "corrections.json").write_text(json.dumps([bad] * (MAX_PROBLEMS + 10)))
    with pytest.raises(kd.DataError) as info:
        kd.load(tmp_path)
    assert len(info.value.problems) == MAX_PROBLEMS and info.value.unlisted == 10


def test_a_reference_spelt_with_look_alike_letters_is_pointed_out(bundled, tmp_path):
    meeting = a_meeting(mechanism="\u0430sean-rok-summit", country="k\u03bfr")
    meeting["citations"] = [{"source": "m\u03bffa-asean", "section": "overview"}]
    _write(tmp_path, {"meetings.json": [meeting]})
    with pytest.raises(kd.DataError) as info:
        kd.load(tmp_path)
    problems = "\n".join(info.value.problems)
    for expected in (
        "mechanism: '\u0430sean-rok-summit' is not an id in mechanisms; it looks like "
        "'asean-rok-summit' but is spelt with other characters (U+0430 at position 0)",
        "country: 'k\u03bfr' is not an id in actors; it looks like 'kor' but is spelt with "
        "other characters (U+03BF at position 1)",
        "citations[0]: unknown source 'm\u03bffa-asean'; it looks like 'mofa-asean' but is "
        "spelt with other characters (U+03BF at position 1)",
    ):
        assert expected in problems, problems


def test_an_id_spelt_with_look_alike_letters_says_which(bundled, tmp_path):
    _write(tmp_path, {"meetings.json": [a_meeting(id="my-m\u0435eting")]})
    with pytest.raises(kd.DataError) as info:
        kd.load(tmp_path)
    (problem,) = info.value.problems
    assert "is not lowercase kebab-case" in problem
    assert "it holds look-alikes of Latin letters (U+0435 at position 4)" in problem
