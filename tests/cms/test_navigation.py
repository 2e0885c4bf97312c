"""The header menu comes from the page tree (show_in_menus) and the apps' route names: an editor who renames a
section changes the menu, and a section taken out of the menu leaves it."""

import pytest
from django.urls import reverse

from cms.loader import load_content
from cms.models import LessonIndexPage

pytestmark = pytest.mark.django_db


def _menu(client) -> list[tuple[str, str]]:
    import re

    html = client.get("/").content.decode()
    nav = html[html.index('aria-label="Hoofdmenu"') :]
    nav = nav[: nav.index("</nav>")]
    return re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', nav)


def test_the_menu_follows_the_page_tree_and_the_routes(client):
    load_content()
    menu = _menu(client)
    assert ("/lessen/", "Lessen") in menu and ("/ouders/", "Voor ouders") in menu
    assert (reverse("lessons:set_list"), "Oefenen") in menu and (reverse("teacher:home"), "Voor docenten") in menu

    index = LessonIndexPage.objects.get()
    index.slug, index.title = "lesmateriaal", "Lesmateriaal"
    index.save_revision().publish()
    menu = _menu(client)
    assert ("/lesmateriaal/", "Lesmateriaal") in menu and ("/lessen/", "Lessen") not in menu

    index.refresh_from_db()
    index.show_in_menus = False
    index.save_revision().publish()
    assert [href for href, _ in _menu(client) if href == "/lesmateriaal/"] == []


def test_site_links_follow_renamed_pages():
    from cms.models import GlossaryPage
    from cms.navigation import site_links

    load_content()
    assert (site_links()["glossary"], site_links()["privacy"], site_links()["lessons"]) == (
        "/woordenlijst/",
        "/privacy/",
        "/lessen/",
    )
    glossary = GlossaryPage.objects.get()
    glossary.slug = "begrippen"
    glossary.save_revision().publish()
    assert site_links()["glossary"] == "/begrippen/"
    assert site_links()["a-page-that-does-not-exist"] == "/"
