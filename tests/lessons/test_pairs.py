"""Context pairs on the summary page: "Wat is er anders?" shows both posts of a pair once both are answered."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lessons.practice.pairs import answered_pairs
from lessons.practice.selectors import attempt_summary
from tests.factories import ExerciseSetFactory, OpinionFactory, ScenarioFactory

from .conftest import start_run

pytestmark = pytest.mark.django_db

DIFFERENCE = "Dezelfde woorden, een ander moment: de avond na een steekpartij lezen mensen het als een oproep."


def _pairs(attempt):
    return answered_pairs(attempt_summary(attempt=attempt))


@pytest.fixture
def pair():
    """A lawful post and a call to disorder with the same words, pointing at each other."""
    lawful = OpinionFactory(
        key="pa-91a",
        display_name="Kees",
        text="Zaterdag gaan we ze kapotmaken! Iedereen erbij!",
        explanation="Hier betekent kapotmaken: de wedstrijd winnen.",
        pair_difference=DIFFERENCE,
    )
    call = ScenarioFactory(
        key="pa-91b",
        display_name="Kees",
        text="Zaterdag gaan we ze kapotmaken! Iedereen erbij!",
        explanation="Na de steekpartij klinkt het als een oproep tot wraak.",
        pair=lawful,
        pair_difference=DIFFERENCE,
    )
    lawful.pair = call
    lawful.save(update_fields=["pair"])
    return lawful, call


@pytest.fixture
def pair_run(client, pair):
    """A set of three: the lawful half, an unrelated post, the other half."""
    lawful, call = pair
    exercise_set = ExerciseSetFactory(slug="paren", title="Paren", scenarios=[lawful, OpinionFactory(), call])
    return start_run(client, exercise_set)


def test_no_pair_block_until_both_halves_are_answered(pair_run, pair):
    lawful, _ = pair
    pair_run.answer(1, lawful.key, "opinion", 1, 2, ["ignore"])

    html = pair_run.client.get(pair_run.summary_url).content.decode()

    assert "Wat is er anders?" not in html
    assert _pairs(pair_run.attempt) == []


def test_both_posts_side_by_side_with_the_difference_and_both_explanations(pair_run, pair):
    lawful, call = pair
    pair_run.answer(1, lawful.key, "opinion", 1, 2, ["ignore"])
    pair_run.post(3, 1, {"bericht": call.key, "soort": "opinion"})  # step 1 is enough to count as answered

    html = pair_run.client.get(pair_run.summary_url).content.decode()

    assert '<h2 id="anders">Wat is er anders?</h2>' in html
    assert "Paar 1: twee berichten van Kees" in html
    block = html.split('<h2 id="anders">', 1)[1].split("</section>\n  </section>", 1)[0]
    assert block.count('class="post post--') == 2  # both posts, as post cards
    assert DIFFERENCE in block
    assert "Het is een mening.</strong> Hier betekent kapotmaken: de wedstrijd winnen." in block
    assert "Het is een oproep tot ordeverstoring.</strong> Na de steekpartij klinkt het" in block


def test_a_pair_is_shown_once_in_set_order(pair_run, pair):
    lawful, call = pair
    pair_run.answer(1, lawful.key, "opinion", 1, 2, ["ignore"])
    pair_run.answer(3, call.key, "disorder", 3, 4, ["dont_forward"])

    pairs = _pairs(pair_run.attempt)

    assert [(p.first.key, p.second.key, p.difference) for p in pairs] == [("pa-91a", "pa-91b", DIFFERENCE)]


def test_a_pair_whose_partner_is_not_in_the_set_is_not_shown(client, pair):
    lawful, _ = pair
    run = start_run(client, ExerciseSetFactory(slug="half", title="Half", scenarios=[lawful, OpinionFactory()]))
    run.answer(1, lawful.key, "opinion", 1, 2, ["ignore"])

    assert _pairs(run.attempt) == []
    assert "Wat is er anders?" not in run.client.get(run.summary_url).content.decode()


def test_the_posts_of_answered_pairs_cost_one_query_however_long_the_set(client, pair):
    lawful, call = pair
    others = [OpinionFactory() for _ in range(6)]
    run = start_run(client, ExerciseSetFactory(slug="lang", title="Lang", scenarios=[lawful, *others, call]))
    run.answer(1, lawful.key, "opinion", 1, 2, ["ignore"])
    summary = attempt_summary(attempt=run.attempt)

    with CaptureQueriesContext(connection) as queries:
        assert answered_pairs(summary) == []  # only one half answered: no query at all
    assert len(queries) == 0

    run.answer(8, call.key, "disorder", 3, 4, ["dont_forward"])
    summary = attempt_summary(attempt=run.attempt)
    with CaptureQueriesContext(connection) as queries:
        assert len(answered_pairs(summary)) == 1
    assert len(queries) == 1
