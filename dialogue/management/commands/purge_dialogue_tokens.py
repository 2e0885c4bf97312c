"""Forget the anonymous cookie tokens of live-session participants after 30 days (run daily, e.g. from cron)."""

from django.core.management.base import BaseCommand

from dialogue.services import tokens_purge


class Command(BaseCommand):
    help = "Wist de anonieme codes van deelnemers aan live sessies die ouder zijn dan 30 dagen."

    def handle(self, *args, **options) -> None:
        count = tokens_purge()
        self.stdout.write(f"{count} deelnemerscodes gewist.")
