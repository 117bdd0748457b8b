"""The two ways records are read cannot disagree.

The bundled files take the fast route (each class's plan builds the record); everything else
goes through cattrs. Both read every field by its shape, but each assembles records its own
way, so these tests give both the same JSON (the bundled data, generated records, and
generated records with a field replaced by any JSON value, a field dropped or one added) and
check that both accept it and build equal records, or both refuse it.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from korea_diplomacy import _bundle
from korea_diplomacy._convert import structure, unstructure
from korea_diplomacy._plan import plan
from korea_diplomacy.model import record_classes
from strategies import RECORD_CLASSES, records

JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**60), 2**60)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8)
    | st.sampled_from(["2019", "2019-02-30", "1_000", "14", "abc", "held", "kor", ""]),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3)
    ),
    max_leaves=8,
)


def both(raw: object, cls: type) -> tuple[object, object]:
    """What each route makes of ``raw``: a record, or the exception class it raised."""
    results = []
    for route in (plan(cls).build, lambda value: structure(value, cls, detailed=False)):
        try:
            results.append(route(raw))
        except Exception as error:
            results.append(type(error))
    return results[0], results[1]


def agree(raw: object, cls: type) -> None:
    fast, slow = both(raw, cls)
    if isinstance(fast, type) or isinstance(slow, type):
        assert isinstance(fast, type) and isinstance(slow, type), (raw, fast, slow)
    else:
        assert fast == slow


@pytest.mark.parametrize("name", list(record_classes()))
def test_both_routes_build_every_bundled_record_alike(name):
    cls = record_classes()[name]
    for item in _bundle.read_bundled()[name]:
        assert plan(cls).build(item) == structure(item, cls)


@given(st.sampled_from(RECORD_CLASSES).flatmap(records))
def test_both_routes_read_any_valid_record_alike(record):
    raw = json.loads(json.dumps(unstructure(record), ensure_ascii=False))
    fast, slow = both(raw, type(record))
    assert fast == slow == record


@given(st.sampled_from(RECORD_CLASSES).flatmap(records), st.data())
def test_both_routes_refuse_or_accept_any_changed_record_alike(record, data):
    cls = type(record)
    raw = json.loads(json.dumps(unstructure(record), ensure_ascii=False))
    fields = [field.name for field in plan(cls).fields]
    change = data.draw(st.sampled_from(["replace", "drop", "add"]))
    name = data.draw(st.sampled_from(fields))
    if change == "replace":
        raw[name] = data.draw(JSON)
    elif change == "drop":
        raw.pop(name, None)
    else:
        raw[data.draw(st.text(max_size=6))] = data.draw(JSON)
    agree(raw, cls)


@given(JSON)
def test_both_routes_refuse_or_accept_any_json_alike(value):
    for cls in RECORD_CLASSES:
        agree(value, cls)


@pytest.mark.parametrize(
    "change",
    [
        {"ordinal": "13"},
        {"ordinal": True},
        {"date": "2010-13-01"},
        {"date": 2010},
        {"status": "finished"},
        {"surprise": 1},
        {"citations": {"source": "mofa-asean"}},
        {"citations": [{"source": "mofa-asean"}]},
        {"name": None},
        {"themes": "abc"},
        {"name": ""},
    ],
)
def test_both_routes_refuse_a_bad_meeting(change):
    item = json.loads(json.dumps(_bundle.read_bundled()["meetings"][0])) | change
    fast, slow = both(item, record_classes()["meetings"])
    assert isinstance(fast, type) and isinstance(slow, type)
