"""The support poll with a slider (0–100) instead of five answers: stored with its band, upserted, refused off the
scale, and shown on the projector and in the report as the same five bands with the mean."""

import io

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document

from dialogue.evening import selectors, services
from dialogue.evening.models import BlockKind, Card, CardStatus, Evening, PollScale, Rating, slider_band
from dialogue.models import Participant

from .conftest import join, member_of

pytestmark = pytest.mark.django_db
CARD = {"actor": "media", "direction": "Media leggen uit hoe ze over onrust berichten."}


@pytest.fixture
def evening(host, statement_set) -> Evening:
    evening = services.evening_start(
        host=host, statement_set=statement_set, title="Schuifavond", poll_scale=PollScale.SLIDER
    )
    services.evening_move(evening=evening, block_id=evening.blocks.get(kind=BlockKind.POLL).pk)
    evening.refresh_from_db()
    return evening


def published(evening: Evening, text: str = CARD["direction"]) -> Card:
    card = services.card_type_in(evening=evening, table=None, data=CARD | {"direction": text})
    services.card_review(evening=evening, card_id=card.pk, status=CardStatus.PUBLISHED)
    return card


def rate(evening: Evening, values: dict[Card, list[int]]) -> None:
    """values[card][n] is the n-th phone's slider position for that card."""
    phones = max(len(v) for v in values.values())
    for n in range(phones):
        member = Participant.objects.create(session=evening.session)
        ratings = {card.pk: positions[n] for card, positions in values.items() if n < len(positions)}
        services.ratings_set(evening=evening, participant=member, ratings=ratings, scale=PollScale.SLIDER)


# ---------------------------------------------------------------------------------------------------- storing


def test_the_bands_are_symmetric_and_cover_the_slider():
    assert [slider_band(p) for p in (0, 19, 20, 39, 40, 50, 60, 61, 80, 81, 100)] == [1, 1, 2, 2, 3, 3, 3, 4, 4, 5, 5]


def test_a_slider_rating_is_stored_with_its_band_upserted_and_skipped(evening):
    card = published(evening)
    member = Participant.objects.create(session=evening.session)
    for position in (72, 10, 0):  # a change of mind, then the far left: 0 is an answer, not "sla over"
        services.ratings_set(evening=evening, participant=member, ratings={card.pk: position}, scale="schuif")
    assert list(Rating.objects.values_list("value", "slider")) == [(1, 0)]
    services.ratings_set(evening=evening, participant=member, ratings={card.pk: None}, scale="schuif")
    assert list(Rating.objects.values_list("value", "slider")) == [(0, None)]  # "sla over" forgets the position
    services.ratings_set(evening=evening, participant=member, ratings={card.pk: 100}, scale="schuif")
    assert list(Rating.objects.values_list("value", "slider")) == [(5, 100)]


@pytest.mark.parametrize("position", [101, 250, 32767])
def test_a_position_off_the_slider_is_refused_and_nothing_stored(evening, position):
    card = published(evening)
    member = Participant.objects.create(session=evening.session)
    with pytest.raises(services.InvalidRating, match="van 0 tot en met 100"):
        services.ratings_set(evening=evening, participant=member, ratings={card.pk: position}, scale="schuif")
    assert not Rating.objects.exists()


def test_the_database_keeps_a_position_on_the_slider_and_in_its_band(evening):
    card = published(evening)
    member = Participant.objects.create(session=evening.session)
    with pytest.raises(IntegrityError), transaction.atomic():
        Rating.objects.create(card=card, participant=member, value=5, slider=101)
    with pytest.raises(IntegrityError), transaction.atomic():
        Rating.objects.create(card=card, participant=member, value=2, slider=72)  # 72 is "mee eens" (4)
    with pytest.raises(IntegrityError), transaction.atomic():
        Rating.objects.create(card=card, participant=member, value=0, slider=50)  # a skip has no position


def test_a_form_of_the_other_scale_is_refused_and_the_scale_stays_once_answered(evening):
    card = published(evening)
    member = Participant.objects.create(session=evening.session)
    with pytest.raises(services.NotAllowed, match="manier van antwoorden veranderd"):
        services.ratings_set(evening=evening, participant=member, ratings={card.pk: 4}, scale="vijf")
    assert not Rating.objects.exists()
    services.poll_scale_set(evening=evening, scale=PollScale.FIVE)  # nobody answered yet: it may change
    services.poll_scale_set(evening=evening, scale=PollScale.SLIDER)
    services.ratings_set(evening=evening, participant=member, ratings={card.pk: 30}, scale="schuif")
    with pytest.raises(services.NotAllowed, match="Er zijn al antwoorden"):
        services.poll_scale_set(evening=evening, scale=PollScale.FIVE)
    evening.refresh_from_db()
    assert evening.poll_scale == PollScale.SLIDER


# ---------------------------------------------------------------------------------------------------- the phone


def test_a_phone_without_javascript_rates_with_the_slider_one_proposal_at_a_time(evening):
    first, second = published(evening, "Eerste richting."), published(evening, "Tweede richting.")
    client = join(evening.session)
    member = member_of(client, evening.session)
    page_url = reverse("doemee:evening", args=[evening.session.code])
    html = client.get(page_url).content.decode()
    assert f'type="range" id="schuif-{first.pk}" name="kaart-{first.pk}" min="0" max="100"' in html
    assert f'<label for="schuif-{first.pk}">' in html
    assert "0: helemaal mee oneens" in html and "100: helemaal mee eens" in html
    assert html.count('name="over"') == 2 and "Nog niet bewaard." in html

    url = reverse("doemee:evening_rate", args=[evening.session.code])
    response = client.post(url, {"schaal": "schuif", f"kaart-{first.pk}": "83"})
    assert response.status_code == 302 and response["Location"].endswith(f"?bewaard=1#kaart-{first.pk}")
    client.post(url, {"schaal": "schuif", f"kaart-{first.pk}": "64"})  # moved again: still one row
    client.post(url, {"schaal": "schuif", f"kaart-{second.pk}": "50", "over": str(second.pk)})  # "Sla over"
    stored = dict(Rating.objects.filter(participant=member).values_list("card_id", "slider"))
    assert stored == {first.pk: 64, second.pk: None}
    assert Rating.objects.get(card=second).value == 0
    html = client.get(page_url).content.decode()
    assert "Bewaard: 64 van 100." in html and 'value="64"' in html and "Overgeslagen." in html


@pytest.mark.parametrize(("value", "status", "message"), [("101", 400, "van 0 tot en met 100"), ("-5", 400, "Kies")])
def test_a_slider_value_off_the_scale_sent_by_hand_gets_a_dutch_400(evening, value, status, message):
    card = published(evening)
    client = join(evening.session)
    url = reverse("doemee:evening_rate", args=[evening.session.code])
    response = client.post(url, {"schaal": "schuif", f"kaart-{card.pk}": value})
    assert response.status_code == status and message in response.content.decode()
    assert not Rating.objects.exists()


def test_an_old_five_answer_form_sent_to_a_slider_evening_stores_nothing(evening):
    card = published(evening)
    client = join(evening.session)
    response = client.post(reverse("doemee:evening_rate", args=[evening.session.code]), {f"kaart-{card.pk}": "4"})
    assert response.status_code == 409 and "manier van antwoorden veranderd" in response.content.decode()
    assert 'type="range"' in response.content.decode()  # the slider form, to answer again
    assert not Rating.objects.exists()


def test_the_host_chooses_the_slider_when_making_the_evening_or_later(host_client, statement_set, host):
    response = host_client.post(
        reverse("live:evening_start"), {"statement_set": statement_set.pk, "title": "A", "poll_scale": "schuif"}
    )
    assert response.status_code == 302
    made = Evening.objects.get(title="A")
    assert made.poll_scale == PollScale.SLIDER
    url = reverse("live:evening_action", args=[made.public_id, "schaal"])
    assert host_client.post(url, {"schaal": "vijf"}).status_code == 302
    made.refresh_from_db()
    assert made.poll_scale == PollScale.FIVE
    response = host_client.post(url, {"schaal": "duim"})
    assert response.status_code == 409 and "Kies vijf antwoorden of een schuif" in response.content.decode()


def test_the_host_cannot_change_the_scale_once_the_room_answered(evening, host_client):
    card = published(evening)
    rate(evening, {card: [40]})
    response = host_client.post(reverse("live:evening_action", args=[evening.public_id, "schaal"]), {"schaal": "vijf"})
    assert response.status_code == 409 and "Er zijn al antwoorden gegeven" in response.content.decode()
    evening.refresh_from_db()
    assert evening.poll_scale == PollScale.SLIDER


# ---------------------------------------------------------------------------------------------------- results


def test_slider_positions_count_in_five_bands_with_the_mean(evening):
    card = published(evening)
    rate(evening, {card: [0, 25, 50, 75, 100, 90]})
    (support,) = selectors.poll_results(evening=evening)
    assert support.counts == {1: 1, 2: 1, 3: 1, 4: 1, 5: 2}
    assert support.total == 6 and support.mean == 57  # 340 / 6
    assert support.support == 50 and support.against == 33


def test_the_spread_of_the_exact_positions_sorts_by_division(evening):
    calm, close, split = (published(evening, t) for t in ("Rustig.", "Dichtbij.", "Verdeeld."))
    rate(evening, {calm: [50, 50, 50, 50], close: [45, 55, 45, 55], split: [0, 100, 5, 95]})
    by_division = selectors.poll_results(evening=evening, sort="verdeeld")
    assert [s.card.pk for s in by_division] == [split.pk, close.pk, calm.pk]
    assert by_division[1].counts[3] == 4  # one band, and still more divided than all at 50
    assert by_division[0].division == pytest.approx(1.9, abs=0.01)  # 47.5 positions = 1.9 points of five


def test_projector_and_report_show_the_bands_and_mean_of_the_slider(evening, host_client):
    liked, split = published(evening, "Iedereen wil dit."), published(evening, "Hier zijn we verdeeld over.")
    rate(evening, {liked: [90, 85, 100, 70], split: [0, 100, 10, 95]})
    host_client.post(reverse("live:evening_action", args=[evening.public_id, "uitslag-tonen"]))
    screen = host_client.get(reverse("live:evening_projector", args=[evening.public_id])).content.decode()
    assert "gemiddeld 86 van 100" in screen and "gemiddeld 51 van 100" in screen
    assert "Mee eens (61–80)" in screen and "Helemaal mee oneens (0–19)" in screen
    assert screen.index("Iedereen wil dit.") < screen.index("Hier zijn we verdeeld over.")  # by support
    assert "support__seg--5 w-75" in screen and "support__seg--4 w-25" in screen
    divided = host_client.get(reverse("live:evening_projector", args=[evening.public_id]), {"sort": "verdeeld"})
    html = divided.content.decode()
    assert html.index("Hier zijn we verdeeld over.") < html.index("Iedereen wil dit.")

    report = host_client.get(reverse("live:evening_report", args=[evening.public_id])).content.decode()
    assert "gemiddeld 86 van 100" in report and "Met de schuif gaven deelnemers een getal" in report
    assert "Neutraal (40–60)" in report
    docx = host_client.get(reverse("live:evening_report_docx", args=[evening.public_id]))
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "Gemiddeld 86 van 100." in text and "Helemaal mee eens: 75%" in text


def test_a_merged_report_of_a_five_answer_and_a_slider_evening_adds_up_the_bands(
    evening, host_client, host, statement_set
):
    five = services.evening_start(host=host, statement_set=statement_set, title="Vijf", national=True)
    services.evening_move(evening=five, block_id=five.blocks.get(kind=BlockKind.POLL).pk)
    five.refresh_from_db()
    national = selectors.published_cards(evening=five)[0]
    same = services.card_type_in(
        evening=evening, table=None, data={"actor": national.actor, "direction": national.direction}
    )
    services.card_review(evening=evening, card_id=same.pk, status=CardStatus.PUBLISHED)
    services.ratings_set(
        evening=five, participant=Participant.objects.create(session=five.session), ratings={national.pk: 5}
    )
    rate(evening, {same: [50]})
    merged = selectors.report_merged(evenings=[evening, five], title="Samen")
    proposal = next(s for section in merged.actors for s in section.proposals if s.card.direction == same.direction)
    assert proposal.counts[5] == 1 and proposal.counts[3] == 1
    assert proposal.mean == 75 and merged.slider  # (100 + 50) / 2: a five answer counts at its place on 0–100


def test_the_projector_takes_the_same_queries_for_slider_results_of_3_or_30_phones(evening, host_client):
    card = published(evening)
    host_client.post(reverse("live:evening_action", args=[evening.public_id, "uitslag-tonen"]))
    url = reverse("live:evening_projector", args=[evening.public_id])
    host_client.get(url)  # warm what is read once per process
    counts = []
    for positions in ([10, 50, 90], list(range(0, 100, 3))):
        Rating.objects.all().delete()
        rate(evening, {card: positions})
        with CaptureQueriesContext(connection) as queries:
            assert "gemiddeld" in host_client.get(url).content.decode()
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 10, counts
