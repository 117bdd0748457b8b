"""Write src/korea_diplomacy/schema.json, the JSON Schema of the data format, from the model.

usage: python scripts/gen_schema.py [--check]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _docgen import write_or_check

from korea_diplomacy.schema import build_schema, render

FILE = Path(__file__).resolve().parents[1] / "src" / "korea_diplomacy" / "schema.json"


def main() -> int:
    return write_or_check(FILE, render(build_schema()), "gen_schema.py")


if __name__ == "__main__":
    sys.exit(main())
