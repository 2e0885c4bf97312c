from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand

from lessons.practice.services import attempts_purge_anonymous


class Command(BaseCommand):
    help = (
        "Delete the attempts (with their answers) of learners without an account that began longer than "
        "ANONYMOUS_ATTEMPT_RETENTION_DAYS ago. Run it daily (cron or a scheduled task)."
    )

    def handle(self, *args, **options):
        days = settings.ANONYMOUS_ATTEMPT_RETENTION_DAYS
        count = attempts_purge_anonymous(older_than=timedelta(days=days))
        self.stdout.write(f"Deleted {count} attempt(s) without an account, begun more than {days} days ago.")
