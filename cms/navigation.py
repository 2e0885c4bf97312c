"""The main menu: the home page's live children that editors marked "show in menus", in the page tree's order,
then the entry points of the apps by their route names. Nothing here is a typed path, so an editor who renames a
section or a new route never leaves a dead link.

The menu is read at most once per page-cache version (publishing anything bumps it, core.pagecache), and only
when a page is rendered: a page served from the page cache costs nothing.
"""

from django.core.cache import cache
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from core.pagecache import VERSION_KEY
from core.versioning import version_get

# (route name, label): the apps' own pages, after the sections of the page tree.
APP_ENTRIES = [("lessons:set_list", "Oefenen"), ("teacher:home", "Voor docenten")]


def _page_sections() -> list[tuple[str, str]]:
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return []
    children = site.root_page.get_children().live().in_menu().specific()
    root_path = site.root_page.url_path
    return [
        ("/" + page.url_path.removeprefix(root_path), getattr(page, "menu_label", page.title)) for page in children
    ]


def main_menu() -> list[tuple[str, str]]:
    """[(href, label)] for the header."""
    key = f"cms:menu:{version_get(VERSION_KEY)}"
    sections = cache.get(key)
    if sections is None:
        sections = _page_sections()
        cache.set(key, sections, None)
    return [*sections, *((reverse(name), label) for name, label in APP_ENTRIES)]


def lazy_main_menu():
    return SimpleLazyObject(main_menu)
