"""30 students of one class answer at the same moment, each from their own thread and database connection: no
answer is lost and none is stored twice. Runs on SQLite and on PostgreSQL
(DATABASE_URL=postgres://postgres@127.0.0.1:5432/test)."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from lessons.classroom import selectors as classroom
from lessons.classroom.selectors import Status
from lessons.models import Answer, Attempt
from tests.concurrency import waiting_for_sqlite_locks
from tests.factories import (
    AssignmentFactory,
    ExerciseSetFactory,
    OpinionFactory,
    ScenarioFactory,
    StudentFactory,
    ThreatFactory,
)

STUDENTS = 30


def _post(client: Client, url: str, data: dict) -> int:
    """One POST, waiting out the locks of SQLite's in-memory test database (tests/concurrency.py)."""
    return waiting_for_sqlite_locks(lambda: client.post(url, data).status_code, tries=1000)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_thirty_students_answering_at_once_lose_and_duplicate_nothing():
    posts = [OpinionFactory(), ThreatFactory(), ScenarioFactory()]
    exercise_set = ExerciseSetFactory(slug="samen", scenarios=posts)
    assignment = AssignmentFactory(exercise_set=exercise_set)
    clients = []
    for _ in range(STUDENTS):
        client = Client()
        client.force_login(StudentFactory(school_class=assignment.school_class).user)
        start = client.post(reverse("lessons:attempt_start", args=["samen"]))
        clients.append((client, start["Location"].split("/")[3]))

    barrier = threading.Barrier(STUDENTS)
    errors: list[BaseException] = []
    statuses: list[int] = []

    def answer_everything(client: Client, code: str) -> None:
        try:
            barrier.wait(timeout=30)
            for position, post in enumerate(posts, start=1):
                base = f"/oefenen/samen/{code}/{position}/"
                statuses.append(_post(client, base + "soort/", {"bericht": post.key, "soort": post.category}))
                statuses.append(_post(client, base + "ernst/", {"bericht": post.key, "concreetheid": 3, "bereik": 2}))
                statuses.append(_post(client, base + "actie/", {"bericht": post.key, "actie": ["ignore"]}))
        except BaseException as error:  # noqa: BLE001 - reported to the test thread below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=answer_everything, args=pair) for pair in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not errors, errors
    assert statuses == [302] * (STUDENTS * 9)
    assert Attempt.objects.count() == STUDENTS
    assert Attempt.objects.filter(finished_at__isnull=False).count() == STUDENTS
    assert Answer.objects.count() == STUDENTS * len(posts)
    assert Answer.objects.filter(responses=["ignore"], concreteness=3, reach=2).count() == STUDENTS * len(posts)
    dashboard = classroom.assignment_dashboard(assignment=assignment)
    assert [row.status for row in dashboard.rows] == [Status.DONE] * STUDENTS
