"""Cache versions: one number in the shared cache that a family of cached copies is keyed by.

A change "bumps" the number and every copy stored under the old one goes stale at once, on every worker and
machine that shares the cache; nothing has to be found and deleted. Used by the anonymous page cache (any publish),
a learner's attempt responses (any stored step) and the live dialogue polls (any change by the host).

A lost number (evicted, or lapsed) is replaced by a fresh random one rather than restarting at 1, so a copy stored
under an earlier number can never be served again by accident.
"""

import secrets

from django.core.cache import cache


def new_version() -> int:
    """A number nobody used before: 60 random bits."""
    return secrets.randbits(60)


def version_get(key: str, *, timeout: int | None = None) -> int:
    """The current version under `key`; a missing one is created (by whoever asks first, if several ask at once)."""
    current = cache.get(key)
    if current is None:
        cache.add(key, new_version(), timeout)
        current = cache.get(key)
    return current if current is not None else new_version()  # a cache that keeps nothing: never a hit


def version_bump(key: str, *, timeout: int | None = None) -> None:
    """Every copy keyed by the current version goes stale."""
    try:
        cache.incr(key)
    except ValueError:  # nothing stored yet, or evicted: start from a number nobody used
        cache.set(key, new_version(), timeout)


def version_set_many(keys: list[str], *, timeout: int | None = None) -> int:
    """One new version under several keys at once (a thing reached by more than one name); returns it."""
    version = new_version()
    cache.set_many(dict.fromkeys(keys, version), timeout)
    return version
