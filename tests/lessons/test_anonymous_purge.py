"""Practice without an account is forgotten ANONYMOUS_ATTEMPT_RETENTION_DAYS after it began (the privacy statement
says so), and a browser that still lists a forgotten attempt gets a clear page, never an error."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from lessons.models import Answer, Attempt
from tests.factories import AnswerFactory, AttemptFactory, StudentFactory

from .conftest import start_run

pytestmark = pytest.mark.django_db


def _began_days_ago(attempt: Attempt, days: int) -> Attempt:
    Attempt.objects.filter(pk=attempt.pk).update(created_at=timezone.now() - timedelta(days=days))
    return attempt


def test_only_old_attempts_without_an_account_are_deleted_with_their_answers(settings, posts):
    settings.ANONYMOUS_ATTEMPT_RETENTION_DAYS = 30
    old = _began_days_ago(AnswerFactory(scenario=posts[0]).attempt, 31)
    recent = _began_days_ago(AnswerFactory(scenario=posts[0]).attempt, 29)
    student = StudentFactory()
    a_students = _began_days_ago(AttemptFactory(user=student.user), 400)

    output = io.StringIO()
    call_command("purge_anonymous_attempts", stdout=output)

    assert set(Attempt.objects.all()) == {recent, a_students}
    assert not Answer.objects.filter(attempt_id=old.pk).exists()
    assert Answer.objects.filter(attempt=recent).count() == 1
    assert "Deleted 1 attempt(s)" in output.getvalue()


def test_a_browser_that_still_lists_a_forgotten_attempt_gets_a_clear_page(settings, exercise_set):
    settings.ANONYMOUS_ATTEMPT_RETENTION_DAYS = 30
    run = start_run(Client(), exercise_set)
    assert run.client.get(run.item_url(1)).status_code == 200  # now in the attempt's response cache too
    _began_days_ago(run.attempt, 31)
    call_command("purge_anonymous_attempts", stdout=io.StringIO())

    assert run.client.get("/oefenen/starter/").status_code == 200
    response = run.client.get(run.item_url(1))
    assert response.status_code == 404
    assert "Deze pagina bestaat niet" in response.content.decode()
