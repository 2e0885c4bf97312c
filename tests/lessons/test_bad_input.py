"""Bad input: unknown things are 404; a refused step is 400 with a Dutch message; nothing is ever stored by it."""

import pytest

from lessons.models import Answer, Attempt
from tests.factories import ExerciseSetFactory, OpinionFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/oefenen/bestaat-niet/",
        "/oefenen/starter/onbekendecode/",
        "/oefenen/starter/onbekendecode/1/",
        "/oefenen/bericht/bestaat-niet/",
    ],
)
def test_unknown_set_attempt_or_post_is_a_dutch_404(client, exercise_set, url):
    response = client.get(url)

    assert response.status_code == 404
    assert "Deze pagina bestaat niet" in response.content.decode()


@pytest.mark.parametrize("position", [0, 4, 99])
def test_position_outside_the_set_is_404(run, position):
    assert run.client.get(run.item_url(position)).status_code == 404
    assert run.post(position, 1, {"soort": "opinion"}).status_code == 404


def test_attempt_under_another_sets_address_is_404(run, exercise_set):
    ExerciseSetFactory(slug="ander", scenarios=[OpinionFactory()])

    assert run.client.get(f"/oefenen/ander/{run.attempt.code}/1/").status_code == 404


def test_start_needs_post(client, exercise_set):
    assert client.get("/oefenen/starter/beginnen/").status_code == 405
    assert not Attempt.objects.exists()


def test_steps_need_post(run, posts):
    assert run.client.get(run.step_url(1, 1)).status_code == 405


def _refused(response, *phrases: str) -> str:
    html = response.content.decode()
    assert response.status_code == 400
    assert "Let op:" in html and 'role="alert"' in html
    for phrase in phrases:
        assert phrase in html
    return html


@pytest.mark.parametrize("htmx", [False, True])
@pytest.mark.parametrize(
    ("step", "data", "message"),
    [
        (1, {"soort": "misschien"}, "Dat antwoord kennen we niet."),
        (1, {}, "Kies wat voor bericht dit is"),
        (1, {"soort": "Mening"}, "Dat antwoord kennen we niet."),  # the label, not the value
    ],
)
def test_invalid_category_is_refused(run, posts, htmx, step, data, message):
    response = run.post(1, step, {"bericht": posts[0].key, **data}, htmx=htmx)

    _refused(response, message)
    assert not Answer.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"concreetheid": "0", "bereik": "3"}, "Kies voor concreetheid een getal van 1 tot en met 5."),
        ({"concreetheid": "6", "bereik": "3"}, "Kies voor concreetheid een getal van 1 tot en met 5."),
        ({"concreetheid": "3", "bereik": "abc"}, "Kies voor bereik een getal van 1 tot en met 5."),
        ({"concreetheid": "3"}, "Kies hoeveel mensen het bericht bereikt"),
        ({"concreetheid": "-1", "bereik": "2"}, "Kies voor concreetheid een getal van 1 tot en met 5."),
    ],
)
def test_invalid_placement_is_refused(run, posts, data, message):
    run.post(1, 1, {"bericht": posts[0].key, "soort": "opinion"})

    _refused(run.post(1, 2, {"bericht": posts[0].key, **data}), message)

    answer = Answer.objects.get()
    assert answer.concreteness is None and answer.reach is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Kies minstens één ding dat jij zou doen."),
        ({"actie": ["bellen"]}, "Dat antwoord kennen we niet."),
        ({"actie": ["ignore", "bellen"]}, "Dat antwoord kennen we niet."),
    ],
)
def test_invalid_responses_are_refused(run, posts, data, message):
    run.post(1, 1, {"bericht": posts[0].key, "soort": "opinion"})
    run.post(1, 2, {"bericht": posts[0].key, "concreetheid": "2", "bereik": "2"})

    html = _refused(run.post(1, 3, {"bericht": posts[0].key, **data}), message)

    assert Answer.objects.get().responses is None
    assert 'name="actie"' in html  # the learner can try again right there


@pytest.mark.parametrize("htmx", [False, True])
def test_step_two_before_step_one_is_refused(run, posts, htmx):
    response = run.post(1, 2, {"bericht": posts[0].key, "concreetheid": "2", "bereik": "2"}, htmx=htmx)

    html = _refused(response, "Doe eerst stap 1")
    assert not Answer.objects.exists()
    assert 'name="soort"' in html  # step 1 is offered again
    if htmx:
        assert response["HX-Retarget"] == f"#bericht-{posts[0].key}" and response["HX-Reswap"] == "outerHTML"
        assert "<html" not in html


def test_step_three_before_step_two_is_refused(run, posts):
    run.post(1, 1, {"bericht": posts[0].key, "soort": "opinion"})

    _refused(run.post(1, 3, {"bericht": posts[0].key, "actie": ["ignore"]}), "Doe eerst stap 2")

    assert Answer.objects.get().responses is None


def test_step_three_before_step_one_is_refused(run, posts):
    _refused(run.post(1, 3, {"bericht": posts[0].key, "actie": ["ignore"]}), "Doe eerst stap 1")
    assert not Answer.objects.exists()


@pytest.mark.parametrize("forged", ["", "bestaat-niet", "other-in-set", "outside-set"])
def test_forged_post_key_is_refused(run, posts, forged):
    outsider = OpinionFactory()
    key = {"other-in-set": posts[1].key, "outside-set": outsider.key}.get(forged, forged)

    response = run.post(1, 1, {"bericht": key, "soort": "opinion"})

    _refused(response, "Dit antwoord hoort niet bij dit bericht. Er is niets bewaard.")
    assert not Answer.objects.exists()


def test_practice_query_out_of_order_or_invalid_is_400(client, posts):
    url = f"/oefenen/bericht/{posts[0].key}/"
    cases = [
        ({"stap": "2", "concreetheid": "3", "bereik": "3"}, "Doe eerst stap 1"),
        ({"stap": "3", "soort": "opinion", "actie": "ignore"}, "Doe eerst stap 2"),
        ({"stap": "1", "soort": "boos"}, "Dat antwoord kennen we niet."),
        ({"stap": "2", "soort": "opinion", "concreetheid": "9", "bereik": "1"}, "getal van 1 tot en met 5"),
        ({"stap": "3", "soort": "opinion", "concreetheid": "1", "bereik": "1"}, "Kies minstens één ding"),
        ({"stap": "7"}, "Deze stap kennen we niet."),
    ]
    for query, message in cases:
        _refused(client.get(url, query), message)
        _refused(client.get(url, query, headers={"HX-Request": "true"}), message)
