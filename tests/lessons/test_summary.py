"""The summary: per-category scores and discernment, scored on both sides."""

import pytest

from lessons.practice.selectors import Discernment, discernment, percent
from tests.factories import ExerciseSetFactory, OpinionFactory

from .conftest import start_run


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [(0, 0, None), (0, 3, 0), (1, 3, 33), (2, 3, 67), (1, 2, 50), (1, 8, 13), (3, 3, 100)],
)
def test_percent_rounds_half_up(part, whole, expected):
    assert percent(part, whole) == expected


def test_calling_everything_dangerous_scores_fifty_not_a_hundred():
    pairs = [("opinion", "threat")] * 4 + [("threat", "threat")] * 3 + [("disorder", "threat")] * 3

    result = discernment(pairs)

    assert (result.harmless_right, result.harmless_total) == (0, 4)
    assert (result.harmful_right, result.harmful_total) == (6, 6)
    assert result.score == 50
    assert result.tendency == "too_strict"


def test_calling_everything_harmless_scores_fifty_too():
    result = discernment([("opinion", "opinion")] * 2 + [("threat", "opinion"), ("disorder", "opinion")])

    assert (result.harmless_percent, result.harmful_percent, result.score) == (100, 0, 50)
    assert result.tendency == "too_mild"


def test_mixing_up_threat_and_disorder_still_counts_as_recognising_harm():
    result = discernment([("threat", "disorder"), ("disorder", "threat"), ("opinion", "opinion")])

    assert (result.harmful_right, result.harmful_total, result.score) == (2, 2, 100)
    assert result.tendency == "good"


def test_score_is_the_mean_of_both_sides_even_when_sides_differ_in_size():
    # harmless 1/3 (33.3 %), harmful 7/8 (87.5 %): mean 60.4 % -> 60
    pairs = [("opinion", "opinion")] + [("opinion", "threat")] * 2 + [("threat", "threat")] * 7
    pairs += [("disorder", "opinion")]

    result = discernment(pairs)

    assert result.score == 60
    assert result.tendency == "too_strict"


def test_score_rounds_half_up():
    assert Discernment(1, 2, 0, 1).score == 25
    assert Discernment(1, 4, 0, 1).score == 13  # 12.5 -> 13


@pytest.mark.parametrize(
    ("harmless", "harmful", "tendency"),
    [
        ((3, 4), (3, 4), "good"),
        ((1, 4), (3, 4), "too_strict"),
        ((3, 4), (2, 4), "too_mild"),
        ((2, 4), (2, 4), "mixed"),
        ((0, 0), (3, 4), "one_sided"),
        ((2, 3), (0, 0), "one_sided"),
    ],
)
def test_tendency(harmless, harmful, tendency):
    result = Discernment(harmless[0], harmless[1], harmful[0], harmful[1])

    assert result.tendency == tendency
    if tendency == "one_sided":
        assert result.score is None


@pytest.mark.django_db
def test_summary_page(run, posts):
    run.answer(1, posts[0].key, "threat", 4, 4, ["report_police"])  # an opinion taken for a threat
    run.answer(2, posts[1].key, "threat", 4, 1, ["talk_to_someone"])
    run.answer(3, posts[2].key, "disorder", 5, 3, ["report_police"])

    html = run.client.get(run.summary_url).content.decode()

    assert "Je had <strong>2 van de 3</strong> berichten goed." in html
    assert '<th scope="row">Mening</th><td>0 van de 1</td>' in html
    assert '<th scope="row">Dreiging</th><td>1 van de 1</td>' in html
    assert "Gewone meningen herkend:</strong> 0 van de 1" in html
    assert "Gevaar herkend:</strong> 2 van de 2" in html
    assert "<strong>50 van de 100</strong>" in html
    assert "Je bent streng." in html
    assert "Waarom tellen we beide kanten?" in html and "álles meer wantrouwen" in html
    assert "Kijk nog eens naar" in html and run.item_url(1) in html
    assert "Bij 2 van de 3 berichten lag jouw plek dicht bij de onze." in html
    assert "Voor thuis: praat erover" in html and "Wat je kunt onthouden" in html
    assert 'action="/oefenen/starter/beginnen/"' in html  # opnieuw: a new attempt


@pytest.mark.django_db
def test_summary_of_an_unfinished_attempt_invites_to_go_on(run, posts):
    run.answer(1, posts[0].key, "opinion", 1, 2, ["ignore"])
    run.post(2, 1, {"bericht": posts[1].key, "soort": "threat"})

    html = run.client.get(run.summary_url).content.decode()

    assert "Je hebt 1 van de 3 berichten helemaal gedaan." in html
    assert f'href="{run.item_url(2)}"' in html and "Ga verder met bericht 2" in html
    assert "Je had <strong>2 van de 2</strong> berichten goed." in html


@pytest.mark.django_db
def test_summary_offers_the_next_set_for_the_same_audience(client, exercise_set, posts):
    ExerciseSetFactory(slug="ouders", title="Aaa voor ouders", audience="parents", scenarios=[OpinionFactory()])
    ExerciseSetFactory(slug="vervolg", title="Vervolg", audience="students_lower", scenarios=[OpinionFactory()])
    run = start_run(client, exercise_set)

    html = run.client.get(run.summary_url).content.decode()

    assert "Volgende oefening: Vervolg" in html and 'href="/oefenen/vervolg/"' in html


@pytest.mark.django_db
def test_after_the_last_set_of_an_audience_comes_the_first_of_the_next_audience(client, exercise_set):
    ExerciseSetFactory(slug="ouders", title="Aaa voor ouders", audience="parents", scenarios=[OpinionFactory()])
    ExerciseSetFactory(slug="boven", title="Zzz bovenbouw", audience="students_upper", scenarios=[OpinionFactory()])
    run = start_run(client, exercise_set)

    html = run.client.get(run.summary_url).content.decode()

    assert "Volgende oefening: Zzz bovenbouw" in html


@pytest.mark.django_db
def test_the_very_last_set_offers_the_list(client, exercise_set):
    run = start_run(client, exercise_set)

    html = run.client.get(run.summary_url).content.decode()

    assert "Volgende oefening" not in html and "Alle oefeningen" in html
