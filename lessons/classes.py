"""Classes, students and assignments: the writes (`<thing>_<action>`), the reads, and the access helpers.

Access is decided here once for every view with an object in its URL: `<thing>_get_for_user` returns the object
when this user may see it, raises a 404 for a stranger (who learns nothing, not even that it exists; it is a
HiddenFromUser, which the security log records) and PermissionDenied (403) for a signed-in user in the wrong role.
The dashboard is derived from Attempt and Answer rows in a fixed number of queries, however many students and posts.
"""

import secrets
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone

from cms.choices import Category, Response
from cms.models import ExerciseSet, ExerciseSetItem, LessonPage, Scenario
from edu.security_log import HiddenFromUser

from .accounts import is_student, is_teacher, new_passphrase
from .models import Answer, Assignment, Attempt, SchoolClass, StudentProfile, TeacherProfile, new_join_code
from .selectors import percent

User = get_user_model()

# ---------------------------------------------------------------------------------------------------- access


def _require_teacher(user: AbstractBaseUser) -> None:
    if not is_teacher(user):
        raise PermissionDenied("Deze pagina is alleen voor docenten.")


def school_class_get_for_user(*, user: AbstractBaseUser, public_id: str) -> SchoolClass:
    """The class in the URL, for its own teacher only."""
    _require_teacher(user)
    school_class = SchoolClass.objects.filter(public_id=public_id, teacher=user).first()
    if school_class is None:
        raise HiddenFromUser("Deze klas bestaat niet, of hij is van iemand anders.")
    return school_class


def assignment_get_for_user(*, user: AbstractBaseUser, school_class: SchoolClass, public_id: str) -> Assignment:
    """An assignment of a class the teacher already may see."""
    assignment = (
        Assignment.objects.select_related("exercise_set", "lesson")
        .filter(school_class=school_class, public_id=public_id)
        .first()
    )
    if assignment is None:
        raise HiddenFromUser("Deze opdracht bestaat niet.")
    return assignment


def student_get_for_user(*, user: AbstractBaseUser, school_class: SchoolClass, public_id: str) -> StudentProfile:
    student = StudentProfile.objects.filter(school_class=school_class, public_id=public_id).first()
    if student is None:
        raise HiddenFromUser("Deze leerling bestaat niet.")
    return student


def student_assignment_get_for_user(*, user: AbstractBaseUser, public_id: str) -> Assignment:
    """An assignment of the signed-in student's own class."""
    if not is_student(user):
        raise PermissionDenied("Deze pagina is alleen voor leerlingen.")
    assignment = (
        Assignment.objects.select_related("exercise_set", "lesson")
        .filter(public_id=public_id, school_class_id=user.student_profile.school_class_id)
        .first()
    )
    if assignment is None:
        raise HiddenFromUser("Deze opdracht bestaat niet.")
    return assignment


# ---------------------------------------------------------------------------------------------------- teachers


def teacher_create(*, name: str, school: str, email: str, password: str, role: str) -> TeacherProfile:
    """The e-mail address is the username, lower-cased, so it is unique whatever the capitals."""
    with transaction.atomic():
        user = User.objects.create_user(username=email.lower(), email=email.lower(), password=password)
        return TeacherProfile.objects.create(user=user, name=name, school=school, role=role)


# ---------------------------------------------------------------------------------------------------- classes

MAX_CODE_TRIES = 20


def _with_fresh_code(save) -> None:
    """Run `save(code)` with new codes until the unique constraint on active codes accepts one."""
    for _ in range(MAX_CODE_TRIES):
        try:
            with transaction.atomic():
                save(new_join_code())
            return
        except IntegrityError:
            continue
    raise RuntimeError("No free class code found.")


def school_class_create(*, teacher: AbstractBaseUser, name: str) -> SchoolClass:
    school_class = SchoolClass(teacher=teacher, name=name)

    def save(code: str) -> None:
        school_class.pk, school_class.join_code = None, code
        school_class.save(force_insert=True)

    _with_fresh_code(save)
    return school_class


def school_class_rename(*, school_class: SchoolClass, name: str) -> None:
    school_class.name = name
    school_class.save(update_fields=["name"])


def school_class_archive(*, school_class: SchoolClass) -> None:
    """Students of an archived class can no longer sign in; the teacher can still read and export it."""
    school_class.archived_at = timezone.now()
    school_class.save(update_fields=["archived_at"])


def school_class_regenerate_code(*, school_class: SchoolClass) -> None:
    def save(code: str) -> None:
        SchoolClass.objects.filter(pk=school_class.pk).update(join_code=code, joining_open=True)
        school_class.join_code, school_class.joining_open = code, True

    _with_fresh_code(save)


def school_class_set_joining(*, school_class: SchoolClass, is_open: bool) -> None:
    school_class.joining_open = is_open
    school_class.save(update_fields=["joining_open"])


def school_class_delete(*, school_class: SchoolClass) -> None:
    """The class with its students' accounts, attempts and answers (they cascade from the users)."""
    with transaction.atomic():
        User.objects.filter(student_profile__school_class=school_class).delete()
        school_class.delete()


def classes_purge_archived(*, older_than: timedelta) -> int:
    """Delete classes archived longer ago than `older_than`; returns how many."""
    old = list(SchoolClass.objects.filter(archived_at__lt=timezone.now() - older_than))
    for school_class in old:
        school_class_delete(school_class=school_class)
    return len(old)


def classes_for_teacher(*, teacher: AbstractBaseUser):
    return (
        SchoolClass.objects.filter(teacher=teacher)
        .annotate(student_count=Count("students", distinct=True), assignment_count=Count("assignments", distinct=True))
        .order_by("archived_at", "-created_at")
    )


def active_class_for_code(code: str) -> SchoolClass | None:
    return SchoolClass.objects.filter(join_code=code.strip().upper(), archived_at__isnull=True).first()


# ---------------------------------------------------------------------------------------------------- students


class NameTaken(Exception):
    pass


@dataclass(frozen=True)
class NewStudent:
    """A student just made, with the pass phrase in plain text: shown once, then only its hash remains."""

    profile: StudentProfile
    passphrase: str


def student_create(*, school_class: SchoolClass, pseudonym: str) -> NewStudent:
    passphrase = new_passphrase()
    try:
        with transaction.atomic():
            user = User.objects.create_user(username=f"leerling-{secrets.token_hex(8)}", password=passphrase)
            profile = StudentProfile.objects.create(user=user, school_class=school_class, pseudonym=pseudonym)
    except IntegrityError as error:
        raise NameTaken(pseudonym) from error
    return NewStudent(profile=profile, passphrase=passphrase)


def students_create(*, school_class: SchoolClass, pseudonyms: list[str]) -> tuple[list[NewStudent], list[str]]:
    """Returns the students made and the names that were already taken."""
    made, taken = [], []
    for pseudonym in pseudonyms:
        try:
            made.append(student_create(school_class=school_class, pseudonym=pseudonym))
        except NameTaken:
            taken.append(pseudonym)
    return made, taken


def student_reset_passphrase(*, student: StudentProfile) -> NewStudent:
    """A new pass phrase; the old one stops working at once, and the student's other sessions end."""
    passphrase = new_passphrase()
    user = student.user
    user.set_password(passphrase)
    user.save(update_fields=["password"])  # the session hash changes, so other sessions are signed out
    return NewStudent(profile=student, passphrase=passphrase)


def student_delete(*, student: StudentProfile) -> None:
    """The account with every attempt and answer (they cascade from the user)."""
    student.user.delete()


# ---------------------------------------------------------------------------------------------------- assignments


def assignable_sets():
    return ExerciseSet.objects.annotate(item_count=Count("items")).filter(item_count__gt=0).order_by("title")


def assignable_lessons():
    return LessonPage.objects.live().filter(exercise_set__isnull=False).order_by("title")


def assignment_create(
    *, school_class: SchoolClass, exercise_set: ExerciseSet, lesson: LessonPage | None, due_at: datetime | None
) -> Assignment:
    return Assignment.objects.create(school_class=school_class, exercise_set=exercise_set, lesson=lesson, due_at=due_at)


def assignments_for_class(*, school_class: SchoolClass):
    return (
        Assignment.objects.filter(school_class=school_class)
        .select_related("exercise_set", "lesson")
        .order_by("-created_at")
    )


# ---------------------------------------------------------------------------------------------------- progress


class Status:
    NOT_STARTED = "niet begonnen"
    STARTED = "bezig"
    DONE = "klaar"
    LATE = "te laat"


def derive_status(*, done: int, answered: int, total: int, due_at: datetime | None, now: datetime) -> str:
    """Klaar when every post has all three steps; te laat when the due date passed before that."""
    if total and done >= total:
        return Status.DONE
    if due_at is not None and now > due_at:
        return Status.LATE
    return Status.STARTED if answered else Status.NOT_STARTED


def _chosen_attempts(attempts) -> dict[int, Attempt]:
    """Per user: the latest finished attempt, else the latest one. Starting again never hides finished work."""
    chosen: dict[int, Attempt] = {}
    for attempt in sorted(attempts, key=lambda a: (a.finished_at is not None, a.created_at, a.pk)):
        chosen[attempt.user_id] = attempt
    return chosen


@dataclass(frozen=True)
class StudentAssignment:
    assignment: Assignment
    status: str
    done: int
    total: int
    attempt: Attempt | None


def assignments_for_student(*, user: AbstractBaseUser) -> list[StudentAssignment]:
    """The student's class's assignments with a derived status each; three queries."""
    assignments = list(
        assignments_for_class(school_class=user.student_profile.school_class).annotate(
            item_count=Count("exercise_set__items")
        )
    )
    set_ids = {a.exercise_set_id for a in assignments}
    attempts = Attempt.objects.filter(user=user, exercise_set_id__in=set_ids).annotate(
        done=Count("answers", filter=Q(answers__responses__isnull=False)), answered=Count("answers")
    )
    chosen_per_set: dict[int, Attempt] = {}
    for attempt in sorted(attempts, key=lambda a: (a.finished_at is not None, a.created_at, a.pk)):
        chosen_per_set[attempt.exercise_set_id] = attempt
    now = timezone.now()
    result = []
    for assignment in assignments:
        attempt = chosen_per_set.get(assignment.exercise_set_id)
        done, answered = (attempt.done, attempt.answered) if attempt else (0, 0)
        status = derive_status(
            done=done, answered=answered, total=assignment.item_count, due_at=assignment.due_at, now=now
        )
        result.append(StudentAssignment(assignment, status, done, assignment.item_count, attempt))
    return result


CELL_RIGHT, CELL_WRONG, CELL_OPEN = "goed", "fout", "niet gedaan"


@dataclass
class StudentRow:
    student: StudentProfile
    cells: list[str]
    done: int
    right: int
    answered: int
    status: str

    @property
    def score(self) -> int | None:
        return percent(self.right, self.answered)


@dataclass
class ItemColumn:
    position: int
    scenario: Scenario
    right: int = 0
    answered: int = 0
    placed: int = 0
    placed_close: int = 0
    responses: Counter = field(default_factory=Counter)

    @property
    def share_right(self) -> int | None:
        return percent(self.right, self.answered)

    @property
    def top_responses(self) -> list[str]:
        labels = dict(Response.choices)
        return [f"{labels.get(value, value)} ({count})" for value, count in self.responses.most_common(2)]


@dataclass
class Dashboard:
    assignment: Assignment
    items: list[ItemColumn]
    rows: list[StudentRow]
    # confusion[true][chosen] = how many answers
    confusion: list[tuple[str, list[int], int]]
    category_labels: list[str]
    responses: list[tuple[str, int]]
    concreteness: list[tuple[int, int]]
    reach: list[tuple[int, int]]

    @property
    def completed(self) -> int:
        return sum(row.status == Status.DONE for row in self.rows)


def assignment_dashboard(*, assignment: Assignment) -> Dashboard:
    """Students × posts, per-post shares, the confusion table and the step 2/3 choices; four queries."""
    students = list(StudentProfile.objects.filter(school_class_id=assignment.school_class_id).order_by("pseudonym"))
    items = [
        ItemColumn(position, item.scenario)
        for position, item in enumerate(
            ExerciseSetItem.objects.filter(exercise_set_id=assignment.exercise_set_id)
            .select_related("scenario")
            .only("sort_order", "scenario__key", "scenario__text", "scenario__category", "scenario__display_name")
            .order_by("sort_order", "pk"),
            start=1,
        )
    ]
    chosen = _chosen_attempts(
        Attempt.objects.filter(
            exercise_set_id=assignment.exercise_set_id,
            user__student_profile__school_class_id=assignment.school_class_id,
        ).only("pk", "user_id", "created_at", "finished_at")
    )
    answers: dict[tuple[int, int], Answer] = {}
    attempt_user = {attempt.pk: user_id for user_id, attempt in chosen.items()}
    for answer in Answer.objects.filter(attempt_id__in=attempt_user).only(
        "attempt_id", "scenario_id", "chosen_category", "is_correct", "concreteness", "reach", "responses"
    ):
        answers[(attempt_user[answer.attempt_id], answer.scenario_id)] = answer

    categories = Category.values
    confusion = {true: Counter() for true in categories}
    responses: Counter = Counter()
    concreteness: Counter = Counter()
    reach: Counter = Counter()
    now = timezone.now()
    rows = []
    for student in students:
        cells, done, right, answered = [], 0, 0, 0
        for column in items:
            answer = answers.get((student.user_id, column.scenario.pk))
            if answer is None:
                cells.append(CELL_OPEN)
                continue
            answered += 1
            right += answer.is_correct
            done += answer.responses is not None
            cells.append(CELL_RIGHT if answer.is_correct else CELL_WRONG)
            column.answered += 1
            column.right += answer.is_correct
            confusion[column.scenario.category][answer.chosen_category] += 1
            if answer.concreteness is not None:
                column.placed += 1
                concreteness[answer.concreteness] += 1
                reach[answer.reach] += 1
            for value in answer.responses or []:
                column.responses[value] += 1
                responses[value] += 1
        status = derive_status(done=done, answered=answered, total=len(items), due_at=assignment.due_at, now=now)
        rows.append(StudentRow(student, cells, done, right, answered, status))

    labels = dict(Category.choices)
    return Dashboard(
        assignment=assignment,
        items=items,
        rows=rows,
        confusion=[
            (labels[true], [confusion[true][chosen] for chosen in categories], sum(confusion[true].values()))
            for true in categories
        ],
        category_labels=[labels[value] for value in categories],
        responses=[(label, responses[value]) for value, label in Response.choices],
        concreteness=[(n, concreteness[n]) for n in range(1, 6)],
        reach=[(n, reach[n]) for n in range(1, 6)],
    )
