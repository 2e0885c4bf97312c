"""Reads for dialogue evenings: the programme, the cards to review, the poll's results and the report. Each takes a
fixed number of queries, whatever the number of cards, ratings or participants. A report holds no token, join code,
table code or address: only texts, counts and the evening's title, place and date."""

from dataclasses import dataclass, field

from django.db.models import Count, F, Sum

from core.security_log import HiddenFromUser
from dialogue import selectors as live_selectors
from dialogue.models import URL_SAFE_ID, LiveSession, Participant

from .models import (
    SCALE,
    SKIP,
    SLIDER_BANDS,
    Actor,
    Card,
    CardStatus,
    Evening,
    EveningBlock,
    EveningTable,
    Rating,
)

SCALE_LABELS = {
    1: "Helemaal mee oneens",
    2: "Mee oneens",
    3: "Neutraal",
    4: "Mee eens",
    5: "Helemaal mee eens",
}
SORTS = {"steun": "meeste steun eerst", "verdeeld": "meest verdeeld eerst"}
POINTS = {v: (v - 1) * 25 for v in SCALE}  # a point of the 5-point scale on the slider's 0–100


def legend(*, slider: bool) -> list[tuple[int, str]]:
    """The five colours with their labels; with the slider, each band's positions too ("Mee eens (61–80)")."""
    if not slider:
        return list(SCALE_LABELS.items())
    return [(band, f"{SCALE_LABELS[band]} ({low}–{high})") for band, low, high in SLIDER_BANDS]


def evening_get_for_host(*, user, public_id: str) -> Evening:
    """The evening behind a host's URL, or 404 for anyone but its owner (as dialogue.access.session_get_for_host)."""
    evening = (
        Evening.objects.select_related("session__statement_set", "session__current_statement", "current_block")
        .filter(public_id=public_id, host=user)
        .first()
    )
    if evening is None:
        raise HiddenFromUser("Deze avond bestaat niet.")
    return evening


def evening_for_session(*, session: LiveSession) -> Evening | None:
    return Evening.objects.select_related("current_block").filter(session=session).first()


def evenings_for_host(*, host) -> list[Evening]:
    return list(Evening.objects.filter(host=host).select_related("session").order_by("-created_at")[:50])


def programme(*, evening: Evening) -> list[EveningBlock]:
    return list(evening.blocks.order_by("sort_order"))


def evening_started(*, evening: Evening) -> bool:
    """Someone has joined: from then on the programme's past and present stay where they are."""
    return Participant.objects.filter(session_id=evening.session_id).exists()


def fixed_block_ids(*, blocks: list[EveningBlock], current_id: int | None, started: bool) -> set[int]:
    """The blocks the host can no longer move or remove: once people have joined, the block on the screen and every
    block before it (the room has seen them, "Vorige" goes back to them, the report lists them). Before that, and
    for blocks still to come, everything can change. `blocks` in programme order."""
    ids = [b.pk for b in blocks]
    if not started or current_id not in ids:
        return set()
    return set(ids[: ids.index(current_id) + 1])


@dataclass(frozen=True)
class ProgrammeItem:
    """One block on the host's page, with what the host may still do with it."""

    block: EveningBlock
    state: str  # "nu", "geweest" or "" (still to come)
    can_move_up: bool
    can_move_down: bool
    can_remove: bool


def programme_for_host(*, evening: Evening) -> list[ProgrammeItem]:
    """The programme with its controls, in two queries whatever its length."""
    blocks = programme(evening=evening)
    started = evening_started(evening=evening)
    fixed = fixed_block_ids(blocks=blocks, current_id=evening.current_block_id, started=started)
    items = []
    for n, block in enumerate(blocks):
        free = block.pk not in fixed
        state = "nu" if block.pk == evening.current_block_id else ("geweest" if block.pk in fixed else "")
        items.append(
            ProgrammeItem(
                block=block,
                state=state,
                can_move_up=free and n > 0 and blocks[n - 1].pk not in fixed,
                can_move_down=free and n < len(blocks) - 1,
                can_remove=free and len(blocks) > 1,
            )
        )
    return items


def tables(*, evening: Evening) -> list[EveningTable]:
    return list(evening.tables.order_by("number"))


def table_get(*, evening: Evening, code: str) -> EveningTable | None:
    code = code.strip().upper()
    if not (code.isascii() and code.isalnum()):
        return None
    return EveningTable.objects.filter(evening=evening, code=code).first()


def cards_for_review(*, evening: Evening) -> list[Card]:
    return list(Card.objects.filter(evening=evening).select_related("table").order_by("status", "created_at"))


def published_cards(*, evening: Evening) -> list[Card]:
    return list(Card.objects.filter(evening=evening, status=CardStatus.PUBLISHED).order_by("actor", "pk"))


def own_ratings(*, evening: Evening, participant: Participant) -> dict[int, tuple[int, int | None]]:
    """card id → (value, slider position) of this phone's ratings."""
    rows = Rating.objects.filter(participant=participant, card__evening=evening).values_list(
        "card_id", "value", "slider"
    )
    return {card_id: (value, slider) for card_id, value, slider in rows}


@dataclass
class Support:
    """One proposal's ratings: counts per point of the scale (1..5; a slider position counts in its band) and how
    many skipped. `points` and `squares` add up every rating on the slider's 0–100 (a point of the five answers at
    POINTS), for the mean and the spread; `sliders` says how many ratings came from a slider."""

    card: Card
    counts: dict[int, int] = field(default_factory=lambda: dict.fromkeys(SCALE, 0))
    skipped: int = 0
    points: int = 0
    squares: int = 0
    sliders: int = 0

    def add(self, value: int, n: int, *, slider_n: int = 0, slider_sum: int = 0, slider_squares: int = 0) -> None:
        """n ratings of this value (or band), slider_n of them slider positions with this sum and sum of squares."""
        if value == SKIP:
            self.skipped += n
            return
        self.counts[value] += n
        self.points += slider_sum + (n - slider_n) * POINTS[value]
        self.squares += slider_squares + (n - slider_n) * POINTS[value] ** 2
        self.sliders += slider_n

    def merge(self, other: "Support") -> None:
        for value in SCALE:
            self.counts[value] += other.counts[value]
        self.skipped += other.skipped
        self.points += other.points
        self.squares += other.squares
        self.sliders += other.sliders

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def percent(self, value: int) -> int:
        return round(100 * self.counts[value] / self.total) if self.total else 0

    @property
    def bars(self) -> list[tuple[int, str, int, int]]:
        """(value, label, count, percent) per point of the scale, for the projector and the report."""
        return [(v, SCALE_LABELS[v], self.counts[v], self.percent(v)) for v in SCALE]

    @property
    def support(self) -> int:
        """Percent (mee) eens of those who rated."""
        return round(100 * (self.counts[4] + self.counts[5]) / self.total) if self.total else 0

    @property
    def against(self) -> int:
        return round(100 * (self.counts[1] + self.counts[2]) / self.total) if self.total else 0

    @property
    def mean(self) -> int | None:
        """The average position on the slider's 0–100, shown where the room answered with a slider."""
        return round(self.points / self.total) if self.total and self.sliders else None

    @property
    def division(self) -> float:
        """How divided the room is: the spread (standard deviation) of the ratings in points of the 5-point scale,
        0 (all alike) to 2; a slider's exact positions count (25 positions make one point)."""
        if not self.total:
            return 0.0
        variance_times_total_squared = self.total * self.squares - self.points**2  # exact in integers
        return max(variance_times_total_squared, 0) ** 0.5 / self.total / 25


def poll_results(*, evening: Evening, sort: str = "steun") -> list[Support]:
    """Every published proposal with its distribution, in two queries; sorted by support or by division."""
    results = {card.pk: Support(card) for card in published_cards(evening=evening)}
    rows = (
        Rating.objects.filter(card_id__in=list(results))
        .values_list("card_id", "value")
        .annotate(n=Count("id"), slider_n=Count("slider"), total=Sum("slider"), squares=Sum(F("slider") * F("slider")))
    )
    for card_id, value, n, slider_n, total, squares in rows.order_by():
        results[card_id].add(value, n, slider_n=slider_n, slider_sum=total or 0, slider_squares=squares or 0)
    ordered = list(results.values())
    if sort == "verdeeld":
        ordered.sort(key=lambda s: (-s.division, -s.total))
    else:
        ordered.sort(key=lambda s: (-s.support, s.against))
    return ordered


@dataclass
class ActorSection:
    actor: str
    label: str
    proposals: list[Support]


@dataclass
class Report:
    title: str
    place: str
    dates: list
    evenings: int
    participants: int
    tables: int
    blocks: list[EveningBlock]
    statements: list  # dialogue.selectors.StatementSummary
    actors: list[ActorSection]
    merged_cards: int

    @property
    def slider(self) -> bool:
        """Some of the ratings came from a slider (a merged report may hold both scales)."""
        return any(s.sliders for section in self.actors for s in section.proposals)

    @property
    def legend(self) -> list[tuple[int, str]]:
        return legend(slider=self.slider)


def by_actor(results: list[Support]) -> list[ActorSection]:
    sections = {actor: ActorSection(actor, label, []) for actor, label in Actor.choices}
    for support in results:
        sections[support.card.actor].proposals.append(support)
    return [section for section in sections.values() if section.proposals]


def report(*, evening: Evening) -> Report:
    """The evening in the national report's shape, in a fixed number of queries."""
    results = poll_results(evening=evening)
    session = evening.session
    return Report(
        title=evening.title,
        place=evening.place,
        dates=[evening.created_at],
        evenings=1,
        participants=Participant.objects.filter(session=session).count(),
        tables=EveningTable.objects.filter(evening=evening, cards__isnull=False).distinct().count(),
        blocks=programme(evening=evening),
        statements=live_selectors.summary(session=session),
        actors=by_actor(results),
        merged_cards=Card.objects.filter(evening=evening, status=CardStatus.MERGED).count(),
    )


MERGE_LIMIT = 20  # evenings in one merged report


def _merge_statements(reports: list[Report]) -> list:
    """The same statement (same cms statement) across evenings: counts added up, the shift worked out anew."""
    merged: dict[int, object] = {}
    for item in (row for r in reports for row in r.statements):
        known = merged.get(item.statement.pk)
        if known is None:
            merged[item.statement.pk] = live_selectors.StatementSummary(
                len(merged) + 1,
                item.statement,
                live_selectors.Distribution(list(item.first.counts)),
                live_selectors.Distribution(list(item.second.counts)),
                item.moved,
                "",
                list(item.comments),
            )
            continue
        known.first.counts = [a + b for a, b in zip(known.first.counts, item.first.counts, strict=True)]
        known.second.counts = [a + b for a, b in zip(known.second.counts, item.second.counts, strict=True)]
        known.moved += item.moved
        known.comments.extend(item.comments)
    for row in merged.values():
        row.shift = live_selectors.shift_text(first=row.first, second=row.second, statement=row.statement)
    return list(merged.values())


def _merge_proposals(reports: list[Report]) -> list[Support]:
    """A proposal with the same text and actor in several evenings (such as the national ones) counts once, with
    its ratings added up; every other proposal stays as it is."""
    merged: dict[tuple[str, str], Support] = {}
    for support in (s for r in reports for section in r.actors for s in section.proposals):
        key = (support.card.actor, " ".join(support.card.direction.lower().split()))
        merged.setdefault(key, Support(support.card)).merge(support)
    return sorted(merged.values(), key=lambda s: (-s.support, s.against))


def report_merged(*, evenings: list[Evening], title: str) -> Report:
    """Several evenings (of one host) as one report: a city's week of dialogue evenings."""
    reports = [report(evening=e) for e in evenings[:MERGE_LIMIT]]
    return Report(
        title=title,
        place=", ".join(dict.fromkeys(r.place for r in reports if r.place)),
        dates=sorted(d for r in reports for d in r.dates),
        evenings=len(reports),
        participants=sum(r.participants for r in reports),
        tables=sum(r.tables for r in reports),
        blocks=reports[0].blocks if reports else [],
        statements=_merge_statements(reports),
        actors=by_actor(_merge_proposals(reports)),
        merged_cards=sum(r.merged_cards for r in reports),
    )


def evenings_by_ids(*, host, public_ids: list[str]) -> list[Evening]:
    """The host's own evenings among these codes (others' are left out silently: they are not there). A code is
    URL-safe base64; anything else (a NUL, which PostgreSQL refuses) is no evening."""
    wanted = [p for p in public_ids[:MERGE_LIMIT] if URL_SAFE_ID.fullmatch(p)]
    return list(
        Evening.objects.filter(host=host, public_id__in=wanted)
        .select_related("session__statement_set", "current_block")
        .order_by("created_at")
    )
