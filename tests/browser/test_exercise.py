"""The exercise in Chromium: every step by keyboard alone with htmx, the same without JavaScript, a post embedded in
a lesson, a refused step, the summary and the reading mode; axe-core finds no WCAG 2.1 AA violation anywhere."""

import pytest

from cms.models import ExerciseSet
from lessons.models import Answer, Attempt
from lessons.practice import services

# Live-server tests on a Wagtail site (see test_pages_a11y.py).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SET = "/oefenen/starter/"  # the content set's first exercise set for students; its first post is an opinion


def tab_to(page, condition: str, limit: int = 120) -> None:
    """Press Tab until `condition` (a JavaScript expression about `el`, the focused element) holds."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return Boolean({condition}); }})()"):
            return
    raise AssertionError(f"Tab never reached an element where {condition}")


def named(text: str) -> str:
    return f"el.textContent.trim() === {text!r}"


def wait_until(page, expression: str) -> None:
    """Poll a JavaScript expression (page.wait_for_function would need 'unsafe-eval', which our CSP refuses)."""
    for _ in range(50):
        if page.evaluate(expression):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"never true: {expression}")


def wait_for_focus_on(page, suffix: str) -> None:
    """htmx moves the focus to the new feedback (autofocus) once the swap has settled."""
    wait_until(page, f"document.activeElement.id.endsWith({suffix!r})")


def no_violations(page, axe_check) -> None:
    assert axe_check(page) == [], page.url


def start_by_keyboard(page, live_site: str) -> None:
    page.goto(live_site + SET)
    tab_to(page, named("Begin met oefenen"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/1/")


def test_list_and_intro(page, live_site, axe_check):
    page.goto(live_site + "/oefenen/")
    assert page.get_by_role("heading", level=1).inner_text() == "Oefenen"
    no_violations(page, axe_check)
    page.get_by_role("link", name=ExerciseSet.objects.get(slug="starter").title).click()
    page.wait_for_url("**" + SET)
    no_violations(page, axe_check)


def test_three_steps_by_keyboard_alone(page, live_site, axe_check):
    start_by_keyboard(page, live_site)
    no_violations(page, axe_check)
    progress = page.locator("progress")
    size = ExerciseSet.objects.get(slug="starter").items.count()
    assert (progress.get_attribute("value"), progress.get_attribute("max")) == ("1", str(size))
    page.evaluate("window.stillTheSamePage = true")  # gone if a step reloads the page instead of swapping

    # Step 1: the three buttons, by their exact names.
    for name in ("Mening", "Dreiging", "Oproep tot ordeverstoring"):
        assert page.get_by_role("button", name=name, exact=True).is_visible()
    tab_to(page, named("Mening"))
    page.keyboard.press("Enter")
    page.wait_for_selector(".feedback--right")
    wait_for_focus_on(page, "-uitkomst-1")  # the feedback is read out first
    assert "Goed! Dit is een mening." in page.locator(".feedback__verdict").first.inner_text()
    no_violations(page, axe_check)

    # Step 2: two radio groups, moved with the arrow keys.
    tab_to(page, "el.name === 'concreetheid'")
    for _ in range(2):
        page.keyboard.press("ArrowRight")
    tab_to(page, "el.name === 'bereik'")
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.querySelector('input[name=concreetheid]:checked').value") == "3"
    assert page.evaluate("document.querySelector('input[name=bereik]:checked').value") == "2"
    no_violations(page, axe_check)
    tab_to(page, named("Vergelijk met ons antwoord"))
    page.keyboard.press("Enter")
    page.wait_for_selector("[id$='-uitkomst-2']")
    wait_for_focus_on(page, "-uitkomst-2")
    assert "Jij koos 3 (een beetje concreet)" in page.locator(".placement-list").inner_text()
    no_violations(page, axe_check)

    # Step 3: checkboxes, ticked with the space bar.
    tab_to(page, "el.name === 'actie' && el.value === 'reply_calmly'")
    page.keyboard.press("Space")
    tab_to(page, named("Bekijk de uitleg"))
    page.keyboard.press("Enter")
    page.wait_for_selector("[id$='-uitkomst-3']")
    wait_for_focus_on(page, "-uitkomst-3")
    assert "Rustig reageren" in page.locator(".response-list").inner_text()
    no_violations(page, axe_check)

    assert page.evaluate("window.stillTheSamePage === true")
    answer = Answer.objects.get()
    assert (answer.chosen_category, answer.concreteness, answer.reach, answer.responses) == (
        "opinion",
        3,
        2,
        ["reply_calmly"],
    )

    tab_to(page, named("Volgend bericht"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/2/")
    assert page.locator("progress").get_attribute("value") == "2"


def test_three_steps_without_javascript(browser, live_site, axe_check):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_site + SET)
    page.get_by_role("button", name="Begin met oefenen").click()
    page.wait_for_url("**/1/")

    page.get_by_role("button", name="Dreiging", exact=True).click()
    page.wait_for_url("**/1/#*-uitkomst-1")
    assert "Niet goed. Je koos: dreiging. Maar dit is een mening." in page.content()

    page.get_by_role("radio", name="2 Vaag").check()
    page.get_by_role("radio", name="3 Een flinke groep").check()
    page.get_by_role("button", name="Vergelijk met ons antwoord").click()
    page.wait_for_url("**/1/#*-uitkomst-2")
    assert "Jij koos 2 (vaag)" in page.content()

    page.get_by_role("checkbox", name="Niets doen").check()
    page.get_by_role("checkbox", name="Praten met iemand die je vertrouwt").check()
    page.get_by_role("button", name="Bekijk de uitleg").click()
    page.wait_for_url("**/1/#*-uitkomst-3")
    assert "Volgend bericht" in page.content()

    answer = Answer.objects.get()
    assert (answer.chosen_category, answer.concreteness, answer.reach) == ("threat", 2, 3)
    assert answer.responses == ["ignore", "talk_to_someone"]

    # The page a learner without JavaScript sees is the server's HTML; axe needs a script, so check that HTML in
    # a scripting page of the same session.
    url = page.url
    checker = context.browser.new_context()
    checker.add_cookies(context.cookies())
    checking = checker.new_page()
    checking.goto(url)
    no_violations(checking, axe_check)
    checker.close()
    context.close()


def test_refused_step_shows_the_dutch_message_in_place(page, live_site, axe_check):
    start_by_keyboard(page, live_site)
    page.get_by_role("button", name="Oproep tot ordeverstoring", exact=True).click()
    page.wait_for_selector("[id$='-uitkomst-1']")
    page.get_by_role("radio", name="4 Concreet").check()
    page.get_by_role("radio", name="4 Veel mensen").check()
    page.get_by_role("button", name="Vergelijk met ons antwoord").click()
    page.wait_for_selector("[id$='-uitkomst-2']")

    page.get_by_role("button", name="Bekijk de uitleg").click()  # nothing ticked

    alert = page.get_by_role("alert")
    alert.wait_for()
    assert "Kies minstens één ding dat jij zou doen." in alert.inner_text()
    wait_until(page, "document.activeElement.classList.contains('exercise-error')")
    assert Answer.objects.get().responses is None
    no_violations(page, axe_check)


def test_post_in_a_lesson_is_the_same_item_in_place(page, live_site, axe_check):
    lesson = live_site + "/lessen/drie-soorten-berichten/"
    page.goto(lesson)
    item = page.locator("#bericht-op-01.exercise-item--embedded")
    item.wait_for()
    no_violations(page, axe_check)

    item.get_by_role("button", name="Mening", exact=True).click()
    item.locator("#bericht-op-01-uitkomst-1").wait_for()
    assert page.url == lesson
    item.get_by_role("radio", name="1 Heel vaag").check()
    item.get_by_role("radio", name="2 Weinig mensen").check()
    item.get_by_role("button", name="Vergelijk met ons antwoord").click()
    item.locator("#bericht-op-01-uitkomst-2").wait_for()
    item.get_by_role("checkbox", name="Rustig reageren").check()
    item.get_by_role("button", name="Bekijk de uitleg").click()
    item.locator("#bericht-op-01-uitkomst-3").wait_for()
    assert page.url == lesson
    assert item.get_by_role("heading", level=3, name="Stap 3 van 3 Wat doe jij?").is_visible()
    no_violations(page, axe_check)
    assert not Answer.objects.exists()


def test_post_in_a_lesson_without_javascript_links_to_its_own_page(browser, live_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_site + "/lessen/drie-soorten-berichten/")
    page.locator("#bericht-op-01").get_by_role("link", name="Oefen met dit bericht").click()
    page.wait_for_url("**/oefenen/bericht/op-01/")
    page.get_by_role("button", name="Mening", exact=True).click()
    assert "Goed! Dit is een mening." in page.content()
    context.close()


def _finish_in_the_database(code: str, wrong: int) -> None:
    """Answer every post of the attempt (the first `wrong` of them with the wrong category)."""
    attempt = Attempt.objects.select_related("exercise_set").get(code=code)
    for position, scenario in enumerate(attempt.exercise_set.ordered_scenarios()):
        category = "threat" if position < wrong and scenario.category == "opinion" else scenario.category
        services.answer_category(attempt=attempt, scenario=scenario, category=category)
        services.answer_placement(attempt=attempt, scenario=scenario, concreteness=3, reach=3)
        services.answer_responses(attempt=attempt, scenario=scenario, responses=("talk_to_someone",))


def test_summary(page, live_site, axe_check):
    start_by_keyboard(page, live_site)
    _finish_in_the_database(page.url.split("/")[-3], wrong=1)
    page.goto(page.url.replace("/1/", "/uitslag/"))

    assert page.get_by_role("heading", level=1).inner_text() == "Je uitslag"
    assert page.get_by_role("heading", name="Waarom tellen we beide kanten?").is_visible()
    assert page.get_by_role("heading", name="Voor thuis: praat erover").is_visible()
    no_violations(page, axe_check)
    page.get_by_role("button", name="Doe deze oefening opnieuw").click()
    page.wait_for_url("**/1/")
    assert Attempt.objects.count() == 2


def test_reading_mode_and_a_phone(browser, live_site, axe_check):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(live_site + "/leesstand/?aan=1&terug=" + SET)
    page.get_by_role("button", name="Begin met oefenen").click()
    page.wait_for_url("**/1/")
    assert page.evaluate("document.documentElement.classList.contains('leesstand-groot')")
    page.get_by_role("button", name="Mening", exact=True).click()
    page.wait_for_selector("[id$='-uitkomst-1']")
    no_violations(page, axe_check)
    too_wide = page.evaluate(
        "[...document.querySelectorAll('main *')].filter(el => el.getBoundingClientRect().right > innerWidth)"
        ".map(el => el.className)"
    )
    assert too_wide == []
    context.close()


def test_nothing_breaks_the_content_security_policy(page, live_site):
    """The steps, the refused step and an embedded post, with the site's CSP enforced: no violation reported."""
    violations: list[str] = []
    page.on("console", lambda message: violations.append(message.text) if "Content Security" in message.text else None)
    start_by_keyboard(page, live_site)
    page.get_by_role("button", name="Mening", exact=True).click()
    page.get_by_role("radio", name="1 Heel vaag").check()
    page.get_by_role("radio", name="1 Heel weinig mensen").check()
    page.get_by_role("button", name="Vergelijk met ons antwoord").click()
    page.get_by_role("button", name="Bekijk de uitleg").click()
    page.get_by_role("alert").wait_for()
    page.goto(live_site + "/lessen/drie-soorten-berichten/")
    page.locator("#bericht-op-01.exercise-item--embedded").wait_for()

    assert violations == []
