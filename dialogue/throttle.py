"""Limits kept in the shared cache, so they hold across workers and machines.

Wrong join codes: 10 a minute per IP address; once over, even a right code is refused for the rest of the minute,
so 1,000 guesses from one client join nothing. Comments: 5 a minute per participant.
"""

from django.core.cache import caches
from django.http import HttpRequest

CODE_TRIES_PER_MINUTE = 10
COMMENTS_PER_MINUTE = 5
WINDOW_SECONDS = 60


def _client_ip(request: HttpRequest) -> str:
    """REMOTE_ADDR only: behind a proxy, gunicorn's forwarded_allow_ips sets it; a client header is never trusted."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _count(key: str) -> int:
    if caches["throttle"].add(key, 1, WINDOW_SECONDS):
        return 1
    try:
        return caches["throttle"].incr(key)
    except ValueError:  # expired between add and incr
        caches["throttle"].add(key, 1, WINDOW_SECONDS)
        return 1


def code_lookup_blocked(request: HttpRequest) -> bool:
    return (caches["throttle"].get(f"dialogue:codefail:{_client_ip(request)}") or 0) >= CODE_TRIES_PER_MINUTE


def code_lookup_failed(request: HttpRequest) -> None:
    _count(f"dialogue:codefail:{_client_ip(request)}")


def comment_allowed(*, participant_id: int) -> bool:
    """Counts this try; False when the participant wrote too often this minute."""
    return _count(f"dialogue:comments:{participant_id}") <= COMMENTS_PER_MINUTE
