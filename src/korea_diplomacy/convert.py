"""Turning JSON-ready dicts into records and back, with cattrs.

Dates travel as EDTF strings and amounts as decimal strings, so the data files stay exact and
readable. Unknown fields are rejected and fields left at their default are omitted, which makes
the written form canonical: one record has exactly one text.

>>> from korea_diplomacy.model import Citation
>>> converter().unstructure(Citation("mofa-asean", "overview"))
{'source': 'mofa-asean', 'section': 'overview'}
"""

from __future__ import annotations

import functools
import json
from decimal import Decimal, InvalidOperation
from typing import Any, Literal, get_args, get_origin

import cattrs

from .dates import DateRange, PartialDate, When, parse_edtf
from .model import Money, Quantity

__all__ = ["canonical_json", "converter", "describe_error"]


def _is_when(type_: Any) -> bool:
    args = set(get_args(type_))
    return args in ({PartialDate, DateRange}, {PartialDate, DateRange, type(None)})


def _structure_when(value: Any, _type: Any) -> When | None:
    if value is None and type(None) in get_args(_type):
        return None
    if not isinstance(value, str):
        raise TypeError(f"a date must be an EDTF string such as '2019-11-25', not {value!r}")
    return parse_edtf(value)


def _structure_decimal(value: Any, _type: Any) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise TypeError(f"an amount must be a decimal string such as '14.42', not {value!r}")
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise ValueError(f"{value!r} is not a decimal number") from None
    if not number.is_finite():
        raise ValueError(f"{value!r} is not a finite number")
    return number


def _exactly(kind: type, what: str) -> Any:
    """A structure hook that takes values of exactly ``kind`` (no bool for int) and no other.

    cattrs would turn 13 into "13" and "13" into 13; data files must say what they mean.
    """

    def hook(value: Any, _type: Any) -> Any:
        if type(value) is not kind:
            raise TypeError(f"expected {what}, not {type(value).__name__} {value!r:.40}")
        return value

    return hook


def _structure_value(value: Any, _type: Any) -> Money | Quantity:
    if isinstance(value, dict) and "currency" in value:
        return converter().structure(value, Money)
    if isinstance(value, dict) and "unit" in value:
        return converter().structure(value, Quantity)
    raise TypeError("a value must be an object with 'amount' and 'currency', or 'value' and 'unit'")


@functools.cache
def converter() -> cattrs.Converter:
    """The shared converter (built on first use; cattrs is imported only then)."""
    conv = cattrs.Converter(omit_if_default=True, forbid_extra_keys=True)
    conv.register_structure_hook_func(_is_when, _structure_when)
    conv.register_unstructure_hook(PartialDate, str)
    conv.register_unstructure_hook(DateRange, str)
    conv.register_structure_hook(str, _exactly(str, "a string"))
    conv.register_structure_hook(int, _exactly(int, "a whole number"))
    conv.register_structure_hook(bool, _exactly(bool, "true or false"))
    conv.register_structure_hook(Decimal, _structure_decimal)
    conv.register_unstructure_hook(Decimal, lambda d: f"{d:f}")
    conv.register_structure_hook(Money | Quantity, _structure_value)
    return conv


def describe_error(error: BaseException) -> list[str]:
    """Flatten a cattrs error into ``field: message`` lines."""
    if isinstance(error, cattrs.BaseValidationError):
        lines = cattrs.transform_error(error, path="$", format_exception=_format_exception)
        return [_tidy(line) for line in lines]
    return [str(error)]


def _format_exception(error: BaseException, type_: Any) -> str:
    from cattrs.v import format_exception

    # Our own hooks say exactly what was wrong; cattrs' generic wording is for the rest.
    if get_origin(type_) is Literal:
        import difflib

        choices = [str(choice) for choice in get_args(type_)]
        given = str(error).split(" not in literal")[0]
        close = difflib.get_close_matches(given, choices, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        return f"{given!r} is not one of: {', '.join(choices)}{hint}"
    if isinstance(error, (TypeError, ValueError)) and not isinstance(error, KeyError):
        text = str(error)
        if text and not text.startswith(("__init__()", "unhashable")):
            return text
    return format_exception(error, type_)


def _tidy(line: str) -> str:
    # cattrs writes "message @ $.path"; we say "path: message", the way our errors read.
    message, sep, path = line.rpartition(" @ ")
    if not sep:
        return line
    path = path.removeprefix("$").lstrip(".") or "(record)"
    return f"{path}: {message}"


def canonical_json(records: list[dict[str, Any]]) -> str:
    """The one text a list of records is stored as: two-space indent, UTF-8, newline at end."""
    return json.dumps(records, indent=2, ensure_ascii=False) + "\n"
