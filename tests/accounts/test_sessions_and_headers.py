"""Smaller points of issue 13, item 7: a teacher's session lasts a working day or until the browser closes unless
"onthoud mij" is chosen; every public page carries a Permissions-Policy; the Django admin's sign-in with an
off-site `next` lands on a real page."""

import time

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from accounts.login import REMEMBER_SECONDS, WORKDAY_SECONDS
from core.sessions import DEADLINE_KEY
from tests.factories import TeacherFactory

pytestmark = pytest.mark.django_db
PASSWORD = "geheim-wachtwoord"


def _sign_in(client: Client, teacher, **extra) -> None:
    response = client.post("/docent/inloggen/", {"email": teacher.user.email, "password": PASSWORD, **extra})
    assert response.status_code == 302


def test_without_remember_me_the_cookie_ends_with_the_browser_and_the_session_after_a_day():
    teacher, client = TeacherFactory(), Client()
    _sign_in(client, teacher)

    cookie = client.cookies["sessionid"]
    assert cookie["max-age"] == "" and cookie["expires"] == ""  # a browser-session cookie
    assert client.session[DEADLINE_KEY] == pytest.approx(time.time() + WORKDAY_SECONDS, abs=60)


def test_a_session_past_its_deadline_is_signed_out():
    teacher, client = TeacherFactory(), Client()
    _sign_in(client, teacher)
    session = client.session
    session[DEADLINE_KEY] = int(time.time()) - 1  # the working day is over
    session.save()

    assert client.get("/docent/").status_code == 302  # to the login page
    assert "_auth_user_id" not in client.session


def test_remember_me_keeps_the_session_for_a_month():
    teacher, client = TeacherFactory(), Client()
    _sign_in(client, teacher, remember="on")

    assert int(client.cookies["sessionid"]["max-age"]) == REMEMBER_SECONDS < 31 * 24 * 3600
    assert DEADLINE_KEY not in client.session
    assert client.get("/docent/").status_code == 200


@pytest.mark.parametrize("path", ["/", "/docent/inloggen/", "/klas/", "/doe-mee/"])
def test_public_pages_carry_a_permissions_policy(client, site, path):
    first = client.get(path)
    again = client.get(path)  # the second may come from the page cache: it carries the header too

    for response in (first, again):
        policy = response["Permissions-Policy"]
        assert "camera=()" in policy and "microphone=()" in policy and "geolocation=()" in policy


def test_the_django_admin_sign_in_with_an_off_site_next_lands_on_a_real_page():
    get_user_model().objects.create_superuser("baas", "baas@school.example", "lang-genoeg-wachtwoord")
    client = Client()

    response = client.post(
        "/django-admin/login/?next=https://evil.example/",
        {"username": "baas", "password": "lang-genoeg-wachtwoord"},
    )

    assert response.status_code == 302 and response["Location"] == "/django-admin/"
    assert client.get(response["Location"]).status_code == 200
