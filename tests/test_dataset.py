"""The dataset: the timeline, the plain-dict form, and cross-collection questions."""

from __future__ import annotations

import concurrent.futures
import copy
import datetime as dt
import json
import multiprocessing
import pickle
from typing import Any

import pytest

import korea_diplomacy as kd
from korea_diplomacy.collection import Collection
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


def _a_dataset_of_your_own(folder) -> kd.Dataset:
    source = {
        "id": "my-notes",
        "name": "My notes",
        "publisher": "Me",
        "kind": "reference",
        "language": "en",
        "sections": [{"id": "minutes", "title": "Minutes"}],
    }
    (folder / "sources.json").write_text(json.dumps([source]), encoding="utf-8")
    return kd.load(folder)


def _collections(ds: kd.Dataset) -> list[Any]:
    standalone = Collection("meetings", list(ds.meetings)[:3])
    return [*(ds.collection(n) for n in (*record_classes(), *VIEWS)), standalone]


def test_datasets_and_collections_pickle_copy_and_deep_copy(tmp_path):
    for ds in (kd.load(), _a_dataset_of_your_own(tmp_path), kd.Dataset({})):
        for again in (pickle.loads(pickle.dumps(ds)), copy.copy(ds), copy.deepcopy(ds)):
            assert again == ds and again.digest() == ds.digest()
        for collection in _collections(ds):
            for again in (
                pickle.loads(pickle.dumps(collection)),
                copy.copy(collection),
                copy.deepcopy(collection),
            ):
                assert again == collection and type(again) is type(collection)
                assert again.name == collection.name and again.ids == collection.ids
    mine = _a_dataset_of_your_own(tmp_path)
    assert "my-notes" in pickle.loads(pickle.dumps(mine.sources))
    assert pickle.loads(pickle.dumps(kd.load())) is kd.load()  # the bundled one: itself


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_a_dataset_and_its_collections_can_be_sent_to_worker_processes(tmp_path, method):
    mine = _a_dataset_of_your_own(tmp_path)
    context = multiprocessing.get_context(method)
    with concurrent.futures.ProcessPoolExecutor(2, mp_context=context) as executor:
        digests = executor.map(kd.Dataset.digest, [kd.load(), mine], timeout=120)
        assert list(digests) == [kd.load().digest(), mine.digest()]
        assert executor.submit(kd.validate, mine).result(timeout=120) == ()
        sizes = executor.map(len, _collections(mine), timeout=120)
        assert list(sizes) == [len(c) for c in _collections(mine)]
        # ... and back: a dataset loaded in the worker arrives whole.
        assert executor.submit(kd.load, tmp_path).result(timeout=120) == mine
    with context.Pool(2) as pool:
        found = pool.map_async(_lookup_akcf, [mine.funds, kd.load().funds]).get(timeout=120)
    assert found == ["asean-rok-cooperation-fund"] * 2


def _lookup_akcf(funds: Any) -> str:
    return str(funds.lookup("AKCF").id)


@pytest.mark.parametrize("amount", ["NaN", "sNaN", "-Infinity", "1E+99999999", "1E+999999999999"])
def test_a_dataset_built_in_code_with_any_amount_gives_its_timeline_and_violations(amount):
    from decimal import Decimal

    import attrs

    ds = kd.load()
    fund = next(f for f in ds.funds if f.contributions)
    spent = attrs.evolve(fund.contributions[0].amount, amount=Decimal(amount))
    changed = attrs.evolve(fund, contributions=(attrs.evolve(fund.contributions[0], amount=spent),))
    records = {name: list(ds.collection(name)) for name in record_classes()}
    records["funds"] = [changed if f is fund else f for f in records["funds"]]
    broken = kd.Dataset(records)
    labels = [f.label for f in broken.timeline() if f.record_id == fund.id]
    assert labels and all(len(label) < 300 for label in labels)
    (violation,) = kd.validate(broken)
    assert violation.invariant == "field-type" and violation.record_id == fund.id
    # Its plain form and digest are made at once, the amount in E notation, not in digits.
    written = broken.to_dict()["funds"][records["funds"].index(changed)]
    assert len(written["contributions"][0]["amount"]["amount"]) < 100
    assert len(broken.digest()) == 64
    assert violation.field == "contributions[0].amount.amount"
    assert len(violation.message) < 200


def test_mechanism_family_remembers_only_the_mechanisms_of_its_dataset():
    ds = kd.Dataset.from_dict(kd.load().to_dict())  # a dataset of its own: nothing cached yet
    for n in range(5000):
        unknown = f"no-such-mechanism-{n}"
        assert ds.mechanism_family(unknown) == frozenset((unknown,))
    for mechanism in ds.mechanisms:
        assert mechanism.id in ds.mechanism_family(mechanism.id)
    assert len(ds._families) == len(ds.mechanisms)
