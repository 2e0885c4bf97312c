"""The teacher's dashboard beyond its main page: one cell of the grid (a student's answer to one post), and the
Excel downloads (one assignment, or a sheet per assignment of a class). Thin views over selectors and exports; every
object in a URL is checked for this teacher by the `*_get_for_user` helpers (404 for anyone else's)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts import selectors as people
from cms.choices import Category, Response
from core.http import private

from ..practice.feedback import CONCRETENESS_LABELS, REACH_LABELS
from . import exports, selectors
from .access import teacher_required

T = "lessons/teacher/"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@private
@teacher_required
@require_GET
def assignment_cell(request: HttpRequest, class_id: str, assignment_id: str, student_id: str, position: int):
    school_class = people.school_class_get_for_user(user=request.user, public_id=class_id)
    assignment = selectors.assignment_get_for_user(
        user=request.user, school_class=school_class, public_id=assignment_id
    )
    student = people.student_get_for_user(user=request.user, school_class=school_class, public_id=student_id)
    cell = selectors.assignment_cell(assignment=assignment, student=student, position=position)
    context = {
        "school_class": school_class,
        "assignment": assignment,
        "student": student,
        "cell": cell,
        "labels": _answer_labels(cell),
    }
    return render(request, T + "cell.html", context)


def _answer_labels(cell: selectors.CellDetail) -> dict:
    """The Dutch words for the student's choices and for the reference answer."""
    categories, responses = dict(Category.choices), dict(Response.choices)
    answer, scenario = cell.answer, cell.scenario
    return {
        "category": categories.get(answer.chosen_category, "") if answer else "",
        "right_category": categories.get(scenario.category, ""),
        "concreteness": CONCRETENESS_LABELS.get(answer.concreteness, "") if answer else "",
        "reach": REACH_LABELS.get(answer.reach, "") if answer else "",
        "ref_concreteness": CONCRETENESS_LABELS.get(scenario.concreteness, ""),
        "ref_reach": REACH_LABELS.get(scenario.reach, ""),
        "responses": [responses.get(v, v) for v in (answer.responses or [])] if answer else [],
        "ref_responses": [responses.get(v, v) for v in (scenario.responses or [])],
    }


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@private
@teacher_required
@require_GET
def assignment_xlsx(request: HttpRequest, class_id: str, assignment_id: str) -> HttpResponse:
    school_class = people.school_class_get_for_user(user=request.user, public_id=class_id)
    assignment = selectors.assignment_get_for_user(
        user=request.user, school_class=school_class, public_id=assignment_id
    )
    dashboard = selectors.assignment_dashboard(assignment=assignment)
    return _xlsx(exports.assignments_xlsx_bytes(dashboards=[dashboard]), f"opdracht-{assignment.public_id}.xlsx")


@private
@teacher_required
@require_GET
def class_xlsx(request: HttpRequest, class_id: str) -> HttpResponse:
    """A sheet per assignment of the class: four queries per assignment (a download, not a page)."""
    school_class = people.school_class_get_for_user(user=request.user, public_id=class_id)
    dashboards = [
        selectors.assignment_dashboard(assignment=assignment)
        for assignment in selectors.assignments_for_class(school_class=school_class)
    ]
    return _xlsx(exports.assignments_xlsx_bytes(dashboards=dashboards), f"klas-{school_class.public_id}.xlsx")


@private
@teacher_required
@require_GET
def lesson_guide(request: HttpRequest, slug: str) -> HttpResponse:
    """A lesson as its teacher prints it: goals with their curriculum tags, every note and hint open."""
    lesson = selectors.lesson_for_guide(slug=slug)
    return render(request, T + "lesson_guide.html", {"lesson": lesson})
