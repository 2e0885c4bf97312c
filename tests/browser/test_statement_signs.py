"""Issue 12 item 21: printable statement signs, one statement per A4 landscape page in large type with both poles,
reached from the dialogue kit; print buttons on the kit and the signs (shown only where the print script runs)."""

import re

import pytest

from cms.models import StatementSet

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_kit_leads_to_signs_that_print_one_statement_per_a4_landscape_page(browser, live_site, axe_check):
    statement_set = StatementSet.objects.get(key="langs-de-lijn")
    statements = list(statement_set.statements.order_by("sort_order"))
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(live_site + "/dialoogavond/")
    assert page.get_by_role("button", name="Print de kit").is_visible()
    page.locator(f"section[aria-labelledby='set-{statement_set.key}']").get_by_role(
        "link", name="Print deze stellingen als borden"
    ).click()
    page.wait_for_url(f"**/stellingen/{statement_set.key}/borden/")
    assert page.get_by_role("button", name="Print de stellingen").is_visible()
    signs = page.locator(".sign")
    assert signs.count() == len(statements)
    first = signs.first.inner_text()
    assert "1. Vertrouwen in de overheid" in first
    assert statements[0].left_pole in first and statements[0].right_pole in first
    page.screenshot(path="/tmp/signs-1280.png")
    assert axe_check(page) == []

    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert len(boxes) == len(statements), len(boxes)
    width, height = (float(n) for n in boxes[0])
    assert (round(width), round(height)) == (842, 595)  # A4 landscape, in points


def test_an_unknown_set_is_a_dutch_404(client, live_site):
    response = client.get("/stellingen/bestaat-niet/borden/")
    assert response.status_code == 404
