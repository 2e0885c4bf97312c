from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ops.backups import BackupError, backup_database


class Command(BaseCommand):
    help = "Back up the database (SQLite online backup, or pg_dump for PostgreSQL) into var/backups/."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="file to write; default var/backups/<engine>-<timestamp>")

    def handle(self, *args, output: str | None = None, **options):
        from django.db import connection

        suffix = "sqlite3" if connection.vendor == "sqlite" else "dump"
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = (
            Path(output) if output else Path(settings.VAR_DIR) / "backups" / f"{connection.vendor}-{stamp}.{suffix}"
        )
        try:
            backup_database(target)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backup written to {target}")
