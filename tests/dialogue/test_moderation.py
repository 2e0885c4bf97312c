"""Issue 12 item 19: the host turns a comment down, and a comment with personal data never reaches the host."""

import pytest
from django.urls import reverse

from dialogue.models import Comment

from .conftest import join

pytestmark = pytest.mark.django_db


def test_the_host_rejects_a_pending_comment_and_it_is_gone(live, host_client):
    phone = join(live)
    phone.post(reverse("doemee:comment", args=[live.code]), {"tekst": "Omdat het niet klopt."})
    comment = Comment.objects.get()
    host_page = host_client.get(reverse("live:host", args=[live.public_id])).content.decode()
    assert 'value="afwijzen"' in host_page and "Afwijzen" in host_page

    response = host_client.post(
        reverse("live:moderate", args=[live.public_id]), {"reactie": comment.pk, "besluit": "afwijzen"}
    )

    assert response.status_code == 302
    assert not Comment.objects.exists()
    for name in ("live:host", "live:projector"):
        assert "Omdat het niet klopt." not in host_client.get(reverse(name, args=[live.public_id])).content.decode()


def test_another_host_cannot_reject_a_comment(live, other_host):
    from django.test import Client

    phone = join(live)
    phone.post(reverse("doemee:comment", args=[live.code]), {"tekst": "Omdat het niet klopt."})
    intruder = Client()
    intruder.force_login(other_host)
    response = intruder.post(
        reverse("live:moderate", args=[live.public_id]), {"reactie": Comment.objects.get().pk, "besluit": "afwijzen"}
    )
    assert response.status_code == 404
    assert Comment.objects.count() == 1


@pytest.mark.parametrize(
    ("text", "told"),
    [
        ("Bel me maar op 06-12345678 als je wilt praten", "telefoonnummer"),
        ("Mail naar piet.jansen@example.org voor meer", "e-mailadres"),
        ("Ik ben het eens met Fatima de Vries uit de klas", "Noem geen namen"),
    ],
)
def test_a_comment_with_personal_data_is_held_back_with_a_dutch_reason(live, host_client, text, told):
    phone = join(live)

    response = phone.post(reverse("doemee:comment", args=[live.code]), {"tekst": text})

    assert response.status_code == 400
    html = response.content.decode()
    assert "We hebben je reactie niet verstuurd." in html and told in html
    assert text in html  # what was typed stays in the box, to be rewritten
    assert not Comment.objects.exists()
    assert text not in host_client.get(reverse("live:host", args=[live.public_id])).content.decode()


def test_an_ordinary_comment_still_goes_through(live):
    phone = join(live)
    text = "Ik vind dat Den Haag meer moet doen."
    response = phone.post(reverse("doemee:comment", args=[live.code]), {"tekst": text})
    assert response.status_code == 302
    assert Comment.objects.get().text == text
