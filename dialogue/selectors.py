"""Reads for live sessions. The board (what the projector and the phones show) takes a fixed number of queries,
whatever the number of participants."""

from dataclasses import dataclass, field
from datetime import UTC

from django.db import connection
from django.db.models import Count
from django.db.models.functions import Trunc

from cms.models import Statement, StatementSet

from .models import LINE_STEPS, URL_SAFE_ID, Comment, Evening, LiveSession, Participant, Position, Round

LEVELS = 10  # bar heights are CSS classes h-0..h-10 (the strict CSP allows no style attributes)


CLOSED = "Deze sessie is afgesloten. Bedankt voor het meedoen!"
EXPIRED = "Deze sessie is verlopen. Een sessie duurt maximaal 12 uur."


def session_refusal(session: LiveSession) -> str:
    """Why a session accepts nothing from participants, or "" when it is live: a read, asked by the views for what
    to show and by every write in services.py, which is where it decides (under concurrency the view's answer may
    be a moment old)."""
    if session.closed_at is not None:
        return CLOSED
    if session.is_expired:
        return EXPIRED
    return ""


def statements_for(*, statement_set: StatementSet) -> list[Statement]:
    return list(Statement.objects.filter(statement_set=statement_set).order_by("sort_order", "pk"))


def session_get_by_code(*, code: str) -> LiveSession | None:
    """The session a participant means by this code: the live one, else the most recent (to say it has ended).
    A code is letters and digits; anything else (a NUL from the address, which PostgreSQL refuses) finds nothing."""
    code = code.strip().upper()
    if not (code.isascii() and code.isalnum()):
        return None
    return LiveSession.objects.select_related("current_statement").filter(code=code).order_by("-created_at").first()


def session_has_evening(*, session: LiveSession) -> bool:
    """Whether the session runs a dialogue evening's programme (dialogue.evening), so a joining phone goes there."""
    return Evening.objects.filter(session=session).exists()


def sessions_for_host(*, host) -> list[LiveSession]:
    return list(LiveSession.objects.filter(host=host).select_related("statement_set").order_by("-created_at")[:50])


OWN_VALUE = (
    f"SELECT p.id, pos.value FROM {Participant._meta.db_table} p LEFT JOIN {Position._meta.db_table} pos "
    "ON pos.participant_id = p.id AND pos.statement_id = %s AND pos.round = %s WHERE p.id = %s AND p.session_id = %s"
)


def own_value(*, snapshot: dict, participant_id: int) -> tuple[bool, int | None]:
    """(is the participant still in the session, their place in this round) for a phone known by its signed
    cookie, with the session from its cached snapshot (state.session_snapshot): one small query, written out
    because the ORM spends more CPU building it than the database running it, as for a move."""
    with connection.cursor() as cursor:
        cursor.execute(OWN_VALUE, [snapshot["statement_id"], snapshot["round"], participant_id, snapshot["id"]])
        row = cursor.fetchone()
    return (row is not None, row[1] if row else None)


OWN_STAGE = (
    f"SELECT p.id, cur.value, r1.value, c.text, c.approved_at IS NOT NULL FROM {Participant._meta.db_table} p "
    f"LEFT JOIN {Position._meta.db_table} cur "
    "ON cur.participant_id = p.id AND cur.statement_id = %s AND cur.round = %s "
    f"LEFT JOIN {Position._meta.db_table} r1 ON r1.participant_id = p.id AND r1.statement_id = %s AND r1.round = 1 "
    f"LEFT JOIN {Comment._meta.db_table} c ON c.participant_id = p.id AND c.statement_id = %s "
    "WHERE p.id = %s AND p.session_id = %s"
)


@dataclass(frozen=True)
class OwnComment:
    text: str
    approved_at: bool  # only whether: the phone's page says "op het scherm" or "kijkt eerst"


@dataclass(frozen=True)
class OwnStage:
    mine: int | None  # this round's place
    first: int | None  # round 1's place (the slider starts there in round 2)
    comment: OwnComment | None


def own_stage(*, snapshot: dict, participant_id: int) -> OwnStage | None:
    """What a phone's slider and comment form show on the current statement and round (own_place and own_comment),
    for a phone known by its signed cookie, in one written-out query; None when it is no longer in the session.
    After "volgende stelling" every phone in the room asks for this within seconds."""
    statement_id = snapshot["statement_id"]
    with connection.cursor() as cursor:
        cursor.execute(
            OWN_STAGE, [statement_id, snapshot["round"], statement_id, statement_id, participant_id, snapshot["id"]]
        )
        row = cursor.fetchone()
    if row is None:
        return None
    comment = OwnComment(text=row[3], approved_at=bool(row[4])) if row[3] is not None else None
    return OwnStage(mine=row[1], first=row[2], comment=comment)


@dataclass
class Distribution:
    counts: list[int] = field(default_factory=lambda: [0] * (LINE_STEPS + 1))

    @property
    def total(self) -> int:
        return sum(self.counts)

    @property
    def mean(self) -> float | None:
        return sum(v * n for v, n in enumerate(self.counts)) / self.total if self.total else None

    @property
    def mean_step(self) -> int | None:
        """The mean rounded to a step, for the marker class pos-0..pos-20."""
        return round(self.mean) if self.total else None

    @property
    def bars(self) -> list[tuple[int, int, int]]:
        """(step, count, height level 0..10) per step; the highest bar is level 10."""
        top = max(self.counts) or 1
        return [(v, n, round(n * LEVELS / top)) for v, n in enumerate(self.counts)]

    @property
    def sides(self) -> tuple[int, int, int]:
        """How many stand on the left (0–8), in the middle (9–11) and on the right (12–20)."""
        return sum(self.counts[:9]), sum(self.counts[9:12]), sum(self.counts[12:])


def distributions(*, session: LiveSession, statement_id: int) -> dict[int, Distribution]:
    """Round → Distribution for one statement, in one query."""
    result = {r: Distribution() for r in Round.values}
    rows = (
        Position.objects.filter(session=session, statement_id=statement_id)
        .values_list("round", "value")
        .annotate(n=Count("id"))
        .order_by()
    )
    for round_, value, n in rows:
        result[round_].counts[value] = n
    return result


def shift_text(*, first: Distribution, second: Distribution, statement: Statement) -> str:
    if first.mean is None or second.mean is None:
        return ""
    shift = second.mean - first.mean
    steps = f"{abs(shift):.1f}".replace(".", ",")
    if abs(shift) < 0.05:
        return "De groep staat gemiddeld op dezelfde plek als in de eerste ronde."
    pole = (statement.right_pole if shift > 0 else statement.left_pole).rstrip(".")  # no "beperkt.)."
    side = f"rechts ({pole})" if shift > 0 else f"links ({pole})"
    return f"De groep schoof gemiddeld {steps} stap{'pen' if steps != '1,0' else ''} naar {side}."


@dataclass
class Board:
    """Everything the projector and the phones show of a session's current state."""

    session: LiveSession
    statement: Statement | None
    number: int
    total_statements: int
    participants: int
    placed: int
    current: Distribution
    first: Distribution | None
    shift: str
    comments: list[Comment]


def board(*, session: LiveSession) -> Board:
    ids = list(
        Statement.objects.filter(statement_set_id=session.statement_set_id)
        .order_by("sort_order", "pk")
        .values_list("pk", flat=True)
    )
    statement = session.current_statement
    participants = Participant.objects.filter(session=session).count()
    if statement is None:
        return Board(session, None, 0, len(ids), participants, 0, Distribution(), None, "", [])
    by_round = distributions(session=session, statement_id=statement.pk)
    current = by_round[session.round]
    first = by_round[Round.FIRST] if session.round == Round.SECOND else None
    shift = shift_text(first=first, second=current, statement=statement) if first else ""
    comments = list(
        Comment.objects.filter(session=session, statement=statement, approved_at__isnull=False).order_by("approved_at")[
            :6
        ]
    )
    number = ids.index(statement.pk) + 1 if statement.pk in ids else 0
    return Board(session, statement, number, len(ids), participants, current.total, current, first, shift, comments)


def pending_comments(*, session: LiveSession) -> list[Comment]:
    return list(
        Comment.objects.filter(session=session, statement_id=session.current_statement_id).order_by("created_at")
    )


def own_place(*, session: LiveSession, participant: Participant) -> tuple[int | None, int | None]:
    """(this round's place, round 1's place) of one participant on the current statement."""
    places = dict(
        Position.objects.filter(participant=participant, statement_id=session.current_statement_id).values_list(
            "round", "value"
        )
    )
    return places.get(session.round), places.get(Round.FIRST)


def own_comment(*, session: LiveSession, participant: Participant) -> Comment | None:
    return Comment.objects.filter(participant=participant, statement_id=session.current_statement_id).first()


def participant_get(*, session: LiveSession, token: str | None) -> Participant | None:
    """The participant behind a phone's cookie. A token is URL-safe base64 (models.new_token); a cookie with
    anything else (a NUL, which PostgreSQL refuses) is nobody."""
    if not token or not URL_SAFE_ID.fullmatch(token):
        return None
    return Participant.objects.filter(session=session, token=token).first()


@dataclass
class StatementSummary:
    number: int
    statement: Statement
    first: Distribution
    second: Distribution
    moved: int
    shift: str
    comments: list[Comment]


def summary(*, session: LiveSession) -> list[StatementSummary]:
    """Per statement: both rounds, the shift and the approved comments, in three queries."""
    statements = statements_for(statement_set=session.statement_set)
    dists: dict[tuple[int, int], Distribution] = {}
    rows = (
        Position.objects.filter(session=session).values_list("statement_id", "round", "value").annotate(n=Count("id"))
    )
    for statement_id, round_, value, n in rows.order_by():
        dists.setdefault((statement_id, round_), Distribution()).counts[value] = n
    places: dict[tuple[int, int], dict[int, int]] = {}
    for statement_id, participant_id, round_, value in Position.objects.filter(session=session).values_list(
        "statement_id", "participant_id", "round", "value"
    ):
        places.setdefault((statement_id, participant_id), {})[round_] = value
    comments: dict[int, list[Comment]] = {}
    for comment in Comment.objects.filter(session=session, approved_at__isnull=False).order_by("approved_at"):
        comments.setdefault(comment.statement_id, []).append(comment)
    result = []
    for number, statement in enumerate(statements, start=1):
        first = dists.get((statement.pk, Round.FIRST), Distribution())
        second = dists.get((statement.pk, Round.SECOND), Distribution())
        moved = sum(1 for (sid, _), p in places.items() if sid == statement.pk and len(p) == 2 and p[1] != p[2])
        shift = shift_text(first=first, second=second, statement=statement)
        result.append(StatementSummary(number, statement, first, second, moved, shift, comments.get(statement.pk, [])))
    return result


def place_text(*, value: int, statement: Statement) -> str:
    """A place on the line in words, for screen readers (aria-valuetext) and for "jouw plek"."""
    return place_words(value=value, left=statement.left_pole, right=statement.right_pole)


def place_words(*, value: int, left: str, right: str) -> str:
    """place_text from the two poles alone (a move knows only its session's cached snapshot)."""
    middle = LINE_STEPS // 2
    if value == middle:
        return "precies in het midden"
    steps = abs(value - middle)
    side, pole = ("links", left) if value < middle else ("rechts", right)
    return f"{steps} {'stap' if steps == 1 else 'stappen'} naar {side}, richting: {pole}"


# ---------------------------------------------------------------------------------------------------- join bursts

# More joins in one second than people manage: scanning the QR code or typing the code and pressing "Doe mee" takes
# each person several seconds, so even a full room spreads out to a few joins a second. A script does dozens.
BURST_JOINS_PER_SECOND = 10


@dataclass(frozen=True)
class JoinBurst:
    seconds: list  # the seconds (UTC, truncated) in which more than BURST_JOINS_PER_SECOND participants joined
    participants: int  # how many joined in those seconds


def join_bursts(*, session: LiveSession) -> JoinBurst | None:
    """Joins that came faster than people can type, for the host's warning; None when there were none. One query,
    grouped by second."""
    rows = list(
        Participant.objects.filter(session=session)
        .annotate(second=Trunc("created_at", "second", tzinfo=UTC))
        .values("second")
        .annotate(joined=Count("pk"))
        .filter(joined__gt=BURST_JOINS_PER_SECOND)
        .values_list("second", "joined")
    )
    if not rows:
        return None
    return JoinBurst(seconds=[second for second, _ in rows], participants=sum(joined for _, joined in rows))
