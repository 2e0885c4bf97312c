from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand

from accounts.services import classes_purge_archived


class Command(BaseCommand):
    help = (
        "Delete classes archived longer than ARCHIVED_CLASS_RETENTION_DAYS ago, with their students' accounts, "
        "attempts and answers. Run it daily (cron or a scheduled task)."
    )

    def handle(self, *args, **options):
        days = settings.ARCHIVED_CLASS_RETENTION_DAYS
        count = classes_purge_archived(older_than=timedelta(days=days))
        self.stdout.write(f"Deleted {count} class(es) archived more than {days} days ago.")
