"""Figures with matplotlib."""

from __future__ import annotations

import subprocess
import sys

import pytest

import korea_diplomacy as kd
from optional_deps import need


@pytest.fixture(scope="module")
def matplotlib():
    module = need("matplotlib")
    module.use("Agg")
    return module


def test_the_asean_timeline_renders_to_a_real_png(matplotlib, tmp_path):
    import matplotlib.image

    ax = kd.plot.timeline("ASEAN")
    path = tmp_path / "timeline.png"
    ax.figure.savefig(path, dpi=80)
    data = path.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 20_000
    pixels = matplotlib.image.imread(path)
    height, width = pixels.shape[:2]
    assert width > 600 and height > 250
    # Not blank: many distinct colours (bands, marks, text).
    colours = {tuple(p) for p in pixels.reshape(-1, pixels.shape[2])[::7].round(2).tolist()}
    assert len(colours) > 20
    matplotlib.pyplot.close(ax.figure)


def test_the_figure_explains_itself(matplotlib):
    ax = kd.plot.timeline("ASEAN")
    assert ax.get_title() == "ROK–ASEAN partnership, 1989–2025: stages, summits and key documents"
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["key documents", "ASEAN-ROK Summit", "ASEAN-ROK Commemorative Summit"]
    legend = ax.figure.legends[0]
    texts = [t.get_text() for t in legend.get_texts()]
    stages = kd.partnerships.lookup("ASEAN").stages
    assert [t.split(" (from")[0] for t in texts[: len(stages)]] == [s.name for s in stages]
    assert "summit held" in texts and "declarations and statements" in texts
    footnote = " ".join(t.get_text() for t in ax.figure.texts)
    assert kd.data_digest()[:12] in footnote
    matplotlib.pyplot.close(ax.figure)


def test_it_draws_on_given_axes_and_takes_a_record(matplotlib):
    figure, ax = matplotlib.pyplot.subplots()
    mekong = kd.partnerships.lookup("Mekong")
    assert kd.plot.timeline(mekong, ax=ax, title="Mekong") is ax
    assert ax.get_title() == "Mekong" and ax.get_legend() is not None
    matplotlib.pyplot.close(figure)


def test_unknown_partnership_is_not_found(matplotlib):
    with pytest.raises(kd.NotFoundError):
        kd.plot.timeline("Atlantis")


def test_importing_plot_does_not_import_matplotlib():
    code = (
        "import sys, korea_diplomacy as kd\n"
        "kd.plot\n"
        "print('matplotlib' in sys.modules, 'pandas' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False False"


def test_without_matplotlib_the_message_names_the_extra():
    code = (
        "import sys\n"
        "sys.modules['matplotlib'] = None  # as if matplotlib were not installed\n"
        "import korea_diplomacy as kd\n"
        "try:\n"
        "    kd.plot.timeline('ASEAN')\n"
        "except ImportError as error:\n"
        "    print(error)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == (
        "kd.plot.timeline needs matplotlib, which is not installed: "
        "pip install 'korea-diplomacy[plot]'"
    )
