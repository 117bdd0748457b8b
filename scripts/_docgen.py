"""Shared by the doc generators: write a generated page, or with --check say if it is stale."""

from __future__ import annotations

import sys
from pathlib import Path


def write_or_check(doc: Path, text: str, script: str) -> int:
    """Write ``text`` to ``doc``; with ``--check`` on the command line, only compare."""
    if "--check" in sys.argv[1:]:
        if not doc.exists() or doc.read_text(encoding="utf-8") != text:
            print(f"{doc} is out of date: run python scripts/{script}")
            return 1
        return 0
    doc.write_text(text, encoding="utf-8")
    print(f"wrote {doc}")
    return 0


def write_or_check_tree(folder: Path, pages: dict[Path, str], script: str) -> int:
    """Write every page (and remove the files under ``folder`` no page is for); with ``--check``
    on the command line, only say which are out of date."""
    stale = (
        sorted(path for path in folder.rglob("*") if path.is_file() and path not in pages)
        if folder.exists()
        else []
    )
    changed = [
        path
        for path, text in pages.items()
        if not path.exists() or path.read_text(encoding="utf-8") != text
    ]
    if "--check" in sys.argv[1:]:
        for path in [*changed, *stale]:
            print(f"{path} is out of date: run python scripts/{script}")
        return 1 if changed or stale else 0
    for path in stale:
        path.unlink()
    for path in changed:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(pages[path], encoding="utf-8")
    kept = len(pages) - len(changed)
    print(f"wrote {len(changed)} pages, removed {len(stale)}, {kept} unchanged")
    return 0
