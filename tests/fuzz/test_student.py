"""Fuzz the student pages under /klas/: login with class code, name and pass phrase; joining a class; and the
student's own assignments. The name a student chooses comes back escaped wherever it is shown."""

from urllib.parse import urlencode

from hypothesis import example, given
from hypothesis import strategies as st

from accounts.forms import PSEUDONYM_MAX
from accounts.login import LOGIN_FAILED, TOO_MANY_TRIES
from accounts.models import SchoolClass, StudentProfile
from lessons.classroom.student_views import JOIN_CLOSED, NAME_TAKEN
from tests.factories import (
    STUDENT_PASSPHRASE,
    AssignmentFactory,
    ExerciseSetFactory,
    OpinionFactory,
    SchoolClassFactory,
    StudentFactory,
    TeacherFactory,
)

from . import strategies as s
from .base import (
    FIELD_ERROR,
    FuzzTestCase,
    answered,
    assert_escaped,
    assert_shown_literally,
    fuzzes,
    no_server_error,
    payloads_in,
    refused,
)

code = s.field("KLAS23", "klas23", " KLAS 23 ", "DICHT1", "OUD999")
pseudonym = st.one_of(s.field("Sam", "sam", "Noor", "x" * (PSEUDONYM_MAX + 1)), st.sampled_from(s.SHORT_PAYLOADS))
roles = st.sampled_from(["student", "teacher", "anonymous"])


class StudentFuzz(FuzzTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.school_class = SchoolClassFactory(join_code="KLAS23")
        SchoolClassFactory(join_code="DICHT1", joining_open=False)
        cls.student = StudentFactory(school_class=cls.school_class, pseudonym="Sam")
        cls.assignment = AssignmentFactory(
            school_class=cls.school_class, exercise_set=ExerciseSetFactory(scenarios=[OpinionFactory()])
        )
        cls.teacher = TeacherFactory().user

    def sign_in(self, role: str) -> None:
        users = {"student": self.student.user, "teacher": self.teacher}
        if role in users:
            self.client.force_login(users[role])

    @fuzzes("student:login")
    @given(
        body=s.form({"code": code, "name": pseudonym, "passphrase": s.field(STUDENT_PASSPHRASE, "appel boom kat zon")}),
        params=s.form({"code": code, "naam": pseudonym}),
        method=st.sampled_from(["get", "post"]),
    )
    def test_login(self, body, params, method):
        response = (
            self.send("get", "/klas/", params)
            if method == "get"
            else self.client.post(f"/klas/?{urlencode(params, doseq=True)}", body)
        )

        html = no_server_error(response)
        assert_escaped(html, payloads_in([*body.values(), *params.values()]))
        if method == "get":
            assert response.status_code == 200
        elif response.status_code == 302:
            assert response["Location"] == "/klas/opdrachten/"
        else:
            refused(response, FIELD_ERROR, LOGIN_FAILED, TOO_MANY_TRIES, status={400, 429})

    @fuzzes("student:join")
    @given(body=s.form({"code": code, "name": pseudonym}), params=s.form({"code": code}), encoding=s.encodings)
    @example(body={"code": "KLAS23", "name": "Noor"}, params={}, encoding="multipart")
    @example(body={"code": "KLAS23", "name": '"><img src=x>'}, params={}, encoding="urlencoded")
    def test_join(self, body, params, encoding):
        response = self.send("post", f"/klas/aanmelden/?{urlencode(params, doseq=True)}", body, encoding=encoding)

        html = no_server_error(response)
        assert_escaped(html, payloads_in([*body.values(), *params.values()]))
        joined = StudentProfile.objects.exclude(pk=self.student.pk)
        if response.status_code == 200:
            new = joined.get()
            assert new.school_class == self.school_class and 1 <= len(new.pseudonym) <= PSEUDONYM_MAX
            assert_shown_literally(html, new.pseudonym)
            assert_shown_literally(no_server_error(self.client.get("/klas/opdrachten/")), new.pseudonym)
        else:
            refused(response, FIELD_ERROR, JOIN_CLOSED, NAME_TAKEN, TOO_MANY_TRIES, status={400, 429})
            assert not joined.exists()

    @fuzzes("student:logout", "student:assignments", "student:assignment")
    @given(
        role=roles,
        assignment_id=st.one_of(st.just("own"), s.slug),
        method=st.sampled_from(["get", "post"]),
        params=s.query,
    )
    def test_pages(self, role, assignment_id, method, params):
        self.sign_in(role)
        assignment_id = self.assignment.public_id if assignment_id == "own" else assignment_id

        for url in ("/klas/opdrachten/", f"/klas/opdrachten/{assignment_id}/", "/klas/uitloggen/"):
            response = self.send(method, url, params)
            assert_escaped(answered(response, 200, 302, 403, 404, 405), payloads_in(params.values()))

    @given(class_name=s.payload_text, name=st.sampled_from(s.SHORT_PAYLOADS))
    def test_stored_names_come_back_escaped(self, class_name, name):
        SchoolClass.objects.filter(pk=self.school_class.pk).update(name=class_name[:80])
        StudentProfile.objects.filter(pk=self.student.pk).update(pseudonym=name)
        self.sign_in("student")

        for url in ("/klas/opdrachten/", f"/klas/opdrachten/{self.assignment.public_id}/"):
            page = no_server_error(self.client.get(url))
            assert_shown_literally(page, name)
        assert_shown_literally(no_server_error(self.client.get("/klas/opdrachten/")), class_name[:80].strip())
