"""Who may read and answer an attempt. The cast: the session that started it, another anonymous visitor, the
signed-in owner, another signed-in user, and an anonymous visitor for a signed-in user's attempt."""

import pytest
from django.test import Client

from lessons.models import Answer
from tests.factories import UserFactory

from .conftest import Run, start_run

pytestmark = pytest.mark.django_db


def _views(run: Run) -> list[str]:
    code = run.attempt.code
    return [f"/oefenen/starter/{code}/", run.item_url(1), run.summary_url]


def _try_everything(run: Run, client: Client, key: str) -> list[int]:
    statuses = [client.get(url).status_code for url in _views(run)]
    statuses += [
        run.post(1, 1, {"bericht": key, "soort": "opinion"}, client=client).status_code,
        run.post(1, 2, {"bericht": key, "concreetheid": "1", "bereik": "1"}, client=client).status_code,
        run.post(1, 3, {"bericht": key, "actie": ["ignore"]}, client=client).status_code,
    ]
    return statuses


def test_the_session_that_started_an_anonymous_attempt_may_use_it(run, posts):
    assert _try_everything(run, run.client, posts[0].key) == [302, 200, 200, 302, 302, 302]
    assert Answer.objects.get().responses == ["ignore"]


@pytest.mark.parametrize("owner_signed_in", [False, True])
@pytest.mark.parametrize("stranger_signed_in", [False, True])
def test_nobody_else_may_read_or_answer_an_attempt(exercise_set, posts, owner_signed_in, stranger_signed_in):
    owner, stranger = Client(), Client()
    if owner_signed_in:
        owner.force_login(UserFactory())
    if stranger_signed_in:
        stranger.force_login(UserFactory())
    run = start_run(owner, exercise_set)

    assert _try_everything(run, stranger, posts[0].key) == [404] * 6
    assert not Answer.objects.exists()


def test_a_stolen_code_in_another_session_is_still_refused(run, posts):
    other = Client()
    other.get("/oefenen/")  # a session of its own
    session = other.session
    session["oefenen_pogingen"] = ["iets-anders"]
    session.save()

    assert other.get(run.item_url(1)).status_code == 404


@pytest.fixture
def owner():
    return UserFactory()


@pytest.fixture
def user_run(exercise_set, owner) -> Run:
    client = Client()
    client.force_login(owner)
    return start_run(client, exercise_set)


def test_signed_in_owner_may_use_the_attempt_in_any_browser(user_run, owner, posts):
    assert user_run.attempt.user == owner
    elsewhere = Client()
    elsewhere.force_login(owner)

    assert _try_everything(user_run, elsewhere, posts[0].key) == [302, 200, 200, 302, 302, 302]


def test_after_signing_out_the_attempt_is_no_longer_reachable(user_run, posts):
    user_run.client.logout()

    assert user_run.client.get(user_run.item_url(1)).status_code == 404


def test_intro_only_offers_the_learners_own_attempts(run, posts, exercise_set):
    run.post(1, 1, {"bericht": posts[0].key, "soort": "opinion"})

    stranger = Client().get("/oefenen/starter/").content.decode()

    assert "Ga verder waar je was" not in stranger and run.attempt.code not in stranger
