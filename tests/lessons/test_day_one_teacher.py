"""Issue 12, teachers: deleting a student says what goes and what went; names typed twice are reported; the demo's
due dates stay ahead of today."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import SchoolClass, StudentProfile
from lessons.classroom import selectors
from lessons.models import Answer, Assignment, Attempt
from tests.factories import (
    AnswerFactory,
    AssignmentFactory,
    AttemptFactory,
    ExerciseSetFactory,
    StudentFactory,
    TeacherFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def worked(posts):
    """A student with two answers on an assignment of their class, and a classmate with one."""
    assignment = AssignmentFactory(exercise_set=ExerciseSetFactory(title="Starter", scenarios=posts))
    student = StudentFactory(school_class=assignment.school_class, pseudonym="Sam")
    classmate = StudentFactory(school_class=assignment.school_class, pseudonym="Noor")
    attempt = AttemptFactory(user=student.user, exercise_set=assignment.exercise_set)
    for post in posts[:2]:
        AnswerFactory(attempt=attempt, scenario=post)
    AnswerFactory(attempt=AttemptFactory(user=classmate.user, exercise_set=assignment.exercise_set), scenario=posts[0])
    teacher = Client()
    teacher.force_login(assignment.school_class.teacher)
    return assignment, student, classmate, teacher


def test_deleting_a_student_asks_first_with_what_goes(worked):
    assignment, student, _classmate, teacher = worked
    url = reverse("teacher:student_delete", args=[assignment.school_class.public_id, student.public_id])

    html = teacher.get(url).content.decode()

    assert "Sam verwijderen?" in html
    assert "2 antwoorden in 1 oefenronde" in html
    assert "de opdracht: Starter" in html
    assert StudentProfile.objects.filter(pk=student.pk).exists()  # asking deletes nothing


def test_deleting_a_student_reports_what_went_and_keeps_the_rest(worked):
    assignment, student, classmate, teacher = worked
    url = reverse("teacher:student_delete", args=[assignment.school_class.public_id, student.public_id])

    response = teacher.post(url, follow=True)

    html = response.content.decode()
    assert "Sam is verwijderd, met het account, de wachtzin en 2 antwoorden bij: Starter." in html
    assert not StudentProfile.objects.filter(pk=student.pk).exists()
    assert not Attempt.objects.filter(user_id=student.user_id).exists()
    assert Answer.objects.filter(attempt__user=classmate.user).count() == 1  # the classmate's work stays
    assert Assignment.objects.filter(pk=assignment.pk).exists()


def test_the_class_page_links_to_the_confirmation_not_a_one_click_delete(worked):
    assignment, student, _classmate, teacher = worked
    html = teacher.get(reverse("teacher:class_detail", args=[assignment.school_class.public_id])).content.decode()
    url = reverse("teacher:student_delete", args=[assignment.school_class.public_id, student.public_id])
    assert f'href="{url}"' in html
    assert f'action="{url}"' not in html


def test_student_work_counts_in_two_queries(worked, django_assert_max_num_queries):
    _assignment, student, _classmate, _teacher = worked
    with django_assert_max_num_queries(2):
        work = selectors.student_work(student=student)
    assert (work.answers, work.attempts, work.assignments) == (2, 1, ["Starter"])


def test_names_typed_twice_are_reported_with_the_reason():
    teacher = TeacherFactory()
    client = Client()
    client.force_login(teacher.user)
    school_class = SchoolClass.objects.create(teacher=teacher.user, name="2B", join_code="QWERTY")
    StudentFactory(school_class=school_class, pseudonym="Noor")

    response = client.post(
        reverse("teacher:students_add", args=[school_class.public_id]), {"names": "Sam\nDaan\nsam\nNoor\nDaan"}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert sorted(school_class.students.values_list("pseudonym", flat=True)) == ["Daan", "Noor", "Sam"]
    assert "Niet alle namen zijn gemaakt." in html
    assert "sam (regel 3) stond al in je lijst als Sam (regel 1)" in html
    assert "Daan (regel 5) stond al in je lijst (regel 2)" in html
    assert "Deze namen zaten al in de klas (of een naam die er net zo uitziet): Noor." in html


def test_the_demo_never_shows_a_due_date_in_the_past(posts):
    ExerciseSetFactory(scenarios=posts)
    ExerciseSetFactory(scenarios=posts[:2])
    call_command("load_demo", "--i-know", stdout=io.StringIO())
    school_class = SchoolClass.objects.get()
    assert all(a.due_at > timezone.now() for a in school_class.assignments.all())

    # Weeks later `make run` loads the demo again: the kept class's due dates move along.
    Assignment.objects.update(due_at=timezone.now() - timedelta(days=30))
    call_command("load_demo", "--i-know", stdout=io.StringIO())
    assert SchoolClass.objects.get().pk == school_class.pk
    assert all(a.due_at > timezone.now() + timedelta(days=6) for a in school_class.assignments.all())
    student = school_class.students.first()
    statuses = {item.status for item in selectors.assignments_for_student(user=student.user)}
    assert selectors.Status.LATE not in statuses
