"""The dashboard's grid cells (students × posts) as HTML, built in Python.

A class of 30 on a set of 20 posts is 600 cells, and each cell in the template cost a `{% url %}`, a `slugify` and
half a dozen variable lookups: over half of the page's render time. Here a row takes one `reverse()` and a cell one
f-string; the markup is the same as the template's was (tests/lessons/test_dashboard_grid.py)."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify

from .selectors import CELL_OPEN, CELL_RIGHT, CELL_WRONG, Dashboard, StudentRow

_OPEN_CELL = mark_safe(
    f'<td class="cell cell--{slugify(CELL_OPEN)}"><span aria-hidden="true">·</span>'
    f'<span class="visually-hidden">{CELL_OPEN}</span></td>'
)


_CELL_CLASSES = {label: (escape(label), slugify(label)) for label in (CELL_RIGHT, CELL_WRONG)}


@dataclass(frozen=True)
class GridRow:
    row: StudentRow
    status_class: str
    cells_html: SafeString


def grid_rows(*, dashboard: Dashboard, class_id: str) -> list[GridRow]:
    assignment_id = dashboard.assignment.public_id
    return [
        GridRow(row, slugify(row.status), _cells_html(row, class_id=class_id, assignment_id=assignment_id))
        for row in dashboard.rows
    ]


def _cells_html(row: StudentRow, *, class_id: str, assignment_id: str) -> SafeString:
    student = row.student
    # The route ends in "<int:position>/": the first cell's address without its "1/" is every cell's prefix.
    first = reverse("teacher:assignment_cell", args=[class_id, assignment_id, student.public_id, 1])
    prefix, pseudonym = escape(first.removesuffix("1/")), escape(student.pseudonym)
    cells = []
    for position, cell in enumerate(row.cells, start=1):
        if cell == CELL_OPEN:
            cells.append(_OPEN_CELL)
        else:  # the labels are our own constants (goed, fout), escaped once in _CELL_CLASSES
            label, css = _CELL_CLASSES[cell]
            cells.append(
                f'<td class="cell cell--{css}"><a href="{prefix}{position}/"><span class="visually-hidden">'
                f"{pseudonym}, bericht {position}: </span>{label}</a></td>"
            )
    return mark_safe("".join(cells))
