"""Source labels that matter: a learner sees who is behind a post (satire, paid promotion) on the post card."""

import pytest
from django.urls import reverse

from cms.choices import SourceType
from cms.loader import read_content
from tests.factories import ScenarioFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("source_type", SourceType.values)
def test_the_card_shows_every_source_type_to_learners(client, source_type):
    post = ScenarioFactory(source_type=source_type)
    page = client.get(reverse("lessons:scenario_practice", args=[post.key])).content.decode()
    label = SourceType(source_type).label
    assert f'<span class="visually-hidden">Bron: </span>{label}</span>' in page
    assert "Betaald partnerschap" not in page


def test_a_paid_promotion_says_so_on_the_card(client):
    post = ScenarioFactory(source_type="influencer", paid_promotion=True)
    page = client.get(reverse("lessons:scenario_practice", args=[post.key])).content.decode()
    assert '<p class="post__promo">Betaald partnerschap</p>' in page
    assert "Influencer" in page


def test_the_content_uses_the_satire_and_paid_labels():
    posts = {item["key"]: item for item in read_content()["scenarios"]}
    assert posts["ta-04"]["source_type"] == "satire"
    assert posts["or-25"].get("paid_promotion") is True
    assert posts["tc-04"].get("paid_promotion") is True
    # a post whose own words say it is paid carries the label, and only an influencer or company is paid
    for key, item in posts.items():
        if "betaalde samenwerking" in item["text"].lower():
            assert item.get("paid_promotion"), key
        if item.get("paid_promotion"):
            assert item["source_type"] in ("influencer", "company"), key
        if "satire" in item["handle"].lower():
            assert item["source_type"] == "satire", key
