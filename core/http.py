"""Private responses, defined once: every page with personal data (a teacher's class, a student's work, a host's
session, an attempt, a phone's place on the line) tells browsers and proxies to keep no copy."""

from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import cache_control

# As a view decorator.
private = cache_control(private=True, no_store=True)


def make_private(response: HttpResponse) -> HttpResponse:
    """The same for a response built by hand (a poll's 204, a fragment)."""
    patch_cache_control(response, private=True, no_store=True)
    return response
