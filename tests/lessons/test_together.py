"""Issue 12, item 10: "samen oefenen". Two people each choose at step 1; both answers show side by side with the
explanation and a question to talk about; one Answer row holds both, and scores count the first person only."""

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from lessons.models import Answer, Attempt
from tests.factories import ExerciseSetFactory, OpinionFactory, ThreatFactory
from tests.lessons.conftest import Run

pytestmark = pytest.mark.django_db


def start_together(audience: str = "parents") -> Run:
    exercise_set = ExerciseSetFactory(slug="samen", audience=audience, scenarios=[ThreatFactory(), OpinionFactory()])
    client = Client()
    response = client.post(reverse("lessons:attempt_start", args=[exercise_set.slug]), {"samen": "1"})
    code = response["Location"].split("/")[3]
    return Run(client=client, attempt=Attempt.objects.select_related("exercise_set").get(code=code))


def test_the_intro_of_a_parents_set_offers_samen_oefenen():
    ExerciseSetFactory(slug="thuis", audience="parents", scenarios=[OpinionFactory()])
    ExerciseSetFactory(slug="klas", audience="students_lower", scenarios=[OpinionFactory()])
    assert "Samen oefenen" in Client().get(reverse("lessons:set_intro", args=["thuis"])).content.decode()
    assert "Samen oefenen" not in Client().get(reverse("lessons:set_intro", args=["klas"])).content.decode()


@pytest.mark.parametrize("audience, together", [("parents", True), ("older_adults", True), ("students_lower", False)])
def test_only_parents_and_older_adults_sets_start_together(audience, together):
    assert start_together(audience).attempt.together is together


def test_both_choose_then_see_both_answers_side_by_side_with_a_question():
    run = start_together()
    post = run.attempt.exercise_set.items.order_by("sort_order").first().scenario
    page = run.client.get(run.item_url(1)).content.decode()
    assert "Persoon 1: is dit een mening" in page and "Persoon 2: is dit een mening" in page

    response = run.post(1, 1, {"bericht": post.key, "soort": "threat", "soort2": "opinion"}, htmx=True)

    html = response.content.decode()
    assert response.status_code == 200
    assert "<strong>Persoon 1</strong> koos dreiging." in html and "<strong>Persoon 2</strong> koos mening." in html
    assert "Jullie kozen iets anders." in html
    assert post.explanation.split()[0] in html  # the explanation follows
    answer = Answer.objects.get()
    assert (answer.chosen_category, answer.partner_category, answer.is_correct) == ("threat", "opinion", True)


def test_a_missing_second_choice_is_refused_in_dutch_and_stores_nothing():
    run = start_together()
    post = run.attempt.exercise_set.items.order_by("sort_order").first().scenario
    response = run.post(1, 1, {"bericht": post.key, "soort": "threat"})
    assert response.status_code == 400
    assert "Kies ook wat persoon 2 denkt" in response.content.decode()
    assert not Answer.objects.exists()


def test_a_double_submit_stores_one_answer_and_counts_it_once():
    run = start_together()
    post = run.attempt.exercise_set.items.order_by("sort_order").first().scenario
    for second in ("opinion", "disorder"):
        run.post(1, 1, {"bericht": post.key, "soort": "threat", "soort2": second})
    answer = Answer.objects.get()
    assert answer.partner_category == "opinion"  # the first submit stands
    from lessons.practice.selectors import attempt_summary

    assert attempt_summary(attempt=run.attempt).answered == 1


def test_the_database_refuses_an_unknown_second_choice():
    run = start_together()
    post = run.attempt.exercise_set.items.order_by("sort_order").first().scenario
    with pytest.raises(IntegrityError), transaction.atomic():
        Answer.objects.create(
            attempt=run.attempt, scenario=post, chosen_category="threat", is_correct=True, partner_category="x"
        )


def test_the_result_page_links_to_the_home_conversation_guides(site):
    run = start_together()
    for position, item in enumerate(run.attempt.exercise_set.items.order_by("sort_order", "pk"), start=1):
        post = item.scenario
        run.post(position, 1, {"bericht": post.key, "soort": post.category, "soort2": post.category})
        run.post(position, 2, {"bericht": post.key, "concreetheid": 2, "bereik": 2})
        run.post(position, 3, {"bericht": post.key, "actie": ["ignore"]})
    html = run.client.get(run.summary_url).content.decode()
    assert "de gespreksgids voor de leeftijd van je kind" in html
    assert 'href="/lessen/thuis-in-gesprek-12-15/"' in html
