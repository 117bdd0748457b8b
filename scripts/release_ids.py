"""Write the ids a release shipped, per collection, for the test that no id disappears.

usage: python scripts/release_ids.py COMMIT VERSION

Reads every ``src/korea_diplomacy/data/<collection>.json`` of the release commit (with git, so
nothing of the package is imported) and writes ``tests/data/ids-<VERSION>.json``: each
collection's ids, sorted. 0.1.0 was released from commit c4ff6ac.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = "src/korea_diplomacy/data"


def release_ids(commit: str) -> dict[str, list[str]]:
    listing = _git("ls-tree", "--name-only", f"{commit}:{DATA}").decode().split()
    ids = {}
    for name in sorted(listing):
        if not name.endswith(".json") or name in ("manifest.json", "lookup.json"):
            continue
        records = json.loads(_git("show", f"{commit}:{DATA}/{name}"))
        ids[name.removesuffix(".json")] = sorted(record["id"] for record in records)
    return ids


def _git(*args: str) -> bytes:
    return subprocess.run(["git", "-C", str(ROOT), *args], check=True, capture_output=True).stdout


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    commit, version = sys.argv[1:]
    path = ROOT / "tests" / "data" / f"ids-{version}.json"
    text = json.dumps(release_ids(commit), indent=2, ensure_ascii=False) + "\n"
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
