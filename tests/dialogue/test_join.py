"""Join codes: the alphabet, uniqueness among live sessions, reuse after expiry, and throttled guessing."""

from datetime import timedelta

import pytest
from django.db import IntegrityError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from dialogue import selectors, services
from dialogue.models import JOIN_CODE_ALPHABET, LiveSession, Participant
from dialogue.throttle import CODE_TRIES_PER_MINUTE

from .conftest import join

pytestmark = pytest.mark.django_db


def test_code_is_unique_among_live_sessions_in_the_database(live, host, statement_set):
    with pytest.raises(IntegrityError):
        LiveSession.objects.create(host=host, statement_set=statement_set, code=live.code)


def test_a_closed_session_frees_its_code(live, host, statement_set):
    services.session_close(session=live)
    again = LiveSession.objects.create(host=host, statement_set=statement_set, code=live.code)
    assert again.pk


def test_start_draws_again_on_a_clash_and_closes_expired_holders(host, statement_set, monkeypatch):
    old = services.session_start(host=host, statement_set=statement_set)
    LiveSession.objects.filter(pk=old.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    live = services.session_start(host=host, statement_set=statement_set)
    codes = iter([live.code, live.code, old.code])
    monkeypatch.setattr(services, "new_join_code", lambda: next(codes))

    new = services.session_start(host=host, statement_set=statement_set)

    assert new.code == old.code and set(new.code) <= set(JOIN_CODE_ALPHABET)
    old.refresh_from_db()
    assert old.closed_at is not None
    assert new.expires_at - new.created_at == pytest.approx(timedelta(hours=12), abs=timedelta(seconds=5))


def test_a_set_without_statements_cannot_start(host):
    from tests.factories import StatementSetFactory

    with pytest.raises(services.NotAllowed):
        services.session_start(host=host, statement_set=StatementSetFactory())


def test_code_is_read_with_spaces_and_small_letters(live):
    response = Client().post(reverse("doemee:join"), {"code": f" {live.code[:3].lower()} {live.code[3:]} "})
    assert response.status_code == 302 and Participant.objects.count() == 1


def test_unknown_code_says_so_in_dutch(live):
    response = Client().post(reverse("doemee:join"), {"code": "ZZZZZZ" if live.code != "ZZZZZZ" else "YYYYYY"})
    assert response.status_code == 404
    assert "Deze code kennen we niet" in response.content.decode()


def test_an_empty_code_is_400_with_a_dutch_message(live):
    """An empty POST used to show the form again with 200 and no message."""
    response = Client().post(reverse("doemee:join"), {})
    assert response.status_code == 400
    assert "Vul de code in die je op het scherm ziet." in response.content.decode()


def test_a_code_or_cookie_with_a_nul_never_reaches_the_database(live, django_assert_num_queries):
    """PostgreSQL refuses a NUL in a query: a code from the address or a cookie holding one was a 500 there."""
    with django_assert_num_queries(0):
        assert selectors.session_get_by_code(code="ABC\x00EF") is None
        assert selectors.participant_get(session=live, token="\x00") is None
        assert selectors.participant_get(session=live, token="a" * 65) is None

    assert Client().get(f"/doe-mee/{live.code[:3]}%00{live.code[4:]}/").status_code == 404
    phone = join(live)
    phone.cookies[f"doemee-{live.code}"] = "\x00"
    assert "Doe mee" in phone.get(reverse("doemee:participant", args=[live.code])).content.decode()


def test_wrong_codes_are_throttled_per_ip_and_then_even_a_right_code_joins_nothing(live):
    guesser = Client(REMOTE_ADDR="10.0.0.7")
    wrong = "ZZZZZZ" if live.code != "ZZZZZZ" else "YYYYYY"
    statuses = [guesser.post(reverse("doemee:join"), {"code": wrong}).status_code for _ in range(CODE_TRIES_PER_MINUTE)]
    assert statuses == [404] * CODE_TRIES_PER_MINUTE

    for _ in range(50):
        response = guesser.post(reverse("doemee:join"), {"code": live.code})
        assert response.status_code == 429
    assert "te vaak een code geprobeerd" in response.content.decode()
    assert guesser.get(reverse("doemee:participant", args=[live.code])).status_code == 429
    assert not Participant.objects.exists()

    neighbour = Client(REMOTE_ADDR="10.0.0.8")
    assert neighbour.post(reverse("doemee:join"), {"code": live.code}).status_code == 302


def test_guessing_through_urls_counts_too(live):
    guesser = Client(REMOTE_ADDR="10.0.0.9")
    for n in range(CODE_TRIES_PER_MINUTE):
        guesser.get(reverse("doemee:participant", args=[f"ABCD{n:02d}"]))
    assert guesser.get(reverse("doemee:participant", args=[live.code])).status_code == 429


def test_one_phone_joins_once(live):
    phone = join(live)
    phone.post(reverse("doemee:join"), {"code": live.code})
    phone.post(reverse("doemee:participant_join", args=[live.code]))
    assert Participant.objects.count() == 1


def test_participant_cookie_is_http_only_and_anonymous(live):
    response = Client().post(reverse("doemee:join"), {"code": live.code})
    cookie = response.cookies[f"doemee-{live.code}"]
    assert cookie["httponly"] and cookie["path"] == "/doe-mee/" and cookie["samesite"] == "Lax"
    assert 0 < int(cookie["max-age"]) <= 12 * 3600


def test_guessing_through_the_poll_counts_too_and_a_fake_version_does_not_help(live):
    guesser = Client(REMOTE_ADDR="10.0.0.10")
    for n in range(CODE_TRIES_PER_MINUTE):
        response = guesser.get(reverse("doemee:participant_poll", args=[f"ABCD{n:02d}"]) + "?v=None")
        assert response.status_code == 404
    response = guesser.get(reverse("doemee:participant_poll", args=[live.code]) + "?v=None")
    assert response.status_code == 429
