"""Property-based tests: round trips, the validator on generated data, query laws, date laws.

The strategies live in tests/strategies.py; the hypothesis profile in tests/conftest.py.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter

import edtf
import pytest
from hypothesis import given
from hypothesis import strategies as st

import korea_diplomacy as kd
from korea_diplomacy import DateParseError, fast
from korea_diplomacy.convert import canonical_json, converter
from korea_diplomacy.dataset import COLLECTIONS
from korea_diplomacy.dates import DateRange, PartialDate, as_day, parse_edtf, parse_when
from korea_diplomacy.model import RECORD_TYPES
from strategies import RECORD_CLASSES, datasets, date_ranges, partial_dates, records, whens

# --------------------------------------------------------------------------- partial dates


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


# --------------------------------------------------------------------------- round trips

NEAR = partial_dates(st.dates(dt.date(1940, 1, 1), dt.date(2030, 12, 31)))
QUERY_DATES = st.none() | NEAR | partial_dates() | date_ranges(st.dates(dt.date(1940, 1, 1)))


@pytest.mark.parametrize("name", list(RECORD_TYPES))
def test_every_bundled_record_round_trips(name):
    conv = converter()
    for record in kd.load().collection(name):
        plain = conv.unstructure(record)
        assert conv.structure(plain, type(record)) == record
        assert fast.structure(json.loads(json.dumps(plain)), type(record)) == record


@pytest.mark.parametrize("cls", RECORD_CLASSES, ids=lambda cls: cls.__name__)
@given(data=st.data())
def test_generated_records_of_every_class_round_trip(cls, data):
    record = data.draw(records(cls))
    conv = converter()
    plain = json.loads(json.dumps(conv.unstructure(record), ensure_ascii=False))
    assert conv.structure(plain, cls) == record
    assert fast.structure(plain, cls) == record
    assert conv.unstructure(conv.structure(plain, cls)) == plain


def _through_json(ds):
    text = canonical_json([ds.to_dict()])
    return kd.Dataset.from_dict(json.loads(text)[0])


def test_the_bundled_dataset_round_trips_with_the_same_digest():
    ds = kd.load()
    again = _through_json(ds)
    assert again == ds and again.digest() == ds.digest()


@given(datasets())
def test_generated_datasets_round_trip_with_the_same_digest(ds):
    again = _through_json(ds)
    assert again == ds
    assert again.digest() == ds.digest()
    assert again.to_dict() == ds.to_dict()


# --------------------------------------------------------------------------- query laws


def _plain_filter(collection, since, until):
    """What filter(since, until) means, written out over every record."""
    start = as_day(since) if since is not None else dt.date.min
    end = as_day(until, end=True) if until is not None else dt.date.max
    return tuple(
        r
        for r in collection
        if (since is None and until is None)
        or (r.date is not None and r.date.latest >= start and r.date.earliest <= end)
    )


def check_filter_law(ds, since, until):
    for name in COLLECTIONS:
        collection = ds.collection(name)
        assert collection.filter(since=since, until=until) == _plain_filter(
            collection, since, until
        ), name


@given(QUERY_DATES, QUERY_DATES)
def test_filter_since_until_is_the_plain_filter_on_bundled_data(since, until):
    check_filter_law(kd.load(), since, until)


@given(st.integers(1940, 2030))
def test_filter_by_year_is_since_and_until_that_year(year):
    for name in ("meetings", "documents", "events", "figures"):
        c = kd.load().collection(name)
        assert c.filter(year=year) == c.filter(since=str(year), until=str(year))


def check_as_of_laws(ds, when):
    day = as_day(when, end=True)
    for p in ds.partnerships:
        begun = [s for s in p.stages if s.start.earliest <= day]
        # The last stage that began on or before the day (stages are in date order).
        assert p.status_on(when) == (max(begun, key=lambda s: s.start) if begun else None)
    for name in ("actors", "mechanisms"):
        for group in ds.collection(name):
            listed = {
                m.member
                for m in group.memberships
                if (m.start is None or m.start.earliest <= day)
                and (m.end is None or day <= m.end.latest)
            }
            assert group.members_on(when) == listed, group.id


@given(NEAR | partial_dates())
def test_status_on_and_members_on_agree_with_the_bundled_records(when):
    check_as_of_laws(kd.load(), when)


def check_timeline_laws(ds, since, until):
    everything = ds.timeline()
    assert list(everything) == sorted(everything, key=lambda f: f.sort_key())
    facts = [f for name in RECORD_TYPES for r in ds.collection(name) for f in r.dated_facts()]
    assert Counter(everything) == Counter(facts)  # every dated fact, once
    start = as_day(since) if since is not None else dt.date.min
    end = as_day(until, end=True) if until is not None else dt.date.max
    window = [f for f in everything if f.date.latest >= start and f.date.earliest <= end]
    assert list(ds.timeline(since=since, until=until)) == window


@given(QUERY_DATES, QUERY_DATES)
def test_the_bundled_timeline_is_sorted_and_complete(since, until):
    check_timeline_laws(kd.load(), since, until)


@given(datasets(), QUERY_DATES, QUERY_DATES, NEAR)
def test_every_query_law_holds_on_generated_data(ds, since, until, when):
    check_filter_law(ds, since, until)
    check_as_of_laws(ds, when)
    check_timeline_laws(ds, since, until)
