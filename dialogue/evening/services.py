"""Writes for dialogue evenings. Every change the host makes bumps the live session's state version, so the
projector and the phones (which poll under that version) show the new block at once. Writes from phones are refused
with a Dutch message, and store nothing, unless the block they belong to is the one open now.

The host edits the programme at any time; once people have joined, the block on the screen and the blocks before it
stay where they are (selectors.fixed_block_ids). A change of order swaps two rows inside one transaction that holds
the evening's row, through a free sort_order, so the unique (evening, sort_order) holds after every statement."""

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
    SLIDER_MAX,
    TEXT_MAX,
    Actor,
    BlockKind,
    Card,
    CardSource,
    CardStatus,
    Evening,
    EveningBlock,
    EveningTable,
    PollScale,
    Rating,
    slider_band,
)
from .selectors import evening_started, fixed_block_ids

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
FIVE_ONLY = "Kies bij elke oplossingsrichting een van de vijf antwoorden, of 'sla over'."
SLIDER_ONLY = f"Zet de schuif op een getal van 0 tot en met {SLIDER_MAX}, of kies 'sla over'."
SCALE_CHANGED = "De gespreksleider heeft de manier van antwoorden veranderd. Kijk opnieuw en kies nog eens."
SCALE_FIXED = "Er zijn al antwoorden gegeven. De manier van antwoorden blijft nu zoals hij is."
BLOCK_MISSING = "Dit onderdeel staat niet in het programma."
BLOCK_ON_SCREEN = "Dit onderdeel staat nu op het scherm. Het blijft op zijn plek zolang het open is."
BLOCK_DONE = "Dit onderdeel is al geweest. Het blijft op zijn plek, zodat het programma in het verslag klopt."
BLOCK_BEFORE_SCREEN = "Een onderdeel kan niet vóór het onderdeel komen dat nu op het scherm staat of al geweest is."
BLOCK_AT_END = "Dit onderdeel kan niet verder die kant op."
BLOCK_LAST = "Een avond heeft minstens één onderdeel. Voeg eerst een ander onderdeel toe."
PROGRAMME_CHANGED = "Het programma is intussen veranderd. Kijk opnieuw en probeer het nog eens."
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
def evening_start(
    *,
    host,
    statement_set: StatementSet,
    title: str,
    place: str = "",
    national: bool = False,
    poll_scale: str = PollScale.FIVE,
) -> Evening:
    """A new evening on a new live session; the national template adds its programme and its proposals (already in
    the poll, marked as coming from the national dialogue)."""
    if poll_scale not in PollScale.values:
        raise NotAllowed("Kies vijf antwoorden of een schuif.")
    session = live_services.session_start(host=host, statement_set=statement_set)
    template = national_template() if national else None
    evening = Evening.objects.create(
        host=host,
        session=session,
        title=(title or (template or {}).get("title", ""))[:120],
        place=place[:120],
        poll_scale=poll_scale,
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
    title, body = _block_text(title, body)
    last = evening.blocks.aggregate(m=Max("sort_order"))["m"]
    block = EveningBlock.objects.create(
        evening=evening, kind=kind, title=title, body=body, sort_order=0 if last is None else last + 1
    )
    _bump(evening)
    return block


def block_edit(*, evening: Evening, block_id: int | None, title: str, body: str) -> EveningBlock:
    """A block's title and text, at any time: fixing a typo on the screen is the edit an evening needs most. The
    projector and the phones show the new text at once; its kind and place stay."""
    title, body = _block_text(title, body)
    block = EveningBlock.objects.filter(evening=evening, pk=block_id).first()
    if block is None:
        raise NotAllowed(BLOCK_MISSING)
    block.title, block.body = title, body
    block.save(update_fields=["title", "body"])
    _bump(evening)
    return block


def _block_text(title: str, body: str) -> tuple[str, str]:
    title, body = " ".join(title.split()), body.strip()
    if not title:
        raise NotAllowed("Geef het onderdeel een titel.")
    if len(title) > 120:
        raise NotAllowed("De titel is te lang. Gebruik maximaal 120 tekens.")
    if len(body) > INFO_MAX:
        raise NotAllowed(f"De tekst is te lang. Gebruik maximaal {INFO_MAX} tekens.")
    return title, body


def _programme_locked(evening: Evening) -> tuple[Evening, list[EveningBlock], set[int]]:
    """Inside a transaction: the evening's row locked (PostgreSQL; SQLite's IMMEDIATE transactions queue every
    writer anyway), so two changes of one programme run one after the other and each sees the other's result; then
    the programme in order and which blocks stay where they are."""
    locked = Evening.objects.select_for_update().select_related("session").get(pk=evening.pk)
    blocks = list(EveningBlock.objects.filter(evening=locked).order_by("sort_order"))
    started = evening_started(evening=locked)
    return locked, blocks, fixed_block_ids(blocks=blocks, current_id=locked.current_block_id, started=started)


def _refuse_fixed(block: EveningBlock, current_id: int | None, fixed: set[int]) -> None:
    if block.pk in fixed:
        raise NotAllowed(BLOCK_ON_SCREEN if block.pk == current_id else BLOCK_DONE)


@transaction.atomic
def block_move(*, evening: Evening, block_id: int | None, up: bool, seen_order: int | None = None) -> None:
    """One place up or down. `seen_order` is the block's place on the page the host clicked: when it moved since
    (a double click, a second tab), nothing happens again and the host is told."""
    locked, blocks, fixed = _programme_locked(evening)
    index = next((n for n, b in enumerate(blocks) if b.pk == block_id), None)
    if index is None:
        raise NotAllowed(BLOCK_MISSING)
    block = blocks[index]
    if seen_order is not None and block.sort_order != seen_order:
        raise NotAllowed(PROGRAMME_CHANGED)
    _refuse_fixed(block, locked.current_block_id, fixed)
    other_index = index - 1 if up else index + 1
    if not 0 <= other_index < len(blocks):
        raise NotAllowed(BLOCK_AT_END)
    other = blocks[other_index]
    if other.pk in fixed:
        raise NotAllowed(BLOCK_BEFORE_SCREEN)
    # Through a free place: after every statement each (evening, sort_order) is still unique.
    free = blocks[-1].sort_order + 1
    EveningBlock.objects.filter(pk=block.pk).update(sort_order=free)
    EveningBlock.objects.filter(pk=other.pk).update(sort_order=block.sort_order)
    EveningBlock.objects.filter(pk=block.pk).update(sort_order=other.sort_order)
    if locked.current_block_id == blocks[0].pk and 0 in (index, other_index):
        # Before anyone joined, the screen keeps showing the start of the programme.
        _screen_to(locked, other if index == 0 else block)
    _bump(locked)


@transaction.atomic
def block_remove(*, evening: Evening, block_id: int | None) -> None:
    """Take a block out of the programme; never the last one, and once people have joined never the block on the
    screen or one that has been."""
    locked, blocks, fixed = _programme_locked(evening)
    block = next((b for b in blocks if b.pk == block_id), None)
    if block is None:
        raise NotAllowed(BLOCK_MISSING)
    if len(blocks) == 1:
        raise NotAllowed(BLOCK_LAST)
    _refuse_fixed(block, locked.current_block_id, fixed)
    remaining = [b for b in blocks if b.pk != block_id]
    block.delete()
    if locked.current_block_id == block_id:  # only before anyone joined: the screen shows the new first block
        _screen_to(locked, remaining[0])
    _bump(locked)


def _screen_to(evening: Evening, block: EveningBlock) -> None:
    evening.current_block = block
    evening.save(update_fields=["current_block"])


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


@transaction.atomic
def poll_scale_set(*, evening: Evening, scale: str) -> None:
    """Five answers or the slider; only while nobody has answered, so one evening's ratings share one scale."""
    if scale not in PollScale.values:
        raise NotAllowed("Kies vijf antwoorden of een schuif.")
    locked = Evening.objects.select_for_update().select_related("session").get(pk=evening.pk)
    if scale == locked.poll_scale:
        return
    if Rating.objects.filter(card__evening=locked).exists():
        raise NotAllowed(SCALE_FIXED)
    locked.poll_scale = scale
    locked.save(update_fields=["poll_scale"])
    evening.poll_scale = scale
    _bump(locked)


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


class InvalidRating(NotAllowed):
    """A value that no answer on the form can send: refused as bad input (400), nothing stored."""


def _rating(*, card_id: int, participant: Participant, value: int | None, slider: bool) -> Rating:
    """One row to upsert. None is "sla over" on both scales; on the five answers 0 is too (the radio button)."""
    if value is None or (value == SKIP and not slider):
        return Rating(card_id=card_id, participant=participant, value=SKIP, slider=None)
    if not slider:
        if value not in SCALE:
            raise InvalidRating(FIVE_ONLY)
        return Rating(card_id=card_id, participant=participant, value=value, slider=None)
    if not 0 <= value <= SLIDER_MAX:
        raise InvalidRating(SLIDER_ONLY)
    return Rating(card_id=card_id, participant=participant, value=slider_band(value), slider=value)


def ratings_set(
    *, evening: Evening, participant: Participant, ratings: dict[int, int | None], scale: str = PollScale.FIVE
) -> int:
    """Upsert one rating per published card: one row per participant and card, however often sent. `scale` is the
    scale of the form that was sent: five answers (1–5, 0 or None = sla over) or the slider (0–100, None = sla
    over). Refused (nothing stored) unless the support poll is open and the form's scale is the evening's; a value
    off the scale (InvalidRating) and a card not in the poll are refused too."""
    refusal = live_selectors.session_refusal(evening.session)
    if refusal:
        raise NotAllowed(refusal)
    if evening.current_block is None or evening.current_block.kind != BlockKind.POLL:
        raise NotAllowed(POLL_CLOSED)
    if scale != evening.poll_scale:
        raise NotAllowed(SCALE_CHANGED)
    slider = evening.poll_scale == PollScale.SLIDER
    rows = [
        _rating(card_id=card_id, participant=participant, value=value, slider=slider)
        for card_id, value in ratings.items()
    ]
    published = set(
        Card.objects.filter(evening=evening, status=CardStatus.PUBLISHED, pk__in=list(ratings)).values_list(
            "pk", flat=True
        )
    )
    if set(ratings) - published:
        raise NotAllowed("Deze oplossingsrichting staat niet in de peiling.")
    Rating.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["participant", "card"],
        update_fields=["value", "slider", "updated_at"],
    )
    activity_mark(session=evening.session)  # cheap: the hidden results change no phone's page
    return len(rows)
