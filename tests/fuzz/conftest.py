"""Hypothesis profiles for the fuzz tests.

"ci" (the default) is deterministic and quick: the same examples every run, no example database written into the
working tree. "deep" runs many more examples and remembers failing ones in var/hypothesis (ignored by git); select
it with HYPOTHESIS_PROFILE=deep for a long local run.
"""

import os
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis.database import DirectoryBasedExampleDatabase

settings.register_profile(
    "ci",
    derandomize=True,
    deadline=None,
    max_examples=40,
    database=None,
    print_blob=True,
    # Long strings are built by repetition (strategies.py), but a few examples still draw much data.
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "deep",
    deadline=None,
    max_examples=1000,
    database=DirectoryBasedExampleDatabase(Path(__file__).resolve().parents[2] / "var" / "hypothesis"),
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
