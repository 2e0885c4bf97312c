"""The response cache for a learner's own exercise pages: fast on a repeat, never stale, never someone else's."""

import pytest
from django.core.cache import cache
from django.test import Client

from lessons.models import Answer, Attempt
from lessons.practice.attempt_cache import _state_key


@pytest.fixture
def warm(run):
    """The learner has opened the first post once (so the browser has its CSRF cookie)."""
    run.client.get(run.item_url(1))
    return run


def test_a_repeated_page_needs_no_query(warm, django_assert_num_queries):
    first = warm.client.get(warm.item_url(1))
    with django_assert_num_queries(0):
        again = warm.client.get(warm.item_url(1))
    assert again.status_code == 200 and again.content == first.content
    assert "no-store" in again["Cache-Control"]


def test_a_stored_step_shows_at_once(warm, posts):
    warm.client.get(warm.item_url(1))
    warm.post(1, 1, {"bericht": posts[0].key, "soort": "opinion"})
    page = warm.client.get(warm.item_url(1)).content.decode()
    assert "Goed! Dit is een mening." in page and 'name="concreetheid"' in page


def test_a_repeated_post_is_answered_the_same_and_stores_once(warm, posts, django_assert_num_queries):
    data = {"bericht": posts[0].key, "soort": "threat"}
    first = warm.post(1, 1, data, htmx=True)
    second = warm.post(1, 1, data, htmx=True)
    with django_assert_num_queries(0):
        third = warm.post(1, 1, data, htmx=True)
    assert first.status_code == second.status_code == third.status_code == 200
    assert second.content == third.content
    assert Answer.objects.count() == 1 and not Answer.objects.get().is_correct


def test_bad_input_is_still_refused(warm, posts):
    warm.post(1, 1, {"bericht": posts[0].key, "soort": "opinion"}, htmx=True)
    refused = warm.post(1, 2, {"bericht": posts[0].key, "concreetheid": "9", "bereik": "1"}, htmx=True)
    assert refused.status_code == 400
    assert Answer.objects.get().concreteness is None


def test_another_browser_never_gets_the_cached_page(warm):
    warm.client.get(warm.item_url(1))
    stranger = Client()
    stranger.get("/oefenen/")
    stranger.cookies["csrftoken"] = warm.client.cookies["csrftoken"].value  # even with the same CSRF cookie
    assert stranger.get(warm.item_url(1)).status_code == 404


def test_a_deleted_attempt_is_gone_from_the_cache(warm):
    warm.client.get(warm.item_url(1))
    Attempt.objects.all().delete()
    assert warm.client.get(warm.item_url(1)).status_code == 404


def test_an_edited_post_shows_its_new_text(warm, posts):
    warm.client.get(warm.item_url(1))
    posts[0].text = "Een herschreven bericht van de redactie."
    posts[0].save()
    assert "Een herschreven bericht van de redactie." in warm.client.get(warm.item_url(1)).content.decode()


def test_a_code_from_the_address_leaves_nothing_in_the_cache_for_ever(warm):
    """Any code in an address reaches the cache before the view refuses it. Its state number used to be kept
    without expiry, so guessed addresses filled the shared cache; a code longer than any attempt's made a key
    too long for some cache servers."""
    assert warm.client.get("/oefenen/starter/onbekendecode1234567/1/").status_code == 404
    assert cache._expire_info[cache.make_key(_state_key("onbekendecode1234567"))] is not None

    long_code = "a" * 300
    assert warm.client.get(f"/oefenen/starter/{long_code}/1/").status_code == 404
    assert not any(long_code in key for key in cache._cache)
