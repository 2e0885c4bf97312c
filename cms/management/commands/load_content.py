from django.core.management.base import BaseCommand, CommandError

from cms.loader import ContentError, load_content


class Command(BaseCommand):
    help = "Load the Dutch content set (cms/content/*.yaml). Creates only what is missing; never overwrites."

    def handle(self, *args, **options):
        try:
            report = load_content()
        except ContentError as error:
            raise CommandError(f"The content set is invalid: {error}") from error
        if report.total:
            details = ", ".join(f"{count} {kind}" for kind, count in sorted(report.created.items()))
            self.stdout.write(f"Content loaded: {details}.")
        else:
            self.stdout.write("Content is up to date; nothing to load.")
