"""In Chromium: a student takes the test on a phone (390 px wide) without feedback, hands it in and sees their
result; the teacher reads the report with the change picture. Every page checked with axe."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from measurement import services
from tests.factories import SchoolClassFactory, StudentFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}


def signed_in(browser, live_site: str, user, **options):
    client = Client()
    client.force_login(user)
    context = browser.new_context(**options)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_site}])
    return context.new_page()


def no_violations(page, axe_check) -> None:
    assert axe_check(page) == [], page.url


def test_a_student_takes_the_test_on_a_phone_and_the_teacher_reads_the_report(browser, live_site, axe_check):
    school_class = SchoolClassFactory()
    student, other = StudentFactory(school_class=school_class), StudentFactory(school_class=school_class)
    now = timezone.now()
    pre = services.measurement_schedule(
        school_class=school_class,
        moment="voormeting",
        opens_at=now - timedelta(days=3),
        closes_at=now + timedelta(days=1),
    )
    for person in (student, other):  # the pre-test, handed in earlier: everything called an opinion
        sitting = services.sitting_start(measurement=pre, student=person)
        for pk in services.sitting_items(sitting=sitting):
            services.answer_record(sitting=sitting, scenario_id=pk, category="opinion", sureness="gok", seconds=4)
        services.sitting_finish(sitting=sitting)
    services.measurement_schedule(
        school_class=school_class,
        moment="nameting",
        opens_at=now - timedelta(hours=1),
        closes_at=now + timedelta(days=1),
    )

    phone = signed_in(browser, live_site, student.user, **PHONE)
    phone.goto(live_site + "/toets/")
    no_violations(phone, axe_check)
    phone.get_by_role("button", name="Begin de toets").click()
    for position in range(1, 13):
        # Wait for the page's load event: measured earlier, the page could still lack its stylesheet (a 640 px
        # picture then made it 648 px wide, once in CI).
        phone.wait_for_url(f"**/maken/*/{position}/")
        assert phone.get_by_text(f"Vraag {position} van 12").is_visible()
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390  # nothing sticks out on a phone
        if position == 1:
            no_violations(phone, axe_check)
            phone.get_by_role("button", name="Volgende vraag").click()  # nothing chosen: told why, nothing saved
            assert phone.get_by_role("alert").is_visible()
        phone.get_by_label("Dreiging").check()
        phone.get_by_label("Een beetje zeker").check()
        phone.get_by_role("button", name="Naar inleveren" if position == 12 else "Volgende vraag").click()
    no_violations(phone, axe_check)
    phone.get_by_role("button", name="Inleveren").click()
    assert phone.get_by_text("Jouw uitslag per toets").is_visible()
    assert phone.get_by_text("Je ziet het verschil").is_visible()
    no_violations(phone, axe_check)

    desk = signed_in(browser, live_site, school_class.teacher, viewport={"width": 1280, "height": 800})
    desk.goto(f"{live_site}/toets/klas/{school_class.public_id}/")
    assert desk.locator("svg.change-plot__svg line.change-plot__arrow").count() == 1
    assert desk.get_by_text("Niet af").is_visible()
    assert desk.get_by_role("heading", name="Van voormeting naar nameting").is_visible()
    no_violations(desk, axe_check)
