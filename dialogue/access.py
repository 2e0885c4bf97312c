"""Who may host a live session, and which sessions a host may see.

Hosts are staff of a school, library or community centre: a signed-in account with a teacher profile (either role
chosen at sign-up at /docent/) or an editor. Students never host. A session behind a URL is only ever fetched
through `session_get_for_host`, which answers 404 to everyone but its owner.
"""

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from accounts.roles import is_host
from core.http import private, redirect_to_login
from core.security_log import HiddenFromUser

from .models import LiveSession

View = Callable[..., HttpResponse]


def host_required(view: View) -> View:
    """Signed in (else to the login page), allowed to host (else 403), and never stored by any cache."""

    @private
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request, settings.LOGIN_URL)
        if not is_host(request.user):
            raise PermissionDenied("Deze pagina is alleen voor gespreksleiders.")
        return view(request, *args, **kwargs)

    return wrapped


def session_get_for_host(*, user: AbstractBaseUser, public_id: str) -> LiveSession:
    session = (
        LiveSession.objects.select_related("statement_set", "current_statement")
        .filter(public_id=public_id, host=user)
        .first()
    )
    if session is None:
        raise HiddenFromUser("Deze sessie bestaat niet.")
    return session
