"""Forget used Entree assertion ids past their expiry (run daily): by then their own time window refuses a replay.
Also forgets pupils who waited for a teacher longer than WAITING_DAYS (accounts/sso/pupil_views.py)."""

from django.core.management.base import BaseCommand

from accounts.sso.identities import assertions_purge, waiting_purge


class Command(BaseCommand):
    help = "Wist verlopen inlogverklaringen en leerlingen die te lang op een docent wachtten."

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"{assertions_purge()} verlopen inlogverklaringen gewist.")
        self.stdout.write(f"{waiting_purge()} wachtende leerlingen gewist.")
