"""A shared cache for pages as anonymous visitors see them.

Only responses that a view marked as public (core.contracts.mark_public) are stored, and only when they set no
cookie and used no CSRF token, so a page meant for one person is never served to another. Signed-in users always
get a fresh page. The key holds a version number: publishing anything bumps it (cms/cache_signals.py) and every
stored page goes stale at once, on every worker and every machine that shares the cache.
"""

import hashlib
from functools import cache as once
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.urls import get_resolver
from django.urls.resolvers import RoutePattern, URLResolver

from .contracts import is_marked_public, view_restrictions_set, wagtail_site_set
from .versioning import version_bump, version_get

VERSION_KEY = "pagecache:version"
READING_MODE_COOKIE = "leesstand"


def invalidate_page_cache() -> None:
    version_bump(VERSION_KEY)


def reading_mode(request: HttpRequest) -> bool:
    return request.COOKIES.get(READING_MODE_COOKIE) == "groot"


def _route_prefixes(patterns, base: str = ""):
    """The literal start of every route (up to its first <converter>), one include deep."""
    for pattern in patterns:
        if not isinstance(pattern.pattern, RoutePattern):
            if base:
                yield base  # a regular-expression route inside an include: the include's own prefix covers it
            continue
        route = base + str(pattern.pattern).split("<", 1)[0]
        if isinstance(pattern, URLResolver) and not base:
            yield from _route_prefixes(pattern.url_patterns, route)
        elif route:
            yield route


@once
def skipped_prefixes() -> tuple[str, ...]:
    """Paths that are never public pages, so the middleware does not spend a cache lookup on them: static and media
    files, and every route of the site's URL map outside Wagtail's page tree (the apps' own pages, the admin, the
    health check). Read once per process from the URL map itself, so a new route is never forgotten here."""
    found = {settings.STATIC_URL, settings.MEDIA_URL} | {"/" + p for p in _route_prefixes(get_resolver().url_patterns)}
    found.discard("/")
    # Keep the shortest: "/docent/" already covers "/docent/inloggen/".
    return tuple(sorted(p for p in found if not any(p != q and p.startswith(q) for q in found)))


def _is_anonymous(request: HttpRequest) -> bool:
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return True  # no session, so nobody is signed in; no need to load anything
    return not request.user.is_authenticated


@once
def release_fingerprint() -> str:
    """A hash of the code, templates and static files this process serves, read once: a new release never serves
    pages rendered by the previous one, even while both run side by side during a rolling deploy."""
    digest = hashlib.sha256()
    for folder in ("templates", "static", "core", "edu", "cms", "accounts", "lessons", "dialogue", "measurement"):
        for path in sorted((Path(settings.BASE_DIR) / folder).rglob("*")):
            if path.is_file() and path.suffix in {".html", ".css", ".js", ".svg", ".py"}:
                digest.update(str(path.relative_to(settings.BASE_DIR)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _cache_key(request: HttpRequest, version: int) -> str:
    variant = "|".join(
        [
            request.get_host(),
            request.path,
            request.META.get("QUERY_STRING", ""),
            "groot" if reading_mode(request) else "normaal",
            "htmx" if request.headers.get("HX-Request") else "full",
        ]
    )
    return f"page:{release_fingerprint()}:{version}:{hashlib.sha256(variant.encode()).hexdigest()}"


def _attach_cached_site(request: HttpRequest, version: int) -> None:
    """Wagtail finds the Site for a request, then its home page, with two queries, and checks every page for view
    restrictions with two more. The answers change only when sites, pages or restrictions change, which bumps the
    version, so they are kept here: both go on the request through
    core.contracts (Wagtail's site with its home page already specific, and whether any restriction exists)."""
    from wagtail.models import PageViewRestriction, Site

    key = f"pagecache:site:{release_fingerprint()}:{version}:{request._get_raw_host()}:{request.get_port()}"
    snapshot = cache.get(key)
    if snapshot is None:
        site = Site.find_for_request(request)
        if site is not None:
            site.root_page.specific  # noqa: B018 - evaluated so that the pickled site carries it
        snapshot = (site, PageViewRestriction.objects.exists())
        cache.set(key, snapshot, settings.PAGE_CACHE_SECONDS)
    site, restrictions_exist = snapshot
    wagtail_site_set(request, site)
    view_restrictions_set(request, exist=restrictions_exist)


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            not settings.PAGE_CACHE_SECONDS
            or request.method not in ("GET", "HEAD")
            or request.path.startswith(skipped_prefixes())
            or not _is_anonymous(request)
        ):
            return self.get_response(request)

        version = version_get(VERSION_KEY)
        key = _cache_key(request, version)
        stored = cache.get(key)
        if stored is not None:
            response = HttpResponse(stored["content"], content_type=stored["content_type"])
            response["X-Page-Cache"] = "hit"
            response["Vary"] = "Cookie, HX-Request"
            return response

        _attach_cached_site(request, version)
        response = self.get_response(request)
        if self._storable(request, response):
            cache.set(
                key,
                {"content": response.content, "content_type": response["Content-Type"]},
                settings.PAGE_CACHE_SECONDS,
            )
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def _storable(request: HttpRequest, response: HttpResponse) -> bool:
        return (
            is_marked_public(response)
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        )
