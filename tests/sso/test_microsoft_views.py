"""The Microsoft door end to end through Django (test client) against the test provider on 127.0.0.1: a first
sign-in confirmed once, the second sign-in, linking an existing account only after its password, and the refusals
(unknown tenant, wrong audience or issuer, expired, bad signature, replayed or foreign state, wrong nonce), each
with a Dutch 400 page, a security-log line without secrets, and nothing stored."""

import logging
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from accounts.models import TeacherProfile
from accounts.sso.models import SchoolIdentity, SeenAssertion
from tests.factories import TeacherFactory

from .oidc_provider import CLIENT_ID, OTHER_TENANT, SCHOOL_TENANT, NextSignIn, microsoft_settings, start_provider

pytestmark = pytest.mark.django_db

OID = NextSignIn().oid


@pytest.fixture(scope="module")
def provider():
    made, server = start_provider()
    yield made
    server.shutdown()


@pytest.fixture(autouse=True)
def _microsoft_on(settings, provider):
    microsoft_settings(settings, provider)
    provider.next = NextSignIn()


def _start(client, provider) -> str:
    """Press 'Inloggen met Microsoft' and let the provider answer: the callback URL it sends the browser to."""
    response = client.get("/inloggen/school/microsoft/")
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith(provider.authority + "/oauth2/v2.0/authorize?")
    asked = parse_qs(urlsplit(location).query)
    assert asked["client_id"] == [CLIENT_ID] and asked["scope"] == ["openid profile"]
    assert asked["code_challenge_method"] == ["S256"] and asked["nonce"] and asked["state"]
    answer = requests.get(location, allow_redirects=False, timeout=5)
    back = urlsplit(answer.headers["Location"])
    assert back.path == "/inloggen/school/microsoft/terug/"
    return f"{back.path}?{back.query}"


def _sign_in(client, provider):
    return client.get(_start(client, provider))


def test_off_unless_configured(client, settings):
    settings.SSO_MICROSOFT_CLIENT_ID = ""
    for url in ("microsoft/", "microsoft/terug/?code=a&state=b", "microsoft/nieuw/", "microsoft/koppelen/"):
        assert client.get("/inloggen/school/" + url).status_code == 404
    assert "Inloggen met Microsoft" not in client.get("/docent/inloggen/").content.decode()


def test_the_teacher_login_shows_the_button_and_keeps_the_password_login(client):
    body = client.get("/docent/inloggen/").content.decode()
    assert 'href="/inloggen/school/microsoft/"' in body and "Inloggen met Microsoft" in body
    assert 'name="password"' in body


def test_first_sign_in_is_confirmed_once_then_signs_in_directly(client, provider):
    response = _sign_in(client, provider)
    assert response.status_code == 302 and response["Location"] == "/inloggen/school/microsoft/nieuw/"
    assert SchoolIdentity.objects.count() == 0 and TeacherProfile.objects.count() == 0  # nothing before confirming
    assert client.post("/inloggen/school/microsoft/nieuw/", {"name": "", "school": ""}).status_code == 400

    confirmed = client.post("/inloggen/school/microsoft/nieuw/", {"name": "Mevrouw De Vries", "school": "Lyceum"})

    assert confirmed.status_code == 302 and confirmed["Location"] == "/docent/"
    identity = SchoolIdentity.objects.get()
    assert (identity.provider, identity.affiliation, identity.tenant) == ("microsoft", "employee", SCHOOL_TENANT)
    row = str(SchoolIdentity.objects.values().get())
    assert OID not in row and "devries@school.example" not in row
    assert identity.user.teacher_profile.name == "Mevrouw De Vries" and identity.user.email == ""
    assert not identity.user.has_usable_password()
    assert client.get("/docent/").status_code == 200

    client.post("/docent/uitloggen/")
    again = _sign_in(client, provider)
    assert again.status_code == 302 and again["Location"] == "/docent/"
    assert client.get("/docent/").status_code == 200
    assert TeacherProfile.objects.count() == 1 and SchoolIdentity.objects.count() == 1


def test_an_existing_account_is_linked_only_after_its_password(client, provider):
    teacher = TeacherFactory(user__email="devries@school.example", user__username="devries@school.example")
    response = _sign_in(client, provider)
    # The same e-mail address (Microsoft's preferred_username) links nothing by itself.
    assert response["Location"] == "/inloggen/school/microsoft/nieuw/" and not SchoolIdentity.objects.exists()
    assert client.get("/inloggen/school/microsoft/koppelen/").status_code == 200

    wrong = client.post("/inloggen/school/microsoft/koppelen/", {"email": teacher.user.email, "password": "raden"})
    assert wrong.status_code == 400 and not SchoolIdentity.objects.exists()
    assert "_auth_user_id" not in client.session

    right = client.post(
        "/inloggen/school/microsoft/koppelen/", {"email": teacher.user.email, "password": "geheim-wachtwoord"}
    )
    assert right.status_code == 302 and right["Location"] == "/docent/"
    assert SchoolIdentity.objects.get().user == teacher.user
    client.post("/docent/uitloggen/")
    assert _sign_in(client, provider)["Location"] == "/docent/"
    assert int(client.session["_auth_user_id"]) == teacher.user.pk


def test_a_signed_in_teacher_is_not_linked_without_the_password(client, provider):
    teacher = TeacherFactory()
    client.force_login(teacher.user, backend="accounts.backends.AccountBackend")
    assert _sign_in(client, provider)["Location"] == "/inloggen/school/microsoft/nieuw/"
    assert not SchoolIdentity.objects.exists()


def test_the_link_and_confirm_pages_need_a_waiting_sign_in(client):
    teacher = TeacherFactory()
    for url in ("/inloggen/school/microsoft/nieuw/", "/inloggen/school/microsoft/koppelen/"):
        response = client.post(url, {"email": teacher.user.email, "password": "geheim-wachtwoord", "name": "X"})
        assert response.status_code == 302 and response["Location"] == "/docent/inloggen/"
    assert not SchoolIdentity.objects.exists() and TeacherProfile.objects.count() == 1


@pytest.mark.parametrize(
    ("spoil", "reason"),
    [
        ({"tid": OTHER_TENANT}, "tenant"),
        ({"audience": "someone-else"}, "audience"),
        ({"expires_in": -3600}, "expired"),
        ({"foreign_key": True}, "signature"),
        ({"nonce": "not-the-one-we-sent"}, "nonce"),
        ({"issuer": "https://evil.example/x/v2.0"}, "issuer"),
    ],
    ids=["unknown-tenant", "wrong-audience", "expired", "bad-signature", "wrong-nonce", "wrong-issuer"],
)
def test_a_bad_token_is_refused(client, provider, caplog, spoil, reason):
    provider.next = NextSignIn(**spoil)
    with caplog.at_level(logging.INFO, logger="edu.security"):
        response = _sign_in(client, provider)
    _assert_refused(response, caplog, reason)


def test_a_replayed_callback_is_refused(client, provider, caplog):
    callback = _start(client, provider)
    assert client.get(callback).status_code == 302
    with caplog.at_level(logging.INFO, logger="edu.security"):
        again = client.get(callback)
    assert again.status_code == 400 and SchoolIdentity.objects.count() == 0
    assert [r.reason for r in caplog.records if getattr(r, "event", "") == "sso_refused"] == ["state"]


def test_a_callback_from_another_browser_is_refused(client, django_user_model, provider, caplog):
    callback = _start(client, provider)
    from django.test import Client

    with caplog.at_level(logging.INFO, logger="edu.security"):
        response = Client().get(callback)  # the attacker's code, pushed into someone else's browser
    _assert_refused(response, caplog, "state")


def test_a_mismatched_state_is_refused(client, provider, caplog):
    callback = _start(client, provider)
    with caplog.at_level(logging.INFO, logger="edu.security"):
        response = client.get(callback.replace("state=", "state=x"))
    _assert_refused(response, caplog, "state")


def test_an_error_from_the_provider_is_refused(client, provider, caplog):
    _start(client, provider)
    with caplog.at_level(logging.INFO, logger="edu.security"):
        response = client.get("/inloggen/school/microsoft/terug/?error=access_denied&state=x")
    _assert_refused(response, caplog, "provider_error")


def _assert_refused(response, caplog, reason):
    body = response.content.decode()
    assert response.status_code == 400 and "Inloggen met Microsoft lukt niet" in body
    assert not SeenAssertion.objects.exists() and not SchoolIdentity.objects.exists()
    assert not TeacherProfile.objects.exists() or reason == "not_teacher"
    records = [r for r in caplog.records if getattr(r, "event", "") == "sso_refused"]
    assert [(r.reason, r.scope) for r in records] == [(reason, "microsoft")]
    logged = " ".join(str(r.__dict__) for r in records)
    assert OID not in logged and "code=" not in logged and "eyJ" not in logged


def test_the_link_page_shares_the_teacher_logins_limit(client, provider):
    from accounts.login import LIMITS

    teacher = TeacherFactory()
    _sign_in(client, provider)
    for _ in range(LIMITS["teacher"].per_account):
        client.post("/inloggen/school/microsoft/koppelen/", {"email": teacher.user.email, "password": "raden"})
    blocked = client.post(
        "/inloggen/school/microsoft/koppelen/", {"email": teacher.user.email, "password": "geheim-wachtwoord"}
    )
    assert blocked.status_code == 429 and not SchoolIdentity.objects.exists()


def test_a_school_taken_off_the_allow_list_can_no_longer_sign_in(client, provider, settings, caplog):
    _sign_in(client, provider)
    client.post("/inloggen/school/microsoft/nieuw/", {"name": "Mevrouw De Vries", "school": "Lyceum"})
    client.post("/docent/uitloggen/")
    settings.SSO_MICROSOFT_TENANTS = [OTHER_TENANT]
    with caplog.at_level(logging.INFO, logger="edu.security"):
        response = _sign_in(client, provider)
    assert response.status_code == 400 and "_auth_user_id" not in client.session
    assert [r.reason for r in caplog.records if getattr(r, "event", "") == "sso_refused"] == ["tenant"]


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"SSO_MICROSOFT_CLIENT_SECRET": "s", "SSO_SUBJECT_SECRET": "x" * 40}, "SSO_MICROSOFT_TENANTS"),
        ({"SSO_MICROSOFT_TENANTS": SCHOOL_TENANT, "SSO_SUBJECT_SECRET": "x" * 40}, "SSO_MICROSOFT_CLIENT_SECRET"),
        ({"SSO_MICROSOFT_CLIENT_SECRET": "s", "SSO_MICROSOFT_TENANTS": SCHOOL_TENANT}, "SSO_SUBJECT_SECRET"),
    ],
    ids=["no-tenants", "no-secret", "no-subject-secret"],
)
def test_a_half_configured_microsoft_login_refuses_to_start(env, named):
    import os
    import subprocess
    import sys
    from pathlib import Path

    clean = {k: v for k, v in os.environ.items() if not k.startswith("SSO_")}
    clean.update(DJANGO_SETTINGS_MODULE="edu.settings.test", SSO_MICROSOFT_CLIENT_ID=CLIENT_ID, **env)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=Path(__file__).resolve().parents[2],
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0 and named in result.stderr


def test_the_same_token_counts_once(rf, monkeypatch):
    """A token's nonce is recorded as used: the same verified token a second time (however it came back) is refused."""
    import time

    from accounts.sso import oidc

    claims = {"tid": SCHOOL_TENANT, "oid": OID, "exp": int(time.time()) + 600}
    monkeypatch.setattr(oidc, "_claims", lambda request, **kwargs: claims)
    first = oidc.identity_verify(rf.get("/"), nonce="n-1", code_verifier=None)
    assert first.tenant == SCHOOL_TENANT and first.subject == f"{SCHOOL_TENANT}:{OID}"
    with pytest.raises(oidc.TokenRefused, match="replay"):
        oidc.identity_verify(rf.get("/"), nonce="n-1", code_verifier=None)
    assert SeenAssertion.objects.count() == 1


def test_the_security_paper_tells_about_school_sign_in_only_when_it_is_on(client, settings):
    body = client.get("/privacy/beveiliging/").content.decode()
    assert "Inloggen met een schoolaccount" in body and "(Microsoft)" in body and "toegelaten" in body
    settings.SSO_MICROSOFT_CLIENT_ID = ""
    assert "Inloggen met een schoolaccount" not in client.get("/privacy/beveiliging/").content.decode()


def test_a_microsoft_session_ends_with_the_browser(client, provider):
    _sign_in(client, provider)
    client.post("/inloggen/school/microsoft/nieuw/", {"name": "Mevrouw De Vries", "school": "Lyceum"})
    assert client.session.get_expire_at_browser_close()
    client.post("/docent/uitloggen/")
    _sign_in(client, provider)
    assert "_auth_user_id" in client.session and client.session.get_expire_at_browser_close()
