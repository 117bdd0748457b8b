"""The generated docs match the data and the model they describe."""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _script(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("script", "doc"), [("gen_sources_doc", "sources.md"), ("gen_model_doc", "data-model.md")]
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
