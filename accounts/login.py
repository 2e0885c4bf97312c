"""Rate limits for signing in and for trying class codes, and the messages a refused try shows.

Each purpose has its own counters, so one kind of mistake never blocks another (a pupil's class-code typos never
block a teacher's password, and the other way round):

- per account (an e-mail address; a class code + name): a wrong password counts against that account only, so
  one teacher's typos never lock out another;
- per address: a limit high enough for a school where hundreds of pupils and teachers share one public (NAT)
  address, yet low enough to stop a script that tries many accounts or codes.

A try is counted *before* its password is checked (core.throttle.hit is one atomic step), and given back when it
succeeds, so only failures stay counted and 40 tries at once for one account check at most `per_account`
passwords. The README's security section lists the numbers and why they are what they are.
"""

import hashlib
import logging
from dataclasses import dataclass

from django.http import HttpRequest

from core.security_log import JOIN_CODE_FAILED, RATE_LIMITED, security_event
from core.sessions import session_ends_after
from core.throttle import client_ip, counts, give_back, hit


@dataclass(frozen=True)
class Limit:
    per_account: int  # failures per account (0: no account counter)
    per_address: int  # failures per client address, all accounts together
    seconds: int


LIMITS = {
    # A teacher's e-mail + password (ours, Wagtail's and Django's admin sign-in all count here).
    "teacher": Limit(per_account=10, per_address=100, seconds=15 * 60),
    # A pupil's class code + name + pass phrase.
    "student": Limit(per_account=10, per_address=300, seconds=15 * 60),
    # Joining a class with its code: wrong or closed codes from one address.
    "join": Limit(per_account=0, per_address=100, seconds=15 * 60),
}
THROTTLE_LIMIT = LIMITS["teacher"].per_account  # older names, for the tests and messages that show them
THROTTLE_SECONDS = LIMITS["teacher"].seconds

TOO_MANY_TRIES = (
    "Er is te vaak een verkeerde inlog geprobeerd. Wacht een kwartier en probeer het dan opnieuw. "
    "Weet je je wachtwoord niet meer? Vraag het aan je docent, of kies 'Wachtwoord vergeten'."
)
LOGIN_FAILED = "Dit klopt niet. Kijk of je alles goed hebt ingevuld en probeer het opnieuw."


def _account_key(scope: str, account: str) -> str:
    digest = hashlib.sha256(" ".join(account.split()).lower().encode()).hexdigest()[:32]
    return f"login:{scope}:account:{digest}"


def _address_key(scope: str, request: HttpRequest) -> str:
    return f"login:{scope}:ip:{client_ip(request)}"


def _log_refusal(request: HttpRequest, scope: str, account: str, which: str) -> None:
    hint = None if scope == "join" else account  # a class code is a secret itself: no hint of it
    security_event(request, RATE_LIMITED, scope=scope, account=hint, reason=f"{which} limit", level=logging.WARNING)


def login_attempt(*, scope: str, account: str, request: HttpRequest) -> bool:
    """Count this try in advance; False (and logged) when the account or the address is over its limit, and then
    no password may be checked. The account is counted first, so tries at a locked account do not use up the
    address's budget that a whole school shares."""
    limit = LIMITS[scope]
    if limit.per_account and hit(_account_key(scope, account), limit.seconds) > limit.per_account:
        _log_refusal(request, scope, account, "account")
        return False
    if hit(_address_key(scope, request), limit.seconds) > limit.per_address:
        if limit.per_account:
            give_back(_account_key(scope, account))  # the account did not get its try
        _log_refusal(request, scope, account, "address")
        return False
    return True


def login_succeeded(*, scope: str, account: str, request: HttpRequest) -> None:
    """Give back the try counted by login_attempt: a right password or code costs nothing."""
    limit = LIMITS[scope]
    if limit.per_account:
        give_back(_account_key(scope, account))
    give_back(_address_key(scope, request))


def login_failed(*, scope: str, account: str, request: HttpRequest) -> None:
    """Count a failure that login_attempt did not see coming: the right password of an account that may not sign
    in at this door (a student's or an editor's at the teachers' login)."""
    limit = LIMITS[scope]
    if limit.per_account:
        hit(_account_key(scope, account), limit.seconds)
    hit(_address_key(scope, request), limit.seconds)


def login_blocked(*, scope: str, account: str, request: HttpRequest) -> bool:
    """Whether the try just counted was refused for being over a limit (read only: it chooses the message)."""
    limit = LIMITS[scope]
    account_count, address_count = counts([_account_key(scope, account), _address_key(scope, request)])
    return bool(limit.per_account and account_count > limit.per_account) or address_count > limit.per_address


REMEMBER_SECONDS = 30 * 24 * 60 * 60  # "onthoud mij": a month
WORKDAY_SECONDS = 10 * 60 * 60  # otherwise: until the browser closes, and at most a working day


def remember_session(request: HttpRequest, *, remember: bool) -> None:
    """A teacher's session on a shared school computer must not outlive the lesson: without "onthoud mij" it
    ends when the browser closes, or after a working day if the browser stays open."""
    session_ends_after(request, None if remember else WORKDAY_SECONDS, persistent_seconds=REMEMBER_SECONDS)


def join_code_failed(request: HttpRequest) -> None:
    """Log a wrong or closed class code (already counted by login_attempt)."""
    security_event(request, JOIN_CODE_FAILED, scope="class")
