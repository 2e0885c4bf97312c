from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from ops.backups import BackupError, restore_postgres, restore_sqlite


class Command(BaseCommand):
    help = (
        "Restore a backup into a FRESH database: for SQLite a new file (--into path), for PostgreSQL an empty "
        "database on the same server (--into name). Then point DATABASE_URL at it."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup")
        parser.add_argument("--into", required=True)

    def handle(self, *args, backup: str, into: str, **options):
        try:
            if connection.vendor == "sqlite":
                restore_sqlite(Path(backup), Path(into))
            else:
                restore_postgres(Path(backup), connection.settings_dict, into)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored {backup} into {into}")
