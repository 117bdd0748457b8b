"""Draw the figures the docs show (docs/images/*.png) with kd.plot, headless.

usage: python scripts/gen_figures.py

The PNGs are committed; rerun this after a change to the data or to kd.plot. (Pixels differ
between matplotlib versions and fonts, so no test compares them; tests/test_docs.py checks
that each one is a real image.)
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import matplotlib

matplotlib.use("Agg")

import korea_diplomacy as kd

IMAGES = Path(__file__).resolve().parents[1] / "docs" / "images"
FIGURES = {"timeline-asean.png": "ASEAN", "timeline-mekong.png": "Mekong"}


def main() -> int:
    IMAGES.mkdir(parents=True, exist_ok=True)
    for name, partnership in FIGURES.items():
        ax = kd.plot.timeline(partnership)
        ax.figure.savefig(IMAGES / name, dpi=100, metadata={"Software": None})
        print(f"wrote {IMAGES / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
