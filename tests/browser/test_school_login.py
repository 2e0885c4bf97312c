"""A pupil signs in with the school's account in Chromium, against the test Entree (tests/sso/idp.py): the first
time they join a class with its code, log out, and the second time go straight to their assignments. The test
Entree's pages are served by Playwright's router in place of Kennisnet's host, so nothing leaves the machine."""

import html
from urllib.parse import parse_qs, urlsplit

import pytest
from saml2.s_utils import decode_base64_and_inflate
from saml2.samlp import authn_request_from_string

from accounts.models import StudentProfile
from accounts.sso import views as sso_views
from accounts.sso.models import SchoolIdentity
from accounts.sso.saml import encode
from tests.factories import SchoolClassFactory
from tests.sso.idp import IDP_ID, entree_attributes, make_entree

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def entree(live_site, settings):
    made = make_entree(site=live_site)
    settings.SSO_ENTREE_METADATA = made.metadata_file
    settings.SSO_SITE_URL = live_site
    settings.SSO_SUBJECT_SECRET = "z" * 40
    sso_views._config.cache_clear()
    yield made
    sso_views._config.cache_clear()


def _serve_test_entree(page, entree, uid: str, affiliation: str = "student", signed: bool = True) -> None:
    """Entree's sign-in page: reads our request and offers a button that posts the signed answer back."""

    def answer(route):
        query = parse_qs(urlsplit(route.request.url).query)
        request = authn_request_from_string(decode_base64_and_inflate(query["SAMLRequest"][0]))
        attributes = entree_attributes(uid=uid, affiliation=affiliation)
        xml = entree.response(attributes=attributes, in_response_to=request.id, signed=signed)
        body = (
            '<!doctype html><html lang="nl"><head><title>Test Entree</title></head><body><main>'
            f'<form method="post" action="{html.escape(entree.acs)}">'
            f'<input type="hidden" name="SAMLResponse" value="{encode(xml)}">'
            "<button type=submit>Doorgaan naar de website</button></form></main></body></html>"
        )
        route.fulfill(body=body, content_type="text/html")

    page.route(IDP_ID + "/**", answer)


def test_first_sign_in_joins_a_class_then_the_next_goes_straight_in(browser, live_site, entree, axe_check):
    school_class = SchoolClassFactory(name="2B")
    page = browser.new_context().new_page()
    _serve_test_entree(page, entree, uid="entree-uid-7")

    page.goto(live_site + "/klas/")
    assert axe_check(page) == []
    page.get_by_role("link", name="Inloggen met je schoolaccount").click()
    page.get_by_role("button", name="Doorgaan naar de website").click()
    page.wait_for_url("**/klas/aanmelden/")
    assert axe_check(page) == []
    page.get_by_label("Klascode").fill(school_class.join_code)
    page.get_by_label("Je naam in de klas").fill("Noor")
    page.get_by_role("button", name="Aanmelden").click()
    page.locator("#wachtzin").wait_for()
    identity = SchoolIdentity.objects.get()
    assert identity.user.student_profile.pseudonym == "Noor" and identity.brin == "12AB"

    page.get_by_role("link", name="Naar mijn opdrachten").click()
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url("**/klas/")

    page.get_by_role("link", name="Inloggen met je schoolaccount").click()
    page.get_by_role("button", name="Doorgaan naar de website").click()
    page.wait_for_url("**/klas/opdrachten/")
    assert "Uitloggen" in page.content()
    assert StudentProfile.objects.count() == 1 and SchoolIdentity.objects.count() == 1


def test_a_refused_sign_in_shows_a_dutch_page(browser, live_site, entree, axe_check):
    page = browser.new_context().new_page()
    _serve_test_entree(page, entree, uid="entree-uid-8", signed=False)
    page.goto(live_site + "/klas/")
    page.get_by_role("link", name="Inloggen met je schoolaccount").click()
    page.get_by_role("button", name="Doorgaan naar de website").click()
    page.get_by_role("heading", name="Inloggen met je schoolaccount lukt niet").wait_for()
    assert axe_check(page) == []
    assert SchoolIdentity.objects.count() == 0


def test_an_employee_confirms_once(browser, live_site, entree, axe_check):
    page = browser.new_context().new_page()
    _serve_test_entree(page, entree, uid="entree-uid-9", affiliation="employee")
    page.goto(live_site + "/klas/")
    page.get_by_role("link", name="Inloggen met je schoolaccount").click()
    page.get_by_role("button", name="Doorgaan naar de website").click()
    page.wait_for_url("**/inloggen/school/docent/")
    assert axe_check(page) == []
    page.get_by_label("Je naam").fill("Meneer Bakker")
    page.get_by_label("Je school").fill("Het Lyceum")
    page.get_by_role("button", name="Maak mijn docentaccount").click()
    page.wait_for_url("**/docent/")
    assert SchoolIdentity.objects.get().user.teacher_profile.name == "Meneer Bakker"
