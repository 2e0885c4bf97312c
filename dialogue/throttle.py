"""Limits of the live tool, kept in the shared `throttle` cache (core.throttle), so they hold across workers and
machines. Each counts and decides in one atomic step. A library evening has a whole room behind one Wi-Fi
address, so the limits per address are set for a room of 150–300, not for one person:

- Trying live codes: 30 wrong codes a minute per address (a room makes typos; a script guessing 6-character codes
  from 31 symbols gets nowhere at 30 a minute). A phone without the session's cookie counts its try *before* the
  code is looked up and gets it back when the code is right, so a burst of guesses sees at most 30 answers. A
  phone that has joined carries a cookie signed by the site for this code (every poll, move and comment): it is
  not counted at all, so a room's typos never stop the polls of the phones already in, and a poll costs no read.
- Joining: at most 200 new participants a minute from one address. A room of 150 joins in a minute; one script
  adds no more than that pace, and the host sees the burst (selectors.join_bursts) and can remove it.
- Comments: 5 a minute per participant.
- Dialogue cards (dialogue.evening): 5 a minute per participant; a table writes one in several minutes.
- Support ratings (dialogue.evening): 20 sends a minute per participant; one send saves every proposal's rating,
  so a phone that changes its mind a few times never meets it, a script that floods the poll does. With the slider
  one send saves one proposal, so there it is 60: the national 18 proposals, and a change of mind on each.
"""

import logging

from django.http import HttpRequest

from core.security_log import JOIN_CODE_FAILED, RATE_LIMITED, security_event
from core.throttle import client_ip, give_back, hit

CODE_TRIES_PER_MINUTE = 30
JOINS_PER_MINUTE = 200
COMMENTS_PER_MINUTE = 5
CARDS_PER_MINUTE = 5
RATINGS_PER_MINUTE = 20
SLIDER_RATINGS_PER_MINUTE = 60
WINDOW_SECONDS = 60


def _code_key(request: HttpRequest) -> str:
    return f"dialogue:codefail:{client_ip(request)}"


def code_lookup_start(request: HttpRequest, *, joined: bool) -> tuple[bool, bool]:
    """(may the code be looked up, was this try counted in advance). `joined`: the phone carries a valid signed
    cookie for this code."""
    if joined:
        return True, False  # its signed cookie proves it was given this code: nothing to guess, nothing to read
    else:
        allowed, reserved = hit(_code_key(request), WINDOW_SECONDS) <= CODE_TRIES_PER_MINUTE, True
    if not allowed:
        security_event(request, RATE_LIMITED, scope="live_code", level=logging.WARNING)
    return allowed, reserved


def code_lookup_found(request: HttpRequest, *, reserved: bool) -> None:
    """A right code costs nothing: give back the try counted in advance."""
    if reserved:
        give_back(_code_key(request))


def code_lookup_failed(request: HttpRequest, *, reserved: bool = False) -> None:
    if not reserved:
        hit(_code_key(request), WINDOW_SECONDS)
    security_event(request, JOIN_CODE_FAILED, scope="live")


def join_allowed(request: HttpRequest) -> bool:
    """Counts this join; False when this address made more than 200 participants this minute."""
    allowed = hit(f"dialogue:joins:{client_ip(request)}", WINDOW_SECONDS) <= JOINS_PER_MINUTE
    if not allowed:
        security_event(request, RATE_LIMITED, scope="live_join", level=logging.WARNING)
    return allowed


def comment_allowed(request: HttpRequest, *, participant_id: int) -> bool:
    """Counts this try; False when the participant wrote too often this minute."""
    allowed = hit(f"dialogue:comments:{participant_id}", WINDOW_SECONDS) <= COMMENTS_PER_MINUTE
    if not allowed:
        security_event(request, RATE_LIMITED, scope="live_comment", level=logging.WARNING)
    return allowed


def _participant_allowed(request: HttpRequest, *, what: str, participant_id: int, limit: int) -> bool:
    allowed = hit(f"dialogue:{what}:{participant_id}", WINDOW_SECONDS) <= limit
    if not allowed:
        security_event(request, RATE_LIMITED, scope=f"live_{what}", level=logging.WARNING)
    return allowed


def card_allowed(request: HttpRequest, *, participant_id: int) -> bool:
    """Counts this dialogue card; False when the participant sent more than 5 this minute."""
    return _participant_allowed(request, what="card", participant_id=participant_id, limit=CARDS_PER_MINUTE)


def rating_allowed(request: HttpRequest, *, participant_id: int, one_proposal: bool = False) -> bool:
    """Counts this send of ratings; False when the participant sent more than 20 this minute (60 when a send holds
    one proposal, as the slider's do). One evening has one scale, so both share the count."""
    limit = SLIDER_RATINGS_PER_MINUTE if one_proposal else RATINGS_PER_MINUTE
    return _participant_allowed(request, what="rating", participant_id=participant_id, limit=limit)


def card_give_back(*, participant_id: int) -> None:
    """A card refused for its content (a field missing, too long, personal data) is not counted: fixing it is no
    flood."""
    give_back(f"dialogue:card:{participant_id}")


def rating_give_back(*, participant_id: int) -> None:
    give_back(f"dialogue:rating:{participant_id}")
