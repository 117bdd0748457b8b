"""Figures with matplotlib."""

from __future__ import annotations

import subprocess
import sys

import pytest

import korea_diplomacy as kd
from optional_deps import need


@pytest.fixture(scope="module")
def matplotlib():
    module = need("matplotlib")
    module.use("Agg")
    return module


def test_the_asean_timeline_renders_to_a_real_png(matplotlib, tmp_path):
    import matplotlib.image

    ax = kd.plot.timeline("ASEAN")
    path = tmp_path / "timeline.png"
    ax.figure.savefig(path, dpi=80)
    data = path.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 20_000
    pixels = matplotlib.image.imread(path)
    height, width = pixels.shape[:2]
    assert width > 600 and height > 250
    # Not blank: many distinct colours (bands, marks, text).
    colours = {tuple(p) for p in pixels.reshape(-1, pixels.shape[2])[::7].round(2).tolist()}
    assert len(colours) > 20
    matplotlib.pyplot.close(ax.figure)


def test_the_figure_explains_itself(matplotlib):
    ax = kd.plot.timeline("ASEAN")
    assert ax.get_title() == "ROK–ASEAN partnership, 1989–2025: stages, summits and key documents"
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["key documents", "ASEAN-ROK Summit", "ASEAN-ROK Commemorative Summit"]
    legend = ax.figure.legends[0]
    texts = [t.get_text() for t in legend.get_texts()]
    stages = kd.partnerships.lookup("ASEAN").stages
    assert [t.split(" (from")[0] for t in texts[: len(stages)]] == [s.name for s in stages]
    assert "summit held" in texts and "declarations and statements" in texts
    credit = legend.get_title().get_text().splitlines()[-1]
    assert credit == f"Data: korea-diplomacy {kd.__version__}, digest {kd.data_digest()[:12]}"
    matplotlib.pyplot.close(ax.figure)


def test_it_draws_on_given_axes_and_takes_a_record(matplotlib):
    figure, ax = matplotlib.pyplot.subplots()
    mekong = kd.partnerships.lookup("Mekong")
    assert kd.plot.timeline(mekong, ax=ax, title="Mekong") is ax
    assert ax.get_title() == "Mekong" and ax.get_legend() is not None
    matplotlib.pyplot.close(figure)


def test_unknown_partnership_is_not_found(matplotlib):
    with pytest.raises(kd.NotFoundError):
        kd.plot.timeline("Atlantis")


def test_importing_plot_does_not_import_matplotlib():
    code = (
        "import sys, korea_diplomacy as kd\n"
        "kd.plot\n"
        "print('matplotlib' in sys.modules, 'pandas' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False False"


def test_without_matplotlib_the_message_names_the_extra():
    code = (
        "import sys\n"
        "sys.modules['matplotlib'] = None  # as if matplotlib were not installed\n"
        "import korea_diplomacy as kd\n"
        "try:\n"
        "    kd.plot.timeline('ASEAN')\n"
        "except ImportError as error:\n"
        "    print(error)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == (
        "kd.plot.timeline needs matplotlib, which is not installed: "
        "pip install 'korea-diplomacy[plot]'"
    )


# --------------------------------------------------------------------------- hardening


def _with(**collections):
    """The bundled dataset with some collections replaced (built, not validated)."""
    ds = kd.load()
    records = {name: tuple(ds.collection(name)) for name in kd.model.record_classes()}
    records.update(collections)
    return kd.Dataset(records)


def _replaced(collection, record):
    return tuple(record if r.id == record.id else r for r in collection)


def test_a_meeting_planned_for_9999_draws(matplotlib, tmp_path):
    import attrs

    mekong = kd.meetings.filter(mechanism="mekong-rok-summit")[0]
    planned = attrs.evolve(
        mekong,
        id="mekong-rok-summit-far",
        ordinal=None,
        date=None,
        status="planned",
        planned_date=kd.PartialDate(9999),
    )
    ds = _with(meetings=(*kd.meetings, planned))
    ax = kd.plot.timeline("Mekong", dataset=ds)
    ax.figure.savefig(tmp_path / "far.png", dpi=40)
    matplotlib.pyplot.close(ax.figure)


def test_a_stage_in_year_1_draws(matplotlib, tmp_path):
    import attrs

    mekong = kd.partnerships.lookup("Mekong")
    early = attrs.evolve(mekong.stages[0], start=kd.PartialDate(1))
    changed = attrs.evolve(mekong, stages=(early, *mekong.stages[1:]))
    ds = _with(partnerships=_replaced(kd.partnerships, changed))
    ax = kd.plot.timeline("Mekong", dataset=ds)
    ax.figure.savefig(tmp_path / "early.png", dpi=40)
    matplotlib.pyplot.close(ax.figure)


AWKWARD = r"$\foo$ costs 100% {x} back\slash"


def test_names_with_dollars_and_backslashes_draw_as_written(matplotlib, tmp_path):
    import attrs

    mekong = kd.partnerships.lookup("Mekong")
    stage = attrs.evolve(mekong.stages[0], name=AWKWARD)
    partnership = attrs.evolve(mekong, stages=(stage, *mekong.stages[1:]))
    summit = attrs.evolve(kd.mechanisms["mekong-rok-summit"], name=AWKWARD + " Summit")
    countries = attrs.evolve(kd.actors["mekong-countries"], abbreviation=None, name=AWKWARD)
    ds = _with(
        partnerships=_replaced(kd.partnerships, partnership),
        mechanisms=_replaced(kd.mechanisms, summit),
        actors=_replaced(kd.actors, countries),
    )
    ax = kd.plot.timeline("Mekong", dataset=ds)
    ax.figure.savefig(tmp_path / "awkward.png", dpi=40)
    matplotlib.pyplot.close(ax.figure)


def test_ax_that_is_not_an_axes_is_a_type_error(matplotlib):
    with pytest.raises(TypeError, match="ax must be a matplotlib Axes"):
        kd.plot.timeline("ASEAN", ax="not axes")


def test_awkward_names_draw_in_a_mechanism_timeline_and_the_partners_chart(matplotlib, tmp_path):
    import attrs
    from matplotlib.cbook import is_math_text
    from matplotlib.text import Text

    eas = attrs.evolve(kd.mechanisms.lookup("EAS"), name=AWKWARD)
    usa = attrs.evolve(kd.actors["usa"], name=AWKWARD + " USA")
    cuba = attrs.evolve(kd.actors["cub"], name=AWKWARD + " Cuba")
    ds = _with(
        mechanisms=_replaced(kd.mechanisms, eas),
        actors=_replaced(_replaced(kd.actors, usa), cuba),
    )
    for ax in (kd.plot.timeline(eas, dataset=ds), kd.plot.diplomatic_partners(dataset=ds)):
        ax.figure.savefig(tmp_path / "awkward.png", dpi=40)
        texts = [t.get_text() for t in ax.figure.findobj(Text)]
        assert not any(is_math_text(text) for text in texts)
        shown = "\n".join(texts).replace(r"\$", "$").replace("\u00a0", " ")
        assert AWKWARD in shown
        matplotlib.pyplot.close(ax.figure)


def test_a_subject_of_the_wrong_type_is_a_type_error(matplotlib):
    with pytest.raises(TypeError, match="subject must be a name, a Partnership or a Mechanism"):
        kd.plot.timeline(42)
    with pytest.raises(TypeError, match="ax must be a matplotlib Axes"):
        kd.plot.diplomatic_partners(ax=object())
    with pytest.raises(TypeError, match="title must be a string"):
        kd.plot.timeline("EAS", title=3)


# --------------------------------------------------------------------------- mechanisms


def _labels(ax):
    return [t.get_text() for t in ax.get_yticklabels()]


def test_a_mechanism_draws_its_meetings_and_its_members_by_name(matplotlib):
    eas = kd.mechanisms.lookup("EAS")
    ax = kd.plot.timeline("EAS")
    assert ax.get_title() == "East Asia Summit, 2005–2025: meetings and members"
    labels = _labels(ax)
    assert labels[-1] == "East Asia Summit"
    names = {kd.actors[m.member].name for m in eas.memberships}
    assert set(labels[:-1]) == names and "usa" not in labels
    # Bottom-up: the last to join at the bottom, the founding members just under the meetings.
    assert set(labels[:2]) == {"Russia", "United States"}
    meetings = kd.meetings.filter(mechanism="east-asia-summit")
    held = [line for line in ax.lines if line.get_markerfacecolor() not in ("white", "w")]
    assert len(held[0].get_xdata()) == sum(m.status == "held" for m in meetings)
    numbered = [t.get_text() for t in ax.texts]
    assert numbered == ["1st", "5th", "10th", "15th", "20th"]
    joins = [line for line in ax.lines if line.get_marker() == ">"]
    assert len(joins) == 1 and len(joins[0].get_xdata()) == len(eas.memberships)
    legend = [t.get_text() for t in ax.figure.legends[0].get_texts()]
    assert legend == ["meeting held", "member, from joining to leaving", "member joins"]
    matplotlib.pyplot.close(ax.figure)


def test_meetings_not_held_are_hollow_and_undated_ones_are_counted(matplotlib):
    ax = kd.plot.timeline("ASEAN-ROK Summit")  # a mechanism, not the ASEAN partnership
    hollow = [line for line in ax.lines if line.get_markerfacecolor() in ("white", "w")]
    cancelled = [m for m in kd.meetings.filter(mechanism="asean-rok-summit") if m.status != "held"]
    assert sum(len(line.get_xdata()) for line in hollow) == len(cancelled) == 1
    legend = ax.figure.legends[0]
    assert "meeting not held (postponed, cancelled, planned)" in [
        t.get_text() for t in legend.get_texts()
    ]
    matplotlib.pyplot.close(ax.figure)

    cjk = kd.plot.timeline(kd.mechanisms["china-japan-korea-trilateral-summit"])
    title = cjk.figure.legends[0].get_title().get_text()
    assert "1 meeting with no date not shown." in title  # the 10th, planned, not yet dated
    assert _labels(cjk)[::-1] == [
        "China-Japan-Korea Trilateral Summit",
        "China",
        "Japan",
        "Republic of Korea",
    ]
    matplotlib.pyplot.close(cjk.figure)


def test_members_leaving_are_marked_and_named(matplotlib):
    import attrs

    cjk = kd.mechanisms["china-japan-korea-trilateral-summit"]
    left = tuple(
        attrs.evolve(m, end=kd.PartialDate(2020, 1, 1)) if m.member == "jpn" else m
        for m in cjk.memberships
    )
    ds = _with(mechanisms=_replaced(kd.mechanisms, attrs.evolve(cjk, memberships=left)))
    ax = kd.plot.timeline(cjk.id, dataset=ds)
    leaves = [line for line in ax.lines if line.get_marker() == "X"]
    assert len(leaves) == 1 and len(leaves[0].get_xdata()) == 1
    assert leaves[0].get_ydata()[0] == _labels(ax).index("Japan")
    assert "member leaves" in [t.get_text() for t in ax.figure.legends[0].get_texts()]
    matplotlib.pyplot.close(ax.figure)


def test_in_short_axes_the_members_share_one_row_with_their_names(matplotlib):
    figure, ax = matplotlib.pyplot.subplots(figsize=(8, 2.5))
    kd.plot.timeline("EAS", ax=ax)
    assert _labels(ax) == ["members (18)", "East Asia Summit"]
    named = [t.get_text() for t in ax.texts if t.get_text().endswith("join")]
    assert named == [
        "Australia, Brunei Darussalam, Cambodia and 13 more join",
        "Russia, United States join",
    ]
    matplotlib.pyplot.close(figure)


def test_a_mechanism_with_nothing_dated_is_refused(matplotlib):
    with pytest.raises(kd.InvalidCriteriaError, match="no dated meetings or members"):
        kd.plot.timeline("eas-foreign-ministers-meeting")


def test_an_unknown_subject_names_both_collections(matplotlib):
    with pytest.raises(kd.NotFoundError, match="no partnerships or mechanisms record matches"):
        kd.plot.timeline("Atlantis")


# --------------------------------------------------------------------------- your own axes


def _drawn_texts(figure):
    """Every text the figure draws (of the ticks, only those in view)."""
    from matplotlib.text import Text

    hidden = set()
    for ax in figure.axes:
        for axis in (ax.xaxis, ax.yaxis):
            low, high = sorted(axis.get_view_interval())
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                if not low - 1e-9 <= tick.get_loc() <= high + 1e-9:
                    hidden.update((id(tick.label1), id(tick.label2)))
    return [
        t
        for t in figure.findobj(Text)
        if t.get_visible() and t.get_text().strip() and id(t) not in hidden
    ]


def _inside(inner, outer, slack=1.0):
    return (
        inner.x0 >= outer.x0 - slack
        and inner.y0 >= outer.y0 - slack
        and inner.x1 <= outer.x1 + slack
        and inner.y1 <= outer.y1 + slack
    )


@pytest.mark.parametrize(
    "draw",
    [
        lambda a, b: (kd.plot.timeline("ASEAN", ax=a), kd.plot.timeline("EAS", ax=b)),
        lambda a, b: (kd.plot.timeline("CJK", ax=a), kd.plot.diplomatic_partners(ax=b)),
    ],
    ids=["asean-and-eas", "cjk-and-partners"],
)
def test_in_your_own_subplots_legends_and_labels_stay_inside(matplotlib, draw):
    figure, (a, b) = matplotlib.pyplot.subplots(2, 1)
    assert draw(a, b) == (a, b)
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    page = figure.bbox
    texts = _drawn_texts(figure)
    assert len(texts) > 30
    outside = [t.get_text() for t in texts if not _inside(t.get_window_extent(renderer), page)]
    assert outside == []
    for ax in (a, b):
        legend = ax.get_legend()
        box = legend.get_window_extent(renderer)
        assert _inside(box, page)
        # Beside the data, never over it (nor over the other subplot's data).
        assert not any(box.overlaps(other.get_window_extent(renderer)) for other in (a, b))
        ticks = [t.get_window_extent(renderer) for t in ax.get_yticklabels()]
        assert all(_inside(t, page) for t in ticks)
    matplotlib.pyplot.close(figure)


def test_a_figure_with_a_layout_of_its_own_keeps_it(matplotlib):
    figure, ax = matplotlib.pyplot.subplots(layout="tight")
    kd.plot.timeline("Mekong", ax=ax)
    assert type(figure.get_layout_engine()).__name__ == "TightLayoutEngine"
    matplotlib.pyplot.close(figure)


# --------------------------------------------------------------------------- partners


def _annotations(ax):
    return [t.get_text().replace("\u00a0", " ") for t in ax.texts]


def test_the_partners_chart_counts_from_the_relations(matplotlib):
    import datetime as dt

    ax = kd.plot.diplomatic_partners(until=2025)
    assert ax.get_title() == "States the ROK had diplomatic relations with, 1948–2025"
    line = ax.lines[0]
    counts = line.get_ydata()
    assert counts[-1] == len(kd.relations.partners_on("2025-12-31"))
    assert counts[0] == len(kd.relations.partners_on("1948-01-01"))
    assert list(counts) == sorted(counts) or min(counts) >= 0
    # The bars are each year's net change.
    bars = ax.containers[0]
    assert len(bars) == 2025 - 1948 + 1
    assert bars[1962 - 1948].get_height() == len(kd.relations.partners_on("1962-12-31")) - len(
        kd.relations.partners_on("1961-12-31")
    )
    # The sources' counts about the ROK, as points to compare with.
    stated = [f for f in kd.figures.filter(metric="diplomatic-partner-count") if f.subject == "kor"]
    points = next(line for line in ax.lines if line.get_marker() == "D")
    assert sorted(points.get_ydata()) == sorted(float(f.value.value) for f in stated)
    assert dt.date(1962, 12, 31) in {
        matplotlib.dates.num2date(x).date() for x in points.get_xdata()
    }
    matplotlib.pyplot.close(ax.figure)


def test_the_waves_are_read_from_the_data(matplotlib):
    def count(day):
        return len(kd.relations.partners_on(day))

    ax = kd.plot.diplomatic_partners(until=2025)
    sixties, nordpolitik, twenties = _annotations(ax)
    before, after = count("1959-12-31"), count("1969-12-31")
    assert f"1960–1969: {before} → {after} states (+{after - before})" in sixties
    assert "Soviet Union (30 Sep 1990)" in nordpolitik and "China (24 Aug 1992)" in nordpolitik
    cuba = kd.relations.lookup("Cuba").established.human()
    syria = kd.relations.lookup("Syria").established.human()
    assert f"Cuba ({cuba})" in twenties and f"Syria ({syria})" in twenties
    assert f"→ {count('2025-12-31')} states" in twenties
    matplotlib.pyplot.close(ax.figure)

    # Without Syria's relation the chart says so: nothing in it is written in by hand.
    ds = _with(relations=tuple(r for r in kd.relations if r.partner != "syr"))
    ax = kd.plot.diplomatic_partners(until=2025, dataset=ds)
    twenties = _annotations(ax)[-1]
    assert "Syria" not in twenties and f"→ {count('2025-12-31') - 1} states" in twenties
    matplotlib.pyplot.close(ax.figure)


def test_the_partners_chart_refuses_years_in_the_wrong_order(matplotlib):
    with pytest.raises(kd.InvalidCriteriaError, match="since"):
        kd.plot.diplomatic_partners(since=2000, until=1990)


def test_the_partners_chart_draws_from_year_1(matplotlib, tmp_path):
    ax = kd.plot.diplomatic_partners(since=1, until=3)
    ax.figure.savefig(tmp_path / "early.png", dpi=40)
    matplotlib.pyplot.close(ax.figure)
