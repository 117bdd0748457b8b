"""Figures: any name the data may hold, on any day a date may name, draws and saves."""

from __future__ import annotations

import io

import attrs
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import korea_diplomacy as kd
from optional_deps import need
from strategies import NAMES, partial_dates

# Each example draws and renders a whole figure (about a second): a dozen say what hundreds would.
FIGURES = settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
# Any character may be drawn, including those no installed font has: matplotlib draws a box
# for them and warns, which is the behaviour wanted here.
pytestmark = pytest.mark.filterwarnings("ignore:Glyph .* missing from font")


@pytest.fixture(scope="module")
def pyplot():
    need("matplotlib").use("Agg")
    import matplotlib.pyplot

    return matplotlib.pyplot


def _with(**collections):
    ds = kd.load()
    records = {name: tuple(ds.collection(name)) for name in kd.model.record_classes()}
    records.update(collections)
    return kd.Dataset(records)


def _replaced(collection, *records):
    by_id = {r.id: r for r in records}
    return tuple(by_id.get(r.id, r) for r in collection)


def _saved(figure, pyplot):
    figure.savefig(io.BytesIO(), format="png", dpi=20)
    pyplot.close(figure)


@FIGURES
@given(name=NAMES, member=NAMES, day=partial_dates())
@example(name=r"$\foo$", member="{x} 100% \\", day=kd.PartialDate(9999))
def test_a_mechanism_with_any_names_and_any_meeting_day_draws(pyplot, name, member, day):
    cjk = kd.mechanisms["china-japan-korea-trilateral-summit"]
    meeting = kd.meetings["china-japan-korea-trilateral-summit-1"]
    ds = _with(
        mechanisms=_replaced(kd.mechanisms, attrs.evolve(cjk, name=name)),
        actors=_replaced(kd.actors, attrs.evolve(kd.actors["jpn"], name=member)),
        meetings=_replaced(kd.meetings, attrs.evolve(meeting, date=day)),
    )
    ax = kd.plot.timeline(cjk.id, dataset=ds)
    labels = [t.get_text().replace(r"\$", "$") for t in ax.get_yticklabels()]
    assert member in labels and labels[-1] == name
    _saved(ax.figure, pyplot)


@FIGURES
@given(stage=NAMES, partner=NAMES, start=partial_dates())
@example(stage=r"$\foo$", partner="$x$", start=kd.PartialDate(1))
def test_a_partnership_with_any_names_and_any_first_day_draws(pyplot, stage, partner, start):
    mekong = kd.partnerships.lookup("Mekong")
    first = attrs.evolve(mekong.stages[0], name=stage, start=start)
    later = tuple(s for s in mekong.stages[1:] if s.start > start)  # stages stay in order
    countries = attrs.evolve(kd.actors["mekong-countries"], name=partner, abbreviation=None)
    ds = _with(
        partnerships=_replaced(kd.partnerships, attrs.evolve(mekong, stages=(first, *later))),
        actors=_replaced(kd.actors, countries),
    )
    ax = kd.plot.timeline(mekong.id, dataset=ds)
    _saved(ax.figure, pyplot)


@FIGURES
@given(name=NAMES, since=st.integers(1900, 2026))
def test_the_partners_chart_draws_from_any_year_with_any_names(pyplot, name, since):
    cuba = attrs.evolve(kd.actors["cub"], name=name)
    ds = _with(actors=_replaced(kd.actors, cuba))
    ax = kd.plot.diplomatic_partners(since=since, until=max(since, 2025), dataset=ds)
    _saved(ax.figure, pyplot)
