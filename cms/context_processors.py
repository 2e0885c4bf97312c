"""The main menu for every page's header, read only when a template uses it (see cms.navigation)."""

from django.http import HttpRequest

from .navigation import lazy_main_menu


def navigation(request: HttpRequest) -> dict:
    return {"navigation": lazy_main_menu()}
