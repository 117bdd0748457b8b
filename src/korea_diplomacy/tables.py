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

import functools
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Literal

import attrs

from ._plan import EDTF_PATTERN, LIST_SEPARATOR, PRECISIONS, plan, walk
from .errors import MissingExtraError
from .model import Citation, record_classes

if TYPE_CHECKING:
    import pandas

__all__ = ["EDTF_PATTERN", "LIST_SEPARATOR", "Column", "columns", "to_frame", "to_records"]

ColumnType = Literal["string", "integer", "number", "boolean", "date", "array"]


@attrs.frozen
class Column:
    """One column of a table: its name, type, meaning and how to read it from a record.

    ``type`` is a Table Schema type (``string``, ``integer``, ``number``, ``boolean``,
    ``date``; ``array`` is JSON text). ``choices`` lists a controlled vocabulary,
    ``references`` the collection whose ids the column holds (each of its items, for a
    ``many`` column of ids joined by ``"; "``).

    >>> from korea_diplomacy.model import Meeting
    >>> [c.name for c in columns(Meeting) if c.name.startswith("date")]
    ['date', 'date_start', 'date_end', 'date_precision']
    """

    name: str
    type: str
    description: str
    get: Callable[[Any], Any] = attrs.field(repr=False, eq=False)
    choices: tuple[str, ...] | None = None
    pattern: str | None = None
    references: str | None = None
    required: bool = False
    many: bool = False


def to_records(records: Iterable[Any] | str, *, names: bool = False) -> list[dict[str, Any]]:
    """One flat dict per record, in order; ``pandas.DataFrame`` takes the list as it is.

    ``records`` is a collection or its name (``"summits"``), the result of
    ``filter``/``search``, or any iterable of records of one type (also
    :class:`~korea_diplomacy.model.DatedFact`\\ s from :func:`korea_diplomacy.timeline`).
    See the module documentation for how nested values are flattened. With ``names``, each
    column of ids is followed by a column of the names of the records they point to
    (``country`` then ``country_name``).

    >>> import korea_diplomacy as kd
    >>> row = kd.to_records([kd.funds.lookup("AKCF")])[0]
    >>> row["abbreviation"], row["established"], row["beneficiaries"]
    ('AKCF', '1990', 'asean')
    >>> kd.to_records(kd.figures.filter(metric="trade-volume"))[-1]["value_amount"]
    Decimal('176500000000')
    >>> row = kd.to_records(kd.summits.filter(mechanism="CJK"), names=True)[0]
    >>> row["mechanism"], row["mechanism_name"], row["country_name"]
    ('china-japan-korea-trilateral-summit', 'China-Japan-Korea Trilateral Summit', 'Japan')
    """
    records = _records(records)
    items = list(records)
    cls = _record_class(records, items)
    if cls is None:
        return []
    table = _columns(cls, items, names)
    return [{column.name: column.get(record) for column in table} for record in items]


def to_frame(records: Iterable[Any] | str, *, names: bool = False) -> pandas.DataFrame:
    """A pandas DataFrame of the records, one row each, with proper dtypes.

    Columns are those of :func:`to_records` (``names`` adds a name column beside each column
    of ids; ``records`` may be a collection's name); dates' ``_start`` and ``_end`` are
    datetimes (in seconds: years 1 to 9999) and ``_precision`` an ordered category, controlled
    vocabularies (``kind``, ``status``...) are categories with every allowed value, whole
    numbers are nullable integers (``Int64``), amounts are floats and text is pandas'
    ``string`` dtype.

    Needs pandas: ``pip install 'korea-diplomacy[pandas]'``.

    >>> import korea_diplomacy as kd
    >>> df = kd.to_frame(kd.summits)
    >>> df.loc[df.id == "asean-rok-summit-13", ["ordinal", "city"]].values.tolist()
    [[13, 'Ha Noi']]
    >>> str(df["date_start"].dtype).startswith("datetime64"), str(df["status"].dtype)
    (True, 'category')
    """
    try:
        import pandas as pd
    except ImportError:
        raise MissingExtraError("kd.to_frame", "pandas") from None
    records = _records(records)
    items = list(records)
    cls = _record_class(records, items)
    if cls is None:
        return pd.DataFrame()
    table = _columns(cls, items, names)
    rows = [[column.get(record) for column in table] for record in items]
    frame = pd.DataFrame(rows, columns=[column.name for column in table], dtype=object)
    for column in table:
        frame[column.name] = _typed(pd, frame[column.name], column)
    return frame


def _records(records: Iterable[Any] | str) -> Iterable[Any]:
    """A collection named by its name, or the records as they are."""
    if isinstance(records, str):
        from ._loading import load  # the tables module is light; loading is not

        return load().collection(records)
    return records


def _columns(cls: type, items: list[Any], names: bool) -> tuple[Column, ...]:
    """The columns of ``cls``, with a name column after each column of ids if ``names``."""
    table = columns(cls)
    if not names:
        return table
    from .dataset import dataset_of  # as above

    dataset = dataset_of(items[0]) if items else None
    if dataset is None:
        from ._loading import load

        dataset = load()
    name_of = dataset.name_of
    found: list[Column] = []
    for column in table:
        found.append(column)
        if column.references is not None and column.name != "sources":
            found.append(
                Column(
                    f"{column.name}_name",
                    "string",
                    f"The names of the records {column.name} holds the ids of.",
                    _names(column, name_of),
                )
            )
    return tuple(found)


def _names(column: Column, name_of: Callable[[str], str]) -> Callable[[Any], str | None]:
    get = column.get

    def names(record: Any) -> str | None:
        value = get(record)
        if value is None:
            return None
        if column.many:
            return LIST_SEPARATOR.join(name_of(item) for item in value.split(LIST_SEPARATOR))
        return name_of(value)

    return names


def _typed(pd: Any, series: Any, column: Column) -> Any:
    if column.choices is not None:
        ordered = column.choices == PRECISIONS
        return series.astype(pd.CategoricalDtype(list(column.choices), ordered=ordered))
    if column.type == "date":
        # In seconds: pandas' default nanoseconds reach only from 1677 to 2262, and the
        # data's dates run from year 1 to 9999. (numpy reads the days: the same in every
        # pandas the `pandas` extra allows.)
        import numpy

        days = numpy.array(series.tolist(), dtype="datetime64[s]")
        return pd.Series(days, index=series.index, name=series.name)
    if column.type == "integer":
        try:
            return series.astype("Int64")
        except (OverflowError, TypeError, ValueError):
            return series  # built in code, and no 64-bit integer: kept as it is

    if column.type == "number":
        return series.astype("float64")
    if column.type == "boolean":
        return series.astype("boolean")
    return series.astype("string")


def _record_class(records: Iterable[Any], items: list[Any]) -> type | None:
    if not items:
        found: type | None = getattr(records, "record_class", None)
        if isinstance(found, type):
            return found
        name = getattr(records, "name", None)
        return record_classes().get(name) if isinstance(name, str) else None
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
    """The columns a record class becomes, in order (its fields' order, each flattened by its
    shape), with ``sources`` after ``citations``.

    >>> from korea_diplomacy.model import Figure
    >>> [c.name for c in columns(Figure) if c.name.startswith("value")]
    ['value_amount', 'value_currency', 'value_unit', 'value_qualifier']
    """
    if not attrs.has(cls):
        raise TypeError(f"{cls.__name__} is not a record class")
    found: list[Column] = []
    for field in plan(cls).fields:
        found.extend(field.shape.columns(field.name, field.about.doc, field))
        if field.name == "citations":
            found.append(
                Column(
                    "sources",
                    "string",
                    "Ids of every source the record cites, anywhere in it, joined by '; '.",
                    _sources,
                    references="sources",
                    many=True,
                )
            )
    return tuple(found)


def _sources(record: Any) -> str | None:
    ids = dict.fromkeys(item.source for _, item, _, _ in walk(record) if type(item) is Citation)
    return LIST_SEPARATOR.join(ids) if ids else None
