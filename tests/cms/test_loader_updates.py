"""load_content brings corrected content to a site that already runs, but never over an editor's work.

The loader remembers per item a fingerprint of the YAML it read and of what it wrote (cms.LoadedContent). A later
run with a changed YAML item updates the item only while the database still holds what the loader wrote; a page
gets a revision that is published only while the live page is the loader's, else a draft and a line in the report.
"""

import copy
from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import ModelLogEntry, Page

from cms.loader import load_content
from cms.models import ExerciseSet, GlossaryTerm, LessonPage, LoadedContent, Scenario, StatementSet

pytestmark = pytest.mark.django_db


def _post(key: str, text: str, category: str = "opinion") -> dict:
    return {
        "key": key,
        "display_name": "Buurtbewoner",
        "handle": "@buurt",
        "source_type": "private",
        "platform": "chat",
        "text": text,
        "category": category,
        "explanation": "Kritiek zonder oproep of dreiging.",
        "concreteness": 1,
        "reach": 1,
        "responses": ["reply_calmly"],
        "audiences": ["older_adults"],
    }


def loader_content() -> dict:
    """Two posts, a set, a lesson, a term, statements and a home page: a site's whole content, small."""
    return {
        "scenarios": [
            _post("up-01", "De gemeente luistert nooit."),
            _post("up-02", "Die wethouder snapt er niks van."),
        ],
        "exercise_sets": [
            {
                "key": "up-set",
                "title": "Oefenset",
                "intro": "Oefen mee.",
                "audience": "older_adults",
                "scenarios": ["up-01"],
            },
        ],  # fmt: skip
        "lessons": [
            {
                "slug": "up-les",
                "title": "De buurtapp",
                "intro": "Wat zeg je in de buurtapp?",
                "audiences": ["older_adults"],
                "exercise_set": "up-set",
                "body": [{"type": "text", "value": "<p>Hallo.</p>"}],
            },
        ],  # fmt: skip
        "glossary": [{"slug": "opruiing", "term": "Opruiing", "short": "Anderen oproepen.", "body": "<p>Uitleg.</p>"}],
        "statements": [
            {"key": "up-stellingen", "title": "Stellingen", "statements": [{"key": "up-s1", "text": "Alles mag."}]},
        ],
        "pages": {"home": {"title": "Start", "intro": "Welkom."}},
    }


@pytest.fixture
def content():
    return loader_content()


def _changed(content: dict, part: str, key: str, **fields) -> dict:
    changed = copy.deepcopy(content)
    key_field = "slug" if part in ("lessons", "glossary") else "key"
    next(item for item in changed[part] if item[key_field] == key).update(fields)
    return changed


def test_a_corrected_item_reaches_a_site_whose_copy_nobody_changed(content):
    load_content(content)
    lesson = LessonPage.objects.get(slug="up-les")
    first_revision = lesson.live_revision_id
    content = _changed(content, "scenarios", "up-01", explanation="Scherpe kritiek, maar geen oproep.")
    content = _changed(content, "glossary", "opruiing", short="Anderen oproepen tot een strafbaar feit.")
    content = _changed(content, "exercise_sets", "up-set", scenarios=["up-01", "up-02"])
    content = _changed(content, "statements", "up-stellingen", title="Stellingen voor de avond")
    content = _changed(content, "lessons", "up-les", title="De buurtapp, tweede versie")

    report = load_content(content)

    assert Scenario.objects.get(key="up-01").explanation == "Scherpe kritiek, maar geen oproep."
    assert GlossaryTerm.objects.get(slug="opruiing").short == "Anderen oproepen tot een strafbaar feit."
    assert ExerciseSet.objects.get(slug="up-set").items.count() == 2
    assert StatementSet.objects.get(key="up-stellingen").title == "Stellingen voor de avond"
    lesson = LessonPage.objects.get(pk=lesson.pk)
    assert lesson.title == "De buurtapp, tweede versie" and lesson.live_revision_id != first_revision
    assert not lesson.has_unpublished_changes
    assert report.updated == {"scenario": 1, "glossary_term": 1, "exercise_set": 1, "statement_set": 1, "page": 1}
    assert report.skipped == []
    # the untouched post stays exactly as it was
    assert Scenario.objects.get(key="up-02").text == "Die wethouder snapt er niks van."


def test_an_editors_change_is_never_overwritten_and_is_reported(content):
    load_content(content)
    post = Scenario.objects.get(key="up-01")
    post.text = "Door de redactie herschreven."
    post.save()
    term = GlossaryTerm.objects.get(slug="opruiing")
    term.body = "<p>Uitleg van de redactie.</p>"
    term.save()

    content = _changed(content, "scenarios", "up-01", explanation="Nieuwe uitleg uit het bestand.")
    content = _changed(content, "glossary", "opruiing", short="Nieuwe korte zin.")
    report = load_content(content)

    post.refresh_from_db()
    term.refresh_from_db()
    assert post.text == "Door de redactie herschreven." and post.explanation == "Kritiek zonder oproep of dreiging."
    assert term.short == "Anderen oproepen." and term.body == "<p>Uitleg van de redactie.</p>"
    assert report.updated == {}
    assert "scenario up-01: changed by an editor; the new content was not written" in report.skipped
    assert "glossary_term opruiing: changed by an editor; the new content was not written" in report.skipped


def test_an_item_an_editor_deleted_does_not_come_back(content):
    load_content(content)
    Scenario.objects.filter(key="up-02").delete()
    GlossaryTerm.objects.filter(slug="opruiing").delete()
    content = _changed(content, "scenarios", "up-02", text="Die wethouder snapt er echt niks van.")
    content = _changed(content, "glossary", "opruiing", short="Nieuwe korte zin.")

    report = load_content(content)

    assert not Scenario.objects.filter(key="up-02").exists()
    assert not GlossaryTerm.objects.filter(slug="opruiing").exists()
    assert "scenario up-02: deleted by an editor; not brought back" in report.skipped
    assert report.total == 0


def test_a_page_an_editor_changed_gets_a_draft_only(content):
    load_content(content)
    lesson = LessonPage.objects.get(slug="up-les")
    lesson.intro = "Inleiding van de redactie."
    lesson.save_revision().publish()
    live_revision = LessonPage.objects.get(pk=lesson.pk).live_revision_id

    content = _changed(content, "lessons", "up-les", title="De buurtapp, tweede versie")
    report = load_content(content)

    lesson = LessonPage.objects.get(pk=lesson.pk)
    assert lesson.title == "De buurtapp" and lesson.intro == "Inleiding van de redactie."  # live: the editor's
    assert lesson.live_revision_id == live_revision and lesson.has_unpublished_changes
    draft = lesson.get_latest_revision_as_object()
    assert draft.title == "De buurtapp, tweede versie"
    assert draft.intro == "Inleiding van de redactie."  # the draft starts from the editor's version
    assert report.updated == {}
    assert any(line.startswith("page ") and "draft to review" in line for line in report.skipped)
    # the next run says nothing more and makes no further revision
    revisions = lesson.revisions.count()
    assert load_content(content).skipped == [] and lesson.revisions.count() == revisions


def test_a_second_run_changes_nothing(content):
    load_content(content)
    content = _changed(content, "scenarios", "up-01", explanation="Scherpe kritiek, maar geen oproep.")
    content = _changed(content, "lessons", "up-les", title="De buurtapp, tweede versie")
    load_content(content)
    before = (
        sorted(Scenario.objects.values_list("key", "text", "explanation")),
        sorted(Page.objects.values_list("url_path", "title", "live", "latest_revision_id")),
        sorted(LoadedContent.objects.values_list("kind", "key", "source_hash", "written_hash", "revision_id")),
    )
    report = load_content(content)
    assert report.total == 0 and report.skipped == []
    after = (
        sorted(Scenario.objects.values_list("key", "text", "explanation")),
        sorted(Page.objects.values_list("url_path", "title", "live", "latest_revision_id")),
        sorted(LoadedContent.objects.values_list("kind", "key", "source_hash", "written_hash", "revision_id")),
    )
    assert after == before


def test_records_from_before_fingerprints_update_only_what_nobody_edited(content):
    """A site loaded by the create-only loader: records without fingerprints. A snippet nobody touched in the admin
    and a page with only the loader's revision are the loader's; one with an admin log entry is the editor's."""
    load_content(content)
    LoadedContent.objects.update(source_hash="", written_hash="", revision_id=None)
    edited = Scenario.objects.get(key="up-02")
    ModelLogEntry.objects.log_action(edited, "wagtail.edit")
    content = _changed(content, "scenarios", "up-01", explanation="Scherpe kritiek, maar geen oproep.")
    content = _changed(content, "scenarios", "up-02", explanation="Ook een nieuwe uitleg.")
    content = _changed(content, "lessons", "up-les", title="De buurtapp, tweede versie")

    report = load_content(content)

    assert Scenario.objects.get(key="up-01").explanation == "Scherpe kritiek, maar geen oproep."
    assert Scenario.objects.get(key="up-02").explanation == "Kritiek zonder oproep of dreiging."
    assert LessonPage.objects.get(slug="up-les").title == "De buurtapp, tweede versie"
    assert report.updated == {"scenario": 1, "page": 1}
    assert report.skipped == ["scenario up-02: changed by an editor; the new content was not written"]
    # unchanged items got their fingerprints without being rewritten, so the next run is quiet
    assert load_content(content).total == 0


def test_the_command_reports_updates_and_what_it_left_alone(content, monkeypatch):
    monkeypatch.setattr("cms.management.commands.load_content.load_content", lambda: load_content(content))
    call_command("load_content", stdout=StringIO())
    post = Scenario.objects.get(key="up-02")
    post.text = "Door de redactie herschreven."
    post.save()
    content.update(_changed(content, "scenarios", "up-01", explanation="Nieuwe uitleg."))
    content.update(_changed(content, "scenarios", "up-02", explanation="Nieuwe uitleg."))
    out = StringIO()
    call_command("load_content", stdout=out)
    assert "Content updated: 1 scenario." in out.getvalue()
    assert "Not updated: scenario up-02: changed by an editor; the new content was not written" in out.getvalue()
    out = StringIO()
    call_command("load_content", stdout=out)
    assert out.getvalue().strip() == "Content is up to date; nothing to load."


def test_an_item_an_editor_made_first_is_never_written(content):
    GlossaryTerm.objects.create(slug="opruiing", term="Opruiing", short="Van de redactie.", body="<p>Redactie.</p>")
    load_content(content)
    content = _changed(content, "glossary", "opruiing", short="Nieuwe korte zin.")
    report = load_content(content)
    assert GlossaryTerm.objects.get(slug="opruiing").short == "Van de redactie."
    assert "glossary_term opruiing: not made by the loader; left alone" in report.skipped


def test_an_update_drops_the_cached_pages(content, monkeypatch):
    """Some updates write with queryset.update(), which sends no post_save: the loader drops the page cache itself."""
    load_content(content)
    calls = []
    monkeypatch.setattr("cms.loader.invalidate_page_cache", lambda: calls.append(1))
    assert load_content(content).total == 0 and calls == []
    load_content(_changed(content, "glossary", "opruiing", short="Nieuwe korte zin."))
    assert calls == [1]
