"""The security log (edu/security_log.py, edu/logs.py): every event with its fields, and never a secret in any
record, from any logger, at any level."""

import json
import logging

import pytest
from django.test import Client
from django.urls import reverse

from accounts.login import THROTTLE_LIMIT
from core.logs import JsonLineFormatter
from core.security_log import account_hint
from dialogue import services
from dialogue.throttle import CODE_TRIES_PER_MINUTE, COMMENTS_PER_MINUTE
from edu.settings import base as base_settings
from tests.factories import (
    STUDENT_PASSPHRASE,
    SchoolClassFactory,
    StatementFactory,
    StatementSetFactory,
    StudentFactory,
    TeacherFactory,
)

pytestmark = pytest.mark.django_db

# Letters outside a–f, so no hash or hex id in a record can contain them by chance.
EMAIL = "zwaluw.quirijn@school.example"
UNKNOWN_EMAIL = "onbekend.wxyz@school.example"
PASSWORD = "Wachtwoord-Zq9-uniek!"
CLASS_CODE = "ZQWK7M"
WRONG_CLASS_CODE = "WRQZ7X"
PSEUDONYM = "Zwaluw Quirijn"
PASSPHRASE = "vlinder-gitaar-tijger-zwaan"
LIVE_CODE = "ZWQXKM"
WRONG_LIVE_CODE = "QQWWXX"


@pytest.fixture
def security(caplog):
    """The records of edu.security, from INFO up (what production writes)."""
    caplog.set_level(logging.INFO, logger="edu.security")

    def records(event: str | None = None) -> list[logging.LogRecord]:
        found = [r for r in caplog.records if r.name == "edu.security"]
        return [r for r in found if r.event == event] if event else found

    return records


@pytest.fixture
def teacher(db):
    return TeacherFactory(user__username=EMAIL).user


@pytest.fixture
def student(db):
    return StudentFactory(school_class=SchoolClassFactory(join_code=CLASS_CODE), pseudonym=PSEUDONYM)


@pytest.fixture
def live(teacher):
    statement_set = StatementSetFactory()
    StatementFactory(statement_set=statement_set)
    session = services.session_start(host=teacher, statement_set=statement_set)
    session.code = LIVE_CODE
    session.save(update_fields=["code"])
    return session


def _fields(record: logging.LogRecord) -> dict:
    return {name: getattr(record, name, None) for name in ("event", "scope", "path", "ip", "user_id", "account")}


# ---------------------------------------------------------------------------------------------------- sign-ins


def test_a_failed_teacher_sign_in_is_logged_with_a_hint_of_the_account(client, teacher, security):
    response = client.post("/docent/inloggen/", {"email": EMAIL, "password": PASSWORD})
    assert response.status_code == 400
    [record] = security("login_failed")
    assert record.levelno == logging.INFO
    assert _fields(record) == {
        "event": "login_failed",
        "scope": "password",
        "path": "/docent/inloggen/",
        "ip": "127.0.0.1",
        "user_id": None,
        "account": account_hint(EMAIL),
    }
    assert len(record.account) == 12 and record.account != account_hint(UNKNOWN_EMAIL)


@pytest.mark.parametrize("path", ["/admin/login/", "/django-admin/login/"])
def test_a_failed_admin_sign_in_is_logged(client, teacher, security, path):
    assert client.post(path, {"username": EMAIL, "password": PASSWORD}).status_code == 200
    [record] = security("login_failed")
    assert (record.path, record.scope, record.account) == (path, "password", account_hint(EMAIL))


def test_a_failed_student_sign_in_is_logged_with_a_hint_of_class_and_name(client, student, security):
    response = client.post("/klas/", {"code": CLASS_CODE, "name": PSEUDONYM, "passphrase": PASSPHRASE})
    assert response.status_code == 400
    [record] = security("login_failed")
    assert _fields(record) | {"account": None} == {
        "event": "login_failed",
        "scope": "student",
        "path": "/klas/",
        "ip": "127.0.0.1",
        "user_id": None,
        "account": None,
    }
    assert record.account == account_hint(f"{CLASS_CODE}:{PSEUDONYM}")


def test_a_successful_sign_in_logs_nothing(client, teacher, student, security):
    client.post("/klas/", {"code": CLASS_CODE, "name": PSEUDONYM, "passphrase": STUDENT_PASSPHRASE})
    Client().post("/docent/inloggen/", {"email": EMAIL, "password": "geheim-wachtwoord"})
    assert security() == []


# ---------------------------------------------------------------------------------------------------- rate limits


def test_a_throttled_sign_in_is_logged(client, teacher, security):
    for _ in range(THROTTLE_LIMIT):
        client.post("/docent/inloggen/", {"email": EMAIL, "password": PASSWORD})
    assert security("rate_limited") == []
    assert client.post("/docent/inloggen/", {"email": EMAIL, "password": PASSWORD}).status_code == 429
    [record] = security("rate_limited")
    assert record.levelno == logging.WARNING
    assert _fields(record) == {
        "event": "rate_limited",
        "scope": "teacher",
        "path": "/docent/inloggen/",
        "ip": "127.0.0.1",
        "user_id": None,
        "account": account_hint(EMAIL),
    }


def test_throttled_join_codes_are_logged(client, security):
    for _ in range(CODE_TRIES_PER_MINUTE):
        client.post("/doe-mee/", {"code": WRONG_LIVE_CODE})
    assert client.post("/doe-mee/", {"code": WRONG_LIVE_CODE}).status_code == 429
    [record] = security("rate_limited")
    assert (record.scope, record.path, record.ip) == ("live_code", "/doe-mee/", "127.0.0.1")
    assert not hasattr(record, "account")


def test_throttled_comments_are_logged(client, live, security):
    client.post("/doe-mee/", {"code": LIVE_CODE})
    url = reverse("doemee:comment", args=[LIVE_CODE])
    statuses = [client.post(url, {"tekst": f"Punt {n}"}).status_code for n in range(COMMENTS_PER_MINUTE + 1)]
    assert statuses[-1] == 429
    [record] = security("rate_limited")
    assert (record.scope, record.path) == ("live_comment", "/doe-mee/<code>/reactie/")


# ---------------------------------------------------------------------------------------------------- wrong codes


def test_a_wrong_live_join_code_is_logged_without_the_code(client, security):
    assert client.post("/doe-mee/", {"code": WRONG_LIVE_CODE}).status_code == 404
    assert client.get(f"/doe-mee/{WRONG_LIVE_CODE}/").status_code == 404
    first, second = security("join_code_failed")
    assert _fields(first) == {
        "event": "join_code_failed",
        "scope": "live",
        "path": "/doe-mee/",
        "ip": "127.0.0.1",
        "user_id": None,
        "account": None,
    }
    assert second.path == "/doe-mee/<code>/"


def test_a_wrong_class_code_is_logged_without_the_code(client, teacher, security):
    client.force_login(teacher)  # signed in or not, it is logged; here with the user id
    response = client.post("/klas/aanmelden/", {"code": WRONG_CLASS_CODE, "name": "Sam"})
    assert response.status_code == 400
    [record] = security("join_code_failed")
    assert (record.scope, record.path, record.user_id) == ("class", "/klas/aanmelden/", teacher.pk)


# ---------------------------------------------------------------------------------------------------- access


def test_another_teachers_class_is_a_404_logged_as_denied_access(client, security):
    school_class = SchoolClassFactory()
    stranger = TeacherFactory().user
    client.force_login(stranger)
    path = reverse("teacher:class_detail", args=[school_class.public_id])
    assert client.get(path).status_code == 404
    [record] = security("access_denied")
    assert record.levelno == logging.WARNING
    assert _fields(record) == {
        "event": "access_denied",
        "scope": "object",
        "path": path,
        "ip": "127.0.0.1",
        "user_id": stranger.pk,
        "account": None,
    }
    assert record.status == 404


def test_another_hosts_session_is_logged_as_denied_access(client, live, security):
    stranger = TeacherFactory().user
    client.force_login(stranger)
    assert client.get(reverse("live:host", args=[live.public_id])).status_code == 404
    [record] = security("access_denied")
    assert (record.scope, record.status, record.user_id) == ("object", 404, stranger.pk)


def test_a_student_on_a_teacher_page_is_logged_as_denied_access(client, student, security):
    client.force_login(student.user)
    assert client.get("/docent/").status_code == 403
    [record] = security("access_denied")
    assert (record.scope, record.status, record.path, record.user_id) == (
        "permission",
        403,
        "/docent/",
        student.user.pk,
    )


def test_an_unknown_page_is_not_a_security_event(client, security):
    assert client.get("/bestaat-niet/").status_code == 404
    assert security() == []


# ---------------------------------------------------------------------------------------------------- CSRF


def test_a_csrf_failure_reaches_the_log_with_path_and_address(caplog, teacher):
    client = Client(enforce_csrf_checks=True)
    client.force_login(teacher)
    with caplog.at_level(logging.INFO):
        assert client.post(reverse("live:start"), {}).status_code == 403
    [record] = [r for r in caplog.records if r.name == "django.security.csrf"]
    assert (record.event, record.path, record.ip, record.status) == ("csrf_failed", "/live/start/", "127.0.0.1", 403)
    assert not hasattr(record, "request")  # it holds the cookies; taken off the record
    line = json.loads(JsonLineFormatter().format(record))
    assert line["event"] == "csrf_failed" and line["logger"] == "django.security.csrf"
    assert "CSRF" in line["message"]


# ---------------------------------------------------------------------------------------------------- format


def test_a_record_is_one_json_line_with_only_the_named_fields(client, teacher, security):
    client.post("/docent/inloggen/", {"email": EMAIL, "password": PASSWORD})
    [record] = security("login_failed")
    line = JsonLineFormatter().format(record)
    assert "\n" not in line
    data = json.loads(line)
    assert data.keys() == {"time", "level", "logger", "message", "event", "scope", "path", "ip", "account"}
    assert (data["level"], data["logger"], data["event"]) == ("INFO", "edu.security", "login_failed")


def test_production_writes_security_events_from_info_as_json_lines_to_stderr():
    config = base_settings.LOGGING  # the test settings only swap the handler for one that prints nothing
    assert config["loggers"]["edu.security"]["level"] == "INFO"
    assert config["handlers"]["console"] == {"class": "logging.StreamHandler", "formatter": "line"}  # stderr
    assert config["formatters"]["line"]["()"] == "core.logs.JsonLineFormatter"
    assert config["root"]["handlers"] == ["console"]


# ---------------------------------------------------------------------------------------------------- no secrets


def test_no_secret_reaches_any_log_record(caplog, teacher, student, live):
    """Every failing sign-in and join, each with a secret of its own, then a search through everything every logger
    recorded: message, arguments and all other attributes of each record, at every level."""
    for name in ("", "django", "django.request", "django.security.csrf", "edu.security", "wagtail"):
        caplog.set_level(logging.DEBUG, logger=name)

    participant = Client()
    participant.post("/doe-mee/", {"code": LIVE_CODE})
    token = participant.cookies[f"doemee-{LIVE_CODE}"].value
    for n in range(COMMENTS_PER_MINUTE + 1):
        participant.post(reverse("doemee:comment", args=[LIVE_CODE]), {"tekst": f"Punt {n}"})
    anonymous = Client()
    for _ in range(THROTTLE_LIMIT + 1):  # the last tries are rate-limited, and logged as such
        anonymous.post("/docent/inloggen/", {"email": EMAIL, "password": PASSWORD})
        anonymous.post("/docent/inloggen/", {"email": UNKNOWN_EMAIL, "password": PASSWORD})
    for path in ("/admin/login/", "/django-admin/login/"):
        Client().post(path, {"username": EMAIL, "password": PASSWORD})
    phone = Client()
    for _ in range(THROTTLE_LIMIT + 1):
        phone.post(
            f"/klas/?code={CLASS_CODE}&naam=x", {"code": CLASS_CODE, "name": PSEUDONYM, "passphrase": PASSPHRASE}
        )
        phone.post("/klas/aanmelden/", {"code": WRONG_CLASS_CODE, "name": PSEUDONYM})
    for _ in range(CODE_TRIES_PER_MINUTE + 1):
        Client().post("/doe-mee/", {"code": WRONG_LIVE_CODE})
        Client().get(f"/doe-mee/{WRONG_LIVE_CODE}/")
    stranger = Client(enforce_csrf_checks=True)
    stranger.force_login(TeacherFactory().user)
    session_id = stranger.cookies["sessionid"].value
    stranger.get(reverse("live:host", args=[live.public_id]))
    stranger.post("/docent/inloggen/", {"email": EMAIL, "password": PASSWORD})  # no CSRF token

    events = {getattr(r, "event", None) for r in caplog.records}
    assert {"login_failed", "rate_limited", "join_code_failed", "access_denied", "csrf_failed"} <= events
    secrets = [EMAIL, UNKNOWN_EMAIL, PASSWORD, CLASS_CODE, WRONG_CLASS_CODE, PSEUDONYM, PASSPHRASE, LIVE_CODE]
    secrets += [WRONG_LIVE_CODE, token, session_id]
    formatter = JsonLineFormatter()
    for record in caplog.records:
        text = " ".join(
            [record.getMessage(), repr(record.msg), repr(record.args), repr(vars(record)), formatter.format(record)]
        ).lower()
        for secret in secrets:
            assert secret.lower() not in text, (secret, record.name, record.getMessage())
    assert PSEUDONYM.split()[0].lower() not in caplog.text.lower()
