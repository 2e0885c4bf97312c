"""The 2-second polls: 204 from one cache read while nothing changed, a fixed number of queries otherwise, and
286 once the session has ended."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dialogue import services, state

from .conftest import act, join, member_of

pytestmark = pytest.mark.django_db


def _poll_url(html: str) -> str:
    return re.search(r'hx-get="([^"]+)"', html).group(1).replace("&amp;", "&")


def test_projector_poll_costs_no_query_while_nothing_changed(live, host_client):
    page = host_client.get(reverse("live:projector", args=[live.public_id])).content.decode()
    url = _poll_url(page)
    projector = Client()  # the fragment needs no sign-in: its URL holds the unguessable public id

    with CaptureQueriesContext(connection) as queries:
        response = projector.get(url)
    assert response.status_code == 204 and len(queries) == 0

    join(live)
    changed = projector.get(url)
    assert changed.status_code == 200
    assert "1 deelnemer" in changed.content.decode()
    assert projector.get(_poll_url(changed.content.decode())).status_code == 204


def test_participant_poll_costs_no_query_while_nothing_changed(live):
    phone = join(live)
    page = phone.get(reverse("doemee:participant", args=[live.code])).content.decode()
    url = _poll_url(page)
    with CaptureQueriesContext(connection) as queries:
        assert phone.get(url).status_code == 204
    assert len(queries) == 0


@pytest.mark.parametrize("phones", [2, 12])
def test_changed_poll_takes_the_same_queries_whatever_the_room(live, host_client, phones):
    clients = [join(live) for _ in range(phones)]
    for n, client in enumerate(clients):
        client.post(reverse("doemee:position", args=[live.code]), {"plek": n % 21})
        client.post(reverse("doemee:comment", args=[live.code]), {"tekst": f"Reactie {n}"})
    act(host_client, live, "tonen")
    projector_url = reverse("live:projector_poll", args=[live.public_id]) + "?v=0"
    phone_url = reverse("doemee:participant_poll", args=[live.code]) + "?v=0&fase=x"

    with CaptureQueriesContext(connection) as projector_queries:
        assert Client().get(projector_url).status_code == 200
    with CaptureQueriesContext(connection) as phone_queries:
        response = clients[0].get(phone_url)
    assert response.status_code == 200 and 'hx-swap-oob="true"' in response.content.decode()
    # session, statement ids, participant count, distribution, approved comments
    assert len(projector_queries) == 5
    # + the participant, their places and their comment, + the session once per state for the phones' quick
    # poll's snapshot (views._quick_poll), which then leaves this poll (a new statement) to the full path
    assert len(phone_queries) == 9


def test_poll_without_a_change_of_statement_leaves_the_slider_alone(live):
    services.session_reveal(session=live, revealed=True)
    phone = join(live)
    page = phone.get(reverse("doemee:participant", args=[live.code])).content.decode()
    join(live)  # something changed, but not the statement or round
    response = phone.get(_poll_url(page))
    assert response.status_code == 200 and 'id="plaats"' not in response.content.decode()


def test_polls_stop_with_286_when_the_session_ends(live, host_client):
    phone = join(live)
    phone_page = phone.get(reverse("doemee:participant", args=[live.code])).content.decode()
    projector_page = host_client.get(reverse("live:projector", args=[live.public_id])).content.decode()

    act(host_client, live, "afsluiten")

    projector = Client().get(_poll_url(projector_page))
    assert projector.status_code == 286 and "Deze sessie is afgesloten" in projector.content.decode()
    assert "hx-trigger" not in projector.content.decode()
    response = phone.get(_poll_url(phone_page))
    assert response.status_code == 286 and "Deze sessie is afgesloten" in response.content.decode()


def test_polls_stop_when_the_session_expires(live):
    phone = join(live)
    page = phone.get(reverse("doemee:participant", args=[live.code])).content.decode()
    type(live).objects.filter(pk=live.pk).update(expires_at=live.created_at)
    from django.core.cache import cache

    cache.clear()  # the version key lapses with the session
    response = phone.get(_poll_url(page))
    assert response.status_code == 286 and "Deze sessie is verlopen" in response.content.decode()


def test_host_changes_set_a_new_state_and_participants_mark_activity(live):
    from django.core.cache import cache

    state_key, activity_key = state.state_keys(live.code)
    seen = {cache.get(state_key)}
    services.session_reveal(session=live, revealed=True)
    seen.add(cache.get(state_key))
    services.session_move(session=live, step=1)
    seen.add(cache.get(state_key))
    assert len(seen) == 3 and None not in seen
    assert cache.get(activity_key) is None
    member = member_of(join(live), live)
    services.position_set(session=live, participant=member, value=3)
    assert cache.get(activity_key) and cache.get(state_key) in seen
    assert cache.get(state.state_keys(live.public_id)[1]) == cache.get(activity_key)


def test_a_burst_of_moves_computes_the_board_about_once_a_second(live, monkeypatch):
    """With sharing on (as in production), polls during a burst reuse one board; once the burst is over and the
    board has been recomputed, polls are unchanged again."""
    monkeypatch.setattr(state, "BOARD_SECONDS", 1)
    services.session_reveal(session=live, revealed=True)
    phones = [join(live) for _ in range(5)]
    url = reverse("live:projector_poll", args=[live.public_id]) + "?v=0"
    projector = Client()
    first = projector.get(url)
    for n, phone in enumerate(phones):
        phone.post(reverse("doemee:position", args=[live.code]), {"plek": n})
    with CaptureQueriesContext(connection) as queries:
        shared = projector.get(_poll_url(first.content.decode()))
    assert shared.status_code == 200 and len(queries) == 1  # only the session: the board came from the cache
    from django.core.cache import cache

    cache.delete_many([k for k in [f"dialogue:board:{live.code}:{state.state_version(session=live)}"]])
    fresh = projector.get(_poll_url(shared.content.decode()))
    assert "Zo staat de groep: 5 plekken" in fresh.content.decode()
    assert projector.get(_poll_url(fresh.content.decode())).status_code == 204


def test_host_poll_brings_new_comments_and_stops_at_the_end(live, host_client, other_host):
    page = host_client.get(reverse("live:host", args=[live.public_id])).content.decode()
    url = _poll_url(page)
    assert host_client.get(url).status_code == 204
    stranger = Client()
    stranger.force_login(other_host)
    assert stranger.get(reverse("live:host_poll", args=[live.public_id]) + "?v=1").status_code == 404

    phone = join(live)
    phone.post(reverse("doemee:comment", args=[live.code]), {"tekst": "Goed gesprek"})
    response = host_client.get(url)
    html = response.content.decode()
    assert (
        response.status_code == 200 and "Goed gesprek" in html and 'id="reacties-lijst" data-hx-swap-oob="true"' in html
    )
    assert "Laat de verdeling zien" not in html  # the buttons stay where they are

    act(host_client, live, "afsluiten")
    assert host_client.get(_poll_url(html)).status_code == 286


def test_before_the_reveal_phones_polls_ignore_other_phones(live, host_client):
    phone = join(live)
    url = _poll_url(phone.get(reverse("doemee:participant", args=[live.code])).content.decode())
    for n in range(3):
        join(live).post(reverse("doemee:position", args=[live.code]), {"plek": n})
    with CaptureQueriesContext(connection) as queries:
        assert phone.get(url).status_code == 204
    assert len(queries) == 0

    act(host_client, live, "tonen")
    revealed = phone.get(url)
    assert revealed.status_code == 200 and "Hier staat de groep" in revealed.content.decode()
    url = _poll_url(revealed.content.decode())
    join(live).post(reverse("doemee:position", args=[live.code]), {"plek": 20})
    assert phone.get(url).status_code == 200  # after the reveal, every move shows


@pytest.mark.parametrize("computed", ["²", "١٢", "1_0", " 1", "9" * 40])
def test_a_forged_board_time_in_the_token_just_renders_again(live, host_client, computed):
    """A token "<state>-²" passed str.isdigit() and then failed int(): a 500 for anyone who copied the state
    number from the page."""
    page = host_client.get(reverse("live:projector", args=[live.public_id])).content.decode()
    url = _poll_url(page)
    forged = re.sub(r"v=(\d+)-\d+", lambda m: f"v={m.group(1)}-{computed}", url)
    assert forged != url

    assert Client().get(forged).status_code == 200


@pytest.mark.parametrize("ident", ["ABC\x00EF", "}\x10", "A" * 65, ""])
def test_junk_in_the_address_never_becomes_a_cache_key(ident, monkeypatch):
    def no_cache(*args, **kwargs):
        raise AssertionError("the cache was asked")

    monkeypatch.setattr(state.cache, "get", no_cache)
    monkeypatch.setattr(state.cache, "get_many", no_cache)
    assert state.unchanged(ident=ident, token="1-2") is False
    assert state.unchanged(ident=ident, token="1") is False


CSRF_VALUE = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+"')


@pytest.mark.parametrize("situation", ["new statement", "second round, placed and commented", "comment waiting"])
def test_a_new_stage_answers_the_whole_room_from_the_cache_and_one_query(live, host_client, situation):
    """After "volgende stelling" or "opnieuw" every phone asks within seconds; once the stage's shared fragment is
    rendered (by the first phone), each phone's answer (fragment + own slider and comment form) costs one query and is
    the same as the full path's, slider place and comment included."""
    phones = [join(live) for _ in range(2)]
    page = phones[1].get(reverse("doemee:participant", args=[live.code])).content.decode()
    if situation != "new statement":
        phones[1].post(reverse("doemee:position", args=[live.code]), {"plek": 4})
        phones[1].post(reverse("doemee:comment", args=[live.code]), {"tekst": "Omdat <b>het</b> kan."})
        if situation == "second round, placed and commented":
            comment = member_of(phones[1], live).comments.get()
            services.comment_moderate(session=live, comment_id=comment.pk, approved=True)
    act(host_client, live, "volgende" if situation == "new statement" else "opnieuw")
    url = _poll_url(page)  # the phones still show the stage before

    full = phones[0].get(url)  # the first phone renders the shared fragment (full path)
    with CaptureQueriesContext(connection) as queries:
        quick = phones[1].get(url)
    assert len(queries) == 1, [query["sql"] for query in queries]  # before the next request resets the log
    cache_cleared_full = _full_path_answer(phones[1], url)

    assert full.status_code == quick.status_code == 200
    html = quick.content.decode()
    assert _comparable(html) == _comparable(cache_cleared_full)
    assert 'id="plaats" data-hx-swap-oob="true"' in html
    if situation == "new statement":
        assert "Stelling 2 van" in html and "Je hebt nog geen plek gekozen." in html and 'value="10"' in html
    else:
        assert "Tweede ronde" in html and 'value="4"' in html  # the slider starts at round 1's place
        assert "Omdat &lt;b&gt;het&lt;/b&gt; kan." in html
        waiting = "De gespreksleider kijkt eerst naar je reactie."
        assert (waiting in html) == (situation == "comment waiting")
        assert ("Je reactie staat op het scherm." in html) == (situation != "comment waiting")


def _comparable(html: str) -> str:
    """Without what differs between two answers to one phone: the masked CSRF token and the state version (a cleared
    cache starts a new one)."""
    return re.sub(r"\?v=\d+", "?v=x", CSRF_VALUE.sub(r"\1x", html))


def _full_path_answer(phone: Client, url: str) -> str:
    """The same phone's answer by the full path (its shared fragment and the session's snapshot gone)."""
    from django.core.cache import cache

    cache.clear()
    return phone.get(url).content.decode()


def test_a_new_stage_for_a_removed_phone_takes_the_full_path_and_stops_it(live, host_client):
    phones = [join(live) for _ in range(2)]
    page = phones[1].get(reverse("doemee:participant", args=[live.code])).content.decode()
    act(host_client, live, "volgende")
    url = _poll_url(page)
    assert phones[0].get(url).status_code == 200  # the shared fragment is rendered
    member_of(phones[1], live).delete()

    assert phones[1].get(url).status_code == 286
