"""Helpers for tests that write from several threads at once."""

import time
from collections.abc import Callable

from django.db import OperationalError, connection


def waiting_for_sqlite_locks[T](action: Callable[[], T], tries: int = 500) -> T:
    """Run `action`, retrying while SQLite reports a lock. SQLite's shared in-memory test database reports a lock
    at once ("database table is locked") where the file database of a deployment waits for it (busy_timeout); this
    waits the same way. PostgreSQL waits by itself, so there nothing is retried."""
    for _ in range(tries):
        try:
            return action()
        except OperationalError as error:
            if not (connection.vendor == "sqlite" and "locked" in str(error)):
                raise
            time.sleep(0.01)
    raise AssertionError("the database stayed locked")
