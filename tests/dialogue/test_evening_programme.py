"""The host edits an evening's programme: a block's title and text, its place (up and down) and whether it stays.
Only the evening's own host; once people have joined, the block on the screen and the blocks before it stay where
they are. A change of order keeps (evening, sort_order) unique, also when the same click arrives twice at once."""

import contextlib
import itertools

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dialogue.evening import selectors, services
from dialogue.evening.models import BlockKind, Evening, EveningBlock
from dialogue.models import Participant
from tests.concurrency import at_once
from tests.factories import StudentFactory

from .conftest import join

pytestmark = pytest.mark.django_db
KINDS = ["info", "lijn", "kaarten", "peiling", "afsluiting"]


@pytest.fixture
def evening(host, statement_set) -> Evening:
    return services.evening_start(host=host, statement_set=statement_set, title="Avond in de bieb")


def kinds(evening: Evening) -> list[str]:
    return [b.kind for b in selectors.programme(evening=evening)]


def block(evening: Evening, kind: str) -> EveningBlock:
    return evening.blocks.get(kind=kind)


def step(client: Client, evening: Evening, name: str, b: EveningBlock | None = None, **extra):
    data = {"onderdeel": b.pk, "plek": b.sort_order} if b else {}
    return client.post(reverse("live:evening_action", args=[evening.public_id, name]), data | extra)


def started_at(evening: Evening, kind: str) -> None:
    """Someone joined, and the host moved the screen to this block."""
    Participant.objects.create(session=evening.session)
    services.evening_move(evening=evening, block_id=block(evening, kind).pk)
    evening.refresh_from_db()


# ---------------------------------------------------------------------------------------------------- editing


def test_the_host_edits_the_title_and_text_and_the_screen_shows_it_at_once(evening, host_client):
    started_at(evening, "info")  # even the block on the screen: a typo there is the fix an evening needs most
    welcome = block(evening, "info")
    url = reverse("live:evening_block_edit", args=[evening.public_id])
    response = host_client.post(url, {"onderdeel": welcome.pk, "title": "  Welkom in  Zwolle ", "body": "Koffie!\n"})
    assert response.status_code == 302 and response["Location"].endswith(f"#onderdeel-{welcome.pk}")
    welcome.refresh_from_db()
    assert (welcome.title, welcome.body, welcome.kind) == ("Welkom in Zwolle", "Koffie!", "info")
    screen = host_client.get(reverse("live:evening_projector", args=[evening.public_id])).content.decode()
    assert "Welkom in Zwolle" in screen and "Koffie!" in screen


@pytest.mark.parametrize(
    ("title", "body", "message"),
    [("", "tekst", "verplicht"), ("   ", "tekst", "titel"), ("x" * 121, "", "120"), ("Goed", "y" * 2001, "2000")],
)
def test_an_empty_or_oversized_edit_is_refused_with_the_text_kept(evening, host_client, title, body, message):
    line = block(evening, "lijn")
    url = reverse("live:evening_block_edit", args=[evening.public_id])
    response = host_client.post(url, {"onderdeel": line.pk, "title": title, "body": body})
    html = response.content.decode()
    assert response.status_code == 400 and message in html
    assert f'id="onderdeel-{line.pk}"' in html and '<details class="evening-programme__edit" open>' in html
    line.refresh_from_db()
    assert line.title == "Langs de lijn"


def test_a_block_of_another_evening_cannot_be_edited_moved_or_removed_through_ones_own(
    evening, host_client, host, statement_set
):
    other = services.evening_start(host=host, statement_set=statement_set, title="Andere avond")
    theirs = block(other, "kaarten")
    url = reverse("live:evening_block_edit", args=[evening.public_id])
    response = host_client.post(url, {"onderdeel": theirs.pk, "title": "Overgenomen"})
    assert response.status_code == 400 and "staat niet in het programma" in response.content.decode()
    for name in ("omhoog", "omlaag", "onderdeel-weg"):
        response = step(host_client, evening, name, theirs)
        assert response.status_code == 409 and "staat niet in het programma" in response.content.decode()
    assert kinds(other) == KINDS and block(other, "kaarten").title == "Dialoogkaarten"


def test_only_the_evenings_own_host_edits_moves_or_removes_and_nothing_changes(evening, other_host):
    stranger, student = Client(), Client()
    stranger.force_login(other_host)
    student.force_login(StudentFactory().user)
    cards = block(evening, "kaarten")
    edit = reverse("live:evening_block_edit", args=[evening.public_id])
    for client, status in ((stranger, 404), (student, 403), (Client(), 302)):
        assert client.post(edit, {"onderdeel": cards.pk, "title": "Gekaapt"}).status_code == status
        for name in ("omhoog", "omlaag", "onderdeel-weg"):
            assert step(client, evening, name, cards).status_code == status
    assert kinds(evening) == KINDS and block(evening, "kaarten").title == "Dialoogkaarten"


# ---------------------------------------------------------------------------------------------------- order


def test_before_anyone_joined_every_block_moves_and_the_screen_keeps_the_start(evening, host_client):
    welcome = block(evening, "info")
    assert step(host_client, evening, "omlaag", welcome).status_code == 302
    assert kinds(evening) == ["lijn", "info", "kaarten", "peiling", "afsluiting"]
    evening.refresh_from_db()
    assert evening.current_block.kind == "lijn"  # the screen still shows the start of the programme
    closing = block(evening, "afsluiting")
    response = step(host_client, evening, "omhoog", closing)
    assert response.status_code == 302 and response["Location"].endswith(f"#onderdeel-{closing.pk}")
    assert kinds(evening) == ["lijn", "info", "kaarten", "afsluiting", "peiling"]
    orders = list(evening.blocks.order_by("sort_order").values_list("sort_order", flat=True))
    assert orders == [0, 1, 2, 3, 4]  # the places themselves stay 0..4: only the blocks swap
    response = step(host_client, evening, "omhoog", block(evening, "lijn"))
    assert response.status_code == 409 and "kan niet verder die kant op" in response.content.decode()


def test_once_people_joined_the_screen_and_what_has_been_stay_in_place(evening, host_client):
    started_at(evening, "kaarten")
    for kind, name, message in [
        ("kaarten", "omlaag", "staat nu op het scherm"),
        ("kaarten", "onderdeel-weg", "staat nu op het scherm"),
        ("lijn", "omhoog", "is al geweest"),
        ("info", "onderdeel-weg", "is al geweest"),
        ("peiling", "omhoog", "vóór het onderdeel komen dat nu op het scherm staat"),
    ]:
        response = step(host_client, evening, name, block(evening, kind))
        html = response.content.decode()
        assert response.status_code == 409 and message in html, (kind, name)
        assert 'role="alert"' in html
    assert kinds(evening) == KINDS
    assert step(host_client, evening, "omlaag", block(evening, "peiling")).status_code == 302  # still to come
    assert kinds(evening) == ["info", "lijn", "kaarten", "afsluiting", "peiling"]
    evening.refresh_from_db()
    assert evening.current_block.kind == "kaarten"


def test_the_host_page_offers_only_the_moves_that_are_allowed(evening, host_client):
    started_at(evening, "lijn")
    html = host_client.get(reverse("live:evening", args=[evening.public_id])).content.decode()
    items = {b.kind: html.split(f'id="onderdeel-{b.pk}"')[1].split("</li>")[0] for b in evening.blocks.all()}
    assert "(geweest)" in items["info"] and "(nu)" in items["lijn"]
    for kind in ("info", "lijn"):
        assert "Omhoog" not in items[kind] and "Omlaag" not in items[kind] and "Weghalen" not in items[kind]
        assert "Titel en tekst veranderen" in items[kind]
    assert "Omhoog" not in items["kaarten"] and "Omlaag" in items["kaarten"] and "Weghalen" in items["kaarten"]
    assert "Omhoog" in items["afsluiting"] and "Omlaag" not in items["afsluiting"]


def test_a_second_click_on_the_same_move_does_nothing_twice(evening, host_client):
    cards = block(evening, "kaarten")
    assert step(host_client, evening, "omlaag", cards).status_code == 302
    again = step(host_client, evening, "omlaag", cards)  # the same form, with the place it had on that page
    assert again.status_code == 409 and "Het programma is intussen veranderd" in again.content.decode()
    assert kinds(evening) == ["info", "lijn", "peiling", "kaarten", "afsluiting"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_same_move_sent_at_once_moves_once_and_keeps_every_place_unique(host, statement_set):
    evening = services.evening_start(host=host, statement_set=statement_set, title="Dubbel")
    cards = block(evening, "kaarten")
    seen = cards.sort_order

    def move():
        try:
            services.block_move(evening=evening, block_id=cards.pk, up=False, seen_order=seen)
        except services.NotAllowed as refusal:
            return str(refusal)
        return "moved"

    results = at_once(move, 6)
    assert results.count("moved") == 1 and results.count(services.PROGRAMME_CHANGED) == 5
    assert kinds(evening) == ["info", "lijn", "peiling", "kaarten", "afsluiting"]
    orders = list(evening.blocks.values_list("sort_order", flat=True))
    assert sorted(orders) == [0, 1, 2, 3, 4]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_different_moves_at_once_leave_a_whole_programme(host, statement_set):
    evening = services.evening_start(host=host, statement_set=statement_set, title="Druk")
    blocks = list(evening.blocks.order_by("sort_order"))
    jobs = itertools.cycle([(b.pk, up) for b in blocks for up in (True, False)])  # a retry takes the next one

    def move():
        block_id, up = next(jobs)
        with contextlib.suppress(services.NotAllowed):  # an end of the programme
            services.block_move(evening=evening, block_id=block_id, up=up)

    at_once(move, 20)
    assert sorted(kinds(evening)) == sorted(KINDS)
    assert sorted(evening.blocks.values_list("sort_order", flat=True)) == [0, 1, 2, 3, 4]


# ---------------------------------------------------------------------------------------------------- removing


def test_removing_before_anyone_joined_even_the_first_and_never_the_last_block(evening, host_client):
    assert step(host_client, evening, "onderdeel-weg", block(evening, "info")).status_code == 302
    evening.refresh_from_db()
    assert kinds(evening) == KINDS[1:] and evening.current_block.kind == "lijn"  # the screen: the new start
    for kind in KINDS[1:-1]:
        assert step(host_client, evening, "onderdeel-weg", block(evening, kind)).status_code == 302
    response = step(host_client, evening, "onderdeel-weg", block(evening, "afsluiting"))
    assert response.status_code == 409 and "minstens één onderdeel" in response.content.decode()
    assert kinds(evening) == ["afsluiting"]


def test_a_block_still_to_come_is_removed_once_people_joined(evening, host_client):
    started_at(evening, "lijn")
    assert step(host_client, evening, "onderdeel-weg", block(evening, "kaarten")).status_code == 302
    assert kinds(evening) == ["info", "lijn", "peiling", "afsluiting"]
    services.evening_move(evening=evening, step=1)
    assert evening.current_block.kind == "peiling"


# ---------------------------------------------------------------------------------------------------- queries


def test_the_host_page_takes_the_same_queries_for_5_or_15_blocks(evening, host_client, host, statement_set):
    bigger = services.evening_start(host=host, statement_set=statement_set, title="Lang programma")
    for n in range(10):
        services.block_add(evening=bigger, kind=BlockKind.INFO, title=f"Extra {n}", body="")
    for e in (evening, bigger):
        started_at(e, "lijn")
    host_client.get(reverse("live:evening", args=[bigger.public_id]))  # warm what is read once per process
    counts = []
    for e in (evening, bigger):
        with CaptureQueriesContext(connection) as queries:
            assert host_client.get(reverse("live:evening", args=[e.public_id])).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 12, counts


def test_join_after_a_move_sees_the_new_order(evening, host_client):
    step(host_client, evening, "omlaag", block(evening, "kaarten"))
    phone = join(evening.session)
    services.evening_move(evening=evening, block_id=block(evening, "peiling").pk)
    assert "Steunpeiling" in phone.get(reverse("doemee:evening", args=[evening.session.code])).content.decode()
