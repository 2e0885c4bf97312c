from django.http import HttpRequest

from .pagecache import reading_mode

NAVIGATION = [
    ("/lessen/", "Lessen"),
    ("/oefenen/", "Oefenen"),
    ("/ouders/", "Voor ouders"),
    ("/dialoogavond/", "Dialoogavond"),
    ("/woordenlijst/", "Woordenlijst"),
    ("/docent/", "Voor docenten"),
]


def site_chrome(request: HttpRequest) -> dict:
    """What every page's frame needs; reads no database."""
    return {"navigation": NAVIGATION, "reading_mode": reading_mode(request)}
