"""A whole "langs de lijn" evening in Chromium: a host page, the projector and three phones at once (one of them
without JavaScript); axe-core finds no WCAG 2.1 AA violation on the projector and the participant pages."""

import pytest
from django.conf import settings
from django.test import Client

from cms.models import StatementSet
from dialogue.models import LiveSession, Position
from tests.factories import TeacherFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def wait_until(page, expression: str, tries: int = 80) -> None:
    """Poll a JavaScript expression (page.wait_for_function would need 'unsafe-eval', which our CSP refuses)."""
    for _ in range(tries):
        if page.evaluate(expression):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"never true: {expression}")


def text_shows(page, selector: str, text: str) -> None:
    wait_until(page, f"(document.querySelector({selector!r})?.textContent || '').includes({text!r})")


def with_stylesheet(page, live_site: str) -> None:
    """base.html links the dialogue stylesheet on every page."""
    assert page.locator('link[href*="dialogue"]').count()


def no_violations(page, axe_check) -> None:
    assert axe_check(page) == [], page.url


def signed_in_context(browser, live_site: str):
    client = Client()
    client.force_login(TeacherFactory(user__username="bieb@example.org", role="bibliotheek").user)
    context = browser.new_context()
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_site}])
    return context


def join(context, live_site: str, code: str):
    phone = context.new_page()
    phone.goto(live_site + "/doe-mee/")
    phone.get_by_label("Code (6 tekens)").fill(code.lower())
    phone.get_by_role("button", name="Doe mee").click()
    phone.wait_for_url(f"**/doe-mee/{code}/")
    return phone


def move_by_keyboard(phone, steps: int) -> None:
    slider = phone.locator("#plek")
    slider.focus()
    for _ in range(abs(steps)):
        phone.keyboard.press("ArrowRight" if steps > 0 else "ArrowLeft")


def test_a_whole_evening(browser, live_site, axe_check):
    statement_set = StatementSet.objects.order_by("title").first()
    statement = statement_set.statements.order_by("sort_order").first()

    # The host starts a session on their phone.
    host_context = signed_in_context(browser, live_site)
    host = host_context.new_page()
    host.goto(live_site + "/live/")
    host.get_by_label("Kies de stellingen").select_option(label=statement_set.title)
    host.get_by_role("button", name="Start de sessie").click()
    host.wait_for_url("**/live/*/")
    session = LiveSession.objects.get()

    # The projector, on the host's laptop.
    projector = host_context.new_page()
    projector.goto(live_site + f"/live/{session.public_id}/scherm/")
    with_stylesheet(projector, live_site)
    assert projector.locator(".projector__code").inner_text() == session.code
    assert projector.locator("h1").inner_text().endswith(statement.heading)
    wait_until(projector, "document.querySelector('img.projector__qr').complete")
    assert projector.locator("img.projector__qr").evaluate("img => img.naturalWidth > 0")
    no_violations(projector, axe_check)

    # Three phones: two with JavaScript, one without.
    phones = [join(browser.new_context(), live_site, session.code) for _ in range(2)]
    phones.append(join(browser.new_context(java_script_enabled=False), live_site, session.code))
    with_stylesheet(phones[0], live_site)
    no_violations(phones[0], axe_check)
    text_shows(projector, "#board", "3 deelnemers")

    slider = phones[0].locator("#plek")
    assert slider.get_attribute("aria-valuetext") == "precies in het midden"
    move_by_keyboard(phones[0], 6)
    assert slider.get_attribute("aria-valuetext").startswith("6 stappen naar rechts")
    text_shows(phones[0], "#plek-status", "Jouw plek: 6 stappen naar rechts")
    move_by_keyboard(phones[1], -4)
    text_shows(phones[1], "#plek-status", "Jouw plek: 4 stappen naar links")
    phones[2].locator("#plek").fill("10")
    phones[2].get_by_role("button", name="Zet mij hier").click()
    phones[2].wait_for_load_state()
    assert "Jouw plek: precies in het midden" in phones[2].locator("#plek-status").inner_text()
    text_shows(projector, "#board", "3 plekken gekozen")
    assert "Zo staat de groep" not in projector.locator("#board").inner_text()

    # A comment, approved by the host.
    phones[1].get_by_label("Waarom sta je hier?").fill("Ik twijfel nog, maar neig naar links.")
    phones[1].get_by_role("button", name="Stuur je reactie").click()
    phones[1].wait_for_url("**#reactie")
    text_shows(host, "#reacties-lijst", "Ik twijfel nog")  # the host's page polls too
    host.get_by_role("button", name="Op het scherm").click()
    text_shows(projector, "#board", "Ik twijfel nog")

    # Reveal: the projector and the phones show the room.
    host.get_by_role("button", name="Laat de verdeling zien").click()
    text_shows(projector, "#board", "Zo staat de groep: 3 plekken")
    text_shows(phones[0], "#live", "Hier staat de groep")
    with_stylesheet(phones[0], live_site)
    no_violations(projector, axe_check)
    no_violations(phones[0], axe_check)

    # Second round after the conversation: the slider comes back on the phones, then the shift.
    host.get_by_role("button", name="Opnieuw positioneren (ronde 2)").click()
    text_shows(phones[0], "#live", "Tweede ronde")
    for phone in phones[:2]:  # the new slider has arrived, and htmx has wired its form (a few ms later)
        wait_until(phone, "document.querySelector('#plek-status').textContent.includes('nog geen plek')")
        wait_until(phone, "Boolean(document.querySelector('#plaats form.place')['htmx-internal-data'])")
        phone.wait_for_timeout(100)
    move_by_keyboard(phones[0], 4)
    text_shows(phones[0], "#plek-status", "Jouw plek: 10 stappen naar rechts")
    move_by_keyboard(phones[1], 2)
    text_shows(phones[1], "#plek-status", "Jouw plek: 2 stappen naar links")
    host.get_by_role("button", name="Laat de verdeling zien").click()
    text_shows(projector, "#board", "De groep schoof gemiddeld")
    assert "Eerste ronde" in projector.locator("#board").inner_text()
    no_violations(projector, axe_check)

    # Close: the polls stop and everyone sees why.
    host.get_by_role("button", name="Sessie afsluiten").click()
    text_shows(projector, "#board", "Deze sessie is afgesloten")
    text_shows(phones[0], "#live", "Deze sessie is afgesloten")
    assert Position.objects.filter(round=1).count() == 3 and Position.objects.filter(round=2).count() == 2
    assert sorted(Position.objects.filter(round=1).values_list("value", flat=True)) == [6, 10, 16]
