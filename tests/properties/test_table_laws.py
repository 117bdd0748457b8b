"""Laws of tables: any valid record flattens."""

from __future__ import annotations

from hypothesis import given, settings

import korea_diplomacy as kd
from korea_diplomacy.model import Meeting
from korea_diplomacy.tables import PRECISIONS
from strategies import records


@settings(max_examples=30)
@given(records(Meeting))
def test_any_valid_meeting_flattens(meeting):
    row = kd.to_records([meeting])[0]
    assert row["id"] == meeting.id
    if meeting.date is not None:
        assert row["date_start"] == meeting.date.earliest
        assert row["date_precision"] in PRECISIONS
