"""The main menu: the home page's live children that editors marked "show in menus", in the page tree's order,
then the entry points of the apps by their route names. Nothing here is a typed path, so an editor who renames a
section or a new route never leaves a dead link.

The menu is read in one query, at most once per menu version, and only when a page is rendered: a page served
from the page cache costs nothing. Only what can change the menu bumps that version (a page published,
unpublished, moved or deleted, a site saved: cms/cache_signals.py); saving a post or a set does not.
"""

from django.apps import apps
from django.core.cache import cache
from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, NullIf
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from core.versioning import version_bump, version_get

MENU_VERSION_KEY = "cms:menu:version"

# (route name, label): the apps' own pages, after the sections of the page tree.
APP_ENTRIES = [("lessons:set_list", "Oefenen"), ("teacher:home", "Voor docenten")]


def _page_sections() -> list[tuple[str, str]]:
    """One query: the default site's sections that show in menus, with their short menu names."""
    from wagtail.models import Page, Site

    from .models import MenuSection

    root = Site.objects.filter(is_default_site=True).values("root_page__path")[:1]
    root_url = Site.objects.filter(is_default_site=True).values("root_page__url_path")[:1]
    menu_titles = [
        Subquery(model.objects.filter(pk=OuterRef("pk")).values("menu_title")[:1])
        for model in apps.get_models()
        if issubclass(model, MenuSection)
    ]
    pages = (
        Page.objects.live()
        .in_menu()
        .filter(depth=3, path__startswith=Subquery(root))
        .annotate(
            menu_name=Coalesce(NullIf(Coalesce(*menu_titles, Value("")), Value("")), "title"), root=Subquery(root_url)
        )
        .order_by("path")
        .values_list("url_path", "root", "menu_name")
    )
    return [("/" + url_path.removeprefix(root_path or ""), name) for url_path, root_path, name in pages]


def main_menu() -> list[tuple[str, str]]:
    """[(href, label)] for the header."""
    key = f"cms:menu:{version_get(MENU_VERSION_KEY)}"
    sections = cache.get(key)
    if sections is None:
        sections = _page_sections()
        cache.set(key, sections, None)
    return [*sections, *((reverse(name), label) for name, label in APP_ENTRIES)]


def menu_changed() -> None:
    version_bump(MENU_VERSION_KEY)


def lazy_main_menu():
    return SimpleLazyObject(main_menu)
