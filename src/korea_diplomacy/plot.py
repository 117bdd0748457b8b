"""Figures with matplotlib: timelines of partnerships and mechanisms, and the ROK's partners.

``kd.plot.timeline("ASEAN")`` draws the stages of the ROK's partnership with ASEAN as coloured
bands over the years, its summits as marks (one row per summit series) and the key documents
(joint declarations and statements, plans of action, agreements) on a row of their own.
``kd.plot.timeline("EAS")`` draws a mechanism: its meetings as marks and its members, each from
joining to leaving. ``kd.plot.diplomatic_partners()`` draws how many states the ROK had
diplomatic relations with, year by year since 1948, with the waves of new relations marked.
Every figure has a title, a legend and a line naming the data it was drawn from; names are
drawn as written (a ``$`` in a name is not read as mathematics).

Given ``ax=``, a figure draws into your own axes and puts its legend to the right of them;
a figure of yours without a layout engine gets matplotlib's constrained layout, so that the
legend and the labels stay inside it. Needs matplotlib: ``pip install 'korea-diplomacy[plot]'``;
importing this module does not import matplotlib.

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import korea_diplomacy as kd
>>> ax = kd.plot.timeline("ASEAN")
>>> ax.get_title()
'ROK–ASEAN partnership, 1989–2025: stages, summits and key documents'
"""

from __future__ import annotations

import datetime as _dt
import textwrap
from collections.abc import Callable, Iterable, Mapping, Sequence
from types import ModuleType
from typing import TYPE_CHECKING, Any, cast

from ._loading import load
from ._version import __version__
from .dataset import Dataset
from .dates import as_day
from .errors import InvalidCriteriaError, MissingExtraError, NotFoundError
from .model import Mechanism, Partnership, Quantity

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from .dates import When
    from .model import Document, Meeting

__all__ = ["DOCUMENT_GROUPS", "diplomatic_partners", "timeline"]

DOCUMENT_GROUPS = {
    "declarations and statements": ("declaration", "joint-statement", "statement"),
    "plans, frameworks and reports": (
        "plan-of-action",
        "work-plan",
        "framework",
        "terms-of-reference",
        "report",
    ),
    "agreements, protocols and MOUs": ("agreement", "protocol", "mou"),
}
"""How document kinds are grouped into the three document markers."""

_DOCUMENT_MARKERS = ("D", "^", "s")
_MEETING_COLOUR = "#1f4e79"
_DOCUMENT_COLOUR = "#7a3b00"
_MEMBER_COLOUR = "#9db9d5"
_JOIN_COLOUR = "#2e7d32"
_LEAVE_COLOUR = "#b3261e"
_MAX_MEMBER_ROWS = 30
"""Up to this many members get a row each; more share one row of join and leave marks."""

_WAVES = (
    # (label, first year, last year or None for "to the end", states to name, where the text
    # goes in the axes: x and y as fractions of its width and height, and its alignment).
    # The line rises from the lower left to the upper right: the texts go where it is not.
    ("1960s: the newly independent states", 1960, 1969, (), (0.02, 0.72, "left")),
    ("Nordpolitik", 1989, 1992, ("hun", "soviet-union", "chn"), (0.02, 0.97, "left")),
    ("2020s: the last states", 2020, None, (), (0.98, 0.55, "right")),
)
"""The waves of new relations the partners chart marks; their numbers come from the data."""


def timeline(
    subject: str | Partnership | Mechanism = "ASEAN",
    *,
    dataset: Dataset | None = None,
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """Draw a partnership's stages, summits and documents, or a mechanism's meetings and members.

    ``subject`` is a partnership or a mechanism record, or anything :meth:`Collection.lookup`
    finds one by: partnerships are tried first (``"ASEAN"``, ``"Mekong"``: the counterpart's
    name), then mechanisms (``"EAS"``, ``"China-Japan-Korea Trilateral Summit"``).

    A partnership's figure shows its stages as bands, the summits of the leaders-level
    mechanisms whose counterparts include the partner (one row per series) and the key
    documents: those adopted at those summits or made between the ROK and the partner (or its
    members). A mechanism's figure shows the meetings of it and of its sub-mechanisms (one row
    each) and below them its members, each on a row from joining to leaving (or, beyond 30
    members, or in axes too short for a row each, one row of join and leave marks). Meetings
    held are filled marks, the others (postponed, cancelled, planned) hollow; the first and
    every fifth are numbered. Draws on ``ax`` if given, else on a new figure; returns the axes.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import korea_diplomacy as kd
    >>> ax = kd.plot.timeline("Mekong")
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['key documents', 'Mekong-ROK Summit']
    >>> ax = kd.plot.timeline("China-Japan-Korea Trilateral Summit")
    >>> [t.get_text() for t in ax.get_yticklabels()][::-1]  # from the top
    ['China-Japan-Korea Trilateral Summit', 'China', 'Japan', 'Republic of Korea']
    >>> ax.figure.savefig("/dev/null", format="png")
    """
    mpl = _matplotlib("kd.plot.timeline")
    dataset = _dataset(dataset)
    _check_axes(ax, mpl)
    _check_title(title)
    found = _subject(dataset, subject)
    if isinstance(found, Partnership):
        return _partnership_timeline(found, dataset, ax, title, mpl)
    return _mechanism_timeline(found, dataset, ax, title, mpl)


def diplomatic_partners(
    *,
    since: object = 1948,
    until: object = None,
    dataset: Dataset | None = None,
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """Draw how many states the ROK had diplomatic relations with, year by year.

    The line counts the states of :meth:`Relations.partners_on` from ``since`` to ``until``
    (this year by default), stepping on each day a relation began, ended or passed to another
    state; the bars show each year's net change (as of today for a year still running). The
    waves are marked with numbers read from the data: the newly independent states of the
    1960s, Nordpolitik (1989-1992, with the Soviet Union and China) and the last states of the
    2020s. The counts the sources state (``kd.figures`` with metric ``diplomatic-partner-count``
    about the ROK) are drawn as points to compare with. Draws on ``ax`` if given, else on a new
    figure; returns the axes.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import korea_diplomacy as kd
    >>> ax = kd.plot.diplomatic_partners(until=2025)
    >>> ax.get_title()
    'States the ROK had diplomatic relations with, 1948–2025'
    >>> ax.figure.savefig("/dev/null", format="png")
    """
    mpl = _matplotlib("kd.plot.diplomatic_partners")
    dataset = _dataset(dataset)
    _check_axes(ax, mpl)
    _check_title(title)
    today = _dt.date.today()
    first = as_day(since).year
    last = as_day(until, end=True).year if until is not None else today.year
    if first > last:
        raise InvalidCriteriaError(f"since ({first}) is after until ({last})")
    date2num = _date2num(mpl)
    relations = dataset.relations

    def year_end(year: int) -> _dt.date:  # the last day of a year, or today while it runs
        return min(_dt.date(year, 12, 31), max(today, _dt.date(year, 1, 1)))

    counts = {y: len(relations.partners_on(year_end(y))) for y in range(first, last + 1)}
    counts[first - 1] = len(relations.partners_on(year_end(first - 1))) if first > 1 else 0
    # The line steps on each day a relation began, ended or passed to another state.
    start, end = _dt.date(first, 1, 1), year_end(last)
    changes = sorted(
        {e.date.earliest for r in relations for e in r.events if start < e.date.earliest <= end}
    )
    days = [start, *changes, end]
    stated = [
        f
        for f in dataset.figures.filter(metric="diplomatic-partner-count")
        if f.subject == "kor" and f.date is not None and isinstance(f.value, Quantity)
    ]

    own_figure = ax is None
    if ax is None:
        _, ax = mpl.pyplot.subplots(figsize=(11, 6), layout="constrained")
    handles: list[Any] = []
    handles += ax.plot(
        [date2num(day) for day in days],
        [len(relations.partners_on(day)) for day in days],
        drawstyle="steps-post",
        color=_MEETING_COLOUR,
        linewidth=1.6,
        zorder=3,
        label="states with diplomatic relations (kd.relations)",
    )
    years = range(first, last + 1)
    handles.append(
        ax.bar(
            [date2num(_dt.date(y, 7, 1)) for y in years],
            [counts[y] - counts[y - 1] for y in years],
            width=300,
            color="#b9c9dc",
            zorder=2,
            label="net change over each year",
        )
    )
    if stated:
        handles += ax.plot(
            [date2num(_stated_day(cast("When", f.date))) for f in stated],
            [float(cast(Quantity, f.value).value) for f in stated],
            "D",
            markerfacecolor="white",
            markeredgecolor=_DOCUMENT_COLOUR,
            markersize=6,
            zorder=4,
            label="counts the sources state (kd.figures)",
        )

    for label, wave_start, wave_end, highlight, (x, y, align) in _WAVES:
        wave_end = last if wave_end is None else min(wave_end, last)
        if wave_start < first or wave_start > wave_end:
            continue
        before, after = counts[wave_start - 1], counts[wave_end]
        text = f"{label}\n{wave_start}–{wave_end}: {before} → {after} states (+{after - before})"
        names = _wave_partners(dataset, wave_start, wave_end, highlight)
        if names:
            # Lines break between names, never inside one (a no-break space holds it).
            held = ", ".join(name.replace(" ", "\u00a0") for name in names)
            text += "\n" + textwrap.fill(held, 44, break_long_words=False)
        ax.axvspan(
            date2num(_dt.date(wave_start, 1, 1)),
            date2num(year_end(wave_end)),
            color="#f3e3b5",
            alpha=0.6,
            zorder=0,
            linewidth=0,
        )
        ax.annotate(
            _literal(text),
            (date2num(year_end(wave_end)), after),
            xytext=(x, y),
            textcoords="axes fraction",
            ha=align,
            va="top",
            fontsize=8,
            color="#4a3b00",
            arrowprops={"arrowstyle": "-", "color": "#8a7a40", "linewidth": 0.8},
            wrap=True,
        )

    left = _dt.date(first - 1, 7, 1) if first > 1 else _dt.date.min
    right = _dt.date(last + 1, 6, 30) if last < 9999 else _dt.date.max
    _years(ax, left, right, mpl, own_figure)
    lowest = min(0, *(counts[y] - counts[y - 1] for y in years))
    ax.set_ylim(lowest - 2, max(counts.values()) * 1.1)
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    ax.set_ylabel("states")
    ax.set_title(
        title or f"States the ROK had diplomatic relations with, {first}–{last}", wrap=True
    )
    legend_title = "Shaded: the waves of new relations."
    _finish(ax, handles, legend_title, own_figure, dataset, ncols=3)
    return ax


def _stated_day(when: When) -> _dt.date:
    """Where a stated count goes: its day, or the end of the year or month it is true of."""
    return when.earliest if when.precision == "day" else when.latest


# --------------------------------------------------------------------------- partnerships


def _partnership_timeline(
    partnership: Partnership,
    dataset: Dataset,
    ax: Axes | None,
    title: str | None,
    mpl: ModuleType,
) -> Axes:
    date2num = _date2num(mpl)
    Line2D = mpl.lines.Line2D
    Patch = mpl.patches.Patch
    counterpart = dataset.actors.get(partnership.counterpart)
    partner = (counterpart.abbreviation or counterpart.name) if counterpart else "partner"

    series = [
        m
        for m in dataset.mechanisms
        if m.level == "leaders" and partnership.counterpart in m.counterparts
    ]
    summits = {m.id: dataset.meetings.filter(mechanism=m.id) for m in series}
    documents = _key_documents(dataset, partnership, summits)

    dates = [s.start.earliest for s in partnership.stages]
    dates += [w.earliest for rows in summits.values() for w in map(_when, rows) if w is not None]
    dates += [d.date.earliest for d in documents if d.date is not None]
    if not dates:
        raise InvalidCriteriaError(
            f"{partnership.id} has no dated stages, summits or documents to draw"
        )
    first, last, left, right = _span(dates)

    own_figure = ax is None
    if ax is None:
        height = 3.6 + 0.5 * (len(series) + 1)
        _, ax = mpl.pyplot.subplots(figsize=(11, height), layout="constrained")

    # Stages: bands from their start until the next stage begins.
    colours = mpl.colormaps["Pastel1"]
    handles: list[Any] = []
    stages = partnership.stages
    for n, stage in enumerate(stages):
        start = stage.start.earliest
        end = stages[n + 1].start.earliest if n + 1 < len(stages) else right
        colour = colours(n % colours.N)
        ax.axvspan(date2num(start), date2num(end), color=colour, alpha=0.9, zorder=0, linewidth=0)
        handles.append(Patch(color=colour, label=f"{stage.name} (from {stage.start.human()})"))

    # Rows: documents at the bottom, then one row per summit series.
    labels = ["key documents", *(m.name for m in series)]
    not_held = False
    for row, mechanism in enumerate(series, start=1):
        not_held |= _draw_meetings(ax, summits[mechanism.id], row, date2num)
    for (group, kinds), marker in zip(DOCUMENT_GROUPS.items(), _DOCUMENT_MARKERS, strict=True):
        days = [date2num(d.date.earliest) for d in documents if d.kind in kinds and d.date]
        if days:
            ax.plot(days, [0] * len(days), marker, color=_DOCUMENT_COLOUR, markersize=6, zorder=3)
            handles.append(
                Line2D([], [], linestyle="", marker=marker, color=_DOCUMENT_COLOUR, label=group)
            )
    if series:
        handles += _meeting_handles(Line2D, "summit", not_held)

    _rows(ax, labels, own_figure)
    _years(ax, left, right, mpl, own_figure)
    ax.grid(axis="x", color="white", linewidth=0.8)
    default = (
        f"ROK–{partner} partnership, {first.year}–{last.year}: stages, summits and key documents"
    )
    ax.set_title(title or _literal(default), wrap=True)
    legend_title = (
        "Bands: partnership stages.  Marks: summits (every fifth numbered) and documents."
    )
    _finish(ax, handles, legend_title, own_figure, dataset, ncols=3)
    return ax


def _key_documents(
    dataset: Dataset, partnership: Partnership, summits: Mapping[str, tuple[Meeting, ...]]
) -> list[Document]:
    meeting_ids = {m.id for rows in summits.values() for m in rows}
    partner = dataset.actors.get(partnership.counterpart)
    side = {partnership.counterpart}
    if partner is not None:
        side.update(m.member for m in partner.memberships)
    found = []
    for document in dataset.documents:
        parties = set(document.parties)
        bilateral = "kor" in parties and len(parties) > 1 and parties - {"kor"} <= side
        if document.adopted_at in meeting_ids or bilateral:
            found.append(document)
    return found


# --------------------------------------------------------------------------- mechanisms


def _mechanism_timeline(
    mechanism: Mechanism,
    dataset: Dataset,
    ax: Axes | None,
    title: str | None,
    mpl: ModuleType,
) -> Axes:
    date2num = _date2num(mpl)
    Line2D = mpl.lines.Line2D
    family = dataset.mechanism_family(mechanism.id)
    meetings: dict[str, list[Meeting]] = {}
    for meeting in dataset.meetings:
        if meeting.mechanism in family:
            meetings.setdefault(meeting.mechanism, []).append(meeting)
    # The mechanism's own row first, then its sub-mechanisms' rows in data order.
    series = [m for m in (mechanism, *dataset.mechanisms) if m.id in meetings]
    series = list({m.id: m for m in series}.values())
    undated = sum(_when(m) is None for rows in meetings.values() for m in rows)

    members: dict[str, list[Any]] = {}
    for membership in mechanism.memberships:
        members.setdefault(membership.member, []).append(membership)

    dates = [w.earliest for rows in meetings.values() for w in map(_when, rows) if w is not None]
    for membership in mechanism.memberships:
        dates += [w.earliest for w in (membership.start, membership.end) if w is not None]
    if not dates:
        raise InvalidCriteriaError(f"{mechanism.id} has no dated meetings or members to draw")
    first, last, left, right = _span(dates)

    def name_of(actor_id: str) -> str:
        actor = dataset.actors.get(actor_id)
        return actor.name if actor is not None else actor_id

    def joined(actor_id: str) -> tuple[_dt.date, str]:
        starts = [m.start.earliest if m.start else _dt.date.min for m in members[actor_id]]
        return (min(starts), name_of(actor_id))

    # Rows from the bottom: members (the first to join nearest the meetings), then meetings.
    # In axes of someone else's too short for a row each, the members share one row.
    own_figure = ax is None
    one_row_each = len(members) <= _MAX_MEMBER_ROWS
    if ax is not None and one_row_each:
        height_in_points = ax.bbox.height / ax.figure.dpi * 72
        one_row_each = 11 * (len(members) + len(series)) <= height_in_points
    order = sorted(members, key=joined, reverse=True)  # bottom-up: the first to join on top
    member_rows = len(order) if one_row_each else (1 if members else 0)
    roles = [m.role for m in mechanism.memberships]
    usual = max(set(roles), key=roles.count) if roles else "member"
    labels: list[str] = []
    if one_row_each:
        for actor_id in order:
            other = sorted({m.role for m in members[actor_id]} - {usual})
            labels.append(name_of(actor_id) + (f" ({', '.join(other)})" if other else ""))
    elif members:
        labels.append(f"{usual}s ({len(members)})")
    labels += [m.name for m in reversed(series)]

    if ax is None:
        height = 2.8 + 0.22 * member_rows + 0.5 * len(series)
        _, ax = mpl.pyplot.subplots(figsize=(11, height), layout="constrained")

    handles: list[Any] = []
    not_held = False
    for n, m in enumerate(series):
        not_held |= _draw_meetings(ax, meetings[m.id], len(labels) - 1 - n, date2num)
    if series:
        handles += _meeting_handles(Line2D, "meeting", not_held)
    if member_rows and series:
        ax.axhline(member_rows - 0.5, color="#888888", linewidth=0.6, zorder=1)

    left_day, right_day = date2num(left), date2num(right)
    joins: list[tuple[float, float, str]] = []
    leaves: list[tuple[float, float, str]] = []
    for row, actor_id in enumerate(order):
        y = row if one_row_each else 0
        for membership in members[actor_id]:
            start = date2num(membership.start.earliest) if membership.start else left_day
            end = date2num(membership.end.latest) if membership.end else right_day
            if one_row_each:
                ax.hlines(y, start, end, color=_MEMBER_COLOUR, linewidth=5, zorder=2)
            if membership.start is not None:
                joins.append((start, y, name_of(actor_id)))
            if membership.end is not None:
                leaves.append((end, y, name_of(actor_id)))
    for marks, marker, colour in ((joins, ">", _JOIN_COLOUR), (leaves, "X", _LEAVE_COLOUR)):
        ax.plot([x for x, _, _ in marks], [y for _, y, _ in marks], marker, color=colour,
                linestyle="", markersize=5, zorder=3)  # fmt: skip
    if not one_row_each:  # names in the order they joined (or left), then alphabetical
        _name_marks(ax, sorted(joins, key=lambda m: (m[0], m[2])), "joins", above=True)
        _name_marks(ax, sorted(leaves, key=lambda m: (m[0], m[2])), "leaves", above=False)
    if members:
        if one_row_each:
            bar = f"{usual}, from joining to leaving"
            handles.append(Line2D([], [], color=_MEMBER_COLOUR, linewidth=5, label=bar))
        handles.append(
            Line2D([], [], linestyle="", marker=">", color=_JOIN_COLOUR, label=f"{usual} joins")
        )
        if leaves:
            handles.append(
                Line2D(
                    [], [], linestyle="", marker="X", color=_LEAVE_COLOUR, label=f"{usual} leaves"
                )
            )

    _rows(ax, labels, own_figure)
    _years(ax, left, right, mpl, own_figure)
    ax.grid(axis="x", color="#e4e4e4", linewidth=0.8)
    what = " and ".join(w for w, shown in (("meetings", series), ("members", members)) if shown)
    default = f"{mechanism.name}, {first.year}–{last.year}: {what}"
    ax.set_title(title or _literal(default), wrap=True)
    legend_title = "Marks: meetings (every fifth numbered)."
    if members:
        legend_title += f"  {'Rows' if one_row_each else 'Bottom row'}: {usual}s."
    if undated:
        legend_title += f"\n{undated} meeting{'s' if undated > 1 else ''} with no date not shown."
    _finish(ax, handles, legend_title, own_figure, dataset, ncols=3)
    return ax


def _name_marks(ax: Axes, marks: list[tuple[float, float, str]], verb: str, above: bool) -> None:
    """Label the join (or leave) marks of one shared row with who joined on each day."""
    by_day: dict[float, list[str]] = {}
    for x, _, name in marks:
        by_day.setdefault(x, []).append(name)
    for n, (x, names) in enumerate(sorted(by_day.items())):
        shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        ax.annotate(
            _literal(f"{shown} {verb}" if len(names) == 1 else f"{shown} {verb[:-1]}"),
            (x, 0),
            xytext=(0, (9 + 9 * (n % 2)) * (1 if above else -1)),
            textcoords="offset points",
            ha="center",
            va="bottom" if above else "top",
            fontsize=6,
            color=_JOIN_COLOUR if above else _LEAVE_COLOUR,
            wrap=True,
        )


# --------------------------------------------------------------------------- shared


def _matplotlib(feature: str) -> ModuleType:
    """The matplotlib package with pyplot, dates, lines and patches loaded, or a clear error."""
    try:
        import matplotlib
        import matplotlib.axes
        import matplotlib.dates
        import matplotlib.lines
        import matplotlib.patches
        import matplotlib.pyplot
    except ImportError:
        raise MissingExtraError(feature, "plot", "matplotlib") from None
    return matplotlib


def _date2num(mpl: ModuleType) -> Callable[[_dt.date], float]:
    # matplotlib's date2num is untyped; it turns a day into the axis' float coordinate.
    return cast("Callable[[_dt.date], float]", mpl.dates.date2num)


def _dataset(dataset: Dataset | None) -> Dataset:
    if dataset is None:
        return load()
    if not isinstance(dataset, Dataset):
        raise TypeError(f"dataset must be a Dataset, not {type(dataset).__name__}")
    return dataset


def _check_axes(ax: object, mpl: ModuleType) -> None:
    if ax is not None and not isinstance(ax, mpl.axes.Axes):
        raise TypeError(f"ax must be a matplotlib Axes or None, not {type(ax).__name__}")


def _check_title(title: object) -> None:
    if title is not None and not isinstance(title, str):
        raise TypeError(f"title must be a string or None, not {type(title).__name__}")


def _subject(dataset: Dataset, subject: object) -> Partnership | Mechanism:
    if isinstance(subject, (Partnership, Mechanism)):
        return subject
    if not isinstance(subject, str):
        raise TypeError(
            f"subject must be a name, a Partnership or a Mechanism, not {type(subject).__name__}"
        )
    try:
        return dataset.partnerships.lookup(subject)
    except NotFoundError as missed:
        suggestions = missed.suggestions
    try:
        return dataset.mechanisms.lookup(subject)
    except NotFoundError as error:
        closest = tuple(dict.fromkeys((*suggestions, *error.suggestions)))[:5]
        raise NotFoundError("partnerships or mechanisms", subject, closest) from None


def _when(meeting: Meeting) -> When | None:
    return meeting.date or meeting.planned_date


def _span(dates: Sequence[_dt.date]) -> tuple[_dt.date, _dt.date, _dt.date, _dt.date]:
    """The first and last day drawn, and the axis' ends: half a year beyond them, within the
    years a date can have (1 to 9999)."""
    first, last = min(dates), max(dates)
    left = _dt.date(first.year - 1, 7, 1) if first.year > 1 else _dt.date.min
    right = _dt.date(last.year + 1, 6, 30) if last.year < 9999 else _dt.date.max
    return first, last, left, right


def _years(ax: Axes, left: _dt.date, right: _dt.date, mpl: ModuleType, own_figure: bool) -> None:
    """A time axis from ``left`` to ``right``; in someone else's (perhaps narrow) axes, with
    fewer years marked, so that they do not run into each other."""
    ax.set_xlim(_date2num(mpl)(left), _date2num(mpl)(right))
    ax.xaxis_date()
    if not own_figure:
        ax.xaxis.set_major_locator(mpl.dates.AutoDateLocator(minticks=3, maxticks=6))
    ax.set_axisbelow(True)
    ax.set_xlabel("year")


def _rows(ax: Axes, labels: list[str], own_figure: bool) -> None:
    """Name the rows; in someone else's axes, long names wrap and the type is smaller."""
    if own_figure:
        texts = [_literal(label) for label in labels]
        ax.set_yticks(range(len(labels)), texts)
    else:
        texts = [_literal(textwrap.fill(label, 26)) for label in labels]
        ax.set_yticks(range(len(labels)), texts, fontsize=7)
    ax.set_ylim(-0.7, len(labels) - 0.3)


def _draw_meetings(
    ax: Axes, meetings: Iterable[Meeting], row: float, date2num: Callable[[_dt.date], float]
) -> bool:
    """Meetings on one row: held filled, the others hollow at their planned date; the first
    and every fifth held meeting numbered. Returns whether any hollow mark was drawn."""
    held = [m for m in meetings if m.status == "held" and m.date is not None]
    held_ids = {m.id for m in held}
    other = [w for m in meetings if m.id not in held_ids for w in (_when(m),) if w is not None]
    for days, face in (([m.date.earliest for m in held if m.date], _MEETING_COLOUR), (
        [w.earliest for w in other], "white")):  # fmt: skip
        ax.plot(
            [date2num(day) for day in days],
            [row] * len(days),
            "o",
            markerfacecolor=face,
            markeredgecolor=_MEETING_COLOUR,
            markersize=7,
            zorder=3,
        )
    for m in held:
        if m.date is not None and m.ordinal is not None and (m.ordinal == 1 or m.ordinal % 5 == 0):
            ax.annotate(
                _ordinal(m.ordinal),
                (date2num(m.date.earliest), row),
                xytext=(0, 7),
                textcoords="offset points",
                ha="center",
                fontsize=7,
                color=_MEETING_COLOUR,
            )
    return bool(other)


def _meeting_handles(Line2D: type, what: str, not_held: bool) -> list[Any]:
    held = Line2D([], [], linestyle="", marker="o", color=_MEETING_COLOUR, label=f"{what} held")
    if not not_held:
        return [held]
    return [
        held,
        Line2D(
            [],
            [],
            linestyle="",
            marker="o",
            markerfacecolor="white",
            markeredgecolor=_MEETING_COLOUR,
            label=f"{what} not held (postponed, cancelled, planned)",
        ),
    ]


def _finish(
    ax: Axes,
    handles: list[Any],
    legend_title: str,
    own_figure: bool,
    dataset: Dataset,
    ncols: int,
) -> None:
    """The legend, under a figure of our own or to the right of someone else's axes; the
    line naming the data ends its title, so that it never covers anything (nor, in a figure
    shared with others, another figure's line)."""
    credit = f"Data: korea-diplomacy {__version__}, digest {dataset.digest()[:12]}"
    for handle in handles:  # names from the data, drawn as written; wrapped beside the axes
        label = handle.get_label()
        handle.set_label(_literal(label if own_figure else textwrap.fill(label, 34)))
    if own_figure:
        ax.figure.legend(
            handles=handles,
            loc="outside lower center",
            frameon=False,
            ncols=ncols,
            fontsize=8,
            title=f"{legend_title}\n{credit}",
            title_fontsize=8,
        )
    else:
        ax.legend(
            handles=handles,
            loc="upper left",
            bbox_to_anchor=(1.02, 1.0),
            borderaxespad=0.0,
            frameon=False,
            fontsize=7,
            title=textwrap.fill(legend_title, 40) + "\n" + credit,
            title_fontsize=6,
            alignment="left",
        )
        ax.title.set_fontsize("medium")
        root = ax.figure.figure  # the figure itself, or the one holding a subfigure
        if root.get_layout_engine() is None:
            root.set_layout_engine("constrained")


def _literal(text: str) -> str:
    r"""Text drawn as written: a ``$`` escaped, so that matplotlib never reads mathematics.

    >>> _literal(r"$\foo$ 100%")
    '\\$\\foo\\$ 100%'
    """
    return text.replace("$", r"\$")


def _wave_partners(
    dataset: Dataset, first: int, last: int, highlight: tuple[str, ...]
) -> list[str]:
    """The partners to name in a wave: those asked for, with the day relations began; without
    any asked for, every state relations began with in those years if they are few."""
    began: list[tuple[_dt.date, str, str]] = []
    for relation in dataset.relations:
        for event in relation.events:
            state = event.state or relation.partner
            day = event.date.earliest
            asked = not highlight or state in highlight
            if event.kind == "established" and first <= day.year <= last and asked:
                began.append((day, state, event.date.human()))
    if not highlight and len(began) > 4:
        return []
    names = []
    for _, state, when in sorted(began):
        actor = dataset.actors.get(state)
        names.append(f"{actor.name if actor else state} ({when})")
    return names


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
