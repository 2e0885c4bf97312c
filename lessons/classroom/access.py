"""View decorators for the teacher pages (/docent/) and the student pages (/klas/).

Anonymous visitors are sent to the right login page; a signed-in user in the wrong role gets 403. Which objects a
user may see inside their role is decided by the `<thing>_get_for_user` selectors (404 for strangers). Every
page under these paths shows personal data, so each view is also `core.http.private`.
"""

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from accounts.roles import is_student, is_teacher
from core.http import redirect_to_login

View = Callable[..., HttpResponse]


def _role_required(check: Callable, login_route: str, message: str) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request, reverse(login_route))
            if not check(request.user):
                raise PermissionDenied(message)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


teacher_required = _role_required(is_teacher, "teacher:login", "Deze pagina is alleen voor docenten.")
student_required = _role_required(is_student, "student:login", "Deze pagina is alleen voor leerlingen.")
