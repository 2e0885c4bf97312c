"""One address locks out nobody else's door (issue 13, items 1 and 5): separate limits per purpose, per account and
per address; class-code typos never block a teacher; one teacher's wrong passwords never block another; a school's
worth of mistakes from one NAT address still gets the right people in; and 40 wrong passwords at once for one
account check at most the limit, on Redis and on the database cache."""

import threading

import pytest
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.cache import caches
from django.db import connections
from django.test import Client, RequestFactory

from accounts import login as limits
from accounts.backends import AccountBackend, StudentBackend
from tests.concurrency import waiting_for_sqlite_locks
from tests.factories import STUDENT_PASSPHRASE, SchoolClassFactory, StudentFactory, TeacherFactory
from tests.throttle_caches import throttle_cache  # noqa: F401 (a fixture)

SCHOOL = "192.0.2.44"  # the whole school's public address
PASSWORD = "geheim-wachtwoord"
PHRASE = STUDENT_PASSPHRASE


def _request(address: str = SCHOOL):
    return RequestFactory().post("/docent/inloggen/", REMOTE_ADDR=address)


def _teacher_login(email: str, password: str, address: str = SCHOOL) -> int:
    return Client(REMOTE_ADDR=address).post("/docent/inloggen/", {"email": email, "password": password}).status_code


@pytest.mark.django_db
def test_class_code_typos_never_block_a_teachers_login():
    teacher = TeacherFactory()
    SchoolClassFactory(join_code="KLAS23")
    for n in range(limits.LIMITS["join"].per_address + 5):  # a school's worth of typos, then a guessing script
        limits.login_attempt(scope="join", account=f"FOUT{n}", request=_request())
    assert Client(REMOTE_ADDR=SCHOOL).post("/klas/aanmelden/", {"code": "KLAS23", "name": "Sam"}).status_code == 429

    assert _teacher_login(teacher.user.email, PASSWORD) == 302
    student = StudentFactory(school_class=SchoolClassFactory(join_code="KLAS45"), pseudonym="Noor")
    pupil = Client(REMOTE_ADDR=SCHOOL).post(
        "/klas/", {"code": "KLAS45", "name": "Noor", "passphrase": STUDENT_PASSPHRASE}
    )
    assert pupil.status_code == 302 and student.pk


@pytest.mark.django_db
def test_one_teachers_wrong_passwords_never_lock_out_another():
    careless, colleague = TeacherFactory(), TeacherFactory()
    for _ in range(limits.LIMITS["teacher"].per_account + 5):
        _teacher_login(careless.user.email, "fout")
    assert _teacher_login(careless.user.email, PASSWORD) == 429  # that account is locked, even the right password

    assert _teacher_login(colleague.user.email, PASSWORD) == 302  # the colleague at the same school gets in


@pytest.mark.django_db
def test_pupils_mistakes_never_block_the_teachers_and_the_other_way_round():
    teacher = TeacherFactory()
    for n in range(limits.LIMITS["student"].per_address + 1):
        limits.login_attempt(scope="student", account=f"KLAS23:leerling {n}", request=_request())
    assert _teacher_login(teacher.user.email, PASSWORD) == 302

    caches["throttle"].clear()  # a new quarter of an hour: now the teachers' side is full
    for n in range(limits.LIMITS["teacher"].per_address + 1):
        limits.login_attempt(scope="teacher", account=f"iemand{n}@school.example", request=_request())
    StudentFactory(school_class=SchoolClassFactory(join_code="KLAS67"), pseudonym="Sam")
    pupil = Client(REMOTE_ADDR=SCHOOL).post(
        "/klas/", {"code": "KLAS67", "name": "Sam", "passphrase": STUDENT_PASSPHRASE}
    )
    assert pupil.status_code == 302


@pytest.mark.django_db
def test_a_school_behind_one_address_with_a_typo_each_still_gets_in():
    """300 pupils each mistype once from the school's address: all of them get in on the next try."""
    school_class = SchoolClassFactory(join_code="GROOT2")
    backend = StudentBackend()
    pupils = [f"leerling {n}" for n in range(250)]
    for name in pupils:
        assert backend.authenticate(_request(), class_code="GROOT2", pseudonym=name, passphrase="fout") is None
    StudentFactory(school_class=school_class, pseudonym=pupils[-1])

    user = backend.authenticate(_request(), class_code="GROOT2", pseudonym=pupils[-1], passphrase=STUDENT_PASSPHRASE)

    assert user is not None


@pytest.mark.django_db
def test_a_guessing_script_behind_one_address_is_stopped_across_accounts():
    teachers = [TeacherFactory() for _ in range(3)]
    backend = AccountBackend()
    for n in range(limits.LIMITS["teacher"].per_address):  # spraying one password over many accounts
        backend.authenticate(_request(), username=f"docent{n}@elders.example", password="Welkom01!")

    assert backend.authenticate(_request(), username=teachers[0].user.username, password=PASSWORD) is None
    assert backend.authenticate(_request("198.51.100.1"), username=teachers[0].user.username, password=PASSWORD)


@pytest.mark.django_db
def test_right_passwords_cost_nothing():
    teacher = TeacherFactory()
    for _ in range(limits.LIMITS["teacher"].per_account * 3):
        assert _teacher_login(teacher.user.email, PASSWORD) == 302


def test_forty_wrong_passwords_at_once_check_at_most_the_limit(throttle_cache, monkeypatch):  # noqa: F811
    teacher = TeacherFactory()
    checks, lock = [0], threading.Lock()
    real_check = AbstractBaseUser.check_password

    def counted(self, raw):
        with lock:
            checks[0] += 1
        return real_check(self, raw)

    monkeypatch.setattr(AbstractBaseUser, "check_password", counted)
    start = threading.Barrier(40)

    def attempt(n):
        start.wait()
        try:
            request = _request(f"10.20.0.{n}")  # from 40 addresses: only the account's limit applies
            return waiting_for_sqlite_locks(
                lambda: AccountBackend().authenticate(request, username=teacher.user.username, password="fout")
            )
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert checks[0] <= limits.LIMITS["teacher"].per_account + 2


@pytest.mark.django_db
def test_a_refusal_is_logged_with_its_scope_and_no_secret(caplog):
    caplog.set_level("INFO", logger="edu.security")
    teacher = TeacherFactory(user__username="zwaluw@school.example", user__email="zwaluw@school.example")
    for _ in range(limits.LIMITS["teacher"].per_account + 1):
        _teacher_login(teacher.user.email, "Geheim-Zq9")

    [record] = [r for r in caplog.records if getattr(r, "event", None) == "rate_limited"]
    assert (record.scope, record.reason) == ("teacher", "account limit")
    assert "zwaluw" not in caplog.text and "Zq9" not in caplog.text
