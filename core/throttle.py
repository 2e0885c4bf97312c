"""Counters for rate limits, in the `throttle` cache that every worker and instance shares (Redis, else the
database), so a limit holds however many gunicorn processes serve the site."""

from django.core.cache import caches
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The address the request came from. Behind a load balancer, have it speak the PROXY protocol to gunicorn
    (--proxy-protocol) so REMOTE_ADDR is the visitor's; a header the client can set itself is never trusted."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def count(key: str, window_seconds: int) -> int:
    """Add one to the counter `key` (which lapses `window_seconds` after its first count) and return it."""
    store = caches["throttle"]
    if store.add(key, 1, window_seconds):
        return 1
    try:
        return store.incr(key)
    except ValueError:  # it lapsed between add and incr
        store.add(key, 1, window_seconds)
        return 1


def counts(keys: list[str]) -> list[int]:
    """The current values of several counters (0 for a lapsed one), in one round trip."""
    found = caches["throttle"].get_many(keys)
    return [found.get(key, 0) for key in keys]
