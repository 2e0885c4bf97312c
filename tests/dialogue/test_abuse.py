"""Live polls cannot be stuffed (issue 13): a room of 150 behind one library Wi-Fi address joins within a minute,
one address adds at most 200 participants a minute, the limits hold when the requests come all at once (on Redis
and on the database cache), and the host sees a burst of joins and can remove it with its positions."""

from datetime import timedelta

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from dialogue import selectors, services, throttle
from dialogue.models import Participant, Position
from tests.concurrency import at_once
from tests.factories import StatementFactory, StatementSetFactory, TeacherFactory
from tests.throttle_caches import throttle_cache  # noqa: F401 (a fixture)

LIBRARY = "192.0.2.10"  # one public address for the whole room


def _join(client: Client, code: str) -> int:
    return client.post("/doe-mee/", {"code": code}).status_code


def test_a_room_of_150_behind_one_address_joins_and_a_script_stops_at_200(live):
    statuses = [_join(Client(REMOTE_ADDR=LIBRARY), live.code) for _ in range(150)]
    assert statuses == [302] * 150  # the whole room is in, within the minute

    more = [_join(Client(REMOTE_ADDR=LIBRARY), live.code) for _ in range(60)]  # a script on the same Wi-Fi

    assert more.count(302) == 50 and more[50:] == [429] * 10
    assert Participant.objects.filter(session=live).count() == 200
    refused = Client(REMOTE_ADDR=LIBRARY).post("/doe-mee/", {"code": live.code})
    assert "Wacht een minuut" in refused.content.decode()
    assert _join(Client(REMOTE_ADDR="198.51.100.7"), live.code) == 302  # another address is not held up


def test_joins_at_once_never_pass_the_limit(throttle_cache, monkeypatch):  # noqa: F811
    monkeypatch.setattr(throttle, "JOINS_PER_MINUTE", 20)
    request = RequestFactory().post("/doe-mee/", REMOTE_ADDR=LIBRARY)

    allowed = at_once(lambda: throttle.join_allowed(request), 40)  # 40 connections: well inside PostgreSQL's 100

    assert allowed.count(True) == 20


def test_guessed_codes_at_once_get_at_most_the_limit_of_answers(throttle_cache):  # noqa: F811
    request = RequestFactory().post("/doe-mee/", REMOTE_ADDR="203.0.113.5")

    answers = at_once(lambda: throttle.code_lookup_start(request, joined=False)[0], 40)

    assert answers.count(True) == throttle.CODE_TRIES_PER_MINUTE


def test_a_rooms_typos_never_stop_the_phones_already_in(live):
    phone = Client(REMOTE_ADDR=LIBRARY)
    assert _join(phone, live.code) == 302
    for _ in range(throttle.CODE_TRIES_PER_MINUTE + 5):  # classmates mistyping the code on the same Wi-Fi
        Client(REMOTE_ADDR=LIBRARY).post("/doe-mee/", {"code": "ZZZZZZ"})
    assert _join(Client(REMOTE_ADDR=LIBRARY), live.code) == 429  # guessing from this address has stopped

    assert phone.get(reverse("doemee:participant", args=[live.code])).status_code == 200
    assert phone.get(reverse("doemee:participant_poll", args=[live.code])).status_code in {200, 204}
    moved = phone.post(reverse("doemee:position", args=[live.code]), {"plek": 3})
    assert moved.status_code == 302


def _burst(live, n: int, at) -> list[Participant]:
    made = [services.participant_join(session=live) for _ in range(n)]
    Participant.objects.filter(pk__in=[p.pk for p in made]).update(created_at=at)
    return made


def test_the_host_sees_a_burst_and_removes_it_with_its_positions(live, host_client):
    start = live.created_at.replace(microsecond=0) + timedelta(minutes=1)
    people = _burst(live, 8, start)  # a room: a few a second
    bots = _burst(live, 40, start + timedelta(seconds=5))  # a script: 40 in one second
    for member in people + bots:
        services.position_set(session=live, participant=member, value=20)
    page = host_client.get(reverse("live:host", args=[live.public_id])).content.decode()
    assert "sneller dan mensen een code kunnen typen" in page
    assert "Haal deze 40 deelnemers en hun plekken weg" in page

    response = host_client.post(reverse("live:action", args=[live.public_id, "snelle-deelnemers-weg"]))

    assert response.status_code == 302
    assert set(Participant.objects.filter(session=live)) == set(people)
    assert Position.objects.filter(session=live).count() == 8
    assert selectors.join_bursts(session=live) is None
    after = host_client.get(reverse("live:host", args=[live.public_id])).content.decode()
    assert "sneller dan mensen" not in after


def test_a_room_joining_at_a_human_pace_raises_no_warning(live, host_client):
    start = live.created_at.replace(microsecond=0) + timedelta(minutes=1)
    for second in range(15):
        _burst(live, 10, start + timedelta(seconds=second))  # 150 people in 15 seconds: 10 a second

    assert selectors.join_bursts(session=live) is None
    page = host_client.get(reverse("live:host", args=[live.public_id])).content.decode()
    assert "sneller dan mensen" not in page


def test_only_the_host_can_remove_a_burst(live, other_host):
    _burst(live, 20, live.created_at.replace(microsecond=0) + timedelta(minutes=1))
    stranger = Client()
    stranger.force_login(other_host)
    url = reverse("live:action", args=[live.public_id, "snelle-deelnemers-weg"])

    assert stranger.post(url).status_code == 404
    assert Client().post(url).status_code in {302, 403, 404}
    assert Participant.objects.filter(session=live).count() == 20


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_removed_participants_moves_store_nothing_and_never_fail(monkeypatch):
    """A removed bot keeps its signed cookie; its next moves are refused (it is sent to the join page), not a 500
    and not a position without a participant. Autocommit, as in production: the foreign key is checked then."""
    statement_set = StatementSetFactory()
    StatementFactory(statement_set=statement_set)
    host = TeacherFactory(role="bibliotheek").user
    session = services.session_start(host=host, statement_set=statement_set)
    bot = Client(REMOTE_ADDR=LIBRARY)
    assert _join(bot, session.code) == 302
    Participant.objects.filter(session=session).delete()  # what the host's removal does to it

    quick = []
    real = services.position_record
    monkeypatch.setattr(services, "position_record", lambda **kw: quick.append(1) or real(**kw))

    moved = bot.post(reverse("doemee:position", args=[session.code]), {"plek": 3}, HTTP_HX_REQUEST="true")

    assert quick  # the fast path of a phone with a signed cookie was tried
    assert moved.status_code in {200, 302} and not Position.objects.exists()
