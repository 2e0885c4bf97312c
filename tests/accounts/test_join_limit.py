"""Teachers set how many pupils may still join a class (issue 13, item 7): the limit holds for a crowd joining at
once, a full class says so in Dutch, and only the class's teacher can change it."""

import threading

import pytest
from django.test import Client

from accounts import services
from accounts.models import SchoolClass, StudentProfile
from tests.concurrency import waiting_for_sqlite_locks
from tests.factories import SchoolClassFactory, TeacherFactory


def _limit_url(school_class) -> str:
    return f"/docent/klassen/{school_class.public_id}/aanmelden-grens/"


@pytest.mark.django_db
def test_the_teacher_sets_a_limit_and_the_class_fills_up():
    school_class = SchoolClassFactory(join_code="KLAS23")
    teacher = Client()
    teacher.force_login(school_class.teacher)
    assert teacher.post(_limit_url(school_class), {"joins_left": "2"}).status_code == 302
    page = teacher.get(f"/docent/klassen/{school_class.public_id}/").content.decode()
    assert "kunnen nog <strong>2</strong> leerlingen" in page

    statuses = [Client().post("/klas/aanmelden/", {"code": "KLAS23", "name": f"Kind {n}"}) for n in range(3)]

    assert [r.status_code for r in statuses] == [200, 200, 400]
    assert "geen leerlingen meer bij" in statuses[2].content.decode()
    assert SchoolClass.objects.get(pk=school_class.pk).joins_left == 0
    assert teacher.post(_limit_url(school_class), {"joins_left": ""}).status_code == 302  # no limit again
    assert Client().post("/klas/aanmelden/", {"code": "KLAS23", "name": "Kind 3"}).status_code == 200


@pytest.mark.django_db
def test_a_refused_name_gives_its_place_back():
    school_class = SchoolClassFactory(join_code="KLAS23", joins_left=1)
    services.students_create(school_class=school_class, pseudonyms=["Sam"])  # the teacher's list takes no place

    assert Client().post("/klas/aanmelden/", {"code": "KLAS23", "name": "SAM"}).status_code == 400
    assert SchoolClass.objects.get(pk=school_class.pk).joins_left == 1


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["-1", "501", "twee", "2.5"])
def test_a_wrong_limit_is_a_dutch_400(value):
    school_class = SchoolClassFactory()
    teacher = Client()
    teacher.force_login(school_class.teacher)

    response = teacher.post(_limit_url(school_class), {"joins_left": value})

    assert response.status_code == 400 and "Vul " in response.content.decode()
    assert SchoolClass.objects.get(pk=school_class.pk).joins_left is None


@pytest.mark.django_db
def test_only_the_classs_teacher_can_change_the_limit():
    school_class = SchoolClassFactory()
    other = Client()
    other.force_login(TeacherFactory().user)

    assert other.post(_limit_url(school_class), {"joins_left": "0"}).status_code == 404
    assert Client().post(_limit_url(school_class), {"joins_left": "0"}).status_code == 302  # to the login page
    assert SchoolClass.objects.get(pk=school_class.pk).joins_left is None


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_thirty_pupils_at_once_against_five_places_make_five_accounts():
    school_class = SchoolClassFactory(joins_left=5)
    start, outcomes = threading.Barrier(30), []

    def join(n):
        start.wait()
        try:
            waiting_for_sqlite_locks(lambda: services.student_join(school_class=school_class, pseudonym=f"Kind {n}"))
            outcomes.append("made")
        except services.ClassFull:
            outcomes.append("full")
        finally:
            from django.db import connection

            connection.close()

    threads = [threading.Thread(target=join, args=(n,)) for n in range(30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert outcomes.count("made") == 5 and outcomes.count("full") == 25
    assert StudentProfile.objects.filter(school_class=school_class).count() == 5
    assert SchoolClass.objects.get(pk=school_class.pk).joins_left == 0
