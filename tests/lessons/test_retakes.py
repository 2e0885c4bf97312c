"""Giving a class a set again: "nieuwe poging" starts everyone fresh, "verder waar je was" keeps their work."""

import pytest
from django.urls import reverse
from django.utils import timezone

from lessons.classroom.selectors import Status, assignment_dashboard, assignments_for_student
from lessons.models import Assignment
from tests.factories import AnswerFactory, AttemptFactory, ExerciseSetFactory, OpinionFactory, StudentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def finished(client):
    """A class whose student finished the set once; the teacher is signed in."""
    post = OpinionFactory()
    exercise_set = ExerciseSetFactory(scenarios=[post])
    student = StudentFactory()
    school_class = student.school_class
    client.force_login(school_class.teacher)
    client.post(
        reverse("teacher:assignment_create", args=[school_class.public_id]),
        {"work": f"set:{exercise_set.pk}", "due_at": "", "poging": "nieuw"},
    )
    attempt = AttemptFactory(user=student.user, exercise_set=exercise_set, finished_at=timezone.now())
    AnswerFactory(attempt=attempt, scenario=post, concreteness=1, reach=2, responses=["ignore"])
    return client, student, exercise_set


def give_again(client, student, exercise_set, choice: str) -> Assignment:
    response = client.post(
        reverse("teacher:assignment_create", args=[student.school_class.public_id]),
        {"work": f"set:{exercise_set.pk}", "due_at": "", "poging": choice},
    )
    assert response.status_code == 302
    return Assignment.objects.latest("pk")


def statuses(student) -> list[str]:
    return [item.status for item in assignments_for_student(user=student.user)]


def test_a_new_attempt_is_not_shown_as_done(finished):
    client, student, exercise_set = finished
    assert statuses(student) == [Status.DONE]
    again = give_again(client, student, exercise_set, "nieuw")
    items = {item.assignment.pk: item for item in assignments_for_student(user=student.user)}
    assert items[again.pk].status == Status.NOT_STARTED and items[again.pk].attempt is None
    assert [item.status for pk, item in items.items() if pk != again.pk] == [Status.DONE]  # the old work stays
    assert assignment_dashboard(assignment=again).completed == 0
    # The student's page offers to begin, not to look at the old result.
    client.force_login(student.user)
    page = client.get(reverse("student:assignment", args=[again.public_id]))
    assert "Begin met de oefening" in page.text


def test_going_on_where_they_were_keeps_the_old_attempt(finished):
    client, student, exercise_set = finished
    again = give_again(client, student, exercise_set, "verder")
    assert again.attempts_from is None
    assert statuses(student) == [Status.DONE, Status.DONE]
    assert assignment_dashboard(assignment=again).completed == 1


def test_the_teacher_sees_the_choice(finished):
    client, student, _ = finished
    page = client.get(reverse("teacher:class_detail", args=[student.school_class.public_id]))
    assert "Nieuwe poging" in page.text and "Verder waar je was" in page.text
