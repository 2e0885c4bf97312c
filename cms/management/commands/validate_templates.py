"""Compiles every project template, so a syntax error fails `make lint` instead of a user's page."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.template import TemplateSyntaxError
from django.template.loader import get_template


class Command(BaseCommand):
    help = "Compile every template under templates/ and the apps' template folders."

    def handle(self, *args, **options):
        roots = [Path(d) for d in settings.TEMPLATES[0]["DIRS"]]
        roots += [Path(settings.BASE_DIR) / app / "templates" for app in ("cms", "lessons", "dialogue")]
        errors, count = [], 0
        for root in roots:
            for path in sorted(root.rglob("*.html")) if root.exists() else []:
                name = str(path.relative_to(root))
                try:
                    get_template(name)
                    count += 1
                except TemplateSyntaxError as error:
                    errors.append(f"{name}: {error}")
        if errors:
            raise CommandError("Template errors:\n" + "\n".join(errors))
        self.stdout.write(f"{count} templates compile.")
