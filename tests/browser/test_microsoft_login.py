"""A teacher signs in with Microsoft in Chromium, against the test provider on 127.0.0.1 (tests/sso/oidc_provider.py):
the first time they confirm a new account (or link their existing one with its password), log out, and the second
time go straight to their classes. A school that is not on the allow-list gets a Dutch page. Nothing leaves the
machine: the browser talks to the provider's thread on 127.0.0.1."""

import pytest

from accounts.models import TeacherProfile
from accounts.sso.models import SchoolIdentity
from tests.factories import TeacherFactory
from tests.sso.oidc_provider import OTHER_TENANT, NextSignIn, microsoft_settings, start_provider

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def provider(live_site, settings):
    made, server = start_provider()
    microsoft_settings(settings, made)
    yield made
    server.shutdown()


def _press_microsoft(page, live_site) -> None:
    page.goto(live_site + "/docent/inloggen/")
    page.get_by_role("link", name="Inloggen met Microsoft").click()


def test_first_sign_in_confirm_logout_and_second_sign_in(browser, live_site, provider, axe_check):
    page = browser.new_context().new_page()
    page.goto(live_site + "/docent/inloggen/")
    assert axe_check(page) == []
    assert page.get_by_label("Wachtwoord").is_visible()  # the password login stays

    page.get_by_role("link", name="Inloggen met Microsoft").click()
    page.wait_for_url("**/inloggen/school/microsoft/nieuw/")
    assert axe_check(page) == []
    assert not SchoolIdentity.objects.exists()
    page.get_by_label("Je naam").fill("Mevrouw De Vries")
    page.get_by_label("Je school").fill("Het Lyceum")
    page.get_by_role("button", name="Maak mijn docentaccount").click()
    page.wait_for_url("**/docent/")
    identity = SchoolIdentity.objects.get()
    assert identity.user.teacher_profile.name == "Mevrouw De Vries" and identity.provider == "microsoft"

    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url("**/docent/inloggen/")
    page.get_by_role("link", name="Inloggen met Microsoft").click()
    page.wait_for_url("**/docent/")
    assert page.get_by_role("button", name="Uitloggen").is_visible()
    assert TeacherProfile.objects.count() == 1 and SchoolIdentity.objects.count() == 1


def test_an_existing_account_is_linked_after_its_password(browser, live_site, provider, axe_check):
    teacher = TeacherFactory(name="Meneer Bakker")
    page = browser.new_context().new_page()
    _press_microsoft(page, live_site)
    page.get_by_role("link", name="Koppel aan mijn account").click()
    page.wait_for_url("**/inloggen/school/microsoft/koppelen/")
    assert axe_check(page) == []
    page.get_by_label("E-mailadres van je account").fill(teacher.user.email)
    page.get_by_label("Wachtwoord").fill("fout-wachtwoord")
    page.get_by_role("button", name="Inloggen en koppelen").click()
    page.get_by_role("alert").wait_for()
    assert not SchoolIdentity.objects.exists()

    page.get_by_label("Wachtwoord").fill("geheim-wachtwoord")
    page.get_by_role("button", name="Inloggen en koppelen").click()
    page.wait_for_url("**/docent/")
    assert SchoolIdentity.objects.get().user == teacher.user


def test_an_unknown_school_gets_a_dutch_page(browser, live_site, provider, axe_check):
    provider.next = NextSignIn(tid=OTHER_TENANT)
    page = browser.new_context().new_page()
    _press_microsoft(page, live_site)
    page.get_by_role("heading", name="Inloggen met Microsoft lukt niet").wait_for()
    assert "niet aangesloten" in page.content()
    assert axe_check(page) == []
    assert not SchoolIdentity.objects.exists() and not TeacherProfile.objects.exists()
