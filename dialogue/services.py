"""Writes for live sessions. A change by the host sets a new state version; a participant's join, move or comment
marks activity (state.py), so that every poll shows it."""

import time
from datetime import UTC, timedelta

from django.db import IntegrityError, connection, transaction
from django.db.models.functions import Trunc
from django.utils import timezone

from cms.models import StatementSet
from core.personal_text import personal_data_found

from . import selectors
from .models import COMMENT_MAX_LENGTH, LINE_STEPS, Comment, LiveSession, Participant, Position, Round, new_join_code
from .selectors import CLOSED, EXPIRED, session_refusal  # noqa: F401 - CLOSED, EXPIRED: the messages tests read
from .state import activity_mark, activity_mark_ids, version_bump

TOKEN_RETENTION = timedelta(days=30)


class NotAllowed(Exception):
    """The session does not accept this now; the message is Dutch and meant for the participant."""


LOCKED = "Meedoen kan niet meer: de gespreksleider heeft de sessie op slot gezet."


# ---------------------------------------------------------------------------------------------------- host


def session_start(*, host, statement_set: StatementSet) -> LiveSession:
    statements = selectors.statements_for(statement_set=statement_set)
    if not statements:
        raise NotAllowed("Deze stellingenset heeft nog geen stellingen.")
    for _ in range(10):
        code = new_join_code()
        # An expired session keeps its code until it is closed; close it now so the code can be used again.
        LiveSession.objects.filter(code=code, closed_at__isnull=True, expires_at__lte=timezone.now()).update(
            closed_at=timezone.now()
        )
        try:
            with transaction.atomic():
                session = LiveSession.objects.create(
                    host=host, statement_set=statement_set, current_statement=statements[0], code=code
                )
        except IntegrityError:
            continue  # the code is in use by a live session: draw again
        version_bump(session=session)
        return session
    raise RuntimeError("no free join code after 10 draws")


def _save(session: LiveSession, *fields: str) -> LiveSession:
    session.save(update_fields=list(fields))
    version_bump(session=session)
    return session


def session_move(*, session: LiveSession, step: int) -> LiveSession:
    """To the next (+1) or previous (-1) statement; a new statement starts hidden, in round 1."""
    statements = selectors.statements_for(statement_set=session.statement_set)
    ids = [s.pk for s in statements]
    index = ids.index(session.current_statement_id) if session.current_statement_id in ids else 0
    target = min(max(index + step, 0), len(statements) - 1)
    session.current_statement = statements[target]
    session.round, session.revealed = Round.FIRST, False
    return _save(session, "current_statement", "round", "revealed")


def session_reveal(*, session: LiveSession, revealed: bool) -> LiveSession:
    session.revealed = revealed
    return _save(session, "revealed")


def session_round(*, session: LiveSession, round: int) -> LiveSession:
    """Round 2 ("opnieuw positioneren") hides the line again until the host reveals the new one with the shift."""
    session.round, session.revealed = Round(round), False
    return _save(session, "round", "revealed")


def session_lock(*, session: LiveSession, locked: bool) -> LiveSession:
    session.joining_locked = locked
    return _save(session, "joining_locked")


def session_close(*, session: LiveSession) -> LiveSession:
    if session.closed_at is None:
        session.closed_at = timezone.now()
        _save(session, "closed_at")
    return session


def comment_moderate(*, session: LiveSession, comment_id: int, approved: bool) -> None:
    Comment.objects.filter(session=session, pk=comment_id).update(approved_at=timezone.now() if approved else None)
    version_bump(session=session)


def comment_reject(*, session: LiveSession, comment_id: int) -> None:
    """The host turns a comment down: it is deleted, not kept hidden, so nothing the room never saw is stored. Its
    writer sees their box empty again and may write something else."""
    Comment.objects.filter(session=session, pk=comment_id).delete()
    version_bump(session=session)


# ---------------------------------------------------------------------------------------------------- participants


def participant_join(*, session: LiveSession) -> Participant:
    refusal = session_refusal(session) or (LOCKED if session.joining_locked else "")
    if refusal:
        raise NotAllowed(refusal)
    participant = Participant.objects.create(session=session)
    activity_mark(session=session)
    return participant


def position_set(*, session: LiveSession, participant: Participant, value: int) -> None:
    """One row per participant, statement and round, whatever the number of updates or their timing: a single
    INSERT … ON CONFLICT DO UPDATE on SQLite and PostgreSQL alike, so the last write wins and none fails."""
    refusal = session_refusal(session)
    if refusal:
        raise NotAllowed(refusal)
    if not 0 <= value <= LINE_STEPS:
        raise NotAllowed("Kies een plek op de lijn.")
    if session.current_statement_id is None:
        raise NotAllowed("Er is nu geen stelling.")
    Position.objects.bulk_create(
        [
            Position(
                session=session,
                participant=participant,
                statement_id=session.current_statement_id,
                round=session.round,
                value=value,
                updated_at=timezone.now(),
            )
        ],
        update_conflicts=True,
        unique_fields=["participant", "statement", "round"],
        update_fields=["value", "updated_at"],
    )
    activity_mark(session=session)


UPSERT_POSITION = (
    f"INSERT INTO {Position._meta.db_table} (session_id, participant_id, statement_id, round, value, updated_at) "
    "VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (participant_id, statement_id, round) "
    "DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at"
)


def position_record(*, snapshot: dict, participant_id: int, value: int) -> None:
    """position_set for a phone known by its signed cookie, with the session taken from its cached snapshot
    (state.session_snapshot): the same single upsert, and no query besides it."""
    if snapshot["closed"]:
        raise NotAllowed(CLOSED)
    if snapshot["expires"] <= time.time():
        raise NotAllowed(EXPIRED)
    if not 0 <= value <= LINE_STEPS:
        raise NotAllowed("Kies een plek op de lijn.")
    if snapshot["statement_id"] is None:
        raise NotAllowed("Er is nu geen stelling.")
    # The same upsert as position_set, written out: the ORM's bulk_create spends more CPU compiling it than the
    # database spends running it, and a move must stay under 2 ms. Same syntax on SQLite and PostgreSQL.
    with connection.cursor() as cursor:
        cursor.execute(
            UPSERT_POSITION,
            [
                *(snapshot["id"], participant_id, snapshot["statement_id"], snapshot["round"], value),
                connection.ops.adapt_datetimefield_value(timezone.now()),
            ],
        )
    activity_mark_ids(
        code=snapshot["code"],
        public_id=snapshot["public_id"],
        expires=snapshot["expires"],
        seen=snapshot.get("activity", 0),
    )


def comment_write(*, session: LiveSession, participant: Participant, text: str) -> None:
    """Writing again replaces the comment (one row, as for positions); it then waits for approval again."""
    refusal = session_refusal(session)
    if refusal:
        raise NotAllowed(refusal)
    text = " ".join(text.split())
    if not text:
        raise NotAllowed("Je reactie is leeg.")
    if len(text) > COMMENT_MAX_LENGTH:
        raise NotAllowed(f"Je reactie is te lang. Gebruik maximaal {COMMENT_MAX_LENGTH} tekens.")
    personal = personal_data_found(text)
    if personal:  # held back, never stored: participants are anonymous and the projector shows the room everything
        raise NotAllowed(f"We hebben je reactie niet verstuurd. {personal}")
    Comment.objects.bulk_create(
        [
            Comment(
                session=session,
                participant=participant,
                statement_id=session.current_statement_id,
                text=text,
                approved_at=None,
                created_at=timezone.now(),
            )
        ],
        update_conflicts=True,
        unique_fields=["participant", "statement"],
        update_fields=["text", "approved_at", "created_at"],
    )
    activity_mark(session=session)


# ---------------------------------------------------------------------------------------------------- retention


def tokens_purge(*, now=None) -> int:
    """Forget the cookie tokens of participants older than 30 days; positions and comments stay, anonymously."""
    cutoff = (now or timezone.now()) - TOKEN_RETENTION
    return Participant.objects.filter(created_at__lt=cutoff, token__isnull=False).update(token=None)


# ---------------------------------------------------------------------------------------------------- join bursts


def participants_remove_burst(*, session: LiveSession) -> int:
    """The host's answer to a burst of joins (selectors.join_bursts): remove the participants who joined in those
    seconds, with their positions and comments (they cascade), so a script's votes leave the line. Returns how many."""
    burst = selectors.join_bursts(session=session)
    if burst is None:
        return 0
    ids = list(
        Participant.objects.filter(session=session)
        .annotate(second=Trunc("created_at", "second", tzinfo=UTC))
        .filter(second__in=burst.seconds)
        .values_list("pk", flat=True)
    )
    Participant.objects.filter(pk__in=ids).delete()
    version_bump(session=session)
    return len(ids)
