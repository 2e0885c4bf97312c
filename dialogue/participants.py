"""What every phone page of a live session needs, whether it belongs to langs de lijn (dialogue.views) or to a
dialogue evening (dialogue.evening.views): the session behind a code (throttled, with the refusal to show), the
phone's participant from its cookies, joining with those cookies, and the answers of an unchanged poll.

Public, so that neither view module reaches into the other's internals. Two cookies per session and phone: an
anonymous token (nothing links a phone's sessions to each other) and a signed "<session id>:<participant id>" that
lets a move skip every lookup (dialogue.views._quick_move) and lets the code check skip the throttle.
"""

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from core.http import make_private

from . import selectors, services, throttle
from .forms import CodeForm
from .models import JOIN_CODE_LENGTH, LiveSession, Participant
from .state import unchanged as state_unchanged

STOP_POLLING = 286
ID_COOKIE_SALT = "dialogue.participant"
TOO_MANY_TRIES = (
    "Je hebt te vaak een code geprobeerd die niet klopt. Wacht een minuut en probeer het dan opnieuw. "
    "Kijk goed naar de code op het scherm."
)
JOINS_TOO_FAST = (
    "Er doen op dit moment heel veel mensen mee vanaf dit netwerk. Wacht een minuut en probeer het dan opnieuw."
)
UNKNOWN_CODE = "Deze code kennen we niet. Kijk goed naar de code op het scherm en probeer het opnieuw."


def cookie_name(session: LiveSession) -> str:
    """One anonymous token per session and phone; nothing links a phone's sessions to each other."""
    return f"doemee-{session.code}"


def id_cookie_name(code: str) -> str:
    """A second cookie, signed: "<session id>:<participant id>", so a move needs no lookup of the token."""
    return f"doemee-{code}-id"


def signed_ids(request: HttpRequest, code: str) -> str:
    """The phone's signed "<session id>:<participant id>" for this code, or "" (absent, or not signed by us)."""
    return request.get_signed_cookie(id_cookie_name(code), default="", salt=ID_COOKIE_SALT)


def member(request: HttpRequest, session: LiveSession) -> Participant | None:
    """This phone's participant in the session, from its token cookie; None when it has not joined."""
    return selectors.participant_get(session=session, token=request.COOKIES.get(cookie_name(session)))


def session_for_code(request: HttpRequest, code: str) -> tuple[LiveSession | None, HttpResponse | None]:
    """The session behind a code, or the response that refuses: throttled (429), unknown (404), ended (410)."""
    code = "".join(code.split()).upper()
    allowed, reserved = throttle.code_lookup_start(request, joined=bool(signed_ids(request, code)))
    if not allowed:
        return None, make_private(
            render(request, "dialogue/join.html", {"form": CodeForm(), "error": TOO_MANY_TRIES}, status=429)
        )
    session = selectors.session_get_by_code(code=code) if len(code) == JOIN_CODE_LENGTH else None
    throttle.code_lookup_found(request, reserved=reserved and session is not None)
    if session is None:
        throttle.code_lookup_failed(request, reserved=reserved)
        form = CodeForm(initial={"code": code})
        return None, make_private(
            render(request, "dialogue/join.html", {"form": form, "error": UNKNOWN_CODE}, status=404)
        )
    refusal = selectors.session_refusal(session)
    if refusal:
        return None, ended(request, session, refusal)
    return session, None


def ended(request: HttpRequest, session: LiveSession, message: str, status: int = 410) -> HttpResponse:
    return make_private(render(request, "dialogue/ended.html", {"session": session, "message": message}, status=status))


def landing(session: LiveSession) -> str:
    """Where a phone goes once it is in: the evening's programme when the session belongs to a dialogue evening,
    else the langs-de-lijn page. One cached lookup (the answer never changes for a session); only joins ask it,
    never a move or a poll."""
    key = f"dialogue:has-evening:{session.code}:{session.pk}"
    has_evening = cache.get(key)
    if has_evening is None:
        has_evening = int(selectors.session_has_evening(session=session))
        cache.set(key, has_evening, 12 * 3600)
    name = "doemee:evening" if has_evening else "doemee:participant"
    return reverse(name, args=[session.code])


def join_and_redirect(request: HttpRequest, session: LiveSession, target: str | None = None) -> HttpResponse:
    """A new participant with both cookies, sent on to `target` (default: the langs-de-lijn page). Joins are
    limited per address (dialogue.throttle): a full room, never a script's flood."""
    if not throttle.join_allowed(request):
        return ended(request, session, JOINS_TOO_FAST, status=429)
    try:
        participant = services.participant_join(session=session)
    except services.NotAllowed as refusal:
        return ended(request, session, str(refusal), status=403)
    response = redirect(target or reverse("doemee:participant", args=[session.code]))
    cookie = {
        "max_age": int((session.expires_at - participant.created_at).total_seconds()),
        "path": "/doe-mee/",
        "httponly": True,
        "samesite": "Lax",
        "secure": settings.SESSION_COOKIE_SECURE,
    }
    response.set_cookie(cookie_name(session), participant.token, **cookie)
    response.set_signed_cookie(
        id_cookie_name(session.code), f"{session.pk}:{participant.pk}", salt=ID_COOKIE_SALT, **cookie
    )
    return response


def poll_unchanged(request: HttpRequest, ident: str) -> bool:
    """True when the fragment the poll holds (its ?v= token) still shows the current state: one cache read."""
    return state_unchanged(ident=ident, token=request.GET.get("v", ""))


def no_change() -> HttpResponse:
    return make_private(HttpResponse(status=204))
