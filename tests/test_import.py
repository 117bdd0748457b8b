"""Importing is cheap and honest: no data, no cattrs, no dateutil until asked for."""

import subprocess
import sys

import korea_diplomacy as kd


def _run(code):
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def test_import_loads_no_data_and_no_heavy_modules():
    out = _run(
        "import sys, korea_diplomacy\n"
        "import korea_diplomacy.loading as l\n"
        "heavy = ('cattrs', 'dateutil', 'importlib.metadata', 'pandas', 'matplotlib', 'numpy')\n"
        "print(sorted(m for m in heavy if m in sys.modules), l._bundled)"
    )
    assert out == "[] None"


def test_a_lookup_reads_the_files_once():
    out = _run(
        "import korea_diplomacy as kd\n"
        "from korea_diplomacy import loading\n"
        "calls = []\n"
        "real = loading.read_bundled\n"
        "loading.read_bundled = lambda: calls.append(1) or real()\n"
        "kd.mechanisms.lookup('ARF'); kd.mechanisms.lookup('EAS'); kd.funds.lookup('AKCF')\n"
        "print(len(calls))"
    )
    assert out == "1"


def test_dir_lists_exactly_the_public_names():
    assert dir(kd) == sorted(kd.__all__)
    for name in kd.__all__:
        assert getattr(kd, name) is not None


def test_version_comes_from_the_package_metadata():
    from importlib.metadata import version

    assert kd.__version__ == version("korea-diplomacy")


def test_unknown_attribute_is_an_attribute_error():
    try:
        kd.no_such_thing  # noqa: B018
    except AttributeError as error:
        assert "no_such_thing" in str(error)
    else:
        raise AssertionError("expected AttributeError")
