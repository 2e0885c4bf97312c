"""Reads for dialogue evenings: the programme, the cards to review, the poll's results and the report. Each takes a
fixed number of queries, whatever the number of cards, ratings or participants. A report holds no token, join code,
table code or address: only texts, counts and the evening's title, place and date."""

from dataclasses import dataclass, field

from django.db.models import Count

from core.security_log import HiddenFromUser
from dialogue import selectors as live_selectors
from dialogue.models import URL_SAFE_ID, LiveSession, Participant

from .models import SCALE, SKIP, Actor, Card, CardStatus, Evening, EveningBlock, EveningTable, Rating

SCALE_LABELS = {
    1: "Helemaal mee oneens",
    2: "Mee oneens",
    3: "Neutraal",
    4: "Mee eens",
    5: "Helemaal mee eens",
}
SORTS = {"steun": "meeste steun eerst", "verdeeld": "meest verdeeld eerst"}


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


def own_ratings(*, evening: Evening, participant: Participant) -> dict[int, int]:
    return dict(Rating.objects.filter(participant=participant, card__evening=evening).values_list("card_id", "value"))


@dataclass
class Support:
    """One proposal's ratings: counts per point of the scale (1..5) and how many skipped."""

    card: Card
    counts: dict[int, int] = field(default_factory=lambda: dict.fromkeys(SCALE, 0))
    skipped: int = 0

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
    def division(self) -> float:
        """How divided the room is: the spread (standard deviation) of the ratings, 0 (all alike) to 2."""
        if not self.total:
            return 0.0
        mean = sum(v * n for v, n in self.counts.items()) / self.total
        return (sum(n * (v - mean) ** 2 for v, n in self.counts.items()) / self.total) ** 0.5


def poll_results(*, evening: Evening, sort: str = "steun") -> list[Support]:
    """Every published proposal with its distribution, in two queries; sorted by support or by division."""
    results = {card.pk: Support(card) for card in published_cards(evening=evening)}
    rows = Rating.objects.filter(card_id__in=list(results)).values_list("card_id", "value").annotate(n=Count("id"))
    for card_id, value, n in rows.order_by():
        if value == SKIP:
            results[card_id].skipped = n
        else:
            results[card_id].counts[value] = n
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
        if key not in merged:
            merged[key] = Support(support.card, dict(support.counts), support.skipped)
            continue
        known = merged[key]
        known.counts = {v: known.counts[v] + support.counts[v] for v in SCALE}
        known.skipped += support.skipped
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
