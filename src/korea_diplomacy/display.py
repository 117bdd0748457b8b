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

import attrs

from .dates import DateRange, PartialDate

__all__ = ["MAX_ROWS", "collection_html", "record_html"]

MAX_ROWS = 60
"""Rows a collection's table shows before it says how many more there are."""

_STYLE = "text-align:left;vertical-align:top"


def collection_html(name: str, records: Sequence[Any], sources: Any = None) -> str:
    """A table of a collection's records: id, name, date and the sources they cite.

    ``sources`` (a collection of sources) turns source ids into links to their pages.

    >>> import korea_diplomacy as kd
    >>> print(collection_html("partnerships", list(kd.partnerships))[:60])
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


def record_html(record: Any, sources: Any = None) -> str:
    """A two-column table of one record: id, name, its dates, description and sources.

    >>> import korea_diplomacy as kd
    >>> "Ha Noi" in record_html(kd.meetings["asean-rok-summit-13"])
    True
    """
    rows: list[tuple[str, str]] = [
        ("id", f"<code>{_e(record.id)}</code>"),
        ("name", _e(record.name)),
    ]
    for field in attrs.fields(type(record)):
        value = getattr(record, field.name)
        if field.name in ("id", "name", "description", "citations", "notes") or value is None:
            continue
        label = field.name.replace("_", " ")
        if isinstance(value, (PartialDate, DateRange)):
            rows.append((label, _e(value.human())))
        elif isinstance(value, (str, int)) and value != "" and not isinstance(value, bool):
            rows.append((label, _e(str(value))))
        elif isinstance(value, tuple) and value and all(isinstance(v, str) for v in value):
            separator = "<br>" if field.name == "outcomes" else ", "
            rows.append((label, separator.join(_e(v) for v in value)))
        elif field.name == "stages" and value:
            lines = (f"{_e(stage.start.human())}: {_e(stage.name)}" for stage in value)
            rows.append((label, "<br>".join(lines)))
        elif isinstance(value, tuple) and value and field.name != "local_names":
            rows.append((label, f"{len(value)} (see the record's {field.name})"))
        elif hasattr(value, "human"):
            rows.append((label, _e(value.human())))
    if getattr(record, "description", ""):
        rows.append(("description", _e(record.description)))
    cited = _cited(record)
    if cited:
        rows.append(("sources", _sources_html(cited, sources)))
    body = "".join(
        f'<tr><th style="{_STYLE}">{label}</th><td style="{_STYLE}">{cell}</td></tr>'
        for label, cell in rows
    )
    kind = type(record).__name__
    return f"<div><p><b>{_e(kind)}</b></p><table><tbody>{body}</tbody></table></div>"


def _cited(record: Any) -> list[str]:
    from .model import Source

    if isinstance(record, Source):
        return []
    from .validation import _walk_citations

    return list(dict.fromkeys(citation.source for _, citation in _walk_citations(record)))


def _sources_html(ids: Iterable[str], sources: Any) -> str:
    parts = []
    for source_id in ids:
        source = sources.get(source_id) if sources is not None else None
        url = getattr(source, "url", None)
        if source is not None and url:
            title = _e(f"{source.name} ({source.publisher})")
            link = f'<a href="{_e(url)}" title="{title}" target="_blank">{_e(source_id)}</a>'
            parts.append(link)
        else:
            parts.append(_e(source_id))
    return ", ".join(parts)


def _e(text: str) -> str:
    return html.escape(text, quote=True)
