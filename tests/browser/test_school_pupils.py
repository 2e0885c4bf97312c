"""In Chromium: a pupil who signs in through the test Entree without a class code asks to be added, and a teacher of
the same school (BRIN) places them in a class; the pupil's next sign-in goes straight in. The teacher never sees a
pupil of another school. Both pages axe-clean, at a phone's width too."""

import pytest

from accounts.sso import identities
from accounts.sso import views as sso_views
from accounts.sso.models import WaitingPupil
from tests.factories import SchoolClassFactory, TeacherFactory
from tests.sso.idp import make_entree

from .test_school_login import _serve_test_entree

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def entree(live_site, settings):
    made = make_entree(site=live_site)
    settings.SSO_ENTREE_METADATA = made.metadata_file
    settings.SSO_SITE_URL = live_site
    settings.SSO_SUBJECT_SECRET = "q" * 40
    sso_views._config.cache_clear()
    yield made
    sso_views._config.cache_clear()


def test_a_pupil_waits_and_a_teacher_of_the_school_places_them(browser, live_site, entree, axe_check):
    teacher = TeacherFactory(name="Meneer Bakker")
    identities.identity_link(user=teacher.user, provider="entree", subject="t-1", affiliation="employee", brin="12AB")
    SchoolClassFactory(teacher=teacher.user, name="2B")
    identities.pupil_wait(hashed="f" * 64, brin="34CD", pseudonym="Sem")  # another school's pupil

    pupil = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    _serve_test_entree(pupil, entree, uid="entree-uid-lotte")
    pupil.goto(live_site + "/klas/")
    pupil.get_by_role("link", name="Inloggen met je schoolaccount").click()
    pupil.get_by_role("button", name="Doorgaan naar de website").click()
    pupil.wait_for_url("**/klas/aanmelden/")
    pupil.get_by_role("link", name="Laat een docent van je school je toevoegen").click()
    assert axe_check(pupil) == []
    pupil.get_by_label("Je naam in de klas").fill("Lotte")
    pupil.get_by_role("button", name="Laat mijn docent me toevoegen").click()
    pupil.get_by_text("Je staat klaar").wait_for()
    assert axe_check(pupil) == []

    page = browser.new_context().new_page()
    page.goto(live_site + "/docent/inloggen/")
    page.get_by_label("E-mailadres").fill(teacher.user.email)
    page.get_by_label("Wachtwoord").fill("geheim-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("link", name="Leerlingen van je school toevoegen").click()
    page.get_by_role("heading", name="Lotte").wait_for()
    assert "Sem" not in page.locator("main").inner_text()  # the text people read, not a random CSRF token
    assert axe_check(page) == []
    page.get_by_label("Klas", exact=True).select_option(label="2B")
    page.get_by_role("button", name="Zet in de klas").click()
    page.get_by_text("Lotte zit nu in 2B").wait_for()
    assert not WaitingPupil.objects.filter(pseudonym="Lotte").exists()

    pupil.goto(live_site + "/klas/")
    pupil.get_by_role("link", name="Inloggen met je schoolaccount").click()
    pupil.get_by_role("button", name="Doorgaan naar de website").click()
    pupil.wait_for_url("**/klas/opdrachten/")
