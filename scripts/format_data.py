"""Rewrite the bundled data files in canonical form (run after editing them by hand).

usage: python scripts/format_data.py [--check]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from korea_diplomacy.convert import canonical_json, converter, describe_error
from korea_diplomacy.model import RECORD_TYPES

DATA = Path(__file__).resolve().parents[1] / "src" / "korea_diplomacy" / "data"


def main() -> int:
    check = "--check" in sys.argv[1:]
    conv = converter()
    status = 0
    for name, record_type in RECORD_TYPES.items():
        path = DATA / f"{name}.json"
        text = path.read_text(encoding="utf-8")
        try:
            records = [conv.structure(item, record_type) for item in json.loads(text)]
        except Exception as error:
            print(f"{path}: {'; '.join(describe_error(error))}")
            status = 1
            continue
        canonical = canonical_json([conv.unstructure(r) for r in records])
        if canonical != text:
            if check:
                print(f"{path}: not in canonical form")
                status = 1
            else:
                path.write_text(canonical, encoding="utf-8")
                print(f"rewrote {path.name}")
    return status


if __name__ == "__main__":
    sys.exit(main())
