"""Writes for dialogue evenings. Every change the host makes bumps the live session's state version, so the
projector and the phones (which poll under that version) show the new block at once. Writes from phones are refused
with a Dutch message, and store nothing, unless the block they belong to is the one open now."""

from functools import cache
from pathlib import Path

import yaml
from django.db import transaction
from django.db.models import Max

from cms.models import StatementSet
from core.personal_text import personal_data_found
from dialogue import selectors as live_selectors
from dialogue import services as live_services
from dialogue.models import Participant
from dialogue.state import activity_mark, version_bump

from .models import (
    DIRECTION_MAX,
    INFO_MAX,
    SCALE,
    SKIP,
    TEXT_MAX,
    Actor,
    BlockKind,
    Card,
    CardSource,
    CardStatus,
    Evening,
    EveningBlock,
    EveningTable,
    Rating,
)

NotAllowed = live_services.NotAllowed
NATIONAL = Path(__file__).with_name("national.yaml")
CARD_FIELDS = {  # form field → (label for messages, max length, required)
    "problem": ("Het probleem", TEXT_MAX, False),
    "direction": ("De oplossingsrichting", DIRECTION_MAX, True),
    "explanation": ("De toelichting", TEXT_MAX, False),
    "other_voice": ("Het ander geluid", TEXT_MAX, False),
    "caveat": ("De kanttekening", TEXT_MAX, False),
}
CARDS_CLOSED = "Dialoogkaarten invullen kan nu niet. Wacht tot de gespreksleider dit onderdeel opent."
POLL_CLOSED = "De peiling is nu niet open. Wacht tot de gespreksleider de peiling start."
DEFAULT_BLOCKS = [
    (BlockKind.INFO, "Welkom", "Vanavond praten we samen over een onderwerp dat ons allemaal raakt."),
    (BlockKind.LINE, "Langs de lijn", "Kies je plek op de lijn en vertel waarom je daar staat."),
    (BlockKind.CARDS, "Dialoogkaarten", "Schrijf met je tafel een oplossingsrichting op."),
    (BlockKind.POLL, "Steunpeiling", "Geef bij elke oplossingsrichting aan hoeveel je het ermee eens bent."),
    (BlockKind.CLOSING, "Bedankt", "Bedankt voor het meedoen. Er komt een verslag zonder namen."),
]


@cache
def national_template() -> dict:
    """The national dialogue's programme and proposals (national.yaml), read once per process."""
    return yaml.safe_load(NATIONAL.read_text(encoding="utf-8"))


def _bump(evening: Evening) -> None:
    version_bump(session=evening.session)


# ---------------------------------------------------------------------------------------------------- host


@transaction.atomic
def evening_start(*, host, statement_set: StatementSet, title: str, place: str = "", national: bool = False) -> Evening:
    """A new evening on a new live session; the national template adds its programme and its proposals (already in
    the poll, marked as coming from the national dialogue)."""
    session = live_services.session_start(host=host, statement_set=statement_set)
    template = national_template() if national else None
    evening = Evening.objects.create(
        host=host, session=session, title=(title or (template or {}).get("title", ""))[:120], place=place[:120]
    )
    blocks = [(b["kind"], b["title"], b["body"]) for b in template["blocks"]] if template else DEFAULT_BLOCKS
    created = EveningBlock.objects.bulk_create(
        EveningBlock(evening=evening, kind=kind, title=title_, body=body, sort_order=n)
        for n, (kind, title_, body) in enumerate(blocks)
    )
    evening.current_block = created[0]
    evening.save(update_fields=["current_block"])
    if template:
        Card.objects.bulk_create(
            Card(evening=evening, source=CardSource.TEMPLATE, status=CardStatus.PUBLISHED, actor=actor, direction=text)
            for actor, texts in template["proposals"].items()
            for text in texts
        )
    EveningTable.objects.bulk_create(EveningTable(evening=evening, number=n) for n in (1, 2, 3, 4))
    return evening


def block_add(*, evening: Evening, kind: str, title: str, body: str) -> EveningBlock:
    if kind not in BlockKind.values:
        raise NotAllowed("Kies wat voor onderdeel het is.")
    title, body = " ".join(title.split())[:120], body.strip()
    if not title:
        raise NotAllowed("Geef het onderdeel een titel.")
    if len(body) > INFO_MAX:
        raise NotAllowed(f"De tekst is te lang. Gebruik maximaal {INFO_MAX} tekens.")
    last = evening.blocks.aggregate(m=Max("sort_order"))["m"]
    block = EveningBlock.objects.create(
        evening=evening, kind=kind, title=title, body=body, sort_order=0 if last is None else last + 1
    )
    _bump(evening)
    return block


def block_remove(*, evening: Evening, block_id: int) -> None:
    EveningBlock.objects.filter(evening=evening, pk=block_id).exclude(pk=evening.current_block_id).delete()
    _bump(evening)


def evening_move(*, evening: Evening, step: int = 0, block_id: int | None = None) -> Evening:
    """To the next (+1) or previous (-1) block, or straight to one block of this evening."""
    ids = list(evening.blocks.order_by("sort_order").values_list("pk", flat=True))
    if not ids:
        return evening
    if block_id in ids:
        target = block_id
    else:
        index = ids.index(evening.current_block_id) if evening.current_block_id in ids else 0
        target = ids[min(max(index + step, 0), len(ids) - 1)]
    evening.current_block_id = target
    evening.save(update_fields=["current_block"])
    _bump(evening)
    return evening


def poll_reveal(*, evening: Evening, revealed: bool) -> None:
    evening.poll_revealed = revealed
    evening.save(update_fields=["poll_revealed"])
    _bump(evening)


def table_add(*, evening: Evening) -> EveningTable:
    last = evening.tables.aggregate(m=Max("number"))["m"] or 0
    for _ in range(10):
        try:
            with transaction.atomic():
                return EveningTable.objects.create(evening=evening, number=last + 1)
        except Exception:  # noqa: BLE001 - a code drawn twice in one evening: draw again
            continue
    raise RuntimeError("no free table code after 10 draws")


def card_review(*, evening: Evening, card_id: int, status: str, merge_into: int | None = None) -> None:
    """Publish to the poll, hide, or merge a duplicate into another card of this evening (whose ratings count)."""
    card = Card.objects.filter(evening=evening, pk=card_id).first()
    if card is None:
        raise NotAllowed("Deze kaart bestaat niet.")
    if status == CardStatus.MERGED:
        target = Card.objects.filter(evening=evening, pk=merge_into).exclude(pk=card.pk).first()
        if target is None or target.status == CardStatus.MERGED:
            raise NotAllowed("Kies een andere kaart om deze mee samen te voegen.")
        card.merged_into = target
    elif status in (CardStatus.PUBLISHED, CardStatus.HIDDEN, CardStatus.NEW):
        card.merged_into = None
    else:
        raise NotAllowed("Kies wat er met de kaart gebeurt.")
    card.status = status
    card.save(update_fields=["status", "merged_into"])
    _bump(evening)


# ---------------------------------------------------------------------------------------------------- cards


def clean_card(data: dict) -> tuple[dict, dict]:
    """(clean values, errors per field): text trimmed, lengths and actor checked, personal data refused."""
    values, errors = {}, {}
    actor = data.get("actor", "")
    if actor not in Actor.values:
        errors["actor"] = "Kies aan wie de oplossingsrichting gericht is."
    values["actor"] = actor
    for name, (label, limit, required) in CARD_FIELDS.items():
        text = " ".join(str(data.get(name, "")).replace("\x00", "").split())
        if required and not text:
            errors[name] = f"{label} is leeg. Vul het in."
        elif len(text) > limit:
            errors[name] = f"{label} is te lang. Gebruik maximaal {limit} tekens."
        elif found := personal_data_found(text):
            errors[name] = found
        values[name] = text
    return values, errors


def card_write(*, evening: Evening, participant: Participant, table: EveningTable, data: dict) -> Card:
    """A phone's card for its table. Refused (nothing stored) unless the dialogue-cards block is open."""
    refusal = live_selectors.session_refusal(evening.session)
    if refusal:
        raise NotAllowed(refusal)
    if evening.current_block is None or evening.current_block.kind != BlockKind.CARDS:
        raise NotAllowed(CARDS_CLOSED)
    values, errors = clean_card(data)
    if errors:
        raise InvalidCard(errors)
    card = Card.objects.create(evening=evening, table=table, participant=participant, **values)
    activity_mark(session=evening.session)
    return card


def card_type_in(*, evening: Evening, table: EveningTable | None, data: dict) -> Card:
    """A paper card the host types in: any time, straight to review."""
    values, errors = clean_card(data)
    if errors:
        raise InvalidCard(errors)
    card = Card.objects.create(evening=evening, table=table, source=CardSource.PAPER, **values)
    _bump(evening)
    return card


class InvalidCard(NotAllowed):
    def __init__(self, errors: dict):
        super().__init__(next(iter(errors.values())))
        self.errors = errors


# ---------------------------------------------------------------------------------------------------- poll


def ratings_set(*, evening: Evening, participant: Participant, ratings: dict[int, int]) -> int:
    """Upsert one rating per published card (0 = sla over): one row per participant and card, however often sent.
    Refused (nothing stored) unless the support poll is open; ratings for other cards or values are refused too."""
    refusal = live_selectors.session_refusal(evening.session)
    if refusal:
        raise NotAllowed(refusal)
    if evening.current_block is None or evening.current_block.kind != BlockKind.POLL:
        raise NotAllowed(POLL_CLOSED)
    if any(value not in (SKIP, *SCALE) for value in ratings.values()):
        raise NotAllowed("Kies bij elke oplossingsrichting een van de vijf antwoorden, of 'sla over'.")
    published = set(
        Card.objects.filter(evening=evening, status=CardStatus.PUBLISHED, pk__in=list(ratings)).values_list(
            "pk", flat=True
        )
    )
    if set(ratings) - published:
        raise NotAllowed("Deze oplossingsrichting staat niet in de peiling.")
    Rating.objects.bulk_create(
        [Rating(card_id=card_id, participant=participant, value=value) for card_id, value in ratings.items()],
        update_conflicts=True,
        unique_fields=["participant", "card"],
        update_fields=["value", "updated_at"],
    )
    activity_mark(session=evening.session)  # cheap: the hidden results change no phone's page
    return len(ratings)
