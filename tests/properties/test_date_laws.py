"""Laws of dates: printing and reading back, order, containment, the edtf package."""

from __future__ import annotations

import datetime as dt

import edtf
from hypothesis import given
from hypothesis import strategies as st

from korea_diplomacy import DateParseError
from korea_diplomacy.dates import DateRange, PartialDate, parse_edtf, parse_when
from strategies import date_ranges, partial_dates, whens


@given(whens())
def test_parsing_what_is_printed_gives_the_same_value(when):
    assert parse_edtf(str(when)) == when
    assert parse_when(str(when)) == when
    assert when.earliest <= when.latest
    assert when.human()


@given(whens(), whens(), whens())
def test_date_order_is_a_total_order(a, b, c):
    assert (a < b) + (a == b) + (a > b) == 1
    assert (a <= b) == (a < b or a == b)
    assert (a >= b) == (b <= a)
    if a <= b and b <= c:
        assert a <= c
    if a <= b and b <= a:
        assert a == b


@given(whens(), whens())
def test_date_order_is_consistent_with_containment(a, b):
    # A period sorts before everything it contains: by first day, then the wider first.
    if a.earliest < b.earliest:
        assert a < b
    if a.earliest == b.earliest and a.latest > b.latest:
        assert a < b
    if b.earliest >= a.earliest and b.latest <= a.latest and a != b:
        assert a < b or (a.earliest, a.latest) == (b.earliest, b.latest)
    day = dt.date(b.earliest.year, b.earliest.month, b.earliest.day)
    assert b.contains(day)
    assert a.contains(day) == (a.earliest <= day <= a.latest)


def _edtf_days(text):
    parsed = edtf.parse_edtf(text)
    low, high = parsed.lower_strict(), parsed.upper_strict()
    return dt.date(*low[:3]), dt.date(*high[:3])


@given(whens())
def test_our_reading_agrees_with_the_edtf_package(when):
    text = str(when)
    assert _edtf_days(text) == (when.earliest, when.latest)


EDTF_TEXT = st.from_regex(
    r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?(/[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?)?", fullmatch=True
)


@given(EDTF_TEXT)
def test_generated_edtf_strings_are_read_as_the_edtf_package_reads_them(text):
    try:
        ours = parse_edtf(text)
    except DateParseError as error:
        # We refuse only what is not a real date or a real span, and say which part is wrong.
        assert repr(text) in str(error)
        reason = error.reason
        assert reason in (
            "year must be 1..9999",
            "month must be 1..12",
            "the span ends before it starts",
        ) or reason.startswith("day must be 1..")
        return
    assert _edtf_days(text) == (ours.earliest, ours.latest)


@given(partial_dates(), partial_dates())
def test_a_span_is_ordered_when_it_can_begin_no_later_than_it_ends(a, b):
    try:
        span = DateRange(a, b)
    except DateParseError:
        assert b.latest < a.earliest
    else:
        assert span.earliest == a.earliest and span.latest == b.latest


@given(date_ranges())
def test_a_span_contains_its_ends(span):
    assert span.contains(span.start.earliest) and span.contains(span.end.latest)


def test_dates_are_ascii_digits_only():
    for text in ("２０１９", "2019-１１", "٢٠١٩"):
        try:
            parse_edtf(text)
        except DateParseError as error:
            assert "expected YYYY" in str(error)
        else:
            raise AssertionError(f"{text!r} was read as a date")


def test_date_parts_of_the_wrong_type_are_type_errors():
    for parts in (("2019",), (2019.0,), (2019, "11"), (True,), (2019, 11, 1.5)):
        try:
            PartialDate(*parts)
        except TypeError as error:
            assert "must be int" in str(error)
        else:
            raise AssertionError(parts)
    try:
        DateRange("2019", PartialDate(2020))
    except TypeError as error:
        assert "PartialDate" in str(error)
    else:
        raise AssertionError("a string end was accepted")
