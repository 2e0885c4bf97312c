"""Backups that restore into a fresh database and lose nothing.

SQLite: the online backup API copies a consistent snapshot while the site keeps running (no file copy of a live
WAL database). PostgreSQL: `pg_dump --format=custom` and `pg_restore` into an empty database.
"""

import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connections


class BackupError(Exception):
    pass


def _engine(alias: str) -> str:
    return connections[alias].vendor


def _pg_env_and_args(settings_dict: dict, database: str | None = None) -> tuple[dict, list[str]]:
    env = {"PGPASSWORD": settings_dict.get("PASSWORD") or ""}
    args = ["--host", settings_dict.get("HOST") or "127.0.0.1", "--port", str(settings_dict.get("PORT") or 5432)]
    if settings_dict.get("USER"):
        args += ["--username", settings_dict["USER"]]
    args += ["--dbname", database or settings_dict["NAME"]]
    return env, args


def _run(command: list[str], env: dict) -> None:
    import os

    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed (apt-get install -y postgresql-client).")
    result = subprocess.run(command, env={**os.environ, **env}, capture_output=True, text=True, timeout=3600)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[:2000]}")


def backup_database(target: Path, alias: str = "default") -> Path:
    """Write a consistent backup of the database to `target` and return its path."""
    target.parent.mkdir(parents=True, exist_ok=True)
    connection = connections[alias]
    if _engine(alias) == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(target) as destination:
            connection.connection.backup(destination)
        destination.close()
    elif _engine(alias) == "postgresql":
        env, args = _pg_env_and_args(connection.settings_dict)
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(target), *args], env)
    else:
        raise BackupError(f"No backup method for {connection.vendor}.")
    return target


def restore_sqlite(backup: Path, target: Path) -> None:
    """Restore a SQLite backup into a fresh database file (never over a running one)."""
    if target.exists():
        raise BackupError(f"{target} exists; restore into a new file and swap it in while the site is stopped.")
    with sqlite3.connect(backup) as source, sqlite3.connect(target) as destination:
        source.backup(destination)
    destination.close()
    source.close()


def restore_postgres(backup: Path, settings_dict: dict, database: str) -> None:
    """Restore a pg_dump backup into the empty database `database` on the same server."""
    env, args = _pg_env_and_args(settings_dict, database)
    _run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", *args, str(backup)], env)
