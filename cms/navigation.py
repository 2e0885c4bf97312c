"""The main menu: the home page's live children that editors marked "show in menus", in the page tree's order,
then the entry points of the apps by their route names. Nothing here is a typed path, so an editor who renames a
section or a new route never leaves a dead link.

The menu is read in one query, at most once per menu version, and only when a page is rendered: a page served
from the page cache costs nothing. Only what can change the menu bumps that version (a page published,
unpublished, moved or deleted, a site saved: cms/cache_signals.py); saving a post or a set does not. Each process
keeps the menu and links of the version it last saw, so a render that shows them costs one read of the version
number from the shared cache (cms.context_processors reads it once per render).
"""

from dataclasses import dataclass

from django.apps import apps
from django.core.cache import cache
from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, NullIf
from django.urls import reverse

from core.versioning import version_bump, version_get

MENU_VERSION_KEY = "cms:menu:version"

# (route name, label): the apps' own pages, after the sections of the page tree.
APP_ENTRIES = [("lessons:set_list", "Oefenen"), ("teacher:home", "Voor docenten")]


# The section page types other pages link to, by a name templates use: {{ site_links.glossary }}.
SECTION_TYPES = {
    "lessonindexpage": "lessons",
    "parentguidepage": "parents",
    "dialoguekitpage": "dialogue",
    "glossarypage": "glossary",
}


@dataclass(frozen=True)
class SitePage:
    href: str
    slug: str
    model: str  # the content type's model name, e.g. "glossarypage"
    in_menu: bool
    menu_name: str


def _site_pages() -> list[SitePage]:
    """One query: the default site's live sections (the home page's children), with their short menu names."""
    from wagtail.models import Page, Site

    from .models import MenuSection

    root = Site.objects.filter(is_default_site=True).values("root_page__path")[:1]
    root_url = Site.objects.filter(is_default_site=True).values("root_page__url_path")[:1]
    menu_titles = [
        Subquery(model.objects.filter(pk=OuterRef("pk")).values("menu_title")[:1])
        for model in apps.get_models()
        if issubclass(model, MenuSection)
    ]
    rows = (
        Page.objects.live()
        .filter(depth=3, path__startswith=Subquery(root))
        .annotate(
            menu_name=Coalesce(NullIf(Coalesce(*menu_titles, Value("")), Value("")), "title"), root=Subquery(root_url)
        )
        .order_by("path")
        .values_list("url_path", "root", "slug", "content_type__model", "show_in_menus", "menu_name")
    )
    return [
        SitePage("/" + url_path.removeprefix(root_path or ""), slug, model, in_menu, name)
        for url_path, root_path, slug, model, in_menu, name in rows
    ]


def site_pages(version: int) -> list[SitePage]:
    key = f"cms:menu:{version}"
    pages = cache.get(key)
    if pages is None:
        pages = _site_pages()
        cache.set(key, pages, None)
    return pages


class SiteLinks(dict):
    """Section and page links by name; a page that does not exist links to the home page."""

    def __missing__(self, key: str) -> str:
        return "/"


@dataclass(frozen=True)
class Navigation:
    menu: tuple[tuple[str, str], ...]  # (href, label) for the header
    links: SiteLinks


def _build(pages: list[SitePage]) -> Navigation:
    sections = [(page.href, page.menu_name) for page in pages if page.in_menu]
    links = SiteLinks()
    for page in pages:  # a slug's dashes become underscores: {{ site_links.over_ons }}
        links.setdefault(SECTION_TYPES.get(page.model, page.slug.replace("-", "_")), page.href)
    return Navigation((*sections, *((reverse(name), label) for name, label in APP_ENTRIES)), links)


_built: dict[int, Navigation] = {}  # this process's copy: {menu version: its navigation}, the latest version only


def navigation() -> Navigation:
    """The menu and links of the current menu version: one read of the version number; the rest is built once per
    version and process (from the shared cache, or one query)."""
    version = version_get(MENU_VERSION_KEY)
    built = _built.get(version)
    if built is None:
        built = _build(site_pages(version))
        _built.clear()
        _built[version] = built
    return built


def main_menu() -> list[tuple[str, str]]:
    """[(href, label)] for the header."""
    return list(navigation().menu)


def site_links() -> dict[str, str]:
    """Where the sections live, by name ("lessons", "parents", "dialogue", "glossary") and content pages by their
    slug ("privacy", "over_ons", …): for links in templates, so an editor who renames a page breaks no link. A page
    that does not exist links to the home page."""
    return navigation().links


def menu_changed() -> None:
    version_bump(MENU_VERSION_KEY)
