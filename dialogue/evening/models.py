"""A citizens' dialogue evening, built on a live session (its join code, participants and "langs de lijn").

An *Evening* is a programme of *Blocks* (information, langs de lijn, dialogue cards, support poll, closing) that
the host moves through; it owns one LiveSession, so phones join with the session's code and cookie. A *Table* is a
group with its own short code (and QR) for the card form. A *Card* is a structured dialogue card: problem,
oplossingsrichting, actor, toelichting, ander geluid, kanttekening. It carries no name; a phone's card keeps its
participant only so that one phone cannot flood the host. The host publishes cards to the poll, hides them, or
merges a duplicate into another. A *Rating* is one participant's agreement with one published card, or "sla over":
one row per participant and card, upserted. The host chooses per evening how the room answers (*PollScale*): five
answers, or a slider from 0 to 100. A slider rating keeps its exact position in `slider` and its band (1–5, see
SLIDER_BANDS) in `value`, so both scales share one distribution; "sla over" is value 0 with no slider position.
"""

import functools
import operator
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual

from core.privacy import PersonalData, Retention, not_personal, personal
from dialogue.models import LiveSession, Participant, new_public_id

TABLE_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
TABLE_CODE_LENGTH = 4
TEXT_MAX = 600  # problem, toelichting, ander geluid, kanttekening
DIRECTION_MAX = 300  # the oplossingsrichting: one or two sentences
INFO_MAX = 2000
SCALE = (1, 2, 3, 4, 5)  # helemaal mee oneens .. helemaal mee eens
SKIP = 0  # "sla over"
SLIDER_MAX = 100  # the slider runs from 0 (helemaal mee oneens) to 100 (helemaal mee eens)
# The slider's five bands, symmetric around 50: (band, lowest, highest position).
SLIDER_BANDS = ((1, 0, 19), (2, 20, 39), (3, 40, 60), (4, 61, 80), (5, 81, 100))


def slider_band(position: int) -> int:
    """The point of the 5-point scale a slider position counts as (0–19 → 1 … 81–100 → 5)."""
    return next(band for band, low, high in SLIDER_BANDS if low <= position <= high)


def new_table_code() -> str:
    return "".join(secrets.choice(TABLE_CODE_ALPHABET) for _ in range(TABLE_CODE_LENGTH))


class BlockKind(models.TextChoices):
    INFO = "info", "Informatie"
    LINE = "lijn", "Langs de lijn"
    CARDS = "kaarten", "Dialoogkaarten"
    POLL = "peiling", "Steunpeiling"
    CLOSING = "afsluiting", "Afsluiting"


class Actor(models.TextChoices):
    GOVERNMENT = "overheid", "Overheid"
    COMPANIES = "bedrijven", "(Sociale media) bedrijven"
    MEDIA = "media", "Media"
    CITIZENS = "burgers", "Burgers"


class CardStatus(models.TextChoices):
    NEW = "nieuw", "Nieuw"
    PUBLISHED = "gepubliceerd", "In de peiling"
    HIDDEN = "verborgen", "Niet in de peiling"
    MERGED = "samengevoegd", "Samengevoegd"


class PollScale(models.TextChoices):
    FIVE = "vijf", "Vijf antwoorden, van helemaal mee oneens tot helemaal mee eens"
    SLIDER = "schuif", "Een schuif van 0 (helemaal mee oneens) tot 100 (helemaal mee eens)"


class CardSource(models.TextChoices):
    PHONE = "telefoon", "Telefoon of laptop"
    PAPER = "papier", "Papieren kaart"
    TEMPLATE = "landelijk", "Landelijke burgerdialoog"


class Evening(models.Model):
    public_id = models.SlugField("code in adres", max_length=40, unique=True, default=new_public_id, editable=False)
    host = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="evenings", verbose_name="gespreksleider"
    )
    session = models.OneToOneField(LiveSession, on_delete=models.CASCADE, related_name="evening")
    title = models.CharField("titel", max_length=120)
    place = models.CharField("plaats", max_length=120, blank=True)
    current_block = models.ForeignKey(
        "EveningBlock", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="nu"
    )
    poll_revealed = models.BooleanField("uitslag zichtbaar", default=False)
    poll_scale = models.CharField(
        "antwoorden in de peiling", max_length=6, choices=PollScale.choices, default=PollScale.FIVE
    )
    created_at = models.DateTimeField("gemaakt", auto_now_add=True)

    personal_data = PersonalData(
        about="docent of gespreksleider",
        fields={
            "public_id": not_personal("willekeurige code in het adres"),
            "host": personal("Wie de avond leidt: alleen die persoon ziet en bestuurt hem.", Retention.LIVE_SESSION),
            "session": not_personal("koppeling aan de live sessie"),
            "title": not_personal("titel van de avond"),
            "place": not_personal("plaats van de avond (een bibliotheek, school of buurthuis)"),
            "current_block": not_personal("welk onderdeel nu op het scherm staat"),
            "poll_revealed": not_personal("instelling: uitslag zichtbaar"),
            "poll_scale": not_personal("instelling: vijf antwoorden of een schuif in de peiling"),
            "created_at": personal(
                "Wanneer de avond werd gemaakt: de datum staat in het verslag.", Retention.LIVE_SESSION
            ),
        },
    )

    class Meta:
        verbose_name = "dialoogavond"
        verbose_name_plural = "dialoogavonden"
        indexes = [
            # Serves selectors.evenings_for_host: one host's evenings, newest first.
            models.Index(fields=["host", "-created_at"], name="dialogue_evening_host_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(poll_scale__in=PollScale.values), name="dialogue_evening_scale_valid"),
        ]

    def __str__(self) -> str:
        return self.title


class EveningBlock(models.Model):
    evening = models.ForeignKey(Evening, on_delete=models.CASCADE, related_name="blocks")
    kind = models.CharField("soort", max_length=12, choices=BlockKind.choices)
    title = models.CharField("titel", max_length=120)
    body = models.TextField("tekst op het scherm", blank=True)
    sort_order = models.PositiveSmallIntegerField("volgorde")

    personal_data = PersonalData(
        about="docent of gespreksleider",
        fields={
            "evening": not_personal("koppeling aan de avond"),
            "kind": not_personal("soort onderdeel"),
            "title": not_personal("titel van het onderdeel, door de gespreksleider geschreven"),
            "body": not_personal("tekst op het scherm, door de gespreksleider geschreven"),
            "sort_order": not_personal("volgorde"),
        },
    )

    class Meta:
        verbose_name = "onderdeel"
        verbose_name_plural = "onderdelen"
        constraints = [
            # Its index serves the programme in order (evening, sort_order).
            models.UniqueConstraint(fields=["evening", "sort_order"], name="dialogue_eveningblock_unique_order"),
            models.CheckConstraint(condition=Q(kind__in=BlockKind.values), name="dialogue_eveningblock_kind_valid"),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("body"), INFO_MAX), name="dialogue_eveningblock_body_length"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class EveningTable(models.Model):
    evening = models.ForeignKey(Evening, on_delete=models.CASCADE, related_name="tables")
    code = models.CharField("tafelcode", max_length=TABLE_CODE_LENGTH, default=new_table_code)
    number = models.PositiveSmallIntegerField("tafelnummer")

    personal_data = PersonalData(
        about="docent of gespreksleider",
        fields={
            "evening": not_personal("koppeling aan de avond"),
            "code": not_personal("willekeurige tafelcode"),
            "number": not_personal("tafelnummer"),
        },
    )

    class Meta:
        verbose_name = "tafel"
        verbose_name_plural = "tafels"
        constraints = [
            # Its index serves the lookup of a table by code from a phone (evening, code).
            models.UniqueConstraint(fields=["evening", "code"], name="dialogue_eveningtable_unique_code"),
            models.UniqueConstraint(fields=["evening", "number"], name="dialogue_eveningtable_unique_number"),
        ]

    def __str__(self) -> str:
        return f"Tafel {self.number}"


class Card(models.Model):
    evening = models.ForeignKey(Evening, on_delete=models.CASCADE, related_name="cards")
    table = models.ForeignKey(EveningTable, on_delete=models.SET_NULL, null=True, blank=True, related_name="cards")
    # Only to limit how often one phone writes; never shown, never in a report. Null for paper and template cards.
    participant = models.ForeignKey(Participant, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    source = models.CharField("bron", max_length=12, choices=CardSource.choices, default=CardSource.PHONE)
    status = models.CharField("status", max_length=14, choices=CardStatus.choices, default=CardStatus.NEW)
    merged_into = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="merged", verbose_name="samengevoegd met"
    )
    actor = models.CharField("gericht aan", max_length=12, choices=Actor.choices)
    problem = models.TextField("het probleem", blank=True)
    direction = models.TextField("oplossingsrichting")
    explanation = models.TextField("toelichting", blank=True)
    other_voice = models.TextField("ander geluid", blank=True)
    caveat = models.TextField("kanttekening", blank=True)
    created_at = models.DateTimeField("geschreven", auto_now_add=True)

    personal_data = PersonalData(
        about="deelnemer aan een dialoogavond (zonder naam)",
        fields={
            "evening": not_personal("koppeling aan de avond"),
            "table": not_personal("aan welke tafel de kaart is geschreven"),
            "participant": personal(
                "Van welke (naamloze) telefoon de kaart kwam; nooit getoond of in een verslag.", Retention.LIVE_SESSION
            ),
            "source": not_personal("telefoon, papier of landelijk"),
            "status": not_personal("nieuw, in de peiling, verborgen of samengevoegd"),
            "merged_into": not_personal("met welke kaart deze is samengevoegd"),
            "actor": not_personal("aan wie de oplossingsrichting gericht is"),
            "problem": personal("Wat de tafel schreef; zonder namen (gecontroleerd).", Retention.LIVE_SESSION),
            "direction": personal("Wat de tafel schreef; zonder namen (gecontroleerd).", Retention.LIVE_SESSION),
            "explanation": personal("Wat de tafel schreef; zonder namen (gecontroleerd).", Retention.LIVE_SESSION),
            "other_voice": personal("Wat de tafel schreef; zonder namen (gecontroleerd).", Retention.LIVE_SESSION),
            "caveat": personal("Wat de tafel schreef; zonder namen (gecontroleerd).", Retention.LIVE_SESSION),
            "created_at": personal("Wanneer de kaart werd geschreven.", Retention.LIVE_SESSION),
        },
    )

    class Meta:
        verbose_name = "dialoogkaart"
        verbose_name_plural = "dialoogkaarten"
        indexes = [
            # Serves selectors.cards_for (host review, poll, report): one evening's cards by status, in order.
            models.Index(fields=["evening", "status", "created_at"], name="dialogue_card_evening_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(actor__in=Actor.values), name="dialogue_card_actor_valid"),
            models.CheckConstraint(condition=Q(status__in=CardStatus.values), name="dialogue_card_status_valid"),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("direction"), DIRECTION_MAX), name="dialogue_card_direction_length"
            ),
            *[
                models.CheckConstraint(
                    condition=LessThanOrEqual(Length(name), TEXT_MAX), name=f"dialogue_card_{name}_length"
                )
                for name in ("problem", "explanation", "other_voice", "caveat")
            ],
        ]

    def __str__(self) -> str:
        return self.direction


class Rating(models.Model):
    card = models.ForeignKey(Card, on_delete=models.CASCADE, related_name="ratings")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    value = models.PositiveSmallIntegerField("oordeel (0 = sla over, 1–5)")
    slider = models.PositiveSmallIntegerField("plek op de schuif (0–100)", null=True, blank=True)
    updated_at = models.DateTimeField("bijgewerkt", auto_now=True)

    personal_data = PersonalData(
        about="deelnemer aan een dialoogavond (zonder naam)",
        fields={
            "card": not_personal("welke oplossingsrichting"),
            "participant": personal(
                "Van welke (naamloze) telefoon het oordeel is, zodat een nieuw oordeel het oude vervangt.",
                Retention.LIVE_SESSION,
            ),
            "value": personal("Hoeveel de deelnemer het eens is: voor de verdeling.", Retention.LIVE_SESSION),
            "slider": personal(
                "Waar de deelnemer de schuif zette (als de peiling een schuif heeft): voor de verdeling en het "
                "gemiddelde.",
                Retention.LIVE_SESSION,
            ),
            "updated_at": personal("Wanneer de deelnemer het laatst koos.", Retention.LIVE_SESSION),
        },
    )

    class Meta:
        verbose_name = "oordeel"
        verbose_name_plural = "oordelen"
        constraints = [
            # One rating per participant and card, whatever the clicks: its index also serves a phone's own ratings.
            models.UniqueConstraint(fields=["participant", "card"], name="dialogue_rating_unique_participant_card"),
            models.CheckConstraint(condition=Q(value__lte=len(SCALE)), name="dialogue_rating_value_range"),
            # A slider position lies on the slider and counts in its own band (so never as "sla over").
            models.CheckConstraint(
                condition=Q(slider__isnull=True)
                | functools.reduce(
                    operator.or_,
                    (Q(slider__gte=low, slider__lte=high, value=band) for band, low, high in SLIDER_BANDS),
                ),
                name="dialogue_rating_slider_band",
            ),
        ]
        indexes = [
            # Serves selectors.poll_results: the counts per card and value.
            models.Index(fields=["card", "value"], name="dialogue_rating_card_idx"),
        ]

    def __str__(self) -> str:
        return str(self.value)
