"""Issue 17, scale: push to the phones through Pushpin (dialogue/push.py). With GRIP_URL set the phone's page names
an event stream; the stream is held by the proxy (GRIP headers) and only opened for a phone of this session; the
host's changes and the room's new boards are published to the session's channel, with nothing of anyone in them.
Without GRIP_URL everything stays as it was (no stream, polling); a stream request that did not come through the
proxy (or carries a forged signature) is refused, and the phone keeps polling.
"""

import json
import time

import jwt
import pytest
from django.test import Client, override_settings
from django.urls import reverse

from dialogue import push, services, state
from dialogue.models import Participant, new_token

from .conftest import act, join

pytestmark = pytest.mark.django_db

KEY = "pushpin-test-key-0123456789-abcdefghijklmnop"
GRIP_URL = f"http://127.0.0.1:5561?iss=pushpin&key={KEY}"


def signature(key: str = KEY) -> str:
    return jwt.encode({"iss": "pushpin", "exp": int(time.time()) + 3600}, key, algorithm="HS256")


def through_proxy(key: str = KEY) -> dict:
    return {"Grip-Sig": signature(key)}


@pytest.fixture
def published(monkeypatch):
    """What the site publishes, per channel, in order (the proxy itself is tested in tests/test_pushpin_launcher.py
    and in the browser test)."""
    sent = []
    monkeypatch.setattr(push, "_send", lambda code, content: sent.append((push.channel(code), content)))
    return sent


def events(sent, name):
    return [content for _, content in sent if content.startswith(f"event: {name}\n")]


def stream(client: Client, session, **headers):
    return client.get(reverse("doemee:participant_stream", args=[session.code]), headers=headers)


def page(client: Client, session, **headers) -> str:
    return client.get(reverse("doemee:participant", args=[session.code]), headers=headers).content.decode()


@override_settings(GRIP_URL=GRIP_URL)
def test_the_page_names_a_stream_that_the_proxy_holds(live):
    phone = join(live)
    assert f'data-stream="/doe-mee/{live.code}/stroom/"' in page(phone, live)  # the page itself comes directly

    response = stream(phone, live, **through_proxy())

    assert response.status_code == 200
    assert response["Content-Type"] == "text/event-stream"
    assert response["Grip-Hold"] == "stream"
    assert response["Grip-Channel"] == f"doemee-{live.code}"
    assert "timeout=25" in response["Grip-Keep-Alive"]
    assert "no-store" in response["Cache-Control"]
    body = response.content.decode()
    assert body.startswith("event: stand\ndata: ") and body.endswith("\n\n")
    version, stage, spread, offset = body.split("data: ")[1].split()
    # The state version and stage, so a phone that reconnects after a gap fetches what it missed, at once.
    assert version.isdigit() and stage == f"{live.current_statement_id}-1" and (spread, offset) == ("2000", "0")


def test_without_the_proxy_the_phone_polls_as_before(live):
    phone = join(live)
    html = page(phone, live, **through_proxy())  # no GRIP_URL: a Grip-Sig header means nothing
    assert "data-stream" not in html
    assert 'data-hx-trigger="every 2s, stand"' in html
    assert stream(phone, live, **through_proxy()).status_code == 404


@override_settings(GRIP_URL=GRIP_URL)
def test_a_stream_request_that_bypassed_the_proxy_is_refused(live):
    phone = join(live)
    for headers in ({}, through_proxy("somebody-elses-key-0123456789-abcdefghijk"), {"Grip-Sig": "not-a-token"}):
        response = stream(phone, live, **headers)
        assert response.status_code == 404
        assert "Grip-Hold" not in response


@override_settings(GRIP_URL=GRIP_URL)
def test_only_a_phone_of_this_session_gets_its_stream(live, host, statement_set):
    from dialogue import services

    stranger = Client()
    assert stream(stranger, live, **through_proxy()).status_code == 404

    other = services.session_start(host=host, statement_set=statement_set)
    phone_elsewhere = join(other)
    cookie = phone_elsewhere.cookies[f"doemee-{other.code}-id"].value
    stranger.cookies[f"doemee-{live.code}-id"] = cookie  # a valid cookie of another session, under this code
    assert stream(stranger, live, **through_proxy()).status_code == 404

    phone = join(live)
    services.session_close(session=live)
    assert stream(phone, live, **through_proxy()).status_code == 404


@override_settings(GRIP_URL=GRIP_URL)
def test_the_hosts_change_is_published_after_it_is_committed(
    live, host_client, published, django_capture_on_commit_callbacks
):
    join(live)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        act(host_client, live, "volgende")
        assert not events(published, "stand")  # not before the statement is stored: a phone would fetch the old one
    for callback in callbacks:
        callback()

    (stand,) = events(published, "stand")
    assert published[-1][0] == f"doemee-{live.code}"
    phone = join(live)
    token, stage = page(phone, live).split("?v=")[1].split('"')[0].split("&amp;fase=")
    assert stand == f"event: stand\ndata: {token} {stage} 2000 0\n\n"  # what the phone's fresh page shows


@pytest.mark.parametrize(("phones", "spread"), [(1, 2000), (300, 2000), (500, 3000), (1000, 6000), (5000, 8000)])
def test_a_bigger_room_spreads_its_fetches_over_a_longer_window(phones, spread):
    # About 3 ms of CPU per fetch: whatever the room's size, its fetches after a change take half a core at most,
    # and no phone waits longer than 8 s.
    assert push.spread_ms(phones) == spread


@override_settings(GRIP_URL=GRIP_URL)
def test_the_window_follows_the_rooms_size(live, host_client, published, django_capture_on_commit_callbacks):
    for _ in range(400):
        Participant.objects.create(session=live, token=new_token())
    with django_capture_on_commit_callbacks(execute=True):
        act(host_client, live, "volgende")
    (stand,) = events(published, "stand")
    assert stand.endswith(" 2400 0\n\n")


@override_settings(GRIP_URL=GRIP_URL)
def test_rooms_that_change_together_share_one_window(
    live, host, statement_set, host_client, published, django_capture_on_commit_callbacks
):
    """Four rooms of 250 whose hosts press "volgende" at once fetch from the same servers: each room's fetches start
    after the rooms before it, as the phones of one room of 1,000 would, so the site never gets 1,000 fetches
    within 2 s."""
    rooms = [live] + [services.session_start(host=host, statement_set=statement_set) for _ in range(3)]
    for room in rooms:
        Participant.objects.bulk_create(Participant(session=room, token=new_token()) for _ in range(250))
    with django_capture_on_commit_callbacks(execute=True):
        for room in rooms:
            services.session_move(session=room, step=1)

    windows = [tuple(map(int, stand.split()[-2:])) for stand in events(published, "stand")]
    assert windows == [(2000, 0), (2000, 1500), (2000, 3000), (2000, 4500)]  # (spread, start after), in ms
    assert [channel for channel, _ in published] == [push.channel(room.code) for room in rooms]


@override_settings(GRIP_URL=GRIP_URL)
def test_a_reveal_does_not_widen_the_next_statements_window(
    live, host_client, published, django_capture_on_commit_callbacks
):
    """After a reveal the phones wait for its pushed board instead of fetching, so it does not count as fetching:
    the next statement, seconds later, waits only for the fetches of the statement before."""
    Participant.objects.bulk_create(Participant(session=live, token=new_token()) for _ in range(400))
    with django_capture_on_commit_callbacks(execute=True):
        act(host_client, live, "volgende")
    with django_capture_on_commit_callbacks(execute=True):
        act(host_client, live, "tonen")
    with django_capture_on_commit_callbacks(execute=True):
        act(host_client, live, "volgende")

    windows = [tuple(map(int, stand.split()[-2:])) for stand in events(published, "stand")]
    assert windows == [(2400, 0), (2400, 0), (2400, 2400)]  # the first statement's fetches may still be going on


def test_the_count_of_phones_fetching_goes_back_to_none_after_the_slots(monkeypatch):
    clock = [1_000_000.0]
    monkeypatch.setattr(push.time, "time", lambda: clock[0])
    assert push.phones_fetching_before(300) == 0
    assert push.phones_fetching_before(200) == 300  # the same slot
    clock[0] += push.FETCHING_SECONDS
    assert push.phones_fetching_before(100) == 500  # the slot before still counts: its fetches may still be going on
    clock[0] += push.FETCHING_SECONDS
    assert push.phones_fetching_before(100) == 100
    clock[0] += 2 * push.FETCHING_SECONDS
    assert push.phones_fetching_before(40) == 0
    assert push.offset_ms(5000) == push.MAX_OFFSET_MS  # however busy, a phone starts within 8 s


@override_settings(GRIP_URL=GRIP_URL)
def test_a_new_board_after_the_reveal_is_published_as_the_shared_fragment(live, host_client, published, monkeypatch):
    monkeypatch.setattr(state, "BOARD_SECONDS", 1)  # boards shared for a second, as in production
    moved, watcher = join(live), join(live)
    act(host_client, live, "tonen")
    moved.post(reverse("doemee:position", args=[live.code]), {"plek": 15}, headers={"HX-Request": "true"})
    published.clear()

    host_client.get(reverse("live:projector_poll", args=[live.public_id]))  # the projector's poll computes it

    (board,) = events(published, "board")
    data = json.loads(board.removeprefix("event: board\ndata: ").removesuffix("\n\n"))
    assert data["fase"] == f"{live.current_statement_id}-1"
    assert "Hier staat de groep" in data["html"] and "1 plek" in data["html"]
    assert "jij" not in data["html"]  # each phone adds its own marker
    for secret in (moved.cookies[f"doemee-{live.code}"].value, live.public_id, "127.0.0.1", "csrf"):
        assert secret not in board
    # A phone without a place that polls now gets exactly what was pushed (one shared render).
    poll = watcher.get(reverse("doemee:participant_poll", args=[live.code]), {"v": "0", "fase": data["fase"]})
    assert poll.content.decode() == data["html"]


@override_settings(GRIP_URL=GRIP_URL)
def test_no_board_is_published_before_the_reveal(live, host_client, published):
    phone = join(live)
    phone.post(reverse("doemee:position", args=[live.code]), {"plek": 3})
    host_client.get(reverse("live:projector_poll", args=[live.public_id]))
    assert not events(published, "board")


def test_without_grip_url_nothing_is_published(live, host_client, published, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        act(host_client, live, "tonen")
    host_client.get(reverse("live:projector_poll", args=[live.public_id]))
    assert published == []


@override_settings(GRIP_URL=GRIP_URL)
def test_a_proxy_that_is_down_never_fails_the_hosts_action(
    live, host_client, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    class Unreachable:
        def publish_http_stream(self, *args, **kwargs):
            raise ConnectionError("connection refused")

    monkeypatch.setattr(push, "_publisher", lambda grip_url: Unreachable())
    with django_capture_on_commit_callbacks(execute=True):
        response = act(host_client, live, "tonen")
    assert response.status_code == 302
    live.refresh_from_db()
    assert live.revealed
    assert "publish to doemee-" in caplog.text


@override_settings(GRIP_URL=GRIP_URL)
def test_a_failing_publish_never_fails_the_hosts_change(
    live, host_client, published, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    def cache_down(phones):
        raise ConnectionError("Redis is gone")

    monkeypatch.setattr(push, "phones_fetching_before", cache_down)
    with django_capture_on_commit_callbacks(execute=True):
        response = act(host_client, live, "volgende")

    assert response.status_code == 302
    live.refresh_from_db()
    assert live.current_statement.sort_order == 1  # the change is stored
    assert not events(published, "stand")  # the phones' safety poll brings the change
    assert "Redis is gone" in caplog.text
