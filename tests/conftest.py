import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import korea_diplomacy as kd

# CI runs the same examples every time (derandomize), so a red build is reproducible and never
# a matter of luck; local runs explore new examples and keep failures in .hypothesis/.
settings.register_profile(
    "ci",
    max_examples=200,
    deadline=None,
    derandomize=True,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=10, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

# The suites in subfolders (facts/, properties/) share the helpers beside this file.
sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture
def bundled():
    """The bundled dataset; after the test it must be exactly as it was."""
    ds = kd.load()
    before = (ds.digest(), ds.to_dict(), {name: getattr(kd, name) for name in kd._COLLECTIONS})
    yield ds
    assert kd.load() is ds
    assert ds.digest() == before[0] and ds.to_dict() == before[1]
    assert all(getattr(kd, name) is before[2][name] for name in kd._COLLECTIONS)
