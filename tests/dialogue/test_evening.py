"""The dialogue evening: programme, dialogue cards, the support poll and the report, through the services and through
the pages, as the fixed cast (the host, another host, a participant's phone, anonymous) uses them."""

import io

import pytest
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document

from dialogue.evening import selectors, services
from dialogue.evening.models import (
    DIRECTION_MAX,
    BlockKind,
    Card,
    CardSource,
    CardStatus,
    Evening,
    Rating,
)
from dialogue.models import Comment, Participant
from tests.factories import StudentFactory

from .conftest import join, member_of

pytestmark = pytest.mark.django_db
CARD = {
    "actor": "overheid",
    "problem": "Mensen weten niet wanneer iets een dreiging is.",
    "direction": "Maak duidelijk welke berichten als dreiging gelden.",
    "explanation": "Dan weet iedereen waar de grens ligt.",
    "other_voice": "Een deelnemer vond dat de rechter dat moet doen.",
    "caveat": "Let op de vrijheid van meningsuiting.",
}


@pytest.fixture
def evening(host, statement_set) -> Evening:
    return services.evening_start(host=host, statement_set=statement_set, title="Avond in de bieb", place="Zwolle")


def go_to(evening: Evening, kind: str) -> None:
    block = evening.blocks.get(kind=kind)
    services.evening_move(evening=evening, block_id=block.pk)
    evening.refresh_from_db()


def phone(evening: Evening) -> tuple[Client, Participant]:
    client = join(evening.session)
    return client, member_of(client, evening.session)


# ---------------------------------------------------------------------------------------------------- services


def test_a_new_evening_has_the_five_blocks_and_four_tables(evening):
    kinds = [b.kind for b in selectors.programme(evening=evening)]
    assert kinds == ["info", "lijn", "kaarten", "peiling", "afsluiting"]
    assert evening.current_block.kind == "info"
    assert [t.number for t in selectors.tables(evening=evening)] == [1, 2, 3, 4]


def test_the_national_template_ships_its_proposals_already_in_the_poll(host, statement_set):
    evening = services.evening_start(host=host, statement_set=statement_set, title="", national=True)
    assert evening.title == "Burgerdialoog online ordeverstoring"
    cards = selectors.published_cards(evening=evening)
    assert len(cards) == 18
    assert {c.actor for c in cards} == {"overheid", "bedrijven", "media", "burgers"}
    assert all(c.source == CardSource.TEMPLATE for c in cards)


def test_the_host_moves_through_the_blocks_and_stops_at_both_ends(evening):
    services.evening_move(evening=evening, step=-1)
    assert evening.current_block.kind == "info"
    for _ in range(10):
        services.evening_move(evening=evening, step=1)
    assert evening.current_block.kind == "afsluiting"


def test_a_card_is_refused_and_nothing_stored_unless_the_cards_block_is_open(evening):
    member = Participant.objects.create(session=evening.session)
    table = selectors.tables(evening=evening)[0]
    with pytest.raises(services.NotAllowed, match="Dialoogkaarten invullen kan nu niet"):
        services.card_write(evening=evening, participant=member, table=table, data=CARD)
    assert not Card.objects.exists()
    go_to(evening, BlockKind.CARDS)
    card = services.card_write(evening=evening, participant=member, table=table, data=CARD)
    assert card.status == CardStatus.NEW and card.table == table and card.problem == CARD["problem"]


@pytest.mark.parametrize(
    ("field", "text", "message"),
    [
        ("direction", "", "is leeg"),
        ("direction", "x" * (DIRECTION_MAX + 1), "te lang"),
        ("explanation", "Bel Ahmed op 06-12345678", "telefoonnummer"),
        ("caveat", "mail me: iemand@example.org", "e-mailadres"),
        ("problem", "Mijn buurman Jan de Vries zegt dat ook", "geen namen"),
    ],
)
def test_an_empty_oversized_or_personal_card_is_refused(evening, field, text, message):
    go_to(evening, BlockKind.CARDS)
    member = Participant.objects.create(session=evening.session)
    with pytest.raises(services.InvalidCard, match=message) as refusal:
        services.card_write(evening=evening, participant=member, table=None, data=CARD | {field: text})
    assert field in refusal.value.errors
    assert not Card.objects.exists()


def test_review_publishes_hides_and_merges_within_one_evening(evening, host, statement_set):
    a = services.card_type_in(evening=evening, table=None, data=CARD)
    b = services.card_type_in(evening=evening, table=None, data=CARD)
    other = services.evening_start(host=host, statement_set=statement_set, title="Andere avond")
    foreign = services.card_type_in(evening=other, table=None, data=CARD)
    services.card_review(evening=evening, card_id=a.pk, status=CardStatus.PUBLISHED)
    services.card_review(evening=evening, card_id=b.pk, status=CardStatus.MERGED, merge_into=a.pk)
    b.refresh_from_db()
    assert b.merged_into == a and [c.pk for c in selectors.published_cards(evening=evening)] == [a.pk]
    with pytest.raises(services.NotAllowed):  # a card of another evening is not there
        services.card_review(evening=evening, card_id=foreign.pk, status=CardStatus.PUBLISHED)
    with pytest.raises(services.NotAllowed):  # nor merging into it
        services.card_review(evening=evening, card_id=a.pk, status=CardStatus.MERGED, merge_into=foreign.pk)
    assert a.source == CardSource.PAPER


def test_one_rating_per_participant_and_card_upserted_and_refused_outside_the_poll(evening):
    card = services.card_type_in(evening=evening, table=None, data=CARD)
    services.card_review(evening=evening, card_id=card.pk, status=CardStatus.PUBLISHED)
    member = Participant.objects.create(session=evening.session)
    with pytest.raises(services.NotAllowed, match="De peiling is nu niet open"):
        services.ratings_set(evening=evening, participant=member, ratings={card.pk: 5})
    assert not Rating.objects.exists()
    go_to(evening, BlockKind.POLL)
    for value in (5, 2, 0):  # a change of mind, then "sla over"
        services.ratings_set(evening=evening, participant=member, ratings={card.pk: value})
    assert list(Rating.objects.values_list("value", flat=True)) == [0]
    with pytest.raises(services.NotAllowed):
        services.ratings_set(evening=evening, participant=member, ratings={card.pk: 6})
    hidden = services.card_type_in(evening=evening, table=None, data=CARD)
    with pytest.raises(services.NotAllowed, match="staat niet in de peiling"):
        services.ratings_set(evening=evening, participant=member, ratings={hidden.pk: 4})
    with pytest.raises(IntegrityError), transaction.atomic():
        Rating.objects.create(card=card, participant=member, value=3)
    with pytest.raises(IntegrityError), transaction.atomic():
        Rating.objects.filter(pk=Rating.objects.get().pk).update(value=9)


def test_results_sort_by_support_or_by_division(evening):
    go_to(evening, BlockKind.POLL)
    liked, split = (services.card_type_in(evening=evening, table=None, data=CARD) for _ in range(2))
    for card in (liked, split):
        services.card_review(evening=evening, card_id=card.pk, status=CardStatus.PUBLISHED)
    for n, (a, b) in enumerate([(5, 1), (5, 5), (4, 1), (5, 5)]):
        member = Participant.objects.create(session=evening.session, token=f"t{n}")
        services.ratings_set(evening=evening, participant=member, ratings={liked.pk: a, split.pk: b})
    by_support = selectors.poll_results(evening=evening, sort="steun")
    by_division = selectors.poll_results(evening=evening, sort="verdeeld")
    assert [s.card.pk for s in by_support] == [liked.pk, split.pk]
    assert by_support[0].support == 100 and by_support[1].support == 50 and by_support[1].against == 50
    assert by_division[0].card.pk == split.pk


# ---------------------------------------------------------------------------------------------------- pages: access


def host_urls(evening: Evening) -> list[tuple[str, str]]:
    pid = evening.public_id
    table = selectors.tables(evening=evening)[0].code
    return [
        ("get", reverse("live:evening", args=[pid])),
        ("get", reverse("live:evening_projector", args=[pid])),
        ("get", reverse("live:evening_projector_poll", args=[pid])),
        ("get", reverse("live:evening_table_qr", args=[pid, table])),
        ("get", reverse("live:evening_qr", args=[pid])),
        ("get", reverse("live:evening_report", args=[pid])),
        ("get", reverse("live:evening_report_docx", args=[pid])),
        ("post", reverse("live:evening_action", args=[pid, "volgende"])),
        ("post", reverse("live:evening_block", args=[pid])),
        ("post", reverse("live:evening_card", args=[pid])),
        ("post", reverse("live:evening_paper", args=[pid])),
    ]


def test_only_the_host_reaches_an_evening(evening, host_client, other_host, client):
    other = Client()
    other.force_login(other_host)
    student = Client()
    student.force_login(StudentFactory().user)
    phone_client, _ = phone(evening)
    for method, url in host_urls(evening):
        assert getattr(other, method)(url).status_code == 404, url
        assert getattr(student, method)(url).status_code == 403, url
        assert getattr(phone_client, method)(url).status_code == 302, url  # to the login page
        assert getattr(client, method)(url).status_code == 302, url
        assert getattr(host_client, method)(url).status_code in (200, 204, 302, 400), url
    evening.refresh_from_db()
    assert evening.current_block.kind == "lijn"  # only the host's "volgende" moved it


def test_a_merged_report_leaves_out_other_hosts_evenings(evening, host_client, other_host, statement_set):
    theirs = services.evening_start(host=other_host, statement_set=statement_set, title="Hun avond")
    url = reverse("live:evening_merged")
    response = host_client.get(url, {"avond": [evening.public_id, theirs.public_id], "titel": "Zwolle samen"})
    assert response.status_code == 200
    assert "Zwolle samen" in response.content.decode() and "een dialoogavond" in response.content.decode()
    assert host_client.get(url, {"avond": [theirs.public_id]}).status_code == 400
    docx = host_client.get(url, {"avond": [evening.public_id], "als": "docx"})
    assert docx["Content-Type"].startswith("application/vnd.openxmlformats")


# ---------------------------------------------------------------------------------------------------- pages: phones


def test_a_phone_without_javascript_writes_a_card_and_rates(evening, host_client):
    client, member = phone(evening)
    table = selectors.tables(evening=evening)[1]
    card_url = reverse("doemee:evening_table", args=[evening.session.code, table.code])
    response = client.post(card_url, CARD)
    assert response.status_code == 409 and "Dialoogkaarten invullen kan nu niet" in response.content.decode()
    assert not Card.objects.exists()
    host_client.post(
        reverse("live:evening_action", args=[evening.public_id, "naar"]), {"onderdeel": _block(evening, "kaarten")}
    )
    assert client.get(reverse("doemee:evening", args=[evening.session.code])).status_code == 200
    response = client.post(card_url, CARD)
    assert response.status_code == 302 and "verstuurd=1" in response["Location"]
    card = Card.objects.get()
    assert card.table == table and card.participant == member
    host_client.post(
        reverse("live:evening_card", args=[evening.public_id]), {"kaart": card.pk, "status": "gepubliceerd"}
    )
    host_client.post(reverse("live:evening_action", args=[evening.public_id, "volgende"]))
    page = client.get(reverse("doemee:evening", args=[evening.session.code])).content.decode()
    assert card.direction in page and "Sla over" in page
    rate_url = reverse("doemee:evening_rate", args=[evening.session.code])
    assert client.post(rate_url, {f"kaart-{card.pk}": "4"}).status_code == 302
    assert client.post(rate_url, {f"kaart-{card.pk}": "5"}).status_code == 302  # a second click: still one row
    assert list(Rating.objects.values_list("participant", "value")) == [(member.pk, 5)]
    assert client.post(rate_url, {f"kaart-{card.pk}": "abc"}).status_code == 400
    assert client.post(rate_url, {"kaart-999999": "3"}).status_code == 409
    assert Rating.objects.count() == 1


def _block(evening: Evening, kind: str) -> int:
    return evening.blocks.get(kind=kind).pk


def test_a_card_with_a_phone_number_is_refused_on_the_page_and_the_text_kept(evening):
    go_to(evening, BlockKind.CARDS)
    client, _ = phone(evening)
    table = selectors.tables(evening=evening)[0]
    response = client.post(
        reverse("doemee:evening_table", args=[evening.session.code, table.code]),
        CARD | {"explanation": "bel 0612345678 voor meer"},
    )
    assert response.status_code == 400
    assert "Laat het telefoonnummer weg" in response.content.decode()
    assert CARD["direction"] in response.content.decode()  # nothing typed is lost
    assert not Card.objects.exists()


def test_a_table_qr_joins_a_new_phone_and_brings_it_back_to_its_table(evening):
    table = selectors.tables(evening=evening)[2]
    url = reverse("doemee:evening_table", args=[evening.session.code, table.code])
    client = Client()
    assert "Doe mee" in client.get(url).content.decode()
    response = client.post(url, {"meedoen": "1"})
    assert response.status_code == 302 and response["Location"] == url
    assert Participant.objects.filter(session=evening.session).count() == 1
    assert client.get(reverse("doemee:evening_table", args=[evening.session.code, "ZZZZ"])).status_code == 404


def test_results_stay_hidden_on_the_projector_until_revealed(evening, host_client):
    go_to(evening, BlockKind.POLL)
    card = services.card_type_in(evening=evening, table=None, data=CARD)
    services.card_review(evening=evening, card_id=card.pk, status=CardStatus.PUBLISHED)
    member = Participant.objects.create(session=evening.session)
    services.ratings_set(evening=evening, participant=member, ratings={card.pk: 5})
    url = reverse("live:evening_projector", args=[evening.public_id])
    assert "100% eens" not in host_client.get(url).content.decode()
    host_client.post(reverse("live:evening_action", args=[evening.public_id, "uitslag-tonen"]))
    assert "100% eens" in host_client.get(url).content.decode()


# ---------------------------------------------------------------------------------------------------- report


def _filled_evening(evening: Evening, phones: int) -> None:
    session = evening.session
    go_to(evening, BlockKind.CARDS)
    members = [Participant.objects.create(session=session) for _ in range(phones)]
    from dialogue import services as live_services

    for n, member in enumerate(members):
        live_services.position_set(session=session, participant=member, value=n % 21)
        live_services.comment_write(session=session, participant=member, text=f"Omdat het zo is {n}.")
        card = services.card_write(evening=evening, participant=member, table=None, data=CARD | {"actor": "media"})
        services.card_review(evening=evening, card_id=card.pk, status=CardStatus.PUBLISHED)
    Comment.objects.update(approved_at="2026-01-01T00:00:00Z")
    go_to(evening, BlockKind.POLL)
    cards = selectors.published_cards(evening=evening)
    for member in members:
        services.ratings_set(evening=evening, participant=member, ratings={c.pk: 4 for c in cards})


def test_the_report_holds_no_token_code_or_address_and_follows_the_national_shape(evening, host_client):
    _filled_evening(evening, 3)
    response = host_client.get(reverse("live:evening_report", args=[evening.public_id]))
    html = response.content.decode()
    docx = host_client.get(reverse("live:evening_report_docx", args=[evening.public_id]))
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    for heading in ("Inleiding", "Programma", "Langs de lijn", "Oplossingsrichtingen", "Rol van media", "Tot slot"):
        assert heading.lower() in html.lower() and heading.lower() in text.lower(), heading
    secrets_ = [evening.session.code, *[t.code for t in selectors.tables(evening=evening)]]
    secrets_ += list(Participant.objects.values_list("token", flat=True)) + ["127.0.0.1"]
    report_text = html.split("<main", 1)[-1]
    for secret in secrets_:
        assert secret not in text, secret
        assert secret not in report_text.replace(evening.public_id, ""), secret
    assert CARD["other_voice"] in text and "Ander geluid" in text


def test_the_report_and_projector_take_the_same_queries_for_3_or_12_phones(evening, host_client, statement_set, host):
    bigger = services.evening_start(host=host, statement_set=statement_set, title="Groot")
    _filled_evening(evening, 3)
    _filled_evening(bigger, 12)
    for e in (evening, bigger):
        host_client.post(reverse("live:evening_action", args=[e.public_id, "uitslag-tonen"]))
    host_client.get(reverse("live:evening_report", args=[bigger.public_id]))  # warm caches that are per process
    counts = []
    for e in (evening, bigger):
        with CaptureQueriesContext(connection) as report_q:
            assert host_client.get(reverse("live:evening_report", args=[e.public_id])).status_code == 200
        with CaptureQueriesContext(connection) as screen_q:
            page = host_client.get(reverse("live:evening_projector", args=[e.public_id]))
            assert "eens" in page.content.decode()
        counts.append((len(report_q), len(screen_q)))
    assert counts[0] == counts[1], counts
    assert counts[0][0] <= 16 and counts[0][1] <= 10, counts
