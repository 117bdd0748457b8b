"""The field plan: what every field of every record class is, read once from the classes.

Each field declares its facts once, on its record class: its type, its default and, in the
attrs metadata made by :func:`about`, its description, the collection it refers to, whether
it names the actors the record involves, whether it holds sentences... This module turns each
type into a :class:`Shape` (text, a whole number, a date, a choice, a nested value, a list...)
and each class into a :class:`ClassPlan`. Everything that treats fields reads the plan, never
the annotations: the structurers (the fast route for the bundled files and the cattrs route
for everything else), the type check and walks of validation, the JSON Schema, the flat tables
and the data package, the filters, the notebook display and the docs.

What a shape does with a value is written once, on the shape: how it is read from JSON
(``build``), checked when built in code (``check``), described in the JSON Schema (``schema``),
flattened into table columns (``columns``) and shown to a reader (``show``).

>>> from korea_diplomacy.model import Meeting
>>> plan(Meeting).field("country").ref
('actors',)
>>> plan(Meeting).field("status").shape.describe()
"one of 'held', 'postponed', 'cancelled', 'planned'"
"""

from __future__ import annotations

import datetime as _dt
import decimal
import inspect
import re
import threading
import types
import typing
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any, Literal

import attrs

from .dates import DateRange, PartialDate, date_problem, parse_edtf
from .errors import DateParseError

if typing.TYPE_CHECKING:
    from .tables import Column

__all__ = [
    "KEY",
    "WIDE",
    "About",
    "ClassPlan",
    "FieldPlan",
    "Shape",
    "about",
    "criterion",
    "plain_number",
    "plan",
    "shape_of",
]

KEY = "korea_diplomacy"
"""The key under which a field's :class:`About` sits in its attrs metadata."""

Problems = list[tuple[str, str, str]]
"""(invariant, path, message) triples appended by :meth:`Shape.check`."""


class About:
    """What a field declares about itself, beside its type and default (see :func:`about`)."""

    __slots__ = (
        "after",
        "column",
        "doc",
        "filter",
        "hierarchy",
        "involves",
        "must_cite",
        "ordered",
        "planned",
        "ref",
        "search",
        "sentences",
    )

    def __init__(
        self,
        doc: str,
        ref: str | None = None,
        involves: bool = False,
        hierarchy: bool = False,
        must_cite: bool = False,
        after: tuple[str, ...] = (),
        planned: bool | Callable[[Any], bool] = False,
        sentences: bool = False,
        filter: bool = True,
        column: str | None = None,
        search: Literal["name", "text"] | None = None,
        ordered: bool = False,
    ) -> None:
        self.doc = doc
        self.ref: tuple[str, ...] | None = None if ref is None else tuple(ref.split("|"))
        self.involves = involves
        self.hierarchy = hierarchy
        self.must_cite = must_cite
        self.after = after
        self.planned = planned
        self.sentences = sentences
        self.filter = filter
        self.column = column
        self.search = search
        self.ordered = ordered


def about(doc: str, **facts: Any) -> dict[str, About]:
    """The attrs metadata of a field: its description and what else it declares.

    - ``ref``: the collection its ids point to (``"actors"``; ``"*"`` for any collection);
    - ``involves``: the actors it names (directly or inside its values) are actors the
      record involves;
    - ``hierarchy``: a reference that must never lead back to its own record;
    - ``must_cite``: a list of citations that may not be empty;
    - ``after``: date fields of the same value this date may not come before;
    - ``planned``: a date that may lie after its sources (a plan); a function of the value
      holding the field when only some of them are;
    - ``sentences``: a list of sentences (joined by a newline in tables);
    - ``filter``: whether :meth:`Collection.filter` takes it as a criterion (default yes,
      for fields of text, numbers, choices and ids);
    - ``column``: the name its column takes when its value is flattened into a parent's;
    - ``search``: ``"name"`` or ``"text"``: searched by :func:`korea_diplomacy.search` as a
      name (ranked first) or as running text;
    - ``ordered``: a list whose items begin in date order, no two on the same first day.

    >>> about("The host city.", search="name")["korea_diplomacy"].doc
    'The host city.'
    """
    return {KEY: About(doc, **facts)}


_CRITERION = "_korea_diplomacy_criterion"


def criterion(method: Callable[[Any], Any]) -> property:
    """A read-only property that :meth:`Collection.filter` also takes as a criterion, such as
    a partnership's ``level`` today (its latest stage's). Its values are checked like a
    field's, from its return annotation; its docstring describes it.

    >>> from korea_diplomacy.model import Partnership
    >>> [f.name for f in plan(Partnership).derived]
    ['level']
    """
    setattr(method, _CRITERION, True)
    return property(method)


# --------------------------------------------------------------------------- shapes


class Shape:
    """How one kind of value is read, checked, described, flattened and shown."""

    __slots__ = ()

    optional = False

    def build(self, value: Any, _type: Any = None) -> Any:
        """The value read from its JSON form; raises TypeError or ValueError (the message
        says what is wrong) when it cannot be."""
        raise NotImplementedError  # pragma: no cover - every shape defines it

    def check(self, value: Any, path: str, out: Problems) -> None:
        """Append what is wrong with a value built in code (empty when it is right)."""
        raise NotImplementedError  # pragma: no cover - every shape defines it

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        """The JSON Schema of the value's JSON form (nested classes go into ``defs``)."""
        raise NotImplementedError  # pragma: no cover - every shape defines it

    def describe(self) -> str:
        """A short phrase for the docs: ``text``, ``a date (EDTF)``..."""
        raise NotImplementedError  # pragma: no cover - every shape defines it

    def show(self, value: Any, name_of: Callable[[str], str] | None = None) -> str:
        """The value as a reader sees it; ``name_of`` turns ids into names."""
        return str(value)

    def columns(self, name: str, doc: str, field: FieldPlan | None) -> list[Column]:
        """The flat table columns the value becomes (see :mod:`korea_diplomacy.tables`)."""
        raise NotImplementedError  # pragma: no cover - every shape defines it

    def table_type(self) -> str:
        """Its Table Schema type when a collection is exported as JSON."""
        return "string"

    def holds(self) -> tuple[type, ...]:
        """The attrs classes a value of this shape may contain (for walks)."""
        return ()

    def dated(self) -> bool:
        """Whether a value of this shape may hold dates (for walks)."""
        return False

    def inner(self) -> Shape:
        """The shape of one item (for lists and optional values), else itself."""
        return self


def _describe_value(value: object) -> str:
    text = repr(value)
    if len(text) > 43:
        text = text[:40] + "..."
    return f"{type(value).__name__} {text}"


# Characters no text of the data may hold: control characters, invisible format characters
# (zero-width spaces and joiners, the byte order mark, word joiners), direction overrides and
# isolates, and lone surrogates (valid in JSON, unwritable as UTF-8).
_INVISIBLE = (
    r"\x00-\x1f\x7f-\x9f\u00ad\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f"
    r"\ufeff\ufff9-\ufffb\ud800-\udfff"
)
_BAD_TEXT = re.compile(f"[{_INVISIBLE}]")
# A pattern's `$` also matches before a final newline in Python's `re` (which Python's JSON
# Schema validators use), but not in JSON Schema's own dialect: `(?!.*\n)` says "no newline"
# in both, so each pattern below means the same to every validator.
_NO_NEWLINE = r"(?!.*\n)"

TEXT_PATTERN = f"^{_NO_NEWLINE}[^{_INVISIBLE}]*$"
"""The characters a text may hold, as a JSON Schema pattern."""

MAX_TEXT = 20_000
"""The longest text a field may hold (a long note is about 1,000 characters)."""


class Text(Shape):
    """A string: no control or invisible characters, not empty unless ``empty_ok``."""

    __slots__ = ("empty_ok",)

    def __init__(self, empty_ok: bool = False) -> None:
        self.empty_ok = empty_ok

    def problem(self, value: Any) -> str | None:
        if type(value) is not str:
            return f"expected a string, not {_describe_value(value)}"
        if not value:
            return None if self.empty_ok else "must not be empty"
        if len(value) > MAX_TEXT:
            return f"{len(value)} characters, more than the {MAX_TEXT} allowed"
        bad = _BAD_TEXT.search(value)
        if bad is not None:
            return (
                f"holds the invisible or control character U+{ord(bad.group()):04X} at "
                f"position {bad.start()}"
            )
        return None

    def build(self, value: Any, _type: Any = None) -> Any:
        # Most text is printable (which rules out every character refused here, and a few
        # more, such as a no-break space, that the slower check lets through).
        fits = type(value) is str and value and len(value) <= MAX_TEXT
        if fits and (value.isprintable() or not _BAD_TEXT.search(value)):
            return value
        problem = self.problem(value)
        if problem is None:
            return value
        raise (TypeError if type(value) is not str else ValueError)(problem)

    def check(self, value: Any, path: str, out: Problems) -> None:
        problem = self.problem(value)
        if problem is not None:
            out.append(("field-type", path, problem))

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "string", "pattern": TEXT_PATTERN}
        if not self.empty_ok:
            schema["minLength"] = 1
        schema["maxLength"] = MAX_TEXT
        return schema

    def describe(self) -> str:
        return "text"

    def columns(self, name: str, doc: str, field: FieldPlan | None) -> list[Column]:
        target = field.ref[0] if field is not None and field.ref and len(field.ref) == 1 else None
        if target == "*":
            target = None
        required = field is not None and field.required and not self.optional
        return [_column(name, "string", doc, _scalar(name), references=target, required=required)]


class Whole(Shape):
    """A whole number (never a bool), within the range JSON tools read exactly.

    JSON does not tell ``13`` from ``13.0``; both are read as the whole number 13.
    """

    __slots__ = ()

    LIMIT = 2**53 - 1

    def problem(self, value: Any) -> str | None:
        if type(value) is not int:
            return f"expected a whole number, not {_describe_value(value)}"
        if not -self.LIMIT <= value <= self.LIMIT:
            return f"{value} is out of range (at most {self.LIMIT} either way)"
        return None

    def build(self, value: Any, _type: Any = None) -> Any:
        if type(value) is float and value.is_integer() and abs(value) <= self.LIMIT:
            value = int(value)
        if type(value) is int and -self.LIMIT <= value <= self.LIMIT:
            return value
        problem = self.problem(value)
        raise (TypeError if type(value) is not int else ValueError)(problem)

    def check(self, value: Any, path: str, out: Problems) -> None:
        problem = self.problem(value)
        if problem is not None:
            out.append(("field-type", path, problem))

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"type": "integer", "minimum": -self.LIMIT, "maximum": self.LIMIT}

    def describe(self) -> str:
        return "a whole number"

    def columns(self, name: str, doc: str, field: FieldPlan | None) -> list[Column]:
        return [_column(name, "integer", doc, _scalar(name))]

    def table_type(self) -> str:
        return "integer"


class Flag(Shape):
    """true or false."""

    __slots__ = ()

    def build(self, value: Any, _type: Any = None) -> Any:
        if type(value) is bool:
            return value
        raise TypeError(f"expected true or false, not {_describe_value(value)}")

    def check(self, value: Any, path: str, out: Problems) -> None:
        if type(value) is not bool:
            out.append(
                ("field-type", path, f"expected true or false, not {_describe_value(value)}")
            )

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"type": "boolean"}

    def describe(self) -> str:
        return "true or false"

    def columns(self, name: str, doc: str, field: FieldPlan | None) -> list[Column]:
        return [_column(name, "boolean", doc, _scalar(name))]

    def table_type(self) -> str:
        return "boolean"


WIDE = decimal.Context(prec=60, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN)
"""A decimal context wide enough for any exponent a Decimal may have: showing a number built
in code never overflows (the default context raises past 1E+999999)."""


def plain_number(value: Decimal) -> str:
    """A decimal as a reader reads it (``14.50``, not ``1.450E+1``), never an error and never
    endless: not-a-number and infinities as such (in values built in code: the data refuses
    them), and a number far beyond any amount in E notation, to 60 digits.

    >>> plain_number(Decimal("14.50")), plain_number(Decimal("-0")), plain_number(Decimal("NaN"))
    ('14.50', '-0', 'NaN')
    >>> plain_number(Decimal("1E+99999999")), plain_number(Decimal(2) ** 300)[:12]
    ('1E+99999999', '2.0370359763')
    """
    if not value.is_finite():
        return str(value)
    value = WIDE.create_decimal(value)
    if value.adjusted() < 40 and value.as_tuple().exponent > -40:  # type: ignore[operator]
        return f"{value:f}"
    return f"{value:E}"


AMOUNT_PATTERN = r"^(?!.*\n)-?(0|[1-9][0-9]{0,29})(\.[0-9]{1,20})?$"
"""How amounts are written: a decimal string, no exponent, no leading zeros, no spaces."""
_AMOUNT = re.compile(AMOUNT_PATTERN)


class Amount(Shape):
    """A decimal number written as a string, read and written back exactly as it stands."""

    __slots__ = ()

    def build(self, value: Any, _type: Any = None) -> Any:
        if type(value) is not str:
            raise TypeError(
                f"an amount must be a decimal string such as '14.42', not {_describe_value(value)}"
            )
        if not _AMOUNT.match(value):
            raise ValueError(
                f"{value[:40]!r} is not a decimal written like '14', '-3' or '14.42' (no "
                "exponent, spaces, signs other than '-', separators or leading zeros)"
            )
        return Decimal(value)

    def check(self, value: Any, path: str, out: Problems) -> None:
        if type(value) is not Decimal or not value.is_finite():
            out.append(
                ("field-type", path, f"expected a finite Decimal, not {_describe_value(value)}")
            )
        # (Its size is checked before it is written out: 1E+999999999 has a billion digits.)
        elif not (
            value.adjusted() < 30
            and value.as_tuple().exponent >= -20  # type: ignore[operator]
            and _AMOUNT.match(f"{value:f}")
        ):
            message = f"{plain_number(value)[:60]} has more digits than an amount may have"
            out.append(("field-type", path, message))

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        defs.setdefault(
            "Decimal",
            {
                "description": "A decimal number written as a string, so that it stays exact.",
                "type": "string",
                "pattern": AMOUNT_PATTERN,
            },
        )
        return {"$ref": "#/$defs/Decimal"}

    def describe(self) -> str:
        return "a decimal number, written as a string"

    def show(self, value: Any, name_of: Callable[[str], str] | None = None) -> str:
        return plain_number(value) if type(value) is Decimal else str(value)

    def columns(self, name: str, doc: str, field: FieldPlan | None) -> list[Column]:
        return [_column(name, "number", doc, _scalar(name))]

    def table_type(self) -> str:
        return "number"


def _edtf_pattern() -> str:
    month31 = "(0[13578]|1[02])-(0[1-9]|[12][0-9]|3[01])"
    month30 = "(0[469]|11)-(0[1-9]|[12][0-9]|30)"
    february = "02-(0[1-9]|1[0-9]|2[0-8])"
    leap = "([0-9]{2}(0[48]|[2468][048]|[13579][26])|([02468][048]|[13579][26])00)-02-29"
    year = "(0[0-9]{2}[1-9]|0[0-9]{1}[1-9]0|0[1-9]00|[1-9][0-9]{3})"
    single = f"({leap}|{year}(-((0[1-9]|1[0-2])|{month31}|{month30}|{february}))?)"
    return f"^{_NO_NEWLINE}{single}(/{single})?$"


EDTF_PATTERN = _edtf_pattern()
"""The dates the data holds, exactly: EDTF level 0 (``2019``, ``2019-11``, ``2019-11-25``, or
two of them joined by ``/``), real days only (29 February in leap years), years 1 to 9999."""

_dates: dict[str, PartialDate | DateRange] = {}


class Date(Shape):
    """A date at its real precision: an EDTF string in JSON, a PartialDate or DateRange."""

    __slots__ = ()

    def build(self, value: Any, _type: Any = None) -> Any:
        when = _dates.get(value) if type(value) is str else None
        if when is not None:
            return when
        if type(value) is not str:
            raise TypeError(
                f"a date must be an EDTF string such as '2019-11-25', not {_describe_value(value)}"
            )
        when = parse_edtf(value)
        if len(_dates) >= 4096:  # repeated dates are common; a bounded memo, never a leak
            _dates.clear()
        _dates[value] = when
        return when

    def check(self, value: Any, path: str, out: Problems) -> None:
        if type(value) is PartialDate:
            problem = date_problem(value.year, value.month, value.day)
            if problem is not None:
                parts = f"{value.year!r}-{value.month!r}-{value.day!r}"
                out.append(("date-format", path, f"{parts[:60]}: {problem}"))
        elif type(value) is DateRange:
            before = len(out)
            for end in ("start", "end"):
                part = getattr(value, end)
                if type(part) is not PartialDate:
                    message = f"a span's {end} must be a PartialDate, not {_describe_value(part)}"
                    out.append(("field-type", f"{path}.{end}", message))
                else:
                    self.check(part, f"{path}.{end}", out)
            if len(out) == before and value.end.latest < value.start.earliest:
                out.append(("span-order", path, f"{value} ends before it starts"))
        else:
            message = f"expected a date (PartialDate or DateRange), not {_describe_value(value)}"
            out.append(("field-type", path, message))

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        defs.setdefault(
            "When",
            {
                "description": "A date at its real precision, in EDTF level 0: a year (2019), "
                "a month (2019-11), a day (2019-11-25), or two of them joined by '/' for a "
                "span, which may not end before it begins.",
                "type": "string",
                "pattern": EDTF_PATTERN,
            },
        )
        return {"$ref": "#/$defs/When"}

    def describe(self) -> str:
        return "a date (EDTF: a year, month, day or span)"

    def show(self, value: Any, name_of: Callable[[str], str] | None = None) -> str:
        return str(value.human())

    def columns(self, name: str, doc: str, field: FieldPlan | None) -> list[Column]:
        required = field is not None and field.required and not self.optional
        return [
            _column(name, "string", doc, _edtf(name), pattern=EDTF_PATTERN, required=required),
            _column(f"{name}_start", "date", f"First day {name} may mean.", _day(name, False)),
            _column(f"{name}_end", "date", f"Last day {name} may mean.", _day(name, True)),
            _column(
                f"{name}_precision",
                "string",
                f"Precision of {name}: year, month or day.",
                _precision(name),
                choices=PRECISIONS,
            ),
        ]

    def dated(self) -> bool:
        return True


PRECISIONS = ("year", "month", "day")


class Choice(Shape):
    """One word of a controlled vocabulary."""

    __slots__ = ("values",)

    def __init__(self, values: tuple[str, ...]) -> None:
        self.values = values

    def problem(self, value: Any) -> str:
        import difflib  # only a refused value needs it

        choices = ", ".join(map(repr, self.values))
        close = difflib.get_close_matches(str(value)[:100], self.values, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        return f"{str(value)[:60]!r} is not one of {choices}{hint}"

    def build(self, value: Any, _type: Any = None) -> Any:
        if type(value) is str and value in self.values:
            return value
        if type(value) is not str:
            raise TypeError(
                f"expected one of {', '.join(map(repr, self.values))}, not {_describe_value(value)}"
            )
        raise ValueError(self.problem(value))

    def check(self, value: Any, path: str, out: Problems) -> None:
        if type(value) is not str or value not in self.values:
            out.append(("field-type", path, self.problem(value)))

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"enum": list(self.values)}

    def describe(self) -> str:
        return "one of " + ", ".join(map(repr, self.values))

    def columns(self, name: str, doc: str, field: FieldPlan | None) -> list[Column]:
        required = field is not None and field.required and not self.optional
        return [_column(name, "string", doc, _scalar(name), choices=self.values, required=required)]


class Nested(Shape):
    """A value of another attrs class, written as a JSON object."""

    __slots__ = ("cls",)

    def __init__(self, cls: type) -> None:
        self.cls = cls

    def build(self, value: Any, _type: Any = None) -> Any:
        return plan(self.cls).build(value)

    def check(self, value: Any, path: str, out: Problems) -> None:
        if not isinstance(value, self.cls):
            message = f"expected {self.cls.__name__}, not {_describe_value(value)}"
            out.append(("field-type", path, message))
            return
        for field in plan(type(value)).fields:
            field.shape.check(
                getattr(value, field.name), f"{path}.{field.name}" if path else field.name, out
            )

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        name = self.cls.__name__
        if name not in defs:
            defs[name] = {}  # a placeholder while the class is described: classes nest
            defs[name] = plan(self.cls).schema(defs)
        return {"$ref": f"#/$defs/{name}"}

    def describe(self) -> str:
        return f"`{self.cls.__name__}`"

    def show(self, value: Any, name_of: Callable[[str], str] | None = None) -> str:
        return plan(type(value)).summary(value, name_of)

    def columns(self, name: str, doc: str, field: FieldPlan | None) -> list[Column]:
        return _flattened(name, doc, (self.cls,))

    def table_type(self) -> str:
        return "object"

    def holds(self) -> tuple[type, ...]:
        return (self.cls,)

    def dated(self) -> bool:
        return plan(self.cls).dated


class OneOf(Shape):
    """A value of one of several attrs classes, told apart by the fields it has."""

    __slots__ = ("classes",)

    def __init__(self, classes: tuple[type, ...]) -> None:
        self.classes = classes

    def pick(self, value: Any) -> type:
        if type(value) is not dict:
            raise TypeError(f"expected an object ({self.describe()}), not {_describe_value(value)}")
        for cls in self.classes:
            fields = plan(cls)
            if fields.required <= value.keys() <= fields.names:
                return cls
        raise ValueError(f"expected {self.describe()}, given keys {sorted(value)[:10]}")

    def build(self, value: Any, _type: Any = None) -> Any:
        return plan(self.pick(value)).build(value)

    def check(self, value: Any, path: str, out: Problems) -> None:
        if type(value) not in self.classes:
            out.append(
                ("field-type", path, f"expected {self.describe()}, not {_describe_value(value)}")
            )
            return
        Nested(type(value)).check(value, path, out)

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"oneOf": [Nested(cls).schema(defs) for cls in self.classes]}

    def describe(self) -> str:
        return " or ".join(f"`{cls.__name__}`" for cls in self.classes)

    def show(self, value: Any, name_of: Callable[[str], str] | None = None) -> str:
        return plan(type(value)).summary(value, name_of)

    def columns(self, name: str, doc: str, field: FieldPlan | None) -> list[Column]:
        return _flattened(name, doc, self.classes)

    def table_type(self) -> str:
        return "object"

    def holds(self) -> tuple[type, ...]:
        return self.classes

    def dated(self) -> bool:
        return any(plan(cls).dated for cls in self.classes)


class _Holding(Shape):
    """A shape around another (an optional value, a list): what it holds is the other's."""

    __slots__ = ("of",)

    def __init__(self, of: Shape) -> None:
        self.of = of

    def holds(self) -> tuple[type, ...]:
        return self.of.holds()

    def dated(self) -> bool:
        return self.of.dated()

    def inner(self) -> Shape:
        return self.of


class Maybe(_Holding):
    """A value or None (null in JSON)."""

    __slots__ = ()

    optional = True

    def build(self, value: Any, _type: Any = None) -> Any:
        return None if value is None else self.of.build(value)

    def check(self, value: Any, path: str, out: Problems) -> None:
        if value is not None:
            self.of.check(value, path, out)

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        inner = self.of.schema(defs)
        if set(inner) == {"enum"}:
            return {"enum": [*inner["enum"], None]}
        return {"anyOf": [inner, {"type": "null"}]}

    def describe(self) -> str:
        return f"{self.of.describe()}, or null"

    def show(self, value: Any, name_of: Callable[[str], str] | None = None) -> str:
        return "" if value is None else self.of.show(value, name_of)

    def columns(self, name: str, doc: str, field: FieldPlan | None) -> list[Column]:
        return self.of.columns(name, doc, field)

    def table_type(self) -> str:
        return self.of.table_type()


class Many(_Holding):
    """A list in JSON, a tuple in Python."""

    __slots__ = ()

    def build(self, value: Any, _type: Any = None) -> Any:
        if type(value) is not list:
            raise TypeError(f"expected a list, not {_describe_value(value)}")
        build = self.of.build
        try:
            return tuple([build(item) for item in value])
        except (TypeError, ValueError, DateParseError) as error:
            # Say which item: build them one by one (only on failure).
            for index, item in enumerate(value):
                try:
                    build(item)
                except (TypeError, ValueError, DateParseError) as failed:
                    raise ItemError(index, failed) from None
            raise error  # pragma: no cover - the loop above re-raises

    def check(self, value: Any, path: str, out: Problems) -> None:
        if type(value) is not tuple:
            out.append(("field-type", path, f"expected a tuple, not {_describe_value(value)}"))
            return
        for index, item in enumerate(value):
            self.of.check(item, f"{path}[{index}]", out)

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"type": "array", "items": self.of.schema(defs)}

    def describe(self) -> str:
        return f"a list of {self.of.describe()}"

    def show(self, value: Any, name_of: Callable[[str], str] | None = None) -> str:
        return "; ".join(self.of.show(item, name_of) for item in value)

    def columns(self, name: str, doc: str, field: FieldPlan | None) -> list[Column]:
        if isinstance(self.of, (Text, Choice)):
            sentences = field is not None and field.about.sentences
            joined = "one per line" if sentences else "joined by '; '"
            target = (
                field.ref[0] if field is not None and field.ref and len(field.ref) == 1 else None
            )
            return [
                _column(
                    name,
                    "string",
                    f"{doc} ({joined})",
                    _joined(name, sentences),
                    references=None if target == "*" else target,
                    many=True,
                )
            ]
        return [_column(name, "array", f"{doc} (JSON text)", _json(name))]

    def table_type(self) -> str:
        return "array"


class ItemError(ValueError):
    """An item of a list could not be read: ``index`` says which, ``error`` why."""

    def __init__(self, index: int, error: BaseException) -> None:
        self.index = index
        self.error = error
        super().__init__(f"[{index}]: {error}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.index, self.error))  # every error pickles


def shape_of(tp: Any, default: Any = attrs.NOTHING) -> Shape:
    """The shape of a field's type (the only place the typing annotations are read).

    >>> shape_of(tuple[str, ...]).describe()
    'a list of text'
    """
    if tp is str:
        return Text(empty_ok=default == "")
    if tp is int:
        return Whole()
    if tp is bool:
        return Flag()
    if tp is Decimal:
        return Amount()
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is Literal:
        return Choice(tuple(args))
    if origin is tuple:
        return Many(shape_of(args[0]))
    if origin in (typing.Union, types.UnionType):
        options = tuple(arg for arg in args if arg is not types.NoneType)
        if set(options) == {PartialDate, DateRange}:
            inner: Shape = Date()
        elif len(options) == 1:
            inner = shape_of(options[0])
        elif all(attrs.has(option) for option in options):
            inner = OneOf(options)
        else:  # pragma: no cover - the model has no other unions
            raise TypeError(f"no shape for {tp!r}")
        return Maybe(inner) if len(options) < len(args) else inner
    if attrs.has(tp):
        return Nested(tp)
    raise TypeError(f"no shape for {tp!r}")  # pragma: no cover - the model has no other type


# --------------------------------------------------------------------------- fields and classes


class FieldPlan:
    """One field of a class: its name, shape, default and what it declares."""

    __slots__ = ("about", "default", "name", "ref", "required", "shape")

    def __init__(self, field: attrs.Attribute[Any], hint: Any) -> None:
        self.name = field.name
        self.default = field.default
        self.required = field.default is attrs.NOTHING
        self.shape = shape_of(hint, field.default)
        self.about: About = field.metadata.get(KEY) or About("")
        self.ref = self.about.ref

    @classmethod
    def derived(cls, name: str, method: Callable[[Any], Any]) -> FieldPlan:
        """The plan of a :func:`criterion` property: a field in all but storage."""
        self = cls.__new__(cls)
        self.name = name
        self.default = None
        self.required = False
        self.shape = shape_of(typing.get_type_hints(method)["return"], None)
        doc = (inspect.getdoc(method) or "").split("\n\n")[0].replace("\n", " ")
        self.about = About(doc)
        self.ref = None
        return self

    def __repr__(self) -> str:
        return f"<FieldPlan {self.name}: {self.shape.describe()}>"

    @property
    def criterion(self) -> bool:
        """Whether :meth:`Collection.filter` takes this field as a criterion."""
        if not self.about.filter or self.about.sentences:
            return False
        inner = self.shape.inner()
        return isinstance(inner, (Text, Whole, Flag, Choice)) and not (
            isinstance(inner, Text) and inner.empty_ok  # running text: descriptions, notes
        )


class ClassPlan:
    """Every field of one attrs class, in order, and what follows from them."""

    def __init__(self, cls: type) -> None:
        self.cls = cls
        hints = _hints(cls)
        self.fields = tuple(FieldPlan(f, hints[f.name]) for f in attrs.fields(cls))
        self.by_name = {field.name: field for field in self.fields}
        self.names = frozenset(self.by_name)
        self.required = frozenset(field.name for field in self.fields if field.required)
        self.derived = tuple(
            FieldPlan.derived(name, value.fget)
            for klass in reversed(cls.__mro__)
            for name, value in vars(klass).items()
            if isinstance(value, property)
            and value.fget is not None
            and getattr(value.fget, _CRITERION, False)
        )
        self._walked: tuple[FieldPlan, ...] | None = None
        self._dated: bool | None = None

    def __repr__(self) -> str:
        return f"<ClassPlan {self.cls.__name__}: {len(self.fields)} fields>"

    def field(self, name: str) -> FieldPlan:
        return self.by_name[name]

    @property
    def summary_line(self) -> str:
        """The first paragraph of the class docstring, on one line."""
        return (inspect.getdoc(self.cls) or "").split("\n\n")[0].replace("\n", " ")

    # -- reading -----------------------------------------------------------------------------

    def build(self, value: Any, _type: Any = None) -> Any:
        """The record read from its JSON object by the fast route (raises on any problem)."""
        if type(value) is not dict:
            raise TypeError(f"expected a JSON object, not {_describe_value(value)}")
        keys = value.keys()
        if not keys <= self.names or not self.required <= keys:
            raise ValueError("unknown or missing fields")
        by_name = self.by_name
        return self.cls(**{key: by_name[key].shape.build(item) for key, item in value.items()})

    # -- walking -----------------------------------------------------------------------------

    @property
    def walked(self) -> tuple[FieldPlan, ...]:
        """The fields that may hold nested values or dates: the ones a walk must enter."""
        if self._walked is None:
            self._walked = tuple(
                field for field in self.fields if field.shape.holds() or field.shape.dated()
            )
        return self._walked

    @property
    def dated(self) -> bool:
        """Whether a value of this class may hold a date anywhere inside."""
        found = self._dated
        if found is None:
            # A class that holds itself is not dated through itself. The classes being
            # worked out are this thread's own: another thread asking meanwhile must not
            # read a provisional answer.
            busy: set[type] = vars(_working).setdefault("dated", set())
            if self.cls in busy:
                return False
            busy.add(self.cls)
            try:
                found = any(field.shape.dated() for field in self.fields)
            finally:
                busy.discard(self.cls)
            self._dated = found
        return found

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        properties: dict[str, Any] = {}
        for field in self.fields:
            schema = field.shape.schema(defs)
            properties[field.name] = (
                {"description": field.about.doc, **schema} if field.about.doc else schema
            )
        return {
            "description": self.summary_line,
            "type": "object",
            "properties": properties,
            "required": [field.name for field in self.fields if field.required],
            "additionalProperties": False,
        }

    def summary(self, value: Any, name_of: Callable[[str], str] | None = None) -> str:
        """A one-line reading of a nested value: its first date, then its other short fields
        (``29 Oct 2010: Strategic Partnership, strategic``)."""
        parts = []
        when = ""
        for field in self.fields:
            item = getattr(value, field.name)
            if item is None or item == () or item == "" or field.about.sentences:
                continue
            inner = field.shape.inner()
            if isinstance(inner, (Nested, OneOf)) and field.name in ("citations", "citation"):
                continue
            if isinstance(inner, (Nested, OneOf)) and isinstance(field.shape, Many):
                continue  # conflicts, inferences...: too much for one line
            if field.ref is not None and name_of is not None and isinstance(inner, Text):
                if isinstance(item, tuple):
                    parts.append(", ".join(name_of(i) for i in item))
                else:
                    parts.append(name_of(item))
                continue
            if isinstance(inner, Date) and not when:
                when = field.shape.show(item, name_of)
                continue
            parts.append(field.shape.show(item, name_of))
        text = ", ".join(part for part in parts if part)
        return f"{when}: {text}" if when and text else when or text


_plans: dict[type, ClassPlan] = {}
_working = threading.local()  # what each thread is working out (see ClassPlan.dated)


def plan(cls: type) -> ClassPlan:
    """The plan of an attrs class, made on first use and kept (one per class).

    >>> from korea_diplomacy.model import Stage
    >>> [f.name for f in plan(Stage).fields][:3]
    ['name', 'start', 'citations']
    """
    found = _plans.get(cls)
    if found is None:
        found = _plans.setdefault(cls, ClassPlan(cls))
    return found


def _hints(cls: type) -> dict[str, Any]:
    """The real types of the fields: annotations made real only where they are text."""
    fields = attrs.fields(cls)
    if not any(isinstance(field.type, str) for field in fields):
        return {field.name: field.type for field in fields}
    return typing.get_type_hints(cls)


def walk(value: Any, path: str = "") -> Iterator[tuple[str, Any, Any, FieldPlan]]:
    """Every attrs value, date and citation inside ``value``, with its path, holder and field.

    Yields ``(path, item, holder, field)``; dates and citations are not entered further.
    """
    for field in plan(type(value)).walked:
        child = getattr(value, field.name)
        if child is None:
            continue
        where = f"{path}.{field.name}" if path else field.name
        if type(child) is tuple:
            for index, item in enumerate(child):
                yield from _visit(item, f"{where}[{index}]", value, field)
        else:
            yield from _visit(child, where, value, field)


def _visit(
    item: Any, path: str, holder: Any, field: FieldPlan
) -> Iterator[tuple[str, Any, Any, FieldPlan]]:
    yield path, item, holder, field
    kind = type(item)
    dated = kind is PartialDate or kind is DateRange
    if not dated and attrs.has(kind) and plan(kind).walked:
        yield from walk(item, path)


def references(value: Any, path: str = "") -> Iterator[tuple[str, FieldPlan, str]]:
    """Every id ``value`` refers to, with its path and field (nested values included)."""
    for field in plan(type(value)).fields:
        item = getattr(value, field.name)
        if item is None or item == ():
            continue
        where = f"{path}.{field.name}" if path else field.name
        if field.ref is not None:
            if type(item) is tuple:
                for index, target in enumerate(item):
                    yield f"{where}[{index}]", field, target
            else:
                yield where, field, item
        elif field.shape.holds():
            items = item if type(item) is tuple else (item,)
            for index, nested in enumerate(items):
                sub = f"{where}[{index}]" if type(item) is tuple else where
                if attrs.has(type(nested)):
                    yield from references(nested, sub)


def involved(record: Any) -> frozenset[str]:
    """Ids of the actors a record names directly (the fields declared ``involves``)."""
    found: set[str] = set(getattr(type(record), "implied_actors", ()))
    if getattr(type(record), "involves_itself", False) and isinstance(record.id, str):
        found.add(record.id)
    for field in plan(type(record)).fields:
        if not field.about.involves:
            continue
        item = getattr(record, field.name)
        if field.ref is not None:
            found.update(item if type(item) is tuple else (item,))
        else:  # inside nested values: their references to actors
            items = item if type(item) is tuple else (item,)
            for nested in items:
                if nested is not None and attrs.has(type(nested)):
                    found.update(t for _, f, t in references(nested) if f.ref == ("actors",))
    found.discard(None)  # type: ignore[arg-type, unused-ignore]
    return frozenset(found)


def _flattened(name: str, doc: str, classes: tuple[type, ...]) -> list[Column]:
    """The columns of a nested value: ``<name>_<part>`` for each field of its classes, where
    the part is the field's own ``column`` name or its name; the classes' columns are merged
    keeping each class's order (money's ``amount, currency, qualifier`` and a quantity's
    ``amount, unit, qualifier`` give ``amount, currency, unit, qualifier``)."""
    merged: dict[str, Column] = {}
    order: list[str] = []
    for cls in classes:
        parts = [(field.about.column or field.name, field) for field in plan(cls).fields]
        for position, (part, field) in enumerate(parts):
            if part in merged:
                continue
            later = [p for p, _ in parts[position + 1 :] if p in merged]
            at = order.index(later[0]) if later else len(order)
            order.insert(at, part)
            sources = [
                f.name
                for c in classes
                for f in plan(c).fields
                if (f.about.column or f.name) == part
            ]
            inner = field.shape.inner()
            target = field.ref[0] if field.ref and field.ref != ("*",) else None
            merged[part] = _column(
                f"{name}_{part}",
                inner.table_type() if isinstance(inner, (Whole, Flag, Amount)) else "string",
                f"{doc} {field.about.doc}",
                _part(name, *dict.fromkeys(sources)),
                choices=inner.values if isinstance(inner, Choice) else None,
                references=target,
            )
    return [merged[part] for part in order]


def _column(*args: Any, **kwargs: Any) -> Column:
    # The tables module uses this one; it is imported only when tables are made.
    from .tables import Column

    return Column(*args, **kwargs)


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


def _part(name: str, *parts: str) -> Callable[[Any], Any]:
    def get(record: Any) -> Any:
        value = getattr(record, name)
        if value is None:
            return None
        for part in parts:
            if hasattr(value, part):
                return getattr(value, part)
        return None

    return get


LIST_SEPARATOR = "; "
"""What joins the items of a list of ids, names or short phrases in one cell."""


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
        import json

        from ._convert import unstructure  # cattrs: only when a table holds nested values

        return json.dumps([unstructure(item) for item in items], ensure_ascii=False)

    return get
