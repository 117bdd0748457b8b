"""The exceptions: one root, and each one a built-in it resembles."""

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
