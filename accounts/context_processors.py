"""Who reads a page, for templates that show more to teachers (a lesson's notes for the teacher, its answer hints).

Lazy: the user is looked up only when a template asks, so a page that never asks costs nothing. A cached anonymous
page (core/pagecache.py) is always the learner's view: signed-in users never get a cached page.
"""

from django.http import HttpRequest

from .roles import is_host


def reader_role(request: HttpRequest) -> dict:
    # A callable: Django templates call it when `reader_is_teacher` is used; teachers, hosts and editors.
    return {"reader_is_teacher": lambda: is_host(request.user)}
