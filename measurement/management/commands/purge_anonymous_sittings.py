from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand

from measurement.services import anonymous_sittings_purge


class Command(BaseCommand):
    help = (
        "Delete the 'test jezelf' sittings (with their answers) of visitors without an account that began longer "
        "than ANONYMOUS_ATTEMPT_RETENTION_DAYS ago, as lessons' purge_anonymous_attempts does for practice. "
        "Run it daily (cron or a scheduled task)."
    )

    def handle(self, *args, **options):
        days = settings.ANONYMOUS_ATTEMPT_RETENTION_DAYS
        count = anonymous_sittings_purge(older_than=timedelta(days=days))
        self.stdout.write(
            f"Deleted {count} 'test jezelf' sitting(s) without an account, begun more than {days} days ago."
        )
