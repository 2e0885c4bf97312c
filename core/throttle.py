"""Counters for rate limits, in the `throttle` cache that every worker and instance shares (Redis, else the
database), so a limit holds however many gunicorn processes serve the site.

Counting and deciding are one atomic step: `hit` adds one and returns the new count in a single operation, so
40 requests at once get the numbers 1 to 40 and only the first `limit` of them go on. Reading a count first and
adding to it later (check-then-increment) let bursts overshoot a limit; nothing here does that.

- Redis: `SET key 0 EX window NX` and `INCR key` in one MULTI/EXEC transaction. The window starts at the first
  hit and is never stretched by later ones.
- The database cache (`DatabaseCache`, table from `manage.py createcachetable`): Django's own `incr` there is a
  read and then a write, so two workers can both read 9 and both write 10. Here one statement does it:
  `INSERT … ON CONFLICT (cache_key) DO UPDATE SET value = value + 1 … RETURNING value`, atomic on SQLite (one
  writer at a time) and on PostgreSQL (the conflicting row is locked for the update). These rows hold the count
  as plain digits, not Django's pickled values, so the throttle cache is only ever read and written through
  this module.
- Any other cache (local memory in tests and `make dev`): one process, so a lock makes it atomic.
"""

import random
import threading
from datetime import UTC, datetime, timedelta

from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.redis import RedisCache
from django.db import connections, router
from django.http import HttpRequest

_LOCAL_LOCK = threading.Lock()
_PURGE_CHANCE = 0.01  # a new window now and then deletes the lapsed rows of the database cache


def client_ip(request: HttpRequest) -> str:
    """The address the request came from. Behind a load balancer, have it speak the PROXY protocol to gunicorn
    (--proxy-protocol) so REMOTE_ADDR is the visitor's; a header the client can set itself is never trusted."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def hit(key: str, window_seconds: int) -> int:
    """Add one to the counter `key` (which lapses `window_seconds` after its first hit) and return the new value,
    as one atomic step."""
    store = caches["throttle"]
    if isinstance(store, RedisCache):
        return _redis_hit(store, key, window_seconds)
    if isinstance(store, DatabaseCache):
        return _db_hit(store, key, window_seconds)
    return _local_hit(store, key, window_seconds)


count = hit  # the older name


def give_back(key: str) -> None:
    """Take one off a live counter (never below 0): for a try that `hit` counted in advance and that turned out
    right, such as a correct password. A lapsed counter stays lapsed."""
    store = caches["throttle"]
    if isinstance(store, RedisCache):
        client = store._cache.get_client(key, write=True)
        client.eval(_REDIS_GIVE_BACK, 1, store.make_and_validate_key(key))
    elif isinstance(store, DatabaseCache):
        table, connection = _db_table(store)
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET value = CAST(CAST(value AS INTEGER) - 1 AS TEXT) "  # noqa: S608 (our table name)
                "WHERE cache_key = %s AND expires > %s AND CAST(value AS INTEGER) > 0",
                [store.make_and_validate_key(key), _db_now(connection)],
            )
    else:
        with _LOCAL_LOCK:
            if store.get(key, 0) > 0:
                store.decr(key)  # keeps the key's expiry


def counts(keys: list[str]) -> list[int]:
    """The current values of several counters (0 for a lapsed one), in one round trip."""
    store = caches["throttle"]
    if isinstance(store, DatabaseCache):
        return _db_counts(store, keys)
    found = store.get_many(keys)
    return [int(found.get(key, 0)) for key in keys]


# ---------------------------------------------------------------------------------------------------- Redis

_REDIS_GIVE_BACK = """
if redis.call('EXISTS', KEYS[1]) == 1 and tonumber(redis.call('GET', KEYS[1])) > 0 then
  return redis.call('DECR', KEYS[1])
end
return 0
"""


def _redis_hit(store: RedisCache, key: str, window_seconds: int) -> int:
    full_key = store.make_and_validate_key(key)
    client = store._cache.get_client(key, write=True)
    pipe = client.pipeline(transaction=True)  # MULTI … EXEC
    pipe.set(full_key, 0, ex=window_seconds, nx=True)
    pipe.incr(full_key)
    return int(pipe.execute()[1])


# ---------------------------------------------------------------------------------------------------- database


def _db_table(store: DatabaseCache):
    alias = router.db_for_write(store.cache_model_class)
    connection = connections[alias]
    return connection.ops.quote_name(store._table), connection


def _db_now(connection, seconds: int = 0):
    moment = datetime.now(tz=UTC) + timedelta(seconds=seconds)
    return connection.ops.adapt_datetimefield_value(moment)


def _db_hit(store: DatabaseCache, key: str, window_seconds: int) -> int:
    table, connection = _db_table(store)
    now, expires = _db_now(connection), _db_now(connection, window_seconds)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (cache_key, value, expires) VALUES (%s, '1', %s) "  # noqa: S608 (our table name)
            "ON CONFLICT (cache_key) DO UPDATE SET "
            f"value = CASE WHEN {table}.expires <= %s THEN '1' "
            f"ELSE CAST(CAST({table}.value AS INTEGER) + 1 AS TEXT) END, "
            f"expires = CASE WHEN {table}.expires <= %s THEN excluded.expires ELSE {table}.expires END "
            "RETURNING value",
            [store.make_and_validate_key(key), expires, now, now],
        )
        value = int(cursor.fetchone()[0])
        if value == 1 and random.random() < _PURGE_CHANCE:  # noqa: S311 (not a secret)
            cursor.execute(f"DELETE FROM {table} WHERE expires <= %s", [now])  # noqa: S608
    return value


def _db_counts(store: DatabaseCache, keys: list[str]) -> list[int]:
    if not keys:
        return []
    table, connection = _db_table(store)
    full = {store.make_and_validate_key(key): key for key in keys}
    marks = ", ".join(["%s"] * len(full))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT cache_key, value FROM {table} WHERE cache_key IN ({marks}) AND expires > %s",  # noqa: S608
            [*full, _db_now(connection)],
        )
        found = {full[cache_key]: int(value) for cache_key, value in cursor.fetchall()}
    return [found.get(key, 0) for key in keys]


# ---------------------------------------------------------------------------------------------------- one process


def _local_hit(store, key: str, window_seconds: int) -> int:
    with _LOCAL_LOCK:
        if store.add(key, 1, window_seconds):
            return 1
        try:
            return store.incr(key)
        except ValueError:  # it lapsed between add and incr
            store.add(key, 1, window_seconds)
            return 1
