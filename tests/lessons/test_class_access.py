"""Every URL under /docent/ and /klas/, tried by the whole cast: anonymous, a student of the class, a student of
another class, the class's teacher and another teacher. The test walks the URL patterns themselves, so a new view
cannot skip the matrix: it must be listed here as public or as an object view with its expected answers."""

from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import URLPattern, reverse

from accounts.models import SchoolClass, StudentProfile
from lessons.classroom import student_urls, teacher_urls
from lessons.models import Assignment
from tests.factories import AssignmentFactory, ExerciseSetFactory, OpinionFactory, StudentFactory, TeacherFactory

pytestmark = pytest.mark.django_db

# Pages for anyone: logging in, signing up, joining, resetting a password.
PUBLIC = {
    "teacher:signup",
    "teacher:signup_confirm",
    "teacher:login",
    "teacher:logout",
    "teacher:password_reset",
    "teacher:password_reset_sent",
    "teacher:password_reset_confirm",
    "teacher:password_reset_done",
    "student:login",
    "student:join",
    "student:logout",
}
# Teacher pages: anonymous → login, students → 403, another teacher → 404 where a class is in the URL.
TEACHER_POST = {
    "teacher:class_create",
    "teacher:class_rename",
    "teacher:class_archive",
    "teacher:class_code",
    "teacher:class_join_limit",
    "teacher:class_delete",
    "teacher:students_add",
    "teacher:student_reset",
    "teacher:student_delete",
    "teacher:assignment_create",
}
TEACHER_GET = {
    "teacher:home",
    "teacher:class_detail",
    "teacher:class_delete",
    "teacher:student_delete",
    "teacher:class_export",
    "teacher:assignment",
    "teacher:assignment_csv",
    "teacher:assignment_xlsx",
    "teacher:assignment_cell",
    "teacher:class_xlsx",
}
STUDENT_GET = {"student:assignments", "student:assignment"}
# Teacher pages about a lesson, not a class: tried by the cast in tests/lessons/test_day_one_lessons.py.
TEACHER_LESSON_GET = {"teacher:lesson_guide"}


def _names() -> set[str]:
    return {
        f"{module.app_name}:{pattern.name}"
        for module in (teacher_urls, student_urls)
        for pattern in module.urlpatterns
        if isinstance(pattern, URLPattern)
    }


def test_every_url_is_in_the_matrix():
    assert _names() == PUBLIC | TEACHER_POST | TEACHER_GET | STUDENT_GET | TEACHER_LESSON_GET


@pytest.fixture
def cast():
    assignment = AssignmentFactory(exercise_set=ExerciseSetFactory(scenarios=[OpinionFactory()]))
    school_class = assignment.school_class
    other_assignment = AssignmentFactory(exercise_set=assignment.exercise_set)

    def signed_in(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return {
        "assignment": assignment,
        "student": StudentFactory(school_class=school_class),
        "clients": {
            "anonymous": Client(),
            "student": signed_in(StudentFactory(school_class=school_class).user),
            "other_student": signed_in(StudentFactory(school_class=other_assignment.school_class).user),
            "teacher": signed_in(school_class.teacher),
            "other_teacher": signed_in(TeacherFactory().user),
        },
    }


def _url(name: str, cast: dict) -> str:
    assignment, student = cast["assignment"], cast["student"]
    candidates = {
        "class_id": assignment.school_class.public_id,
        "assignment_id": assignment.public_id,
        "student_id": student.public_id,
    }
    module = teacher_urls if name.startswith("teacher:") else student_urls
    pattern = next(p for p in module.urlpatterns if f"{module.app_name}:{p.name}" == name)
    kwargs = {key: value for key, value in candidates.items() if f"<slug:{key}>" in str(pattern.pattern)}
    if "<int:position>" in str(pattern.pattern):
        kwargs["position"] = 1
    return reverse(name, kwargs=kwargs)


def _expected(name: str, role: str) -> set[int]:
    """Anonymous → the login page; the wrong role → 403; a stranger in the right role → 404 (an object in the
    URL that is not theirs); the owner → the page (GET) or its usual answer (POST: a redirect, or 400 on bad input)."""
    if role == "anonymous":
        return {302}
    if name.startswith("teacher:"):
        if role in {"student", "other_student"}:
            return {403}
        if role == "other_teacher" and name not in {"teacher:home", "teacher:class_create"}:
            return {404}
        return {200, 302, 400}
    if role in {"teacher", "other_teacher"}:
        return {403}
    if role == "other_student" and name == "student:assignment":
        return {404}
    return {200}


@pytest.mark.parametrize("name", sorted(TEACHER_GET | STUDENT_GET))
def test_get_matrix(cast, name):
    url = _url(name, cast)
    for role, client in cast["clients"].items():
        response = client.get(url)
        expected = {200} if 200 in _expected(name, role) else _expected(name, role)  # the owner reads the page
        assert response.status_code in expected, (role, url, response.status_code)
        if response.status_code == 200:
            assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


@pytest.mark.parametrize("name", sorted(TEACHER_POST))
def test_post_matrix_for_everyone_but_the_owner(cast, name):
    """Strangers' POSTs are refused and change nothing; the owner's POSTs are tested in test_classes.py."""
    url = _url(name, cast)
    students, assignments = StudentProfile.objects.count(), Assignment.objects.count()
    for role, client in cast["clients"].items():
        if role == "teacher" and name != "teacher:class_create":
            continue
        response = client.post(url, {"name": "Overgenomen", "actie": "nieuw", "names": "Indringer", "work": "x"})
        assert response.status_code in _expected(name, role), (role, url, response.status_code)
    school_class = SchoolClass.objects.get(pk=cast["assignment"].school_class_id)
    assert school_class.name != "Overgenomen"
    assert (StudentProfile.objects.count(), Assignment.objects.count()) == (students, assignments)


def test_every_form_needs_a_csrf_token(cast):
    teacher = Client(enforce_csrf_checks=True)
    teacher.force_login(cast["assignment"].school_class.teacher)
    for name in sorted(TEACHER_POST):
        assert teacher.post(_url(name, cast), {"name": "x"}).status_code == 403, name
    anonymous = Client(enforce_csrf_checks=True)
    for url in ["/docent/inloggen/", "/docent/aanmelden/", "/klas/", "/klas/aanmelden/", "/docent/wachtwoord/"]:
        assert anonymous.post(url, {}).status_code == 403, url
    assert SchoolClass.objects.filter(pk=cast["assignment"].school_class_id).exists()


@pytest.mark.parametrize("url", ["/docent/inloggen/", "/docent/aanmelden/", "/klas/", "/klas/aanmelden/"])
def test_login_pages_are_private_too(client, url):
    assert "no-store" in client.get(url)["Cache-Control"]


@pytest.mark.parametrize("url", ["/docent/", "/klas/opdrachten/"])
def test_a_very_long_query_still_leads_to_the_login_page(client, url):
    """Django refuses to redirect to an address over 2048 characters; the login page then returns to the page
    without its query."""
    response = client.get(url, {"x": "a" * 3000})
    assert response.status_code == 302
    assert response["Location"].endswith("?" + urlencode({"next": url}))
