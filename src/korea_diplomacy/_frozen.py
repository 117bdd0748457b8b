"""The shared base of every frozen class of the package: equality, hashing and repr.

attrs would write these three methods for each class it makes, compiling them as it goes;
across some forty classes that is most of the time the first question takes. Written once
here, generically over each class's attrs fields, they behave the same way: equal when of
the same class with equal fields, hashed on the fields, shown as ``Class(field=value, ...)``.

>>> import attrs
>>> @attrs.frozen(repr=False, eq=False)
... class Point(Frozen):
...     x: int
...     y: int
>>> Point(1, 2) == Point(1, 2), Point(1, 2)
(True, Point(x=1, y=2))
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

import attrs

__all__ = ["Frozen"]

_values: dict[type, Callable[[Any], Any]] = {}


def _getter(cls: type) -> Callable[[Any], Any]:
    getter = _values.get(cls)
    if getter is None:
        names = [field.name for field in attrs.fields(cls)]
        getter = operator.attrgetter(*names) if names else (lambda _: ())
        if len(names) == 1:  # attrgetter of one name returns the value, not a tuple
            one = getter
            getter = lambda value: (one(value),)  # noqa: E731
        getter = _values.setdefault(cls, getter)
    return getter


class Frozen:
    """Equality, hashing and repr by attrs fields, for slotted frozen attrs classes."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        values = _getter(self.__class__)
        return bool(values(self) == values(other))

    def __ne__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        values = _getter(self.__class__)
        return bool(values(self) != values(other))

    def __hash__(self) -> int:
        return hash((self.__class__.__qualname__, *_getter(self.__class__)(self)))

    def __repr__(self) -> str:
        cls = self.__class__
        names = (f.name for f in attrs.fields(cls))  # type: ignore[arg-type]  # attrs classes
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
        return f"{cls.__qualname__}({fields})"
