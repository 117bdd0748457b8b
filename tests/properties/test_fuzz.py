"""Fuzzing: any argument to any public function, and any file in a user directory."""

from __future__ import annotations

import atexit
import datetime as dt
import json
import shutil
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import korea_diplomacy as kd
from cli_runs import ARG, CONTROL, SUBCOMMANDS, TRICKY, check_cli
from korea_diplomacy import dates
from strategies import a_meeting, partial_dates

DOCUMENTED = (
    kd.NotFoundError,
    kd.AmbiguousLookupError,
    kd.DateParseError,
    kd.InvalidCriteriaError,
    kd.DataError,
    kd.MissingExtraError,
    TypeError,
)


"""What a public function may raise: the library's errors, and TypeError for a wrong type."""


HUGE = st.sampled_from(["x" * 30_000, " " * 30_000 + "EAS", "\x00" * 10_000, "2019-" * 6_000])


TEXT = st.one_of(st.text(max_size=30), CONTROL, HUGE, st.sampled_from(TRICKY))


NUMBERS = st.one_of(
    st.integers(),
    st.integers(-2, 10_001),
    st.floats(),
    st.decimals(),
    st.sampled_from([0, -1, 10**100, float("nan"), float("inf"), Decimal("NaN")]),
)


DAYS = st.one_of(
    st.dates(),
    st.datetimes(),
    st.times(),
    st.sampled_from([dt.date.min, dt.date.max, dt.datetime.max]),
    partial_dates(),
)


OTHER = st.one_of(
    st.none(),
    st.booleans(),
    st.binary(max_size=10),
    st.lists(st.integers(), max_size=3),
    st.tuples(st.text(max_size=3)),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.sets(st.integers(), max_size=2),
    st.sampled_from([object(), print, kd.Dataset, ..., NotImplemented]),
)


ANYTHING = st.one_of(TEXT, NUMBERS, DAYS, OTHER)


def only_documented(function: Any, *args: Any, **kwargs: Any) -> None:
    """Call ``function``; it may return or raise a documented exception with a message."""
    try:
        function(*args, **kwargs)
    except DOCUMENTED as error:
        assert type(error) is not ValueError
        assert len(str(error).strip()) >= 10, f"{type(error).__name__}: {error!r}"


def _filter(ds: kd.Dataset, name: str, criterion: str) -> Any:
    return lambda value: ds.collection(name).filter(**{criterion: value})


def _functions() -> dict[str, Any]:
    """Every public function and method that takes an argument, each given ``value``."""
    ds = kd.load()
    meeting = ds.meetings["asean-rok-summit-13"]
    calls: dict[str, Any] = {
        "kd.parse_when": lambda v: kd.parse_when(v),
        "dates.parse_edtf": lambda v: dates.parse_edtf(v),
        "dates.as_day": lambda v: dates.as_day(v),
        "kd.PartialDate": lambda v: kd.PartialDate(v),
        "kd.PartialDate(month)": lambda v: kd.PartialDate(2019, v),
        "kd.PartialDate(day)": lambda v: kd.PartialDate(2019, 2, v),
        "kd.DateRange(start)": lambda v: kd.DateRange(v, kd.PartialDate(2000)),
        "kd.DateRange(end)": lambda v: kd.DateRange(kd.PartialDate(2000), v),
        "kd.load": lambda v: kd.load(v),
        "kd.validate": lambda v: kd.validate(v),
        "kd.timeline(since)": lambda v: kd.timeline(since=v),
        "kd.timeline(until)": lambda v: kd.timeline(until=v),
        "kd.timeline(involving)": lambda v: kd.timeline(involving=v),
        "kd.Dataset": lambda v: kd.Dataset(v),
        "kd.Dataset(collection)": lambda v: kd.Dataset({"meetings": v}),
        "kd.Dataset.from_dict": lambda v: kd.Dataset.from_dict(v),
        "kd.Dataset.from_dict(collection)": lambda v: kd.Dataset.from_dict({"meetings": v}),
        "kd.Dataset.from_dict(record)": lambda v: kd.Dataset.from_dict({"events": [v]}),
        "kd.Collection": lambda v: kd.Collection(v, ()),
        "kd.Collection(records)": lambda v: kd.Collection("meetings", v),
        "Dataset.collection": lambda v: ds.collection(v),
        "Dataset.get": lambda v: ds.get(v),
        "Dataset.lookup": lambda v: ds.lookup(v),
        "Dataset.resolve_id": lambda v: ds.resolve_id(v),
        "Dataset.mechanism_family": lambda v: ds.mechanism_family(v),
        "Dataset.involves(record)": lambda v: ds.involves(v, "kor"),
        "Dataset.involves(actor)": lambda v: ds.involves(meeting, v),
        "Dataset.timeline": lambda v: ds.timeline(since=v, until=v),
        "Collection.__getitem__": lambda v: kd.mechanisms[v],
        "Collection.get": lambda v: kd.mechanisms.get(v),
        "Collection.get(default)": lambda v: kd.mechanisms.get("nope", v),
        "Collection.lookup": lambda v: kd.mechanisms.lookup(v),
        "Collection.search": lambda v: kd.mechanisms.search(v),
        "Collection.search(limit)": lambda v: kd.mechanisms.search("eas", limit=v),
        "Collection.__contains__": lambda v: v in kd.mechanisms,
        "Collection.filter(unknown)": lambda v: kd.meetings.filter(colour=v),
        "Actor.members_on": lambda v: ds.actors["asean"].members_on(v),
        "Mechanism.members_on": lambda v: ds.mechanisms["east-asia-summit"].members_on(v),
        "Partnership.status_on": lambda v: ds.partnerships.lookup("ASEAN").status_on(v),
        "Fund.annual_contribution_on": lambda v: ds.funds.lookup("AKCF").annual_contribution_on(v),
        "Fund.annual_contribution_on(contributor)": (
            lambda v: ds.funds.lookup("AKCF").annual_contribution_on(2020, contributor=v)
        ),
        "Record.name_in": lambda v: meeting.name_in(v),
        "Source.section": lambda v: ds.sources["mofa-asean"].section(v),
        "kd.to_records": lambda v: kd.to_records(v),
        "kd.json_schema": lambda v: kd.json_schema(v),
        "kd.export(format)": lambda v: kd.export(_OUT, format=v),
        "kd.export(dataset)": lambda v: kd.export(_OUT, dataset=v),
        "kd.plot.timeline": lambda v: kd.plot.timeline(v),
    }
    for name in ("meetings", "actors", "figures", "relations", "partnerships"):
        for criterion in ds.collection(name).criteria:
            calls[f"Collection.filter({criterion}) of {name}"] = _filter(ds, name, criterion)
    return calls


_OUT = tempfile.mkdtemp(prefix="kd-export-")


atexit.register(shutil.rmtree, _OUT, True)


FUNCTIONS = _functions()


"""The distinct public functions and methods fuzzed (each maybe in several arguments)."""


@pytest.mark.parametrize("name", list(FUNCTIONS))
@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(value=ANYTHING)
def test_public_functions_raise_only_documented_errors(name, value):
    only_documented(FUNCTIONS[name], value)


@pytest.mark.parametrize(
    "call",
    [
        lambda text: kd.mechanisms.lookup(text),
        lambda text: kd.mechanisms.search(text),
        lambda text: kd.load().lookup(text),
        lambda text: kd.parse_when(text),
        lambda text: kd.meetings.filter(mechanism=text),
        lambda text: kd.meetings.filter(country=text),
        lambda text: kd.meetings.filter(city=text),
        lambda text: kd.meetings.filter(status=text),
        lambda text: kd.search(text),
        lambda text: kd.load(text),
    ],
    ids=[
        "lookup",
        "search",
        "Dataset.lookup",
        "parse_when",
        "filter mechanism",
        "filter country",
        "filter city",
        "filter status",
        "kd.search",
        "load",
    ],
)
def test_ten_megabytes_of_text_are_refused_or_cut_with_a_documented_error(call):
    # (difflib used to take a minute over such a text; now no match is tried for it, and a
    # search reads only its first words.)
    for text in ("x" * 1_000_000, "é" * 1_000_000, "Busan " * 2_000_000):
        only_documented(call, text)


def test_wrong_types_are_type_errors_saying_what_was_given():
    ds = kd.load()
    for call in (
        lambda: kd.parse_when([2019]),
        lambda: kd.PartialDate("2019"),
        lambda: kd.mechanisms[3],
        lambda: kd.mechanisms.lookup(None),
        lambda: kd.mechanisms.search(b"eas"),
        lambda: kd.meetings.filter(ordinal="13"),
        lambda: kd.actors.filter(kind=3),
        lambda: kd.validate({}),
        lambda: kd.load(3.5),
        lambda: kd.Dataset([]),
        lambda: kd.Dataset({"meetings": ["not a record"]}),
        lambda: ds.involves("asean-rok-summit-13", "kor"),
        lambda: kd.export(_OUT, dataset={}),
    ):
        with pytest.raises(TypeError, match=r"not (int|float|bytes|str|list|dict|NoneType)"):
            call()


def test_unparseable_dates_and_criteria_are_their_own_value_errors():
    for call, error in (
        (lambda: kd.parse_when("next tuesday"), kd.DateParseError),
        (lambda: kd.parse_when(10_000), kd.DateParseError),
        (lambda: kd.meetings.filter(since="2019-13"), kd.DateParseError),
        (lambda: kd.meetings.filter(year="2019-11"), kd.InvalidCriteriaError),
        (lambda: kd.meetings.filter(colour="red"), kd.InvalidCriteriaError),
        (lambda: kd.actors.filter(ordinal=3), kd.InvalidCriteriaError),
        (lambda: kd.export(_OUT, format="xml"), kd.InvalidCriteriaError),
    ):
        with pytest.raises(error) as info:
            call()
        assert isinstance(info.value, ValueError) and type(info.value) is not ValueError


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(argv=st.lists(ARG | st.sampled_from(list(SUBCOMMANDS)), max_size=5))
def test_any_command_line_prints_one_line_and_exits_2_on_any_error(argv):
    assume("export" not in argv)  # export writes files: fuzzed above, inside a temp directory
    check_cli(argv)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)


FIELDS = st.sampled_from(["id", "name", "citations", "mechanism", "date", "ordinal", "status"])


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(
    records=st.lists(
        st.dictionaries(FIELDS, JSON) | st.builds(a_meeting) | JSON,
        max_size=3,
    )
)
def test_any_json_in_a_user_file_is_loaded_or_refused_with_a_data_error(records):
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "meetings.json").write_text(json.dumps(records), encoding="utf-8")
        try:
            ds = kd.load(folder)
        except kd.DataError as error:
            assert all(folder in problem for problem in error.problems)
        else:
            assert kd.validate(ds) == ()


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(content=st.binary(max_size=200))
def test_any_bytes_in_a_user_file_are_refused_with_a_data_error(content):
    assume(content.strip() not in (b"[]",))
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "events.json").write_bytes(content)
        with pytest.raises(kd.DataError) as info:
            kd.load(folder)
        assert all(folder in problem for problem in info.value.problems)
