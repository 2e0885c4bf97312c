"""The embedded SQLite database is set up for several gunicorn workers writing at once."""

import os
import subprocess
import sys
import threading

import pytest
from django.conf import settings
from django.db.backends.sqlite3.base import DatabaseWrapper

from edu.settings.base import database_from_env


@pytest.fixture(autouse=True)
def _own_database_files(django_db_blocker):
    # These tests open their own SQLite files, never the test database.
    with django_db_blocker.unblock():
        yield


def _connection(path, monkeypatch) -> DatabaseWrapper:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    config = database_from_env()
    config.setdefault("TIME_ZONE", None)
    config.setdefault("AUTOCOMMIT", True)
    config.setdefault("ATOMIC_REQUESTS", False)
    config.setdefault("CONN_HEALTH_CHECKS", False)
    return DatabaseWrapper(config, alias=f"worker-{threading.get_ident()}-{id(config)}")


def test_wal_journal_and_busy_timeout(tmp_path, monkeypatch):
    connection = _connection(tmp_path / "db.sqlite3", monkeypatch)
    with connection.cursor() as cursor:
        assert cursor.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert cursor.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    connection.close()


def test_concurrent_writers_wait_instead_of_failing(tmp_path, monkeypatch):
    path = tmp_path / "db.sqlite3"
    setup = _connection(path, monkeypatch)
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE counter (n INTEGER)")
        cursor.execute("INSERT INTO counter VALUES (0)")
    setup.close()

    errors: list[Exception] = []
    workers, increments = 6, 25

    def work():
        connection = _connection(path, monkeypatch)
        connection.ensure_connection()
        try:
            for _ in range(increments):
                # A read-then-write transaction begun the way transaction.atomic() begins it: with the default
                # DEFERRED mode two of these deadlock on the lock upgrade and one fails with "database is locked".
                connection._start_transaction_under_autocommit()
                with connection.cursor() as cursor:
                    value = cursor.execute("SELECT n FROM counter").fetchone()[0]
                    cursor.execute("UPDATE counter SET n = %s", [value + 1])
                    cursor.execute("COMMIT")
        except Exception as error:  # noqa: BLE001 - any failure is what this test looks for
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    check = _connection(path, monkeypatch)
    with check.cursor() as cursor:
        assert cursor.execute("SELECT n FROM counter").fetchone()[0] == workers * increments
    check.close()


PROBE = """
import sys
import django
django.setup()
from django.urls import resolve
resolve("/admin/")  # loads Wagtail's admin API, and with it Django REST framework
import rest_framework.serializers
import willow.plugins.pillow
for package in ("psycopg", "pillow_heif"):
    try:
        __import__(package)
    except ImportError:
        print(package, "absent")
    else:
        print(package, "loaded")
"""


@pytest.mark.parametrize(
    ("database_url", "psycopg"),
    [("sqlite:///{tmp}/db.sqlite3", "absent"), ("postgres://postgres@127.0.0.1:5432/test", "loaded")],
)
def test_a_worker_loads_only_the_drivers_it_uses(tmp_path, database_url, psycopg):
    """psycopg and libpq only for PostgreSQL, and no HEIC/AVIF decoders (those formats are refused anyway): each
    would cost every worker memory for nothing just because a dependency installed it."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "edu.settings.production",
        "DJANGO_SECRET_KEY": "k" * 60,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url.format(tmp=tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [f"psycopg {psycopg}", "pillow_heif absent"]
