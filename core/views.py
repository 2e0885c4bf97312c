"""Site-wide plumbing views: the health check, the reading-mode switch, editors' images from the default storage and
the benchmark's bare baseline."""

import mimetypes
from posixpath import normpath

from django.core.files.storage import default_storage
from django.db import DatabaseError, connection
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

from .pagecache import READING_MODE_COOKIE


@never_cache
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """200 'ok' when the database answers; 503 otherwise, so a load balancer takes this instance out."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


@require_GET
def reading_mode_toggle(request: HttpRequest) -> HttpResponse:
    """Turn the large-text reading mode on or off; a cookie keeps the choice (no account needed)."""
    turn_on = request.GET.get("aan") == "1"
    back = request.GET.get("terug", "/")
    # Only a path on this site: a relative one ("lessen/") would land under /leesstand/ and 404.
    if not back.startswith("/") or not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=False
    ):
        back = "/"
    response = HttpResponseRedirect(back)
    if turn_on:
        response.set_cookie(
            READING_MODE_COOKIE,
            "groot",
            max_age=60 * 60 * 24 * 365,
            samesite="Lax",
            secure=request.is_secure(),
            httponly=True,
        )
    else:
        response.delete_cookie(READING_MODE_COOKIE, samesite="Lax")
    return response


def bench_bare(request: HttpRequest) -> HttpResponse:
    """The baseline for bench/run.py: a view that does no work, served through the same gunicorn and middleware as
    every page. Mounted only when DJANGO_BENCH=1 (settings.BENCH_VIEWS)."""
    return HttpResponse("ok", content_type="text/plain")


# Wagtail keeps uploaded images under these folders; documents go through Wagtail's own view (/documenten/).
MEDIA_FOLDERS = ("original_images/", "images/")


@require_GET
@cache_control(public=True, max_age=60 * 60 * 24)
def media_file(request: HttpRequest, name: str) -> HttpResponse:
    """An image from the default storage (settings.SERVE_MEDIA): only under Wagtail's image folders, never a path
    that climbs out of them."""
    clean = normpath(name)
    if clean != name or not clean.startswith(MEDIA_FOLDERS) or not default_storage.exists(clean):
        raise Http404("Dit bestand bestaat niet.")
    content_type = mimetypes.guess_type(clean)[0] or "application/octet-stream"
    response = FileResponse(default_storage.open(clean, "rb"), content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response
