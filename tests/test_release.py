"""The release: version, citation, changelog, classifiers, extras, docs site and CI."""

from __future__ import annotations

import json
import re
from importlib.metadata import metadata
from pathlib import Path

import pytest

import korea_diplomacy as kd
from optional_deps import need

ROOT = Path(__file__).resolve().parents[1]


DOCS = ROOT / "docs"


PYPROJECT = (ROOT / "pyproject.toml").read_text(encoding="utf-8")


VERSION_FILE = (ROOT / "src" / "korea_diplomacy" / "_version.py").read_text(encoding="utf-8")
VERSION = re.search(r'^__version__ = "([^"]+)"', VERSION_FILE, flags=re.MULTILINE).group(1)


METADATA = metadata("korea-diplomacy")


def _citation():
    yaml = need("yaml")  # PyYAML: comes with the test extra (frictionless) and the docs extra
    return yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))


def test_citation_cff_is_valid_cff_1_2_0():
    jsonschema = need("jsonschema")
    schema = json.loads(
        (ROOT / "tests" / "data" / "citation-file-format-1.2.0.schema.json").read_text("utf-8")
    )
    citation = json.loads(json.dumps(_citation(), default=str))  # dates as text, as CFF has them
    errors = list(jsonschema.Draft7Validator(schema).iter_errors(citation))
    assert errors == [], [e.message for e in errors[:3]]


def test_citation_cites_the_software_and_prefers_the_dataset():
    citation = _citation()
    assert citation["type"] == "software"
    assert citation["version"] == VERSION
    assert citation["license"] == "MIT"
    assert citation["preferred-citation"]["type"] == "data"
    assert citation["preferred-citation"]["version"] == VERSION


def test_the_installed_version_is_the_project_version():
    assert kd.__version__ == VERSION


def test_the_changelog_keeps_a_changelog_with_a_data_section():
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "keepachangelog.com" in text
    releases = re.findall(r"^## \[([^\]]+)\]", text, flags=re.MULTILINE)
    assert releases and releases[0] == "Unreleased"
    unreleased = text.split("## [Unreleased]")[1].split("\n## [")[0]
    sections = re.findall(r"^### (\w+)", unreleased, flags=re.MULTILINE)
    assert "Data" in sections
    allowed = {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security", "Data"}
    assert set(sections) <= allowed


def test_classifiers_and_licence():
    assert METADATA.get("License-Expression") == "MIT" or METADATA.get("License") == "MIT"
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    classifiers = METADATA.get_all("Classifier")
    assert "Typing :: Typed" in classifiers
    trove = need("trove_classifiers")
    assert set(classifiers) <= trove.classifiers


def test_extras_name_what_the_optional_features_need():
    requires = METADATA.get_all("Requires-Dist")

    def extra(name):
        return {re.split(r"[\[<>=; ]", r)[0] for r in requires if f"extra == '{name}'" in r}

    assert "pandas" in extra("pandas") and "matplotlib" in extra("plot")
    assert {"jsonschema", "frictionless"} <= extra("test")
    assert {"mkdocs-material", "mkdocstrings-python", "nbclient", "ipykernel"} <= extra("docs")


def test_the_docs_site_lists_every_page():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    nav = set(re.findall(r"^\s+- [^:]+: (\S+\.md)$", config, flags=re.MULTILINE))
    pages = {p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md")}
    assert nav == pages
    extension = re.search(r"- (scripts/\S+\.py):", config).group(1)
    assert (ROOT / extension).exists()


@pytest.mark.parametrize("image", sorted(p.name for p in (DOCS / "images").glob("*.png")))
def test_the_docs_images_are_real_pngs_and_shown(image):
    data = (DOCS / "images" / image).read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 10_000
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert width > 600 and height > 250
    assert any(f"images/{image}" in p.read_text(encoding="utf-8") for p in DOCS.glob("*.md"))


def test_the_tour_notebook_is_clean_and_covers_the_tour():
    notebook = json.loads((DOCS / "examples" / "tour.ipynb").read_text(encoding="utf-8"))
    assert notebook["nbformat"] == 4
    code = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    assert all(not cell["outputs"] and cell["execution_count"] is None for cell in code)
    source = "\n".join("".join(cell["source"]) for cell in code)
    for step in ("lookup(", "status_on(", "filter(", "to_frame(", "plot.timeline(", "data_digest"):
        assert step in source, step


def test_pre_commit_runs_ruff_and_mypy():
    config = (ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    for hook in ("id: ruff", "id: ruff-format", "id: mypy"):
        assert hook in config


def test_ci_builds_the_docs_and_runs_the_notebook():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "mkdocs build --strict" in ci
    assert "docs/examples/tour.ipynb" in ci
    assert "KOREA_DIPLOMACY_REQUIRE_EXTRAS=1" in ci


def test_ci_checks_the_built_site_in_debians_chromium():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    build = ci.index("mkdocs build --strict")
    check = ci.index("scripts/check_site.py")
    assert build < check and "apt-get install -y -qq chromium" in ci[build:check]
    assert "playwright install" not in ci.replace("`playwright install`", "")
    extras = (ROOT / "pyproject.toml").read_text(encoding="utf-8").split("docs = [")[1]
    assert '"playwright' in extras.split("]")[0] and '"mkdocs-jupyter' in extras.split("]")[0]


def test_info_shows_version_digest_and_how_to_cite(capsys):
    from korea_diplomacy.cli import main

    assert main(["info"]) == 0
    out = capsys.readouterr().out
    assert kd.__version__ in out and kd.data_digest() in out and "CITATION.cff" in out
    assert main(["--json", "info"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["data_digest"] == kd.data_digest() and info["licence"] == "MIT"
