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

import matplotlib.pyplot

import korea_diplomacy as kd

IMAGES = Path(__file__).resolve().parents[1] / "docs" / "images"
FIGURES = {
    "timeline-asean.png": lambda: kd.plot.timeline("ASEAN"),
    "timeline-mekong.png": lambda: kd.plot.timeline("Mekong"),
    "timeline-eas.png": lambda: kd.plot.timeline("East Asia Summit"),
    "diplomatic-partners.png": lambda: kd.plot.diplomatic_partners(),
}


def main() -> int:
    IMAGES.mkdir(parents=True, exist_ok=True)
    for name, draw in FIGURES.items():
        ax = draw()
        ax.figure.savefig(IMAGES / name, dpi=100, metadata={"Software": None})
        matplotlib.pyplot.close(ax.figure)
        print(f"wrote {IMAGES / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
