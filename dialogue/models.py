"""The live "langs de lijn" tool for dialogue evenings.

A *LiveSession* is one evening: a host (a signed-in user) runs it from a cms.StatementSet. It has a short join
code for participants (unique among sessions that are not closed) and a long random `public_id` for the host's
URLs. Its state is the current statement, the round (1, or 2 after "opnieuw positioneren") and whether the
positions are revealed. A *Participant* is an anonymous phone: only a random token in a cookie, which is purged
after 30 days. A *Position* is one participant's place on the line (0..20) for one statement and round: one row,
updated in place. A *Comment* is an optional short reason, shown on the projector only after the host approves it.
"""

import re
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone

from core.privacy import PersonalData, Retention, not_personal, personal

JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L
JOIN_CODE_LENGTH = 6
SESSION_LIFETIME = timedelta(hours=12)
LINE_STEPS = 20  # positions are 0..20; 10 is the middle
COMMENT_MAX_LENGTH = 200
# What every code and id below looks like (join code, public id, participant token): anything else is none of ours.
URL_SAFE_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")


def new_join_code() -> str:
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def new_public_id() -> str:
    """The host's and the projector's URLs carry this code, never a database id; long enough to be unguessable."""
    return secrets.token_urlsafe(16)


def new_token() -> str:
    return secrets.token_urlsafe(24)


def default_expiry():
    return timezone.now() + SESSION_LIFETIME


class Round(models.IntegerChoices):
    FIRST = 1, "Eerste ronde"
    SECOND = 2, "Tweede ronde"


class LiveSession(models.Model):
    public_id = models.SlugField("code in adres", max_length=40, unique=True, default=new_public_id, editable=False)
    code = models.CharField("code voor deelnemers", max_length=JOIN_CODE_LENGTH, default=new_join_code)
    host = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="live_sessions", verbose_name="gespreksleider"
    )
    statement_set = models.ForeignKey(
        "cms.StatementSet", on_delete=models.PROTECT, related_name="+", verbose_name="stellingenset"
    )
    current_statement = models.ForeignKey(
        "cms.Statement", on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="huidige stelling"
    )
    round = models.PositiveSmallIntegerField("ronde", choices=Round.choices, default=Round.FIRST)
    revealed = models.BooleanField("verdeling zichtbaar", default=False)
    joining_locked = models.BooleanField("meedoen gesloten", default=False)
    created_at = models.DateTimeField("gestart", auto_now_add=True)
    expires_at = models.DateTimeField("verloopt", default=default_expiry)
    closed_at = models.DateTimeField("afgesloten", null=True, blank=True)

    personal_data = PersonalData(
        about="docent of gespreksleider",
        fields={
            "public_id": not_personal("willekeurige code in het adres"),
            "code": not_personal("willekeurige code om mee te doen"),
            "host": personal("Wie de avond leidt: alleen die persoon bestuurt hem.", Retention.LIVE_SESSION),
            "statement_set": not_personal("welke stellingen (lesstof)"),
            "current_statement": not_personal("welke stelling nu op het scherm staat"),
            "round": not_personal("welke ronde"),
            "revealed": not_personal("instelling: verdeling zichtbaar"),
            "joining_locked": not_personal("instelling: meedoen gesloten"),
            "created_at": personal("Wanneer de avond begon.", Retention.LIVE_SESSION),
            "expires_at": not_personal("wanneer de code vervalt (instelling)"),
            "closed_at": personal("Wanneer de gespreksleider de avond sloot.", Retention.LIVE_SESSION),
        },
    )

    class Meta:
        verbose_name = "live sessie"
        verbose_name_plural = "live sessies"
        indexes = [
            # Serves selectors.sessions_for_host: one host's sessions, newest first.
            models.Index(fields=["host", "-created_at"], name="dialogue_session_host_idx"),
            # Serves selectors.session_get_by_code: the newest session with a code, closed or not (so a participant
            # with an old code hears that it has ended).
            models.Index(fields=["code", "-created_at"], name="dialogue_session_code_idx"),
        ]
        constraints = [
            # A code opens one session that is not closed; its partial unique index also serves the participants'
            # lookup by code. Expired sessions are closed before their code is given out again (services).
            models.UniqueConstraint(
                fields=["code"], condition=Q(closed_at__isnull=True), name="dialogue_livesession_unique_live_code"
            ),
            models.CheckConstraint(condition=Q(round__in=Round.values), name="dialogue_livesession_round_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.code} · {self.statement_set_id}"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_live(self) -> bool:
        return self.closed_at is None and not self.is_expired


class Participant(models.Model):
    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="participants")
    # Null once purged (manage.py purge_dialogue_tokens): the positions stay, but nobody can be tied to them. Null,
    # not "", because the unique constraint below must let many purged rows share a session.
    token = models.CharField("token", max_length=64, null=True, default=new_token, editable=False)  # noqa: DJ001
    created_at = models.DateTimeField("meegedaan", auto_now_add=True)

    personal_data = PersonalData(
        about="deelnemer aan een dialoogavond (zonder naam)",
        fields={
            "session": not_personal("koppeling aan de avond"),
            "token": personal(
                "Willekeurige code in een cookie: zo weet de site welke plek op de lijn van wie is.",
                Retention.LIVE_TOKEN,
            ),
            "created_at": personal(
                "Wanneer de deelnemer meedeed: nodig om de code na 30 dagen te wissen.", Retention.LIVE_SESSION
            ),
        },
    )

    class Meta:
        verbose_name = "deelnemer"
        verbose_name_plural = "deelnemers"
        constraints = [
            # Its index serves the lookup of the participant behind a cookie (session + token).
            models.UniqueConstraint(fields=["session", "token"], name="dialogue_participant_unique_session_token"),
        ]
        indexes = [
            # Serves the purge of old tokens (created_at < now - 30 days).
            models.Index(fields=["created_at"], name="dialogue_participant_new_idx"),
        ]

    def __str__(self) -> str:
        return f"deelnemer {self.pk}"


class Position(models.Model):
    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="positions")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="positions")
    statement = models.ForeignKey("cms.Statement", on_delete=models.CASCADE, related_name="+")
    round = models.PositiveSmallIntegerField("ronde", choices=Round.choices)
    value = models.PositiveSmallIntegerField("plek (0–20)")
    updated_at = models.DateTimeField("bijgewerkt", auto_now=True)

    personal_data = PersonalData(
        about="deelnemer aan een dialoogavond (zonder naam)",
        fields={
            "session": not_personal("koppeling aan de avond"),
            "participant": personal(
                "Van welke (naamloze) deelnemer de plek is, zodat een nieuwe plek de oude vervangt.",
                Retention.LIVE_SESSION,
            ),
            "statement": not_personal("welke stelling (lesstof)"),
            "round": not_personal("welke ronde"),
            "value": personal(
                "Waar de deelnemer op de lijn staat: voor de verdeling op het scherm.", Retention.LIVE_SESSION
            ),
            "updated_at": personal("Wanneer de deelnemer het laatst schoof.", Retention.LIVE_SESSION),
        },
    )

    class Meta:
        verbose_name = "plek"
        verbose_name_plural = "plekken"
        indexes = [
            # Serves selectors.distributions: the positions of one statement and round in a session.
            models.Index(fields=["session", "statement", "round"], name="dialogue_position_stmt_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "statement", "round"],
                name="dialogue_position_unique_participant_statement_round",
            ),
            models.CheckConstraint(condition=Q(value__lte=LINE_STEPS), name="dialogue_position_value_range"),
            models.CheckConstraint(condition=Q(round__in=Round.values), name="dialogue_position_round_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.value}/{LINE_STEPS} (ronde {self.round})"


class Comment(models.Model):
    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="comments")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="comments")
    statement = models.ForeignKey("cms.Statement", on_delete=models.CASCADE, related_name="+")
    text = models.CharField("waarom sta je hier?", max_length=COMMENT_MAX_LENGTH)
    approved_at = models.DateTimeField("goedgekeurd", null=True, blank=True)
    created_at = models.DateTimeField("geschreven", auto_now=True)

    personal_data = PersonalData(
        about="deelnemer aan een dialoogavond (zonder naam)",
        fields={
            "session": not_personal("koppeling aan de avond"),
            "participant": personal("Van welke (naamloze) deelnemer de reactie is.", Retention.LIVE_SESSION),
            "statement": not_personal("welke stelling (lesstof)"),
            "text": personal(
                "De reactie zelf; pas op het scherm na goedkeuring door de gespreksleider.", Retention.LIVE_SESSION
            ),
            "approved_at": personal("Wanneer de gespreksleider de reactie goedkeurde.", Retention.LIVE_SESSION),
            "created_at": personal("Wanneer de reactie werd geschreven.", Retention.LIVE_SESSION),
        },
    )

    class Meta:
        verbose_name = "reactie"
        verbose_name_plural = "reacties"
        indexes = [
            # Serves selectors.board and selectors.pending_comments: one statement's comments in a session.
            models.Index(fields=["session", "statement", "created_at"], name="dialogue_comment_stmt_idx"),
        ]
        constraints = [
            # One comment per participant and statement: writing again replaces it (and needs approval again).
            models.UniqueConstraint(
                fields=["participant", "statement"], name="dialogue_comment_unique_participant_statement"
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("text"), COMMENT_MAX_LENGTH), name="dialogue_comment_text_length"
            ),
        ]

    def __str__(self) -> str:
        return self.text


# The evening programme (dialogue cards, support poll, report) lives in its own module.
from .evening.models import Card, Evening, EveningBlock, EveningTable, Rating  # noqa: E402, F401
