"""Limits kept in the shared cache, so they hold across workers and machines.

Wrong join codes: 10 a minute per IP address; once over, even a right code is refused for the rest of the minute,
so 1,000 guesses from one client join nothing. Comments: 5 a minute per participant.
"""

import logging

from django.http import HttpRequest

from core.security_log import JOIN_CODE_FAILED, RATE_LIMITED, security_event
from core.throttle import client_ip, count, counts

CODE_TRIES_PER_MINUTE = 10
COMMENTS_PER_MINUTE = 5
WINDOW_SECONDS = 60


def code_lookup_blocked(request: HttpRequest) -> bool:
    blocked = counts([f"dialogue:codefail:{client_ip(request)}"])[0] >= CODE_TRIES_PER_MINUTE
    if blocked:
        security_event(request, RATE_LIMITED, scope="live_code", level=logging.WARNING)
    return blocked


def code_lookup_failed(request: HttpRequest) -> None:
    count(f"dialogue:codefail:{client_ip(request)}", WINDOW_SECONDS)
    security_event(request, JOIN_CODE_FAILED, scope="live")


def comment_allowed(request: HttpRequest, *, participant_id: int) -> bool:
    """Counts this try; False when the participant wrote too often this minute."""
    allowed = count(f"dialogue:comments:{participant_id}", WINDOW_SECONDS) <= COMMENTS_PER_MINUTE
    if not allowed:
        security_event(request, RATE_LIMITED, scope="live_comment", level=logging.WARNING)
    return allowed
