"""A double click, a repeated POST, a retry or a reload never records twice, and never changes a stored step.

The concurrent tests send the same step from several threads at once, each with its own database connection; they
run on SQLite and on PostgreSQL (DATABASE_URL=postgres://postgres@127.0.0.1:5432/test).
"""

import threading
from copy import deepcopy

import pytest
from django.db import IntegrityError, connection
from django.test import Client

from lessons.models import Answer
from lessons.practice import services
from tests.concurrency import waiting_for_sqlite_locks

from .conftest import Run, start_run


@pytest.mark.django_db
@pytest.mark.parametrize("htmx", [False, True])
def test_repeated_step_one_keeps_the_first_answer_and_shows_it(run, posts, htmx):
    key = posts[0].key
    run.post(1, 1, {"bericht": key, "soort": "opinion"}, htmx=htmx)

    again = run.post(1, 1, {"bericht": key, "soort": "threat"}, htmx=htmx)

    assert again.status_code == (200 if htmx else 302)
    answer = Answer.objects.get()
    assert (answer.chosen_category, answer.is_correct) == ("opinion", True)
    page = run.client.get(run.item_url(1)).content.decode()
    assert "Goed! Dit is een mening." in page
    if htmx:
        assert "Goed! Dit is een mening." in again.content.decode()


@pytest.mark.django_db
def test_repeated_steps_two_and_three_are_no_ops(run, posts):
    key = posts[0].key
    run.answer(1, key, "opinion", 1, 2, ["ignore"])
    first = Answer.objects.get()

    run.post(1, 2, {"bericht": key, "concreetheid": "5", "bereik": "5"})
    run.post(1, 3, {"bericht": key, "actie": ["report_police"]})
    repeat = run.post(1, 2, {"bericht": key, "concreetheid": "5", "bereik": "5"}, htmx=True)

    answer = Answer.objects.get()
    assert (answer.concreteness, answer.reach, answer.responses) == (1, 2, ["ignore"])
    assert (answer.placed_at, answer.responded_at) == (first.placed_at, first.responded_at)
    assert repeat.status_code == 200 and "Jij koos 1 (heel vaag)" in repeat.content.decode()


@pytest.mark.django_db
def test_services_report_whether_they_stored(run, posts):
    attempt, scenario = run.attempt, posts[0]

    assert services.answer_category(attempt=attempt, scenario=scenario, category="opinion")[1] is True
    assert services.answer_category(attempt=attempt, scenario=scenario, category="threat")[1] is False
    assert services.answer_placement(attempt=attempt, scenario=scenario, concreteness=1, reach=1)[1] is True
    assert services.answer_placement(attempt=attempt, scenario=scenario, concreteness=2, reach=2)[1] is False
    assert services.answer_responses(attempt=attempt, scenario=scenario, responses=("ignore",))[1] is True
    assert services.answer_responses(attempt=attempt, scenario=scenario, responses=("dont_forward",))[1] is False


@pytest.mark.django_db
def test_the_database_refuses_a_second_answer_row(run, posts):
    Answer.objects.create(attempt=run.attempt, scenario=posts[0], chosen_category="opinion", is_correct=True)

    with pytest.raises(IntegrityError):
        Answer.objects.create(attempt=run.attempt, scenario=posts[0], chosen_category="threat", is_correct=False)


# ---------------------------------------------------------------------------------------------------- concurrent

THREADS = 6


def _same_browser(run: Run) -> Client:
    client = Client()
    client.cookies = deepcopy(run.client.cookies)
    return client


def _post_waiting_for_locks(run: Run, position: int, step: int, data: dict, client: Client) -> int:
    """Send one step, waiting out the locks of SQLite's in-memory test database (tests/concurrency.py)."""
    return waiting_for_sqlite_locks(lambda: run.post(position, step, data, client=client).status_code)


def _all_at_once(run: Run, position: int, step: int, payloads: list[dict]) -> list[int]:
    """Send each payload from its own thread and connection, released together; returns the status codes."""
    barrier = threading.Barrier(len(payloads))
    statuses: list[int] = [0] * len(payloads)
    errors: list[BaseException] = []

    def send(index: int, client: Client, data: dict) -> None:
        try:
            barrier.wait(timeout=10)
            statuses[index] = _post_waiting_for_locks(run, position, step, data, client)
        except BaseException as error:  # noqa: BLE001 - reported to the test thread below
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=send, args=(index, _same_browser(run), data)) for index, data in enumerate(payloads)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    return statuses


concurrent = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@concurrent
def test_concurrent_step_one_records_one_answer(client, exercise_set, posts):
    run = start_run(client, exercise_set)
    choices = ["opinion", "threat", "disorder"] * (THREADS // 3)

    statuses = _all_at_once(run, 1, 1, [{"bericht": posts[0].key, "soort": choice} for choice in choices])

    assert statuses == [302] * THREADS
    answer = Answer.objects.get()
    assert answer.is_correct == (answer.chosen_category == "opinion")


@concurrent
def test_concurrent_step_two_stores_one_placement(client, exercise_set, posts):
    run = start_run(client, exercise_set)
    run.post(1, 1, {"bericht": posts[0].key, "soort": "opinion"})
    payloads = [
        {"bericht": posts[0].key, "concreetheid": str(n % 5 + 1), "bereik": str(n % 5 + 1)} for n in range(THREADS)
    ]

    statuses = _all_at_once(run, 1, 2, payloads)

    assert statuses == [302] * THREADS
    answer = Answer.objects.get()
    assert answer.concreteness == answer.reach  # one request's values, never a mix of two


@concurrent
def test_concurrent_step_three_stores_one_choice(client, exercise_set, posts):
    run = start_run(client, exercise_set)
    run.post(1, 1, {"bericht": posts[0].key, "soort": "opinion"})
    run.post(1, 2, {"bericht": posts[0].key, "concreetheid": "1", "bereik": "2"})
    options = [["ignore"], ["reply_calmly"], ["dont_forward", "talk_to_someone"]] * (THREADS // 3)

    statuses = _all_at_once(run, 1, 3, [{"bericht": posts[0].key, "actie": option} for option in options])

    assert statuses == [302] * THREADS
    assert Answer.objects.get().responses in options
