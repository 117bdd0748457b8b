"""A lean structurer for records, used before cattrs: no cattrs import, no error bookkeeping.

It accepts exactly what the cattrs converter in :mod:`korea_diplomacy.convert` accepts and builds
equal records. On any problem it raises :class:`Rejected`; the caller then asks cattrs, whose
detailed errors say what was wrong and where. So the fast path decides nothing about messages.

>>> from korea_diplomacy.model import Citation
>>> structure({"source": "mofa-asean", "section": "overview"}, Citation)
Citation(source='mofa-asean', section='overview', note=None)
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from types import NoneType, UnionType
from typing import Any, Literal, TypeVar, Union, cast, get_args, get_origin

import attrs

from . import model
from .dates import DateRange, PartialDate, parse_edtf
from .errors import DateParseError

__all__ = ["Rejected", "structure"]

T = TypeVar("T")
Build = Callable[[Any], Any]


class Rejected(Exception):
    """The fast path cannot build this value; use the detailed converter instead."""


def structure(value: Any, cls: type[T]) -> T:
    """Build a ``cls`` record from its plain form, or raise :class:`Rejected`."""
    try:
        built: T = _builder(cast(Any, cls))(value)
        return built
    except Rejected:
        raise
    except (TypeError, ValueError, KeyError, AttributeError, DateParseError) as error:
        raise Rejected(str(error)) from None


def _reject(message: str) -> typing.NoReturn:
    raise Rejected(message)


def _str(value: Any) -> str:
    if type(value) is not str:
        _reject("not a string")
    return value


def _int(value: Any) -> int:
    if type(value) is not int:
        _reject("not an int")
    return value


def _bool(value: Any) -> bool:
    if type(value) is not bool:
        _reject("not a bool")
    return value


def _decimal(value: Any) -> Decimal:
    if type(value) not in (str, int):
        _reject("not a decimal string")
    try:
        number = Decimal(value)
    except InvalidOperation:
        _reject("not a decimal")
    if not number.is_finite():
        _reject("not finite")
    return number


def _when(value: Any) -> PartialDate | DateRange:
    if type(value) is not str:
        _reject("not an EDTF string")
    return parse_edtf(value)


def _value(value: Any) -> model.Money | model.Quantity:
    if type(value) is dict and "currency" in value:
        return _builder(model.Money)(value)  # type: ignore[no-any-return]
    if type(value) is dict and "unit" in value:
        return _builder(model.Quantity)(value)  # type: ignore[no-any-return]
    _reject("not a money or quantity object")


@functools.cache
def _builder(tp: Any) -> Build:
    if tp is str:
        return _str
    if tp is int:
        return _int
    if tp is bool:
        return _bool
    if tp is Decimal:
        return _decimal
    origin, args = get_origin(tp), get_args(tp)
    if origin in (Union, UnionType):
        options = frozenset(args)
        if options - {NoneType} == {PartialDate, DateRange}:
            return _optional(_when) if NoneType in options else _when
        if options - {NoneType} == {model.Money, model.Quantity}:
            return _optional(_value) if NoneType in options else _value
        rest = [a for a in args if a is not NoneType]
        if NoneType in options and len(rest) == 1:
            return _optional(_builder(rest[0]))
        raise TypeError(f"no fast builder for {tp!r}")  # pragma: no cover - model has no other
    if origin is Literal:
        allowed = frozenset(args)

        def literal(value: Any) -> Any:
            if type(value) is not str or value not in allowed:
                _reject("not an allowed value")
            return value

        return literal
    if origin is tuple:
        item = _builder(args[0])

        def sequence(value: Any) -> tuple[Any, ...]:
            if type(value) is not list:
                _reject("not a list")
            return tuple([item(v) for v in value])

        return sequence
    if attrs.has(tp):
        return _record_builder(tp)
    raise TypeError(f"no fast builder for {tp!r}")  # pragma: no cover - model has no other


def _optional(build: Build) -> Build:
    def optional(value: Any) -> Any:
        return None if value is None else build(value)

    return optional


def _record_builder(cls: type) -> Build:
    hints = typing.get_type_hints(cls)
    fields = attrs.fields(cls)
    known = frozenset(f.name for f in fields)
    required = frozenset(f.name for f in fields if f.default is attrs.NOTHING)
    builders: dict[str, Build] = {}

    def build(value: Any) -> Any:
        if type(value) is not dict:
            _reject("not an object")
        keys = value.keys()
        if not keys <= known or not required <= keys:
            _reject("unknown or missing fields")
        if not builders:  # resolved lazily: classes refer to each other
            builders.update({f.name: _builder(hints[f.name]) for f in fields})
        return cls(**{k: builders[k](v) for k, v in value.items()})

    return build
