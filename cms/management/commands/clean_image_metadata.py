"""Strip metadata (EXIF with GPS, XMP, IPTC, comments, text chunks) from images stored before uploads were cleaned.

Uploads have been re-encoded without metadata since cms/images.py; this cleans what was stored earlier, once: a
clean copy replaces each file. Run it after upgrading a site that has older images: `manage.py clean_image_metadata`
(or `--dry-run` first to see which images it would touch). A second run finds nothing to do."""

from django.core.management.base import BaseCommand
from wagtail.images import get_image_model

from cms.images import clean_stored_image


class Command(BaseCommand):
    help = __doc__.splitlines()[0]

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="only list the images that carry metadata")

    def handle(self, *args, dry_run: bool = False, **options):
        found, unreadable = 0, []
        for image in get_image_model().objects.order_by("pk").iterator():
            try:
                cleaned = clean_stored_image(image, dry_run=dry_run)
            except (OSError, ValueError, SyntaxError) as error:  # a missing or damaged file: report, go on
                unreadable.append(f"{image.pk} ({image.file.name}): {error}")
                continue
            if cleaned:
                found += 1
                verb = "carries metadata" if dry_run else "cleaned"
                self.stdout.write(f"{verb}: image {image.pk} ({image.file.name})")
        summary = f"{found} image(s) {'carry metadata' if dry_run else 'cleaned'}"
        self.stdout.write(summary + (f"; {len(unreadable)} could not be read" if unreadable else "") + ".")
        for line in unreadable:
            self.stderr.write(f"could not read image {line}")
