"""A post embedded in a lesson: the same item, in place, loaded with htmx; nothing stored, no CSRF on the lesson."""

import pytest

from lessons.models import Answer
from tests.factories import ScenarioFactory, make_lesson

pytestmark = pytest.mark.django_db


@pytest.fixture
def post():
    return ScenarioFactory(key="or-test")


def test_lesson_page_loads_the_interactive_item_with_htmx_and_keeps_a_plain_link(client, site, post):
    lesson = make_lesson(site["index"], 1, scenarios=[post])

    response = client.get(lesson.url)

    html = response.content.decode()
    assert 'data-hx-get="/oefenen/bericht/or-test/" data-hx-trigger="load" data-hx-swap="outerHTML"' in html
    assert 'href="/oefenen/bericht/or-test/"' in html and "Oefen met dit bericht" in html
    assert "csrfmiddlewaretoken" not in html and "X-CSRFToken" not in html
    assert response.get("X-Page-Cache") == "miss"  # still cacheable for anonymous visitors


def test_embedded_item_is_a_partial_with_get_forms_and_smaller_headings(client, post):
    response = client.get("/oefenen/bericht/or-test/", headers={"HX-Request": "true"})

    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert 'class="exercise-item exercise-item--embedded" id="bericht-or-test"' in html
    assert 'method="get"' in html and 'data-hx-get="/oefenen/bericht/or-test/"' in html
    assert '<h3 class="step__title"' in html
    assert "csrfmiddlewaretoken" not in html
    assert "HX-Request" in response["Vary"]


def test_full_practice_page_without_javascript(client, post):
    response = client.get("/oefenen/bericht/or-test/")

    html = response.content.decode()
    assert response.status_code == 200 and "<html" in html
    assert '<h1 class="exercise__title">Oefen met dit bericht</h1>' in html
    assert '<h2 class="step__title"' in html and 'method="get"' in html


def test_the_three_steps_carry_the_answers_and_store_nothing(client, post):
    url = "/oefenen/bericht/or-test/"
    htmx = {"HX-Request": "true"}

    step1 = client.get(url, {"stap": "1", "soort": "threat"}, headers=htmx).content.decode()
    assert "Niet goed. Je koos: dreiging." in step1 and '<mark class="signal' in step1
    assert '<input type="hidden" name="soort" value="threat">' in step1
    assert 'data-hx-target="#bericht-or-test-ernst"' in step1

    step2 = client.get(url, {"stap": "2", "soort": "threat", "concreetheid": "5", "bereik": "3"}, headers=htmx)
    html = step2.content.decode()
    assert html.lstrip().startswith('<div class="step-group" id="bericht-or-test-ernst"')
    assert "Goed ingeschat!" in html
    assert '<input type="hidden" name="concreetheid" value="5">' in html

    query = {"stap": "3", "soort": "threat", "concreetheid": "5", "bereik": "3", "actie": ["report_police"]}
    step3 = client.get(url, query).content.decode()  # without JavaScript: the whole page
    assert "Niet goed. Je koos: dreiging." in step3 and "Goed ingeschat!" in step3 and "Past goed" in step3
    assert "Doe dit bericht nog een keer" in step3
    assert not Answer.objects.exists()


def test_doing_the_post_again_starts_at_step_one_with_the_focus_there(client, post):
    done = {"stap": "3", "soort": "disorder", "concreetheid": "5", "bereik": "3", "actie": ["report_police"]}
    html = client.get("/oefenen/bericht/or-test/", done, headers={"HX-Request": "true"}).content.decode()
    assert 'data-hx-get="/oefenen/bericht/or-test/?opnieuw=1"' in html

    again = client.get("/oefenen/bericht/or-test/", {"opnieuw": "1"}, headers={"HX-Request": "true"})

    html = again.content.decode()
    assert 'id="bericht-or-test-stap-1" tabindex="-1" autofocus' in html and 'name="soort"' in html
