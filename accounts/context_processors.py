"""Who reads a page, for templates that show more to teachers (a lesson's notes for the teacher, its answer hints).

Lazy: the user is looked up only when a template asks, so a page that never asks costs nothing. A cached anonymous
page (core/pagecache.py) is always the learner's view: signed-in users never get a cached page.
"""

from django.http import HttpRequest

from .roles import is_host


def reader_role(request: HttpRequest) -> dict:
    # A callable: Django templates call it when `reader_is_teacher` is used (teachers, hosts and editors); the
    # answer is worked out once per request, however many blocks ask.
    answer: list[bool] = []

    def reader_is_teacher() -> bool:
        if not answer:
            answer.append(is_host(request.user))
        return answer[0]

    return {"reader_is_teacher": reader_is_teacher}
