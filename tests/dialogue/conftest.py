"""Shared data for the live-tool tests: a statement set, its host, another host, and helpers for phones."""

import pytest
from django.test import Client
from django.urls import reverse

from dialogue import services, state
from dialogue.models import LiveSession, Participant
from tests.factories import StatementFactory, StatementSetFactory, TeacherFactory


@pytest.fixture(autouse=True)
def _fresh_boards(monkeypatch):
    """Every render computes the board anew and every move marks activity, so a test sees each change at once
    (test_poll.py and test_coalesce.py test the sharing)."""
    monkeypatch.setattr(state, "BOARD_SECONDS", 0)
    monkeypatch.setattr(state, "ACTIVITY_AHEAD", 0)


@pytest.fixture
def statement_set(db):
    statement_set = StatementSetFactory(title="Sociale media en onrust")
    StatementFactory(statement_set=statement_set, sort_order=0, text="Platforms moeten meer doen.")
    StatementFactory(
        statement_set=statement_set, sort_order=1, text="Ik zeg er iets van.", opposite="Ik houd me erbuiten."
    )
    StatementFactory(statement_set=statement_set, sort_order=2, text="Ouders moeten meekijken.")
    return statement_set


@pytest.fixture
def host(db):
    return TeacherFactory(user__username="bieb@example.org", role="bibliotheek").user


@pytest.fixture
def other_host(db):
    return TeacherFactory(user__username="buurthuis@example.org", role="bibliotheek").user


@pytest.fixture
def live(host, statement_set) -> LiveSession:
    return services.session_start(host=host, statement_set=statement_set)


@pytest.fixture
def host_client(host) -> Client:
    client = Client()
    client.force_login(host)
    return client


def join(session: LiveSession, client: Client | None = None) -> Client:
    """A phone that joined through the site; returns its client (with the participant cookie)."""
    client = client or Client()
    response = client.post(reverse("doemee:join"), {"code": session.code.lower()})
    assert response.status_code == 302, response.content.decode()[:500]
    return client


def member_of(client: Client, session: LiveSession) -> Participant:
    return Participant.objects.get(session=session, token=client.cookies[f"doemee-{session.code}"].value)


def act(client: Client, session: LiveSession, action: str):
    return client.post(reverse("live:action", args=[session.public_id, action]))
