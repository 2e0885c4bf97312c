"""What keeps an uncached page cheap (bench/README.md) gives the same page: the posts of a lesson come in the order
of its blocks, the header reads the menu once per render, and a site without view restrictions checks none."""

import re

import pytest
from django.core.cache import cache

from cms.blocks import ScenarioBlock
from cms.models import LessonPage
from cms.navigation import MENU_VERSION_KEY, main_menu, menu_changed, navigation, site_links
from tests.factories import ScenarioFactory, make_lesson

pytestmark = pytest.mark.django_db


def _post_keys(html: str) -> list[str]:
    return re.findall(r'class="lesson-scenario" id="bericht-([^"]+)"', html)


def test_a_lessons_posts_show_in_the_order_of_its_blocks_and_a_deleted_post_is_left_out(client, site):
    first, second, deleted = ScenarioFactory(), ScenarioFactory(text="Een ander bericht."), ScenarioFactory()
    make_lesson(site["index"], 1, scenarios=[second, deleted, first, second])
    deleted.delete()
    response = client.get("/lessen/les-1/")
    assert response.status_code == 200
    html = response.content.decode()
    assert _post_keys(html) == [second.key, first.key, second.key]
    assert html.count("Een ander bericht.") >= 2 and deleted.key not in html


def test_the_post_block_reads_posts_as_wagtail_does(django_assert_num_queries):
    """The posts of `values` in that order, None for a missing one, a separate copy for a repeated one."""
    first, second = ScenarioFactory(), ScenarioFactory()
    block = ScenarioBlock().child_blocks["scenario"]
    with django_assert_num_queries(1):
        posts = block.bulk_to_python([second.pk, None, 999_999, first.pk, second.pk])
    assert [post and post.pk for post in posts] == [second.pk, None, None, first.pk, second.pk]
    assert posts[4] is not posts[0] and posts[4].text == second.text
    assert posts[0].get_deferred_fields() == set()  # every column read: nothing loads later
    with django_assert_num_queries(0):
        assert block.bulk_to_python([None]) == [None]


def test_a_site_without_view_restrictions_checks_none_without_a_query(site, django_assert_num_queries):
    lesson = make_lesson(site["index"], 1)
    page = LessonPage.objects.get(pk=lesson.pk)
    page.no_view_restrictions_on_site = True
    with django_assert_num_queries(0):
        restrictions = page.get_view_restrictions()
        assert list(restrictions) == [] and not restrictions.exists()


def test_the_header_reads_the_menu_version_once_per_render(client, site, monkeypatch):
    client.get("/")  # the menu of this version is built
    reads = []
    get = cache.get
    monkeypatch.setattr(cache, "get", lambda key, *args, **kwargs: reads.append(key) or get(key, *args, **kwargs))
    html = client.get("/?andere=1").content.decode()
    assert reads.count(MENU_VERSION_KEY) == 1
    assert 'href="/lessen/"' in html and 'href="/woordenlijst/">Woordenlijst</a>' in html


def test_the_menu_and_links_are_built_again_when_the_menu_changes(site):
    before = navigation()
    assert navigation() is before  # built once per version
    index = site["index"]
    index.slug = "lesmateriaal"
    index.save_revision().publish()  # bumps the menu version (cms/cache_signals.py)
    assert navigation() is not before
    assert site_links()["lessons"] == "/lesmateriaal/"
    assert main_menu() == list(navigation().menu) and ("/docent/", "Voor docenten") in main_menu()
    menu_changed()
    assert navigation() is not before
    assert site_links()["does_not_exist"] == "/" and "does_not_exist" not in site_links()
