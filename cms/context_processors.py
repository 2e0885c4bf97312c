"""The main menu and the links to the site's sections (cms.navigation), read only when a template uses them."""

from django.http import HttpRequest

from .navigation import Navigation
from .navigation import navigation as current_navigation


def navigation(request: HttpRequest) -> dict:
    # Callables: Django templates call them when `navigation` or `site_links` is used. The navigation is looked up
    # once per render, however often the template asks; a template that never asks costs nothing.
    found: list[Navigation] = []

    def lookup() -> Navigation:
        if not found:
            found.append(current_navigation())
        return found[0]

    return {"navigation": lambda: lookup().menu, "site_links": lambda: lookup().links}
