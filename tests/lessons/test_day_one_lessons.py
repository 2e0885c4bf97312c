"""Issue 12, item 4: a lesson page shows what fits its reader. Students, parents and anonymous visitors (and so the
cached copy) get the learner's view; signed-in teachers and hosts also the notes, the hints and the teacher guide."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from tests.factories import StudentFactory, TeacherFactory, make_lesson, make_site

pytestmark = pytest.mark.django_db

NOTE = "Start (5 min): laat drie korte berichten zien."
HINT = "kijk naar de signalen die ontbraken"
JARGON = "Mediawijsheid:"


@pytest.fixture
def lesson(settings):
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    site = make_site()
    page = make_lesson(site["index"], 1)
    page.body = [
        *[{"type": block.block_type, "value": block.block.get_prep_value(block.value)} for block in page.body],
        {"type": "callout", "value": {"tone": "info", "title": "Voor de docent: zo verloopt de les", "text": NOTE}},
        {"type": "question", "value": {"text": "Wat maakte het lastig?", "hint": f"Vraag door: {HINT}."}},
    ]
    page.save_revision().publish()
    return page


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def assert_learner_view(html: str) -> None:
    assert "Wat maakte het lastig?" in html  # the question itself stays
    assert NOTE not in html and "Voor de docent" not in html
    assert HINT not in html and "Tip voor de begeleider" not in html
    assert JARGON not in html and "SLO-kerndoel" not in html
    assert "Wat je leert" in html and "Je ziet het verschil." in html
    assert "handleiding" not in html


def test_anonymous_visitors_and_the_cached_copy_get_the_learners_view(lesson):
    first = Client().get(lesson.url)
    assert_learner_view(first.content.decode())
    # A teacher's visit in between must not change what the cache holds for everyone else.
    teacher = signed_in(TeacherFactory().user)
    assert NOTE in teacher.get(lesson.url).content.decode()
    again = Client().get(lesson.url)
    assert again["X-Page-Cache"] == "hit"
    assert_learner_view(again.content.decode())


def test_a_signed_in_student_gets_the_learners_view(lesson):
    assert_learner_view(signed_in(StudentFactory().user).get(lesson.url).content.decode())


@pytest.mark.parametrize("role", ["docent", "bibliotheek"])
def test_teachers_and_hosts_see_notes_hints_jargon_and_the_guide(lesson, role):
    response = signed_in(TeacherFactory(role=role).user).get(lesson.url)
    html = response.content.decode()
    assert "X-Page-Cache" not in response  # a signed-in page is never from the cache
    assert NOTE in html and HINT in html and JARGON in html
    assert reverse("teacher:lesson_guide", args=[lesson.slug]) in html


def test_the_teacher_guide_is_printable_and_for_teachers_only(lesson):
    url = reverse("teacher:lesson_guide", args=[lesson.slug])
    html = signed_in(TeacherFactory().user).get(url).content.decode()
    assert "Docentenhandleiding: Les 1" in html
    assert NOTE in html and f"Tip voor de begeleider:</strong> Vraag door: {HINT}." in html and JARGON in html
    assert "data-print hidden>Print de handleiding" in html
    assert signed_in(StudentFactory().user).get(url).status_code == 403
    assert Client().get(url).status_code == 302
    assert signed_in(TeacherFactory().user).get(url.replace("les-1", "bestaat-niet")).status_code == 404
