"""A response cache for the pages of one learner's attempt (an item page and its answer POSTs).

These pages are personal, so the shared page cache never holds them. They are still exact to cache: an answer is
written once per step and never changed, so a response depends only on the request and the attempt's *state*.
The state is a number in the cache that every stored step changes (after its transaction commits); it is read
before anything else, so a response rendered from older data can only ever be stored under an older number, which
nobody asks for again. Before a cached response is served, the attempt's owner (kept beside it, never changing)
is checked against this request, exactly as the view checks it.
"""

import hashlib
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

from core.contracts import checked_attempt
from core.pagecache import VERSION_KEY, reading_mode, release_fingerprint
from core.versioning import version_bump, version_get

from ..models import Attempt
from .learner import session_attempt_codes

KEPT_STATUSES = {200, 302, 400}
CODE_MAX = Attempt._meta.get_field("code").max_length
_SKIPPED_HEADERS = {"set-cookie", "content-length"}


def _owner_key(code: str) -> str:
    return f"oefenen:eigenaar:{code}"


def _state_key(code: str) -> str:
    return f"oefenen:stand:{code}"


def attempt_changed(code: str) -> None:
    """Call after a step was stored (on commit): every cached response of this attempt goes stale."""
    version_bump(_state_key(code), timeout=settings.ATTEMPT_CACHE_SECONDS)


def attempt_forgotten(code: str) -> None:
    cache.delete_many([_owner_key(code), _state_key(code)])


def _owns(request: HttpRequest, owner: dict, code: str) -> bool:
    if owner["user_id"] is not None:
        return request.user.is_authenticated and request.user.pk == owner["user_id"]
    return code in session_attempt_codes(request.session)


def _response_key(request: HttpRequest, code: str, state: int, version: int) -> str:
    parts = [
        request.method,
        request.path,
        "htmx" if request.headers.get("HX-Request") else "page",
        "groot" if reading_mode(request) else "normaal",
        request.META.get("CSRF_COOKIE", ""),  # the page carries a token made from this browser's secret
    ]
    if request.method == "POST":
        parts += [f"{name}={values}" for name, values in sorted(request.POST.lists()) if name != "csrfmiddlewaretoken"]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"oefenen:antwoord:{release_fingerprint()}:{version}:{code}:{state}:{digest}"


def cached_per_attempt(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For views with `slug` and `code` in their URL that hand the attempt they checked to
    core.contracts.attempt_checked. A view's own 404 (a stranger, an unknown code) is never cached."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, slug: str, code: str, **kwargs) -> HttpResponse:
        if not settings.ATTEMPT_CACHE_SECONDS or not request.META.get("CSRF_COOKIE") or len(code) > CODE_MAX:
            return view(request, *args, slug=slug, code=code, **kwargs)  # (a code that long is nobody's: 404)
        found = cache.get_many([_owner_key(code), _state_key(code), VERSION_KEY])
        state = found.get(_state_key(code))
        if state is None:
            # Any code in an address gets here before the view checks it, so the number must lapse. When it does,
            # a new random one takes its place and what was cached under the old one is never served again.
            state = version_get(_state_key(code), timeout=settings.ATTEMPT_CACHE_SECONDS)
        key = _response_key(request, code, state, found.get(VERSION_KEY, 0))
        owner = found.get(_owner_key(code))
        if owner is not None and owner["slug"] == slug and _owns(request, owner, code):
            stored = cache.get(key)
            if stored is not None:
                response = HttpResponse(stored["content"], status=stored["status"])
                for name, value in stored["headers"]:
                    response[name] = value
                return response

        response = view(request, *args, slug=slug, code=code, **kwargs)
        attempt = checked_attempt(request)
        if attempt is None or response.status_code not in KEPT_STATUSES or response.streaming:
            return response
        if owner is None:
            cache.set(_owner_key(code), {"user_id": attempt.user_id, "slug": slug}, settings.ATTEMPT_CACHE_SECONDS)
        headers = [(name, value) for name, value in response.items() if name.lower() not in _SKIPPED_HEADERS]
        cache.set(
            key,
            {"content": response.content, "status": response.status_code, "headers": headers},
            settings.ATTEMPT_CACHE_SECONDS,
        )
        return response

    return wrapper
