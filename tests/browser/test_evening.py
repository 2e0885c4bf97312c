"""A whole dialogue evening in Chromium: the host's page and projector on a laptop, a table's phone that scans its
QR code and writes a card, and a phone without JavaScript that rates the proposals; axe-core finds no WCAG 2.1 AA
violation on the projector, the table page and the poll."""

import pytest
from django.conf import settings
from django.test import Client

from cms.models import StatementSet
from dialogue.evening.models import Card, Evening, Rating
from tests.factories import TeacherFactory

from .test_dialogue import no_violations, text_shows, wait_until

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
PHONE = {"viewport": {"width": 390, "height": 844}}


def host_context(browser, live_site: str):
    client = Client()
    client.force_login(TeacherFactory(user__username="bieb@example.org", role="bibliotheek").user)
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_site}])
    return context


def test_an_evening_with_cards_and_a_support_poll(browser, live_site, axe_check):
    statement_set = StatementSet.objects.order_by("title").first()
    laptop = host_context(browser, live_site)
    host = laptop.new_page()
    host.goto(live_site + "/live/avond/")
    host.get_by_label("Titel van de avond").fill("Dialoogavond Zwolle")
    host.get_by_label("Stellingen voor langs de lijn").select_option(label=statement_set.title)
    host.get_by_role("button", name="Maak de avond").click()
    host.wait_for_url("**/live/avond/*/")
    evening = Evening.objects.get()
    code = evening.session.code
    table = evening.tables.order_by("number").first()

    projector = laptop.new_page()
    projector.set_viewport_size({"width": 1920, "height": 1080})
    projector.goto(live_site + f"/live/avond/{evening.public_id}/scherm/")
    assert projector.locator("h1").inner_text() == "Welkom"
    no_violations(projector, axe_check)

    # To the dialogue cards: the projector follows, a table's phone scans its QR code and joins.
    host.get_by_role("button", name="Volgende onderdeel").click()
    host.get_by_role("button", name="Volgende onderdeel").click()
    text_shows(projector, "#scherm", f"Tafel 1: {table.code}")
    phone = browser.new_context(**PHONE).new_page()
    phone.goto(live_site + f"/doe-mee/{code}/tafel/{table.code}/")
    phone.get_by_role("button", name="Doe mee").click()
    phone.wait_for_url(f"**/doe-mee/{code}/tafel/{table.code}/")
    phone.get_by_role("radio", name="Media", exact=True).check()
    phone.get_by_label("De oplossingsrichting (verplicht)").fill("Media leggen uit hoe ze over onrust berichten.")
    phone.get_by_label("Ander geluid: wie aan tafel is het er niet mee eens, en waarom?").fill("Bel 06-12345678")
    phone.get_by_role("button", name="Verstuur de kaart").click()
    assert "Laat het telefoonnummer weg" in phone.locator("main").inner_text()
    no_violations(phone, axe_check)
    phone.get_by_label("Ander geluid: wie aan tafel is het er niet mee eens, en waarom?").fill(
        "Eén van ons wil geen regels."
    )
    phone.get_by_role("button", name="Verstuur de kaart").click()
    phone.wait_for_url("**verstuurd=1")
    no_violations(phone, axe_check)

    # The host publishes it and opens the poll; the phone's programme follows by itself.
    phone.goto(live_site + f"/doe-mee/{code}/avond/")
    host.reload()
    host.get_by_role("button", name="In de peiling").click()
    host.get_by_role("button", name="Volgende onderdeel").click()
    card = Card.objects.get()
    text_shows(phone, "#onderdeel", card.direction)
    phone.get_by_role("radio", name="Mee eens", exact=True).check()
    phone.get_by_role("button", name="Bewaar mijn antwoorden").click()
    phone.wait_for_url("**bewaard=1*")
    no_violations(phone, axe_check)

    # A phone without JavaScript joins with the code and answers "helemaal mee eens".
    plain = browser.new_context(java_script_enabled=False, **PHONE).new_page()
    plain.goto(live_site + f"/doe-mee/{code}/avond/")
    plain.get_by_role("button", name="Doe mee").click()
    plain.get_by_role("radio", name="Helemaal mee eens").check()
    plain.get_by_role("button", name="Bewaar mijn antwoorden").click()
    assert "Bewaard" in plain.locator("main").inner_text()
    assert sorted(Rating.objects.values_list("value", flat=True)) == [4, 5]

    # Hidden until the host reveals it; then the projector shows the distribution.
    assert "100% eens" not in projector.locator("#scherm").inner_text()
    host.get_by_role("button", name="Toon de uitslag van de peiling").click()
    text_shows(projector, "#scherm", "100% eens")
    wait_until(projector, "document.querySelectorAll('.support__seg.w-50').length === 2")
    no_violations(projector, axe_check)
    projector.screenshot(path="/tmp/evening-projector.png")
    phone.screenshot(path="/tmp/evening-phone.png", full_page=True)

    report = laptop.new_page()
    report.goto(live_site + f"/live/avond/{evening.public_id}/verslag/")
    assert "Rol van media" in report.locator("main").inner_text()
    assert code not in report.locator("main").inner_text()
    no_violations(report, axe_check)
    report.screenshot(path="/tmp/evening-report.png", full_page=True)

    # The host's own page on a phone: every control reachable at 390 px, and clean.
    host.set_viewport_size({"width": 390, "height": 844})
    host.reload()
    no_violations(host, axe_check)
    assert host.evaluate("document.documentElement.scrollWidth") <= 390
    host.screenshot(path="/tmp/evening-host-390.png", full_page=True)
