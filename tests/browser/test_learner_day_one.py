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
