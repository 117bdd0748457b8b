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
    path.write_text(json.dumps(records, separators=(",", ":")), encoding="utf-8")
    return path


def make_chain(directory: Path, count: int) -> Path:
    """``count`` organisations, each part of the one before: one long, valid parent chain."""
    directory.mkdir(parents=True, exist_ok=True)
    records = [
        {
            "id": f"synthetic-body-{n}",
            "name": f"Synthetic body {n}",
            "citations": [{"source": "mofa-asean", "section": "overview"}],
            "kind": "organisation",
            **({"parent": f"synthetic-body-{n - 1}"} if n else {}),
        }
        for n in range(count)
    ]
    path = directory / "actors.json"
    path.write_text(json.dumps(records, separators=(",", ":")), encoding="utf-8")
    return path


def make_counts(directory: Path, count: int) -> Path:
    """A group with ``count`` members joining one a day, and ``count`` figures each stating
    how many members it had on one of those days (all true)."""
    directory.mkdir(parents=True, exist_ok=True)
    start = dt.date(1700, 1, 1)
    cite = [{"source": "mofa-asean", "section": "overview"}]
    members = [
        {
            "id": f"synthetic-member-{n}",
            "name": f"Member {n}",
            "citations": cite,
            "kind": "organisation",
        }
        for n in range(count)
    ]
    group = {
        "id": "synthetic-group",
        "name": "Synthetic group",
        "citations": cite,
        "kind": "grouping",
        "memberships": [
            {
                "member": f"synthetic-member-{n}",
                "citations": cite,
                "start": (start + dt.timedelta(days=n)).isoformat(),
            }
            for n in range(count)
        ],
    }
    figures = [
        {
            "id": f"synthetic-count-{n}",
            "name": f"Members on day {n}",
            "citations": cite,
            "subject": "synthetic-group",
            "metric": "member-count",
            "value": {"value": str(n + 1), "unit": "members"},
            "as_of": (start + dt.timedelta(days=n)).isoformat(),
        }
        for n in range(count)
    ]
    (directory / "actors.json").write_text(
        json.dumps([*members, group], separators=(",", ":")), encoding="utf-8"
    )
    path = directory / "figures.json"
    path.write_text(json.dumps(figures, separators=(",", ":")), encoding="utf-8")
    return path


if __name__ == "__main__":
    make(Path(sys.argv[1]), int(sys.argv[2]))
