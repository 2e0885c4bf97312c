"""Who may open what: teachers see their own class's measurements, a student their own sittings, a visitor without
an account only the sittings whose random codes their session holds. Strangers get a 404 that tells them nothing."""

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from accounts.roles import is_student, is_teacher
from core.http import redirect_to_login
from core.security_log import HiddenFromUser

from .models import Sitting

SESSION_KEY = "toets_afnames"
MAX_REMEMBERED = 10


def _role(check: Callable, login_route: str, message: str):
    def decorator(view):
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request, reverse(login_route))
            if not check(request.user):
                raise PermissionDenied(message)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


teacher_required = _role(is_teacher, "teacher:login", "Deze pagina is alleen voor docenten.")
student_required = _role(is_student, "student:login", "Deze pagina is alleen voor leerlingen.")


def session_codes(request: HttpRequest) -> list[str]:
    codes = request.session.get(SESSION_KEY, [])
    return [c for c in codes if isinstance(c, str)] if isinstance(codes, list) else []


def remember(request: HttpRequest, sitting: Sitting) -> None:
    """The session keeps only random codes, never anything about the person."""
    codes = [c for c in session_codes(request) if c != sitting.code]
    request.session[SESSION_KEY] = (codes + [sitting.code])[-MAX_REMEMBERED:]


def check_sitting(request: HttpRequest, sitting: Sitting) -> Sitting:
    if sitting.user_id is not None:
        if sitting.user_id != request.user.pk:
            raise HiddenFromUser("Deze toets is van iemand anders.")
    elif sitting.code not in session_codes(request):
        raise HiddenFromUser("Deze toets is van iemand anders.")
    return sitting
