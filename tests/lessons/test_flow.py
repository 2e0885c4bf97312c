"""The exercise through the server: the list, the intro, the three steps (htmx and without JavaScript), the summary."""

import re

import pytest
from django.urls import reverse

from cms.navigation import site_links
from lessons.models import Answer, Attempt
from tests.factories import ExerciseSetFactory, OpinionFactory

from .conftest import start_run

pytestmark = pytest.mark.django_db


def test_set_list_groups_sets_by_audience(client, exercise_set):
    ExerciseSetFactory(title="Voor thuis", audience="parents", scenarios=[OpinionFactory()])
    ExerciseSetFactory(title="Leeg", audience="parents")  # no posts: cannot be started, so not listed

    response = client.get("/oefenen/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Leerlingen onderbouw (12–14 jaar)" in html and "Ouders" in html
    assert html.index("Leerlingen onderbouw") < html.index("Starter") < html.index("Ouders") < html.index("Voor thuis")
    assert "Leeg" not in html
    assert "3 berichten" in html


def test_intro_explains_and_offers_a_start_button(client, exercise_set):
    response = client.get("/oefenen/starter/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Zo werkt het" in html and "Er is geen klok" in html
    assert 'action="/oefenen/starter/beginnen/"' in html and "Begin met oefenen" in html
    assert "hx-headers" in html and "X-CSRFToken" in html


def test_start_creates_an_attempt_owned_by_the_session_and_opens_the_first_post(client, exercise_set):
    response = client.post("/oefenen/starter/beginnen/")

    attempt = Attempt.objects.get()
    assert attempt.user is None and attempt.exercise_set == exercise_set
    assert response["Location"] == f"/oefenen/starter/{attempt.code}/1/"
    assert client.session["oefenen_pogingen"] == [attempt.code]
    assert re.fullmatch(r"[A-Za-z0-9_-]{12}", attempt.code)


def test_signed_in_learner_attempt_is_stored_with_the_user(client, exercise_set, django_user_model):
    user = django_user_model.objects.create_user("leerling", password="x")
    client.force_login(user)

    client.post("/oefenen/starter/beginnen/")

    assert Attempt.objects.get().user == user


def test_item_page_shows_progress_the_post_and_step_one(run, posts):
    response = run.client.get(run.item_url(2))

    html = response.content.decode()
    assert response.status_code == 200
    assert '<progress id="voortgang" max="3" value="2">' in html
    assert "Bericht 2 van 3" in html
    assert posts[1].display_name in html
    for label in ("Mening", "Dreiging", "Oproep tot ordeverstoring"):
        assert f">{label}</button>" in html
    assert "Stap 2 van 3" not in html  # later steps appear only after step 1
    assert "no-store" in response["Cache-Control"]
    assert "HX-Request" in response["Vary"]


def test_three_steps_without_javascript_post_and_redirect(run, posts):
    key = posts[2].key  # a call to disorder, at position 3

    step1 = run.post(3, 1, {"bericht": key, "soort": "disorder"})
    assert step1.status_code == 302
    assert step1["Location"] == f"{run.item_url(3)}#bericht-{key}-uitkomst-1"
    page = run.client.get(run.item_url(3)).content.decode()
    assert "Goed! Dit is een oproep tot ordeverstoring." in page
    assert '<mark class="signal signal--time">' in page and "Zaterdag om 21.00 uur" in page
    assert f'href="{site_links()["glossary"]}#opruiing"' in page  # the glossary, wherever it lives
    assert 'name="concreetheid"' in page

    step2 = run.post(3, 2, {"bericht": key, "concreetheid": "5", "bereik": "3"})
    assert step2.status_code == 302
    page = run.client.get(run.item_url(3)).content.decode()
    assert "Goed ingeschat!" in page and posts[2].placement_note in page
    assert 'name="actie"' in page

    step3 = run.post(3, 3, {"bericht": key, "actie": ["report_police", "ignore"]})
    assert step3.status_code == 302
    page = run.client.get(run.item_url(3)).content.decode()
    assert "Melden bij de politie" in page and "Past goed" in page and "Past minder" in page
    assert posts[2].response_note in page
    assert "Bekijk je uitslag" in page  # the last post leads to the summary

    answer = Answer.objects.get()
    assert (answer.chosen_category, answer.is_correct) == ("disorder", True)
    assert (answer.concreteness, answer.reach) == (5, 3)
    assert answer.responses == ["ignore", "report_police"]  # stored in a stable order
    assert answer.placed_at and answer.responded_at


def test_three_steps_with_htmx_swap_one_partial_each(run, posts):
    key = posts[1].key  # a threat, at position 2

    step1 = run.post(2, 1, {"bericht": key, "soort": "opinion"}, htmx=True)
    html = step1.content.decode()
    assert step1.status_code == 200
    assert "<html" not in html and html.lstrip().startswith(f'<div class="exercise-item" id="bericht-{key}"')
    assert "Niet goed. Je koos: mening. Maar dit is een dreiging." in html
    assert f'id="bericht-{key}-uitkomst-1" data-read-root tabindex="-1" autofocus' in html
    assert '<mark class="signal signal--target">' in html
    assert f'href="{site_links()["glossary"]}#bedreiging"' in html
    assert f'hx-target="#bericht-{key}-ernst"' in html

    step2 = run.post(2, 2, {"bericht": key, "concreetheid": "1", "bereik": "5"}, htmx=True)
    html = step2.content.decode()
    assert html.lstrip().startswith(f'<div class="step-group" id="bericht-{key}-ernst"')
    assert "Wij zien het bericht op een andere plek." in html
    assert "Jij vond het bericht vager dan wij." in html and "Jij schatte het bereik groter in dan wij." in html
    assert 'name="actie"' in html and 'name="soort"' not in html

    step3 = run.post(2, 3, {"bericht": key, "actie": ["talk_to_someone"]}, htmx=True)
    html = step3.content.decode()
    assert html.lstrip().startswith(f'<div class="step-group" id="bericht-{key}-actie"')
    assert "Goed gekozen. Er past nog meer" in html
    assert f'href="{run.item_url(3)}"' in html and "Volgend bericht" in html


def test_going_back_shows_the_stored_answers(run, posts):
    run.answer(1, posts[0].key, "opinion", 1, 2, ["ignore"])
    run.post(2, 1, {"bericht": posts[1].key, "soort": "threat"})

    page = run.client.get(run.item_url(2)).content.decode()
    assert 'href="' + run.item_url(1) + '"' in page and "Vorig bericht" in page
    first = run.client.get(run.item_url(1)).content.decode()
    assert "Goed! Dit is een mening." in first and "Jij koos 1 (heel vaag)" in first and "Jij koos dit." in first
    assert 'name="soort"' not in first and 'name="concreetheid"' not in first and 'name="actie"' not in first


def test_resume_goes_to_the_first_unfinished_post_then_the_summary(run, posts):
    resume = reverse("lessons:attempt_resume", args=["starter", run.attempt.code])
    run.answer(1, posts[0].key, "opinion", 1, 2, ["ignore"])
    assert run.client.get(resume)["Location"] == run.item_url(2)

    run.answer(2, posts[1].key, "threat", 4, 1, ["talk_to_someone"])
    run.answer(3, posts[2].key, "opinion", 2, 2, ["ignore"])
    assert run.client.get(resume)["Location"] == run.summary_url


def test_last_step_of_the_last_post_finishes_the_attempt(run, posts):
    run.answer(1, posts[0].key, "opinion", 1, 2, ["ignore"])
    run.answer(2, posts[1].key, "threat", 4, 1, ["talk_to_someone"])
    run.attempt.refresh_from_db()
    assert run.attempt.finished_at is None

    run.answer(3, posts[2].key, "disorder", 5, 3, ["report_police"])

    run.attempt.refresh_from_db()
    assert run.attempt.finished_at is not None


def test_starting_again_is_a_new_attempt_and_keeps_the_old_one(run, posts, exercise_set):
    run.answer(1, posts[0].key, "opinion", 1, 2, ["ignore"])
    intro = run.client.get("/oefenen/starter/").content.decode()
    assert "Ga verder waar je was" in intro and "1 van de 3 berichten" in intro and "Opnieuw beginnen" in intro

    second = start_run(run.client, exercise_set)

    assert second.attempt.code != run.attempt.code
    assert Attempt.objects.count() == 2 and Answer.objects.filter(attempt=run.attempt).count() == 1
    assert run.client.get(run.item_url(1)).status_code == 200  # the old attempt is still readable
    assert run.client.session["oefenen_pogingen"] == [run.attempt.code, second.attempt.code]


def test_summary_link_to_the_previous_result_on_the_intro(run, posts):
    run.answer(1, posts[0].key, "opinion", 1, 2, ["ignore"])
    run.answer(2, posts[1].key, "threat", 4, 1, ["talk_to_someone"])
    run.answer(3, posts[2].key, "disorder", 5, 3, ["report_police"])

    intro = run.client.get("/oefenen/starter/").content.decode()

    assert "Bekijk je vorige uitslag" in intro and run.summary_url in intro
    assert "Ga verder waar je was" not in intro


def test_pages_work_in_reading_mode(run, posts):
    run.client.cookies["leesstand"] = "groot"
    run.answer(1, posts[0].key, "opinion", 1, 2, ["ignore"])

    for url in ("/oefenen/", "/oefenen/starter/", run.item_url(1), run.item_url(2), run.summary_url):
        response = run.client.get(url)
        assert response.status_code == 200
        assert 'class="leesstand-groot"' in response.content.decode()


def test_exercise_pages_load_the_exercise_styles_and_script(run):
    """exercise.css comes from base.html (every page may embed a post); exercise.js with the exercise markup."""
    html = run.client.get(run.item_url(1)).content.decode()

    assert "/static/css/exercise.css" in html
    assert '<script src="/static/js/exercise.js" defer></script>' in html
