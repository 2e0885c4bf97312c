"""Context pairs (SCHEMA.md "Context pairs"): the loader checks them and links both halves; the `more` block."""

import copy

import pytest

from cms.loader import ContentError, load_content, read_content, validate
from cms.models import LessonPage, Scenario

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def content():
    return read_content()


def _with(content, key, **fields):
    changed = copy.deepcopy(content)
    item = next(item for item in changed["scenarios"] if item["key"] == key)
    item.update(fields)
    for name, value in fields.items():
        if value is None:
            del item[name]
    return changed


def test_every_shipped_pair_points_both_ways_and_says_what_differs(content):
    by_key = {item["key"]: item for item in content["scenarios"]}
    paired = [item for item in content["scenarios"] if item.get("pair")]
    assert len(paired) >= 20  # at least ten pairs
    for item in paired:
        assert by_key[item["pair"]]["pair"] == item["key"]
        assert item["pair_difference"].strip()


@pytest.mark.parametrize(
    ("key", "fields", "message"),
    [
        ("pa-01a", {"pair": "pa-99z"}, "is not a known post"),
        ("pa-01a", {"pair": "op-01"}, "does not point back"),
        ("pa-01a", {"pair": "pa-01a"}, "its own pair"),
        ("pa-01a", {"pair_difference": ""}, "needs a pair_difference"),
        ("op-01", {"pair_difference": "Iets anders."}, "needs a pair"),
    ],
)
def test_a_broken_pair_is_refused_with_a_plain_message(content, key, fields, message):
    with pytest.raises(ContentError, match=message):
        validate(_with(content, key, **fields))


def test_loading_links_both_halves_and_keeps_the_difference():
    load_content()

    first, second = Scenario.objects.get(key="pa-05a"), Scenario.objects.get(key="pa-05b")
    assert first.pair == second and second.pair == first
    assert "ander bereik" in first.pair_difference
    assert Scenario.objects.get(key="op-12").pair.key == "or-13"
    assert Scenario.objects.get(key="op-01").pair is None


def test_a_second_run_leaves_an_editors_unlinked_pair_alone():
    load_content()
    Scenario.objects.filter(key__in=["pa-05a", "pa-05b"]).update(pair=None)

    load_content()

    assert Scenario.objects.get(key="pa-05a").pair is None


def test_the_more_block_loads_and_renders_as_a_closed_disclosure(client):
    load_content()
    lesson = LessonPage.objects.get(slug="de-buurtapp")
    assert "more" in [block.block_type for block in lesson.body]

    html = client.get(lesson.url).content.decode()

    assert '<details class="more">' in html and "<summary>Meer weten</summary>" in html
    assert 'id="voor-thuis"' in html  # parent guides link to a lesson's home card
