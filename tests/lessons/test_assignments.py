"""Assignments, the derived status, the class dashboard and its query count, exports and deletion."""

import csv
import io
import json
from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from accounts.models import SchoolClass, StudentProfile
from lessons.classroom import selectors as classroom
from lessons.classroom.selectors import Status, derive_status
from lessons.models import Answer, Assignment, Attempt
from tests.factories import (
    AnswerFactory,
    AssignmentFactory,
    AttemptFactory,
    ExerciseSetFactory,
    OpinionFactory,
    ScenarioFactory,
    SchoolClassFactory,
    StudentFactory,
    ThreatFactory,
    make_lesson,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def posts():
    return [OpinionFactory(), ThreatFactory(), ScenarioFactory()]


@pytest.fixture
def assignment(posts):
    return AssignmentFactory(exercise_set=ExerciseSetFactory(slug="starter", scenarios=posts))


@pytest.fixture
def teacher_client(assignment):
    client = Client()
    client.force_login(assignment.school_class.teacher)
    return client


def _answer_all(student, exercise_set, posts, chosen: list[str], *, finished=True):
    attempt = AttemptFactory(user=student.user, exercise_set=exercise_set)
    for post, category in zip(posts, chosen, strict=False):
        AnswerFactory(
            attempt=attempt, scenario=post, chosen_category=category, concreteness=3, reach=2, responses=["ignore"]
        )
    if finished and len(chosen) == len(posts):
        Attempt.objects.filter(pk=attempt.pk).update(finished_at=timezone.now())
    return attempt


def _url(assignment: Assignment, tail: str = "") -> str:
    return f"/docent/klassen/{assignment.school_class.public_id}/opdrachten/{assignment.public_id}/{tail}"


# ---------------------------------------------------------------------------------------------------- status


def test_status_is_derived():
    now = timezone.now()
    past, future = now - timedelta(days=1), now + timedelta(days=1)
    assert derive_status(done=0, answered=0, total=3, due_at=None, now=now) == Status.NOT_STARTED
    assert derive_status(done=1, answered=2, total=3, due_at=future, now=now) == Status.STARTED
    assert derive_status(done=3, answered=3, total=3, due_at=past, now=now) == Status.DONE
    assert derive_status(done=1, answered=1, total=3, due_at=past, now=now) == Status.LATE
    assert derive_status(done=0, answered=0, total=3, due_at=past, now=now) == Status.LATE


def test_teacher_assigns_a_set_or_a_lesson(site, posts):
    exercise_set = ExerciseSetFactory(scenarios=posts)
    lesson = make_lesson(site["index"], 1, exercise_set=exercise_set)
    school_class = SchoolClassFactory()
    client = Client()
    client.force_login(school_class.teacher)
    base = f"/docent/klassen/{school_class.public_id}/opdrachten/"

    client.post(base, {"work": f"set:{exercise_set.pk}", "due_at": ""})
    client.post(
        base, {"work": f"les:{lesson.pk}", "due_at": (timezone.now() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")}
    )
    bad = client.post(base, {"work": "set:999999"})

    assert bad.status_code == 400
    made = list(Assignment.objects.order_by("created_at"))
    assert [(a.exercise_set, a.lesson_id, a.due_at is not None) for a in made] == [
        (exercise_set, None, False),
        (exercise_set, lesson.pk, True),
    ]
    assert made[1].title == "Les 1"


def test_my_assignments_shows_the_derived_status(assignment, posts):
    student = StudentFactory(school_class=assignment.school_class)
    client = Client()
    client.force_login(student.user)
    assert "niet begonnen" in client.get("/klas/opdrachten/").content.decode()

    _answer_all(student, assignment.exercise_set, posts, ["opinion"])
    assert "bezig" in client.get("/klas/opdrachten/").content.decode()

    Assignment.objects.update(due_at=timezone.now() - timedelta(hours=1))
    assert "te laat" in client.get("/klas/opdrachten/").content.decode()

    _answer_all(student, assignment.exercise_set, posts, ["opinion", "threat", "opinion"])
    page = client.get(f"/klas/opdrachten/{assignment.public_id}/").content.decode()
    assert "klaar" in page and "2 van de 3" in page


def test_a_student_does_the_assignment_through_the_exercise(assignment, posts):
    """Exercises started by a signed-in student are stored against that student and count for the assignment."""
    student = StudentFactory(school_class=assignment.school_class)
    client = Client()
    client.force_login(student.user)
    start = client.post("/oefenen/starter/beginnen/")
    code = start["Location"].split("/")[3]
    for position, post in enumerate(posts, start=1):
        url = f"/oefenen/starter/{code}/{position}/"
        client.post(url + "soort/", {"bericht": post.key, "soort": post.category})
        client.post(url + "ernst/", {"bericht": post.key, "concreetheid": 3, "bereik": 3})
        client.post(url + "actie/", {"bericht": post.key, "actie": ["ignore"]})

    [item] = classroom.assignments_for_student(user=student.user)
    assert (item.status, item.done) == (Status.DONE, 3)


# ---------------------------------------------------------------------------------------------------- dashboard


def test_dashboard_grid_shares_and_confusion(assignment, posts, teacher_client):
    sam = StudentFactory(school_class=assignment.school_class, pseudonym="Sam")
    noor = StudentFactory(school_class=assignment.school_class, pseudonym="Noor")
    StudentFactory(school_class=assignment.school_class, pseudonym="Daan")
    _answer_all(sam, assignment.exercise_set, posts, ["opinion", "threat", "threat"])  # mixed up the last one
    _answer_all(noor, assignment.exercise_set, posts, ["opinion", "threat"])
    StudentFactory(pseudonym="Vreemde")  # another class: not on the dashboard

    dashboard = classroom.assignment_dashboard(assignment=assignment)

    rows = {row.student.pseudonym: row for row in dashboard.rows}
    assert list(rows) == ["Daan", "Noor", "Sam"]
    assert rows["Sam"].cells == ["goed", "goed", "fout"] and rows["Sam"].status == Status.DONE
    assert rows["Sam"].score == 67
    assert rows["Noor"].cells == ["goed", "goed", "niet gedaan"] and rows["Noor"].status == Status.STARTED
    assert rows["Daan"].status == Status.NOT_STARTED
    assert [(c.right, c.answered) for c in dashboard.items] == [(2, 2), (2, 2), (0, 1)]
    confusion = {label: counts for label, counts, _ in dashboard.confusion}
    assert confusion["Oproep tot ordeverstoring"] == [0, 1, 0]
    assert dict(dashboard.responses)["Niets doen"] == 5

    page = teacher_client.get(_url(assignment)).content.decode()
    assert "1 van de 3 leerlingen zijn klaar" in page and "Vreemde" not in page
    assert "Gekozen: Dreiging" in page


def test_a_restarted_attempt_does_not_hide_finished_work(assignment, posts):
    sam = StudentFactory(school_class=assignment.school_class)
    _answer_all(sam, assignment.exercise_set, posts, ["opinion", "threat", "disorder"])
    AttemptFactory(user=sam.user, exercise_set=assignment.exercise_set)  # started again, nothing answered

    assert classroom.assignment_dashboard(assignment=assignment).rows[0].status == Status.DONE


def test_dashboard_query_count_is_constant(django_assert_max_num_queries):
    posts = [OpinionFactory() for _ in range(60)]
    exercise_set = ExerciseSetFactory(scenarios=posts)
    assignment = AssignmentFactory(exercise_set=exercise_set)
    answers = []
    for n in range(35):
        student = StudentFactory(school_class=assignment.school_class)
        attempt = AttemptFactory(user=student.user, exercise_set=exercise_set)
        answers += [
            Answer(attempt=attempt, scenario=post, chosen_category="opinion", is_correct=True, concreteness=2, reach=2)
            for post in posts[: 20 + n]
        ]
    Answer.objects.bulk_create(answers)
    client = Client()
    client.force_login(assignment.school_class.teacher)

    with django_assert_max_num_queries(12):
        response = client.get(_url(assignment))

    assert response.status_code == 200
    assert response.content.decode().count('<td class="cell cell--goed">') == sum(range(20, 55))


# ---------------------------------------------------------------------------------------------------- exports


def test_csv_export_neutralises_formulas(assignment, posts, teacher_client):
    for name in ["=HYPERLINK(1)", "+Sam", "-Noor", "@Daan", "Lotte"]:
        StudentFactory(school_class=assignment.school_class, pseudonym=name)

    response = teacher_client.get(_url(assignment, "export.csv"))

    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))  # Dutch Excel
    assert rows[0][:2] == ["naam", "status"]
    names = sorted(row[0] for row in rows[1:])
    assert names == ["'+Sam", "'-Noor", "'=HYPERLINK(1)", "'@Daan", "Lotte"]


def test_json_export_of_a_class(assignment, posts, teacher_client):
    sam = StudentFactory(school_class=assignment.school_class, pseudonym="Sam")
    _answer_all(sam, assignment.exercise_set, posts, ["opinion", "threat"])

    response = teacher_client.get(f"/docent/klassen/{assignment.school_class.public_id}/export.json")

    data = json.loads(response.content)
    assert data["klas"]["naam"] == assignment.school_class.name
    [student] = data["leerlingen"]
    assert student["naam"] == "Sam" and len(student["pogingen"][0]["antwoorden"]) == 2
    assert response["Cache-Control"] == "private, no-store" or "no-store" in response["Cache-Control"]


# ---------------------------------------------------------------------------------------------------- deletion


def _rows_per_model() -> dict[str, int]:
    models = [*apps.get_app_config("accounts").get_models(), *apps.get_app_config("lessons").get_models()]
    return {model._meta.label: model.objects.count() for model in models}


def test_deleting_a_class_leaves_no_row_behind(assignment, posts, teacher_client):
    before = {**_rows_per_model(), "users": get_user_model().objects.count()}
    for name in ["Sam", "Noor"]:
        student = StudentFactory(school_class=assignment.school_class, pseudonym=name)
        _answer_all(student, assignment.exercise_set, posts, ["opinion", "threat", "disorder"])

    teacher_client.post(f"/docent/klassen/{assignment.school_class.public_id}/verwijderen/")

    after = {**_rows_per_model(), "users": get_user_model().objects.count()}
    assert after == {**before, "accounts.SchoolClass": 0, "lessons.Assignment": 0}
    assert not StudentProfile.objects.exists() and not Attempt.objects.exists() and not Answer.objects.exists()


def test_purge_archived_deletes_only_old_archived_classes(settings, posts):
    settings.ARCHIVED_CLASS_RETENTION_DAYS = 30
    old = SchoolClassFactory(archived_at=timezone.now() - timedelta(days=31))
    StudentFactory(school_class=old)
    recent = SchoolClassFactory(archived_at=timezone.now() - timedelta(days=29))
    active = SchoolClassFactory()

    call_command("purge_archived", stdout=io.StringIO())

    assert set(SchoolClass.objects.all()) == {recent, active}
    assert not StudentProfile.objects.exists()


# ---------------------------------------------------------------------------------------------------- demo


def test_load_demo_refuses_without_debug_or_flag(settings):
    settings.DEBUG, settings.DEMO_ENABLED = False, False
    with pytest.raises(CommandError):
        call_command("load_demo")


def test_load_demo_builds_a_class_with_progress(posts):
    ExerciseSetFactory(scenarios=posts)
    out = io.StringIO()

    call_command("load_demo", "--i-know", stdout=out)
    call_command("load_demo", "--i-know", stdout=out)  # again: a new password, the same class
    first = SchoolClass.objects.get().pk
    call_command("load_demo", "--i-know", "--rebuild", stdout=out)  # replaced, not doubled

    school_class = SchoolClass.objects.get()
    assert school_class.pk != first
    assert school_class.students.count() == 25
    assert Answer.objects.exists() and "password" in out.getvalue()
    password = out.getvalue().strip().splitlines()[-1].split("password ")[1].split(" ")[0]
    client = Client()
    assert (
        client.post("/docent/inloggen/", {"email": "demo-docent@example.org", "password": password}).status_code == 302
    )
    assignment = school_class.assignments.get()
    statuses = {row.status for row in classroom.assignment_dashboard(assignment=assignment).rows}
    assert len(statuses) >= 2
