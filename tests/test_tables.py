"""Flat tables and pandas DataFrames."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import typing
from decimal import Decimal

import attrs
import pytest

import korea_diplomacy as kd
from korea_diplomacy._plan import plan
from korea_diplomacy.model import Meeting, record_classes
from korea_diplomacy.tables import LIST_SEPARATOR, columns
from optional_deps import need


def _summit(ordinal):
    return kd.summits.filter(mechanism="ASEAN-ROK Summit", ordinal=ordinal)[0]


def test_one_flat_row_per_record_in_order():
    rows = kd.to_records(kd.summits)
    assert [row["id"] for row in rows] == list(kd.summits.ids)
    flat = (str, int, bool, Decimal, dt.date, type(None))
    for row in rows:
        assert all(isinstance(value, flat) for value in row.values()), row["id"]


@pytest.mark.parametrize("name", list(record_classes()))
def test_every_collection_has_the_planned_columns(name):
    rows = kd.to_records(kd.load().collection(name))
    expected = [column.name for column in columns(record_classes()[name])]
    assert rows and all(list(row) == expected for row in rows)
    assert len(set(expected)) == len(expected)


def test_dates_give_edtf_first_and_last_day_and_precision():
    row = kd.to_records([_summit(13)])[0]
    assert (row["date"], row["date_start"], row["date_end"], row["date_precision"]) == (
        "2010-10-29",
        dt.date(2010, 10, 29),
        dt.date(2010, 10, 29),
        "day",
    )
    span = kd.to_records([kd.meetings["asean-rok-commemorative-summit-3"]])[0]
    assert span["date"] == "2019-11-25/2019-11-26"
    assert (span["date_start"], span["date_end"]) == (dt.date(2019, 11, 25), dt.date(2019, 11, 26))
    fund = kd.to_records([kd.funds.lookup("AKCF")])[0]
    assert (fund["established"], fund["established_precision"]) == ("1990", "year")
    assert fund["established_end"] == dt.date(1990, 12, 31)


def test_amounts_are_split_into_number_unit_and_qualifier():
    money = kd.to_records([kd.figures["asean-rok-trade-2021"]])[0]
    assert money["value_amount"] == Decimal("176500000000")
    assert (money["value_currency"], money["value_unit"]) == ("USD", None)
    assert money["value_qualifier"] == "exact"
    count = kd.to_records([kd.figures["asean-rok-cooperation-fund-projects"]])[0]
    assert (count["value_amount"], count["value_unit"]) == (Decimal(420), "projects")
    assert (count["value_currency"], count["value_qualifier"]) == (None, "more-than")


def test_lists_are_joined_and_nested_values_are_json_text():
    row = kd.to_records([_summit(13)])[0]
    summit = _summit(13)
    assert row["documents"] == LIST_SEPARATOR.join(summit.documents)
    assert row["outcomes"] == "\n".join(summit.outcomes)
    from korea_diplomacy._convert import converter

    assert json.loads(row["citations"]) == [converter().unstructure(c) for c in summit.citations]
    cited = {c.source for c in summit.citations}
    assert set(row["sources"].split(LIST_SEPARATOR)) >= cited


def test_the_separators_never_occur_inside_items():
    # The documented splitting (str.split("; ") or str.splitlines()) gives the items back.
    for name, cls in record_classes().items():
        lists = [c.name for c in columns(cls) if c.description.endswith("joined by '; ')")]
        for record in kd.load().collection(name):
            for field in lists:
                for item in getattr(record, field, ()):
                    assert LIST_SEPARATOR not in item and "\n" not in item, (record.id, field)
            for field in (f.name for f in plan(cls).fields if f.about.sentences):
                for item in getattr(record, field, ()):
                    assert "\n" not in item, (record.id, field)


def test_empty_values_are_none():
    row = kd.to_records([kd.actors["brn"]])[0]
    assert row["description"] is None and row["conflicts"] is None
    assert row["established"] is None and row["established_start"] is None


def test_timeline_facts_and_plain_tuples_are_accepted():
    facts = kd.timeline(since="2019-11-25", until="2019-11-27")
    rows = kd.to_records(facts)
    assert [row["label"] for row in rows] == [f.label for f in facts]
    assert kd.to_records(()) == []
    assert kd.to_records(kd.meetings.filter(year=1800)) == []


def test_mixed_or_foreign_items_are_type_errors():
    with pytest.raises(TypeError, match="one type"):
        kd.to_records([_summit(13), kd.funds.lookup("AKCF")])
    with pytest.raises(TypeError, match="records"):
        kd.to_records([1, 2])


def test_pandas_takes_the_rows_as_they_are():
    pd = need("pandas")
    frame = pd.DataFrame(kd.to_records(kd.summits))
    assert len(frame) == len(kd.summits)
    assert list(frame.columns) == [c.name for c in columns(Meeting)]


def test_to_frame_has_proper_dtypes():
    pd = need("pandas")
    df = kd.to_frame(kd.summits)
    assert len(df) == len(kd.summits)
    assert pd.api.types.is_datetime64_any_dtype(df["date_start"])
    assert pd.api.types.is_datetime64_any_dtype(df["date_end"])
    assert isinstance(df["status"].dtype, pd.CategoricalDtype)
    status_choices = typing.get_args(attrs.fields(Meeting).status.type)
    if not status_choices:  # annotations are strings under `from __future__ import annotations`
        status_choices = typing.get_args(typing.get_type_hints(Meeting)["status"])
    assert list(df["status"].cat.categories) == list(status_choices)
    precision = df["date_precision"].dtype
    assert precision.ordered and list(precision.categories) == ["year", "month", "day"]
    assert str(df["ordinal"].dtype) == "Int64"
    assert str(df["city"].dtype) == "string"
    row = df[df["id"] == "asean-rok-summit-13"].iloc[0]
    assert row["date_start"] == pd.Timestamp("2010-10-29") and row["city"] == "Ha Noi"
    assert pd.isna(df.loc[df["id"] == "asean-rok-summit-13", "venue"]).all()


def test_to_frame_amounts_are_floats_and_filters_work():
    pd = need("pandas")
    df = kd.to_frame(kd.figures)
    assert pd.api.types.is_float_dtype(df["value_amount"])
    trade = df[(df["metric"] == "trade-volume") & (df["subject"] == "rok-asean")]
    assert trade["value_amount"].max() == 176.5e9
    assert trade["period_start"].max() == pd.Timestamp("2021-01-01")


@pytest.mark.parametrize("name", list(record_classes()))
def test_every_collection_becomes_a_frame(name):
    need("pandas")
    collection = kd.load().collection(name)
    df = kd.to_frame(collection)
    assert df.shape == (len(collection), len(columns(record_classes()[name])))
    assert df["id"].is_unique


def test_empty_selections_keep_their_columns():
    need("pandas")
    empty = kd.Dataset({}).summits
    df = kd.to_frame(empty)
    assert len(df) == 0 and "date_start" in df.columns
    assert kd.to_frame(()).empty


def test_to_frame_without_pandas_says_which_extra_to_install():
    code = (
        "import sys\n"
        "sys.modules['pandas'] = None  # as if pandas were not installed\n"
        "import korea_diplomacy as kd\n"
        "try:\n"
        "    kd.to_frame(kd.summits)\n"
        "except ImportError as error:\n"
        "    print(type(error).__name__, '|', error)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == (
        "MissingExtraError | kd.to_frame needs pandas, which is not installed: "
        "pip install 'korea-diplomacy[pandas]'"
    )
    assert "\n" not in out.strip()


def test_missing_extra_is_an_import_error_and_ours():
    error = kd.MissingExtraError("kd.to_frame", "pandas")
    assert isinstance(error, ImportError) and isinstance(error, kd.KoreaDiplomacyError)
    assert error.name == "pandas"


@pytest.mark.parametrize(
    "date",
    [
        kd.PartialDate(1),
        kd.PartialDate(1677, 9),
        kd.PartialDate(2262, 4, 12),
        kd.PartialDate(9999, 12, 31),
    ],
    ids=str,
)
def test_to_frame_takes_every_year_the_data_may_hold(date):
    # Nanosecond datetimes end in 1677 and 2262; the data's years run from 1 to 9999.
    pd = need("pandas")
    df = kd.to_frame([attrs.evolve(_summit(13), date=date)])
    assert str(df["date_start"].dtype) == str(df["date_end"].dtype) == "datetime64[s]"
    assert df["date_start"][0].date() == date.earliest
    assert df["date_end"][0].date() == date.latest
    assert pd.isna(df["planned_date_start"][0])


@pytest.mark.parametrize("ordinal", [2**53 - 1, 2**63, -(2**63) - 1, 10**30])
def test_to_frame_keeps_a_whole_number_built_in_code_whatever_its_size(ordinal):
    # The data's whole numbers fit in 53 bits; one built in code may not fit in Int64: it is
    # kept as it is (validate reports it), not lost to an overflow.
    need("pandas")
    df = kd.to_frame([attrs.evolve(_summit(13), ordinal=ordinal)])
    assert df["ordinal"][0] == ordinal
    fits = abs(ordinal) < 2**63
    assert (str(df["ordinal"].dtype) == "Int64") == fits
