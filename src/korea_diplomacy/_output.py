"""The output directory of an export: its files written all or nothing, never through a link,
never over files an export did not write unless asked.

:func:`publish` writes every file into a temporary directory first (a hidden one inside the
output directory, so that it lies on the same file system even when the output directory is a
mount point), then moves the files into place by renaming them: the files they replace are
moved aside first and put back if anything fails, and ``datapackage.json`` comes last. A
failure leaves the output directory as it was (a directory that did not exist is removed
again); a crash part way leaves no descriptor whose hashes do not match its files.

What may be replaced: a file of a name the export writes is replaced only if a previous export
wrote it, that is when the directory's ``datapackage.json`` is a korea-diplomacy descriptor that
lists it (``schema.json`` too, beside a JSON export), or when it is a korea-diplomacy SQLite
database (its ``metadata`` table says so). Anything else of those names (your own
``meetings.json``, a symbolic link) is refused with an error naming it, unless
``overwrite=True``; a symbolic link is then replaced itself, never written through. Files of
other names are left alone, and a directory of one of those names is always refused.

>>> import tempfile, pathlib
>>> with tempfile.TemporaryDirectory() as out:
...     publish(pathlib.Path(out), ("a.txt",), lambda d: (d / "a.txt").write_text("a"), False)
...     sorted(p.name for p in pathlib.Path(out).iterdir())
['a.txt']
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from .errors import ExportError

__all__ = ["DATABASE", "DESCRIPTOR", "PACKAGE", "output_directory", "previous_export", "publish"]

PACKAGE = "korea-diplomacy"
"""The ``name`` of every descriptor an export writes: how a previous export is recognised."""

DESCRIPTOR = "datapackage.json"
"""The descriptor's file name; it is always moved into place last."""

DATABASE = "korea-diplomacy.sqlite"
"""The one file of an SQLite export."""

_STAGING = ".korea-diplomacy-export-"
_LARGEST_DESCRIPTOR = 50_000_000  # bytes: a descriptor is about 200 kB; never read a huge file


def output_directory(directory: object) -> Path:
    """``directory`` as a path, refusing what is not one (an empty text would mean the
    current directory, which nobody asks for by leaving the option empty)."""
    if not isinstance(directory, (str, os.PathLike)):
        raise TypeError(f"directory must be a str or path, not {type(directory).__name__}")
    text = os.fspath(directory)
    if not isinstance(text, str):
        raise TypeError(f"directory must be a str or path, not {type(text).__name__}")
    if not text.strip():
        raise ExportError(
            "the output directory is empty: name a directory (use '.' for the current one)"
        )
    return Path(text)


def publish(
    out: Path, names: Sequence[str], write: Callable[[Path], object], overwrite: bool
) -> None:
    """Write the files ``names`` into ``out`` all or nothing: ``write`` puts them into the
    temporary directory it is given, and they are then renamed into place in this order."""
    if any(Path(name).name != name or name in ("", ".", "..") for name in names):
        raise ValueError(f"file names only, not paths: {names}")  # a bug of ours, not input
    try:
        kind = os.stat(out).st_mode  # follows a link: `out` may itself be a linked directory
    except FileNotFoundError:
        kind = None
    except OSError as error:
        raise ExportError(f"cannot use {out} as the output directory: {error}") from None
    if kind is not None and not stat.S_ISDIR(kind):
        raise ExportError(f"{out} is not a directory")
    if kind is not None:
        _check_in_the_way(out, names, overwrite)
    created = _make_directories(out)
    try:
        staging = Path(tempfile.mkdtemp(prefix=_STAGING, dir=out))
        try:
            write(staging)
            _move_into_place(staging, out, names)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    except BaseException as error:
        for directory in reversed(created):  # only ours, and only if still empty
            try:
                directory.rmdir()
            except OSError:
                break
        if isinstance(error, OSError) and not isinstance(error, ExportError):
            raise ExportError(
                f"could not write the export into {out} ({error}); it was left as it was"
            ) from error
        raise


def previous_export(out: Path) -> frozenset[str]:
    """The names of the files in ``out`` that a previous export wrote, as far as it can be
    told: those its ``datapackage.json`` lists, and a korea-diplomacy SQLite database."""
    ours: set[str] = set()
    descriptor = _read_descriptor(out / DESCRIPTOR)
    if descriptor is not None:
        ours.add(DESCRIPTOR)
        resources = descriptor.get("resources")
        for resource in resources if isinstance(resources, list) else ():
            if isinstance(resource, dict) and isinstance(resource.get("path"), str):
                ours.add(resource["path"])
                if resource.get("format") == "json":
                    ours.add("schema.json")
    if _is_regular(out / DATABASE) and _is_our_database(out / DATABASE):
        ours.add(DATABASE)
    return frozenset(ours)


def _check_in_the_way(out: Path, names: Sequence[str], overwrite: bool) -> None:
    ours = previous_export(out)
    directories, links, foreign = [], [], []
    for name in names:
        try:
            mode = os.lstat(out / name).st_mode  # lstat: a link is looked at, not followed
        except FileNotFoundError:
            continue
        if stat.S_ISLNK(mode):
            links.append(name)
        elif not stat.S_ISREG(mode):
            directories.append(name)
        elif name not in ours:
            foreign.append(name)
    if directories:
        raise ExportError(
            f"{out} holds {', '.join(directories)}, not regular files; "
            "an export never replaces a directory: move it away or export elsewhere",
            [str(out / name) for name in directories],
        )
    if overwrite:
        return
    problems = [f"{name} is a symbolic link" for name in links]
    problems += [f"{name} was not written by an export" for name in foreign]
    if problems:
        raise ExportError(
            f"refusing to export into {out}: {'; '.join(problems)}; pass overwrite=True "
            "(--overwrite) to replace them (a link is replaced itself, never written "
            "through), or export into another directory",
            [str(out / name) for name in links + foreign],
        )


def _make_directories(out: Path) -> list[Path]:
    """Create ``out`` and its missing parents; returns those created, outermost first."""
    missing = []
    for directory in (out, *out.parents):
        if os.path.lexists(directory):
            break
        missing.append(directory)
    missing.reverse()
    try:
        for directory in missing:
            directory.mkdir()
    except OSError as error:
        for directory in reversed(missing):
            with contextlib.suppress(OSError):
                directory.rmdir()
        raise ExportError(f"cannot create the output directory {out}: {error}") from None
    return missing


def _move_into_place(staging: Path, out: Path, names: Sequence[str]) -> None:
    replaced = staging / ".replaced"
    replaced.mkdir()
    moved_aside: list[str] = []
    moved_in: list[str] = []
    try:
        for name in names:
            if os.path.lexists(out / name):  # a link is moved itself: os.replace never follows
                os.replace(out / name, replaced / name)
                moved_aside.append(name)
        for name in names:
            os.replace(staging / name, out / name)
            moved_in.append(name)
    except BaseException:
        # Put everything back as it was; each step on its own, so one failure stops nothing.
        for name in reversed(moved_in):
            with contextlib.suppress(OSError):
                os.replace(out / name, staging / name)
        for name in reversed(moved_aside):
            with contextlib.suppress(OSError):
                os.replace(replaced / name, out / name)
        raise


def _read_descriptor(path: Path) -> dict[str, object] | None:
    if not _is_regular(path):
        return None
    try:
        if path.stat().st_size > _LARGEST_DESCRIPTOR:
            return None
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):  # unreadable, or not JSON: not a descriptor of ours
        return None
    if isinstance(data, dict) and data.get("name") == PACKAGE:
        return data
    return None


def _is_our_database(path: Path) -> bool:
    import sqlite3  # only when a file of the database's name is in the way

    try:
        uri = path.resolve().as_uri() + "?mode=ro"
        connection = sqlite3.connect(uri, uri=True)
        try:
            row = connection.execute(
                "SELECT value FROM metadata WHERE key = 'datapackage'"
            ).fetchone()
        finally:
            connection.close()
        data = json.loads(row[0]) if row is not None and isinstance(row[0], str) else None
    except (sqlite3.Error, OSError, ValueError):
        return False
    return isinstance(data, dict) and data.get("name") == PACKAGE


def _is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False
