"""Optional dependencies in tests: skipped where they are not installed, required in CI.

``.ci/run`` sets ``KOREA_DIPLOMACY_REQUIRE_EXTRAS=1`` after installing every extra, so a test
that needs pandas, matplotlib, jsonschema or frictionless can never be skipped there silently.
"""

from __future__ import annotations

import importlib
import os
from types import ModuleType

import pytest

REQUIRED = os.environ.get("KOREA_DIPLOMACY_REQUIRE_EXTRAS") == "1"


def need(module: str) -> ModuleType:
    """Import ``module``, or skip the test (fail under ``KOREA_DIPLOMACY_REQUIRE_EXTRAS=1``)."""
    if REQUIRED:
        return importlib.import_module(module)
    return pytest.importorskip(module)


def have(module: str) -> bool:
    """Whether ``module`` can be imported (always checked, never skipped)."""
    try:
        importlib.import_module(module)
    except ImportError:
        if REQUIRED:
            raise
        return False
    return True
