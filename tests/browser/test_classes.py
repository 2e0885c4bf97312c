"""A class in Chromium: a teacher signs up, makes a class and an assignment, prints login cards; a student joins in
another browser, does the assignment, and the teacher sees it on the dashboard. axe-core finds no WCAG 2.1 AA
violation on any teacher or student page."""

import re

import pytest
from django.core import mail

from cms.models import ExerciseSet
from lessons.models import Attempt
from lessons.practice import services

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def no_violations(page, axe_check) -> None:
    assert axe_check(page) == [], page.url


def test_teacher_and_student_end_to_end(browser, live_site, axe_check):
    teacher = browser.new_context().new_page()
    teacher.goto(live_site + "/docent/aanmelden/")
    no_violations(teacher, axe_check)
    teacher.get_by_label("Je naam").fill("Fatima de Vries")
    teacher.get_by_label("School of organisatie").fill("Het Stadscollege")
    teacher.get_by_label("Docent").check()
    teacher.get_by_label("E-mailadres").fill("fatima@school.example")
    teacher.get_by_label("Wachtwoord").fill("lange-zin-voor-de-klas")
    teacher.get_by_role("button", name="Account maken").click()
    teacher.get_by_role("heading", name="Kijk in je e-mail").wait_for()
    no_violations(teacher, axe_check)
    link = re.search(r"https?://\S+/docent/aanmelden/bevestigen/\S+/", mail.outbox[-1].body).group(0)
    teacher.goto(link)  # the confirmation link from the e-mail (accounts/signup.py)
    no_violations(teacher, axe_check)
    teacher.get_by_role("button", name="Ja, dit is mijn account").click()
    teacher.wait_for_url("**/docent/")
    no_violations(teacher, axe_check)

    teacher.get_by_label("Naam van de klas").fill("2B")
    teacher.get_by_role("button", name="Klas maken").click()
    teacher.wait_for_url("**/docent/klassen/*/")
    no_violations(teacher, axe_check)
    class_url = teacher.url
    code = teacher.locator(".code--large").inner_text().strip()

    starter = ExerciseSet.objects.get(slug="starter")
    teacher.get_by_label("Wat geef je op?").select_option(label=starter.title)
    teacher.get_by_role("button", name="Opdracht geven").click()
    teacher.wait_for_url("**/opdrachten/*/")
    dashboard_url = teacher.url

    teacher.goto(class_url)
    teacher.get_by_label("Namen van leerlingen").fill("Noor\nDaan")
    teacher.get_by_role("button", name="Toevoegen en kaarten maken").click()
    assert teacher.locator(".login-card").count() == 2
    assert teacher.locator(".login-card svg").count() == 2
    no_violations(teacher, axe_check)

    student = browser.new_context().new_page()
    student.goto(live_site + "/klas/")
    no_violations(student, axe_check)
    student.get_by_role("link", name="Meld je aan bij je klas").click()
    no_violations(student, axe_check)
    student.get_by_label("Klascode").fill(code.lower())
    student.get_by_label("Je naam in de klas").fill("Sam")
    student.get_by_role("button", name="Aanmelden").click()
    phrase = student.locator("#wachtzin").inner_text()
    assert re.fullmatch(r"[a-z]+(-[a-z]+){3}", phrase)
    no_violations(student, axe_check)

    student.get_by_role("link", name="Naar mijn opdrachten").click()
    assert "niet begonnen" in student.content()
    no_violations(student, axe_check)
    student.get_by_role("link", name=starter.title).click()
    no_violations(student, axe_check)
    student.get_by_role("link", name="Begin met de oefening").click()
    student.get_by_role("button", name="Begin met oefenen").click()
    student.wait_for_url("**/1/")
    student.get_by_role("button", name="Dreiging", exact=True).click()
    student.wait_for_selector("text=Maar dit is een mening")
    attempt = Attempt.objects.get(user__student_profile__pseudonym="Sam")
    for scenario in attempt.exercise_set.ordered_scenarios():  # the rest straight through the services
        services.answer_category(attempt=attempt, scenario=scenario, category=scenario.category)
        services.answer_placement(attempt=attempt, scenario=scenario, concreteness=3, reach=3)
        services.answer_responses(attempt=attempt, scenario=scenario, responses=("talk_to_someone",))

    student.goto(live_site + "/klas/opdrachten/")
    assert "klaar" in student.locator(".assignment-card").inner_text()

    teacher.goto(dashboard_url)
    grid = teacher.get_by_role("table", name="Per leerling en per bericht: goed, fout of niet gedaan")
    sam = grid.get_by_role("row").filter(has_text="Sam")
    assert "klaar" in sam.inner_text() and "fout" in sam.inner_text()
    assert "1 van de 3 leerlingen zijn klaar" in teacher.content()
    no_violations(teacher, axe_check)

    # The student signs in again later with class code, name and pass phrase.
    again = browser.new_context().new_page()
    again.goto(live_site + "/klas/")
    again.get_by_label("Klascode").fill(code)
    again.get_by_label("Je naam in de klas").fill("Sam")
    again.get_by_label("Wachtzin").fill(phrase)
    again.get_by_role("button", name="Inloggen").click()
    again.wait_for_url("**/klas/opdrachten/")
