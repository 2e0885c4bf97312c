"""Every URL pattern of ours has a fuzz test: a new endpoint without one fails here.

The fuzz tests register the URL names they cover with `@fuzzes(...)` (base.py). Out of scope: the Django admin
and the Wagtail admin (their own projects test them), and the benchmark view that only exists when BENCH_VIEWS
is set.
"""

import importlib
import pkgutil

from django.urls import URLPattern, URLResolver, get_resolver

import tests.fuzz

from .base import FUZZED

OUT_OF_SCOPE_PREFIXES = ("django-admin/", "admin/", "bench/")


def _patterns(patterns, prefix: str = "", namespace: str = ""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _patterns(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern):
            yield route, f"{namespace}{pattern.name}" if pattern.name else route


def our_url_names() -> dict[str, str]:
    """URL name (or the route, for an unnamed pattern) -> route, for every pattern in scope."""
    return {
        name: route
        for route, name in _patterns(get_resolver().url_patterns)
        if not route.startswith(OUT_OF_SCOPE_PREFIXES)
    }


def test_every_url_pattern_is_fuzzed():
    for module in pkgutil.iter_modules(tests.fuzz.__path__):
        if module.name.startswith("test_"):
            importlib.import_module(f"tests.fuzz.{module.name}")  # each registers what it fuzzes

    ours = our_url_names()
    missing = {name: route for name, route in ours.items() if name not in FUZZED}
    assert not missing, f"URL patterns without a fuzz test in tests/fuzz/: {missing}"
    assert not FUZZED - set(ours), f"fuzz tests name URLs that do not exist: {FUZZED - set(ours)}"
