"""Issue 12 item 26: everything an editor reads in the Wagtail admin is Dutch. Chromium walks the pages an editor
uses (dashboard, page explorer and editor, every snippet's list and edit form, images, documents, workflows) and no
common English leftover shows."""

import re

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.snippets.models import get_snippet_models

from tests.browser.test_admin_preview import editor_context

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LEFTOVERS = re.compile(r"\b(True|False|None|Moderators|Editors|approval|Yes|No)\b")


def admin_urls() -> list[str]:
    home = Page.objects.get(depth=2)
    urls = [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore", args=[home.pk]),
        reverse("wagtailadmin_pages:edit", args=[home.pk]),
        reverse("wagtailimages:index"),
        reverse("wagtaildocs:index"),
        reverse("wagtailadmin_workflows:index"),
        reverse("wagtailadmin_workflows:task_index"),
        reverse("wagtailusers_groups:index"),
    ]
    for model in get_snippet_models():
        if model._meta.app_label != "cms":
            continue
        prefix = f"wagtailsnippets_{model._meta.app_label}_{model._meta.model_name}"
        urls.append(reverse(f"{prefix}:list"))
        first = model.objects.order_by("pk").first()
        if first is not None:
            urls.append(reverse(f"{prefix}:edit", args=[first.pk]))
    return urls


def test_an_editor_reads_no_english_leftovers(browser, live_site):
    page = editor_context(browser, live_site).new_page()
    found = {}
    urls = admin_urls()
    assert len(urls) >= 14  # every cms snippet's list and edit form among them
    for url in urls:
        response = page.goto(live_site + url)
        assert response.ok and page.url == live_site + url, url  # the page itself, not a login or error page
        text = page.locator("main, #main, body").first.inner_text()
        leftovers = sorted(set(LEFTOVERS.findall(text)))
        if leftovers:
            found[url] = leftovers
    assert found == {}
