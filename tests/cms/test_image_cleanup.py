"""`manage.py clean_image_metadata`: images stored before uploads were cleaned (cms/images.py) are replaced by a clean
copy (the old file leaves the disk), turned upright, lose the renditions made from the old file, and a second run
finds nothing to do."""

import io
from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from PIL import Image
from wagtail.images.models import Image as WagtailImage
from wagtail.images.rect import Rect

from cms.images import carries_metadata

from .test_image_uploads import (
    LEFT,
    SECRET,
    XMP,
    _close,
    _encode,
    _exif_with_gps,
    _picture,
    assert_clean,
    phone_jpeg,
    png_with_text,
    stored,
)

pytestmark = pytest.mark.django_db


def stored_before_cleaning(name: str, content: bytes) -> WagtailImage:
    """As an upload was stored before cms/images.py existed: the file exactly as sent."""
    image = WagtailImage.objects.create(title=name, file=ContentFile(content, name=name))
    assert SECRET.encode() in stored(image)[0] or carries_metadata(stored(image)[0])
    return image


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("clean_image_metadata", *args, stdout=out)
    return out.getvalue()


def test_an_old_phone_photo_is_cleaned_in_place_turned_upright_and_its_renditions_dropped():
    image = stored_before_cleaning("vakantie.jpg", phone_jpeg())
    image.set_focal_point(Rect(5, 5, 15, 15))  # set on the sideways picture: meaningless once it is turned
    image.save()
    old_rendition = image.get_rendition("width-20")
    old_rendition_path = old_rendition.file.path
    old_name, storage = image.file.name, image.file.storage
    assert (image.width, image.height) == (40, 60)  # stored sideways, as the phone's sensor saw it

    assert "1 image(s) cleaned" in run()

    image.refresh_from_db()
    data, picture = stored(image)
    assert_clean(data, picture)
    assert image.file.name != old_name and not storage.exists(old_name)  # the file with the GPS position is gone
    assert picture.size == (60, 40) == (image.width, image.height)  # turned upright
    assert _close(picture.getpixel((5, 20)), LEFT)
    assert image.file_size == len(data) and image.file_hash
    assert image.focal_point_x is None and image.get_focal_point() is None
    assert not image.renditions.exists()
    assert not old_rendition.file.storage.exists(old_rendition_path)
    assert_clean(*_rendition_bytes(image.get_rendition("width-20")))  # made again, from the clean file


def _rendition_bytes(rendition):
    with rendition.file.open("rb") as file:
        data = file.read()
    return data, Image.open(BytesIO(data))


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("schema.png", png_with_text()),
        ("gewoon.webp", _encode(_picture(), "WEBP", exif=_exif_with_gps(), xmp=XMP.encode())),
        ("gewoon.gif", _encode(_picture().convert("P"), "GIF", comment=SECRET)),
        ("dubbel.jpg", _encode(_picture(), "MPO", save_all=True, append_images=[_picture()], exif=_exif_with_gps())),
    ],
)
def test_every_format_is_cleaned_and_a_second_run_finds_nothing(name, content):
    image = stored_before_cleaning(name, content)
    assert "1 image(s) cleaned" in run()
    image.refresh_from_db()
    data, picture = stored(image)
    assert_clean(data, picture)
    assert not carries_metadata(data)
    assert "0 image(s) cleaned" in run()


def test_a_clean_image_and_a_dry_run_change_nothing():
    clean = WagtailImage.objects.create(title="schoon", file=ContentFile(_encode(_picture(), "PNG"), name="s.png"))
    dirty = stored_before_cleaning("vakantie.jpg", phone_jpeg())

    def on_disk() -> dict[int, bytes]:  # read afresh: a model object keeps the content it was created with
        return {image.pk: stored(image)[0] for image in WagtailImage.objects.all()}

    before = on_disk()
    output = run("--dry-run")

    assert f"carries metadata: image {dirty.pk}" in output and "1 image(s) carry metadata" in output
    assert f"image {clean.pk} " not in output
    assert on_disk() == before
    assert "1 image(s) cleaned" in run()
    after = on_disk()
    assert after[clean.pk] == before[clean.pk]  # a clean file is never re-encoded
    assert after[dirty.pk] != before[dirty.pk]


def test_a_missing_file_is_reported_and_the_others_are_still_cleaned():
    missing = stored_before_cleaning("weg.jpg", phone_jpeg())
    missing.file.storage.delete(missing.file.name)
    dirty = stored_before_cleaning("vakantie.jpg", phone_jpeg())
    err = io.StringIO()
    out = io.StringIO()
    call_command("clean_image_metadata", stdout=out, stderr=err)
    assert "1 image(s) cleaned; 1 could not be read" in out.getvalue()
    assert f"could not read image {missing.pk}" in err.getvalue()
    dirty.refresh_from_db()
    assert_clean(*stored(dirty))
