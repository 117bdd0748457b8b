"""HTML tables for notebooks: what a bare ``kd.summits`` or a record shows in a Jupyter cell.

Records and collections have a ``_repr_html_`` method that calls these functions, so a notebook
shows a table of ids, names, dates and sources instead of a long repr.

>>> import korea_diplomacy as kd
>>> html = kd.summits._repr_html_()
>>> "<table" in html and "asean-rok-summit-13" in html and "29 Oct 2010" in html
True
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from ._plan import plan, walk
from .model import Actor, Citation, Record, record_classes

__all__ = ["MAX_ROWS", "collection_html", "record_html", "record_text"]

MAX_ROWS = 60
"""Rows a collection's table shows before it says how many more there are."""

_STYLE = "text-align:left;vertical-align:top"


def collection_html(name: str, records: Sequence[Any], sources: Any = None) -> str:
    """A table of a collection's records: id, name, date and the sources they cite.

    ``sources`` (a collection of sources) turns source ids into links to their pages.

    >>> import korea_diplomacy as kd
    >>> print(collection_html("partnerships", list(kd.partnerships)[:2])[:60])
    <div><p><b>partnerships</b>: 2 records</p><table><thead><tr>
    """
    count = len(records)
    head = f"<p><b>{_e(name)}</b>: {count} record{'s' if count != 1 else ''}</p>"
    rows = []
    for record in records[:MAX_ROWS]:
        when = record.date
        cells = (
            f"<code>{_e(record.id)}</code>",
            _e(record.name),
            _e(when.human()) if when is not None else "",
            _sources_html(_cited(record), sources),
        )
        rows.append("<tr>" + "".join(f'<td style="{_STYLE}">{c}</td>' for c in cells) + "</tr>")
    more = ""
    if count > MAX_ROWS:
        more = f"<p>... and {count - MAX_ROWS} more (iterate, or use kd.to_frame, to see all)</p>"
    header = "".join(f'<th style="{_STYLE}">{h}</th>' for h in ("id", "name", "date", "sources"))
    table = f"<table><thead><tr>{header}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    return f"<div>{head}{table}{more}</div>"


def record_html(record: Any, dataset: Any = None) -> str:
    """A two-column table of one record: id, name, its fields and its sources.

    ``dataset`` (the one the record belongs to) turns ids into names and source ids into
    links to their pages.

    >>> import korea_diplomacy as kd
    >>> "Ha Noi" in record_html(kd.meetings["asean-rok-summit-13"])
    True
    """
    rows: list[tuple[str, str]] = [
        ("id", f"<code>{_e(record.id)}</code>"),
        ("name", _e(record.name)),
    ]
    for label, cells, lines in _rows(record, _namer(dataset)):
        shown = [
            _e(text) if record_id is None else _named_html(text, record_id)
            for text, record_id in cells
        ]
        rows.append((label, ("<br>" if lines else ", ").join(shown)))
    cited = _cited(record)
    sources = dataset.sources if dataset is not None else None
    if cited:
        rows.append(("sources", _sources_html(cited, sources)))
    body = "".join(
        f'<tr><th style="{_STYLE}">{label}</th><td style="{_STYLE}">{cell}</td></tr>'
        for label, cell in rows
    )
    kind = type(record).__name__
    return f"<div><p><b>{_e(kind)}</b></p><table><tbody>{body}</tbody></table></div>"


def record_text(record: Any, dataset: Any = None) -> str:
    """One record as text for a terminal, as ``korea-diplomacy show`` prints it: the same
    fields as :func:`record_html`, names beside ids, and each source with the section cited.

    >>> import korea_diplomacy as kd
    >>> print(record_text(kd.meetings["asean-rok-summit-13"], kd.load()))  # doctest: +ELLIPSIS
    13th ASEAN-ROK Summit  [Meeting asean-rok-summit-13]
      mechanism: ASEAN-ROK Summit (asean-rok-summit)
      ordinal: 13
      date: 29 Oct 2010
      ...
      country: Viet Nam (vnm)
      ...
    """
    lines = [f"{record.name}  [{type(record).__name__} {record.id}]"]
    for label, cells, many in _rows(record, _namer(dataset)):
        shown = [
            text if record_id is None else f"{text} ({record_id})" for text, record_id in cells
        ]
        if many and len(shown) > 1:
            lines.append(f"  {label}:")
            lines.extend(f"    - {text}" for text in shown)
        else:
            lines.append(f"  {label}: {'; '.join(shown)}")
    if dataset is not None and isinstance(record, Actor):
        lines.extend(_actor_lines(record, dataset))
    citations = [item for _, item, _, _ in walk(record) if type(item) is Citation]
    if citations:
        lines.append("  sources:")
    sources = dataset.sources if dataset is not None else None
    for source_id, section_id in dict.fromkeys((c.source, c.section) for c in citations):
        source = sources.get(source_id) if sources is not None else None
        if source is None:
            lines.append(f"    - {source_id} ({section_id})")
            continue
        section = source.section(section_id)
        title = section.title if section else section_id
        where = f", {source.url}" if source.url else ""
        lines.append(f'    - {source.name} ({source.publisher}), section "{title}"{where}')
    return "\n".join(lines)


_LISTED = 5  # records of a collection listed by name before only their number is given


def _actor_lines(actor: Any, dataset: Any) -> Iterator[str]:
    """What else the data holds about an actor (a country's relations, partnership, groups):
    each record naming it directly, with the steps of a relation or partnership, and the
    groups and mechanisms it belongs to today."""
    name_of = dataset.name_of
    classes = sorted(  # relations and partnerships (lists of steps) first
        record_classes().items(),
        key=lambda item: not any(f.about.ordered for f in plan(item[1]).fields),
    )
    for name, cls in classes:
        fields = [f for f in plan(cls).fields if f.about.involves and f.ref == ("actors",)]
        if not fields or name == "actors":
            continue
        naming = [
            r
            for r in dataset.collection(name)
            if any(actor.id in _ids(getattr(r, f.name)) for f in fields) and r.id != actor.id
        ]
        if not naming:
            continue
        if len(naming) > _LISTED:
            count = len(dataset.collection(name).filter(involving=actor.id))
            command = f"korea-diplomacy list {name} --involving {actor.id}"
            yield f"  {name}: {count} involve it ({command})"
            continue
        yield f"  {name}:"
        for r in naming:
            yield f"    - {r.name} ({r.id})"
            for field in plan(cls).fields:
                if field.about.ordered:  # a relation's steps, a partnership's stages
                    for item in getattr(r, field.name):
                        yield f"        {field.shape.inner().show(item, name_of)}"
    groups = [
        group
        for name in ("actors", "mechanisms")
        for group in dataset.collection(name)
        if group.id != actor.id and actor.id in group.members_on("today")
    ]
    if groups:
        yield "  member today of: " + "; ".join(f"{g.name} ({g.id})" for g in groups)


def _ids(value: Any) -> tuple[Any, ...]:
    return value if isinstance(value, tuple) else (value,)


def _rows(
    record: Any, name_of: Callable[[str], str] | None
) -> Iterator[tuple[str, list[tuple[str, str | None]], bool]]:
    """Each field worth showing: its label, its items as (text, id or None), and whether
    they go one to a line. The record's own fields come first, then those every record
    has (description, notes, conflicts...); id, name and citations are shown apart."""
    fields = plan(type(record)).fields
    common = {field.name for field in plan(Record).fields}
    ordered = [f for f in fields if f.name not in common] + [f for f in fields if f.name in common]
    for field in ordered:
        value = getattr(record, field.name)
        if field.name in _SHOWN_APART or value is None or value == "" or value == ():
            continue
        items = value if isinstance(value, tuple) else (value,)
        cells: list[tuple[str, str | None]]
        if field.ref is not None:
            cells = [(name_of(item) if name_of else item, item) for item in items]
        else:
            shape = field.shape.inner()
            cells = [(shape.show(item, name_of), None) for item in items]
        lines = bool(field.about.sentences or field.shape.holds())
        yield field.name.replace("_", " "), cells, lines


_SHOWN_APART = frozenset(("id", "name", "citations"))


def _namer(dataset: Any) -> Callable[[str], str] | None:
    """A function from an id to the name of its record in ``dataset`` (the id if none)."""
    if dataset is None:
        return None
    name_of: Callable[[str], str] = dataset.name_of
    return name_of


def _named_html(name: str, record_id: str) -> str:
    """An id as a reader wants it: the record's name, with the id beside it."""
    if name == record_id:
        return f"<code>{_e(record_id)}</code>"
    return f"{_e(name)} <code>{_e(record_id)}</code>"


def _cited(record: Any) -> list[str]:
    return list(
        dict.fromkeys(item.source for _, item, _, _ in walk(record) if type(item) is Citation)
    )


def _sources_html(ids: Iterable[str], sources: Any) -> str:
    parts = []
    for source_id in ids:
        source = sources.get(source_id) if sources is not None else None
        url = getattr(source, "url", None)
        if source is not None and url and url.lower().startswith(("http://", "https://")):
            title = _e(f"{source.name} ({source.publisher})")
            link = f'<a href="{_e(url)}" title="{title}" target="_blank">{_e(source_id)}</a>'
            parts.append(link)
        else:
            parts.append(_e(source_id))
    return ", ".join(parts)


def _e(text: str) -> str:
    return html.escape(text, quote=True)
