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
