"""Coalesced boards and shared screen fragments (issue 17, scale): a burst of moves publishes at most one new board
a second, the last change always shows a second later, and the projector's and host's fragments are rendered once
per published board, however many screens poll them."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dialogue import selectors, services, state, views

from .conftest import act, join, member_of

pytestmark = pytest.mark.django_db
SECOND = 1_000_000_000


@pytest.fixture
def clock(monkeypatch):
    """Production's sharing (BOARD_SECONDS = 1) on a clock the test moves on."""
    monkeypatch.setattr(state, "BOARD_SECONDS", 1)
    monkeypatch.setattr(state, "ACTIVITY_AHEAD", SECOND)
    now = [10**18]
    monkeypatch.setattr(state, "_now", lambda: now[0])

    def advance(seconds: float) -> None:
        now[0] += int(seconds * SECOND)
        cache.delete_many([k for k in _lock_keys()])  # the lock lapses in real time; the test moves faster

    return advance


_locks: list[str] = []


def _lock_keys():
    return list(_locks)


@pytest.fixture
def counted(monkeypatch, live):
    """How often the board is computed."""
    calls = []
    real = selectors.board

    def board(*, session):
        calls.append(1)
        return real(session=session)

    monkeypatch.setattr(selectors, "board", board)
    _locks[:] = [f"dialogue:board-lock:{live.code}:{state.state_version(session=live)}"]
    return calls


def _poll_url(html: str) -> str:
    return re.search(r'hx-get="([^"]+)"', html).group(1).replace("&amp;", "&")


def _move(phone: Client, live, value: int) -> None:
    assert phone.post(reverse("doemee:position", args=[live.code]), {"plek": value}).status_code == 302


def test_a_burst_of_moves_publishes_one_board_a_second_and_the_last_move_shows(live, host_client, clock, counted):
    act(host_client, live, "tonen")
    _locks[:] = [f"dialogue:board-lock:{live.code}:{state.state_version(session=live)}"]
    phones = [join(live) for _ in range(6)]
    projector = Client()
    first = projector.get(reverse("live:projector_poll", args=[live.public_id]) + "?v=0")
    tokens = {_poll_url(first.content.decode())}
    computed = len(counted)
    for n, phone in enumerate(phones):  # a burst within one second: every poll shows the same board
        _move(phone, live, n)
        response = projector.get(_poll_url(first.content.decode()))
        tokens.add(_poll_url(response.content.decode()))
    assert len(counted) == computed and len(tokens) == 1

    clock(1.1)  # a second later, the next poll publishes one new board with every move of the burst
    later = projector.get(_poll_url(first.content.decode()))
    assert len(counted) == computed + 1
    assert "Zo staat de groep: 6 plekken" in later.content.decode()
    clock(1.1)  # nothing happened since: no new board, and the poll is unchanged
    assert projector.get(_poll_url(later.content.decode())).status_code == 204
    assert len(counted) == computed + 1


def test_the_last_change_of_a_burst_is_never_lost(live, host_client, clock, counted):
    act(host_client, live, "tonen")
    _locks[:] = [f"dialogue:board-lock:{live.code}:{state.state_version(session=live)}"]
    phone = join(live)
    url = _poll_url(phone.get(reverse("doemee:participant", args=[live.code])).content.decode())
    _move(phone, live, 3)
    shown = phone.get(url)
    url = _poll_url(shown.content.decode())
    _move(phone, live, 17)  # right after the board was published: this second shows the board without it
    within = phone.get(url)
    assert within.status_code == 200  # not "unchanged": the phone keeps asking until it sees the move
    clock(1.1)
    after = phone.get(_poll_url(within.content.decode()))
    assert after.status_code == 200
    assert member_of(phone, live).positions.get().value == 17
    board, _ = state.board_with_token(session=live, compute=selectors.board)
    assert board.current.counts[17] == 1 and board.current.counts[3] == 0


def test_of_many_polls_after_the_second_one_computes_the_board(live, clock, counted):
    services.session_reveal(session=live, revealed=True)
    _locks[:] = [f"dialogue:board-lock:{live.code}:{state.state_version(session=live)}"]
    state.board_with_token(session=live, compute=selectors.board)
    member = member_of(join(live), live)
    services.position_set(session=live, participant=member, value=4)
    clock(1.1)
    before = len(counted)
    tokens = {state.board_with_token(session=live, compute=selectors.board)[1] for _ in range(20)}
    assert len(counted) == before + 1 and len(tokens) == 1


def test_a_host_change_shows_at_once(live, host_client, clock, counted):
    projector = Client()
    first = projector.get(reverse("live:projector_poll", args=[live.public_id]) + "?v=0")
    act(host_client, live, "volgende")  # a new state version: no waiting for the second
    changed = projector.get(_poll_url(first.content.decode()))
    assert changed.status_code == 200 and "Stelling 2 van 3" in changed.content.decode()


def test_many_screens_on_one_session_cost_one_render_per_board(live, host_client, clock, counted, monkeypatch):
    act(host_client, live, "tonen")
    renders = []
    real = views.render_to_string
    monkeypatch.setattr(views, "render_to_string", lambda *a, **k: renders.append(a[0]) or real(*a, **k))
    screens = [Client() for _ in range(5)]
    url = reverse("live:projector_poll", args=[live.public_id]) + "?v=0"
    pages = [screen.get(url).content.decode() for screen in screens]
    assert len(set(pages)) == 1 and renders.count("dialogue/projector.html#board") == 1
    with CaptureQueriesContext(connection) as queries:
        assert screens[0].get(url).status_code == 200
    assert len(queries) == 1  # the session only: the board and the fragment came from the cache


def test_the_host_counts_are_shared_but_the_comment_forms_are_the_hosts_own(live, host_client, clock, monkeypatch):
    renders = []
    real = views.render_to_string
    monkeypatch.setattr(views, "render_to_string", lambda *a, **k: renders.append(a[0]) or real(*a, **k))
    url = reverse("live:host_poll", args=[live.public_id]) + "?v=0"
    first, second = host_client.get(url).content.decode(), host_client.get(url).content.decode()
    assert renders.count("dialogue/host.html#status") == 1
    assert renders.count("dialogue/host.html#comments") == 2  # they hold the host's CSRF token: never shared
    assert 'id="host-status"' in first and 'id="host-status"' in second
    join(live).post(reverse("doemee:comment", args=[live.code]), {"tekst": "Mooi gesprek"})
    assert "Mooi gesprek" in host_client.get(url).content.decode()


def test_a_burst_of_quick_moves_writes_the_activity_mark_about_once_a_second(live, host_client, clock, monkeypatch):
    act(host_client, live, "tonen")
    phones = [join(live) for _ in range(5)]
    writes = []
    real = cache.set_many
    monkeypatch.setattr(cache, "set_many", lambda data, *a, **k: writes.append(list(data)) or real(data, *a, **k))
    url = reverse("doemee:position", args=[live.code])
    for n, phone in enumerate(phones):
        assert phone.post(url, {"plek": n}, HTTP_HX_REQUEST="true").status_code == 200
    activity = [w for w in writes if state.state_keys(live.code)[1] in w]
    assert len(activity) == 1  # the first move's mark covers the next second
    clock(1.1)
    assert phones[0].post(url, {"plek": 20}, HTTP_HX_REQUEST="true").status_code == 200
    assert len([w for w in writes if state.state_keys(live.code)[1] in w]) == 2


def test_a_quick_move_after_a_board_is_never_lost(live, host_client, clock):
    act(host_client, live, "tonen")
    phone = join(live)
    url = reverse("doemee:position", args=[live.code])
    phone.post(url, {"plek": 2}, HTTP_HX_REQUEST="true")
    board, token = state.board_with_token(session=live, compute=selectors.board)  # computed within the mark
    phone.post(url, {"plek": 19}, HTTP_HX_REQUEST="true")  # no new mark: the first one still covers it
    assert not state.unchanged(ident=live.code, token=token)  # so a poll holding that board renders again
    clock(1.1)
    board, token = state.board_with_token(session=live, compute=selectors.board)
    assert board.current.counts[19] == 1 and board.current.counts[2] == 0
    clock(1.1)
    assert state.unchanged(ident=live.code, token=token)  # and once the mark has passed, polls rest again


def test_after_a_reveal_phones_polls_cost_one_small_query_once_the_fragment_is_shared(live, host_client, clock):
    phones = [join(live) for _ in range(4)]
    url = reverse("doemee:position", args=[live.code])
    for phone, value in zip(phones, (5, 5, 5, 15), strict=True):
        phone.post(url, {"plek": value}, HTTP_HX_REQUEST="true")
    poll = _poll_url(phones[0].get(reverse("doemee:participant", args=[live.code])).content.decode())
    act(host_client, live, "tonen")
    first = phones[0].get(poll)  # renders the shared fragment for place 5
    with CaptureQueriesContext(connection) as queries:
        second = phones[1].get(poll)
    assert second.status_code == 200 and len(queries) == 1  # the phone's own place: the rest from the cache
    assert second.content == first.content and 'line__mark--me pos-5"' in second.content.decode()
    other = phones[3].get(poll).content.decode()  # place 15: not rendered yet, so the full path renders it
    assert 'line__mark--me pos-15"' in other and 'pos-5">jij' not in other


def test_the_quick_poll_leaves_a_new_statement_and_a_removed_phone_to_the_full_path(live, host_client, clock):
    phone = join(live)
    poll = _poll_url(phone.get(reverse("doemee:participant", args=[live.code])).content.decode())
    act(host_client, live, "volgende")
    moved_on = phone.get(poll).content.decode()
    assert 'hx-swap-oob="true"' in moved_on  # the slider for the new statement comes along
    member_of(phone, live).delete()
    act(host_client, live, "tonen")
    assert phone.get(_poll_url(moved_on)).status_code == 286  # no longer in the session: stop polling


def test_a_forged_id_cookie_never_takes_the_quick_poll(live, host_client, clock):
    phone, stranger = join(live), join(live)
    poll = _poll_url(phone.get(reverse("doemee:participant", args=[live.code])).content.decode())
    act(host_client, live, "tonen")
    phone.get(poll)
    name = f"doemee-{live.code}-id"
    stranger.cookies[name] = phone.cookies[name].value[:-2] + "xx"  # not signed by the site
    with CaptureQueriesContext(connection) as queries:
        assert stranger.get(poll).status_code == 200
    assert len(queries) > 1  # the full path, which finds the stranger by its own token
