"""Issue 12, teachers in Chromium: the dashboard on a phone (tables scroll in their own box, names stay in view), a
cell opens that student's answer, and login cards get a print button (our own script; none without JavaScript)."""

import pytest
from django.test import Client

from cms.models import ExerciseSet, ExerciseSetItem
from lessons.models import Answer, Attempt
from tests.factories import AssignmentFactory, SchoolClassFactory, StudentFactory, TeacherFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 390, "height": 844}


def teacher_context(browser, live_site: str, user, **options):
    client = Client()
    client.force_login(user)
    context = browser.new_context(**options)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_site}])
    return context


@pytest.fixture
def busy_class(live_site):
    teacher = TeacherFactory().user
    school_class = SchoolClassFactory(teacher=teacher)
    exercise_set = ExerciseSet.objects.get(slug="starter")
    assignment = AssignmentFactory(school_class=school_class, exercise_set=exercise_set)
    posts = [item.scenario for item in ExerciseSetItem.objects.filter(exercise_set=exercise_set).order_by("sort_order")]
    for n in range(12):
        student = StudentFactory(school_class=school_class, pseudonym=f"Marieke-Anne Bos {n:02d}")
        attempt = Attempt.objects.create(exercise_set=exercise_set, user=student.user)
        for post in posts[: 3 + n % 5]:
            chosen = post.category if n % 3 else "opinion"
            Answer.objects.create(
                attempt=attempt, scenario=post, chosen_category=chosen, is_correct=chosen == post.category
            )
    return teacher, school_class, assignment


def test_dashboard_fits_a_phone_with_names_in_view(browser, live_site, axe_check, busy_class):
    teacher, school_class, assignment = busy_class
    context = teacher_context(browser, live_site, teacher, viewport=PHONE)
    page = context.new_page()
    page.goto(f"{live_site}/docent/klassen/{school_class.public_id}/opdrachten/{assignment.public_id}/")

    assert (
        page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    )  # the page itself never scrolls sideways
    box = page.locator(".table-scroll").first
    assert box.evaluate("el => el.scrollWidth > el.clientWidth")  # the grid scrolls in its own box
    box.evaluate("el => { el.scrollLeft = el.scrollWidth; }")
    name = page.get_by_role("rowheader").first
    assert abs(name.bounding_box()["x"] - box.bounding_box()["x"]) < 2  # the name column stays put
    assert "Bijgewerkt om" in page.content()
    assert axe_check(page) == []

    page.locator(".cell a").first.click()
    page.wait_for_url("**/berichten/*/")
    assert "bericht" in page.get_by_role("heading", level=1).inner_text()
    assert page.get_by_text("Soort", exact=True).is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert axe_check(page) == []
    context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_login_cards_print_button(browser, live_site, javascript):
    teacher = TeacherFactory().user
    school_class = SchoolClassFactory(teacher=teacher)
    context = teacher_context(browser, live_site, teacher, java_script_enabled=javascript)
    page = context.new_page()
    page.goto(f"{live_site}/docent/klassen/{school_class.public_id}/")
    page.get_by_label("Namen van leerlingen").fill("Zoë\nSam")
    page.get_by_role("button", name="Toevoegen en kaarten maken").click()
    page.wait_for_selector(".login-card")
    button = page.get_by_role("button", name="Print de inlogkaarten")
    if javascript:
        # A statement list ending in 0: an expression that is a function would be called by evaluate() itself.
        page.evaluate("window.printed = 0; window.print = () => { window.printed += 1; }; 0")
        button.click()
        assert page.evaluate("window.printed") == 1
    else:
        assert button.count() == 0  # nothing that cannot work
    context.close()


def _set_tab_hidden(page, hidden: bool) -> None:
    """What the browser does when the teacher switches to another tab and back."""
    page.evaluate(
        "hidden => { Object.defineProperty(document, 'hidden', {value: hidden, configurable: true});"
        " document.dispatchEvent(new Event('visibilitychange')); 0 }",
        hidden,
    )


def test_the_live_dashboard_asks_nothing_while_its_tab_is_hidden_and_refreshes_when_it_shows(
    browser, live_site, busy_class
):
    teacher, school_class, assignment = busy_class
    context = teacher_context(browser, live_site, teacher)
    page = context.new_page()
    url = f"{live_site}/docent/klassen/{school_class.public_id}/opdrachten/{assignment.public_id}/"
    page.goto(url)
    page.wait_for_function("window.pollWhenVisible && window.htmx")
    refreshes = []
    page.on("request", lambda request: refreshes.append(request) if request.url == url else None)

    _set_tab_hidden(page, True)
    page.evaluate("htmx.trigger(document.getElementById('live'), 'tab-visible'); 0")  # what the 20 s timer does
    page.wait_for_timeout(500)
    assert refreshes == []

    with page.expect_response(url):
        _set_tab_hidden(page, False)
    assert len(refreshes) == 1 and refreshes[0].headers.get("hx-request") == "true"
    assert page.locator("#live").get_by_text("Bijgewerkt om").is_visible()
    context.close()
