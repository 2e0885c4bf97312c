"""The baseline for bench/run.py: a view that does no work, served through the same gunicorn and middleware as
every page. Mounted only when DJANGO_BENCH=1 (settings.BENCH_VIEWS)."""

from django.http import HttpRequest, HttpResponse


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")
