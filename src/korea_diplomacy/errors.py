"""The exceptions korea-diplomacy raises, all under :class:`KoreaDiplomacyError`."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

__all__ = [
    "AmbiguousLookupError",
    "DataError",
    "DateParseError",
    "ExportError",
    "InvalidCriteriaError",
    "KoreaDiplomacyError",
    "MissingExtraError",
    "NotFoundError",
]


class KoreaDiplomacyError(Exception):
    """Root of every error this library raises on purpose.

    Every one can be pickled, so an error raised in a worker process reaches its parent.

    >>> issubclass(NotFoundError, KoreaDiplomacyError)
    True
    """

    def __reduce__(self) -> tuple[Any, ...]:
        # Rebuilt from the arguments it was made with (the default would pass ``args``,
        # which are not always those), then given its attributes back.
        return (type(self), self._made_with(), dict(vars(self)))

    def _made_with(self) -> tuple[Any, ...]:
        return self.args


class NotFoundError(KoreaDiplomacyError, KeyError):
    """No record has this id or name; ``suggestions`` holds the closest ones. For a record
    lookup, ``mentions`` counts the records whose other texts hold the words (0: the text is
    not in the data at all).

    >>> str(NotFoundError("mechanisms", "EASS", ("eas",)))
    "no mechanisms record matches 'EASS'; did you mean: eas?"
    >>> print(NotFoundError("mechanisms", "Quad", mentions=0))  # doctest: +ELLIPSIS
    no mechanisms record matches 'Quad'; the data does not hold it (kd.coverage() ...)
    """

    def __init__(
        self,
        collection: str,
        key: object,
        suggestions: Sequence[str] = (),
        mentions: int | None = None,
    ) -> None:
        self.collection = collection
        self.key = key
        self.suggestions = tuple(suggestions)
        self.mentions = mentions
        super().__init__(collection, key)

    def __str__(self) -> str:
        message = f"no {self.collection} record matches {self.key!r}"
        if self.suggestions:
            message += "; did you mean: " + ", ".join(self.suggestions) + "?"
        elif self.mentions:
            many = "s mention" if self.mentions > 1 else " mentions"
            message += f"; {self.mentions} record{many} it: kd.search({self.key!r})"
        elif self.mentions == 0:
            message += "; the data does not hold it (kd.coverage() says what it covers)"
        return message


class AmbiguousLookupError(KoreaDiplomacyError, LookupError):
    """A name matches several records; ``candidates`` holds their ids.

    >>> str(AmbiguousLookupError("actors", "Korea", ("kor", "prk")))
    "'Korea' matches several actors records: kor, prk; use an id"
    """

    def __init__(self, collection: str, key: str, candidates: Sequence[str]) -> None:
        self.collection = collection
        self.key = key
        self.candidates = tuple(candidates)
        super().__init__(collection, key, self.candidates)

    def __str__(self) -> str:
        names = ", ".join(self.candidates)
        return f"{self.key!r} matches several {self.collection} records: {names}; use an id"


class DateParseError(KoreaDiplomacyError, ValueError):
    """A date (or date range) could not be read.

    >>> str(DateParseError("2019-13", "month must be 1..12"))
    "cannot read date '2019-13': month must be 1..12"
    """

    def __init__(self, text: object, reason: str) -> None:
        self.text = text
        self.reason = reason
        super().__init__(text, reason)

    def __str__(self) -> str:
        return f"cannot read date {self.text!r}: {self.reason}"


class InvalidCriteriaError(KoreaDiplomacyError, ValueError):
    """A query criterion is unknown or has a value that cannot be used.

    >>> str(InvalidCriteriaError("unknown criterion 'colour'", ("year", "since")))
    "unknown criterion 'colour'; valid: year, since"
    """

    def __init__(self, message: str, choices: Sequence[str] = ()) -> None:
        self.message = message
        self.choices = tuple(choices)
        super().__init__(message)

    def __str__(self) -> str:
        if self.choices:
            return f"{self.message}; valid: {', '.join(self.choices)}"
        return self.message


class DataError(KoreaDiplomacyError, ValueError):
    """A data file or directory could not be loaded; ``problems`` lists the problems found.

    Each problem reads ``file: record: field: what was wrong``. When there are very many,
    the first ones are listed and ``unlisted`` counts the rest.

    >>> str(DataError(["meetings.json: x-1: date: cannot read date '2019-13'"]))
    "1 problem in the data:\\n  meetings.json: x-1: date: cannot read date '2019-13'"
    >>> str(DataError(["meetings.json: record 0: expected a JSON object"], unlisted=5))
    '6 problems in the data:\\n  meetings.json: record 0: expected a JSON object\\n  ... and 5 more'
    """

    def __init__(self, problems: Sequence[str], unlisted: int = 0) -> None:
        self.problems = tuple(problems)
        self.unlisted = unlisted
        super().__init__(*self.problems)

    def _made_with(self) -> tuple[Any, ...]:
        return (self.problems, self.unlisted)

    def __str__(self) -> str:
        count = len(self.problems) + self.unlisted
        head = f"{count} problem{'s' if count != 1 else ''} in the data:"
        tail = (f"... and {self.unlisted} more",) if self.unlisted else ()
        return "\n  ".join((head, *self.problems, *tail))


class MissingExtraError(KoreaDiplomacyError, ImportError):
    """A feature needs an optional dependency that is not installed; the message names the extra.

    >>> str(MissingExtraError("kd.to_frame", "pandas"))
    "kd.to_frame needs pandas, which is not installed: pip install 'korea-diplomacy[pandas]'"
    """

    def __init__(self, feature: str, extra: str, module: str | None = None) -> None:
        self.feature = feature
        self.extra = extra
        self.module = module or extra
        super().__init__(str(self), name=self.module)

    def _made_with(self) -> tuple[Any, ...]:
        return (self.feature, self.extra, self.module)

    def __str__(self) -> str:
        return (
            f"{self.feature} needs {self.module}, which is not installed: "
            f"pip install 'korea-diplomacy[{self.extra}]'"
        )


class ExportError(KoreaDiplomacyError, OSError):
    """An export was refused or failed, and the output directory was left as it was;
    ``paths`` names the files in the way, if any.

    >>> str(ExportError("out/meetings.json was not written by an export", ("out/meetings.json",)))
    'out/meetings.json was not written by an export'
    """

    def __init__(self, message: str, paths: Sequence[str] = ()) -> None:
        self.message = message
        self.paths = tuple(paths)
        super().__init__(message)

    def __str__(self) -> str:
        return self.message
