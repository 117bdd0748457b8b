"""Identifiers are a promise (docs/stability.md): no id a release shipped ever disappears.

``tests/data/ids-<version>.json`` lists every id of a release, per collection, as
``scripts/release_ids.py`` read it from the release commit; each must still name a record of
the same collection.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import korea_diplomacy as kd

RELEASES = sorted((Path(__file__).resolve().parents[1] / "data").glob("ids-*.json"))


def test_the_first_release_is_listed():
    assert "ids-0.1.0.json" in [path.name for path in RELEASES]


@pytest.mark.parametrize("release", RELEASES, ids=[p.stem for p in RELEASES])
def test_no_released_id_has_disappeared(release):
    released = json.loads(release.read_text(encoding="utf-8"))
    assert sum(len(ids) for ids in released.values()) > 0
    dataset = kd.load()
    gone = {
        name: [record_id for record_id in ids if record_id not in dataset.collection(name)]
        for name, ids in released.items()
    }
    assert not any(gone.values()), {name: ids for name, ids in gone.items() if ids}
