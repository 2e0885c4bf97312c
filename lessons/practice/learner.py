"""Who is practising: a signed-in user, or an anonymous browser session that holds its attempt codes.

The session stores only random attempt codes (no name, no e-mail), so a parent with a child or an older adult can
practise without an account. Ownership is decided here once, for every view that has an attempt in its URL.
"""

from dataclasses import dataclass

from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest

from ..models import Attempt

SESSION_KEY = "oefenen_pogingen"
MAX_REMEMBERED = 50  # a session keeps the codes of its latest attempts; older ones stay in the database


@dataclass(frozen=True)
class Learner:
    user_id: int | None
    attempt_codes: tuple[str, ...]

    @property
    def is_signed_in(self) -> bool:
        return self.user_id is not None

    def owns(self, attempt: Attempt) -> bool:
        """A signed-in user's attempt belongs to that user; an anonymous attempt to the session that started it."""
        if attempt.user_id is not None:
            return attempt.user_id == self.user_id
        return attempt.code in self.attempt_codes


def learner_from_request(request: HttpRequest) -> Learner:
    user = request.user
    return Learner(
        user_id=user.pk if user.is_authenticated else None,
        attempt_codes=tuple(session_attempt_codes(request.session)),
    )


def session_attempt_codes(session: SessionBase) -> list[str]:
    codes = session.get(SESSION_KEY, [])
    return [code for code in codes if isinstance(code, str)] if isinstance(codes, list) else []


def session_remember_attempt(session: SessionBase, attempt: Attempt) -> None:
    codes = [code for code in session_attempt_codes(session) if code != attempt.code]
    session[SESSION_KEY] = [*codes, attempt.code][-MAX_REMEMBERED:]
