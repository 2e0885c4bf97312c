"""The Entree door end to end through Django (test client): metadata, the redirect to Entree, the assertion
consumer, a pupil's first sign-in (joins a class with its code once), the second sign-in, and the refusals, each
with a Dutch 400 page, a security-log line and nothing stored."""

import logging
from urllib.parse import parse_qs, urlsplit

import pytest
from saml2.s_utils import decode_base64_and_inflate
from saml2.samlp import authn_request_from_string

from accounts.models import StudentProfile, TeacherProfile
from accounts.sso import views as sso_views
from accounts.sso.models import SchoolIdentity, SeenAssertion
from accounts.sso.saml import encode
from tests.factories import SchoolClassFactory

from .idp import IDP_ID, SITE, SP_ID, entree_attributes, make_entree

pytestmark = pytest.mark.django_db

SECRET = "x" * 40


@pytest.fixture(scope="module")
def entree():
    return make_entree()


@pytest.fixture(autouse=True)
def _entree_on(settings, entree):
    settings.SSO_ENTREE_METADATA = entree.metadata_file
    settings.SSO_SITE_URL = SITE
    settings.SSO_SUBJECT_SECRET = SECRET
    sso_views._config.cache_clear()
    yield
    sso_views._config.cache_clear()


def _start(client) -> str:
    """Press 'Inloggen met je schoolaccount': returns the id of the request we sent to Entree."""
    response = client.get("/inloggen/school/entree/")
    assert response.status_code == 302 and response["Location"].startswith(IDP_ID + "/sso?")
    query = parse_qs(urlsplit(response["Location"]).query)
    request = authn_request_from_string(decode_base64_and_inflate(query["SAMLRequest"][0]))
    assert request.issuer.text == SP_ID
    return request.id


def _post(client, entree, request_id, **kwargs):
    attributes = kwargs.pop("attributes", entree_attributes())
    xml = entree.response(attributes=attributes, in_response_to=request_id, **kwargs)
    return client.post("/inloggen/school/acs/", {"SAMLResponse": encode(xml)}), xml


def test_metadata_at_a_stable_url(client):
    response = client.get("/inloggen/school/metadata/")
    body = response.content.decode()
    assert response.status_code == 200 and response["Content-Type"] == "application/samlmetadata+xml"
    assert f'entityID="{SP_ID}"' in body and f"{SITE}/inloggen/school/acs/" in body
    assert 'WantAssertionsSigned="true"' in body


def test_the_login_page_shows_the_school_button(client):
    assert 'href="/inloggen/school/entree/"' in client.get("/klas/").content.decode()


def test_first_sign_in_joins_a_class_once_then_signs_in_directly(client, entree):
    school_class = SchoolClassFactory()
    response, _ = _post(client, entree, _start(client))
    assert response.status_code == 302 and response["Location"] == "/klas/aanmelden/"
    assert SchoolIdentity.objects.count() == 0  # nothing linked before the pupil joined

    joined = client.post("/klas/aanmelden/", {"code": school_class.join_code, "name": "Sam"})

    assert joined.status_code == 200
    identity = SchoolIdentity.objects.get()
    student = StudentProfile.objects.get()
    assert identity.user == student.user and student.pseudonym == "Sam"
    assert (identity.affiliation, identity.brin) == ("student", "12AB")
    assert "a1b2c3-pseudo" not in str(SchoolIdentity.objects.values().get())

    client.post("/klas/uitloggen/")
    again, _ = _post(client, entree, _start(client))
    assert again.status_code == 302 and again["Location"] == "/klas/opdrachten/"
    assert client.get("/klas/opdrachten/").status_code == 200
    assert StudentProfile.objects.count() == 1 and SchoolIdentity.objects.count() == 1


def test_an_employee_confirms_once_and_gets_a_teacher_account(client, entree):
    response, _ = _post(client, entree, _start(client), attributes=entree_attributes(affiliation="employee"))
    assert response.status_code == 302 and response["Location"] == "/inloggen/school/docent/"
    assert SchoolIdentity.objects.count() == 0  # nothing before the teacher confirmed
    assert client.post("/inloggen/school/docent/", {"name": "", "school": ""}).status_code == 400

    confirmed = client.post("/inloggen/school/docent/", {"name": "Mevrouw  De Vries", "school": "Het Lyceum"})

    assert confirmed.status_code == 302 and confirmed["Location"] == "/docent/"
    identity = SchoolIdentity.objects.get()
    profile = TeacherProfile.objects.get(user=identity.user)
    assert (profile.name, profile.school, identity.affiliation, identity.brin) == (
        "Mevrouw De Vries",
        "Het Lyceum",
        "employee",
        "12AB",
    )
    assert not identity.user.has_usable_password() and identity.user.email == ""
    assert client.get("/docent/").status_code == 200
    client.logout()
    again, _ = _post(client, entree, _start(client), attributes=entree_attributes(affiliation="employee"))
    assert again.status_code == 302 and again["Location"] == "/docent/"
    assert TeacherProfile.objects.count() == 1


def test_the_teacher_page_is_only_for_a_pending_employee(client, entree):
    _post(client, entree, _start(client), attributes=entree_attributes(affiliation="student"))
    response = client.post("/inloggen/school/docent/", {"name": "Sam", "school": "X"})
    assert response.status_code == 302 and TeacherProfile.objects.count() == 0


@pytest.mark.parametrize(
    ("case", "reason"),
    [
        ({"signed": False}, "signature"),
        ({"audience": "https://other.example/"}, "audience"),
        ({"attributes": entree_attributes(affiliation="")}, "affiliation_missing"),
    ],
    ids=["unsigned", "wrong-audience", "no-affiliation"],
)
def test_a_bad_response_is_refused(client, entree, caplog, case, reason):
    with caplog.at_level(logging.INFO, logger="edu.security"):
        response, xml = _post(client, entree, _start(client), **case)

    _assert_refused(response, caplog, reason, xml)


def test_a_replayed_response_is_refused(client, entree, caplog):
    first, xml = _post(client, entree, _start(client))
    assert first.status_code == 302
    with caplog.at_level(logging.INFO, logger="edu.security"):
        again = client.post("/inloggen/school/acs/", {"SAMLResponse": encode(xml)})
    assert again.status_code == 400
    assert any(getattr(r, "reason", "") in {"replay", "unsolicited"} for r in caplog.records)


def test_an_expired_response_is_refused(client, entree, caplog, monkeypatch):
    import time

    request_id = _start(client)
    later = time.time() + 3600
    monkeypatch.setattr("saml2.time_util.utc_now", lambda: later)
    with caplog.at_level(logging.INFO, logger="edu.security"):
        response, xml = _post(client, entree, request_id)
    _assert_refused(response, caplog, "expired", xml)


def test_a_response_without_our_request_cookie_is_refused(client, entree, caplog):
    request_id = _start(client)
    client.cookies.pop(sso_views.REQUEST_COOKIE)
    with caplog.at_level(logging.INFO, logger="edu.security"):
        response, xml = _post(client, entree, request_id)
    _assert_refused(response, caplog, "unsolicited", xml)


@pytest.mark.parametrize("body", [{}, {"SAMLResponse": "bm9uc2Vuc2U="}, {"SAMLResponse": "<xml"}])
def test_junk_is_refused_not_a_crash(client, body):
    _start(client)
    response = client.post("/inloggen/school/acs/", body)
    assert response.status_code == 400 and SeenAssertion.objects.count() == 0


def test_off_unless_configured(client, settings):
    settings.SSO_ENTREE_METADATA = ""
    for url in ("/inloggen/school/metadata/", "/inloggen/school/entree/"):
        assert client.get(url).status_code == 404
    assert client.post("/inloggen/school/acs/").status_code == 404
    assert "/inloggen/school/entree/" not in client.get("/klas/").content.decode()


def _assert_refused(response, caplog, reason, xml):
    body = response.content.decode()
    assert response.status_code == 400 and "Inloggen met je schoolaccount lukt niet" in body
    assert SeenAssertion.objects.count() == 0 and SchoolIdentity.objects.count() == 0
    records = [r for r in caplog.records if getattr(r, "event", "") == "sso_refused"]
    assert [r.reason for r in records] == [reason]
    logged = " ".join(str(r.__dict__) for r in records)
    assert "a1b2c3-pseudo" not in logged and "SAMLResponse" not in logged and xml[:50] not in logged
