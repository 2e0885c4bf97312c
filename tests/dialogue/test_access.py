"""Every host URL tried by the owner, another host and an anonymous visitor; CSRF on the host's controls."""

import pytest
from django.test import Client
from django.urls import reverse

from dialogue.models import Comment

from .conftest import join

pytestmark = pytest.mark.django_db

HOST_GETS = ["live:host", "live:host_poll", "live:projector", "live:qr", "live:summary", "live:summary_csv"]
HOST_POSTS = [("live:action", ["volgende"]), ("live:action", ["afsluiten"]), ("live:moderate", [])]


@pytest.mark.parametrize("name", HOST_GETS)
def test_host_pages_answer_only_the_owner(name, live, host_client, other_host):
    url = reverse(name, args=[live.public_id])
    stranger = Client()
    stranger.force_login(other_host)

    assert host_client.get(url).status_code == 200
    assert stranger.get(url).status_code == 404
    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/docent/inloggen/?next=")


def test_an_anonymous_visit_with_a_huge_query_string_goes_to_the_login_page_without_it(live):
    """Django refuses to redirect to an address of 16,384 characters or more (a 400); the way back keeps the page."""
    url = reverse("live:host", args=[live.public_id])

    response = Client().get(url, {"x": ":\U00010000" * 700})

    assert response.status_code == 302
    assert response["Location"] == f"/docent/inloggen/?next={url.replace('/', '%2F')}"
    assert Client().get(url, {"v": "1"})["Location"].endswith("%3Fv%3D1")  # a short one is kept


@pytest.mark.parametrize(("name", "extra"), HOST_POSTS)
def test_host_controls_answer_only_the_owner(name, extra, live, other_host):
    phone = join(live)
    phone.post(reverse("doemee:comment", args=[live.code]), {"tekst": "Goed punt"})
    url = reverse(name, args=[live.public_id, *extra])
    data = {"reactie": Comment.objects.get().pk, "besluit": "tonen"}
    stranger = Client()
    stranger.force_login(other_host)

    assert stranger.post(url, data).status_code == 404
    assert Client().post(url, data).status_code == 302  # to the login page
    live.refresh_from_db()
    assert (live.current_statement.sort_order, live.closed_at) == (0, None)
    assert Comment.objects.get().approved_at is None


def test_host_controls_need_the_csrf_token(live, host):
    client = Client(enforce_csrf_checks=True)
    client.force_login(host)
    assert client.post(reverse("live:action", args=[live.public_id, "afsluiten"])).status_code == 403
    live.refresh_from_db()
    assert live.closed_at is None


def test_unknown_action_is_404(live, host_client):
    assert host_client.post(reverse("live:action", args=[live.public_id, "wissen"])).status_code == 404


def test_host_list_shows_only_own_sessions(live, host_client, other_host, statement_set):
    from dialogue import services

    theirs = services.session_start(host=other_host, statement_set=statement_set)
    html = host_client.get(reverse("live:host_home")).content.decode()
    assert live.public_id in html and theirs.public_id not in html


def test_qr_code_is_an_svg_for_the_join_url(live, host_client):
    response = host_client.get(reverse("live:qr", args=[live.public_id]))
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content.startswith(b"<svg")


def test_host_pages_are_never_stored(live, host_client):
    response = host_client.get(reverse("live:host", args=[live.public_id]))
    assert "no-store" in response["Cache-Control"]


def test_a_student_cannot_host(statement_set):
    from tests.factories import StudentFactory

    student = StudentFactory().user
    client = Client()
    client.force_login(student)
    assert client.get(reverse("live:host_home")).status_code == 403
