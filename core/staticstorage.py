"""The storage of the collected static files in production."""

from django.conf import settings
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's compressed manifest storage, remembering the URL of each file once worked out.

    The manifest is read when the process starts and does not change while it runs, yet every {% static %} tag
    looked the name up in it and parsed and rebuilt the URL again: a twentieth of an uncached lesson page's CPU.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls: dict[str, str] = {}

    def url(self, name, force=False):
        if force or settings.DEBUG:
            return super().url(name, force)
        if name not in self._urls:
            self._urls[name] = super().url(name)  # raises for a file missing from the manifest: nothing stored
        return self._urls[name]
