"""The public pages in a real Chromium: no WCAG 2.1 AA violations (axe-core), usable by keyboard, on a phone."""

import pytest

# Live-server tests on a Wagtail site: the flush after each test would delete Wagtail's root page, so the
# migrated state is serialized once and restored (the marker, not the fixture, makes pytest-django serialize).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PAGES = [
    "/",
    "/lessen/",
    "/lessen/drie-soorten-berichten/",
    "/ouders/",
    "/dialoogavond/",
    "/woordenlijst/",
    "/zoeken/?q=opruiing",
    "/privacy/",
    "/toegankelijkheid/",
    "/over-ons/",
]


@pytest.mark.parametrize("path", PAGES)
def test_no_axe_violations(page, live_site, axe_check, path):
    page.goto(live_site + path)
    assert page.locator("h1").first.is_visible()
    assert axe_check(page) == []


def test_no_request_leaves_this_host_and_nothing_breaks_the_policy(page, live_site):
    hosts, console_errors = set(), []
    page.on("request", lambda request: hosts.add(request.url.split("/")[2]))
    page.on("console", lambda message: message.type == "error" and console_errors.append(message.text))
    for path in PAGES:
        page.goto(live_site + path)
        page.wait_for_load_state("networkidle")
    assert hosts == {live_site.split("/")[2]}
    assert console_errors == []  # a CSP violation shows here as "Refused to ..."


def test_skip_link_and_keyboard_navigation(page, live_site):
    page.goto(live_site + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Naar de inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#inhoud"
    # Tab on from the main landmark reaches the first link inside it, visibly focused.
    page.keyboard.press("Tab")
    inside_main = page.evaluate("document.querySelector('main').contains(document.activeElement)")
    assert inside_main
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


def test_reading_mode_sticks_across_pages(page, live_site, axe_check):
    page.goto(live_site + "/lessen/")
    base_size = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    page.get_by_role("button", name="Grote letters").click()
    page.wait_for_url("**/lessen/")
    page.goto(live_site + "/ouders/")
    assert page.evaluate("document.documentElement.classList.contains('leesstand-groot')")
    large_size = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert large_size > base_size
    assert page.get_by_role("button", name="Grote letters").get_attribute("aria-pressed") == "true"
    assert axe_check(page) == []


def test_the_axe_check_does_find_violations(page, live_site, axe_check):
    """Guards the guard: a page with a known fault must fail the same check."""
    page.goto(live_site + "/")
    page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('afterbegin', '<img src=\\'/favicon.ico\\'>');"
        "document.documentElement.lang = ''"
    )
    found = {violation["id"] for violation in axe_check(page)}
    assert {"image-alt", "html-has-lang"} <= found


def test_phone_width_has_no_horizontal_scroll(browser, live_site):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    for path in ["/", "/lessen/drie-soorten-berichten/", "/dialoogavond/"]:
        page.goto(live_site + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, path
    context.close()


def test_a_lesson_prints_without_site_chrome(page, live_site):
    page.goto(live_site + "/lessen/drie-soorten-berichten/")
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert page.locator("h1").is_visible()
    pdf = page.pdf(format="A4")
    assert pdf[:4] == b"%PDF" and len(pdf) > 10_000
