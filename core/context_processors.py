"""What every page's frame needs that is plumbing: the reading mode. (The menu comes from cms.context_processors.)"""

from django.http import HttpRequest

from .pagecache import reading_mode


def site_chrome(request: HttpRequest) -> dict:
    """Reads no database."""
    return {"reading_mode": reading_mode(request)}
