"""The ``korea-diplomacy`` command line (also ``python -m korea_diplomacy``).

Subcommands: ``info``, ``list``, ``show``, ``search``, ``timeline``, ``export``, ``diff``,
``validate``. Text output is aligned for reading; ``--json`` prints JSON for programs. Any
error prints one line on stderr and exits with status 2, never a traceback; ``validate``
prints each problem on stdout first; ``diff`` exits with 1 when the packages differ.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import sys
from argparse import SUPPRESS
from collections.abc import Iterable, Sequence
from typing import Any, NoReturn

from .errors import DataError, KoreaDiplomacyError

# Each command imports what it needs where it runs: the data model costs more to import than
# the rest of the command line, and `--help` and `info` need none of it.

__all__ = ["main"]

# The formats of korea_diplomacy.datapackage.FORMATS (a test checks they agree), written here
# so that building the parser imports nothing of the data model.
EXPORT_FORMATS = ("csv", "json", "parquet", "sqlite")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # One line, like every other error of ours, instead of argparse's usage block.
        raise _UsageError(f"{self.prog}: {message} (see --help)")


class _UsageError(Exception):
    pass


def _parser() -> argparse.ArgumentParser:
    # Nothing of the data model is imported to build the parser: `--help` stays cheap.
    parser = _Parser(
        prog="korea-diplomacy",
        description="Look up the Republic of Korea's diplomatic mechanisms, partnerships, "
        "summits and funds, with their sources.",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    # --json is also taken after the subcommand (`korea-diplomacy search Busan --json`).
    after = _Parser(add_help=False)
    after.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help=SUPPRESS)
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def command(name: str, **options: Any) -> argparse.ArgumentParser:
        parsed: argparse.ArgumentParser = sub.add_parser(name, parents=[after], **options)
        return parsed

    command("info", help="version, data digest, and what the data covers")

    listing = command(
        "list",
        help="list the records of a collection",
        epilog="Criteria are those of Collection.filter: --involving, --year, --since, --until "
        "and every field of text, numbers, choices or ids of the collection (--mechanism, "
        "--kind, --status, --city, --country, --ordinal...); an unknown one is refused with "
        "the list of the collection's criteria.",
    )
    listing.add_argument("collection", help="a collection, as `korea-diplomacy info` lists them")

    show = command("show", help="one record, found by id, name or alias, with its sources")
    show.add_argument("text")

    search = command(
        "search",
        help="records holding every word of a text (or the start of one) in their names, "
        "descriptions, notes, places, outcomes...: best first",
    )
    search.add_argument("text")
    search.add_argument("--limit", type=int, default=20, help="show at most this many (20)")
    search.add_argument(
        "--collection",
        action="append",
        dest="collections",
        metavar="NAME",
        help="search only this collection (repeat for more)",
    )

    timeline = command("timeline", help="dated facts in order")
    timeline.add_argument("--since")
    timeline.add_argument("--until")
    timeline.add_argument("--involving")

    export = command(
        "export", help="write every collection and a Data Package descriptor into a directory"
    )
    export.add_argument("--format", choices=EXPORT_FORMATS, default="csv")
    export.add_argument("--out", required=True, metavar="DIR")
    export.add_argument(
        "--overwrite",
        action="store_true",
        help="replace files of the export's names that no export wrote (links themselves)",
    )

    diff = command(
        "diff",
        help="records added, removed and changed between two JSON exports",
        description="Compare two data packages written by `export --format json` (or the "
        "installed data): exit status 0 when they hold the same records, 1 when they differ.",
    )
    diff.add_argument("old", metavar="OLD", help="a JSON export's directory, or `installed`")
    diff.add_argument("new", metavar="NEW", help="a JSON export's directory, or `installed`")

    validate = command("validate", help="check the bundled data, or it plus your directories")
    validate.add_argument("directories", nargs="*", metavar="DIR")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0; 1 when ``diff`` finds differences;
    2 after one line on stderr)."""
    # What a command prints is kept until it is complete, then written in one go: a command
    # that fails half-way prints nothing but its error, never half a record.
    output = io.StringIO()
    try:
        parser = _parser()
        try:
            with contextlib.redirect_stdout(output):
                args, rest = parser.parse_known_args(argv)
        except SystemExit as stop:  # --help printed its text
            _write(output.getvalue())
            return stop.code if isinstance(stop.code, int) else 0
        if args.command == "list":
            args.criteria = _criteria(rest)
        elif rest:
            parser.error(f"unrecognized arguments: {' '.join(rest)}")
        failure = None
        with contextlib.redirect_stdout(output):
            try:
                status = _run(args)
            except _Failed as failed:  # its output is whole (the problems found): written
                failure, status = str(failed), 2
        _write(output.getvalue(), args.json)
        if failure is not None:
            _error(failure)
        return status
    except _UsageError as error:
        _error(str(error), prefix=False)
    except KeyboardInterrupt:
        print("korea-diplomacy: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader stopped early (`... | head`): not an error. Point stdout at devnull so
        # the interpreter's final flush does not complain either.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except (KoreaDiplomacyError, LookupError, ValueError, TypeError, OSError) as error:
        _error(_summary(error))
    except Exception as error:  # a bug of ours: still one line, never a traceback
        _error(f"internal error, please report it: {type(error).__name__}: {_summary(error)}")
    return 2


class _Failed(Exception):
    """A command found problems after printing them all (``validate``): the message is the
    one line for stderr."""


def _error(message: str, prefix: bool = True) -> None:
    """Print ``message`` as the one line on stderr an error gets."""
    line = _printable(message)
    _write(f"korea-diplomacy: error: {line}\n" if prefix else f"{line}\n", stream=sys.stderr)


def _write(text: str, as_json: bool = False, stream: Any = None) -> None:
    """Write ``text`` whole, in what the stream can encode: JSON with everything else
    ASCII-escaped (still the same JSON), text with replacement characters."""
    stream = sys.stdout if stream is None else stream
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        if as_json:
            text = json.dumps(json.loads(text), indent=2) + "\n"
        else:
            text = text.encode(encoding, "replace").decode(encoding)
    except LookupError:  # an encoding Python does not know: the stream will say
        pass
    stream.write(text)
    stream.flush()


def _summary(error: BaseException) -> str:
    if isinstance(error, DataError) and error.problems:
        count = len(error.problems) + error.unlisted
        more = f"{count} problems; the first: " if count > 1 else ""
        return more + error.problems[0]
    lines = str(error).splitlines() or [type(error).__name__]
    extra = f" (and {len(lines) - 1} more lines)" if len(lines) > 1 else ""
    return lines[0] + extra


def _printable(text: str, limit: int = 1000) -> str:
    """One line: control characters escaped, and not endless."""
    if not text.isprintable():
        text = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _criteria(words: Sequence[str]) -> dict[str, str]:
    """``--key value`` pairs (``--key=value`` too) of the list subcommand, as written."""
    criteria: dict[str, str] = {}
    words = list(words)
    while words:
        word = words.pop(0)
        if not word.startswith("--") or len(word) < 3:
            raise _UsageError(f"korea-diplomacy list: expected --criterion VALUE, not {word!r}")
        key, sep, value = word[2:].partition("=")
        if not sep:
            if not words:
                raise _UsageError(f"korea-diplomacy list: --{key} needs a value")
            value = words.pop(0)
        criteria[key.replace("-", "_")] = value
    return criteria


def _typed(collection: Any, criteria: dict[str, str]) -> dict[str, Any]:
    """Each criterion's text as the value the field holds (a number for ``--ordinal``...)."""
    from ._plan import Flag, Whole, plan

    cls = collection.record_class
    fields = {f.name: f for f in plan(cls).fields} if cls is not None else {}
    typed: dict[str, Any] = {}
    for key, text in criteria.items():
        shape = fields[key].shape.inner() if key in fields else None
        if isinstance(shape, Whole) or key == "year":
            try:
                typed[key] = int(text)
            except ValueError:
                raise ValueError(f"--{key} takes a whole number, not {text!r}") from None
        elif isinstance(shape, Flag):
            if text.lower() not in ("true", "false"):
                raise ValueError(f"--{key} takes true or false, not {text!r}")
            typed[key] = text.lower() == "true"
        else:
            typed[key] = text
    return typed


def _run(args: argparse.Namespace) -> int:
    command = args.command
    if command == "validate":
        return _validate(args)
    if command == "info":  # from the manifest: no record needs reading
        return _info(args.json)
    if command == "diff":  # reads what it compares, the installed data only if asked
        return _diff(args.old, args.new, args.json)
    from ._loading import load

    dataset = load()
    if command == "export":
        return _export(dataset, args)
    if command == "list":
        collection = dataset.collection(args.collection)
        records = collection.filter(**_typed(collection, args.criteria))
        return _print_records(records, args.json)
    if command == "show":
        return _show(dataset.lookup(args.text), dataset, args.json)
    if command == "search":
        return _search(dataset, args)
    if command == "timeline":
        facts = dataset.timeline(since=args.since, until=args.until, involving=args.involving)
        if args.json:
            rows = [
                {
                    "date": str(f.date),
                    "record": f.record_id,
                    "collection": f.collection,
                    "kind": f.kind,
                    "label": f.label,
                }
                for f in facts
            ]
            print(json.dumps(rows, indent=2, ensure_ascii=False))
        else:
            _table([(f.date.human(), f.kind, f.label, f.record_id) for f in facts])
        return 0
    raise AssertionError(command)  # pragma: no cover - argparse only allows the above


def _info(as_json: bool) -> int:
    from . import __version__
    from ._bundle import bundled_counts, bundled_coverage, bundled_digest

    coverage = bundled_coverage()  # from the manifest: no record is read, no model imported
    info = {
        "version": __version__,
        "data_digest": bundled_digest(),
        "counts": bundled_counts(),
        "licence": "MIT",
        "cite": "korea-diplomacy (see CITATION.cff) with this version and data digest",
    }
    if as_json:
        from ._loading import load

        info["coverage"] = coverage
        info["sources"] = [source.id for source in load().sources]
        print(json.dumps(info, indent=2, ensure_ascii=False))
        return 0
    print(f"korea-diplomacy {info['version']}")
    print(f"data digest  {info['data_digest']}")
    rows = [("collection", "records", "dated", "from", "to", "mechanisms", "partners")]
    for name, count in info["counts"].items():
        entry = coverage.get(name)
        if entry is None:  # a view, such as summits
            rows.append((name, str(count), "", "", "", "", ""))
            continue
        rows.append(
            (
                name,
                str(count),
                str(entry["dated"]),
                entry["first"] or "",
                entry["last"] or "",
                str(len(entry["mechanisms"]) or ""),
                str(len(entry["partners"]) or ""),
            )
        )
    _table(rows)
    missing = [f"{name}: {gap}" for name, entry in coverage.items() for gap in entry["missing"]]
    if missing:
        print("known to be missing (kd.coverage() for more):")
        for gap in missing:
            print(f"  - {_clip(gap, 160)}")
    print(f"licence {info['licence']}; cite as {info['cite']}")
    return 0


def _export(dataset: Any, args: argparse.Namespace) -> int:
    from .datapackage import export, files

    path = export(args.out, format=args.format, dataset=dataset, overwrite=args.overwrite)
    written = list(files(args.format))
    if args.json:
        key = "database" if args.format == "sqlite" else "datapackage"
        print(json.dumps({key: str(path), "files": written}, indent=2))
    elif args.format == "sqlite":
        print(f"wrote {path}")
    else:
        print(f"wrote {len(written) - 1} {args.format.upper()} files and {path}")
    return 0


def _search(dataset: Any, args: argparse.Namespace) -> int:
    if args.limit < 0:
        raise ValueError(f"--limit takes a number of records, not {args.limit}")
    found = dataset.search(args.text, collections=args.collections, limit=args.limit)
    if args.json:
        from ._convert import unstructure

        hits = [
            {
                "collection": hit.collection,
                "field": hit.field,
                "score": round(hit.score, 3),
                "record": unstructure(hit.record),
            }
            for hit in found.hits
        ]
        report = {"query": args.text, "total": found.total, "shown": len(hits), "hits": hits}
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return 0
    rows = [
        (hit.record.id, _when(hit.record), hit.record.name, f"({hit.field}: {_clip(hit.text)})")
        if hit.field != "name"
        else (hit.record.id, _when(hit.record), hit.record.name, "")
        for hit in found.hits
    ]
    _table(rows)
    if found.total == 0:
        print(f"nothing matches {args.text!r}; `korea-diplomacy info` shows what the data covers")
    elif len(rows) < found.total:
        print(f"{len(rows)} of {found.total} shown (--limit N for more)")
    else:
        print(f"{found.total} found")
    return 0


def _clip(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 3] + "..."


def _diff(old: str, new: str, as_json: bool) -> int:
    from .diff import diff

    found = diff(old, new)
    if as_json:
        report = {
            "old": found.old,
            "new": found.new,
            "differ": bool(found),
            "collections": [
                {
                    "name": collection.name,
                    "added": list(collection.added),
                    "removed": list(collection.removed),
                    "changed": [
                        {
                            "id": change.id,
                            "fields": [
                                {
                                    "field": field.field,
                                    "change": field.kind,
                                    "old": None if field.old is None else json.loads(field.old),
                                    "new": None if field.new is None else json.loads(field.new),
                                }
                                for field in change.fields
                            ],
                        }
                        for change in collection.changed
                    ],
                }
                for collection in found.collections
            ],
        }
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return 1 if found else 0
    for collection in found.collections:
        counts = (len(collection.added), len(collection.removed), len(collection.changed))
        print(f"{collection.name}: {counts[0]} added, {counts[1]} removed, {counts[2]} changed")
        for record_id in collection.added:
            print(f"  + {_printable(record_id)}")
        for record_id in collection.removed:
            print(f"  - {_printable(record_id)}")
        for change in collection.changed:
            print(f"  ~ {_printable(change.id)}")
            for field in change.fields:
                name = _printable(field.field)
                if field.kind == "added":
                    print(f"      + {name}: {_short(field.new)}")
                elif field.kind == "removed":
                    print(f"      - {name}: {_short(field.old)}")
                else:
                    before, after = _short_pair(field.old or "", field.new or "")
                    print(f"      {name}: {before} -> {after}")
    if not found:
        print(f"no differences between {found.old} and {found.new}")
    return 1 if found else 0


def _short(text: str | None, limit: int = 60) -> str:
    """A value's JSON text on one line, at most ``limit`` characters."""
    return _printable(text or "", limit)


def _short_pair(old: str, new: str, limit: int = 60) -> tuple[str, str]:
    """Two long values shortened around where they first differ, so the change shows."""
    if len(old) <= limit and len(new) <= limit:
        return _printable(old), _printable(new)
    shorter = min(len(old), len(new))
    same = next((n for n in range(shorter) if old[n] != new[n]), shorter)
    start = same - 20 if same > 30 else 0  # keep a little of what they share, for context
    if start == 0:
        return _short(old, limit), _short(new, limit)
    return _short("..." + old[start:], limit), _short("..." + new[start:], limit)


def _print_records(records: Iterable[Any], as_json: bool) -> int:
    records = list(records)
    if as_json:
        from ._convert import unstructure

        dicts = [{"collection": r.collection_name, **unstructure(r)} for r in records]
        print(json.dumps(dicts, indent=2, ensure_ascii=False))
        return 0
    rows = [(r.id, _when(r), r.name) for r in records]
    _table(rows)
    if not rows:
        print("(no records)")
    return 0


def _when(record: Any) -> str:
    """The date column: the date, or the planned date of a meeting that did not take place."""
    if record.date is not None:
        return str(record.date.human())
    planned = getattr(record, "planned_date", None)
    if planned is not None:
        return f"{planned.human()} ({record.status})"
    return ""


def _show(record: Any, dataset: Any, as_json: bool) -> int:
    if as_json:
        from ._convert import unstructure
        from ._plan import walk
        from .model import Citation

        cited = {item.source for _, item, _, _ in walk(record) if type(item) is Citation}
        data = {
            "collection": record.collection_name,
            **unstructure(record),
            "sources_cited": [unstructure(dataset.sources[s]) for s in sorted(cited)],
        }
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    from .display import record_text

    print(record_text(record, dataset))
    return 0


def _table(rows: Sequence[Sequence[str]]) -> None:
    if not rows:
        return
    widths = [max(len(row[n]) for row in rows) for n in range(len(rows[0]) - 1)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        print("  ".join((*cells, row[-1])).rstrip())


def _validate(args: argparse.Namespace) -> int:
    # Problems go to stdout, one a line, for reading or piping; stderr gets one summary line.
    from ._loading import load
    from .errors import DataError
    from .validation import INVARIANTS, validate

    problems = [f"bundled data: {violation}" for violation in validate(load())]
    unlisted = 0  # problems counted but not listed (past the first thousand of a directory)
    checked = ["bundled data", *args.directories]
    for directory in args.directories:
        try:
            load(directory)
        except DataError as error:
            problems.extend(error.problems)
            unlisted += error.unlisted
    if args.json:
        report = {"ok": not problems, "checked": checked, "invariants": list(INVARIANTS)}
        report = {**report, "problems": problems, "unlisted": unlisted}
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        for problem in problems:
            print(_printable(problem, limit=10_000))
        if unlisted:
            print(f"... and {unlisted} more, not listed")
    where = ", ".join(name if len(name) <= 80 else name[:77] + "..." for name in checked)
    if problems:
        total = len(problems) + unlisted
        count = f"{total} problem{'s' if total != 1 else ''}"
        raise _Failed(f"{count} in {_printable(where)}; the first: {problems[0]}")
    if not args.json:
        print(f"OK: all {len(INVARIANTS)} invariants hold in {where}")
    return 0
