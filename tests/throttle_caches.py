"""The shared `throttle` cache as a deployment has it, for tests that count: Redis (db 15 of the Redis at
127.0.0.1:6379, emptied before and after each test) and the database cache (a table made by createcachetable, on
SQLite by default and on PostgreSQL when DATABASE_URL points there). A test that asks for `throttle_cache` runs
once on each; the Redis run is skipped where no Redis answers, except in CI (.ci/run starts one)."""

import os

import pytest
from django.core.cache import caches
from django.core.management import call_command

REDIS_URL = "redis://127.0.0.1:6379/15"
TABLE = "cache_throttle_test"


def _redis_available() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping())
    except redis.RedisError:
        return False


def _use(settings, config: dict) -> None:
    settings.CACHES = {**settings.CACHES, "throttle": config}


@pytest.fixture(params=["redis", "database"])
def throttle_cache(request, transactional_db, django_db_serialized_rollback):
    # A database whose rows other threads' connections see (transactional_db), and only then `settings`: an
    # override taken before the test database exists would point new connections at the development database.
    if request.param == "redis":
        if not _redis_available():
            if os.environ.get("CI"):
                pytest.fail("no Redis at 127.0.0.1:6379: .ci/run starts one")
            pytest.skip("no Redis at 127.0.0.1:6379")
        _use(
            request.getfixturevalue("settings"),
            {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL},
        )
    else:
        _use(
            request.getfixturevalue("settings"),
            {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": TABLE},
        )
        call_command("createcachetable", verbosity=0)
    caches["throttle"].clear()
    yield request.param
    caches["throttle"].clear()
