"""Fuzz the test pages under /toets/: the teacher's schedule form and report, a student's and a visitor's test
items and hand-in, and every page by every role with junk codes, positions and queries. Nothing crashes, junk
is refused in Dutch, and what was already saved stays."""

from datetime import timedelta

from django.utils import timezone
from hypothesis import example, given
from hypothesis import strategies as st

from measurement import services
from measurement.models import Measurement, ResearchSharing, Sitting, TestAnswer
from tests.factories import OpinionFactory, SchoolClassFactory, StudentFactory, TeacherFactory, ThreatFactory

from . import strategies as s
from .base import FuzzTestCase, answered, assert_escaped, fuzzes, no_server_error, payloads_in

roles = st.sampled_from(["student", "teacher", "other_teacher", "anonymous"])
moment = s.field("voormeting", "nameting", "uitgesteld")
when = s.field("2026-03-01T09:00", "2026-03-01T10:00", "2026-02-30T25:00", "1-1-1")
category = s.field("opinion", "threat", "disorder")
sureness = s.field("zeker", "beetje", "gok")


class MeasurementFuzz(FuzzTestCase):
    @classmethod
    def setUpTestData(cls):
        for form in "ABC":
            OpinionFactory(key=f"zf{form.lower()}-1", test_form=form)
            ThreatFactory(key=f"zf{form.lower()}-2", test_form=form)
        cls.school_class = SchoolClassFactory()
        cls.student = StudentFactory(school_class=cls.school_class)
        now = timezone.now()
        cls.measurement = Measurement.objects.create(
            school_class=cls.school_class, moment="voormeting", opens_at=now - timedelta(days=1),
            closes_at=now + timedelta(days=1),
        )  # fmt: skip
        cls.sitting = services.sitting_start(measurement=cls.measurement, student=cls.student)
        cls.other_teacher = TeacherFactory().user

    def sign_in(self, role: str) -> None:
        users = {
            "student": self.student.user,
            "teacher": self.school_class.teacher,
            "other_teacher": self.other_teacher,
        }
        if role in users:
            self.client.force_login(users[role])

    @fuzzes("measurement:schedule")
    @given(body=s.form({"moment": moment, "opens_at": when, "closes_at": when}), encoding=s.encodings)
    @example(
        body={"moment": "nameting", "opens_at": "2026-03-01T09:00", "closes_at": "2026-03-01T10:00"},
        encoding="multipart",
    )
    def test_schedule(self, body, encoding):
        self.sign_in("teacher")
        url = f"/toets/klas/{self.school_class.public_id}/plannen/"
        response = self.send("post", url, body, encoding=encoding)
        html = answered(response, 302, 400)
        assert_escaped(html, payloads_in(body.values()))
        assert Measurement.objects.filter(moment="voormeting").exists()  # the existing one is never lost
        if response.status_code == 400:
            assert 'class="field__error"' in html or "sluittijd" in html

    @fuzzes("measurement:research_sharing")
    @given(role=roles, own=st.booleans(), body=s.form({"delen": s.field("on", "")}), encoding=s.encodings)
    @example(role="teacher", own=True, body={"delen": "on"}, encoding="multipart")
    def test_research_sharing(self, role, own, body, encoding):
        """Only the class's own teacher turns research sharing on or off; junk is at most a ticked box."""
        self.sign_in(role)
        before = list(ResearchSharing.objects.values_list("school_class_id", "shared"))
        class_id = self.school_class.public_id if own else "andere-klas"
        response = self.send("post", f"/toets/klas/{class_id}/onderzoek/", body, encoding=encoding)
        answered(response, 302, 400, 403, 404)
        after = list(ResearchSharing.objects.values_list("school_class_id", "shared"))
        if role == "teacher" and own and response.status_code == 302:
            assert after == [(self.school_class.pk, body.get("delen") == "on")]
        else:
            assert after == before

    @fuzzes("measurement:item")
    @given(
        body=s.form({"soort": category, "zeker": sureness, "getoond": s.text}),
        position=s.path_int,
        encoding=s.encodings,
    )
    @example(body={"soort": "threat", "zeker": "gok"}, position="1", encoding="multipart")
    def test_item(self, body, position, encoding):
        self.sign_in("student")
        before = TestAnswer.objects.count()
        response = self.send("post", f"/toets/maken/{self.sitting.code}/{position}/", body, encoding=encoding)
        html = answered(response, 302, 400)
        assert_escaped(html, payloads_in(body.values()))
        assert TestAnswer.objects.count() in (before, before + 1)
        for answer in TestAnswer.objects.all():
            assert answer.chosen_category in ("opinion", "threat", "disorder") and answer.sureness in (
                "zeker",
                "beetje",
                "gok",
            )

    @fuzzes(
        "measurement:student_home", "measurement:self_test", "measurement:self_test_start", "measurement:codebook",
        "measurement:student_start", "measurement:review", "measurement:class_report", "measurement:student_trend",
        "measurement:export_xlsx", "measurement:export_csv",
    )  # fmt: skip
    @given(role=roles, code=st.one_of(st.just("own"), s.slug), method=st.sampled_from(["get", "post"]), params=s.query)
    def test_pages(self, role, code, method, params):
        self.sign_in(role)
        own = code == "own"
        class_id = self.school_class.public_id if own else code
        urls = [
            "/toets/",
            "/toets/test-jezelf/",
            "/toets/test-jezelf/beginnen/",
            "/toets/codeboek/",
            f"/toets/meting/{self.measurement.public_id if own else code}/beginnen/",
            f"/toets/maken/{self.sitting.code if own else code}/inleveren/",
            f"/toets/klas/{class_id}/",
            f"/toets/klas/{class_id}/leerlingen/{self.student.public_id if own else code}/",
            f"/toets/klas/{class_id}/antwoorden.xlsx",
            f"/toets/klas/{class_id}/antwoorden.csv",
        ]
        for url in urls:
            response = self.send(method, url, params)
            body = answered(response, 200, 302, 400, 403, 404, 405)
            if not url.endswith((".xlsx", ".csv")):
                assert_escaped(body, payloads_in(params.values()))
        assert Sitting.objects.filter(user=self.student.user).count() == 1

    @given(name=st.sampled_from(s.SHORT_PAYLOADS))
    def test_stored_names_come_back_escaped(self, name):
        from accounts.models import StudentProfile

        StudentProfile.objects.filter(pk=self.student.pk).update(pseudonym=name)
        self.sign_in("teacher")
        page = no_server_error(self.client.get(f"/toets/klas/{self.school_class.public_id}/"))
        assert_escaped(page, [name])
