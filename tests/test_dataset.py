"""The dataset: the timeline, the plain-dict form, and cross-collection questions."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

import korea_diplomacy as kd
from korea_diplomacy.dataset import VIEWS
from korea_diplomacy.model import record_classes


def test_timeline_is_sorted_and_filterable():
    facts = kd.timeline()
    assert list(facts) == sorted(facts, key=lambda f: f.sort_key())
    window = kd.timeline(since="2019-11-01", until="2019-11-30")
    assert window and all(f.date.latest >= dt.date(2019, 11, 1) for f in window)
    assert all(f.date.earliest <= dt.date(2019, 11, 30) for f in window)
    thai = kd.timeline(involving="tha")
    assert thai and len(thai) < len(facts)


def test_to_dict_is_a_fresh_copy():
    ds = kd.load()
    data = ds.to_dict()
    data["mechanisms"][0]["name"] = "changed"
    data["mechanisms"].clear()
    assert ds.to_dict() != data
    assert kd.Dataset.from_dict(ds.to_dict()) == ds


def test_collections_and_datasets_cannot_be_changed(bundled):
    for name in (*record_classes(), *VIEWS):
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


def test_the_same_records_give_the_digest_every_release_gave():
    # The data of release 0.1.0, read by today's code, has the digest 0.1.0 reported: a
    # digest that changes means the data changed, never the code that hashes it.
    import gzip
    import json
    from pathlib import Path

    path = Path(__file__).parent / "data" / "data-0.1.0.json.gz"
    data = json.loads(gzip.decompress(path.read_bytes()))
    released = kd.Dataset.from_dict(data)
    assert released.digest() == "34d9fbeff66bd3fade98aa4b54c33fc04251f2596874303f2588da31af55f663"
    # Iteration puts meetings in date order; the plain form and the digest keep the files'.
    assert [m["id"] for m in released.to_dict()["meetings"]] == [m["id"] for m in data["meetings"]]
    assert list(released.meetings) == sorted(released.meetings, key=kd.collection.date_order)
    assert kd.Dataset.from_dict(released.to_dict()) == released
