"""Records to and from their JSON form with cattrs, driven by the field plan.

Every record that does not come from a bundled file whose digest matches the one recorded
when the package was built (a user's directory, ``Dataset.from_dict``, ``corrections.json``)
is read here. Each field is read by its shape in :mod:`korea_diplomacy._plan` (the same rules
the fast route of the bundled files follows), while cattrs assembles the records, rejects
unknown fields and, with ``detailed=True``, collects every problem with its path. Writing goes
the other way: dates become EDTF strings, amounts decimal strings, and fields left at their
default are omitted, so that one record has exactly one text.

>>> from korea_diplomacy.model import Citation
>>> unstructure(Citation("mofa-asean", "overview"))
{'source': 'mofa-asean', 'section': 'overview'}
>>> structure({"source": "mofa-asean", "section": "overview"}, Citation)
Citation(source='mofa-asean', section='overview', note=None)
"""

from __future__ import annotations

import difflib
import functools
import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    BaseValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, override

from ._plan import ItemError, Many, Maybe, Nested, OneOf, Shape, plain_number, plan
from .dates import DateRange, PartialDate
from .errors import DateParseError

__all__ = ["canonical_json", "converter", "describe_error", "json_type", "structure", "unstructure"]

T = TypeVar("T")


@functools.cache
def converter(detailed: bool = True) -> cattrs.Converter:
    """The shared converter; ``detailed`` collects every problem (slower), else the first."""
    conv = cattrs.Converter(
        omit_if_default=True, forbid_extra_keys=True, detailed_validation=detailed
    )
    conv.register_structure_hook_factory(attrs.has, lambda cls: _record_hook(conv, cls))
    conv.register_unstructure_hook(PartialDate, str)
    conv.register_unstructure_hook(DateRange, str)
    # As read (14.50 stays 14.50); a value built in code far beyond any amount in E notation,
    # never a billion digits.
    conv.register_unstructure_hook(Decimal, plain_number)
    return conv


def structure(value: Any, cls: type[T], detailed: bool = True) -> T:
    """A ``cls`` record read from its JSON form; raises the converter's errors."""
    built: T = converter(detailed).structure(value, cls)
    return built


def unstructure(value: Any) -> Any:
    """The JSON form of a record or value (defaults omitted)."""
    return converter().unstructure(value)


Hook = Callable[[Any, Any], Any]


def _record_hook(conv: cattrs.Converter, cls: type) -> Any:
    # cattrs assembles the record (and rejects unknown fields); each field is read as its
    # shape says: text, numbers, dates and choices by the shape itself, as the fast route
    # reads them, and nested values through cattrs, so that each problem keeps its path.
    overrides = {
        field.name: override(struct_hook=_field_hook(conv, field.shape))
        for field in plan(cls).fields
    }
    return make_dict_structure_fn(cls, conv, **overrides)  # type: ignore[arg-type]


def _field_hook(conv: cattrs.Converter, shape: Shape) -> Hook:
    if not shape.holds():
        return shape.build
    if isinstance(shape, Maybe):
        inner = _field_hook(conv, shape.of)
        return lambda value, type_: None if value is None else inner(value, type_)
    if isinstance(shape, Many):
        return _items_hook(conv, _field_hook(conv, shape.of))
    if isinstance(shape, OneOf):
        return lambda value, _: conv.structure(value, shape.pick(value))
    assert isinstance(shape, Nested)
    return lambda value, _: conv.structure(value, shape.cls)


def _items_hook(conv: cattrs.Converter, item: Hook) -> Hook:
    def hook(value: Any, type_: Any) -> tuple[Any, ...]:
        if type(value) is not list:  # cattrs would take a string or an object for a list
            raise TypeError(f"expected a list, not {json_type(value)}")
        if not conv.detailed_validation:
            return tuple([item(element, type_) for element in value])
        built, errors = [], []
        for index, element in enumerate(value):
            try:
                built.append(item(element, type_))
            except Exception as error:
                note = IterableValidationNote(f"item {index}", index, type_)
                error.__notes__ = [*getattr(error, "__notes__", []), note]
                errors.append(error)
        if errors:
            raise IterableValidationError("while reading a list", errors, tuple)
        return tuple(built)

    return hook


# --------------------------------------------------------------------------- messages


def describe_error(error: BaseException) -> list[str]:
    """Every problem in a structuring error, as ``path: what is wrong`` lines.

    >>> from korea_diplomacy.model import Citation
    >>> try:  # doctest: +NORMALIZE_WHITESPACE
    ...     structure({"source": 1, "sectoin": "x"}, Citation)
    ... except Exception as error:
    ...     describe_error(error)
    ['source: expected a string, not int 1',
     'section: required, but missing',
     "(record): unknown field 'sectoin' (did you mean 'section'?)"]
    """
    lines: list[str] = []
    _collect(error, "", lines)
    return lines


def _collect(error: BaseException, path: str, out: list[str]) -> None:
    if isinstance(error, ForbiddenExtraKeysError):
        allowed = sorted(plan(error.cl).names) if attrs.has(error.cl) else []
        for key in sorted(error.extra_fields):
            close = difflib.get_close_matches(str(key)[:100], allowed, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            out.append(f"{path or '(record)'}: unknown field {str(key)[:80]!r}{hint}")
        return
    if isinstance(error, BaseValidationError):
        for child in error.exceptions:
            where = path
            for note in getattr(child, "__notes__", ()):
                if isinstance(note, AttributeValidationNote):
                    where = f"{path}.{note.name}" if path else note.name
                elif isinstance(note, IterableValidationNote):
                    where = f"{path}[{note.index}]"
            _collect(child, where, out)
        return
    if isinstance(error, ItemError):
        _collect(error.error, f"{path}[{error.index}]", out)
        return
    if isinstance(error, KeyError) and not isinstance(error, DateParseError):
        out.append(f"{path}: required, but missing")
        return
    if isinstance(error, (TypeError, ValueError)):
        out.append(f"{path or '(record)'}: {error}")
        return
    out.append(f"{path or '(record)'}: {type(error).__name__}: {error}")


def json_type(value: Any) -> str:
    """What kind of JSON value ``value`` is, as an error says it (``a list``, ``null``...)."""
    names = {dict: "an object", list: "a list", str: "a string", bool: "true or false"}
    if value is None:
        return "null"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return "a number"
    return names.get(type(value), type(value).__name__)


def canonical_json(records: list[dict[str, Any]]) -> str:
    """The one text a list of records is stored as: two-space indent, UTF-8, newline at end."""
    return json.dumps(records, indent=2, ensure_ascii=False) + "\n"
