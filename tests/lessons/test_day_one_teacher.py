"""Issue 12, teachers: deleting a student says what goes and what went; names typed twice are reported; the demo's
due dates stay ahead of today."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import SchoolClass, StudentProfile
from lessons.classroom import selectors
from lessons.models import Answer, Assignment, Attempt
from tests.factories import (
    AnswerFactory,
    AssignmentFactory,
    AttemptFactory,
    ExerciseSetFactory,
    StudentFactory,
    TeacherFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def worked(posts):
    """A student with two answers on an assignment of their class, and a classmate with one."""
    assignment = AssignmentFactory(exercise_set=ExerciseSetFactory(title="Starter", scenarios=posts))
    student = StudentFactory(school_class=assignment.school_class, pseudonym="Sam")
    classmate = StudentFactory(school_class=assignment.school_class, pseudonym="Noor")
    attempt = AttemptFactory(user=student.user, exercise_set=assignment.exercise_set)
    for post in posts[:2]:
        AnswerFactory(attempt=attempt, scenario=post)
    AnswerFactory(attempt=AttemptFactory(user=classmate.user, exercise_set=assignment.exercise_set), scenario=posts[0])
    teacher = Client()
    teacher.force_login(assignment.school_class.teacher)
    return assignment, student, classmate, teacher


def test_deleting_a_student_asks_first_with_what_goes(worked):
    assignment, student, _classmate, teacher = worked
    url = reverse("teacher:student_delete", args=[assignment.school_class.public_id, student.public_id])

    html = teacher.get(url).content.decode()

    assert "Sam verwijderen?" in html
    assert "2 antwoorden in 1 oefenronde" in html
    assert "de opdracht: Starter" in html
    assert StudentProfile.objects.filter(pk=student.pk).exists()  # asking deletes nothing


def test_deleting_a_student_reports_what_went_and_keeps_the_rest(worked):
    assignment, student, classmate, teacher = worked
    url = reverse("teacher:student_delete", args=[assignment.school_class.public_id, student.public_id])

    response = teacher.post(url, follow=True)

    html = response.content.decode()
    assert "Sam is verwijderd, met het account, de wachtzin en 2 antwoorden bij: Starter." in html
    assert not StudentProfile.objects.filter(pk=student.pk).exists()
    assert not Attempt.objects.filter(user_id=student.user_id).exists()
    assert Answer.objects.filter(attempt__user=classmate.user).count() == 1  # the classmate's work stays
    assert Assignment.objects.filter(pk=assignment.pk).exists()


def test_the_class_page_links_to_the_confirmation_not_a_one_click_delete(worked):
    assignment, student, _classmate, teacher = worked
    html = teacher.get(reverse("teacher:class_detail", args=[assignment.school_class.public_id])).content.decode()
    url = reverse("teacher:student_delete", args=[assignment.school_class.public_id, student.public_id])
    assert f'href="{url}"' in html
    assert f'action="{url}"' not in html


def test_student_work_counts_in_two_queries(worked, django_assert_max_num_queries):
    _assignment, student, _classmate, _teacher = worked
    with django_assert_max_num_queries(2):
        work = selectors.student_work(student=student)
    assert (work.answers, work.attempts, work.assignments) == (2, 1, ["Starter"])


def test_names_typed_twice_are_reported_with_the_reason():
    teacher = TeacherFactory()
    client = Client()
    client.force_login(teacher.user)
    school_class = SchoolClass.objects.create(teacher=teacher.user, name="2B", join_code="QWERTY")
    StudentFactory(school_class=school_class, pseudonym="Noor")

    response = client.post(
        reverse("teacher:students_add", args=[school_class.public_id]), {"names": "Sam\nDaan\nsam\nNoor\nDaan"}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert sorted(school_class.students.values_list("pseudonym", flat=True)) == ["Daan", "Noor", "Sam"]
    assert "Niet alle namen zijn gemaakt." in html
    assert "sam (regel 3) stond al in je lijst als Sam (regel 1)" in html
    assert "Daan (regel 5) stond al in je lijst (regel 2)" in html
    assert "Deze namen zaten al in de klas (of een naam die er net zo uitziet): Noor." in html


def test_the_demo_never_shows_a_due_date_in_the_past(posts):
    ExerciseSetFactory(scenarios=posts)
    ExerciseSetFactory(scenarios=posts[:2])
    call_command("load_demo", "--i-know", stdout=io.StringIO())
    school_class = SchoolClass.objects.get()
    assert all(a.due_at > timezone.now() for a in school_class.assignments.all())

    # Weeks later `make run` loads the demo again: the kept class's due dates move along.
    Assignment.objects.update(due_at=timezone.now() - timedelta(days=30))
    call_command("load_demo", "--i-know", stdout=io.StringIO())
    assert SchoolClass.objects.get().pk == school_class.pk
    assert all(a.due_at > timezone.now() + timedelta(days=6) for a in school_class.assignments.all())
    student = school_class.students.first()
    statuses = {item.status for item in selectors.assignments_for_student(user=student.user)}
    assert selectors.Status.LATE not in statuses


# ---------------------------------------------------------------------------------------------------- downloads


@pytest.fixture
def accented(posts):
    """A class with two assignments (one title too long and odd for a sheet name) and accented names."""
    first = AssignmentFactory(exercise_set=ExerciseSetFactory(title="Starter", scenarios=posts))
    school_class = first.school_class
    second = AssignmentFactory(
        school_class=school_class,
        exercise_set=ExerciseSetFactory(title="Wie zit erachter? Bronnen: [deel 2] en nog veel meer", scenarios=posts),
    )
    for pseudonym in ("Zoë", "Ayşe", "Jérôme"):
        student = StudentFactory(school_class=school_class, pseudonym=pseudonym)
        AnswerFactory(attempt=AttemptFactory(user=student.user, exercise_set=first.exercise_set), scenario=posts[0])
    StudentFactory(school_class=school_class, pseudonym="=SOM(1)")
    teacher = Client()
    teacher.force_login(school_class.teacher)
    return school_class, first, second, teacher


def test_class_workbook_is_real_xlsx_with_a_sheet_per_assignment(accented):
    from openpyxl import load_workbook

    school_class, first, second, teacher = accented
    response = teacher.get(reverse("teacher:class_xlsx", args=[school_class.public_id]))

    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"].endswith('.xlsx"')
    workbook = load_workbook(io.BytesIO(response.content))
    assert len(workbook.sheetnames) == 2
    assert "Starter" in workbook.sheetnames
    long_name = next(name for name in workbook.sheetnames if name != "Starter")
    assert len(long_name) <= 31 and not set("[]:*?/\\") & set(long_name)
    sheet = workbook["Starter"]
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert {"Zoë", "Ayşe", "Jérôme", "=SOM(1)"} <= set(names)
    assert sheet.cell(row=1, column=6).value == "bericht 1"
    formula = next(c for c in sheet["A"] if c.value == "=SOM(1)")
    assert formula.data_type == "s"  # stored as text: a name never runs as a formula


def test_assignment_workbook_and_csv_for_dutch_excel(accented):
    from openpyxl import load_workbook

    school_class, first, _second, teacher = accented
    args = [school_class.public_id, first.public_id]
    workbook = load_workbook(io.BytesIO(teacher.get(reverse("teacher:assignment_xlsx", args=args)).content))
    assert workbook.sheetnames == ["Starter"]

    raw = teacher.get(reverse("teacher:assignment_csv", args=args)).content
    assert raw.startswith(b"\xef\xbb\xbf")  # the UTF-8 mark Excel needs for accents
    text = raw.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("naam;status;klaar;goed;beantwoord;bericht 1")
    assert any(line.startswith("Jérôme;") for line in text.splitlines())
    assert "'=SOM(1);" in text


def test_dashboard_offers_both_downloads(accented):
    school_class, first, _second, teacher = accented
    html = teacher.get(reverse("teacher:assignment", args=[school_class.public_id, first.public_id])).content.decode()
    assert "Excel-bestand (.xlsx)" in html and "CSV-bestand" in html
    class_page = teacher.get(reverse("teacher:class_detail", args=[school_class.public_id])).content.decode()
    assert reverse("teacher:class_xlsx", args=[school_class.public_id]) in class_page


# ---------------------------------------------------------------------------------------------------- dashboard


def test_a_cell_opens_the_students_answer_to_that_post(worked, django_assert_max_num_queries):
    assignment, student, _classmate, teacher = worked
    Answer.objects.filter(attempt__user=student.user).update(
        chosen_category="threat", is_correct=False, concreteness=2, reach=4, responses=["report_platform"]
    )
    dashboard_url = reverse("teacher:assignment", args=[assignment.school_class.public_id, assignment.public_id])
    cell_url = reverse(
        "teacher:assignment_cell", args=[assignment.school_class.public_id, assignment.public_id, student.public_id, 1]
    )
    assert f'href="{cell_url}"' in teacher.get(dashboard_url).content.decode()

    with django_assert_max_num_queries(12):
        response = teacher.get(cell_url)

    html = response.content.decode()
    assert "Sam: bericht 1 van 3" in html
    assert "Dreiging" in html and "fout" in html
    assert "concreetheid 2" in html and "bereik 4" in html
    assert "Melden bij het platform" in html or "platform" in html.lower()


def test_a_cell_of_a_student_from_another_class_or_a_post_outside_the_set_is_404(worked):
    assignment, _student, _classmate, teacher = worked
    stranger = StudentFactory()  # another class
    base = [assignment.school_class.public_id, assignment.public_id]
    assert teacher.get(reverse("teacher:assignment_cell", args=[*base, stranger.public_id, 1])).status_code == 404
    own = assignment.school_class.students.first()
    assert teacher.get(reverse("teacher:assignment_cell", args=[*base, own.public_id, 99])).status_code == 404


def test_the_dashboard_refreshes_its_live_part_while_students_work(worked):
    assignment, _student, _classmate, teacher = worked
    url = reverse("teacher:assignment", args=[assignment.school_class.public_id, assignment.public_id])

    page = teacher.get(url).content.decode()
    assert 'data-hx-trigger="every 20s, tab-visible"' in page and "Bijgewerkt om" in page

    part = teacher.get(url, headers={"HX-Request": "true"})
    html = part.content.decode()
    assert part.status_code == 200 and "HX-Request" in part["Vary"]
    assert html.lstrip().startswith('<div class="dashboard-live" id="live"')
    assert "<html" not in html and "Bijgewerkt om" in html and "Sam" in html


def test_login_cards_have_a_print_button_from_our_own_script():
    teacher = TeacherFactory()
    client = Client()
    client.force_login(teacher.user)
    school_class = SchoolClass.objects.create(teacher=teacher.user, name="2B", join_code="QWERTZ")
    html = client.post(reverse("teacher:students_add", args=[school_class.public_id]), {"names": "Sam"}).content
    html = html.decode()
    assert "data-print hidden>Print de inlogkaarten</button>" in html
    assert "/static/js/print-button" in html and "onclick" not in html
