"""Reads for the classroom: a class's assignments (and access to one), what can be assigned, a student's own
assignments with a derived status, and an assignment's dashboard.

Status and scores are derived from Attempt and Answer rows, never stored. Each function runs a fixed number of
queries, however many students and posts there are (tests/lessons/test_queries.py asserts it).
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone

from accounts.models import SchoolClass, StudentProfile
from accounts.roles import is_student
from cms.choices import SCALE_VALUES, Category, Response
from cms.models import ExerciseSet, ExerciseSetItem, LessonPage, Scenario
from core.security_log import HiddenFromUser

from ..models import Answer, Assignment, Attempt
from ..practice.selectors import percent

# ---------------------------------------------------------------------------------------------------- access


def assignment_get_for_user(*, user: AbstractBaseUser, school_class: SchoolClass, public_id: str) -> Assignment:
    """An assignment of a class the teacher already may see (accounts.selectors.school_class_get_for_user)."""
    assignment = (
        Assignment.objects.select_related("exercise_set", "lesson")
        .filter(school_class=school_class, public_id=public_id)
        .first()
    )
    if assignment is None:
        raise HiddenFromUser("Deze opdracht bestaat niet.")
    return assignment


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


# ---------------------------------------------------------------------------------------------------- assignments


def assignable_sets():
    return ExerciseSet.objects.annotate(item_count=Count("items")).filter(item_count__gt=0).order_by("title")


def assignable_lessons():
    return LessonPage.objects.live().filter(exercise_set__isnull=False).select_related("exercise_set").order_by("title")


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


def _counted(assignment: Assignment, attempts) -> list:
    """The attempts that count for this assignment: at its set, and for a "nieuwe poging" begun after it."""
    since = assignment.attempts_from
    return [
        a
        for a in attempts
        if a.exercise_set_id == assignment.exercise_set_id and (since is None or a.created_at >= since)
    ]


def _latest_finished_first(attempts, key) -> dict:
    """Per `key(attempt)`: the latest finished attempt, else the latest one. Starting again never hides finished
    work."""
    chosen: dict = {}
    for attempt in sorted(attempts, key=lambda a: (a.finished_at is not None, a.created_at, a.pk)):
        chosen[key(attempt)] = attempt
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
    attempts = list(attempts)
    now = timezone.now()
    result = []
    for assignment in assignments:
        attempt = _latest_finished_first(_counted(assignment, attempts), key=lambda a: 0).get(0)
        done, answered = (attempt.done, attempt.answered) if attempt else (0, 0)
        status = derive_status(
            done=done, answered=answered, total=assignment.item_count, due_at=assignment.due_at, now=now
        )
        result.append(StudentAssignment(assignment, status, done, assignment.item_count, attempt))
    return result


# ---------------------------------------------------------------------------------------------------- dashboard

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
class ClassTotals:
    """What the whole class chose: confusion[true category][chosen category], and the step 2 and 3 choices."""

    confusion: dict[str, Counter] = field(default_factory=lambda: {true: Counter() for true in Category.values})
    responses: Counter = field(default_factory=Counter)
    concreteness: Counter = field(default_factory=Counter)
    reach: Counter = field(default_factory=Counter)


@dataclass
class Dashboard:
    assignment: Assignment
    items: list[ItemColumn]
    rows: list[StudentRow]
    confusion: list[tuple[str, list[int], int]]  # (true category label, counts per chosen category, row total)
    category_labels: list[str]
    responses: list[tuple[str, int]]
    concreteness: list[tuple[int, int]]
    reach: list[tuple[int, int]]

    @property
    def completed(self) -> int:
        return sum(row.status == Status.DONE for row in self.rows)


def _dashboard_columns(assignment: Assignment) -> list[ItemColumn]:
    items = (
        ExerciseSetItem.objects.of_set(assignment.exercise_set_id)
        .select_related("scenario")
        .only("sort_order", "scenario__key", "scenario__text", "scenario__category", "scenario__display_name")
    )
    return [ItemColumn(position, item.scenario) for position, item in enumerate(items, start=1)]


def _chosen_attempts(assignment: Assignment, *, user_id: int | None = None) -> dict[int, int]:
    """Attempt id → user id of the attempt that counts for each student of the class (one query). `user_id`: one
    student."""
    chosen = _latest_finished_first(
        Attempt.objects.filter(
            exercise_set_id=assignment.exercise_set_id,
            user__student_profile__school_class_id=assignment.school_class_id,
            **({"user_id": user_id} if user_id is not None else {}),
            **({"created_at__gte": assignment.attempts_from} if assignment.attempts_from else {}),
        ).only("pk", "user_id", "created_at", "finished_at"),
        key=lambda a: a.user_id,
    )
    return {attempt.pk: user_id for user_id, attempt in chosen.items()}


# What the grid and the class totals read of an answer: plain rows, as a class's answers are hundreds of them and a
# model instance each cost more than the rest of the selector.
_GRID_ANSWER_FIELDS = (
    "attempt_id",
    "scenario_id",
    "chosen_category",
    "is_correct",
    "concreteness",
    "reach",
    "responses",
)


def _dashboard_answers(assignment: Assignment) -> dict[tuple[int, int], tuple]:
    """(user id, scenario id) → the answer (a named row) in that student's chosen attempt; two queries."""
    attempt_user = _chosen_attempts(assignment)
    answers = Answer.objects.filter(attempt_id__in=attempt_user).values_list(*_GRID_ANSWER_FIELDS, named=True)
    return {(attempt_user[answer.attempt_id], answer.scenario_id): answer for answer in answers}


def _count_answer(answer, column: ItemColumn, totals: ClassTotals) -> None:  # a row of _GRID_ANSWER_FIELDS
    column.answered += 1
    column.right += answer.is_correct
    totals.confusion[column.scenario.category][answer.chosen_category] += 1
    if answer.concreteness is not None:
        column.placed += 1
        totals.concreteness[answer.concreteness] += 1
        totals.reach[answer.reach] += 1
    for value in answer.responses or []:
        column.responses[value] += 1
        totals.responses[value] += 1


def _student_row(student, items, answers, totals: ClassTotals, assignment: Assignment, now: datetime) -> StudentRow:
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
        _count_answer(answer, column, totals)
    status = derive_status(done=done, answered=answered, total=len(items), due_at=assignment.due_at, now=now)
    return StudentRow(student, cells, done, right, answered, status)


def assignment_dashboard(*, assignment: Assignment) -> Dashboard:
    """Students × posts, per-post shares, the confusion table and the step 2/3 choices; four queries."""
    students = StudentProfile.objects.filter(school_class_id=assignment.school_class_id).order_by("pseudonym")
    items = _dashboard_columns(assignment)
    answers = _dashboard_answers(assignment)
    totals, now = ClassTotals(), timezone.now()
    rows = [_student_row(student, items, answers, totals, assignment, now) for student in students]
    labels, categories = dict(Category.choices), Category.values
    return Dashboard(
        assignment=assignment,
        items=items,
        rows=rows,
        confusion=[
            (
                labels[true],
                [totals.confusion[true][chosen] for chosen in categories],
                sum(totals.confusion[true].values()),
            )
            for true in categories
        ],
        category_labels=[labels[value] for value in categories],
        responses=[(label, totals.responses[value]) for value, label in Response.choices],
        concreteness=[(n, totals.concreteness[n]) for n in SCALE_VALUES],
        reach=[(n, totals.reach[n]) for n in SCALE_VALUES],
    )


# ---------------------------------------------------------------------------------------------------- a student's work


@dataclass(frozen=True)
class StudentWork:
    """What deleting a student takes with it: shown before (to confirm) and after (to report)."""

    answers: int
    attempts: int
    assignments: list[str]  # titles of the class's assignments the student worked on


def student_work(*, student: StudentProfile) -> StudentWork:
    """Two queries: the student's attempts with their answer counts, and the class's assignments."""
    attempts = list(
        Attempt.objects.filter(user_id=student.user_id)
        .values("pk", "exercise_set_id")
        .annotate(answers=Count("answers"))
    )
    set_ids = {row["exercise_set_id"] for row in attempts}
    worked_on = (
        Assignment.objects.filter(school_class_id=student.school_class_id, exercise_set_id__in=set_ids)
        .select_related("exercise_set", "lesson")
        .order_by("created_at")
    )
    return StudentWork(
        answers=sum(row["answers"] for row in attempts),
        attempts=len(attempts),
        assignments=[assignment.title for assignment in worked_on],
    )


# ---------------------------------------------------------------------------------------------------- drill-down


@dataclass(frozen=True)
class CellDetail:
    """One cell of the dashboard grid: what one student answered on one post of an assignment."""

    position: int
    total: int
    scenario: Scenario
    answer: Answer | None


def assignment_cell(*, assignment: Assignment, student: StudentProfile, position: int) -> CellDetail:
    """Three queries: the set's posts, the student's chosen attempt, its answer. The student and the assignment
    are already checked for this teacher (accounts.selectors.student_get_for_user, assignment_get_for_user)."""
    items = list(ExerciseSetItem.objects.of_set(assignment.exercise_set_id).select_related("scenario"))
    if not 1 <= position <= len(items):
        raise Http404("Dit bericht zit niet in deze opdracht.")
    scenario = items[position - 1].scenario
    attempts = _chosen_attempts(assignment, user_id=student.user_id)
    answer = Answer.objects.filter(attempt_id__in=attempts, scenario_id=scenario.pk).first()
    return CellDetail(position=position, total=len(items), scenario=scenario, answer=answer)


def lesson_for_guide(*, slug: str) -> LessonPage:
    """A published lesson by its address, for the teacher guide; 404 otherwise."""
    lesson = LessonPage.objects.live().filter(slug=slug).select_related("exercise_set").first()
    if lesson is None:
        raise Http404("Deze les bestaat niet.")
    return lesson


# ---------------------------------------------------------------------------------------------------- student home


@dataclass(frozen=True)
class HomeAssignment:
    """One row of a student's home page: the assignment with its status, score and the posts to look at again."""

    item: StudentAssignment
    right: int
    answered: int
    wrong_posts: list[tuple[int, Scenario]]  # (position in the set, post) answered wrong in the chosen attempt

    @property
    def score(self) -> int | None:
        return percent(self.right, self.answered)


@dataclass(frozen=True)
class ProgressPoint:
    """One finished (or begun) round of practice, oldest first: how much the student had right."""

    when: datetime
    title: str
    right: int
    answered: int

    @property
    def score(self) -> int | None:
        return percent(self.right, self.answered)


@dataclass(frozen=True)
class StudentHome:
    assignments: list[HomeAssignment]
    progress: list[ProgressPoint]


def student_home(*, user: AbstractBaseUser) -> StudentHome:
    """Every assignment with status, score, due date and the posts answered wrong, and the student's own rounds of
    practice over time; six queries, however many assignments, posts and attempts."""
    items = assignments_for_student(user=user)
    chosen = {item.attempt.pk: item for item in items if item.attempt}
    answers = (
        Answer.objects.filter(attempt_id__in=chosen)
        .select_related("scenario")
        .only(
            "attempt_id",
            "is_correct",
            "scenario__key",
            "scenario__text",
            "scenario__display_name",
            "scenario__category",
        )
    )
    positions = _set_positions({item.assignment.exercise_set_id for item in items})
    per_attempt: dict[int, list[Answer]] = {}
    for answer in answers:
        per_attempt.setdefault(answer.attempt_id, []).append(answer)
    rows = []
    for item in items:
        given = per_attempt.get(item.attempt.pk, []) if item.attempt else []
        wrong = sorted(
            (
                (positions[(item.assignment.exercise_set_id, a.scenario_id)], a.scenario)
                for a in given
                if not a.is_correct and (item.assignment.exercise_set_id, a.scenario_id) in positions
            ),
            key=lambda pair: pair[0],
        )
        rows.append(HomeAssignment(item, sum(a.is_correct for a in given), len(given), wrong))
    return StudentHome(assignments=rows, progress=_progress(user))


def _set_positions(set_ids: set[int]) -> dict[tuple[int, int], int]:
    """(set id, post id) → the post's position in its set, 1-based; one query."""
    positions: dict[tuple[int, int], int] = {}
    counters: Counter = Counter()
    items = (
        ExerciseSetItem.objects.published()
        .filter(exercise_set_id__in=set_ids)
        .order_by("exercise_set_id", "sort_order", "pk")
    )
    for item in items.only("exercise_set_id", "scenario_id"):
        counters[item.exercise_set_id] += 1
        positions[(item.exercise_set_id, item.scenario_id)] = counters[item.exercise_set_id]
    return positions


def _progress(user: AbstractBaseUser) -> list[ProgressPoint]:
    attempts = (
        Attempt.objects.filter(user=user)
        .annotate(answered=Count("answers"), right=Count("answers", filter=Q(answers__is_correct=True)))
        .filter(answered__gt=0)
        .select_related("exercise_set")
        .order_by("created_at", "pk")
    )
    return [ProgressPoint(a.finished_at or a.created_at, a.exercise_set.title, a.right, a.answered) for a in attempts]
