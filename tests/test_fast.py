"""The lean structurer builds what the cattrs converter builds, and rejects what it rejects."""

import json

import pytest

from korea_diplomacy import fast, loading
from korea_diplomacy.convert import converter
from korea_diplomacy.model import RECORD_TYPES

RAW = loading.read_bundled()


@pytest.mark.parametrize("name", list(RECORD_TYPES))
def test_fast_and_cattrs_build_equal_records(name):
    conv = converter()
    for item in RAW[name]:
        assert fast.structure(item, RECORD_TYPES[name]) == conv.structure(item, RECORD_TYPES[name])


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
    ],
)
def test_fast_rejects_what_cattrs_rejects(change):
    item = json.loads(json.dumps(RAW["meetings"][0])) | change
    with pytest.raises(fast.Rejected):
        fast.structure(item, RECORD_TYPES["meetings"])
    with pytest.raises(Exception):  # noqa: B017 - cattrs raises its own error classes
        converter().structure(item, RECORD_TYPES["meetings"])


def test_missing_required_field_is_rejected():
    item = dict(RAW["meetings"][0])
    del item["mechanism"]
    with pytest.raises(fast.Rejected):
        fast.structure(item, RECORD_TYPES["meetings"])
