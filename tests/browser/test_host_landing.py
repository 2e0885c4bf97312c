"""Issue 12 item 20: after signing in, a library account lands on its live sessions, a teacher on its classes, and
someone who does both reaches the other in one step."""

import pytest

from accounts.models import SchoolClass
from cms.models import StatementSet
from dialogue import services
from tests.factories import TeacherFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def sign_in(page, live_site: str, email: str) -> None:
    page.goto(live_site + "/docent/inloggen/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord", exact=True).fill("geheim-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()


def test_a_library_account_lands_on_its_live_sessions(page, live_site):
    host = TeacherFactory(user__username="bieb@example.org", role="bibliotheek")
    services.session_start(host=host.user, statement_set=StatementSet.objects.order_by("title").first())

    sign_in(page, live_site, "bieb@example.org")

    assert page.url.endswith("/live/")
    assert page.locator("h1").inner_text() == "Langs de lijn: live"
    assert "(bezig)" in page.locator(".session-list").inner_text()
    assert "Maak hieronder je eerste klas" not in page.content()
    assert page.get_by_role("link", name="Ga naar je klassen").count() == 0


def test_a_host_who_also_teaches_reaches_both(page, live_site):
    host = TeacherFactory(user__username="bieb@example.org", role="bibliotheek")
    SchoolClass.objects.create(teacher=host.user, name="Taalcafé")

    sign_in(page, live_site, "bieb@example.org")
    page.get_by_role("link", name="Ga naar je klassen").click()

    assert "Taalcafé" in page.locator("main").inner_text()
    assert page.get_by_role("link", name="Start een live sessie 'langs de lijn'").count() == 1


def test_a_teacher_lands_on_its_classes_with_a_way_to_the_live_tool(page, live_site):
    TeacherFactory(user__username="docent@school.example", role="docent")

    sign_in(page, live_site, "docent@school.example")

    assert page.url.endswith("/docent/")
    assert page.locator("h1").inner_text() == "Mijn klassen"
    page.get_by_role("link", name="Start een live sessie 'langs de lijn'").click()
    assert page.locator("h1").inner_text() == "Langs de lijn: live"
