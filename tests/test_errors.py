"""Tests of test_errors.py."""

from __future__ import annotations

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
