"""The summary afterwards (both rounds, the shift, approved comments), its CSV without personal data, and the purge
of participant tokens after 30 days."""

import csv
import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dialogue import services
from dialogue.models import Comment, Participant, Position

from .conftest import join, member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def evening(live):
    members = [member_of(join(live), live) for _ in range(3)]
    for member, value in zip(members, [0, 10, 20], strict=True):
        services.position_set(session=live, participant=member, value=value)
    services.comment_write(session=live, participant=members[0], text="Ik zie het anders")
    services.comment_write(session=live, participant=members[1], text="Niet goedgekeurd")
    services.comment_moderate(session=live, comment_id=Comment.objects.get(text="Ik zie het anders").pk, approved=True)
    services.session_round(session=live, round=2)
    for member, value in zip(members, [4, 10, 20], strict=True):
        services.position_set(session=live, participant=member, value=value)
    services.session_move(session=live, step=1)
    services.position_set(session=live, participant=members[0], value=7)
    return live, members


def test_summary_shows_both_rounds_the_shift_and_only_approved_comments(evening, host_client):
    live, _ = evening
    html = host_client.get(reverse("live:summary", args=[live.public_id])).content.decode()
    assert "1. Platforms moeten meer doen." in html and "2. Ik zeg er iets van." in html
    assert "De groep schoof gemiddeld 1,3 stappen naar rechts (Helemaal mee eens)." in html
    assert "1 deelnemer koos een andere plek." in html
    assert "Ik zie het anders" in html and "Niet goedgekeurd" not in html


def test_csv_has_counts_per_round_and_no_personal_data(evening, host_client):
    live, members = evening
    response = host_client.get(reverse("live:summary_csv", args=[live.public_id]))
    assert response["Content-Disposition"].startswith("attachment;")
    text = response.content.decode()
    rows = list(csv.reader(io.StringIO(text)))
    header, body = rows[0], rows[1:]
    assert header[:8] == ["nummer", "stelling", "links", "rechts", "ronde", "aantal", "gemiddelde", "anders_gaan_staan"]
    assert len(header) == 8 + 21 and len(body) == 3 * 2
    first = body[0]
    assert first[4:8] == ["1", "3", "10.00", ""] and first[8] == "1" and first[18] == "1" and first[28] == "1"
    assert body[1][4:8] == ["2", "3", "11.33", "1"]
    for member in members:
        assert member.token not in text
    assert "Ik zie het anders" not in text


def test_summary_queries_do_not_grow_with_the_room(evening, host_client):
    live, _ = evening
    url = reverse("live:summary", args=[live.public_id])
    with CaptureQueriesContext(connection) as before:
        host_client.get(url)
    for _ in range(5):
        services.position_set(session=live, participant=member_of(join(live), live), value=3)
    with CaptureQueriesContext(connection) as after:
        host_client.get(url)
    assert len(after) == len(before)


def test_purge_forgets_tokens_after_30_days_and_keeps_the_positions(evening):
    live, members = evening
    Participant.objects.filter(pk=members[0].pk).update(created_at=timezone.now() - timedelta(days=31))
    out = io.StringIO()

    call_command("purge_dialogue_tokens", stdout=out)

    assert "1 deelnemerscodes gewist" in out.getvalue()
    assert Participant.objects.get(pk=members[0].pk).token is None
    assert Participant.objects.filter(token__isnull=False).count() == 2
    assert Position.objects.filter(participant=members[0]).count() == 3
