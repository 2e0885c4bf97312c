"""How long a signed-in session lasts, and two headers every response carries for the public site.

Django can end a session when the browser closes (a cookie without expiry) or after a fixed time (a cookie with
one), not both; a browser left open on a school computer keeps a "browser-close" cookie for days. So a session
may carry a deadline as well: `session_ends_after` sets it, `SessionDeadlineMiddleware` ends the session once it
has passed (before the user is looked up, so that request is already signed out).
"""

import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

DEADLINE_KEY = "core.session_deadline"

# Features no page of ours uses; denied so that an embedded or injected page cannot ask for them either.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "serial",
        "usb",
        "xr-spatial-tracking",
        "browsing-topics",
    )
)


def session_ends_after(request: HttpRequest, seconds: int | None, *, persistent_seconds: int) -> None:
    """None: a lasting session of `persistent_seconds`. Else: a cookie that ends with the browser, and a session
    that ends after `seconds` whatever the browser does. Call it right after `login` (which starts a new one)."""
    if seconds is None:
        request.session.set_expiry(persistent_seconds)
        request.session.pop(DEADLINE_KEY, None)
    else:
        request.session.set_expiry(0)
        request.session[DEADLINE_KEY] = int(time.time()) + seconds


class SessionDeadlineMiddleware:
    """Ends a session whose deadline has passed. Sits between SessionMiddleware and AuthenticationMiddleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        # Only a request with a session cookie: reading an empty session would add "Vary: Cookie" to public pages.
        cookie = settings.SESSION_COOKIE_NAME in request.COOKIES
        if cookie and session is not None and session.get(DEADLINE_KEY, time.time() + 1) < time.time():
            session.flush()
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """Adds the Permissions-Policy header to every response that does not set its own."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
