"""Issue 17, scale: a move of a phone with its signed cookie costs one query (the upsert) and no template, and a
forged or borrowed cookie never moves anyone."""

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from dialogue import services, throttle
from dialogue.models import Position

from .conftest import join, member_of

pytestmark = pytest.mark.django_db


def move(client, session, value, htmx=True):
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post(reverse("doemee:position", args=[session.code]), {"plek": value}, headers=headers)


def test_a_move_is_one_upsert_without_throttle_reads(live, monkeypatch, django_assert_max_num_queries):
    phone = join(live)
    move(phone, live, 3)  # the first move fills the session's cached snapshot
    monkeypatch.setattr(throttle, "code_lookup_start", lambda *a, **k: pytest.fail("throttle read on a move"))

    with django_assert_max_num_queries(1):
        response = move(phone, live, 15)

    assert response.status_code == 200
    html = response.content.decode()
    assert html == (
        '<p id="plek-status" class="place__status" role="status" data-plek="15"><strong>Jouw plek:</strong> '
        "5 stappen naar rechts, richting: Helemaal mee eens</p>"
    )
    stored = Position.objects.get(participant=member_of(phone, live))
    assert stored.value == 15 and abs((timezone.now() - stored.updated_at).total_seconds()) < 60


def test_a_new_statement_is_seen_by_the_next_move(live, host_client):
    phone = join(live)
    move(phone, live, 3)
    host_client.post(reverse("live:action", args=[live.public_id, "volgende"]))
    html = move(phone, live, 2).content.decode()
    assert "richting: Ik zeg er iets van." in html  # the poles of the second statement
    assert Position.objects.filter(statement__text="Ik zeg er iets van.", value=2).count() == 1


def test_a_closed_session_refuses_the_move(live, host_client):
    phone = join(live)
    move(phone, live, 3)
    host_client.post(reverse("live:action", args=[live.public_id, "afsluiten"]))
    response = move(phone, live, 18, htmx=False)
    assert response.status_code == 410 and "afgesloten" in response.content.decode()
    assert Position.objects.get().value == 3


def test_a_forged_or_borrowed_id_cookie_moves_nobody(live, statement_set, host):
    from dialogue import services

    victim = join(live)
    move(victim, live, 4)
    victim_id = member_of(victim, live).pk
    attacker = Client()
    # Unsigned, and signed with another salt: both refused, and without a token cookie the phone is sent to join.
    for value in (f"{live.pk}:{victim_id}", signing.get_cookie_signer(salt="other").sign(f"{live.pk}:{victim_id}")):
        attacker.cookies[f"doemee-{live.code}-id"] = value
        assert move(attacker, live, 20, htmx=False).status_code == 302
    # A genuine cookie from another session names that session: refused here.
    other = services.session_start(host=host, statement_set=statement_set)
    elsewhere = join(other)
    attacker.cookies[f"doemee-{live.code}-id"] = elsewhere.cookies[f"doemee-{other.code}-id"].value
    assert move(attacker, live, 20, htmx=False).status_code == 302
    assert Position.objects.get(session=live).value == 4


def test_phones_polling_one_new_state_share_one_render_per_marker_place(live, monkeypatch):
    """After a reveal, the phones' #live fragment is rendered once per place of the "jij" marker and then read from
    the cache; each phone still sees its own marker, and nobody else's."""
    from dialogue import state, views

    monkeypatch.setattr(state, "BOARD_SECONDS", 1)  # as in production: one board per second and state
    phones = [join(live) for _ in range(4)]
    for phone, value in zip(phones, (5, 5, 5, 15), strict=True):
        move(phone, live, value)
    services.session_reveal(session=live, revealed=True)
    renders = []
    real = views.render_to_string

    def counting(template, *args, **kwargs):
        renders.append(template)
        return real(template, *args, **kwargs)

    monkeypatch.setattr(views, "render_to_string", counting)
    poll = reverse("doemee:participant_poll", args=[live.code]) + "?v=0&fase=" + f"{live.current_statement_id}-1"
    pages = [phone.get(poll).content.decode() for phone in phones]

    assert renders.count("dialogue/participant.html#live") == 2  # place 5 (three phones) and place 15
    assert all('line__mark--me pos-5"' in html for html in pages[:3])
    assert 'line__mark--me pos-15"' in pages[3] and 'pos-5">jij' not in pages[3]
