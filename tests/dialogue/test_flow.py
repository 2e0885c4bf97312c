"""A whole evening through the views: start, join, place, reveal, second round, comments, close."""

import pytest
from django.test import Client
from django.urls import reverse

from dialogue.models import Comment, LiveSession, Position

from .conftest import act, join, member_of

pytestmark = pytest.mark.django_db


def place(client, session, value, htmx=False):
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post(reverse("doemee:position", args=[session.code]), {"plek": value}, headers=headers)


def test_host_starts_a_session_with_a_code_from_the_unambiguous_alphabet(host_client, statement_set):
    response = host_client.post(reverse("live:start"), {"statement_set": statement_set.pk})

    assert response.status_code == 302
    session = LiveSession.objects.get()
    assert len(session.code) == 6 and not set(session.code) & set("01OIL")
    assert response["Location"] == reverse("live:host", args=[session.public_id])
    assert session.current_statement.text == "Platforms moeten meer doen."
    page = host_client.get(response["Location"]).content.decode()
    assert session.code in page and "Laat de verdeling zien" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [({}, "Kies een stellingenset uit de lijst."), ({"statement_set": "999999"}, "Deze stellingenset kennen we niet.")],
)
def test_start_without_a_known_set_says_why_in_dutch(host_client, statement_set, data, message):
    """It used to answer 400 with the form and no message."""
    response = host_client.post(reverse("live:start"), data)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not LiveSession.objects.exists()


def test_participant_joins_places_and_sees_jouw_plek_without_javascript(live):
    phone = join(live)

    page = phone.get(reverse("doemee:participant", args=[live.code]))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'type="range"' in html and 'aria-valuetext="precies in het midden"' in html
    assert "Helemaal mee oneens" in html and "Helemaal mee eens" in html

    response = place(phone, live, 15)
    assert response.status_code == 302
    html = phone.get(response["Location"]).content.decode()
    assert "Jouw plek:</strong> 5 stappen naar rechts, richting: Helemaal mee eens" in html
    assert Position.objects.get().value == 15


def test_htmx_position_answers_with_the_status_only(live):
    phone = join(live)
    response = place(phone, live, 3, htmx=True)
    assert response.status_code == 200
    assert response.content.decode().strip().startswith('<p id="plek-status"')


def test_distribution_is_hidden_until_reveal_and_second_round_shows_the_shift(live, host_client):
    phones = [join(live) for _ in range(3)]
    for phone, value in zip(phones, [2, 4, 6], strict=True):
        place(phone, live, value)
    projector = reverse("live:projector", args=[live.public_id])

    assert "Zo staat de groep" not in host_client.get(projector).content.decode()
    act(host_client, live, "tonen")
    html = host_client.get(projector).content.decode()
    assert "Zo staat de groep: 3 plekken" in html and "Links: <strong>3</strong>" in html
    assert "pos-4" in html  # the mean marker

    act(host_client, live, "opnieuw")
    for phone, value in zip(phones, [10, 12, 6], strict=True):
        place(phone, live, value)
    assert "Tweede ronde" not in host_client.get(projector).content.decode()  # hidden again
    act(host_client, live, "tonen")
    html = host_client.get(projector).content.decode()
    assert "Eerste ronde" in html and "Tweede ronde" in html
    assert "De groep schoof gemiddeld 5,3 stappen naar rechts (Helemaal mee eens)." in html
    assert Position.objects.count() == 6


def test_participant_sees_the_room_and_own_place_after_reveal(live, host_client):
    phone = join(live)
    place(phone, live, 18)
    act(host_client, live, "tonen")
    html = phone.get(reverse("doemee:participant", args=[live.code])).content.decode()
    assert "Hier staat de groep" in html and "line__mark--me pos-18" in html


def test_next_and_previous_statement_start_hidden_in_round_one(live, host_client):
    act(host_client, live, "tonen")
    act(host_client, live, "opnieuw")
    act(host_client, live, "volgende")
    live.refresh_from_db()
    assert (live.current_statement.text, live.round, live.revealed) == ("Ik zeg er iets van.", 1, False)
    act(host_client, live, "volgende")
    act(host_client, live, "volgende")  # stays on the last one
    live.refresh_from_db()
    assert live.current_statement.text == "Ouders moeten meekijken."
    act(host_client, live, "vorige")
    live.refresh_from_db()
    phone = join(live)
    html = phone.get(reverse("doemee:participant", args=[live.code])).content.decode()
    assert "Ik zeg er iets van." in html and "Ik houd me erbuiten." in html


def test_comment_reaches_the_projector_only_after_approval_and_is_escaped(live, host_client):
    phone = join(live)
    phone.post(reverse("doemee:comment", args=[live.code]), {"tekst": "<script>alert(1)</script> Omdat het mag"})
    comment = Comment.objects.get()
    projector = reverse("live:projector", args=[live.public_id])
    assert "Omdat het mag" not in host_client.get(projector).content.decode()
    host_page = host_client.get(reverse("live:host", args=[live.public_id])).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Omdat het mag" in host_page

    host_client.post(reverse("live:moderate", args=[live.public_id]), {"reactie": comment.pk, "besluit": "tonen"})

    html = host_client.get(projector).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Omdat het mag" in html and "<script>alert" not in html
    host_client.post(reverse("live:moderate", args=[live.public_id]), {"reactie": comment.pk, "besluit": "verbergen"})
    assert "Omdat het mag" not in host_client.get(projector).content.decode()


def test_a_rewritten_comment_needs_approval_again(live, host_client):
    phone = join(live)
    url = reverse("doemee:comment", args=[live.code])
    phone.post(url, {"tekst": "Eerste versie"})
    host_client.post(
        reverse("live:moderate", args=[live.public_id]), {"reactie": Comment.objects.get().pk, "besluit": "tonen"}
    )
    phone.post(url, {"tekst": "Tweede versie"})
    comment = Comment.objects.get()
    assert (comment.text, comment.approved_at) == ("Tweede versie", None)


def test_moderating_takes_only_the_two_buttons(live, host_client):
    phone = join(live)
    phone.post(reverse("doemee:comment", args=[live.code]), {"tekst": "Omdat het kan."})
    comment = Comment.objects.get()

    response = host_client.post(
        reverse("live:moderate", args=[live.public_id]), {"reactie": comment.pk, "besluit": "misschien"}
    )

    assert response.status_code == 400 and "Kies of de reactie op het scherm komt" in response.content.decode()
    comment.refresh_from_db()
    assert comment.approved_at is None


def test_too_long_comment_is_refused_in_dutch(live):
    phone = join(live)
    response = phone.post(reverse("doemee:comment", args=[live.code]), {"tekst": "x" * 201})
    assert response.status_code == 400
    assert "Je reactie is te lang" in response.content.decode()
    assert not Comment.objects.exists()


def test_comments_are_throttled(live):
    phone = join(live)
    url = reverse("doemee:comment", args=[live.code])
    statuses = [phone.post(url, {"tekst": f"Reactie {n}"}).status_code for n in range(7)]
    assert statuses[:5] == [302] * 5 and statuses[5:] == [429, 429]
    assert "Wacht een minuut" in phone.post(url, {"tekst": "nog een"}).content.decode()


def test_locked_session_refuses_new_phones_but_keeps_the_joined_ones(live, host_client):
    phone = join(live)
    act(host_client, live, "slot")

    response = phone.post(reverse("doemee:join"), {"code": live.code})  # already in: just back to the page
    assert response.status_code == 302
    refused = Client().post(reverse("doemee:join"), {"code": live.code})
    assert refused.status_code == 403 and "op slot" in refused.content.decode()
    assert place(phone, live, 7).status_code == 302


def test_closed_session_says_so(live, host_client):
    phone = join(live)
    act(host_client, live, "afsluiten")

    for response in (
        phone.get(reverse("doemee:participant", args=[live.code])),
        place(phone, live, 5),
        phone.post(reverse("doemee:join"), {"code": live.code}),
    ):
        assert response.status_code == 410
        assert "Deze sessie is afgesloten" in response.content.decode()
    assert not Position.objects.exists()
    html = host_client.get(reverse("live:projector", args=[live.public_id])).content.decode()
    assert "Deze sessie is afgesloten" in html and "hx-trigger" not in html


def test_expired_session_says_so(live):
    phone = join(live)
    type(live).objects.filter(pk=live.pk).update(expires_at=live.created_at)
    response = phone.get(reverse("doemee:participant", args=[live.code]))
    assert response.status_code == 410 and "Deze sessie is verlopen" in response.content.decode()
    assert place(phone, live, 5).status_code == 410


def test_participant_page_without_cookie_offers_to_join(live):
    client = Client()
    page = client.get(reverse("doemee:participant", args=[live.code.lower()]), follow=True)
    assert "Je doet mee zonder naam" in page.content.decode()
    response = client.post(reverse("doemee:participant_join", args=[live.code]))
    assert response.status_code == 302
    assert member_of(client, live).session == live
