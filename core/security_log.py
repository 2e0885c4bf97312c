"""Security events, one log record each, on the logger "edu.security" (the name operators filter on, kept when this
module moved to core/): failed sign-ins, rate-limited tries, wrong join codes, denied access and CSRF failures (the
last logged by Django, see core/logs.py).

Every record carries `event`, `path`, `ip` (core.throttle.client_ip) and `user_id` (None when signed out), plus a
`scope` saying which door was tried. A failed sign-in names its account only by `account`, a short keyed hash
(`account_hint`): the same account gives the same hint, so repeated tries stand out, but without the SECRET_KEY the
hint cannot be traced back to an e-mail address or a student. A record never holds a password, pass phrase, class
code, join code, token, session id or e-mail address; a code or token in the URL is masked in `path`.

Where events come from: failed sign-ins from Django's `user_login_failed` signal (the teacher, student, Wagtail
admin and Django admin sign-ins all call `authenticate`; the credentials it passes are never read, only which
kinds were given and the account to hint at), rate limits and wrong codes from accounts/login.py and
dialogue/throttle.py, denied access from `SecurityEventMiddleware` below.
"""

import logging

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.urls import Resolver404, resolve
from django.utils.crypto import salted_hmac

from .throttle import client_ip

logger = logging.getLogger("edu.security")

LOGIN_FAILED = "login_failed"
RATE_LIMITED = "rate_limited"
JOIN_CODE_FAILED = "join_code_failed"
ACCESS_DENIED = "access_denied"
SSO_REFUSED = "sso_refused"  # a school sign-in (Entree, Microsoft) refused: `reason` says why, never what was sent

# URL parts that are credentials: a live join code lets anyone join; a reset link's token sets a password.
SECRET_URL_KWARGS = frozenset({"code", "token", "uidb64"})


class HiddenFromUser(Http404):
    """A 404 from a `<thing>_get_for_user` helper: the object is someone else's (or does not exist), and the
    visitor learns nothing. `SecurityEventMiddleware` logs it as a denied access, unlike an ordinary 404."""


def account_hint(account: str) -> str:
    """12 hex characters of an HMAC keyed with the SECRET_KEY: not reversible, the same for the same account."""
    normalised = " ".join(account.split()).lower()
    return salted_hmac("edu.security_log.account_hint", normalised, algorithm="sha256").hexdigest()[:12]


def safe_path(request: HttpRequest) -> str:
    """The request's path (never its query string), with any code or token in it replaced by its name."""
    match = getattr(request, "resolver_match", None)
    return _masked(request.path, match.kwargs if match else {})


def masked_path(path: str) -> str:
    """safe_path for a bare path, outside a request (gunicorn's access log): the URL patterns say where codes are."""
    try:
        kwargs = resolve(path).kwargs
    except Resolver404:
        kwargs = {}
    return _masked(path, kwargs)


def _masked(path: str, kwargs: dict) -> str:
    masks = {str(kwargs[name]): f"<{name}>" for name in SECRET_URL_KWARGS if kwargs.get(name)}
    return "/".join(masks.get(part, part) for part in path.split("/"))


def security_event(
    request: HttpRequest | None,
    event: str,
    *,
    scope: str,
    account: str | None = None,
    level: int = logging.INFO,
    **details: str | int,
) -> None:
    """Log one event. `account` (an e-mail address, a class code + name) is only ever logged as its hint."""
    user = getattr(request, "user", None)
    fields = {
        "event": event,
        "scope": scope,
        "path": safe_path(request) if request is not None else "",
        "ip": client_ip(request) if request is not None else "",
        "user_id": user.pk if user is not None and user.is_authenticated else None,
        **details,
    }
    if account:
        fields["account"] = account_hint(account)
    logger.log(level, event, extra=fields)


def log_failed_login(sender, credentials: dict, request: HttpRequest | None = None, **kwargs) -> None:
    """Receiver for Django's `user_login_failed`. `credentials` holds what was typed (Django masks a password, not
    a pass phrase): only its keys and the account to hint at are used."""
    if "class_code" in credentials:
        scope = "student"
        account = f"{credentials.get('class_code') or ''}:{credentials.get('pseudonym') or ''}"
    else:
        scope = "password"
        account = str(credentials.get("username") or "")
    security_event(request, LOGIN_FAILED, scope=scope, account=account)


class SecurityEventMiddleware:
    """Logs a denied access: PermissionDenied (403) anywhere, and the 404 of a `<thing>_get_for_user` helper.
    Django turns both into their error pages as before."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        if isinstance(exception, PermissionDenied):
            security_event(request, ACCESS_DENIED, scope="permission", status=403, level=logging.WARNING)
        elif isinstance(exception, HiddenFromUser):
            security_event(request, ACCESS_DENIED, scope="object", status=404, level=logging.WARNING)
