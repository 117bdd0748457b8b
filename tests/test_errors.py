"""The exceptions: one root, each one a built-in it resembles, and each one able to cross
from a worker process to its parent."""

from __future__ import annotations

import concurrent.futures
import json
import multiprocessing
from pathlib import Path

import pytest

import korea_diplomacy as kd


def test_errors_share_one_root():
    for error in (
        kd.NotFoundError,
        kd.AmbiguousLookupError,
        kd.DateParseError,
        kd.InvalidCriteriaError,
        kd.DataError,
    ):
        assert issubclass(error, kd.KoreaDiplomacyError)
    assert issubclass(kd.DateParseError, ValueError)


def _bad_directory(folder: Path) -> Path:
    folder.mkdir()
    records = [{"id": f"bad-{n}", "name": n} for n in range(3)]  # several problems each
    (folder / "meetings.json").write_text(json.dumps(records), encoding="utf-8")
    return folder


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_a_load_failing_in_a_pool_worker_reaches_the_parent(tmp_path, method):
    # An error that cannot be unpickled leaves Pool.map waiting for ever: a bounded wait.
    bad = _bad_directory(tmp_path / "bad")
    with pytest.raises(kd.DataError) as expected:
        kd.load(bad)
    context = multiprocessing.get_context(method)
    with context.Pool(2) as pool:
        pending = pool.map_async(kd.load, [str(bad), str(bad)])
        with pytest.raises(kd.DataError) as info:
            pending.get(timeout=120)
    assert len(info.value.problems) > 2
    assert info.value.problems == expected.value.problems


def test_a_load_failing_in_an_executor_is_that_error_not_a_broken_pool(tmp_path):
    bad = _bad_directory(tmp_path / "bad")
    with concurrent.futures.ProcessPoolExecutor(2) as executor:
        future = executor.submit(kd.load, bad)
        with pytest.raises(kd.DataError, match="problems in the data"):
            future.result(timeout=120)
        missing = executor.submit(_raise_missing_extra)
        with pytest.raises(kd.MissingExtraError) as info:
            missing.result(timeout=120)
    assert info.value.extra == "pandas" and info.value.name == "pandas"


def _raise_missing_extra() -> None:
    raise kd.MissingExtraError("kd.to_frame", "pandas")
