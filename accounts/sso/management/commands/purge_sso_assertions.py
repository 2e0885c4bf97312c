"""Forget used Entree assertion ids past their expiry (run daily): by then their own time window refuses a replay."""

from django.core.management.base import BaseCommand

from accounts.sso.identities import assertions_purge


class Command(BaseCommand):
    help = "Wist gebruikte inlogverklaringen van Entree die verlopen zijn."

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"{assertions_purge()} verlopen inlogverklaringen gewist.")
