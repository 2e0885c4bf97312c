"""A whole dialogue evening in Chromium: the host's page and projector on a laptop, a table's phone that scans its
QR code and writes a card, and a phone without JavaScript that rates the proposals; axe-core finds no WCAG 2.1 AA
violation on the projector, the table page and the poll."""

import re

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


def make_evening(browser, live_site: str, title: str, scale: str = ""):
    """The host makes an evening through the form; (the laptop's context, the host's page, the evening)."""
    laptop = host_context(browser, live_site)
    host = laptop.new_page()
    host.set_default_timeout(20_000)
    host.goto(live_site + "/live/avond/")
    host.get_by_label("Titel van de avond").fill(title)
    host.get_by_label("Stellingen voor langs de lijn").select_option(
        label=StatementSet.objects.order_by("title").first().title
    )
    if scale:
        host.get_by_role("radio", name=scale).check()
    host.get_by_role("button", name="Maak de avond").click()
    host.wait_for_url("**/live/avond/*/")
    return laptop, host, Evening.objects.get()


def test_an_evening_with_cards_and_a_support_poll(browser, live_site, axe_check):
    laptop, host, evening = make_evening(browser, live_site, "Dialoogavond Zwolle")
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


def test_a_slider_poll_and_the_programme_edited_by_keyboard(browser, live_site, axe_check):
    laptop, host, evening = make_evening(browser, live_site, "Schuifavond", scale="Een schuif van 0")
    code = evening.session.code

    # The programme by keyboard: a block moves down, another gets a new title.
    host.get_by_role("button", name=re.compile(r"^Omlaag\W+Dialoogkaarten$")).focus()
    host.keyboard.press("Enter")
    host.wait_for_url("**#onderdeel-*")
    assert [b.kind for b in evening.blocks.order_by("sort_order")] == [
        "info", "lijn", "peiling", "kaarten", "afsluiting"
    ]  # fmt: skip
    host.locator("summary", has_text=re.compile(r"Titel en tekst veranderen\W+Bedankt")).click()
    title = host.locator(f"#titel-{evening.blocks.get(kind='afsluiting').pk}")
    title.fill("Tot de volgende keer")
    title.press("Enter")
    host.wait_for_url("**#onderdeel-*")
    assert "Tot de volgende keer" in host.locator(".evening-programme").inner_text()
    no_violations(host, axe_check)

    # A paper card in the poll, the poll on the screen; a phone answers with the slider.
    host.get_by_role("radio", name="Burgers", exact=True).check()
    host.get_by_label("De oplossingsrichting (verplicht)").fill("Praat er thuis over.")
    host.get_by_role("button", name="Bewaar de kaart").click()
    host.get_by_role("button", name="In de peiling").click()
    host.get_by_role("button", name=re.compile(r"^Ga hierheen\W+Steunpeiling$")).click()
    card = Card.objects.get()

    plain = browser.new_context(**PHONE).new_page()
    plain.set_default_timeout(20_000)
    plain.goto(live_site + f"/doe-mee/{code}/avond/")
    plain.get_by_role("button", name="Doe mee").click()
    slider = plain.get_by_role("slider", name="Hoeveel ben je het hiermee eens, van 0 tot 100?")
    assert slider.get_attribute("value") == "50"  # in the middle until moved; only "Bewaar" stores it
    no_violations(plain, axe_check)
    # Moved by keyboard, as someone without a mouse or touch screen would: End, then ten steps back.
    slider.focus()
    plain.keyboard.press("End")
    for _ in range(10):
        plain.keyboard.press("ArrowLeft")
    assert slider.input_value() == "90"
    plain.get_by_role("button", name=re.compile(r"^Bewaar\s+je antwoord bij oplossingsrichting 1$")).click()
    assert "Bewaard: 90 van 100." in plain.locator("main").inner_text()
    assert list(Rating.objects.values_list("card", "value", "slider")) == [(card.pk, 5, 90)]
    plain.screenshot(path="/tmp/evening-slider-phone.png", full_page=True)

    host.get_by_role("button", name="Toon de uitslag van de peiling").click()
    projector = laptop.new_page()
    projector.goto(live_site + f"/live/avond/{evening.public_id}/scherm/")
    text_shows(projector, "#scherm", "gemiddeld 90 van 100")
    no_violations(projector, axe_check)
