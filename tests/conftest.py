import os

from hypothesis import HealthCheck, settings

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
settings.register_profile("dev", max_examples=50, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))
