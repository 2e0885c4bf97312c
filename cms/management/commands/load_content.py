from django.core.management.base import BaseCommand, CommandError

from cms.loader import ContentError, load_content


class Command(BaseCommand):
    help = (
        "Load the Dutch content set (cms/content/*.yaml). Creates what is missing and updates what the loader wrote "
        "and nobody changed since; an editor's change or deletion always stays."
    )

    def handle(self, *args, **options):
        try:
            report = load_content()
        except ContentError as error:
            raise CommandError(f"The content set is invalid: {error}") from error
        if report.created:
            details = ", ".join(f"{count} {kind}" for kind, count in sorted(report.created.items()))
            self.stdout.write(f"Content loaded: {details}.")
        if report.updated:
            details = ", ".join(f"{count} {kind}" for kind, count in sorted(report.updated.items()))
            self.stdout.write(f"Content updated: {details}.")
        for line in report.skipped:
            self.stdout.write(f"Not updated: {line}")
        if not report.total and not report.skipped:
            self.stdout.write("Content is up to date; nothing to load.")
