"""Query counts stay the same however long a set is (and however many sets there are)."""

import pytest
from django.test import Client

from tests.factories import ExerciseSetFactory, OpinionFactory, ScenarioFactory, ThreatFactory

from .conftest import Run, start_run

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("menu_read")]

# Session reads come from the cache in these tests (cached_db sessions, local-memory cache), so every count below is
# the view's own work plus, where the session changes, its write.
SIZES = [2, 12]


def _set_of(size: int, slug: str):
    kinds = [OpinionFactory, ThreatFactory, ScenarioFactory]
    return ExerciseSetFactory(slug=slug, scenarios=[kinds[n % 3]() for n in range(size)])


def _answered_run(size: int) -> Run:
    exercise_set = _set_of(size, f"set-{size}")
    run = start_run(Client(), exercise_set)
    for position, item in enumerate(exercise_set.items.order_by("sort_order"), start=1):
        scenario = item.scenario
        run.answer(position, scenario.key, "opinion", 3, 3, ["ignore", "report_platform"])
    return run


@pytest.mark.parametrize("size", SIZES)
def test_set_list(client, django_assert_num_queries, size):
    for n in range(size):
        _set_of(3, f"lijst-{n}")

    with django_assert_num_queries(1):
        assert client.get("/oefenen/").status_code == 200


@pytest.mark.parametrize("size", SIZES)
def test_intro_for_a_learner_with_attempts(django_assert_num_queries, size):
    run = _answered_run(size)
    start_run(run.client, run.attempt.exercise_set)

    with django_assert_num_queries(2):  # the set, the learner's attempts
        assert run.client.get(f"/oefenen/{run.attempt.exercise_set.slug}/").status_code == 200


@pytest.mark.parametrize("size", SIZES)
def test_item_page(django_assert_num_queries, size):
    run = _answered_run(size)

    with django_assert_num_queries(4):  # attempt, set order, post, answer
        assert run.client.get(run.item_url(size)).status_code == 200


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("step", [1, 2, 3])
def test_answer_post(django_assert_num_queries, size, step):
    exercise_set = _set_of(size, f"post-{size}")
    run = start_run(Client(), exercise_set)
    scenario = exercise_set.items.order_by("sort_order").last().scenario
    steps = [
        {"bericht": scenario.key, "soort": "opinion"},
        {"bericht": scenario.key, "concreetheid": "2", "bereik": "2"},
        {"bericht": scenario.key, "actie": ["ignore"]},
    ]
    for earlier in steps[: step - 1]:
        run.post(size, steps.index(earlier) + 1, earlier)

    # attempt, set order, post, answer; then the step's own writes (and, at step 3, the "all done?" check)
    expected = {1: 4 + 4, 2: 4 + 2, 3: 4 + 3}[step]
    with django_assert_num_queries(expected):
        assert run.post(size, step, steps[step - 1], htmx=True).status_code == 200


@pytest.mark.parametrize("size", SIZES)
def test_summary(django_assert_num_queries, size):
    run = _answered_run(size)

    with django_assert_num_queries(4):  # attempt, posts, answers, the sets (for the next one)
        assert run.client.get(run.summary_url).status_code == 200


@pytest.mark.parametrize("size", SIZES)
def test_resume(django_assert_num_queries, size):
    run = _answered_run(size)

    with django_assert_num_queries(3):
        assert run.client.get(f"/oefenen/{run.attempt.exercise_set.slug}/{run.attempt.code}/").status_code == 302
