"""Dates at their real precision: a year, a month, a day, or a span between two of them.

The data files write them in the Extended Date/Time Format (EDTF, ISO 8601-2, level 0):
``2017``, ``2017-12``, ``2017-12-18`` and ``2017-12-18/2017-12-22``.

>>> span = parse_edtf("2017-12-18/2017-12-22")
>>> span.earliest, span.latest
(datetime.date(2017, 12, 18), datetime.date(2017, 12, 22))
>>> str(parse_edtf("2017-12")), parse_edtf("2017-12").precision
('2017-12', 'month')
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import TYPE_CHECKING, Literal, TypeAlias

import attrs

from ._frozen import Frozen
from .errors import DateParseError

__all__ = [
    "DateRange",
    "PartialDate",
    "Precision",
    "When",
    "as_day",
    "date_problem",
    "parse_edtf",
    "parse_when",
]

Precision: TypeAlias = Literal["year", "month", "day"]

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# ASCII digits only: \d would also read "２０１９", which is not EDTF.
_EDTF_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


class _Dated(Frozen):
    """Shared ordering and helpers of :class:`PartialDate` and :class:`DateRange`."""

    __slots__ = ()

    if TYPE_CHECKING:  # both subclasses define them

        @property
        def earliest(self) -> _dt.date: ...

        @property
        def latest(self) -> _dt.date: ...

    def sort_key(self) -> tuple[_dt.date, int, int, str]:
        """Order by first day, then wider periods before the ones they contain."""
        return (self.earliest, -self.latest.toordinal(), isinstance(self, DateRange), str(self))

    def contains(self, day: _dt.date) -> bool:
        """Whether ``day`` falls inside this period.

        >>> import datetime
        >>> parse_edtf("2019-11").contains(datetime.date(2019, 11, 27))
        True
        """
        return self.earliest <= day <= self.latest

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, _Dated):
            return NotImplemented
        return self.sort_key() < other.sort_key()

    def __le__(self, other: object) -> bool:
        if not isinstance(other, _Dated):
            return NotImplemented
        return self.sort_key() <= other.sort_key()

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, _Dated):
            return NotImplemented
        return self.sort_key() > other.sort_key()

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, _Dated):
            return NotImplemented
        return self.sort_key() >= other.sort_key()


@attrs.frozen(order=False, repr=False, eq=False)
class PartialDate(_Dated):
    """A single date known to a year, a month or a day.

    >>> PartialDate(2010, 10, 29).human()
    '29 Oct 2010'
    >>> PartialDate(1989, 11).latest
    datetime.date(1989, 11, 30)
    """

    year: int
    month: int | None = None
    day: int | None = None

    def __attrs_post_init__(self) -> None:
        problem = date_problem(self.year, self.month, self.day)
        if problem is not None:
            for part in (self.year, self.month, self.day):
                if part is not None and type(part) is not int:
                    raise TypeError(
                        f"year, month and day must be int, not {type(part).__name__} {part!r:.40}"
                    )
            raise DateParseError(f"{self.year}-{self.month}-{self.day}", problem)

    @property
    def precision(self) -> Precision:
        """``"year"``, ``"month"`` or ``"day"``."""
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    @property
    def earliest(self) -> _dt.date:
        """The first day this date may mean."""
        return _dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> _dt.date:
        """The last day this date may mean."""
        if self.month is None:
            return _dt.date(self.year, 12, 31)
        if self.day is None:
            return _dt.date(self.year, self.month, _month_length(self.year, self.month))
        return _dt.date(self.year, self.month, self.day)

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
            if self.day is not None:
                text += f"-{self.day:02d}"
        return text

    def human(self) -> str:
        """A short reading form: ``2010``, ``Oct 2010`` or ``29 Oct 2010``."""
        if self.month is None:
            return str(self.year)
        month = _MONTHS[self.month - 1]
        if self.day is None:
            return f"{month} {self.year}"
        return f"{self.day} {month} {self.year}"


@attrs.frozen(order=False, repr=False, eq=False)
class DateRange(_Dated):
    """A span from ``start`` to ``end`` inclusive, each a :class:`PartialDate`.

    >>> DateRange(PartialDate(2019, 11, 25), PartialDate(2019, 11, 26)).human()
    '25-26 Nov 2019'
    """

    start: PartialDate
    end: PartialDate

    def __attrs_post_init__(self) -> None:
        for end in (self.start, self.end):
            if type(end) is not PartialDate:
                raise TypeError(f"a span's ends must be PartialDate, not {type(end).__name__}")
        # Ordered when it can begin no later than it ends: "2010/2010-05" and "2010-05/2010"
        # are spans (within 2010), as EDTF reads them; "2010-05-10/2010-05-01" is not.
        if self.end.latest < self.start.earliest:
            raise DateParseError(str(self), "the span ends before it starts")

    @property
    def precision(self) -> Precision:
        """The precision of the start, which the end shares in all bundled data."""
        return self.start.precision

    @property
    def earliest(self) -> _dt.date:
        """The first day of the span."""
        return self.start.earliest

    @property
    def latest(self) -> _dt.date:
        """The last day of the span."""
        return self.end.latest

    def __str__(self) -> str:
        return f"{self.start}/{self.end}"

    def human(self) -> str:
        """A short reading form such as ``18-22 Dec 2017`` or ``2011-2015``."""
        s, e = self.start, self.end
        if s.precision == e.precision == "day" and (s.year, s.month) == (e.year, e.month):
            return f"{s.day}-{e.human()}"
        if s.precision == e.precision == "year":
            return f"{s.year}-{e.year}"
        return f"{s.human()} - {e.human()}"


When: TypeAlias = PartialDate | DateRange


_DAYS_IN_MONTH = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _month_length(year: int, month: int) -> int:
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _DAYS_IN_MONTH[month]


def date_problem(year: object, month: object, day: object) -> str | None:
    """What is wrong with these parts of a date, or None. Called for every date, so kept lean.

    >>> date_problem(2019, 2, 29)
    'day must be 1..28'
    """
    if type(year) is not int:
        return "year, month and day must be whole numbers"
    if not 1 <= year <= 9999:
        return "year must be 1..9999"
    if month is None:
        return "a day needs a month" if day is not None else None
    if type(month) is not int:
        return "year, month and day must be whole numbers"
    if not 1 <= month <= 12:
        return "month must be 1..12"
    if day is None:
        return None
    if type(day) is not int:
        return "year, month and day must be whole numbers"
    last = _month_length(year, month)
    return None if 1 <= day <= last else f"day must be 1..{last}"


def _parse_single(text: str, whole: str) -> PartialDate:
    match = _EDTF_DATE.fullmatch(text)
    if match is None:
        raise DateParseError(
            whole, "expected YYYY, YYYY-MM, YYYY-MM-DD or two of them joined by '/'"
        )
    year, month, day = match.groups()
    parts = (int(year), int(month) if month else None, int(day) if day else None)
    problem = date_problem(*parts)
    if problem is not None:
        raise DateParseError(whole, problem)
    return _checked(*parts)


def _checked(year: int, month: int | None, day: int | None) -> PartialDate:
    """A PartialDate of parts already checked (the constructor would check them again)."""
    date = object.__new__(PartialDate)
    object.__setattr__(date, "year", year)
    object.__setattr__(date, "month", month)
    object.__setattr__(date, "day", day)
    return date


def parse_edtf(text: str) -> When:
    """Read an EDTF level-0 date or interval.

    >>> parse_edtf("2004-11-30")
    PartialDate(year=2004, month=11, day=30)
    >>> parse_edtf("2011/2015").human()
    '2011-2015'
    """
    if not isinstance(text, str):
        raise TypeError(f"an EDTF date must be a str, not {type(text).__name__}")
    if "/" in text:
        start, _, end = text.partition("/")
        return DateRange(_parse_single(start, text), _parse_single(end, text))
    return _parse_single(text, text)


def parse_when(value: object) -> When:
    """Read a date argument: a ``datetime.date``, a year as ``int``, EDTF, ``"today"``, or
    free text, which python-dateutil reads, keeping only the parts it contains. Each call
    returns a new value.

    >>> parse_when("29 Oct 2010")
    PartialDate(year=2010, month=10, day=29)
    >>> parse_when("Nov 2019")
    PartialDate(year=2019, month=11, day=None)
    >>> parse_when(2020)
    PartialDate(year=2020, month=None, day=None)
    """
    if isinstance(value, (PartialDate, DateRange)):
        return value
    if isinstance(value, _dt.datetime):
        return PartialDate(value.year, value.month, value.day)
    if isinstance(value, _dt.date):
        return PartialDate(value.year, value.month, value.day)
    if isinstance(value, bool):
        raise TypeError("a date must be a date, a year (int) or a string, not bool")
    if isinstance(value, int):
        if not 1 <= value <= 9999:
            raise DateParseError(value, "year must be 1..9999")
        return PartialDate(value)
    if not isinstance(value, str):
        raise TypeError(
            f"a date must be a date, a year (int) or a string, not {type(value).__name__}"
        )
    text = value.strip()
    if not text:
        raise DateParseError(value, "the text is empty")
    if text.lower() == "today":
        today = _dt.date.today()
        return PartialDate(today.year, today.month, today.day)
    if len(text) > 100:
        raise DateParseError(value[:40] + "...", "the text is too long to be a date")
    try:
        return parse_edtf(text)
    except DateParseError as edtf_error:
        if _EDTF_DATE.fullmatch(text) or "/" in text:
            raise DateParseError(value, edtf_error.reason) from None
    return _parse_free_text(text, value)


def _parse_free_text(text: str, original: str) -> PartialDate:
    # Imported here so that importing the package never pays for dateutil.
    from dateutil import parser

    # Parse twice with different defaults: a part that changes was not in the text.
    try:
        first = parser.parse(text, default=_dt.datetime(1, 1, 1))
        second = parser.parse(text, default=_dt.datetime(2, 2, 2))
    except (ValueError, OverflowError, TypeError) as error:
        raise DateParseError(original, "not a date python-dateutil can read") from error
    if first.year != second.year:
        raise DateParseError(original, "the text gives no year")
    month = first.month if first.month == second.month else None
    day = first.day if first.day == second.day and month is not None else None
    return PartialDate(first.year, month, day)


def as_day(value: object, *, end: bool = False) -> _dt.date:
    """Turn a date argument into one day: the first of its period, or the last if ``end``.

    >>> as_day("2005")
    datetime.date(2005, 1, 1)
    >>> as_day("2005", end=True)
    datetime.date(2005, 12, 31)
    """
    if type(value) is str:  # as-of questions repeat a few date texts: each is read once
        day = _days.get((value, end))
        if day is None:
            when = parse_when(value)
            day = when.latest if end else when.earliest
            if len(value) <= 100 and value.strip().lower() != "today":  # today changes
                if len(_days) >= 4096:  # bounded: many distinct texts start afresh
                    _days.clear()
                _days[(value, end)] = day
        return day
    if type(value) is _dt.date:
        return value
    when = parse_when(value)
    return when.latest if end else when.earliest


_days: dict[tuple[str, bool], _dt.date] = {}
