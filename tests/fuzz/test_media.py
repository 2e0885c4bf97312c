"""Fuzz the editors' images route (core.views.media_file): any path, never a 5xx, never a file outside Wagtail's
image folders."""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from hypothesis import example, given
from hypothesis import strategies as st

from .base import FuzzTestCase, fuzzes, no_server_error


class MediaFuzz(FuzzTestCase):
    @classmethod
    def setUpTestData(cls):
        default_storage.save("images/kaart.png", ContentFile(b"\x89PNG\r\n\x1a\nplaatje"))
        default_storage.save("documents/geheim.pdf", ContentFile(b"%PDF-1.4 geheim"))

    @fuzzes("media")
    @given(name=st.text(min_size=1, max_size=80))
    @example(name="images/kaart.png")
    @example(name="images/../documents/geheim.pdf")
    @example(name="documents/geheim.pdf")
    @example(name="images/%2e%2e/documents/geheim.pdf")
    @example(name="images/\x00.png")
    def test_only_images_are_served(self, name):
        response = self.send("get", "/media/" + name, {})

        body = no_server_error(response)
        if response.status_code == 200:
            assert name == "images/kaart.png"
            assert body.endswith("PNG\r\n\x1a\nplaatje")
            assert response["Content-Type"] == "image/png"
        else:
            assert response.status_code in (400, 404)
