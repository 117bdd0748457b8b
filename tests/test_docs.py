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
