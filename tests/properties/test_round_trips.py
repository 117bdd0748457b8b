"""Round trips: every record and dataset, bundled or generated, back to itself."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

import korea_diplomacy as kd
from korea_diplomacy._convert import canonical_json, converter
from korea_diplomacy._plan import plan
from korea_diplomacy.model import record_classes
from strategies import RECORD_CLASSES, datasets, records


@pytest.mark.parametrize("name", list(record_classes()))
def test_every_bundled_record_round_trips(name):
    conv = converter()
    for record in kd.load().collection(name):
        plain = conv.unstructure(record)
        assert conv.structure(plain, type(record)) == record
        assert plan(type(record)).build(json.loads(json.dumps(plain))) == record


@pytest.mark.parametrize("cls", RECORD_CLASSES, ids=lambda cls: cls.__name__)
@given(data=st.data())
def test_generated_records_of_every_class_round_trip(cls, data):
    record = data.draw(records(cls))
    conv = converter()
    plain = json.loads(json.dumps(conv.unstructure(record), ensure_ascii=False))
    assert conv.structure(plain, cls) == record
    assert plan(cls).build(plain) == record
    assert conv.unstructure(conv.structure(plain, cls)) == plain


def _through_json(ds):
    text = canonical_json([ds.to_dict()])
    return kd.Dataset.from_dict(json.loads(text)[0])


def test_the_bundled_dataset_round_trips_with_the_same_digest():
    ds = kd.load()
    again = _through_json(ds)
    assert again == ds and again.digest() == ds.digest()


@given(datasets())
def test_generated_datasets_round_trip_with_the_same_digest(ds):
    again = _through_json(ds)
    assert again == ds
    assert again.digest() == ds.digest()
    assert again.to_dict() == ds.to_dict()


AMOUNT_TEXTS = st.builds(
    lambda sign, whole, fraction: f"{sign}{whole}{'.' + fraction if fraction else ''}",
    st.sampled_from(["", "-"]),
    st.integers(0, 10**30 - 1).map(str),
    st.none() | st.text("0123456789", min_size=1, max_size=20),
)
"""Every amount the format allows: up to 30 digits before the point and 20 after."""


@given(AMOUNT_TEXTS, st.sampled_from(["figures", "funds"]))
def test_any_amount_is_read_by_both_routes_and_written_back_as_it_was(text, collection):
    import re

    from korea_diplomacy._plan import AMOUNT_PATTERN

    assert re.match(AMOUNT_PATTERN, text)
    citations = [{"source": "s", "section": "p"}]
    money = {"amount": text, "currency": "USD"}
    if collection == "figures":
        raw = {"metric": "m", "subject": "kor", "value": money}
    else:
        contribution = {"kind": "annual", "amount": money, "citations": citations}
        raw = {"contributions": [contribution]}
    raw = {"id": "x", "name": "X", "citations": citations, **raw}
    cls = record_classes()[collection]
    for record in (plan(cls).build(raw), converter().structure(raw, cls)):
        plain = json.loads(json.dumps(converter().unstructure(record)))
        assert json.dumps(plain, sort_keys=True) == json.dumps(raw, sort_keys=True)
