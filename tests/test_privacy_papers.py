"""The privacy papers: every personal field is declared next to its model (core/privacy.py), the bijsluiter is built
from those declarations, and the security summary comes as a page and a .docx that say the same."""

from dataclasses import replace
from io import BytesIO

import pytest
from django.conf import settings
from docx import Document

from accounts.models import StudentProfile
from cms.loader import read_content
from core import privacy
from dialogue.models import Participant
from lessons.models import Answer, Attempt

pytestmark = pytest.mark.django_db


def test_every_field_on_a_model_about_a_person_is_declared():
    problems = privacy.missing_declarations()
    assert not problems, "Declare these in the model code (core/privacy.py says how):\n\n" + "\n\n".join(problems)


def _without(model, field_name, monkeypatch):
    declaration = model.__dict__["personal_data"]
    fields = {k: v for k, v in declaration.fields.items() if k != field_name}
    monkeypatch.setattr(model, "personal_data", replace(declaration, fields=fields))


def test_a_new_field_without_an_entry_fails_and_says_what_to_add(monkeypatch):
    _without(StudentProfile, "pseudonym", monkeypatch)

    problems = privacy.missing_declarations()

    assert len([p for p in problems if "StudentProfile.pseudonym" in p]) == 1
    message = next(p for p in problems if "StudentProfile.pseudonym" in p)
    assert 'personal("' in message and 'not_personal("' in message and "accounts.models.StudentProfile" in message


@pytest.mark.parametrize("model", [Attempt, Answer, Participant], ids=lambda m: m.__name__)
def test_a_model_about_a_person_without_any_declaration_is_found(model, monkeypatch):
    """Attempt points at a user, Answer only at an Attempt (found transitively), Participant holds a token."""
    monkeypatch.delattr(model, "personal_data")

    problems = [p for p in privacy.missing_declarations() if f"{model.__module__}.{model.__name__} " in p]

    assert len(problems) == 1 and "personal_data = PersonalData(" in problems[0]
    for field in privacy._own_fields(model):
        assert f'"{field.name}": personal(' in problems[0]


def test_a_declared_name_that_is_no_field_is_reported(monkeypatch):
    declaration = StudentProfile.personal_data
    extra = {**declaration.fields, "email": privacy.personal("x", privacy.Retention.ACCOUNT)}
    monkeypatch.setattr(StudentProfile, "personal_data", replace(declaration, fields=extra))

    assert any("'email', which is not a field" in p for p in privacy.missing_declarations())


def test_field_names_that_suggest_a_person():
    assert privacy._word_in("client_ip") and privacy._word_in("token") and privacy._word_in("entree_uid")
    assert not privacy._word_in("display_name") and not privacy._word_in("shipping")


def test_djangos_user_and_session_tables_are_declared():
    labels = {m._meta.label for m in privacy.person_models()}
    assert {settings.AUTH_USER_MODEL, "sessions.Session"} <= labels


class TestBijsluiter:
    def test_lists_the_declared_fields_with_purpose_and_retention(self, client, django_assert_max_num_queries):
        with django_assert_max_num_queries(2):
            response = client.get("/privacy/bijsluiter/")

        body = response.content.decode()
        assert response.status_code == 200
        assert "Model Verwerkersovereenkomst 4.0" in body
        assert "Naam in de klas" in body and "Schuilnaam in de klas" in body  # StudentProfile.pseudonym
        assert f"Een gearchiveerde klas wordt na {settings.ARCHIVED_CLASS_RETENTION_DAYS} dagen gewist" in body
        assert "Willekeurige code in een cookie" in body  # Participant.token
        for heading in ("Wie is verantwoordelijk", "Doelen", "Waar", "Subverwerkers", "exporteren en wissen"):
            assert heading in body
        assert "Geen. Er worden geen andere bedrijven" in body
        assert "Code in adres" not in body  # not-personal fields are left out

    def test_a_field_declared_not_personal_is_left_out_and_a_new_purpose_shows(self, client, monkeypatch):
        declaration = StudentProfile.personal_data
        fields = {**declaration.fields, "pseudonym": privacy.personal("Nieuw doel.", privacy.Retention.CLASS)}
        monkeypatch.setattr(StudentProfile, "personal_data", replace(declaration, fields=fields))

        assert "Nieuw doel." in client.get("/privacy/bijsluiter/").content.decode()

    def test_shows_configured_subprocessors(self, client, settings):
        settings.PRIVACY_SUBPROCESSORS = ["Hoster B.V. | servers en back-ups | Amsterdam"]

        body = client.get("/privacy/bijsluiter/").content.decode()

        assert "<strong>Hoster B.V.</strong>: servers en back-ups (Amsterdam)" in body
        assert "Geen. Er worden geen" not in body

    def test_refuses_a_post(self, client):
        assert client.post("/privacy/bijsluiter/").status_code == 405


class TestSecuritySummary:
    def test_page_names_the_measures_and_links_the_papers(self, client):
        body = client.get("/privacy/beveiliging/").content.decode()

        for measure in ("Inloggen en pogingen beperken", "Logboek", "HTTPS", "Back-ups", "Wissen", "Waar"):
            assert measure in body
        from cms.navigation import site_links

        accessibility = site_links()["toegankelijkheid"]  # the content page, wherever an editor put it
        assert 'href="/privacy/bijsluiter/"' in body and f'href="{accessibility}"' in body
        assert 'href="/privacy/beveiliging/download/"' in body

    def test_download_is_a_word_document_with_the_same_measures(self, client):
        response = client.get("/privacy/beveiliging/download/")

        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        assert "attachment" in response["Content-Disposition"]
        text = "\n".join(p.text for p in Document(BytesIO(response.content)).paragraphs)
        assert "Back-ups" in text and "Inloggen en pogingen beperken" in text
        assert "http://testserver/privacy/bijsluiter/" in text


def test_accessibility_statement_has_the_public_sector_shape():
    """/toegankelijkheid/ is a content page (cms/content): it must keep the parts a Dutch statement has."""
    page = next(p for p in read_content()["pages"]["content"] if p["slug"] == "toegankelijkheid")
    text = " ".join(block.get("value", "") for block in page["body"] if isinstance(block.get("value"), str))
    for part in ("WCAG 2.1", "niveau AA", "axe", "validator", "toetsenbord", "Bekende problemen", "Contact", "Datum"):
        assert part in text, part
