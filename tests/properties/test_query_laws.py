"""Laws of queries: filters, as-of questions and the timeline, on bundled and generated data."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

import korea_diplomacy as kd
from korea_diplomacy.collection import date_order
from korea_diplomacy.dataset import VIEWS
from korea_diplomacy.dates import as_day
from korea_diplomacy.model import record_classes
from strategies import datasets, date_ranges, partial_dates

NEAR = partial_dates(st.dates(dt.date(1940, 1, 1), dt.date(2030, 12, 31)))


QUERY_DATES = st.none() | NEAR | partial_dates() | date_ranges(st.dates(dt.date(1940, 1, 1)))


def _window(since, until):
    start = as_day(since) if since is not None else dt.date.min
    end = as_day(until, end=True) if until is not None else dt.date.max
    return start, end


def _plain_filter(collection, since, until):
    """What filter(since, until) means, written out over every record: the records whose
    dates touch the window, in date order (undated last, then by id)."""
    start, end = _window(since, until)
    kept = (
        r
        for r in collection
        if (since is None and until is None)
        or (r.date is not None and r.date.latest >= start and r.date.earliest <= end)
    )
    return tuple(sorted(kept, key=date_order))


def check_filter_law(ds, since, until):
    start, end = _window(since, until)
    for name in (*record_classes(), *VIEWS):
        collection = ds.collection(name)
        if start > end:  # a window that ends before it starts is a mistake, said so
            with pytest.raises(kd.InvalidCriteriaError, match="end before they begin"):
                collection.filter(since=since, until=until)
            continue
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
    facts = [
        f
        for name in record_classes()
        for r in ds.collection(name)
        for f in r.dated_facts(name_of=ds.name_of)
    ]
    assert Counter(everything) == Counter(facts)  # every dated fact, once
    start, end = _window(since, until)
    if start > end:
        with pytest.raises(kd.InvalidCriteriaError, match="end before they begin"):
            ds.timeline(since=since, until=until)
        return
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
