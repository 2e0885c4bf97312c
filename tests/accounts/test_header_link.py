"""The header's account button: the pupils' sign-in for visitors, and the reader's own work once signed in (a
teacher signed in used to meet "Leerling? Log in" there, which led to the pupils' login form)."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from tests.factories import StudentFactory, TeacherFactory, UserFactory

pytestmark = pytest.mark.django_db


def header_button(client: Client, path: str = "/oefenen/") -> tuple[str, str]:
    response = client.get(path)
    assert response.status_code == 200
    link = BeautifulSoup(response.content, "html.parser").select_one("header a.header-signin")
    return link["href"], link.get_text()


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_visitor_is_offered_the_pupils_sign_in():
    assert header_button(Client()) == ("/klas/", "Leerling? Log in")


def test_a_teacher_goes_to_their_classes_and_a_student_to_their_assignments():
    assert header_button(signed_in(TeacherFactory().user)) == ("/docent/", "Mijn klassen")
    assert header_button(signed_in(StudentFactory().user)) == ("/klas/opdrachten/", "Mijn opdrachten")
    assert header_button(signed_in(StudentFactory().user), "/klas/opdrachten/") == (
        "/klas/opdrachten/",
        "Mijn opdrachten",
    )


def test_an_editor_goes_to_the_admin():
    assert header_button(signed_in(UserFactory(is_staff=True))) == ("/admin/", "Naar het beheer")


def test_a_teachers_own_pages_ask_nothing_more_for_it(django_assert_max_num_queries):
    # The teacher check of the page itself has already loaded the profile the button needs.
    teacher = signed_in(TeacherFactory().user)
    teacher.get("/docent/")
    with django_assert_max_num_queries(4) as captured:
        teacher.get("/docent/")
    profile_lookups = [q["sql"] for q in captured.captured_queries if 'profile"."user_id" =' in q["sql"]]
    assert len(profile_lookups) <= 1, profile_lookups  # the page's own teacher check, none for the button
