"""The record classes: as-of questions, partial dates, and immutability."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import korea_diplomacy as kd
from korea_diplomacy.model import Money, Quantity, record_classes


def test_members_on_a_date():
    eas = kd.mechanisms.lookup("EAS")
    members = eas.members_on("2010-06-01")
    assert isinstance(members, frozenset)
    assert len(members) == 16 and "kor" in members and "usa" not in members
    assert {"usa", "rus"} <= eas.members_on("2012-01-01")


def test_status_on_a_date():
    asean = kd.partnerships.lookup("ASEAN")
    assert asean.status_on("2005-06-01").name == "Comprehensive Cooperation Partnership"
    assert asean.status_on("1980-01-01") is None
    assert asean.status_on(dt.date(2011, 1, 1)).name == "Strategic Partnership"
    assert asean.status_on("29 Oct 2010").name == "Strategic Partnership"


def test_annual_contribution():
    akcf = kd.funds.lookup("AKCF")
    assert akcf.annual_contribution_on(2020) == kd.Money(Decimal("14000000"), "USD")
    assert akcf.annual_contribution_on(2023) == kd.Money(Decimal("20000000"), "USD")
    assert akcf.annual_contribution_on(1980) is None


def test_records_are_frozen_and_collections_read_only():
    m = kd.mechanisms["east-asia-summit"]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        m.name = "x"
    with pytest.raises(AttributeError):
        kd.mechanisms._records = ()
    with pytest.raises(AttributeError):
        kd.load().mechanisms = None
    assert isinstance(m.aliases, tuple)
    assert not hasattr(m, "__dict__")


def test_dates_are_partial_where_the_source_is():
    (first_fmm,) = kd.meetings.filter(mechanism="mekong-rok-foreign-ministers-meeting", ordinal=1)
    assert first_fmm.date.precision == "day"  # 27-28 Oct 2011 (audit 2026-11); the seed says Oct
    assert str(first_fmm.date) == "2011-10-27/2011-10-28"
    (second_fmm,) = kd.meetings.filter(mechanism="mekong-rok-foreign-ministers-meeting", ordinal=2)
    assert second_fmm.date.precision == "month"


def test_records_of_every_class_cannot_be_changed(bundled):
    for name in record_classes():
        record = bundled.collection(name)[bundled.collection(name).ids[0]]
        field = attrs.fields(type(record))[0].name
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            setattr(record, field, "changed")
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            delattr(record, field)
        assert not hasattr(record, "__dict__")  # no new attributes either
        with pytest.raises((AttributeError, TypeError)):
            record.new_attribute = 1
        for value in attrs.astuple(record, recurse=False):
            assert not isinstance(value, (list, dict, set)), (name, value)


def test_nested_values_cannot_be_changed(bundled):
    eas = bundled.mechanisms["east-asia-summit"]
    with pytest.raises(TypeError):
        eas.memberships[0] = None
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        eas.memberships[0].member = "usa"
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        eas.citations[0].source = "x"
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        eas.established.year = 1900


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("NaN", "USD NaN"),
        ("-NaN", "USD -NaN"),
        ("sNaN", "USD sNaN"),
        ("Infinity", "USD Infinity"),
        ("-Infinity", "USD -Infinity"),
        ("1E+99999999", "USD 1E+99999990 billion"),
        ("-1E+999999999999999999", "USD -1E+999999999999999990 billion"),
        ("1E-99999999", "USD 1E-99999999"),
        ("14000000", "USD 14 million"),
        ("-0", "USD -0"),
    ],
)
def test_money_built_in_code_is_shown_plainly_whatever_its_amount(amount, expected):
    # The loader refuses such amounts; a value built in code is shown, never an error.
    assert Money(Decimal(amount), "USD").human() == expected
    assert Quantity(Decimal(amount), "projects").human() == f"{expected[4:]} projects"


def test_a_qualifier_built_in_code_that_is_not_one_of_ours_is_shown_as_it_is():
    assert Money(Decimal(5), "USD", "roughly").human() == "roughly USD 5"  # type: ignore[arg-type]


@given(
    st.decimals(allow_nan=True, allow_infinity=True)
    | st.builds(
        lambda sign, digits, exponent: Decimal((sign, digits, exponent)),
        st.integers(0, 1),
        st.lists(st.integers(0, 9), min_size=1, max_size=60).map(tuple),
        st.integers(-(10**17), 10**17),
    )
)
def test_showing_an_amount_never_raises_and_stays_short(amount):
    for text in (Money(amount, "USD").human(), Quantity(amount, "people").human()):
        assert len(text) < 120
