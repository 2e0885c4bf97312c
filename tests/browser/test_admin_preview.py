"""Issue 12 item 23: the live preview panel of the Wagtail admin renders inside the admin, for every page type and
every previewable snippet, while the public site keeps refusing to be framed (frame-ancestors 'none')."""

import pytest
from django.conf import settings
from django.test import Client, RequestFactory
from django.urls import reverse
from wagtail.models import Page

from cms.models import ExerciseSet, GlossaryTerm, Scenario, StatementSet
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def editor_context(browser, live_site: str):
    client = Client()
    client.force_login(UserFactory(username="redacteur", is_staff=True, is_superuser=True))
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_site}])
    return context


def edit_urls() -> list[str]:
    pages = {type(page.specific): page for page in Page.objects.filter(depth__gt=1).order_by("path")}
    urls = [reverse("wagtailadmin_pages:edit", args=[page.pk]) for page in pages.values()]
    for model in (Scenario, ExerciseSet, StatementSet, GlossaryTerm):
        name = f"wagtailsnippets_{model._meta.app_label}_{model._meta.model_name}:edit"
        urls.append(reverse(name, args=[model.objects.order_by("pk").first().pk]))
    return urls


def test_the_preview_panel_renders_inside_the_admin(browser, live_site):
    page = editor_context(browser, live_site).new_page()
    refused = []
    page.on("console", lambda message: "frame-ancestors" in message.text and refused.append(message.text))
    for url in edit_urls():
        page.goto(live_site + url)
        page.locator('[data-side-panel-toggle="preview"]').click()
        frame = page.frame_locator("#w-preview-iframe")
        text = ""
        for _ in range(60):  # the panel posts the form, then swaps in a fresh iframe with the preview
            text = frame.locator("body").inner_text(timeout=15000).strip()
            if len(text) > 20:
                break
            page.wait_for_timeout(250)
        assert len(text) > 20, (url, page.locator("#w-preview-error-banner").count())
    assert refused == []


def test_the_public_site_still_refuses_to_be_framed(client, live_site):
    assert "frame-ancestors 'none'" in Client().get("/")["Content-Security-Policy"]


def test_a_preview_may_be_framed_by_the_admin_only_and_keeps_the_public_script_policy(live_site):
    """Wagtail renders a preview through a dummy request for the public URL; that used to carry 'none'."""
    home = Page.objects.get(depth=2).specific
    response = home.make_preview_request(RequestFactory().get("/admin/"), home.default_preview_mode)
    policy = response["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in policy
    assert "script-src 'self';" in policy + ";"  # the page runs as the public sees it: no inline script
    assert response["X-Frame-Options"] == "SAMEORIGIN"
