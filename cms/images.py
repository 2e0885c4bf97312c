"""Editors' image uploads: checked, then re-encoded without metadata before anything is stored.

Wagtail builds every image upload form from WAGTAILIMAGES_IMAGE_FORM_BASE: the single upload, the multiple upload's
AJAX requests, the upload tab of the image chooser (a scenario's image) and replacing an image's file. So
`ImageForm` below is the one place every uploaded image passes.

The checks are Wagtail's own, with its Dutch messages: WAGTAILIMAGES_MAX_UPLOAD_SIZE, WAGTAILIMAGES_MAX_IMAGE_PIXELS
(which also catches decompression bombs) and WAGTAILIMAGES_EXTENSIONS (no SVG: it can carry scripts; an SVG renamed
to .png fails Wagtail's check that the content matches the extension). Wagtail only reads an image's header, and
lets Pillow's errors on a broken header through as a server error; here any file Pillow cannot read is a form error.

A photo can tell where it was taken (EXIF GPS), with what camera, when and by whom (EXIF, XMP, IPTC, comments, PNG
text chunks). Re-encoding with Pillow keeps only the pixels: the EXIF orientation is applied to them first, so a
phone photo stays upright, and the colour profile is kept (it only says how to show the colours). Renditions are
made from this clean original, so they carry nothing either.

Images stored before this cleaning existed are cleaned by `manage.py clean_image_metadata` (`clean_stored_image`).
"""

from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db import transaction
from PIL import Image, ImageOps, ImageSequence
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm
from wagtail.utils.file import hash_filelike

UNREADABLE = "Dit bestand kunnen we niet openen als afbeelding. Misschien is het beschadigd. Kies een ander bestand."
NOT_SAVED = "Deze afbeelding is niet opgeslagen. {problems}"

# Per frame, only what the pixels need to look right; everything else in `info` is left behind.
_FRAME_INFO = ("transparency", "duration")


class CheckedImageField(WagtailImageField):
    """Wagtail's checks, with a form error instead of a server error for a file Pillow cannot read."""

    def to_python(self, data):
        try:
            return super().to_python(data)
        except ValidationError:
            raise
        except Exception as error:  # noqa: BLE001 (Pillow raises OSError, SyntaxError, ValueError, … on bad files)
            raise ValidationError(UNREADABLE, code="invalid_image") from error


class ImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:  # Wagtail's form factory picks the field class itself, so swap it here
            field = self.fields["file"]
            self.fields["file"] = CheckedImageField(
                label=field.label, required=field.required, widget=field.widget, max_length=field.max_length
            )

    def clean_file(self):
        file = self.cleaned_data["file"]
        if not isinstance(file, UploadedFile):  # editing an image without choosing a new file
            return file
        try:
            return without_metadata(file)
        except Exception as error:  # noqa: BLE001 (a file with a sound header can still fail to decode)
            raise ValidationError(UNREADABLE, code="invalid_image") from error

    def clean(self):
        """Refuse a new upload whose other fields fail. Wagtail's multiple upload would otherwise park the file
        unchecked and unstripped (wagtail.models.UploadedFile) until the editor fixes the title, and then store it
        without this form's file cleaning."""
        cleaned_data = super().clean()
        problems = [
            f"{self.fields[name].label}: {' '.join(errors)}"
            for name, errors in self.errors.items()
            if name in self.fields and name != "file"
        ]
        if "file" in self.fields and self.instance.pk is None and problems and "file" not in self.errors:
            self.add_error("file", NOT_SAVED.format(problems=" ".join(problems)))
        return cleaned_data


def without_metadata(file: UploadedFile) -> SimpleUploadedFile:
    """The image re-encoded in its own format, with only its pixels, orientation and colour profile."""
    file.seek(0)
    with Image.open(file) as image:
        image_format = "JPEG" if image.format == "MPO" else image.format  # a phone's JPEG with a depth map or preview
        options = {}
        if image.info.get("icc_profile"):
            options["icc_profile"] = image.info["icc_profile"]
        if image_format != "JPEG" and getattr(image, "n_frames", 1) > 1:  # animated GIF, WebP or PNG: every frame
            if "loop" in image.info:
                options["loop"] = image.info["loop"]
            frames = [_bare(frame.copy()) for frame in ImageSequence.Iterator(image)]
            durations = [frame.info.get("duration") for frame in frames]
            options.update(save_all=True, append_images=frames[1:])
            if None not in durations:
                options["duration"] = durations
            clean = frames[0]
        else:
            ImageOps.exif_transpose(image, in_place=True)
            clean = _bare(image)
            if image.format == "JPEG":  # the original's quality settings: no visible loss, no larger file
                options.update(quality="keep", subsampling="keep")
            elif image_format == "JPEG":
                options["quality"] = 90
        if image_format == "WEBP":
            options.setdefault("quality", 90)
        output = BytesIO()
        clean.save(output, image_format, **options)
    return SimpleUploadedFile(file.name, output.getvalue(), content_type=file.content_type)


def _bare(image: Image.Image) -> Image.Image:
    image.info = {key: image.info[key] for key in _FRAME_INFO if key in image.info}
    return image


# What a file may hold besides its pixels: how to decode and show them (frames, timing, colours, density). Anything
# else (EXIF, XMP, IPTC, comments, PNG text chunks, a phone's second picture) counts as metadata.
_DISPLAY_INFO = {
    *_FRAME_INFO,
    *("icc_profile", "loop", "background", "version", "extension", "timestamp", "dpi", "aspect", "gamma"),
    *("chromaticity", "srgb", "progressive", "progression", "adobe", "adobe_transform"),
    *("jfif", "jfif_version", "jfif_unit", "jfif_density"),
}


def carries_metadata(data: bytes) -> bool:
    """True when a stored file holds anything beyond its pixels and what it takes to show them."""
    with Image.open(BytesIO(data)) as image:
        return image.format == "MPO" or bool(image.getexif()) or bool(set(image.info) - _DISPLAY_INFO)


def clean_stored_image(image, *, dry_run: bool = False) -> bool:
    """Re-encode an image stored before uploads were cleaned and drop its renditions (they are made again, from the
    clean file, when next shown). False when it was clean already.

    The clean copy is stored and recorded first; only then do the old file and its renditions leave the disk, so a
    failure halfway loses no picture. A photo turned upright by its EXIF orientation has its width and height
    swapped, so its focal point, set on the old orientation, is cleared."""
    with image.open_file() as file:
        data = file.read()
    if not carries_metadata(data):
        return False
    if dry_run:
        return True
    clean = without_metadata(SimpleUploadedFile(image.file.name, data)).read()
    with Image.open(BytesIO(clean)) as picture:
        width, height = picture.size
    storage, old_name = image.file.storage, image.file.name
    new_name = storage.save(old_name, ContentFile(clean))  # a name of its own: the old file still exists
    turned = (width, height) != (image.width, image.height)
    image.file.name, image.width, image.height = new_name, width, height
    image.file_size, image.file_hash = len(clean), hash_filelike(BytesIO(clean))
    if turned:
        image.focal_point_x = image.focal_point_y = image.focal_point_width = image.focal_point_height = None
    renditions = list(image.renditions.all())
    with transaction.atomic():
        image.save()
        image.renditions.all().delete()
    for rendition in renditions:
        rendition.file.storage.delete(rendition.file.name)
    storage.delete(old_name)
    return True
