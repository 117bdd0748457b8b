"""Figures with matplotlib: a partnership's timeline.

``kd.plot.timeline("ASEAN")`` draws the stages of the ROK's partnership with ASEAN as coloured
bands over the years, its summits as marks (one row per summit series) and the key documents
(joint declarations and statements, plans of action, agreements) on a row of their own, with a
title, a legend and a footnote naming the data it was drawn from. Needs matplotlib:
``pip install 'korea-diplomacy[plot]'``; importing this module does not import matplotlib.

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import korea_diplomacy as kd
>>> ax = kd.plot.timeline("ASEAN")
>>> ax.get_title()
'ROK–ASEAN partnership, 1989–2025: stages, summits and key documents'
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, cast

from ._loading import load
from ._version import __version__
from .dataset import Dataset
from .errors import MissingExtraError
from .model import Partnership

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from .model import Document, Meeting

__all__ = ["DOCUMENT_GROUPS", "timeline"]

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


def timeline(
    partnership: str | Partnership = "ASEAN",
    *,
    dataset: Dataset | None = None,
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """Draw a partnership's stages, summits and key documents over the years.

    ``partnership`` is a partnership record or anything :meth:`Collection.lookup` finds one
    by (its id, or its counterpart's name: ``"ASEAN"``, ``"Mekong"``). Summits are the
    meetings of the leaders-level mechanisms whose counterparts include the partner; key
    documents are those adopted at those summits or made between the ROK and the partner (or
    its members). Draws on ``ax`` if given, else on a new figure; returns the axes.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import korea_diplomacy as kd
    >>> ax = kd.plot.timeline("Mekong")
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['key documents', 'Mekong-ROK Summit']
    >>> ax.figure.savefig("/dev/null", format="png")
    """
    try:
        import matplotlib
        from matplotlib import dates as mdates
        from matplotlib.lines import Line2D
        from matplotlib.patches import Patch
    except ImportError:
        raise MissingExtraError("kd.plot.timeline", "plot", "matplotlib") from None
    # matplotlib's date2num is untyped; it turns a day into the axis' float coordinate.
    date2num = cast("Callable[[_dt.date], float]", mdates.date2num)
    if dataset is None:
        dataset = load()
    elif not isinstance(dataset, Dataset):
        raise TypeError(f"dataset must be a Dataset, not {type(dataset).__name__}")

    if isinstance(partnership, str):
        partnership = dataset.partnerships.lookup(partnership)
    elif not isinstance(partnership, Partnership):
        raise TypeError(
            f"partnership must be a name or a Partnership, not {type(partnership).__name__}"
        )
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
    for rows in summits.values():
        dates += [w.earliest for m in rows for w in (m.date or m.planned_date,) if w is not None]
    dates += [d.date.earliest for d in documents if d.date is not None]
    if not dates:
        raise ValueError(f"{partnership.id} has no dated stages, summits or documents to draw")
    first, last = min(dates), max(dates)
    left = _dt.date(first.year - 1, 7, 1)
    right = _dt.date(last.year + 1, 6, 30)

    own_figure = ax is None
    if ax is None:
        import matplotlib.pyplot as plt

        height = 3.6 + 0.5 * (len(series) + 1)
        _, ax = plt.subplots(figsize=(11, height), layout="constrained")

    # Stages: bands from their start until the next stage begins.
    colours = matplotlib.colormaps["Pastel1"]
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
    for row, mechanism in enumerate(series, start=1):
        held = [m for m in summits[mechanism.id] if m.status == "held" and m.date is not None]
        other = [m for m in summits[mechanism.id] if m not in held]
        ax.plot(
            [date2num(m.date.earliest) for m in held if m.date is not None],
            [row] * len(held),
            "o",
            color="#1f4e79",
            markersize=7,
            zorder=3,
        )
        when = [(m.date or m.planned_date) for m in other]
        ax.plot(
            [date2num(w.earliest) for w in when if w is not None],
            [row] * sum(w is not None for w in when),
            "o",
            markerfacecolor="white",
            markeredgecolor="#1f4e79",
            markersize=7,
            zorder=3,
        )
        for m in held:
            if m.date is not None and m.ordinal is not None and m.ordinal in (1, *range(5, 500, 5)):
                ax.annotate(
                    _ordinal(m.ordinal),
                    (date2num(m.date.earliest), row),
                    xytext=(0, 7),
                    textcoords="offset points",
                    ha="center",
                    fontsize=7,
                    color="#1f4e79",
                )
    for (group, kinds), marker in zip(DOCUMENT_GROUPS.items(), _DOCUMENT_MARKERS, strict=True):
        days = [date2num(d.date.earliest) for d in documents if d.kind in kinds and d.date]
        if days:
            ax.plot(days, [0] * len(days), marker, color="#7a3b00", markersize=6, zorder=3)
            handles.append(
                Line2D([], [], linestyle="", marker=marker, color="#7a3b00", label=group)
            )
    if series:
        handles.append(
            Line2D([], [], linestyle="", marker="o", color="#1f4e79", label="summit held")
        )
        handles.append(
            Line2D(
                [],
                [],
                linestyle="",
                marker="o",
                markerfacecolor="white",
                markeredgecolor="#1f4e79",
                label="summit not held (postponed, cancelled, planned)",
            )
        )

    ax.set_yticks(range(len(labels)), labels)
    ax.set_ylim(-0.7, len(labels) - 0.3)
    ax.set_xlim(date2num(left), date2num(right))
    ax.xaxis_date()
    ax.grid(axis="x", color="white", linewidth=0.8)
    ax.set_axisbelow(True)
    ax.set_xlabel("year")
    ax.set_title(
        title
        or f"ROK–{partner} partnership, {first.year}–{last.year}: stages, summits and key documents"
    )
    legend = {
        "handles": handles,
        "ncols": 3,
        "fontsize": 8,
        "frameon": False,
        "title": "Bands: partnership stages.  Marks: summits (every fifth numbered) and documents.",
        "title_fontsize": 8,
    }
    if own_figure:
        ax.figure.legend(loc="outside lower center", **legend)
    else:
        ax.legend(loc="upper left", **legend)
    ax.figure.text(
        0.995,
        0.005,
        f"Data: korea-diplomacy {__version__}, digest {dataset.digest()[:12]}",
        ha="right",
        va="bottom",
        fontsize=6,
        color="grey",
    )
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


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
