"""The dashboard's grid, built in Python (lessons/classroom/dashboard_grid.py): what the teacher sees in each cell,
where each link goes, and that a pseudonym is escaped there as the template would."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from tests.factories import (
    AnswerFactory,
    AssignmentFactory,
    AttemptFactory,
    ExerciseSetFactory,
    ScenarioFactory,
    StudentFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def grid(posts):
    assignment = AssignmentFactory(exercise_set=ExerciseSetFactory(title="Starter", scenarios=posts[:3]))
    tricky = StudentFactory(school_class=assignment.school_class, pseudonym='Al & "<b>"')
    other = StudentFactory(school_class=assignment.school_class, pseudonym="Noor")
    attempt = AttemptFactory(user=tricky.user, exercise_set=assignment.exercise_set)
    AnswerFactory(attempt=attempt, scenario=posts[0], chosen_category=posts[0].category, is_correct=True)
    AnswerFactory(attempt=attempt, scenario=posts[2], is_correct=False)
    teacher = Client()
    teacher.force_login(assignment.school_class.teacher)
    url = reverse("teacher:assignment", args=[assignment.school_class.public_id, assignment.public_id])
    return assignment, tricky, other, teacher, teacher.get(url).content.decode()


def _rows(html: str) -> dict[str, list]:
    table = BeautifulSoup(html, "html.parser").select_one("table.grid-table tbody")
    return {tr.th.get_text(): tr.find_all("td")[3:] for tr in table.find_all("tr")}


def test_each_cell_says_right_wrong_or_not_done_and_links_only_what_was_answered(grid):
    assignment, tricky, _other, teacher, html = grid
    rows = _rows(html)
    assert set(rows) == {'Al & "<b>"', "Noor"}  # the pseudonym is text, not markup

    cells = rows['Al & "<b>"']
    assert [cell["class"] for cell in cells] == [
        ["cell", "cell--goed"],
        ["cell", "cell--niet-gedaan"],
        ["cell", "cell--fout"],
    ]
    assert cells[0].get_text() == 'Al & "<b>", bericht 1: goed'
    assert cells[1].get_text() == "·niet gedaan" and cells[1].a is None
    assert cells[2].get_text() == 'Al & "<b>", bericht 3: fout'
    base = [assignment.school_class.public_id, assignment.public_id, tricky.public_id]
    for position in (1, 3):
        href = cells[position - 1].a["href"]
        assert href == reverse("teacher:assignment_cell", args=[*base, position])
        assert teacher.get(href).status_code == 200
    assert "&lt;b&gt;" in html and "<b>" not in html.split("<tbody>")[1].split("</tbody>")[0]

    assert [cell.get_text() for cell in rows["Noor"]] == ["·niet gedaan"] * 3


def test_a_set_of_ten_or_more_posts_links_each_position_in_full(db):
    # The cell address is built from the first cell's: position 10 must not become "…/1" + "0/" by accident.
    posts = ScenarioFactory.create_batch(12)
    assignment = AssignmentFactory(exercise_set=ExerciseSetFactory(title="Lang", scenarios=posts))
    student = StudentFactory(school_class=assignment.school_class, pseudonym="Sam")
    attempt = AttemptFactory(user=student.user, exercise_set=assignment.exercise_set)
    for post in posts:
        AnswerFactory(attempt=attempt, scenario=post)
    teacher = Client()
    teacher.force_login(assignment.school_class.teacher)
    html = teacher.get(reverse("teacher:assignment", args=[assignment.school_class.public_id, assignment.public_id]))
    hrefs = [cell.a["href"] for cell in _rows(html.content.decode())["Sam"]]
    base = [assignment.school_class.public_id, assignment.public_id, student.public_id]
    assert hrefs == [reverse("teacher:assignment_cell", args=[*base, n]) for n in range(1, 13)]
