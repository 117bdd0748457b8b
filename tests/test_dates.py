"""Dates at their real precision: reading, printing and order."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

import korea_diplomacy as kd
from korea_diplomacy import DateParseError
from korea_diplomacy.dates import DateRange, PartialDate, as_day, parse_edtf, parse_when


@pytest.mark.parametrize(
    ("text", "precision", "earliest", "latest"),
    [
        ("2017", "year", dt.date(2017, 1, 1), dt.date(2017, 12, 31)),
        ("2020-02", "month", dt.date(2020, 2, 1), dt.date(2020, 2, 29)),
        ("2010-10-29", "day", dt.date(2010, 10, 29), dt.date(2010, 10, 29)),
        ("2017-12-18/2017-12-22", "day", dt.date(2017, 12, 18), dt.date(2017, 12, 22)),
        ("2011/2015", "year", dt.date(2011, 1, 1), dt.date(2015, 12, 31)),
    ],
)
def test_edtf_reading(text, precision, earliest, latest):
    when = parse_edtf(text)
    assert when.precision == precision
    assert (when.earliest, when.latest) == (earliest, latest)
    assert str(when) == text


@pytest.mark.parametrize(
    "text", ["2019-13", "2019-02-30", "19", "2019-1", "2019-12-01/2019-11-01", "", "0000", "2019/"]
)
def test_bad_edtf_is_a_date_parse_error(text):
    with pytest.raises(DateParseError) as info:
        parse_edtf(text)
    assert repr(text) in str(info.value)


def test_free_text_keeps_only_the_parts_given():
    assert parse_when("29 Oct 2010") == PartialDate(2010, 10, 29)
    assert parse_when("October 2010") == PartialDate(2010, 10)
    assert parse_when(dt.date(2005, 6, 1)) == PartialDate(2005, 6, 1)
    assert parse_when(dt.datetime(2005, 6, 1, 12, 30)) == PartialDate(2005, 6, 1)
    assert parse_when(2020) == PartialDate(2020)


@pytest.mark.parametrize("value", ["next tuesday", "Oct", "x" * 500, "2019-13-01", "\x00"])
def test_unreadable_text_is_a_value_error(value):
    with pytest.raises(ValueError):
        parse_when(value)


@pytest.mark.parametrize("value", [None, 3.5, [2019], True])
def test_wrong_types_are_type_errors(value):
    with pytest.raises(TypeError):
        parse_when(value)


def test_as_day_start_and_end():
    assert as_day("2005") == dt.date(2005, 1, 1)
    assert as_day("2005", end=True) == dt.date(2005, 12, 31)


def test_human_forms():
    assert parse_edtf("2017-12-18/2017-12-22").human() == "18-22 Dec 2017"
    assert parse_edtf("1989-11").human() == "Nov 1989"


partial_dates = st.builds(
    lambda d, precision: PartialDate(
        d.year, d.month if precision > 0 else None, d.day if precision > 1 else None
    ),
    st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)),
    st.integers(0, 2),
)


@given(partial_dates)
def test_printing_and_parsing_round_trip(date):
    assert parse_edtf(str(date)) == date
    assert parse_when(str(date)) == date


@given(partial_dates, partial_dates)
def test_ranges_round_trip(a, b):
    start, end = sorted((a, b), key=lambda d: (d.earliest, d.latest))
    if end.latest < start.latest:
        return
    span = DateRange(start, end)
    assert parse_edtf(str(span)) == span


@given(partial_dates, partial_dates, partial_dates)
def test_order_is_total_and_consistent_with_containment(a, b, c):
    assert (a < b) + (a == b) + (a > b) == 1
    if a <= b and b <= c:
        assert a <= c
    if a.earliest == b.earliest and a.latest > b.latest:
        assert a < b  # the wider period sorts before what it contains


def test_nothing_a_caller_receives_is_shared_mutable_state():
    # parse_when gives a new value each call, and dates (shared between records, as the loader
    # reads each distinct date once) cannot be changed.
    import attrs

    first, second = kd.parse_when("2019-11-26"), kd.parse_when("2019-11-26")
    assert first == second and first is not second
    date = kd.meetings["mekong-rok-summit-1"].date
    for when in (first, date, date.start if isinstance(date, kd.DateRange) else date):
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            when.year = 1900  # type: ignore[misc]
