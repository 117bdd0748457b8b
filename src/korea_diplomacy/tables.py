"""Records as flat table rows, and as a pandas DataFrame with proper dtypes.

:func:`to_records` turns records into one flat dict each; :func:`to_frame` builds a
:class:`pandas.DataFrame` from those rows. The same columns (:func:`columns`) are written by the
CSV export. How each kind of field becomes columns:

- a text, number or vocabulary field (``kind``, ``status``...) is one column of the same name;
- a date field ``f`` gives four: ``f`` (the EDTF text, exactly as in the data), ``f_start`` and
  ``f_end`` (the first and last day it may mean) and ``f_precision`` (``year``, ``month`` or
  ``day``);
- an amount ``f`` (money or a quantity) gives ``f_amount``, ``f_currency`` (money) or
  ``f_unit`` (quantities), and ``f_qualifier``; a direction gives ``f_origin`` and
  ``f_destination``;
- a list of ids, names or short phrases is one text, its items joined by ``"; "``; a list of
  sentences (``notes``, ``outcomes``) is joined by a newline;
- a list of structured values (``citations``, ``stages``, ``memberships``...) is its JSON text,
  in the same form as the data files; ``sources`` adds the ids of every source the record cites
  anywhere, joined by ``"; "``;
- an empty value (no date, an empty list, an empty text) is ``None``.

>>> import korea_diplomacy as kd
>>> row = kd.to_records(kd.summits.filter(mechanism="ASEAN-ROK Summit", ordinal=13))[0]
>>> row["id"], row["date"], row["date_start"], row["date_precision"], row["city"]
('asean-rok-summit-13', '2010-10-29', datetime.date(2010, 10, 29), 'day', 'Ha Noi')
"""

from __future__ import annotations

import datetime as _dt
import functools
import json
import types
import typing
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

import attrs

from .dates import DateRange, PartialDate
from .field_docs import describe
from .model import RECORD_TYPES, Direction, Money, Quantity

if TYPE_CHECKING:
    import pandas

__all__ = ["EDTF_PATTERN", "LIST_SEPARATOR", "Column", "columns", "to_frame", "to_records"]

LIST_SEPARATOR = "; "
"""What joins the items of a list of ids, names or short phrases in one cell."""

SENTENCE_LISTS = frozenset(("notes", "outcomes"))
"""Lists of sentences, whose items are joined by a newline instead (they may hold ``"; "``)."""

EDTF_PATTERN = (
    r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?"
    r"(/\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?)?$"
)
"""The dates the data holds: EDTF level 0 (``2019``, ``2019-11``, ``2019-11-25``, and two of
them joined by ``/``)."""

PRECISIONS = ("year", "month", "day")

ColumnType = Literal["string", "integer", "number", "boolean", "date", "array"]


@attrs.frozen
class Column:
    """One column of a table: its name, type, meaning and how to read it from a record.

    ``type`` is a Table Schema type (``string``, ``integer``, ``number``, ``boolean``,
    ``date``; ``array`` is JSON text). ``choices`` lists a controlled vocabulary,
    ``references`` the collection whose ids the column holds.

    >>> from korea_diplomacy.model import Meeting
    >>> [c.name for c in columns(Meeting) if c.name.startswith("date")]
    ['date', 'date_start', 'date_end', 'date_precision']
    """

    name: str
    type: ColumnType
    description: str
    get: Callable[[Any], Any] = attrs.field(repr=False, eq=False)
    choices: tuple[str, ...] | None = None
    pattern: str | None = None
    references: str | None = None
    required: bool = False


def to_records(records: Iterable[Any]) -> list[dict[str, Any]]:
    """One flat dict per record, in order; ``pandas.DataFrame`` takes the list as it is.

    ``records`` is a collection, the result of ``filter``/``search``, or any iterable of
    records of one type (also :class:`~korea_diplomacy.model.DatedFact`\\ s from
    :func:`korea_diplomacy.timeline`). See the module documentation for how nested values
    are flattened.

    >>> import korea_diplomacy as kd
    >>> row = kd.to_records([kd.funds.lookup("AKCF")])[0]
    >>> row["abbreviation"], row["established"], row["beneficiaries"]
    ('AKCF', '1990', 'asean')
    >>> kd.to_records(kd.figures.filter(metric="trade-volume"))[0]["value_amount"]
    Decimal('176500000000')
    """
    items = list(records)
    cls = _record_class(records, items)
    if cls is None:
        return []
    plan = columns(cls)
    return [{column.name: column.get(record) for column in plan} for record in items]


def to_frame(records: Iterable[Any]) -> pandas.DataFrame:
    """A pandas DataFrame of the records, one row each, with proper dtypes.

    Columns are those of :func:`to_records`; dates' ``_start`` and ``_end`` are datetimes and
    ``_precision`` an ordered category, controlled vocabularies (``kind``, ``status``...)
    are categories with every allowed value, whole numbers are nullable integers (``Int64``),
    amounts are floats and text is pandas' ``string`` dtype.

    Needs pandas: ``pip install 'korea-diplomacy[pandas]'``.

    >>> import korea_diplomacy as kd
    >>> df = kd.to_frame(kd.summits)
    >>> df.loc[df.ordinal == 13, ["id", "city"]].values.tolist()[0]
    ['asean-rok-summit-13', 'Ha Noi']
    >>> str(df["date_start"].dtype).startswith("datetime64"), str(df["status"].dtype)
    (True, 'category')
    """
    try:
        import pandas as pd
    except ImportError:
        from .errors import MissingExtraError

        raise MissingExtraError("kd.to_frame", "pandas") from None
    items = list(records)
    cls = _record_class(records, items)
    if cls is None:
        return pd.DataFrame()
    plan = columns(cls)
    rows = [[column.get(record) for column in plan] for record in items]
    frame = pd.DataFrame(rows, columns=[column.name for column in plan], dtype=object)
    for column in plan:
        frame[column.name] = _typed(pd, frame[column.name], column)
    return frame


def _typed(pd: Any, series: Any, column: Column) -> Any:
    if column.choices is not None:
        ordered = column.choices == PRECISIONS
        return series.astype(pd.CategoricalDtype(list(column.choices), ordered=ordered))
    if column.type == "date":
        return pd.to_datetime(series)
    if column.type == "integer":
        return series.astype("Int64")
    if column.type == "number":
        return series.astype("float64")
    if column.type == "boolean":
        return series.astype("boolean")
    return series.astype("string")


def _record_class(records: Iterable[Any], items: list[Any]) -> type | None:
    if not items:
        name = getattr(records, "name", None)
        if name == "summits":
            name = "meetings"
        return RECORD_TYPES.get(name) if isinstance(name, str) else None
    cls = type(items[0])
    if not attrs.has(cls):
        raise TypeError(f"expected records, not {cls.__name__}")
    for item in items:
        if type(item) is not cls:
            raise TypeError(
                f"records must be of one type, not {cls.__name__} and {type(item).__name__}"
            )
    return cls


# ---------------------------------------------------------------------------- column plans


@functools.cache
def columns(cls: type) -> tuple[Column, ...]:
    """The columns a record class becomes, in order (its fields' order, expanded).

    >>> from korea_diplomacy.model import Figure
    >>> [c.name for c in columns(Figure) if c.name.startswith("value")]
    ['value_amount', 'value_currency', 'value_unit', 'value_qualifier']
    """
    if not attrs.has(cls):
        raise TypeError(f"{cls.__name__} is not a record class")
    from .validation import _REFERENCES

    references = _REFERENCES.get(cls, {})
    hints = typing.get_type_hints(cls)
    plan: list[Column] = []
    for field in attrs.fields(cls):
        targets = references.get(field.name)
        target = targets[0] if targets is not None and len(targets) == 1 else None
        plan.extend(
            _field_columns(
                field.name,
                hints[field.name],
                describe(cls, field.name),
                target,
                required=field.default is attrs.NOTHING,
            )
        )
        if field.name == "citations":
            plan.append(
                Column(
                    "sources",
                    "string",
                    "Ids of every source the record cites, anywhere in it, joined by '; '.",
                    _sources,
                )
            )
    return tuple(plan)


def _field_columns(
    name: str, hint: Any, doc: str, target: str | None, required: bool
) -> list[Column]:
    optional, kind = _unwrap(hint)
    required = required and not optional
    if kind in (str, int, bool):
        types_: dict[type, ColumnType] = {str: "string", int: "integer", bool: "boolean"}
        type_ = types_[kind]
        return [Column(name, type_, doc, _scalar(name), references=target, required=required)]
    if typing.get_origin(kind) is Literal:
        choices = tuple(str(arg) for arg in typing.get_args(kind))
        return [Column(name, "string", doc, _scalar(name), choices=choices, required=required)]
    if kind == PartialDate | DateRange:
        return _date_columns(name, doc, required)
    if kind in (Money, Quantity, Money | Quantity):
        return _amount_columns(name, kind, doc)
    if kind is Direction:
        return [
            Column(f"{name}_{part}", "string", f"{doc} ({part})", _part(name, part), references=t)
            for part, t in (("origin", "actors"), ("destination", "actors"))
        ]
    if typing.get_origin(kind) is tuple:
        item = typing.get_args(kind)[0]
        if item is str:
            sentences = name in SENTENCE_LISTS
            joined = "one per line" if sentences else "joined by '; '"
            return [Column(name, "string", f"{doc} ({joined})", _joined(name, sentences))]
        return [Column(name, "array", f"{doc} (JSON text)", _json(name))]
    raise TypeError(f"no column plan for {name}: {hint}")  # pragma: no cover - model types only


def _unwrap(hint: Any) -> tuple[bool, Any]:
    """(whether None is allowed, the type without None)."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        optional = len(args) < len(typing.get_args(hint))
        if set(args) == {PartialDate, DateRange}:
            return optional, PartialDate | DateRange
        if set(args) == {Money, Quantity}:
            return optional, Money | Quantity
        if len(args) == 1:
            return optional, args[0]
    return False, hint


def _date_columns(name: str, doc: str, required: bool) -> list[Column]:
    return [
        Column(name, "string", doc, _edtf(name), pattern=EDTF_PATTERN, required=required),
        Column(f"{name}_start", "date", f"First day {name} may mean.", _day(name, False)),
        Column(f"{name}_end", "date", f"Last day {name} may mean.", _day(name, True)),
        Column(
            f"{name}_precision",
            "string",
            f"Precision of {name}: year, month or day.",
            _precision(name),
            choices=PRECISIONS,
        ),
    ]


def _amount_columns(name: str, kind: Any, doc: str) -> list[Column]:
    from .model import Qualifier

    money = kind in (Money, Money | Quantity)
    quantity = kind in (Quantity, Money | Quantity)
    plan = [Column(f"{name}_amount", "number", f"{doc} The number.", _amount(name))]
    if money:
        code = "ISO 4217 currency code, for money."
        plan.append(Column(f"{name}_currency", "string", code, _part(name, "currency")))
    if quantity:
        unit = "What is counted, for quantities."
        plan.append(Column(f"{name}_unit", "string", unit, _part(name, "unit")))
    qualifiers = tuple(typing.get_args(Qualifier))
    qualifier = "Whether the number is exact, approximate or a bound."
    plan.append(
        Column(f"{name}_qualifier", "string", qualifier, _part(name, "qualifier"), qualifiers)
    )
    return plan


# Readers: small closures, built once per column.


def _scalar(name: str) -> Callable[[Any], Any]:
    def get(record: Any) -> Any:
        value = getattr(record, name)
        return None if value == "" else value

    return get


def _edtf(name: str) -> Callable[[Any], str | None]:
    def get(record: Any) -> str | None:
        value = getattr(record, name)
        return None if value is None else str(value)

    return get


def _day(name: str, end: bool) -> Callable[[Any], _dt.date | None]:
    def get(record: Any) -> _dt.date | None:
        value = getattr(record, name)
        if value is None:
            return None
        day: _dt.date = value.latest if end else value.earliest
        return day

    return get


def _precision(name: str) -> Callable[[Any], str | None]:
    def get(record: Any) -> str | None:
        value = getattr(record, name)
        return None if value is None else str(value.precision)

    return get


def _amount(name: str) -> Callable[[Any], Decimal | None]:
    def get(record: Any) -> Decimal | None:
        value = getattr(record, name)
        if isinstance(value, Money):
            return value.amount
        if isinstance(value, Quantity):
            return value.value
        return None

    return get


def _part(name: str, part: str) -> Callable[[Any], Any]:
    def get(record: Any) -> Any:
        return getattr(getattr(record, name), part, None)

    return get


def _joined(name: str, sentences: bool) -> Callable[[Any], str | None]:
    separator = "\n" if sentences else LIST_SEPARATOR

    def get(record: Any) -> str | None:
        items = getattr(record, name)
        return separator.join(items) if items else None

    return get


def _json(name: str) -> Callable[[Any], str | None]:
    def get(record: Any) -> str | None:
        items = getattr(record, name)
        if not items:
            return None
        from .convert import converter

        conv = converter()
        return json.dumps([conv.unstructure(item) for item in items], ensure_ascii=False)

    return get


def _sources(record: Any) -> str | None:
    from .validation import _walk_citations

    ids = dict.fromkeys(citation.source for _, citation in _walk_citations(record))
    return LIST_SEPARATOR.join(ids) if ids else None
