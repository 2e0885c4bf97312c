"""Issue 12, learners: what a student, parent or older adult meets in the first hour, on a phone and on a desktop.

Feedback in view and focused after every step (normal and large text, htmx and without JavaScript), the sign-in link
and the compact menu on every page, the reading-mode toggle, read-aloud buttons."""

import pytest

from lessons.models import Answer

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SET = "/oefenen/starter/"
PHONE = {"width": 390, "height": 844}


def wait_until(page, expression: str) -> None:
    """Poll a JavaScript expression (page.wait_for_function would need 'unsafe-eval', which our CSP refuses)."""
    for _ in range(50):
        if page.evaluate(expression):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"never true: {expression}")


def phone_context(browser, live_site: str, *, large: bool, javascript: bool = True):
    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript)
    if large:
        context.add_cookies([{"name": "leesstand", "value": "groot", "url": live_site}])
    return context


FEEDBACK_IN_VIEW = """(step) => {
    const el = document.querySelector(`[id$='-uitkomst-${step}']`);
    if (!el) return 'no feedback';
    const top = el.getBoundingClientRect().top;
    return {top, height: window.innerHeight, focused: document.activeElement === el};
}"""


def assert_feedback_first_in_view(page, step: int) -> None:
    seen = page.evaluate(FEEDBACK_IN_VIEW, step)
    assert seen != "no feedback"
    # The verdict is the first thing in view: the feedback starts at the top of the screen, not above it.
    assert -1 <= seen["top"] <= 120, seen
    assert seen["focused"], seen


def answer_three_steps(page) -> None:
    page.get_by_role("button", name="Dreiging", exact=True).click()
    yield 1
    page.get_by_role("radio", name="2 Vaag").check()
    page.get_by_role("radio", name="3 Een flinke groep").check()
    page.get_by_role("button", name="Vergelijk met ons antwoord").click()
    yield 2
    page.get_by_role("checkbox", name="Niets doen").check()
    page.get_by_role("button", name="Bekijk de uitleg").click()
    yield 3


@pytest.mark.parametrize("large", [False, True], ids=["normal", "large-text"])
def test_feedback_is_first_in_view_and_focused_with_htmx(browser, live_site, large):
    context = phone_context(browser, live_site, large=large)
    page = context.new_page()
    page.goto(live_site + SET)
    page.get_by_role("button", name="Begin met oefenen").click()
    page.wait_for_url("**/1/")
    page.evaluate("window.stillTheSamePage = true")
    for step in answer_three_steps(page):
        page.wait_for_selector(f"[id$='-uitkomst-{step}']")
        wait_until(page, f"document.activeElement.id.endsWith('-uitkomst-{step}')")
        page.wait_for_timeout(200)  # let any late scroll happen
        assert_feedback_first_in_view(page, step)
    assert page.evaluate("window.stillTheSamePage === true")
    assert Answer.objects.get().responses == ["ignore"]
    context.close()


@pytest.mark.parametrize("large", [False, True], ids=["normal", "large-text"])
def test_feedback_is_first_in_view_and_focused_without_javascript(browser, live_site, large):
    context = phone_context(browser, live_site, large=large, javascript=False)
    page = context.new_page()
    page.goto(live_site + SET)
    page.get_by_role("button", name="Begin met oefenen").click()
    page.wait_for_url("**/1/")
    for step in answer_three_steps(page):
        page.wait_for_url(f"**/1/#*-uitkomst-{step}")
        assert_feedback_first_in_view(page, step)
    context.close()


PAGES = ["/", "/lessen/", "/oefenen/", SET, "/woordenlijst/", "/docent/", "/zoeken/?q=dreiging"]


def test_student_sign_in_is_one_step_from_every_page_on_a_phone(browser, live_site):
    from django.urls import reverse

    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    for path in PAGES:
        page.goto(live_site + path)
        link = page.get_by_role("link", name="Leerling? Log in")
        assert link.is_visible(), path  # in view without opening the menu
        assert link.get_attribute("href") == reverse("student:login")
    link.click()
    page.wait_for_url("**/klas/")
    assert page.get_by_role("heading", level=1).inner_text() == "Inloggen voor leerlingen"
    context.close()


@pytest.mark.parametrize("large", [False, True], ids=["normal", "large-text"])
def test_phone_menu_is_compact_and_opens_by_keyboard_without_javascript(browser, live_site, axe_check, large):
    context = phone_context(browser, live_site, large=large, javascript=False)
    page = context.new_page()
    page.goto(live_site + "/lessen/")
    header = page.locator(".site-header").bounding_box()
    assert header["height"] <= (160 if large else 130), header
    lessons_link = page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Lessen")
    assert not lessons_link.is_visible()
    # Keyboard alone: Tab to "Menu", open it with Enter; the menu and its tools are then reachable.
    for _ in range(6):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName === 'SUMMARY'"):
            break
    assert page.evaluate("document.activeElement.textContent.trim()") == "Menu"
    page.keyboard.press("Enter")
    assert lessons_link.is_visible()
    assert page.get_by_role("searchbox", name="Zoek op de site").is_visible()
    page.keyboard.press("Enter")
    assert not lessons_link.is_visible()
    context.close()
    # The same page with scripts, for axe: the open menu has no violation either.
    context = phone_context(browser, live_site, large=large)
    page = context.new_page()
    page.goto(live_site + "/lessen/")
    page.get_by_text("Menu", exact=True).click()
    assert axe_check(page) == []
    context.close()


def test_wide_screen_shows_the_menu_without_a_toggle(page, live_site):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_site + "/")
    assert page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Lessen").is_visible()
    assert not page.get_by_text("Menu", exact=True).is_visible()


def test_reading_toggle_says_what_it_will_do(page, live_site):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_site + "/lessen/")
    button = page.get_by_role("button", name="Grote letters aanzetten")
    assert button.get_attribute("aria-pressed") == "false"
    button.click()
    page.wait_for_url("**/lessen/")
    assert "leesstand-groot" in page.locator("html").get_attribute("class")
    button = page.get_by_role("button", name="Grote letters uitzetten")
    assert button.get_attribute("aria-pressed") == "true"
    assert page.get_by_role("button", name="Grote letters aanzetten").count() == 0
    button.click()
    page.wait_for_url("**/lessen/")
    assert page.get_by_role("button", name="Grote letters aanzetten").get_attribute("aria-pressed") == "false"


SPEECH_STUB = """
(() => {
  const voices = %s;
  window.__spoken = [];
  const synth = {
    speaking: false,
    getVoices: () => voices,
    speak: (utterance) => { window.__spoken.push({text: utterance.text, lang: utterance.lang,
                                                  voice: utterance.voice && utterance.voice.name}); },
    cancel: () => {},
    addEventListener: () => {},
  };
  Object.defineProperty(window, 'speechSynthesis', {value: synth, configurable: true});
  window.SpeechSynthesisUtterance = function (text) { this.text = text; };
})();
"""


def test_read_aloud_is_offered_with_a_dutch_voice_and_reads_post_question_and_feedback(browser, live_site, axe_check):
    context = browser.new_context(viewport=PHONE)
    context.add_init_script(SPEECH_STUB % "[{lang: 'en-GB', name: 'Engels'}, {lang: 'nl-NL', name: 'Nederlands'}]")
    page = context.new_page()
    page.goto(live_site + SET)
    page.get_by_role("button", name="Begin met oefenen").click()
    page.wait_for_url("**/1/")
    buttons = page.get_by_role("button", name="Lees voor")
    assert buttons.count() == 2  # the post and the question
    buttons.first.click()
    spoken = page.evaluate("window.__spoken")
    assert spoken[-1]["voice"] == "Nederlands" and spoken[-1]["lang"] == "nl-NL"
    assert spoken[-1]["text"].startswith("Bericht van ")
    assert page.get_by_role("button", name="Stop met voorlezen").is_visible()
    page.get_by_role("button", name="Lees voor").first.click()  # the question (the post stops)
    assert page.evaluate("window.__spoken")[-1]["text"] == (
        "Is dit bericht een mening, een dreiging of een oproep tot ordeverstoring?"
    )

    page.get_by_role("button", name="Dreiging", exact=True).click()
    page.wait_for_selector("[id$='-uitkomst-1']")
    feedback_button = page.locator("[id$='-uitkomst-1']").get_by_role("button", name="Lees voor")
    wait_until(page, "!document.querySelector(\"[id$='-uitkomst-1'] [data-read-aloud]\").hidden")
    feedback_button.click()
    text = page.evaluate("window.__spoken")[-1]["text"]
    assert text.startswith("Niet goed.") and "Lees voor" not in text
    assert axe_check(page) == []
    context.close()


@pytest.mark.parametrize("voices", ["[]", "[{lang: 'en-US', name: 'English'}]"], ids=["no-voice", "no-dutch-voice"])
def test_read_aloud_is_hidden_without_a_dutch_voice(browser, live_site, voices):
    context = browser.new_context(viewport=PHONE)
    context.add_init_script(SPEECH_STUB % voices)
    page = context.new_page()
    page.goto(live_site + SET)
    page.get_by_role("button", name="Begin met oefenen").click()
    page.wait_for_url("**/1/")
    page.wait_for_timeout(300)
    assert page.get_by_role("button", name="Lees voor").count() == 0  # hidden buttons have no role in the tree
    assert page.locator("button[data-read-aloud]").count() >= 2
    context.close()
