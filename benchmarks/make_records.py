"""Write a directory of synthetic user records (meetings of bundled mechanisms) for load tests.

usage: python benchmarks/make_records.py DIR COUNT
Each meeting references a bundled mechanism and source, so the combined dataset is valid.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

MECHANISMS = (
    "asean-rok-summit",
    "east-asia-summit",
    "asean-regional-forum",
    "mekong-rok-foreign-ministers-meeting",
    "mekong-rok-business-forum",
    "asean-plus-three-summit",
)


def make(directory: Path, count: int) -> Path:
    """Write ``count`` meetings, one a day from 1 Jan 1700 on, into ``directory/meetings.json``."""
    directory.mkdir(parents=True, exist_ok=True)
    start = dt.date(1700, 1, 1)
    records = []
    for n in range(count):
        day = start + dt.timedelta(days=n)
        records.append(
            {
                "id": f"synthetic-meeting-{n}",
                "name": f"Synthetic meeting {n}",
                "citations": [{"source": "mofa-asean", "section": "overview"}],
                "mechanism": MECHANISMS[n % len(MECHANISMS)],
                "date": day.isoformat(),
                "city": "Seoul",
                "country": "kor",
                "format": "in-person",
            }
        )
    path = directory / "meetings.json"
    path.write_text(json.dumps(records, indent=1), encoding="utf-8")
    return path


if __name__ == "__main__":
    make(Path(sys.argv[1]), int(sys.argv[2]))
