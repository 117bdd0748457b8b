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
