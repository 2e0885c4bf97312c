"""What a poll needs to decide, from the shared cache alone, whether anything it shows has changed.

Two numbers per session, each kept under two keys (the join code, for the phones' polls; the public id, for the
projector's and the host's):
- the *state version*, set anew by every change the host makes (statement, round, reveal, lock, close, approving
  a comment). A poll sees such a change at once.
- the *activity* time, set by every join, move and comment of a participant.

The board (counts, distribution, comments) is computed at most once a second per session and state version and
shared by every poll (`board_with_token`). A fragment carries a token "<state version>-<board time>"; a poll is
unchanged when the state version is the same and no activity happened after the board was computed. A fragment that
shows nothing participants change (a phone's page before the reveal) carries only "<state version>", so the moves
of 300 phones before the reveal cost their polls nothing. So an unchanged
poll costs one cache round trip and no query, and during a burst of 300 phones moving the board is computed about
once a second instead of once per poll. A missing key (evicted, or lapsed when the session expired) just means
"render once more"; the database then says whether the session has ended.
"""

import re
import time

from django.core.cache import cache
from django.utils import timezone

from core.versioning import version_set_many

from . import push
from .models import URL_SAFE_ID, LiveSession

BOARD_SECONDS = 1  # how long a computed board is shared; the tests set 0
_ASCII_NUMBER = re.compile(r"[0-9]{1,25}")


def _now() -> int:
    """Nanoseconds: fine enough that a render right after a move is never taken for the same instant."""
    return time.time_ns()


def _remaining(session: LiveSession) -> int:
    return max(int((session.expires_at - timezone.now()).total_seconds()), 1)


def state_keys(ident: str) -> tuple[str, str]:
    """(state version key, activity key) for a join code or a public id."""
    return f"dialogue:state:{ident}", f"dialogue:activity:{ident}"


def version_bump(*, session: LiveSession) -> int:
    """A change by the host: every poll renders again at once."""
    keys = [state_keys(session.code)[0], state_keys(session.public_id)[0]]
    version = version_set_many(keys, timeout=_remaining(session))
    push.publish_state(session=session, version=version)
    return version


def activity_mark(*, session: LiveSession) -> None:
    """A join, move or comment: polls render again once the board has been recomputed (within a second)."""
    keys = [state_keys(session.code)[1], state_keys(session.public_id)[1]]
    cache.set_many(dict.fromkeys(keys, _now()), _remaining(session))


def state_version(*, session: LiveSession) -> int:
    return cache.get(state_keys(session.code)[0]) or version_bump(session=session)


def unchanged(*, ident: str, token: str) -> bool:
    """True when a fragment rendered with `token` still shows the current state (one cache round trip)."""
    if not URL_SAFE_ID.fullmatch(ident):
        return False  # the full view refuses it; no cache key is built from junk
    state_key, activity_key = state_keys(ident)
    shown_state, dash, computed = token.partition("-")
    if not dash:  # a fragment that shows nothing participants change: only the host's changes count
        current = cache.get(state_key)
        return current is not None and str(current) == shown_state
    values = cache.get_many([state_key, activity_key])
    # ASCII digits only: isdigit() also takes "²", which int() refuses.
    if values.get(state_key) is None or str(values[state_key]) != shown_state or not _ASCII_NUMBER.fullmatch(computed):
        return False
    return values.get(activity_key, 0) < int(computed)


def board_with_token(*, session: LiveSession, compute, on_new=None) -> tuple[object, str]:
    """The board for this session's state and the token for the fragment that shows it.

    Coalesced: a board is published at most once per BOARD_SECONDS per session and state version, and only when
    something happened since the last one, so a burst of 5,000 moves publishes one new board (and one new token,
    one new shared fragment) a second instead of one per poll. Of the polls that find the board out of date, one
    wins the right to compute it (an atomic add of a short lock) and the others show the previous board for that
    second; their token is older than the last activity, so their next poll renders again and sees the last change.
    The time is taken before computing, so activity during the computation also makes the next poll render again.
    `on_new(board, token)` is called for a newly computed board only (the phones' push, dialogue.push).
    """
    version = state_version(session=session)
    if not BOARD_SECONDS:
        board, token = compute(session=session), f"{version}-{_now()}"
        if on_new:
            on_new(board, token)
        return board, token
    key = f"dialogue:board:{session.code}:{version}"
    activity_key = state_keys(session.code)[1]
    values = cache.get_many([key, activity_key])
    cached = values.get(key)
    if cached is not None:
        computed, board = cached
        fresh = values.get(activity_key, 0) < computed or _now() - computed < BOARD_SECONDS * 1_000_000_000
        if fresh or not cache.add(f"dialogue:board-lock:{session.code}:{version}", 1, BOARD_SECONDS):
            return board, f"{version}-{computed}"
    computed = _now()
    board = compute(session=session)
    cache.set(key, (computed, board), _remaining(session))
    if on_new:
        on_new(board, f"{version}-{computed}")
    return board, f"{version}-{computed}"


def board_token_if_fresh(*, code: str, version: int) -> str | None:
    """The token of the board a poll would show now, when board_with_token would hand out the stored one without
    computing (None otherwise: the full path computes it). One cache round trip."""
    if not BOARD_SECONDS:
        return None
    key, activity_key = f"dialogue:board:{code}:{version}", state_keys(code)[1]
    values = cache.get_many([key, activity_key])
    if values.get(key) is None:
        return None
    computed = values[key][0]
    if values.get(activity_key, 0) < computed or _now() - computed < BOARD_SECONDS * 1_000_000_000:
        return f"{version}-{computed}"
    return None


# ---------------------------------------------------------------------------------------------------- moves


def session_snapshot(*, code: str, load) -> dict | None:
    """What a phone's move needs of its session, from the shared cache under the session's state version.

    One cache round trip reads the state version and the snapshot together; the snapshot is good while it carries
    that version, so any change by the host (new statement, round, close) makes the next move read the database
    once. `load(code=...)` returns the session (or None); it runs only on a miss.
    """
    if not URL_SAFE_ID.fullmatch(code):
        return None
    state_key, activity_key = state_keys(code)
    snapshot_key = f"dialogue:snapshot:{code}"
    values = cache.get_many([state_key, snapshot_key, activity_key])
    snapshot = values.get(snapshot_key)
    if snapshot is not None and values.get(state_key) is not None and snapshot["version"] == values[state_key]:
        return snapshot | {"activity": values.get(activity_key, 0)}
    session = load(code=code)
    if session is None or session.code != code:
        return None
    statement = session.current_statement
    snapshot = {
        "version": state_version(session=session),
        "id": session.pk,
        "code": session.code,
        "public_id": session.public_id,
        "statement_id": session.current_statement_id,
        "round": session.round,
        "closed": session.closed_at is not None,
        "revealed": session.revealed,
        "expires": session.expires_at.timestamp(),
        "left": statement.left_pole if statement else "",
        "right": statement.right_pole if statement else "",
    }
    cache.set(snapshot_key, snapshot, _remaining(session))
    return snapshot | {"activity": 0}


ACTIVITY_AHEAD = 1_000_000_000  # ns: a move's mark covers the moves of the next second too


def activity_mark_ids(*, code: str, public_id: str, expires: float, seen: int = 0) -> None:
    """activity_mark for a move that holds only the session's snapshot, written at most about once a second.

    The mark is set a second ahead ("something changed up to then"), and a move that finds a mark still ahead of
    now (`seen`, read with its snapshot in the same round trip) writes nothing: a board computed before the mark
    counts as out of date anyway, and one computed after it started after this move was stored, so it shows it.
    So a burst of 500 moves a second costs a few cache writes instead of 1,000, and no change is ever lost; the
    price is that polls render (from the shared cache) for up to a second longer after the last move.
    """
    now = _now()
    if seen > now:
        return
    keys = [state_keys(code)[1], state_keys(public_id)[1]]
    cache.set_many(dict.fromkeys(keys, now + ACTIVITY_AHEAD), max(int(expires - time.time()), 1))
