"""A dialogue evening's phones: the evening's code typed at /doe-mee/ leads to the evening's programme (one cached
lookup, and only when joining), the phone helpers both view modules share live in dialogue.participants, and a
phone's dialogue cards and ratings are limited per participant, counted atomically, with a Dutch 429."""

import ast
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dialogue import services as live_services
from dialogue import throttle
from dialogue.evening import selectors, services
from dialogue.evening.models import BlockKind, Card, CardStatus, Evening, Rating
from tests.concurrency import at_once
from tests.throttle_caches import throttle_cache  # noqa: F401 (a fixture)

from .conftest import join, member_of

pytestmark = pytest.mark.django_db
CARD = {
    "actor": "burgers",
    "problem": "Niet iedereen weet wat een oproep tot ordeverstoring is.",
    "direction": "Leg op school uit waar de grens ligt.",
}


@pytest.fixture
def evening(host, statement_set) -> Evening:
    return services.evening_start(host=host, statement_set=statement_set, title="Avond in de bieb")


def go_to(evening: Evening, kind: str) -> None:
    services.evening_move(evening=evening, block_id=evening.blocks.get(kind=kind).pk)
    evening.refresh_from_db()


def _evening_queries(queries) -> int:
    return sum('"dialogue_evening"' in q["sql"] for q in queries.captured_queries)


# ---------------------------------------------------------------------------------------------------- landing


def test_the_evenings_code_typed_at_doe_mee_leads_to_the_evenings_programme(evening):
    code = evening.session.code
    phone = Client()
    response = phone.post(reverse("doemee:join"), {"code": code.lower()})
    assert response.status_code == 302 and response["Location"] == reverse("doemee:evening", args=[code])
    page = phone.get(response["Location"])
    assert page.status_code == 200 and evening.title in page.content.decode()
    again = phone.post(reverse("doemee:join"), {"code": code})  # typed once more: the same place, no second join
    assert again["Location"] == reverse("doemee:evening", args=[code])
    assert evening.session.participants.count() == 1


def test_a_bare_live_sessions_code_still_leads_to_langs_de_lijn(live):
    response = Client().post(reverse("doemee:join"), {"code": live.code})
    assert response["Location"] == reverse("doemee:participant", args=[live.code])


def test_whether_a_session_is_an_evening_is_looked_up_once_and_never_by_a_move_or_poll(evening):
    code = evening.session.code
    join(evening.session)
    with CaptureQueriesContext(connection) as queries:
        phone = join(evening.session)
    assert _evening_queries(queries) == 0  # the second phone's join read it from the cache

    live_services.session_reveal(session=evening.session, revealed=True)
    page = phone.get(reverse("doemee:participant", args=[code])).content.decode()
    assert "hx-get" in page
    phone.post(reverse("doemee:position", args=[code]), {"plek": 3}, HTTP_HX_REQUEST="true")  # the new snapshot
    with CaptureQueriesContext(connection) as queries:
        assert (
            phone.post(reverse("doemee:position", args=[code]), {"plek": 4}, HTTP_HX_REQUEST="true").status_code == 200
        )
    assert len(queries) == 1  # the fast move is still one upsert


def test_the_evening_views_use_the_shared_participant_helpers_not_the_live_views():
    source = Path(__file__).resolve().parents[2] / "dialogue" / "evening" / "views.py"
    tree = ast.parse(source.read_text())
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) for alias in node.names} | {
        node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
    }
    assert "views" not in imported and "dialogue.views" not in imported
    assert "participants" in imported


# ---------------------------------------------------------------------------------------------------- limits


def test_a_burst_of_cards_from_one_phone_stops_at_the_limit_with_a_dutch_429(evening):
    go_to(evening, BlockKind.CARDS)
    phone = join(evening.session)
    table = selectors.tables(evening=evening)[0]
    url = reverse("doemee:evening_table", args=[evening.session.code, table.code])
    for _ in range(3):  # cards refused for their content are not counted: fixing a card is no flood
        assert phone.post(url, CARD | {"direction": ""}).status_code == 400
    statuses = [phone.post(url, CARD | {"direction": f"Richting {n}"}).status_code for n in range(8)]
    assert statuses == [302] * throttle.CARDS_PER_MINUTE + [429] * 3
    refused = phone.post(url, CARD | {"direction": "Nog een richting"})
    html = refused.content.decode()
    assert refused.status_code == 429 and "Wacht een minuut" in html and "Nog een richting" in html  # text kept
    assert Card.objects.filter(evening=evening).count() == throttle.CARDS_PER_MINUTE
    other = join(evening.session)  # the limit is per phone: the next one at the table is not held up
    assert other.post(url, CARD).status_code == 302


def test_a_burst_of_ratings_from_one_phone_stops_at_the_limit_with_a_dutch_429(evening, host):
    go_to(evening, BlockKind.CARDS)
    phone = join(evening.session)
    member = member_of(phone, evening.session)
    card = services.card_write(evening=evening, participant=member, table=None, data=CARD)
    services.card_review(evening=evening, card_id=card.pk, status=CardStatus.PUBLISHED)
    go_to(evening, BlockKind.POLL)
    url = reverse("doemee:evening_rate", args=[evening.session.code])
    statuses = [phone.post(url, {f"kaart-{card.pk}": str(1 + n % 5)}).status_code for n in range(23)]
    assert statuses == [302] * throttle.RATINGS_PER_MINUTE + [429] * 3
    refused = phone.post(url, {f"kaart-{card.pk}": "1"})
    assert refused.status_code == 429 and "Wacht een minuut" in refused.content.decode()
    kept = (throttle.RATINGS_PER_MINUTE - 1) % 5 + 1  # the last rating allowed, not the refused ones
    assert list(Rating.objects.values_list("participant", "value")) == [(member.pk, kept)]


@pytest.mark.parametrize("limit", ["card_allowed", "rating_allowed"])
def test_cards_and_ratings_sent_at_once_never_pass_the_limit(throttle_cache, limit):  # noqa: F811
    request = RequestFactory().post("/doe-mee/", REMOTE_ADDR="192.0.2.10")
    allowed = at_once(lambda: getattr(throttle, limit)(request, participant_id=7), 40)
    expected = throttle.CARDS_PER_MINUTE if limit == "card_allowed" else throttle.RATINGS_PER_MINUTE
    assert allowed.count(True) == expected
