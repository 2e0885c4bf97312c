"""Teacher sign-up, login, logout, password reset and login throttling."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

from accounts import login as login_limits
from accounts.login import THROTTLE_LIMIT
from accounts.models import TeacherProfile
from tests.factories import STUDENT_PASSPHRASE, StudentFactory, TeacherFactory

pytestmark = pytest.mark.django_db

SIGNUP = {
    "name": "Fatima de Vries",
    "school": "Het Stadscollege",
    "role": "docent",
    "email": "F.deVries@School.example",
    "password": "lange-zin-voor-de-klas",
}


def test_sign_up_makes_a_teacher_who_signs_in_after_confirming(client):
    """The whole flow; tests/accounts/test_signup.py tries the attacks on it."""
    response = client.post("/docent/aanmelden/", SIGNUP)

    assert response.status_code == 200 and "Kijk in je e-mail" in response.content.decode()
    profile = TeacherProfile.objects.get()
    assert (profile.name, profile.role, profile.user.email) == ("Fatima de Vries", "docent", "f.devries@school.example")
    assert not profile.user.is_active and client.get("/docent/").status_code == 302
    [mail_] = mail.outbox
    link = re.search(r"http://testserver(/docent/aanmelden/bevestigen/\S+/)", mail_.body).group(1)
    assert client.post(link).status_code == 302
    assert client.get("/docent/").status_code == 200


def test_a_library_can_sign_up_as_host(client):
    client.post("/docent/aanmelden/", {**SIGNUP, "role": "bibliotheek"})

    assert TeacherProfile.objects.get().role == "bibliotheek"


@pytest.mark.parametrize("password", ["wachtwoord", "12345678901", "kort"])
def test_weak_passwords_are_refused_in_dutch(client, password):
    response = client.post("/docent/aanmelden/", {**SIGNUP, "password": password})

    assert response.status_code == 400
    assert not TeacherProfile.objects.exists()
    assert "wachtwoord" in response.content.decode().lower()
    assert "This password" not in response.content.decode()


def test_a_short_password_is_refused_in_dutch(client):
    """Django's own message for this had no Dutch translation: it was shown in English."""
    response = client.post("/docent/aanmelden/", {**SIGNUP, "password": "kort-1"})

    assert response.status_code == 400
    assert "Dit wachtwoord is te kort. Gebruik minstens 8 tekens." in response.content.decode()


@pytest.mark.parametrize(
    ("url", "data", "message"),
    [
        ("/docent/aanmelden/", {}, "Dit is een verplicht veld."),
        ("/docent/aanmelden/", {**SIGNUP, "email": "geen-adres"}, "Voer een geldig e-mailadres in."),
        ("/docent/aanmelden/", {**SIGNUP, "role": ""}, "Dit is een verplicht veld."),  # radio buttons: none shown
        ("/docent/inloggen/", {}, "Dit is een verplicht veld."),
        ("/docent/inloggen/", {"email": "a\x00@school.example", "password": "x"}, "Null-tekens"),
        ("/docent/wachtwoord/", {"email": "geen-adres"}, "Voer een geldig e-mailadres in."),
    ],
)
def test_a_refused_account_form_is_400_with_a_dutch_message(client, url, data, message):
    """An invalid (or empty) form used to answer 200, an empty POST even without any message."""
    response = client.post(url, data)

    assert response.status_code == 400
    assert message in response.content.decode()


def test_an_address_that_grows_too_long_in_lower_case_is_refused(client):
    """148 characters, but "İ" is two in lower case: the username (150 at most) would not fit (a 500 on
    PostgreSQL)."""
    email = "a@" + ".".join(["İİİİİ"] * 24) + ".nl"

    response = client.post("/docent/aanmelden/", {**SIGNUP, "email": email})

    assert response.status_code == 400
    assert "Dit e-mailadres is te lang." in response.content.decode()
    assert not TeacherProfile.objects.exists()


def test_the_same_email_twice_gets_the_same_answer_and_a_warning_mail(client):
    TeacherFactory(user__username="f.devries@school.example", user__email="f.devries@school.example")

    response = client.post("/docent/aanmelden/", SIGNUP)

    assert response.status_code == 200 and "Met dit e-mailadres is al een account" not in response.content.decode()
    assert "Iemand probeerde" in mail.outbox[0].subject


def test_login_and_logout(client):
    teacher = TeacherFactory()
    response = client.post("/docent/inloggen/", {"email": teacher.user.email, "password": "geheim-wachtwoord"})
    assert response.status_code == 302

    assert client.get("/docent/").status_code == 200
    client.post("/docent/uitloggen/")
    assert client.get("/docent/").status_code == 302


def test_wrong_password_and_unknown_account_get_the_same_answer(client):
    teacher = TeacherFactory()
    wrong = client.post("/docent/inloggen/", {"email": teacher.user.email, "password": "fout-fout"})
    unknown = client.post("/docent/inloggen/", {"email": "niemand@school.example", "password": "fout-fout"})

    assert wrong.status_code == unknown.status_code == 400
    assert _without_echo(wrong) == _without_echo(unknown)


def _without_echo(response) -> str:
    """The page without what differs by nature: the CSRF token and the e-mail address typed in."""
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
    return re.sub(r'value="[^"]*@[^"]*"', "", text)


def test_ten_failures_per_account_block_even_the_right_password(client):
    teacher = TeacherFactory()
    for n in range(THROTTLE_LIMIT):
        Client(REMOTE_ADDR=f"10.0.0.{n}").post("/docent/inloggen/", {"email": teacher.user.email, "password": "fout"})

    response = client.post("/docent/inloggen/", {"email": teacher.user.email, "password": "geheim-wachtwoord"})

    assert response.status_code == 429
    assert "Wacht een kwartier" in response.content.decode()


def test_failures_from_one_address_block_that_address(monkeypatch):
    """The real per-address limit (100) is tried in tests/accounts/test_login_limits.py; here a smaller one."""
    monkeypatch.setitem(login_limits.LIMITS, "teacher", login_limits.Limit(per_account=10, per_address=10, seconds=900))
    client = Client(REMOTE_ADDR="10.1.1.1")
    for n in range(10):
        client.post("/docent/inloggen/", {"email": f"iemand{n}@school.example", "password": "fout"})
    teacher = TeacherFactory()

    blocked = client.post("/docent/inloggen/", {"email": teacher.user.email, "password": "geheim-wachtwoord"})
    elsewhere = Client(REMOTE_ADDR="10.2.2.2").post(
        "/docent/inloggen/", {"email": teacher.user.email, "password": "geheim-wachtwoord"}
    )

    assert blocked.status_code == 429 and elsewhere.status_code == 302


def test_the_wagtail_admin_sign_in_shares_the_rate_limit():
    get_user_model().objects.create_user("redacteur", password="lang-genoeg-wachtwoord", is_superuser=True)
    right = {"username": "redacteur", "password": "lang-genoeg-wachtwoord"}
    assert Client().post("/admin/login/", right).status_code == 302
    for n in range(THROTTLE_LIMIT):
        Client(REMOTE_ADDR=f"10.3.0.{n}").post("/admin/login/", {"username": "redacteur", "password": "fout"})

    blocked = Client(REMOTE_ADDR="10.4.0.1").post("/admin/login/", right)

    assert blocked.status_code == 200 and "_auth_user_id" not in blocked.wsgi_request.session


def test_failures_at_the_admin_also_block_the_teacher_sign_in(client):
    teacher = TeacherFactory()
    for n in range(THROTTLE_LIMIT):
        Client(REMOTE_ADDR=f"10.5.0.{n}").post("/admin/login/", {"username": teacher.user.email, "password": "fout"})

    response = client.post("/docent/inloggen/", {"email": teacher.user.email, "password": "geheim-wachtwoord"})

    assert response.status_code == 429


def test_password_reset_by_email(client):
    teacher = TeacherFactory()
    response = client.post("/docent/wachtwoord/", {"email": teacher.user.email})
    assert response.status_code == 302

    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/docent/wachtwoord/nieuw/\S+)", mail.outbox[0].body).group(1)
    form_url = client.get(link)["Location"]
    response = client.post(
        form_url, {"new_password1": "nieuw-lang-wachtwoord", "new_password2": "nieuw-lang-wachtwoord"}
    )
    assert response.status_code == 302

    user = get_user_model().objects.get(pk=teacher.user.pk)
    assert user.check_password("nieuw-lang-wachtwoord")


def test_a_refused_new_password_is_400_in_dutch(client):
    teacher = TeacherFactory()
    client.post("/docent/wachtwoord/", {"email": teacher.user.email})
    link = re.search(r"http://testserver(/docent/wachtwoord/nieuw/\S+)", mail.outbox[0].body).group(1)
    form_url = client.get(link)["Location"]

    response = client.post(form_url, {"new_password1": "nieuw-lang-wachtwoord", "new_password2": "iets-anders"})

    assert response.status_code == 400
    assert "De twee wachtwoordvelden komen niet overeen." in response.content.decode()


def test_a_student_cannot_log_in_as_teacher_or_in_the_admin(client):
    student = StudentFactory()
    username = student.user.username

    client.post("/docent/inloggen/", {"email": username, "password": STUDENT_PASSPHRASE})
    assert "_auth_user_id" not in client.session
    assert not client.login(username=username, password=STUDENT_PASSPHRASE)
    client.post("/admin/login/", {"username": username, "password": STUDENT_PASSPHRASE})
    assert client.get("/admin/").status_code == 302
