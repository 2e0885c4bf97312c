"""The page cache skips every route outside Wagtail's page tree, read from the URL map (no list typed by hand)."""

from django.urls import reverse

from core.pagecache import skipped_prefixes


def test_app_routes_are_skipped_and_public_pages_are_not():
    routes = [
        reverse("healthz"),
        reverse("search"),
        reverse("lessons:set_list"),
        reverse("teacher:home"),
        reverse("student:login"),
        reverse("live:host_home"),
        reverse("doemee:join"),
        "/admin/",
        "/django-admin/",
        "/static/css/site.css",
    ]
    assert [route for route in routes if not route.startswith(skipped_prefixes())] == []
    assert [page for page in ["/", "/lessen/", "/ouders/", "/privacy/"] if page.startswith(skipped_prefixes())] == []
