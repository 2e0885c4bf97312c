"""Helpers for tests that write from several threads at once."""

import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from django.db import OperationalError, connection, connections


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


def at_once(action: Callable[[], object], n: int) -> list:
    """Run `action` n times from n threads that start together; each thread closes its database connection."""
    start = threading.Barrier(n)

    def run(_):
        start.wait()
        try:
            return waiting_for_sqlite_locks(action)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=n) as pool:
        return list(pool.map(run, range(n)))
