"""A backup restores into a fresh database and loses nothing: same row count in every table, and a canary row."""

import sqlite3
import uuid

import pytest
from django.db import connection

from cms.loader import load_content
from cms.models import Scenario
from ops.backups import backup_database, restore_postgres, restore_sqlite
from tests.factories import ensure_wagtail_roots

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

CANARY = "Kanarie in de back-up: {}"


def _live_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
            counts[table] = cursor.fetchone()[0]
    return counts


def _make_canary() -> str:
    ensure_wagtail_roots()
    load_content()
    text = CANARY.format(uuid.uuid4().hex)
    scenario = Scenario.objects.order_by("key").first()
    scenario.text = text
    scenario.save()
    return text


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite round trip")
def test_sqlite_round_trip(tmp_path):
    canary = _make_canary()
    expected = _live_counts()
    backup = backup_database(tmp_path / "backup.sqlite3")
    restored = tmp_path / "restored.sqlite3"
    restore_sqlite(backup, restored)
    with sqlite3.connect(restored) as db:
        counts = {table: db.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] for table in expected}
        assert db.execute("SELECT COUNT(*) FROM cms_scenario WHERE text = ?", [canary]).fetchone()[0] == 1
    assert counts == expected
    assert expected["cms_scenario"] >= 48


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL round trip")
def test_postgres_round_trip(tmp_path):
    import psycopg

    canary = _make_canary()
    expected = _live_counts()
    backup = backup_database(tmp_path / "backup.dump")
    settings_dict = connection.settings_dict
    fresh = f"restore_{uuid.uuid4().hex[:10]}"
    admin_dsn = dict(
        host=settings_dict["HOST"] or "127.0.0.1",
        port=settings_dict["PORT"] or 5432,
        user=settings_dict["USER"] or "postgres",
        password=settings_dict["PASSWORD"] or None,
    )
    with psycopg.connect(dbname="postgres", autocommit=True, **admin_dsn) as admin:
        admin.execute(f'CREATE DATABASE "{fresh}"')
    try:
        restore_postgres(backup, settings_dict, fresh)
        with psycopg.connect(dbname=fresh, **admin_dsn) as db:
            counts = {table: db.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] for table in expected}
            assert db.execute("SELECT COUNT(*) FROM cms_scenario WHERE text = %s", [canary]).fetchone()[0] == 1
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **admin_dsn) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{fresh}"')
    assert counts == expected


def test_restore_never_overwrites_a_database(tmp_path):
    from ops.backups import BackupError

    existing = tmp_path / "db.sqlite3"
    existing.write_bytes(b"")
    with pytest.raises(BackupError, match="exists"):
        restore_sqlite(tmp_path / "backup.sqlite3", existing)
