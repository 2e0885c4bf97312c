"""What a teacher downloads: an assignment's table and everything stored about a class. Built here from selectors,
so the views only wrap the result in a response."""

import csv
import io
import re
from datetime import datetime

from django.utils import timezone

from accounts.models import SchoolClass

from ..models import Answer, Attempt
from .selectors import Dashboard, assignments_for_class


def csv_safe(value: object) -> object:
    """A cell a spreadsheet would run as a formula (= + - @, or a tab or return first) gets a leading quote."""
    if isinstance(value, str) and value[:1] in {"=", "+", "-", "@", "\t", "\r"}:
        return "'" + value
    return value


def _table(dashboard: Dashboard) -> list[list]:
    """The rows of an assignment's download: a header, then one row per student."""
    header = ["naam", "status", "klaar", "goed", "beantwoord", *(f"bericht {c.position}" for c in dashboard.items)]
    rows = [
        [row.student.pseudonym, row.status, row.done, row.right, row.answered, *row.cells] for row in dashboard.rows
    ]
    return [header, *rows]


def assignment_csv_text(*, dashboard: Dashboard) -> str:
    """For Dutch Excel: a byte-order mark (so accents are read as UTF-8) and ";" between the columns (Dutch Excel
    reads "," as the decimal comma)."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";")
    for row in _table(dashboard):
        writer.writerow([csv_safe(v) for v in row])
    return out.getvalue()


SHEET_NAME_MAX = 31  # Excel's limit
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def _sheet_name(title: str, used: set[str]) -> str:
    """A name Excel accepts: at most 31 characters, none that Excel forbids, and unique in the workbook."""
    base = SHEET_NAME_FORBIDDEN.sub(" ", title).strip().strip("'") or "Opdracht"
    name, n = base[:SHEET_NAME_MAX], 1
    while name.lower() in used:
        n += 1
        suffix = f" ({n})"
        name = base[: SHEET_NAME_MAX - len(suffix)] + suffix
    used.add(name.lower())
    return name


def assignments_xlsx_bytes(*, dashboards: list[Dashboard]) -> bytes:
    """A real Excel workbook (openpyxl), a sheet per assignment. Every text cell is stored as text, never as a
    formula, whatever it starts with."""
    from openpyxl import Workbook  # loaded when a teacher downloads, not in every worker

    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for dashboard in dashboards or []:
        sheet = workbook.create_sheet(_sheet_name(dashboard.assignment.title, used))
        for values in _table(dashboard):
            sheet.append(values)
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"
        sheet.freeze_panes = "B2"  # the names and the header stay in view while scrolling
        sheet.column_dimensions["A"].width = 22
    if not workbook.worksheets:
        workbook.create_sheet("Geen opdrachten").append(["Deze klas heeft nog geen opdrachten."])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _attempts_by_user(school_class: SchoolClass) -> dict[int, list[dict]]:
    """Every attempt of the class's students with its answers; two queries."""
    attempts = Attempt.objects.filter(user__student_profile__school_class=school_class).select_related("exercise_set")
    by_user: dict[int, list[dict]] = {}
    by_code: dict[str, dict] = {}
    for attempt in attempts:
        entry = {
            "code": attempt.code,
            "oefenset": attempt.exercise_set.slug,
            "begonnen": attempt.created_at,
            "klaar": attempt.finished_at,
            "antwoorden": [],
        }
        by_user.setdefault(attempt.user_id, []).append(entry)
        by_code[attempt.code] = entry
    answers = Answer.objects.filter(attempt__user__student_profile__school_class=school_class).select_related(
        "scenario", "attempt"
    )
    for answer in answers:
        by_code[answer.attempt.code]["antwoorden"].append(
            {
                "bericht": answer.scenario.key,
                "gekozen_soort": answer.chosen_category,
                "goed": answer.is_correct,
                "concreetheid": answer.concreteness,
                "bereik": answer.reach,
                "acties": answer.responses,
                "tijd": answer.created_at,
            }
        )
    return by_user


def class_export_data(*, school_class: SchoolClass, now: datetime | None = None) -> dict:
    """Everything stored about a class and its students, in the shape of the JSON download."""
    by_user = _attempts_by_user(school_class)
    return {
        "klas": {
            "naam": school_class.name,
            "klascode": school_class.join_code,
            "aangemaakt": school_class.created_at,
            "gearchiveerd": school_class.archived_at,
        },
        "opdrachten": [
            {"titel": a.title, "oefenset": a.exercise_set.slug, "inleveren_voor": a.due_at, "opgegeven": a.created_at}
            for a in assignments_for_class(school_class=school_class)
        ],
        "leerlingen": [
            {"naam": s.pseudonym, "aangemaakt": s.created_at, "pogingen": by_user.get(s.user_id, [])}
            for s in school_class.students.order_by("pseudonym")
        ],
        "gemaakt_op": now or timezone.now(),
    }
