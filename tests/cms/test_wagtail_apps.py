"""edu/wagtail_apps.py leaves out Wagtail's API v3 registration; everything else those apps set up at start-up
must still be there."""

import pytest
from django.apps import apps
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.redirects.signal_handlers import (
    autocreate_redirects_on_page_move,
    autocreate_redirects_on_slug_change,
)
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models.reference_index import ReferenceIndex
from wagtail.permissions import policy_registry
from wagtail.signals import page_slug_changed, post_page_move
from wagtail.snippets.models import get_snippet_models

from cms.models import ExerciseSet, GlossaryTerm, Scenario, Statement
from core import wagtail_apps
from tests.factories import make_lesson


@pytest.mark.parametrize(
    ("label", "config"),
    [
        ("wagtailsnippets", wagtail_apps.SnippetsConfig),
        ("wagtailimages", wagtail_apps.ImagesConfig),
        ("wagtaildocs", wagtail_apps.DocumentsConfig),
        ("wagtailredirects", wagtail_apps.RedirectsConfig),
    ],
)
def test_the_settings_use_these_app_configs(label, config):
    assert type(apps.get_app_config(label)) is config


def test_snippets_are_registered():
    assert {Scenario, ExerciseSet, Statement, GlossaryTerm} <= set(get_snippet_models())


def test_images_and_documents_are_set_up():
    for model in (get_image_model(), get_document_model()):
        assert ReferenceIndex.is_indexed(model)
        assert policy_registry.get_by_type(model, fallback=False) is not None


def test_redirects_follow_a_moved_page():
    received = {entry[1]() for signal in (post_page_move, page_slug_changed) for entry in signal.receivers}
    assert {autocreate_redirects_on_page_move, autocreate_redirects_on_slug_change} <= received


@pytest.mark.django_db
def test_a_renamed_lesson_keeps_its_old_address(client, site, django_capture_on_commit_callbacks):
    lesson = make_lesson(site["index"], 1)
    lesson.slug = "nieuwe-naam"
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail sends page_slug_changed on commit
        lesson.save_revision().publish()
    assert Redirect.objects.filter(old_path="/lessen/les-1").exists()
    response = client.get("/lessen/les-1/")
    assert response.status_code == 301 and response["Location"].endswith("/lessen/nieuwe-naam/")
