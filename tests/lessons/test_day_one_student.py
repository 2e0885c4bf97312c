"""Issue 12, item 5: a student's home page lists every assignment with status, score, due date and the posts to look
at again, and shows the student's own progress over time, in a constant number of queries."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    AnswerFactory,
    AssignmentFactory,
    AttemptFactory,
    ExerciseSetFactory,
    OpinionFactory,
    StudentFactory,
    ThreatFactory,
)

pytestmark = pytest.mark.django_db


def student_with_work(n_assignments: int = 2):
    posts = [OpinionFactory(), ThreatFactory(text="Morgen om 8 uur bij het hek, neem vuurwerk mee.")]
    first = AssignmentFactory(
        exercise_set=ExerciseSetFactory(title="Starter", scenarios=posts), due_at=timezone.now() + timedelta(days=3)
    )
    student = StudentFactory(school_class=first.school_class)
    for n in range(1, n_assignments):
        AssignmentFactory(
            school_class=first.school_class, exercise_set=ExerciseSetFactory(title=f"Set {n}", scenarios=posts)
        )
    attempt = AttemptFactory(user=student.user, exercise_set=first.exercise_set)
    AnswerFactory(attempt=attempt, scenario=posts[0])  # right
    AnswerFactory(attempt=attempt, scenario=posts[1], chosen_category="opinion")  # wrong
    client = Client()
    client.force_login(student.user)
    return client, first, attempt


def test_home_lists_status_score_due_date_and_what_to_look_at_again():
    client, first, attempt = student_with_work()

    html = client.get(reverse("student:assignments")).content.decode()

    assert "Starter" in html and "Set 1" in html
    assert "bezig" in html and "niet begonnen" in html
    assert "1 van de 2 goed (50%)" in html
    assert "inleveren voor" in html
    assert "Nog eens bekijken: 1 bericht had je fout" in html
    assert reverse("lessons:item", args=[first.exercise_set.slug, attempt.code, 2]) in html
    assert "Morgen om 8 uur bij het hek" in html


def test_home_shows_progress_over_time():
    client, first, _attempt = student_with_work()
    later = AttemptFactory(user=_attempt.user, exercise_set=first.exercise_set)
    for post in first.exercise_set.items.all():
        AnswerFactory(attempt=later, scenario=post.scenario)

    html = client.get(reverse("student:assignments")).content.decode()

    section = html[html.index("Jouw voortgang") :]
    assert section.index("1 van de 2 (50%)") < section.index("2 van de 2 (100%)")  # oldest first


@pytest.mark.parametrize("n_assignments", [1, 6])
def test_home_queries_stay_constant(n_assignments, django_assert_max_num_queries):
    client, _first, _attempt = student_with_work(n_assignments)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("student:assignments")).status_code == 200
