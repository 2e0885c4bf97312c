"""Editors' uploads through the real Wagtail admin views: limits and formats give a Dutch form error (never a 500,
never a stored row), and every stored image has lost its metadata but kept its orientation (cms/images.py)."""

import random
import struct
import zlib
from io import BytesIO

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from PIL import ExifTags, Image, ImageCms, ImageSequence, PngImagePlugin
from wagtail.documents.models import Document
from wagtail.images.models import Image as WagtailImage
from wagtail.models import Collection, UploadedFile

from cms.images import UNREADABLE

pytestmark = pytest.mark.django_db

SECRET = "GEHEIM-Dorpsstraat-12"  # written into every kind of metadata below; must not survive
XMP = (
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    f'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>{SECRET}</dc:creator>'
    "</rdf:Description></rdf:RDF></x:xmpmeta>"
)
LEFT, RIGHT = (0, 0, 255), (255, 0, 0)  # the left half blue, the right half red


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("redacteur", password="geheim-wachtwoord")
    client.force_login(user)
    return client


# ---------------------------------------------------------------------------------------------------- test images


def _picture(size=(60, 40)) -> Image.Image:
    """Two halves, so a wrong orientation shows in the pixels."""
    image = Image.new("RGB", size, RIGHT)
    image.paste(LEFT, (0, 0, size[0] // 2, size[1]))
    return image


def _exif_with_gps(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = SECRET
    exif[ExifTags.Base.ImageDescription] = SECRET
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (52.0, 22.0, 1.5)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (4.0, 53.0, 2.5)
    return exif


def _encode(image: Image.Image, image_format: str, **options) -> bytes:
    output = BytesIO()
    image.save(output, image_format, **options)
    return output.getvalue()


def phone_jpeg() -> bytes:
    """A phone photo: stored sideways with 'rotate 90° clockwise' in EXIF, GPS, XMP, a comment, a colour profile."""
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    sideways = _picture().transpose(Image.Transpose.ROTATE_90)  # what the sensor wrote; orientation 6 undoes it
    return _encode(
        sideways, "JPEG", exif=_exif_with_gps(orientation=6), xmp=XMP.encode(), comment=SECRET, icc_profile=srgb
    )


def png_with_text() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", SECRET)
    info.add_text("Author", SECRET, zip=True)
    info.add_itxt("XML:com.adobe.xmp", XMP)
    return _encode(_picture(), "PNG", pnginfo=info, exif=_exif_with_gps())


def decompression_bomb() -> bytes:
    """A valid PNG of 20,000 × 20,000 black pixels in about 50 kB. Built by hand: Pillow would need the pixels."""
    width = height = 20_000
    row = b"\x00" + bytes(width // 8)  # filter byte + one bit a pixel
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit greyscale
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'


# ---------------------------------------------------------------------------------------------------- helpers


def upload(editor, name: str, content: bytes, title: str = "Foto"):
    """The single-upload form at /admin/images/add/."""
    file = SimpleUploadedFile(name, content)
    return editor.post(reverse("wagtailimages:add"), {"title": title, "file": file, "collection": _root()})


def upload_multiple(editor, name: str, content: bytes, **extra):
    """What the admin's "add images" page sends for each file (an AJAX POST)."""
    data = {"files[]": SimpleUploadedFile(name, content), "collection": _root(), **extra}
    return editor.post(reverse("wagtailimages:add_multiple"), data, headers={"x-requested-with": "XMLHttpRequest"})


def _root() -> int:
    return Collection.get_first_root_node().pk


def stored(image: WagtailImage) -> tuple[bytes, Image.Image]:
    with image.file.open("rb") as file:
        data = file.read()
    return data, Image.open(BytesIO(data))


def assert_clean(data: bytes, picture: Image.Image) -> None:
    assert SECRET.encode() not in data
    assert b"Exif" not in data and b"xmpmeta" not in data
    exif = picture.getexif()
    assert len(exif) == 0
    assert not exif.get_ifd(ExifTags.IFD.GPSInfo)
    assert not {"exif", "xmp", "XML:com.adobe.xmp", "comment", "Comment", "Author"} & picture.info.keys()


def assert_refused(response, message: str) -> None:
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not WagtailImage.objects.exists()


# ---------------------------------------------------------------------------------------------------- settings


def test_the_limits_and_formats_are_set():
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 10 * 1024 * 1024
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 40_000_000
    assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS
    assert settings.WAGTAILIMAGES_IMAGE_FORM_BASE == "cms.images.ImageForm"
    assert not {"svg", "html", "htm", "js"} & set(settings.WAGTAILDOCS_EXTENSIONS)


# ---------------------------------------------------------------------------------------------------- stripping


def test_a_phone_photo_loses_gps_and_all_metadata_and_stays_upright(editor):
    response = upload(editor, "vakantie.jpg", phone_jpeg())
    assert response.status_code == 302
    image = WagtailImage.objects.get()
    data, picture = stored(image)
    assert picture.format == "JPEG"
    assert_clean(data, picture)
    assert picture.size == (60, 40) == (image.width, image.height)  # turned upright, as the phone showed it
    assert _close(picture.getpixel((5, 20)), LEFT) and _close(picture.getpixel((55, 20)), RIGHT)
    assert picture.info.get("icc_profile")  # the colour profile stays: it only says how to show the colours
    assert image.file_size == len(data)


def test_a_png_loses_its_text_chunks(editor):
    original = png_with_text()
    assert SECRET.encode() in original
    assert upload(editor, "schema.png", original).status_code == 302
    data, picture = stored(WagtailImage.objects.get())
    assert_clean(data, picture)
    assert picture.getpixel((5, 5)) == LEFT


def test_renditions_carry_no_metadata_either(editor):
    upload(editor, "vakantie.jpg", phone_jpeg())
    rendition = WagtailImage.objects.get().get_rendition("width-30")
    with rendition.file.open("rb") as file:
        data = file.read()
    picture = Image.open(BytesIO(data))
    assert_clean(data, picture)
    assert picture.size == (30, 20)


@pytest.mark.parametrize(
    ("name", "content", "image_format"),
    [
        ("gewoon.png", _encode(_picture(), "PNG"), "PNG"),
        ("gewoon.jpeg", _encode(_picture(), "JPEG"), "JPEG"),
        ("gewoon.webp", _encode(_picture(), "WEBP", exif=_exif_with_gps(), xmp=XMP.encode()), "WEBP"),
        ("gewoon.gif", _encode(_picture().convert("P"), "GIF", comment=SECRET), "GIF"),
        # A phone's JPEG with a second picture (a preview or depth map) in it: stored as a plain JPEG.
        (
            "telefoon.jpg",
            _encode(_picture(), "MPO", save_all=True, append_images=[_picture()], exif=_exif_with_gps()),
            "JPEG",
        ),
    ],
    ids=["png", "jpeg", "webp", "gif", "mpo"],
)
def test_ordinary_images_still_work(editor, name, content, image_format):
    assert upload(editor, name, content).status_code == 302
    image = WagtailImage.objects.get()
    data, picture = stored(image)
    assert picture.format == image_format
    assert (image.width, image.height) == picture.size == (60, 40)
    assert_clean(data, picture)
    assert image.get_rendition("width-20").width == 20


def test_an_animated_gif_keeps_its_frames(editor):
    frames = [Image.new("RGB", (20, 20), colour).convert("P") for colour in ("red", "lime", "blue")]
    content = _encode(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0, comment=SECRET)
    assert upload(editor, "bewegend.gif", content).status_code == 302
    data, picture = stored(WagtailImage.objects.get())
    assert SECRET.encode() not in data
    assert [frame.convert("RGB").getpixel((1, 1)) for frame in ImageSequence.Iterator(picture)] == [
        (255, 0, 0),
        (0, 255, 0),
        (0, 0, 255),
    ]


def test_the_multiple_upload_strips_too(editor):
    response = upload_multiple(editor, "vakantie.jpg", phone_jpeg())
    assert response.status_code == 200 and response.json()["success"] is True
    data, picture = stored(WagtailImage.objects.get())
    assert_clean(data, picture)
    assert picture.size == (60, 40)


def test_the_image_chooser_upload_strips_too(editor):
    """The upload tab of the image chooser, as used for a scenario's image."""
    file = SimpleUploadedFile("bericht.jpg", phone_jpeg())
    data = {"image-chooser-upload-title": "Bericht", "image-chooser-upload-file": file}
    data["image-chooser-upload-collection"] = _root()
    response = editor.post(reverse("wagtailimages_chooser:create"), data)
    assert response.status_code == 200
    assert response.json()["step"] == "chosen"
    content, picture = stored(WagtailImage.objects.get())
    assert_clean(content, picture)


def test_replacing_the_file_of_an_image_strips_too(editor):
    upload(editor, "eerst.png", _encode(_picture(), "PNG"))
    image = WagtailImage.objects.get()
    file = SimpleUploadedFile("daarna.jpg", phone_jpeg())
    response = editor.post(
        reverse("wagtailimages:edit", args=[image.pk]), {"title": "Foto", "file": file, "collection": _root()}
    )
    assert response.status_code == 302
    image.refresh_from_db()
    data, picture = stored(image)
    assert_clean(data, picture)
    assert picture.format == "JPEG" and picture.size == (60, 40)

    response = editor.post(reverse("wagtailimages:edit", args=[image.pk]), {"title": "Nieuw", "collection": _root()})
    assert response.status_code == 302  # a new title without a new file keeps the file
    image.refresh_from_db()
    assert (image.title, stored(image)[0]) == ("Nieuw", data)


# ---------------------------------------------------------------------------------------------------- refusals


@override_settings(WAGTAILIMAGES_MAX_UPLOAD_SIZE=2_000)
def test_a_file_that_is_too_large_is_refused_in_dutch(editor):
    noise = Image.frombytes("RGB", (60, 60), random.Random(1).randbytes(60 * 60 * 3))  # does not compress
    assert_refused(upload(editor, "groot.png", _encode(noise, "PNG")), "Dit bestand is te groot")
    response = upload_multiple(editor, "groot.png", _encode(noise, "PNG"))
    assert response.status_code == 200 and response.json()["success"] is False
    assert "Dit bestand is te groot" in response.json()["error_message"]
    assert not WagtailImage.objects.exists()


@override_settings(WAGTAILIMAGES_MAX_IMAGE_PIXELS=10_000)
def test_an_image_with_too_many_pixels_is_refused_in_dutch(editor):
    content = _encode(Image.new("RGB", (200, 200)), "PNG")
    assert_refused(upload(editor, "breed.png", content), "Deze afbeelding bevat teveel pixels")


def test_a_decompression_bomb_is_refused_in_dutch(editor):
    bomb = decompression_bomb()
    assert len(bomb) < 100_000
    assert_refused(upload(editor, "bom.png", bomb), "Deze afbeelding bevat teveel pixels")
    response = upload_multiple(editor, "bom.png", bomb)
    assert response.status_code == 200 and response.json()["success"] is False
    assert not WagtailImage.objects.exists()


@pytest.mark.parametrize(
    "content",
    [
        b"\x89PNG\r\n\x1a\n" + b"kapot" * 50,  # a PNG signature, then nonsense
        _encode(_picture(), "JPEG")[:300],  # a sound header, the pixels cut off
        _encode(_picture(), "PNG")[:-30],  # the end missing
    ],
    ids=["garbage", "truncated-jpeg", "truncated-png"],
)
def test_a_corrupt_file_is_a_form_error_not_a_server_error(editor, content):
    name = "kapot.jpg" if content.startswith(b"\xff\xd8") else "kapot.png"
    assert_refused(upload(editor, name, content), UNREADABLE)
    response = upload_multiple(editor, name, content)
    assert response.status_code == 200 and response.json() == {"success": False, "error_message": UNREADABLE}


def test_svg_is_refused_also_when_renamed_to_png(editor):
    assert_refused(upload(editor, "logo.svg", SVG), "Geen ondersteund afbeeldingsformaat")
    assert_refused(upload(editor, "logo.png", SVG), "logo")  # the form is shown again …
    assert "Geen geldige .png afbeelding" in upload(editor, "logo.png", SVG).content.decode()  # … with this error
    response = upload_multiple(editor, "logo.png", SVG)
    assert response.json()["success"] is False
    assert not WagtailImage.objects.exists()


def test_a_multiple_upload_with_another_error_is_not_parked_unchecked(editor):
    """Wagtail would keep such a file as an UploadedFile, untouched, until the title is fixed."""
    response = upload_multiple(editor, "vakantie.jpg", phone_jpeg(), title="")
    assert response.json()["success"] is False
    assert "Titel" in response.json()["error_message"]
    assert not UploadedFile.objects.exists() and not WagtailImage.objects.exists()


# ---------------------------------------------------------------------------------------------------- documents


def _upload_document(editor, name: str, content: bytes):
    file = SimpleUploadedFile(name, content)
    return editor.post(reverse("wagtaildocs:add"), {"title": "Handout", "file": file, "collection": _root()})


def test_a_pdf_document_is_accepted(editor):
    assert _upload_document(editor, "handout.pdf", b"%PDF-1.4\n%%EOF\n").status_code == 302
    assert Document.objects.count() == 1


@pytest.mark.parametrize("name", ["tekening.svg", "pagina.html", "script.js"])
def test_documents_that_a_browser_would_run_are_refused(editor, name):
    response = _upload_document(editor, name, SVG)
    assert response.status_code == 200
    assert "niet toegestaan" in response.content.decode()
    assert not Document.objects.exists()


@override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=100)
def test_a_document_that_is_too_large_is_refused_in_dutch(editor):
    response = _upload_document(editor, "handout.pdf", b"%PDF-1.4\n" + b"x" * 200)
    assert response.status_code == 200
    assert "Dit bestand is te groot" in response.content.decode()
    assert not Document.objects.exists()


def _close(pixel, expected, tolerance: int = 40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, expected, strict=True))
