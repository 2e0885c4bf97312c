"""The embedded SQLite database is set up for several gunicorn workers writing at once."""

import threading

import pytest
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
