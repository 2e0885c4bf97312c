"""Issue 12, item 8: sets for older adults and parents explain in plain sentences first; article numbers go behind
"Meer weten". Sets for students keep the explanation as written."""

import pytest
from django.test import Client

from lessons.practice.feedback import plain_first
from tests.factories import ExerciseSetFactory, OpinionFactory
from tests.lessons.conftest import start_run

pytestmark = pytest.mark.django_db

LEGAL_EXPLANATION = (
    "Kritiek op een wethouder mag, ook als die hard is. Kritiek op het bestuur is geen strafbare belediging "
    "(artikel 266 lid 2 Wetboek van Strafrecht). Dat staat in artikel 7 van de Grondwet en artikel 10 van het "
    "Europees Verdrag voor de Rechten van de Mens (EVRM)."
)


def test_plain_first_moves_article_numbers_out_of_the_sentences():
    plain, legal = plain_first(LEGAL_EXPLANATION)
    assert plain == (
        "Kritiek op een wethouder mag, ook als die hard is.",
        "Kritiek op het bestuur is geen strafbare belediging.",
    )
    assert legal[0] == "artikel 266 lid 2 Wetboek van Strafrecht"
    assert legal[1].startswith("Dat staat in artikel 7 van de Grondwet")
    assert not any("artikel" in sentence for sentence in plain)


def test_plain_first_keeps_an_explanation_without_law_whole():
    assert plain_first("Dit is een mening. Er staat geen tijd in.") == (
        ("Dit is een mening.", "Er staat geen tijd in."),
        (),
    )


@pytest.mark.parametrize("audience", ["older_adults", "parents"])
def test_plain_language_sets_put_the_law_behind_meer_weten(audience):
    post = OpinionFactory(explanation=LEGAL_EXPLANATION)
    run = start_run(Client(), ExerciseSetFactory(slug="plain", audience=audience, scenarios=[post]))
    run.post(1, 1, {"bericht": post.key, "soort": "opinion"})

    html = run.client.get(run.item_url(1)).content.decode()

    feedback = html[html.index("-uitkomst-1") :]
    before_details = feedback[: feedback.index('<details class="more-info">')]
    assert "<p>Kritiek op een wethouder mag, ook als die hard is.</p>" in before_details
    assert "artikel" not in before_details
    assert "<summary>Meer weten: wat zegt de wet?</summary>" in feedback
    assert "<li>artikel 266 lid 2 Wetboek van Strafrecht</li>" in feedback


def test_student_sets_keep_the_explanation_as_written():
    post = OpinionFactory(explanation=LEGAL_EXPLANATION)
    run = start_run(Client(), ExerciseSetFactory(slug="school", audience="students_upper", scenarios=[post]))
    run.post(1, 1, {"bericht": post.key, "soort": "opinion"})
    html = run.client.get(run.item_url(1)).content.decode()
    assert "(artikel 266 lid 2 Wetboek van Strafrecht)" in html and "Meer weten: wat zegt de wet?" not in html
