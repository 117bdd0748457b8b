"""The docs: generated pages current, and every example runs."""

from __future__ import annotations

import doctest
import importlib
import importlib.util
import pkgutil
from pathlib import Path

import pytest

import korea_diplomacy
from optional_deps import need

ROOT = Path(__file__).resolve().parents[1]


def _script(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("script", "doc"),
    [
        ("gen_sources_doc", "sources.md"),
        ("gen_model_doc", "data-model.md"),
        ("gen_coverage_doc", "coverage.md"),
    ],
)
def test_generated_doc_is_current(script, doc):
    import korea_diplomacy  # noqa: F401  (the installed package, imported before the script's path)

    text = (ROOT / "docs" / doc).read_text(encoding="utf-8")
    assert text == _script(script).render(), f"run python scripts/{script}.py"


def test_readme_opens_with_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = [b.split("```")[0].strip() for b in readme.split("```sh")[1:3]]
    assert "pip install ." in blocks[0] and "korea-diplomacy" in blocks[0]
    assert "pip install '.[test]'" in blocks[1] and "pytest" in blocks[1]


MODULES = sorted(
    name
    for _, name, _ in pkgutil.walk_packages(korea_diplomacy.__path__, "korea_diplomacy.")
    if name != "korea_diplomacy.__main__"
)


@pytest.mark.parametrize("name", ["korea_diplomacy", *MODULES])
def test_docstring_examples(name):
    for needed in NEEDS.get(name, ()):
        need(needed)
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0


DOCS = Path(__file__).resolve().parents[1] / "docs"


NEEDS = {
    "recipes.md": ("pandas", "matplotlib"),
    "korea_diplomacy.tables": ("pandas",),
    "korea_diplomacy.plot": ("matplotlib",),
}


@pytest.mark.parametrize(
    "page", sorted(p.name for p in DOCS.glob("*.md") if ">>>" in p.read_text())
)
def test_docs_examples(page, tmp_path, monkeypatch):
    for module in NEEDS.get(page, ()):
        need(module)
    monkeypatch.chdir(tmp_path)  # examples that save a file save it here
    result = doctest.testfile(
        str(DOCS / page),
        module_relative=False,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
    )
    assert result.failed == 0 and result.attempted > 0


def test_public_functions_and_classes_have_docstrings_with_examples():
    missing = [
        name
        for name in korea_diplomacy.__all__
        if not name.startswith("_")
        and callable(getattr(korea_diplomacy, name))
        and ">>>" not in (getattr(korea_diplomacy, name).__doc__ or "")
    ]
    assert missing == []


def _api_reference_names():
    """Every function and class the API reference page (docs/api.md) documents."""
    names = []
    for block in (DOCS / "api.md").read_text(encoding="utf-8").split(":::")[1:]:
        lines = block.splitlines()
        module_name = lines[0].strip()
        members = [line.strip()[2:] for line in lines[1:] if line.strip().startswith("- ")]
        try:
            module = importlib.import_module(module_name)
        except ImportError:  # a class path: module.Class
            owner, _, attr = module_name.rpartition(".")
            names.append((owner, attr))
            continue
        for member in members or getattr(module, "__all__", ()):
            names.append((module_name, member))
    return names


@pytest.mark.parametrize(("module", "name"), _api_reference_names())
def test_everything_in_the_api_reference_has_an_example(module, name):
    obj = getattr(importlib.import_module(module), name)
    assert ">>>" in (obj.__doc__ or ""), f"{module}.{name} has no example"


# --------------------------------------------------------------------------- the data pages


@pytest.fixture(scope="module")
def data_pages():
    """The data pages as scripts/gen_data_pages.py writes them: {path under docs/: text}."""
    import korea_diplomacy  # noqa: F401  (the installed package, imported before the script's path)

    return _script("gen_data_pages").render()


def test_the_data_pages_and_their_nav_are_current(data_pages):
    script = _script("gen_data_pages")
    written = {p.relative_to(DOCS).as_posix() for p in (DOCS / "data").rglob("*") if p.is_file()}
    assert written == set(data_pages), "run python scripts/gen_data_pages.py"
    stale = [
        path
        for path, text in data_pages.items()
        if (DOCS / path).read_text(encoding="utf-8") != text
    ]
    assert stale == [], "run python scripts/gen_data_pages.py"
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert config == script.render_config(), "run python scripts/gen_data_pages.py"


def _kinds():
    ds = korea_diplomacy.load()
    return {
        "mechanisms": list(ds.mechanisms),
        "partnerships": list(ds.partnerships),
        "countries": [a for a in ds.actors if a.kind == "country"],
        "funds": list(ds.funds),
    }


def test_every_record_has_a_page_under_its_name_with_its_korean_name(data_pages):
    for folder, records in _kinds().items():
        index = data_pages[f"data/{folder}/index.md"]
        for record in records:
            page = data_pages[f"data/{folder}/{record.id}.md"]
            heading = next(line for line in page.splitlines() if line.startswith("# "))
            assert heading.replace("\\", "") == f"# {record.name}"
            korean = record.name_in("ko")
            if korean:
                assert f"**{korean}**" in page
            assert f"]({record.id}.md)" in index


def test_the_pages_cite_their_sources_with_their_addresses(data_pages):
    ds = korea_diplomacy.load()
    for folder, records in _kinds().items():
        for record in records:
            page = data_pages[f"data/{folder}/{record.id}.md"]
            for citation in record.citations:
                source = ds.sources[citation.source]
                if source.url and source.url.startswith(("http://", "https://")):
                    assert f"<{source.url}>" in page, (record.id, source.id)
                assert source.name.replace("_", "\\_") in page, (record.id, source.id)


def test_the_pages_show_names_not_ids(data_pages):
    ds = korea_diplomacy.load()
    ids = {r.id for name in korea_diplomacy.model.record_classes() for r in ds.collection(name)}
    for path, page in data_pages.items():
        cells = {
            cell.strip()
            for line in page.splitlines()
            if line.startswith("|")
            for cell in line.strip("|").split("|")
        }
        assert not cells & ids, (path, sorted(cells & ids)[:5])


def test_a_mechanism_page_lists_its_meetings_in_date_order_with_their_facts(data_pages):
    eas = korea_diplomacy.mechanisms.lookup("EAS")
    page = data_pages["data/mechanisms/east-asia-summit.md"]
    meetings = korea_diplomacy.meetings.filter(mechanism="east-asia-summit")
    anchors = [page.index(f"{{#{m.id}}}") for m in meetings]
    assert anchors == sorted(anchors)  # the data order is the date order here
    first = meetings[0]
    section = page[anchors[0] : anchors[1]]
    assert first.date.human() in section and first.city in section
    assert "| format | in-person |" in section or first.format is None
    for m in eas.memberships:
        assert f"[{korea_diplomacy.actors[m.member].name}](../countries/{m.member}.md)" in page
    mekong = data_pages["data/mechanisms/mekong-rok-summit.md"]
    declaration = korea_diplomacy.documents["mekong-han-river-declaration"].name
    assert f"| documents | {declaration} |" in mekong
    outcome = korea_diplomacy.meetings["mekong-rok-summit-1"].outcomes[0]
    assert outcome in mekong


def test_a_partnership_page_lists_its_stages(data_pages):
    asean = korea_diplomacy.partnerships.lookup("ASEAN")
    page = data_pages[f"data/partnerships/{asean.id}.md"]
    for stage in asean.stages:
        row = next(line for line in page.splitlines() if f"| {stage.name} |" in line)
        assert row.startswith(f"| {stage.start.human()} |") and f"| {stage.level} |" in row


def test_a_country_page_holds_its_relations_partnership_mechanisms_and_groups(data_pages):
    ds = korea_diplomacy.load()
    page = data_pages["data/countries/vnm.md"]
    relation = ds.relations.lookup("Viet Nam")
    assert f"first established {relation.established.human()}" in page
    assert "[ROK-Viet Nam partnership](../partnerships/rok-vnm.md)" in page
    assert "| [East Asia Summit](../mechanisms/east-asia-summit.md) | 14 Dec 2005 |" in page
    asean = ds.actors["asean"]
    joined = next(m for m in asean.memberships if m.member == "vnm").start.human()
    assert f"| {asean.name} | {joined} |" in page
    russia = data_pages["data/countries/rus.md"]
    assert "Soviet Union" in russia  # relations established with its predecessor
    assert (
        "Relations with it passed on to: [Russia](rus.md)."
        in data_pages["data/countries/soviet-union.md"]
    )
    assert "## Diplomatic relations" not in data_pages["data/countries/kor.md"]


def test_a_fund_page_lists_its_contributions(data_pages):
    akcf = korea_diplomacy.funds.lookup("AKCF")
    page = data_pages[f"data/funds/{akcf.id}.md"]
    for contribution in akcf.contributions:
        row = f"| {contribution.period.human()} | {contribution.kind} | "
        assert row + contribution.amount.human() + " |" in page


def test_every_image_of_the_docs_is_drawn_from_the_data():
    need("matplotlib")
    drawn = set(_script("gen_figures").FIGURES)
    assert drawn == {p.name for p in (DOCS / "images").glob("*.png")}
