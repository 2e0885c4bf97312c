"""Static file URLs in production: hashed names from the manifest, worked out once per file and process."""

import json
from unittest import mock

import pytest

from core.staticstorage import StaticStorage


@pytest.fixture
def storage(tmp_path, settings):
    settings.DEBUG = False
    manifest = {"paths": {"css/site.css": "css/site.0123abcd.css"}, "version": "1.1", "hash": "x"}
    (tmp_path / "staticfiles.json").write_text(json.dumps(manifest))
    return StaticStorage(location=str(tmp_path), base_url="/static/")


def test_a_url_is_the_hashed_name_and_worked_out_once(storage):
    with mock.patch.object(StaticStorage, "stored_name", autospec=True, wraps=StaticStorage.stored_name) as lookup:
        urls = {storage.url("css/site.css") for _ in range(5)}
    assert urls == {"/static/css/site.0123abcd.css"}
    assert lookup.call_count == 1


def test_a_file_missing_from_the_manifest_is_still_an_error_each_time(storage):
    for _ in range(2):
        with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
            storage.url("css/bestaat-niet.css")
