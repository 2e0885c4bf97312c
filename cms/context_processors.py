"""The main menu and the links to the site's sections, read only when a template uses them (cms.navigation)."""

from django.http import HttpRequest

from .navigation import lazy_main_menu, lazy_site_links


def navigation(request: HttpRequest) -> dict:
    return {"navigation": lazy_main_menu(), "site_links": lazy_site_links()}
