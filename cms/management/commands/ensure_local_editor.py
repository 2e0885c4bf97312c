"""Creates, once, a local editor account for the Wagtail admin with a generated password, and says how to log in.

The password is random for every new installation (never a fixed default) and is written to var/local-login.txt,
readable only by the owner, so it can be looked up again.
"""

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

USERNAME = "redacteur"


class Command(BaseCommand):
    help = "Create the local editor account on the first run and print the address and the login."

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000")

    def handle(self, *args, url: str, **options):
        login_file = Path(settings.VAR_DIR) / "local-login.txt"
        user_model = get_user_model()
        created_now = False
        if not user_model.objects.filter(username=USERNAME).exists():
            password = secrets.token_urlsafe(12)
            user_model.objects.create_superuser(USERNAME, email="", password=password)
            login_file.parent.mkdir(parents=True, exist_ok=True)
            login_file.write_text(f"username: {USERNAME}\npassword: {password}\n")
            login_file.chmod(0o600)
            created_now = True

        self.stdout.write(f"\nMeer dan een mening runs at {url}/")
        self.stdout.write(f"Wagtail admin: {url}/admin/")
        if created_now:
            self.stdout.write(f"Local editor account created: username '{USERNAME}', password '{password}'")
            self.stdout.write(f"(also saved in {login_file})\n")
        elif login_file.exists():
            self.stdout.write(f"Local editor login: see {login_file}\n")
        else:
            self.stdout.write(f"Local editor account '{USERNAME}' exists (its password was set earlier).\n")
