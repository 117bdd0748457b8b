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
from collections.abc import Iterable, Sequence
from typing import Any

from ._plan import plan, walk
from .model import Citation

__all__ = ["MAX_ROWS", "collection_html", "record_html"]

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
    """A two-column table of one record: id, name, its fields, description and sources.

    ``dataset`` (the one the record belongs to) turns ids into names and source ids into
    links to their pages.

    >>> import korea_diplomacy as kd
    >>> "Ha Noi" in record_html(kd.meetings["asean-rok-summit-13"])
    True
    """
    name_of = _namer(dataset)
    rows: list[tuple[str, str]] = [
        ("id", f"<code>{_e(record.id)}</code>"),
        ("name", _e(record.name)),
    ]
    for field in plan(type(record)).fields:
        value = getattr(record, field.name)
        if field.name in _SHOWN_APART or value is None or value == "" or value == ():
            continue
        items = value if isinstance(value, tuple) else (value,)
        if field.ref is not None:
            cells = [_named(item, name_of) for item in items]
        else:
            shape = field.shape.inner()
            cells = [_e(shape.show(item, name_of)) for item in items]
        nested = bool(field.shape.holds())
        separator = "<br>" if field.about.sentences or nested else ", "
        rows.append((field.name.replace("_", " "), separator.join(cells)))
    if getattr(record, "description", ""):
        rows.append(("description", _e(record.description)))
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


_SHOWN_APART = frozenset(("id", "name", "description", "citations", "notes"))


def _namer(dataset: Any) -> Any:
    """A function from an id to the name of its record in ``dataset`` (the id if none)."""
    if dataset is None:
        return None

    def name_of(record_id: str) -> str:
        found = dataset.get(record_id) if isinstance(record_id, str) else None
        return found.name if found is not None else record_id

    return name_of


def _named(record_id: str, name_of: Any) -> str:
    """An id as a reader wants it: the record's name, with the id beside it."""
    name = name_of(record_id) if name_of is not None else record_id
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
