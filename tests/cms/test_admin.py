"""Editors manage everything in the Wagtail admin: lists with search and filters, edit forms and previews."""

import pytest
from django.urls import reverse

from cms.models import ExerciseSet, GlossaryTerm, Scenario, Statement, StatementSet
from tests.factories import (
    ExerciseSetFactory,
    GlossaryTermFactory,
    OpinionFactory,
    ScenarioFactory,
    StatementFactory,
    make_lesson,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("redacteur", password="geheim-wachtwoord")
    client.force_login(user)
    return client


def _url(model, action, *args):
    return reverse(f"wagtailsnippets_{model._meta.app_label}_{model._meta.model_name}:{action}", args=args)


def test_snippet_lists_search_and_filter(editor, site):
    ScenarioFactory(text="Neem vuurwerk mee naar het plein")
    OpinionFactory(text="Wat een slecht plan van de gemeente")
    response = editor.get(_url(Scenario, "list"), {"q": "vuurwerk"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "vuurwerk" in html and "slecht plan" not in html
    filtered = editor.get(_url(Scenario, "list"), {"category": "opinion"}).content.decode()
    assert "slecht plan" in filtered and "vuurwerk" not in filtered
    for model in (ExerciseSet, StatementSet, Statement, GlossaryTerm):
        assert editor.get(_url(model, "list")).status_code == 200


def test_edit_forms_and_previews(editor, site):
    scenario = ScenarioFactory()
    objects = [
        scenario,
        ExerciseSetFactory(scenarios=[scenario]),
        StatementFactory().statement_set,
        GlossaryTermFactory(),
    ]
    for obj in objects:
        assert editor.get(_url(type(obj), "edit", obj.pk)).status_code == 200, type(obj)
        preview = editor.get(_url(type(obj), "preview_on_edit", obj.pk))
        assert preview.status_code == 200, type(obj)


def test_scenario_edit_form_saves_checkbox_lists(editor, site):
    scenario = ScenarioFactory()
    response = editor.get(_url(Scenario, "edit", scenario.pk))
    html = response.content.decode()
    assert 'type="checkbox"' in html and 'value="report_police"' in html and 'value="older_adults"' in html


def test_every_page_type_opens_in_the_page_editor(editor, site):
    make_lesson(site["index"], 1)
    for page in [site["home"], site["index"], site["parents"], site["dialogue"], site["glossary"], site["about"]]:
        assert editor.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code == 200
    lesson = site["index"].get_children().first()
    assert editor.get(reverse("wagtailadmin_pages:edit", args=[lesson.pk])).status_code == 200


def test_the_admin_makes_no_request_to_another_host(editor, site):
    html = editor.get(reverse("wagtailadmin_home")).content.decode()
    assert "gravatar" not in html.lower()


def test_scenario_search_finds_posts_by_text_name_and_handle(editor, site):
    """Editors look a post up by what they remember of it: a word of its text (even half typed), who posted it or
    the account's handle, not only its key."""
    ScenarioFactory(key="dr-99", text="Morgen staat er iemand bij de poort", display_name="Kees Bakker", handle="@kb_x")
    ScenarioFactory(key="op-99", text="Wat een slecht plan", display_name="Anna de Vries", handle="@anna")
    for query in ("poort", "poo", "Bakker", "kb_x", "dr-99"):
        html = editor.get(_url(Scenario, "list"), {"q": query}).content.decode()
        assert "dr-99" in html and "op-99" not in html, query


def test_the_scenario_list_speaks_dutch(editor, site):
    """Editors read Dutch: no "True"/"False" for a yes/no field in the list."""
    ScenarioFactory(grey_area=True)
    ScenarioFactory(grey_area=False)
    html = editor.get(_url(Scenario, "list")).content.decode()
    assert "Grijs gebied" in html
    assert "True" not in html and "False" not in html
    assert ">\n    Ja\n<" in html and ">\n    Nee\n<" in html
