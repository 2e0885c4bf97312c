"""Who reads a page, for templates that show more to teachers (a lesson's notes for the teacher, its answer hints),
and where the header's account button leads.

Lazy: the user is looked up only when a template asks, so a page that never asks costs nothing. A cached anonymous
page (core/pagecache.py) is always the learner's view: signed-in users never get a cached page.
"""

from django.http import HttpRequest
from django.urls import reverse

from .roles import is_host, is_student, is_teacher


def reader_role(request: HttpRequest) -> dict:
    # A callable: Django templates call it when `reader_is_teacher` is used (teachers, hosts and editors); the
    # answer is worked out once per request, however many blocks ask.
    answer: list[bool] = []

    def reader_is_teacher() -> bool:
        if not answer:
            answer.append(is_host(request.user))
        return answer[0]

    def account_link() -> tuple[str, str]:
        """The header's button: where a signed-in reader finds their own work, else the pupils' sign-in (a teacher
        signed in used to meet "Leerling? Log in" there). Asked only for signed-in readers (base.html)."""
        user = request.user
        if is_teacher(user):
            return reverse("teacher:home"), "Mijn klassen"
        if is_student(user):
            return reverse("student:assignments"), "Mijn opdrachten"
        if user.is_staff:
            return reverse("wagtailadmin_home"), "Naar het beheer"
        return reverse("student:login"), "Leerling? Log in"

    return {"reader_is_teacher": reader_is_teacher, "account_link": account_link}
