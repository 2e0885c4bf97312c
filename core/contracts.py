"""The named contracts between floors: state that one room puts on a request or response for another to read.

Each is a pair of small functions, so a reader finds both ends by name and no attribute is set in one file and read
in another without a word. Three exist:

- **public page** (`mark_public` / `is_marked_public`): a view says its response is the same for every anonymous
  visitor, so the anonymous page cache (core.pagecache) may store it.
- **view restrictions known** (`view_restrictions_set` / `view_restrictions_known`): the page cache already knows
  whether the site has any Wagtail view restriction, so a page (cms.models.PublicPage) need not query for it.
  Wagtail's own `request._wagtail_site` is set beside it (Wagtail's contract, not ours: it reads that attribute).
- **checked attempt** (`attempt_checked` / `checked_attempt`): an exercise view hands the attempt it checked to the
  per-attempt response cache (lessons.practice.attempt_cache), which stores a response only for such an attempt.
"""

from typing import Any

from django.http import HttpRequest, HttpResponse

_PUBLIC = "_mdem_page_public"
_RESTRICTIONS = "_mdem_view_restrictions_exist"
_ATTEMPT = "_mdem_checked_attempt"


def mark_public(response: HttpResponse) -> HttpResponse:
    setattr(response, _PUBLIC, True)
    return response


def is_marked_public(response: HttpResponse) -> bool:
    return getattr(response, _PUBLIC, False)


def view_restrictions_set(request: HttpRequest, *, exist: bool) -> None:
    setattr(request, _RESTRICTIONS, exist)


def view_restrictions_known(request: HttpRequest) -> bool | None:
    """True or False when the page cache knows; None when nobody told (then ask the database)."""
    return getattr(request, _RESTRICTIONS, None)


def wagtail_site_set(request: HttpRequest, site: Any) -> None:
    """Wagtail's `Site.find_for_request` reads a site cached on the request under this name."""
    request._wagtail_site = site


def attempt_checked(request: HttpRequest, attempt: Any) -> None:
    setattr(request, _ATTEMPT, attempt)


def checked_attempt(request: HttpRequest) -> Any:
    return getattr(request, _ATTEMPT, None)
