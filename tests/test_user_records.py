"""Your own records: kd.load("dir/") adds them to the bundled data, corrections.json corrects
bundled records, and nothing a user does changes the bundled dataset. Records and collections
cannot be changed, and 32 threads touching the data for the first time get one load.
"""

from __future__ import annotations

import copy
import json
import threading
from pathlib import Path
from typing import Any

import attrs
import pytest

import korea_diplomacy as kd
from korea_diplomacy import loading
from korea_diplomacy.convert import converter
from korea_diplomacy.dataset import COLLECTIONS
from korea_diplomacy.model import RECORD_TYPES

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


def _write(folder: Path, **collections: Any) -> Path:
    for name, records in collections.items():
        (folder / f"{name}.json").write_text(json.dumps(records), encoding="utf-8")
    return folder


def _bundled_plain(collection: str, record_id: str) -> dict[str, Any]:
    return converter().unstructure(kd.load().collection(collection)[record_id])


@pytest.fixture
def bundled():
    ds = kd.load()
    before = (ds.digest(), ds.to_dict(), {name: getattr(kd, name) for name in COLLECTIONS})
    yield ds
    # Whatever the test did, the bundled dataset is exactly as it was.
    assert kd.load() is ds
    assert ds.digest() == before[0] and ds.to_dict() == before[1]
    assert all(getattr(kd, name) is before[2][name] for name in COLLECTIONS)


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
    ds = kd.load(_write(tmp_path, sources=[SOURCE], meetings=[meeting], actors=[actor]))
    assert ds.meetings["my-asean-rok-dialogue-2024"].date == kd.PartialDate(2024, 6, 3)
    assert ds.actors.lookup("My Think Tank").id == "my-think-tank"
    assert len(ds.meetings) == len(bundled.meetings) + 1
    assert ds.meetings.ids[: len(bundled.meetings)] == bundled.meetings.ids
    assert "my-asean-rok-dialogue-2024" in {m.id for m in ds.summits}  # a leaders' meeting
    assert [m.id for m in ds.meetings.filter(since="2024-06", until="2024-06")] == [meeting["id"]]
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
    _write(tmp_path, meetings=[record])
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
    _write(tmp_path, sources=[SOURCE], meetings=[meeting])
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
    _write(tmp_path, sources=[SOURCE], figures=[part])
    with pytest.raises(kd.DataError) as info:
        kd.load(tmp_path)
    (problem,) = info.value.problems
    assert problem.startswith(f"{tmp_path}: bundled figures record {total.id}: value: parts ")
    assert problem.endswith("[parts-sum]")


def test_only_problems_caused_by_the_user_are_reported(bundled, tmp_path):
    # The bundled data holds every invariant, so a valid directory adds no problem.
    _write(tmp_path, sources=[SOURCE])
    assert kd.validate(kd.load(tmp_path)) == ()


def test_loading_the_same_directory_twice_gives_equal_datasets(bundled, tmp_path):
    _write(tmp_path, sources=[SOURCE])
    first, second = kd.load(tmp_path), kd.load(tmp_path)
    assert first == second and first is not second and first.digest() == second.digest()


# --------------------------------------------------------------------------- immutability


def test_records_of_every_class_cannot_be_changed(bundled):
    for name in RECORD_TYPES:
        record = bundled.collection(name)[bundled.collection(name).ids[0]]
        field = attrs.fields(type(record))[0].name
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            setattr(record, field, "changed")
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            delattr(record, field)
        assert not hasattr(record, "__dict__")  # no new attributes either
        with pytest.raises((AttributeError, TypeError)):
            record.new_attribute = 1
        for value in attrs.astuple(record, recurse=False):
            assert not isinstance(value, (list, dict, set)), (name, value)


def test_nested_values_cannot_be_changed(bundled):
    eas = bundled.mechanisms["east-asia-summit"]
    with pytest.raises(TypeError):
        eas.memberships[0] = None
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        eas.memberships[0].member = "usa"
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        eas.citations[0].source = "x"
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        eas.established.year = 1900


def test_collections_and_datasets_cannot_be_changed(bundled):
    for name in COLLECTIONS:
        collection = bundled.collection(name)
        with pytest.raises(AttributeError):
            collection._records = ()
        with pytest.raises(AttributeError):
            del collection._by_id
        with pytest.raises(TypeError):
            collection["x"] = None
        assert not hasattr(collection, "__dict__")
        with pytest.raises(AttributeError):
            setattr(bundled, name, None)
    with pytest.raises(AttributeError):
        kd.load()._digest = "x"


def test_changing_what_to_dict_returns_does_not_change_the_dataset(bundled):
    data = bundled.to_dict()
    pristine = copy.deepcopy(data)
    data["meetings"][0]["citations"][0]["section"] = "changed"
    data["mechanisms"][0]["citations"].clear()
    data["figures"].append({"id": "x"})
    del data["sources"]
    assert bundled.to_dict() == pristine
    assert kd.Dataset.from_dict(bundled.to_dict()) == bundled


# --------------------------------------------------------------------------- concurrency


def test_32_threads_touching_every_collection_first_get_one_load_and_the_same_objects():
    loading._reset_for_tests()
    reads = []
    real = loading.read_bundled
    loading.read_bundled = lambda: reads.append(1) or real()
    try:
        barrier = threading.Barrier(32)
        seen: list[tuple[str, Any, Any]] = []
        errors: list[BaseException] = []

        def touch(n: int) -> None:
            name = COLLECTIONS[n % len(COLLECTIONS)]
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
        loading.read_bundled = real
    assert errors == []
    assert len(reads) == 1 and len(seen) == 32
    ds = seen[0][2]
    assert all(dataset is ds for _, _, dataset in seen)
    assert all(collection is ds.collection(name) for name, collection, _ in seen)
    assert all(getattr(kd, name) is ds.collection(name) for name in COLLECTIONS)


def test_threads_loading_user_directories_at_once_each_get_a_whole_dataset(bundled, tmp_path):
    _write(tmp_path, sources=[SOURCE])
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
    from korea_diplomacy.loading import _read_json

    path = tmp_path / "events.json"
    path.write_text(text, encoding="utf-8")
    value, problem = _read_json(path)
    assert value is None and "appears twice" in problem


def test_a_quote_colon_inside_a_value_is_not_a_repeated_key(tmp_path):
    from korea_diplomacy.loading import _read_json

    path = tmp_path / "events.json"
    path.write_text('[{"name": "x\\": y", "id": "a"}]', encoding="utf-8")
    value, problem = _read_json(path)
    assert problem is None and value == [{"name": 'x": y', "id": "a"}]
