"""The package: a cheap import, lazy public names, the bundled collections on the module."""

from __future__ import annotations

import subprocess
import sys
import types

import korea_diplomacy as kd
from korea_diplomacy.dataset import VIEWS
from korea_diplomacy.model import record_classes


def test_every_collection_is_on_the_module_and_the_dataset():
    ds = kd.load()
    for name in (*record_classes(), *VIEWS):
        assert getattr(kd, name) is getattr(ds, name)
        assert len(getattr(ds, name)) > 0, name


def _run(code):
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def test_import_loads_no_data_and_no_heavy_modules():
    out = _run(
        "import sys, korea_diplomacy\n"
        "import korea_diplomacy._loading as l\n"
        "heavy = ('cattrs', 'dateutil', 'importlib.metadata', 'pandas', 'matplotlib', 'numpy')\n"
        "print(sorted(m for m in heavy if m in sys.modules), l._bundled)"
    )
    assert out == "[] None"


def test_a_lookup_reads_only_its_own_file_once():
    out = _run(
        "import korea_diplomacy as kd\n"
        "from korea_diplomacy import _bundle\n"
        "calls = []\n"
        "real = _bundle.read_bytes\n"
        "_bundle.read_bytes = lambda name: calls.append(name) or real(name)\n"
        "kd.mechanisms.lookup('ARF'); kd.mechanisms.lookup('EAS'); kd.funds.lookup('AKCF')\n"
        "print(' '.join(calls))"
    )
    assert out == "mechanisms.json manifest.json funds.json"


def test_the_public_names_are_exactly_what_the_package_offers():
    import korea_diplomacy.model as model

    # Each collection is declared once for type checkers (the module's annotations), and
    # those annotations name exactly the record classes' collections and the views.
    assert set(kd.__annotations__) == {*record_classes(), *VIEWS}
    # Every record and value class of the model can be imported from the top level.
    classes = {name for name in model.__all__ if isinstance(getattr(model, name), type)}
    classes -= {"PartnershipLevel", "Qualifier", "RelationStatus"}  # type aliases
    assert classes <= set(kd.__all__), classes - set(kd.__all__)
    # Nothing public is left out of __all__, and everything in it resolves.
    public = {
        name
        for name, value in vars(kd).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType)
    }
    public -= {"annotations", "TYPE_CHECKING", *kd.__annotations__}
    assert public <= set(kd.__all__), public - set(kd.__all__)
    for name in kd.__all__:
        assert getattr(kd, name) is not None, name
    assert dir(kd) == kd.__all__ == sorted(kd.__all__)


def test_the_version_is_the_installed_distributions():
    from importlib.metadata import version

    assert kd.__version__ == version("korea-diplomacy")


def test_unknown_attribute_is_an_attribute_error():
    try:
        kd.no_such_thing  # noqa: B018
    except AttributeError as error:
        assert "no_such_thing" in str(error)
    else:
        raise AssertionError("expected AttributeError")
