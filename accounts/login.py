"""Login rate limits and the messages a refused sign-in shows.

Failed logins are counted per account and per IP address in the shared `throttle` cache (core.throttle), so a
limit holds across workers and machines.
"""

import hashlib
import logging

from django.http import HttpRequest

from core.security_log import JOIN_CODE_FAILED, RATE_LIMITED, security_event
from core.throttle import client_ip, count, counts

THROTTLE_LIMIT = 10
THROTTLE_SECONDS = 15 * 60
TOO_MANY_TRIES = (
    "Er is te vaak een verkeerde inlog geprobeerd. Wacht een kwartier en probeer het dan opnieuw. "
    "Weet je je wachtwoord niet meer? Vraag het aan je docent, of kies 'Wachtwoord vergeten'."
)
LOGIN_FAILED = "Dit klopt niet. Kijk of je alles goed hebt ingevuld en probeer het opnieuw."


def _keys(scope: str, account: str, request: HttpRequest) -> list[str]:
    digest = hashlib.sha256(account.strip().lower().encode()).hexdigest()[:32]
    return [f"login-fail:{scope}:account:{digest}", f"login-fail:ip:{client_ip(request)}"]


def login_blocked(*, scope: str, account: str, request: HttpRequest) -> bool:
    blocked = any(value >= THROTTLE_LIMIT for value in counts(_keys(scope, account, request)))
    if blocked:  # a class code ("join") is a secret itself: no hint of it
        hint = None if scope == "join" else account
        security_event(request, RATE_LIMITED, scope=scope, account=hint, level=logging.WARNING)
    return blocked


def login_failed(*, scope: str, account: str, request: HttpRequest) -> None:
    """Counts a failure. A failed sign-in is logged by core.security_log (Django's user_login_failed signal); a
    wrong class code is logged here."""
    for key in _keys(scope, account, request):
        count(key, THROTTLE_SECONDS)
    if scope == "join":
        security_event(request, JOIN_CODE_FAILED, scope="class")
