"""Classes (create, rename, archive, join code) and students (join, login cards, pass phrases, login)."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.test import Client
from django.utils import timezone

from accounts import login as login_limits
from accounts import services as people
from accounts.forms import clean_pseudonym
from accounts.login import THROTTLE_LIMIT
from accounts.models import SchoolClass, StudentProfile, new_join_code
from accounts.passphrases import PASSPHRASE_WORDS
from core.codes import TYPABLE_ALPHABET as JOIN_CODE_ALPHABET
from tests.factories import STUDENT_PASSPHRASE, SchoolClassFactory, StudentFactory, TeacherFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def teacher_client(client):
    teacher = TeacherFactory()
    client.force_login(teacher.user)
    client.teacher = teacher.user
    return client


# ---------------------------------------------------------------------------------------------------- classes


def test_join_codes_are_long_and_unambiguous():
    codes = {new_join_code() for _ in range(200)}
    assert all(len(code) >= 6 and set(code) <= set(JOIN_CODE_ALPHABET) for code in codes)
    assert not set("0O1IL") & set(JOIN_CODE_ALPHABET)


def test_a_code_is_unique_among_active_classes_only():
    SchoolClassFactory(join_code="ABCDEF")
    with pytest.raises(IntegrityError), transaction.atomic():
        SchoolClassFactory(join_code="ABCDEF")

    SchoolClass.objects.update(archived_at=timezone.now())
    SchoolClassFactory(join_code="ABCDEF")  # an archived class frees its code


def test_create_rename_archive_and_codes(teacher_client):
    response = teacher_client.post("/docent/klassen/nieuw/", {"name": "2B"})
    school_class = SchoolClass.objects.get()
    assert response["Location"] == f"/docent/klassen/{school_class.public_id}/"
    assert school_class.teacher == teacher_client.teacher
    base = response["Location"]
    assert school_class.join_code in teacher_client.get(base).content.decode()

    teacher_client.post(base + "naam/", {"name": "2B mentor"})
    old_code = school_class.join_code
    teacher_client.post(base + "code/", {"actie": "nieuw"})
    teacher_client.post(base + "code/", {"actie": "uit"})
    school_class.refresh_from_db()
    assert (school_class.name, school_class.joining_open) == ("2B mentor", False)
    assert school_class.join_code != old_code

    teacher_client.post(base + "archiveren/")
    school_class.refresh_from_db()
    assert school_class.is_archived


def test_class_delete_asks_first_then_removes(teacher_client):
    school_class = SchoolClassFactory(teacher=teacher_client.teacher)
    url = f"/docent/klassen/{school_class.public_id}/verwijderen/"
    assert teacher_client.get(url).status_code == 200
    assert SchoolClass.objects.exists()

    teacher_client.post(url)
    assert not SchoolClass.objects.exists()


# ---------------------------------------------------------------------------------------------------- students


@pytest.mark.parametrize("name", ["Sam", "Noor B.", "x" * 20, "Daan 2"])
def test_pseudonyms_that_are_fine(name):
    assert clean_pseudonym(name) == name


@pytest.mark.parametrize(
    "name",
    ["", "   ", "x" * 21, "sam@school.nl", "0612345678", "+31 6 1234 5678", "www.sam.nl", "https://x.io", "sam.nl"],
)
def test_pseudonyms_that_are_refused(name):
    from django import forms

    with pytest.raises(forms.ValidationError):
        clean_pseudonym(name)


def _passphrase(response) -> str:
    return re.search(r'id="wachtzin">([a-z-]+)<', response.content.decode()).group(1)


def test_a_student_joins_with_the_code_and_gets_a_pass_phrase_once():
    school_class = SchoolClassFactory(join_code="KLAS23")
    client = Client()

    response = client.post("/klas/aanmelden/", {"code": "klas23", "name": "Sam"})

    assert response.status_code == 200
    phrase = _passphrase(response)
    assert len(phrase.split("-")) == 4 and all(word in PASSPHRASE_WORDS for word in phrase.split("-"))
    profile = StudentProfile.objects.get()
    assert (profile.school_class, profile.pseudonym, profile.user.email) == (school_class, "Sam", "")
    assert phrase not in client.get("/klas/opdrachten/").content.decode()

    client.post("/klas/uitloggen/")
    again = Client().post("/klas/", {"code": "KLAS23", "name": "sam", "passphrase": phrase.replace("-", " ").upper()})
    assert again.status_code == 302 and again["Location"] == "/klas/opdrachten/"


@pytest.mark.parametrize("url", ["/klas/", "/klas/aanmelden/"])
def test_an_empty_or_invalid_student_form_is_400_with_a_dutch_message(url):
    """An empty POST used to answer 200 with no message at all; an invalid form 200 with one."""
    SchoolClassFactory(join_code="KLAS23")

    for data in ({}, {"code": "KLAS23", "name": "x" * 41, "passphrase": "appel"}):
        response = Client().post(url, data)
        assert response.status_code == 400
        assert "Dit is een verplicht veld." in response.content.decode() or "tekens" in response.content.decode()
    assert not StudentProfile.objects.exists()


def test_joining_refuses_a_taken_name_a_closed_code_and_an_archived_class():
    SchoolClassFactory(join_code="KLAS23")
    StudentFactory(school_class=SchoolClass.objects.get(), pseudonym="Sam")
    assert "al gekozen" in Client().post("/klas/aanmelden/", {"code": "KLAS23", "name": "SAM"}).content.decode()

    SchoolClass.objects.update(joining_open=False)
    assert Client().post("/klas/aanmelden/", {"code": "KLAS23", "name": "Noor"}).status_code == 400
    SchoolClass.objects.update(joining_open=True, archived_at=timezone.now())
    assert Client().post("/klas/aanmelden/", {"code": "KLAS23", "name": "Noor"}).status_code == 400
    assert StudentProfile.objects.count() == 1


def test_teacher_adds_names_and_gets_printable_cards_with_qr(teacher_client):
    school_class = SchoolClassFactory(teacher=teacher_client.teacher, join_code="KLAS23")
    response = teacher_client.post(
        f"/docent/klassen/{school_class.public_id}/leerlingen/", {"names": "Sam\nNoor\n\nsam\nDaan"}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert sorted(StudentProfile.objects.values_list("pseudonym", flat=True)) == ["Daan", "Noor", "Sam"]
    assert page.count('class="login-card"') == 3 and page.count("<svg") >= 3
    assert "?code=KLAS23&amp;naam=Sam" not in page  # the QR code carries it as an image, not as text
    phrases = re.findall(r'<dd class="code">([a-z]+(?:-[a-z]+){3})</dd>', page)
    assert len(phrases) == 3
    assert Client().post("/klas/", {"code": "KLAS23", "name": "Noor", "passphrase": phrases[1]}).status_code == 302


def test_a_list_with_an_email_address_is_refused(teacher_client):
    school_class = SchoolClassFactory(teacher=teacher_client.teacher)
    response = teacher_client.post(
        f"/docent/klassen/{school_class.public_id}/leerlingen/", {"names": "Sam\nnoor@mail.nl"}
    )
    assert response.status_code == 400 and "Regel 2" in response.content.decode()
    assert not StudentProfile.objects.exists()


def test_a_reset_pass_phrase_works_and_the_old_one_stops_at_once(teacher_client):
    student = StudentFactory(school_class=SchoolClassFactory(teacher=teacher_client.teacher, join_code="KLAS23"))
    signed_in = Client()
    assert signed_in.post("/klas/", {"code": "KLAS23", "name": student.pseudonym, "passphrase": STUDENT_PASSPHRASE})
    assert signed_in.get("/klas/opdrachten/").status_code == 200

    response = teacher_client.post(
        f"/docent/klassen/{student.school_class.public_id}/leerlingen/{student.public_id}/wachtwoord/"
    )
    new = re.search(r'<dd class="code">([a-z]+(?:-[a-z]+){3})</dd>', response.content.decode()).group(1)

    assert signed_in.get("/klas/opdrachten/").status_code == 302  # the old session ends
    old = Client().post("/klas/", {"code": "KLAS23", "name": student.pseudonym, "passphrase": STUDENT_PASSPHRASE})
    fresh = Client().post("/klas/", {"code": "KLAS23", "name": student.pseudonym, "passphrase": new})
    assert (old.status_code, fresh.status_code) == (400, 302)


def test_student_login_is_throttled_with_one_answer_for_every_mistake():
    student = StudentFactory(school_class=SchoolClassFactory(join_code="KLAS23"), pseudonym="Sam")
    wrong_phrase = Client().post("/klas/", {"code": "KLAS23", "name": "Sam", "passphrase": "fout"})
    wrong_name = Client().post("/klas/", {"code": "KLAS23", "name": "Niemand", "passphrase": "fout"})
    wrong_code = Client().post("/klas/", {"code": "ZZZZZZ", "name": "Sam", "passphrase": "fout"})
    assert wrong_phrase.status_code == wrong_name.status_code == wrong_code.status_code == 400

    for n in range(THROTTLE_LIMIT):
        Client(REMOTE_ADDR=f"10.9.0.{n}").post("/klas/", {"code": "KLAS23", "name": "Sam", "passphrase": "fout"})
    blocked = Client().post("/klas/", {"code": "KLAS23", "name": "Sam", "passphrase": STUDENT_PASSPHRASE})
    assert blocked.status_code == 429 and "kwartier" in blocked.content.decode()
    assert student.pk


def test_archived_class_students_cannot_log_in():
    StudentFactory(school_class=SchoolClassFactory(join_code="KLAS23", archived_at=timezone.now()), pseudonym="Sam")
    assert (
        Client().post("/klas/", {"code": "KLAS23", "name": "Sam", "passphrase": STUDENT_PASSPHRASE}).status_code == 400
    )


def test_delete_a_student_removes_the_account_and_work(teacher_client):
    from tests.factories import AnswerFactory, AttemptFactory

    student = StudentFactory(school_class=SchoolClassFactory(teacher=teacher_client.teacher))
    AnswerFactory(attempt=AttemptFactory(user=student.user))

    teacher_client.post(f"/docent/klassen/{student.school_class.public_id}/leerlingen/{student.public_id}/verwijderen/")

    assert not get_user_model().objects.filter(pk=student.user_id).exists()
    from lessons.models import Answer, Attempt

    assert not Attempt.objects.exists() and not Answer.objects.exists()


def test_school_class_create_retries_a_taken_code(monkeypatch, teacher_client):
    SchoolClassFactory(join_code="AAAAAA")
    codes = iter(["AAAAAA", "BBBBBB"])
    monkeypatch.setattr(people, "new_join_code", lambda: next(codes))

    assert people.school_class_create(teacher=teacher_client.teacher, name="3C").join_code == "BBBBBB"


def test_guessing_class_codes_is_throttled(monkeypatch):
    """With a smaller limit than the real one (100, tried in tests/accounts/test_login_limits.py)."""
    monkeypatch.setitem(login_limits.LIMITS, "join", login_limits.Limit(per_account=0, per_address=10, seconds=900))
    SchoolClassFactory(join_code="KLAS23")
    guesser = Client(REMOTE_ADDR="10.3.3.3")
    for n in range(10):
        assert guesser.post("/klas/aanmelden/", {"code": f"GUESS{n}", "name": "Sam"}).status_code == 400

    assert guesser.post("/klas/aanmelden/", {"code": "KLAS23", "name": "Sam"}).status_code == 429
    assert Client(REMOTE_ADDR="10.4.4.4").post("/klas/aanmelden/", {"code": "KLAS23", "name": "Sam"}).status_code == 200
