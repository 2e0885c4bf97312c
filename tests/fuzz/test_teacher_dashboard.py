"""Fuzz the dashboard's drill-down (one student's answer to one post) and the Excel downloads (issue 12): every
role, codes that are someone else's or nobody's, positions out of range, any query. Never a 5xx."""

from hypothesis import given
from hypothesis import strategies as st

from tests.factories import (
    AssignmentFactory,
    ExerciseSetFactory,
    OpinionFactory,
    SchoolClassFactory,
    StudentFactory,
    TeacherFactory,
    ThreatFactory,
)

from . import strategies as s
from .base import FuzzTestCase, answered, assert_escaped, fuzzes, payloads_in

ids = st.one_of(st.just("own"), s.slug)
roles = st.sampled_from(["teacher", "other teacher", "student", "anonymous"])


class DashboardFuzz(FuzzTestCase):
    @classmethod
    def setUpTestData(cls):
        exercise_set = ExerciseSetFactory(scenarios=[OpinionFactory(), ThreatFactory()])
        cls.teacher = TeacherFactory().user
        cls.other_teacher = TeacherFactory().user
        cls.school_class = SchoolClassFactory(teacher=cls.teacher)
        cls.student = StudentFactory(school_class=cls.school_class, pseudonym="Sam")
        cls.assignment = AssignmentFactory(school_class=cls.school_class, exercise_set=exercise_set)

    def sign_in(self, role: str) -> None:
        users = {"teacher": self.teacher, "other teacher": self.other_teacher, "student": self.student.user}
        if role in users:
            self.client.force_login(users[role])

    @fuzzes("teacher:assignment_cell")
    @given(
        class_id=ids,
        assignment_id=ids,
        student_id=ids,
        position=st.one_of(st.integers(0, 4), st.integers(5, 10**30)),
        role=roles,
        method=st.sampled_from(["get", "post"]),
        params=s.query,
    )
    def test_cell(self, class_id, assignment_id, student_id, position, role, method, params):
        self.sign_in(role)
        class_id = self.school_class.public_id if class_id == "own" else class_id
        assignment_id = self.assignment.public_id if assignment_id == "own" else assignment_id
        student_id = self.student.public_id if student_id == "own" else student_id
        url = f"/docent/klassen/{class_id}/opdrachten/{assignment_id}/leerlingen/{student_id}/berichten/{position}/"

        response = self.send(method, url, params)

        body = answered(response, 200, 302, 403, 404, 405)
        assert_escaped(body, payloads_in(params.values()))

    @fuzzes("teacher:assignment_xlsx", "teacher:class_xlsx")
    @given(
        page=st.sampled_from(["opdrachten.xlsx", "opdrachten/ASSIGNMENT/export.xlsx"]),
        class_id=ids,
        assignment_id=ids,
        role=roles,
        method=st.sampled_from(["get", "post"]),
        params=s.query,
    )
    def test_workbooks(self, page, class_id, assignment_id, role, method, params):
        self.sign_in(role)
        class_id = self.school_class.public_id if class_id == "own" else class_id
        assignment_id = self.assignment.public_id if assignment_id == "own" else assignment_id

        response = self.send(method, f"/docent/klassen/{class_id}/{page.replace('ASSIGNMENT', assignment_id)}", params)

        assert response.status_code in {200, 302, 403, 404, 405}
        if response.status_code == 200:
            assert response.content.startswith(b"PK")  # a zip: the .xlsx container

    @fuzzes("teacher:lesson_guide")
    @given(
        slug=st.one_of(st.just("les-1"), s.slug), role=roles, method=st.sampled_from(["get", "post"]), params=s.query
    )
    def test_lesson_guide(self, slug, role, method, params):
        self.sign_in(role)

        response = self.send(method, f"/docent/lessen/{slug}/handleiding/", params)

        body = answered(response, 200, 302, 403, 404, 405)
        assert_escaped(body, payloads_in(params.values()))
