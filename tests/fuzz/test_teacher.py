"""Fuzz the teacher pages under /docent/: sign-up, login, password reset, classes, students and their cards,
assignments, the dashboard and the exports. Stored names come back escaped on every page that shows them."""

import json
import re
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import caches
from django.test import Client
from hypothesis import example, given
from hypothesis import strategies as st

from accounts.forms import PSEUDONYM_MAX
from accounts.models import SchoolClass, StudentProfile, TeacherProfile, TeacherRole
from lessons.models import Assignment
from tests.factories import (
    AssignmentFactory,
    ExerciseSetFactory,
    OpinionFactory,
    SchoolClassFactory,
    StudentFactory,
    TeacherFactory,
    ThreatFactory,
    make_lesson,
    make_site,
)

from . import strategies as s
from .base import (
    FIELD_ERROR,
    FuzzTestCase,
    answered,
    assert_escaped,
    assert_shown_literally,
    created_or_refused,
    fuzzes,
    last,
    main_part,
    no_server_error,
    payloads_in,
    refused,
)

User = get_user_model()
TEACHER_EMAIL = "docent@school.example"
TEACHER_PASSWORD = "geheim-wachtwoord"
# An e-mail address of 148 characters that grows past the 150 of a username when lower-cased ("İ" becomes two).
LONG_WHEN_LOWERED = "a@" + ".".join(["İİİİİ"] * 24) + ".nl"

name = s.field("Fatima de Vries", "Klas 2B", LONG_WHEN_LOWERED)
email = s.field(TEACHER_EMAIL, "nieuw@school.example", "NIEUW@School.Example", LONG_WHEN_LOWERED, "a@b")
password = s.field(TEACHER_PASSWORD, "lange-zin-voor-de-klas", "kort")
names = st.one_of(
    s.text,
    st.lists(st.one_of(st.sampled_from(("Sam", "sam", "Noor", " Daan ", "")), s.short_text, s.payload_text)).map(
        "\n".join
    ),
    st.integers(55, 200).map(lambda n: "\n".join(f"Leerling {i}" for i in range(n))),
    st.sampled_from(s.SHORT_PAYLOADS).map(lambda payload: f"Sam\n{payload}"),
)
ids = st.one_of(st.just("own"), s.slug)
roles = st.sampled_from(["teacher", "other teacher", "student", "anonymous"])


class TeacherFuzz(FuzzTestCase):
    @classmethod
    def setUpTestData(cls):
        site = make_site()
        cls.exercise_set = ExerciseSetFactory(slug="starter", scenarios=[OpinionFactory(), ThreatFactory()])
        cls.lesson = make_lesson(site["index"], 1, exercise_set=cls.exercise_set)
        cls.teacher = TeacherFactory(user__username=TEACHER_EMAIL).user
        cls.other_teacher = TeacherFactory().user
        cls.school_class = SchoolClassFactory(teacher=cls.teacher, join_code="KLAS23")
        cls.student = StudentFactory(school_class=cls.school_class, pseudonym="Sam")
        cls.assignment = AssignmentFactory(school_class=cls.school_class, exercise_set=cls.exercise_set)

    def sign_in(self, role: str) -> None:
        users = {"teacher": self.teacher, "other teacher": self.other_teacher, "student": self.student.user}
        if role in users:
            self.client.force_login(users[role])

    @property
    def class_url(self) -> str:
        return f"/docent/klassen/{self.school_class.public_id}/"

    def shown_to_teacher(self, *, home: bool = True) -> list[str]:
        """Every page where the teacher sees the class's name and its students' names (the home page lists only
        classes)."""
        urls = [self.class_url, f"{self.class_url}opdrachten/{self.assignment.public_id}/"]
        return [no_server_error(self.client.get(url)) for url in (["/docent/"] if home else []) + urls]

    # ------------------------------------------------------------------------------------------------ account

    @fuzzes("teacher:signup")
    @given(
        body=s.form(
            {
                "name": name,
                "school": name,
                "role": s.field(*TeacherRole.values),
                "email": email,
                "password": s.field("lange-zin-voor-de-klas", "wachtwoord", "x" * 5000),
            }
        ),
        encoding=s.encodings,
    )
    @example(
        body={
            "name": "Fatima",
            "school": "Stadscollege",
            "role": "docent",
            "email": LONG_WHEN_LOWERED,
            "password": "lange-zin-voor-de-klas",
        },
        encoding="multipart",
    )
    @example(
        body={
            "name": "<script>alert(1)</script>",
            "school": '"><img src=x onerror=alert(1)>',
            "role": "docent",
            "email": "nieuw@school.example",
            "password": "lange-zin-voor-de-klas",
        },
        encoding="urlencoded",
    )
    def test_signup(self, body, encoding):
        caches["throttle"].clear()  # each example is a new visitor: the sign-up limits are tried in tests/accounts
        response = self.send("post", "/docent/aanmelden/", body, encoding=encoding)

        html = no_server_error(response)
        assert_escaped(html, payloads_in(body.values()))
        if response.status_code == 200 and "Kijk in je e-mail" in html:
            profile = TeacherProfile.objects.select_related("user").get(user__username=last(body["email"]).lower())
            assert (profile.name, profile.school) == (last(body["name"]).strip(), last(body["school"]).strip())
            link = re.search(r"http://testserver(/docent/aanmelden/bevestigen/\S+/)", mail.outbox[-1].body).group(1)
            confirmed = Client()
            confirmed.post(link)
            home = no_server_error(confirmed.get("/docent/"))  # every teacher page shows both
            assert_shown_literally(home, profile.name)
            assert_shown_literally(home, profile.school)
        else:
            refused(response, FIELD_ERROR)
            assert TeacherProfile.objects.count() == 2

    @fuzzes("teacher:signup_confirm")
    @given(uidb64=s.path_text, token=s.path_text, method=st.sampled_from(["get", "post"]))
    def test_signup_confirm(self, uidb64, token, method):
        response = self.send(method, f"/docent/aanmelden/bevestigen/{uidb64}/{token}/", {})

        html = no_server_error(response)
        assert response.status_code in {400, 404}
        assert "Deze link werkt niet meer" in html or response.status_code == 404

    @fuzzes("teacher:login")
    @given(
        body=s.form({"email": email, "password": password}),
        next_url=s.field("/docent/klassen/", "//evil.example/", "/docent//evil.example", "https://evil.example/"),
    )
    def test_login(self, body, next_url):
        response = self.client.post(f"/docent/inloggen/?{urlencode({'next': next_url}, doseq=True)}", body)

        html = no_server_error(response)
        assert_escaped(html, payloads_in(body.values()))
        if response.status_code == 302:
            assert response["Location"].startswith("/docent/") and "//" not in response["Location"]
        else:
            refused(response, FIELD_ERROR, "Dit klopt niet.", status={400, 429})

    @fuzzes("teacher:password_reset", "teacher:password_reset_sent", "teacher:password_reset_done")
    @given(body=s.form({"email": email}), params=s.query)
    def test_password_reset(self, body, params):
        response = self.send("post", "/docent/wachtwoord/", body)

        html = no_server_error(response)
        assert_escaped(html, payloads_in(body.values()))
        if response.status_code != 302:
            refused(response, FIELD_ERROR)
        for url in ("/docent/wachtwoord/verstuurd/", "/docent/wachtwoord/klaar/"):
            assert no_server_error(self.send("get", url, params)) and self.client.get(url).status_code == 200

    @fuzzes("teacher:password_reset_confirm")
    @given(
        uidb64=s.path_text,
        token=st.one_of(s.path_text, st.just("set-password")),
        body=s.form({"new_password1": password, "new_password2": password}),
    )
    def test_password_reset_confirm(self, uidb64, token, body):
        url = f"/docent/wachtwoord/nieuw/{uidb64}/{token}/"

        for method in ("get", "post"):
            html = no_server_error(self.send(method, url, body))
            assert "Deze link werkt niet meer" in html or "link" in html.lower()

    @fuzzes("teacher:logout", "teacher:home")
    @given(role=roles, method=st.sampled_from(["get", "post"]), body=s.query)
    def test_logout_and_home(self, role, method, body):
        self.sign_in(role)

        home = self.send(method, "/docent/", body)
        logout = self.send(method, "/docent/uitloggen/", body)

        no_server_error(home)
        no_server_error(logout)
        assert logout.status_code == (302 if method == "post" else 405)

    # ------------------------------------------------------------------------------------------------ classes

    @fuzzes("teacher:class_create", "teacher:class_rename")
    @given(rename=st.booleans(), body=s.form({"name": s.field("2B mentorklas", "<b>2B</b>")}))
    def test_class_name(self, rename, body):
        self.sign_in("teacher")
        url = f"{self.class_url}naam/" if rename else "/docent/klassen/nieuw/"

        response = self.send("post", url, body)

        html = no_server_error(response)
        assert_escaped(html, payloads_in(body.values()))
        if response.status_code == 302:
            school_class = SchoolClass.objects.get(public_id=response["Location"].split("/")[3])
            assert school_class.name == last(body["name"]).strip()
            pages = self.shown_to_teacher() if rename else [no_server_error(self.client.get(response["Location"]))]
            for page in pages:
                assert_shown_literally(page, school_class.name)
        else:
            refused(response, FIELD_ERROR)
            assert SchoolClass.objects.get(pk=self.school_class.pk).name == self.school_class.name

    @fuzzes("teacher:class_code", "teacher:class_archive", "teacher:class_delete")
    @given(
        action=st.sampled_from(["code/", "archiveren/", "verwijderen/"]),
        method=st.sampled_from(["get", "post"]),
        body=s.form({"actie": s.field("nieuw", "uit", "aan")}),
        class_id=ids,
        role=roles,
    )
    def test_class_actions(self, action, method, body, class_id, role):
        self.sign_in(role)
        class_id = self.school_class.public_id if class_id == "own" else class_id

        response = self.send(method, f"/docent/klassen/{class_id}/{action}", body)

        html = no_server_error(response)
        assert_escaped(html, payloads_in(body.values()))
        if response.status_code == 400:
            assert action == "code/" and last(body.get("actie", "")) not in {"nieuw", "uit", "aan"}, main_part(html)
            refused(response, "Deze actie kennen we niet.")
        else:
            answered(response, 200, 302, 403, 404, 405)

    @fuzzes("teacher:class_join_limit")
    @given(
        body=s.form({"joins_left": s.field("", "0", "3", "500", "501", "-1", "2.5", "drie", "9" * 40)}),
        class_id=ids,
        role=roles,
    )
    def test_class_join_limit(self, body, class_id, role):
        self.sign_in(role)
        class_id = self.school_class.public_id if class_id == "own" else class_id

        response = self.send("post", f"/docent/klassen/{class_id}/aanmelden-grens/", body)

        html = no_server_error(response)
        assert_escaped(html, payloads_in(body.values()))
        own = role == "teacher" and class_id == self.school_class.public_id
        if own and response.status_code == 302:
            typed = last(body.get("joins_left", "")).strip()
            stored = SchoolClass.objects.get(pk=self.school_class.pk).joins_left
            assert stored == (int(typed) if typed else None)
        elif response.status_code == 400:
            assert own
            refused(response, FIELD_ERROR)
        else:
            answered(response, 302, 403, 404)  # strangers: to the login page, refused, or not found

    # ------------------------------------------------------------------------------------------------ students

    @fuzzes("teacher:students_add")
    @given(body=s.form({"names": names}))
    @example(body={"names": "\n".join(f"Leerling {i}" for i in range(61))})
    def test_students_add(self, body):
        self.sign_in("teacher")

        response = self.send("post", f"{self.class_url}leerlingen/", body)

        html = no_server_error(response)
        assert_escaped(html, payloads_in(body.values()))
        made = list(StudentProfile.objects.exclude(pk=self.student.pk).values_list("pseudonym", flat=True))
        if isinstance(body.get("names"), str) and body["names"].startswith("Leerling 0\nLeerling 1\n"):
            too_many = len(body["names"].splitlines()) > 60
            assert (response.status_code == 400) is too_many
            assert ("Voeg hoogstens 60 leerlingen tegelijk toe." in html) is too_many
        if response.status_code == 200:
            assert made or "Deze namen zaten al in de klas" in html  # "Sam" is in the class already
            assert len(made) <= 60 and all(1 <= len(n) <= PSEUDONYM_MAX for n in made)
            for page in [html, *self.shown_to_teacher(home=False)]:
                for pseudonym in made:
                    assert_shown_literally(page, pseudonym)
        else:
            refused(response, FIELD_ERROR)
            assert not made

    @fuzzes("teacher:student_reset", "teacher:student_delete")
    @given(
        action=st.sampled_from(["wachtwoord/", "verwijderen/"]),
        method=st.sampled_from(["get", "post"]),
        class_id=ids,
        student_id=ids,
        role=roles,
        body=s.query,
    )
    def test_student_actions(self, action, method, class_id, student_id, role, body):
        self.sign_in(role)
        class_id = self.school_class.public_id if class_id == "own" else class_id
        student_id = self.student.public_id if student_id == "own" else student_id

        response = self.send(method, f"/docent/klassen/{class_id}/leerlingen/{student_id}/{action}", body)

        answered(response, 200, 302, 403, 404, 405)

    # ------------------------------------------------------------------------------------------------ assignments

    @fuzzes("teacher:assignment_create")
    @given(
        body=s.form(
            {
                "work": s.field("les:LESSON", "set:SET", "set:999999999999999999999", "les:-1", "set:"),
                "due_at": s.field(
                    "2099-01-01T10:00",
                    "2099-01-01 10:00",
                    "2000-01-01",
                    "9999-12-31T23:59",
                    "0001-01-01T00:00",
                    "2030-03-31T02:30",  # a time that does not exist in Amsterdam (the clocks go forward)
                    "2030-10-27T02:30",  # a time that exists twice (the clocks go back)
                    "2099-02-30T10:00",
                ),
            }
        )
    )
    def test_assignment_create(self, body):
        self.sign_in("teacher")
        if isinstance(body.get("work"), str):
            body["work"] = body["work"].replace("LESSON", str(self.lesson.pk)).replace("SET", str(self.exercise_set.pk))

        response = self.send("post", f"{self.class_url}opdrachten/", body)

        created_or_refused(response, body, Assignment, 1, FIELD_ERROR)

    @fuzzes(
        "teacher:class_detail",
        "teacher:class_export",
        "teacher:assignment",
        "teacher:assignment_csv",
    )
    @given(
        page=st.sampled_from(["", "export.json", "opdrachten/ASSIGNMENT/", "opdrachten/ASSIGNMENT/export.csv"]),
        class_id=ids,
        assignment_id=ids,
        role=roles,
        method=st.sampled_from(["get", "post"]),
        params=s.query,
    )
    def test_pages_and_exports(self, page, class_id, assignment_id, role, method, params):
        self.sign_in(role)
        class_id = self.school_class.public_id if class_id == "own" else class_id
        assignment_id = self.assignment.public_id if assignment_id == "own" else assignment_id

        response = self.send(method, f"/docent/klassen/{class_id}/{page.replace('ASSIGNMENT', assignment_id)}", params)

        body = answered(response, 200, 302, 403, 404, 405)
        assert_escaped(body, payloads_in(params.values()))

    @given(class_name=s.payload_text, pseudonym=st.sampled_from(s.SHORT_PAYLOADS))
    def test_stored_names_come_back_escaped_in_every_view_and_export(self, class_name, pseudonym):
        SchoolClass.objects.filter(pk=self.school_class.pk).update(name=class_name[:80])
        StudentProfile.objects.filter(pk=self.student.pk).update(pseudonym=pseudonym)
        self.sign_in("teacher")

        for page in self.shown_to_teacher(home=False):
            assert_shown_literally(page, pseudonym)
        for page in self.shown_to_teacher():
            assert_shown_literally(page, class_name[:80].strip())
        reset = self.client.post(f"{self.class_url}leerlingen/{self.student.public_id}/wachtwoord/")
        assert_shown_literally(no_server_error(reset), pseudonym)
        export = self.client.get(f"{self.class_url}export.json")
        assert export["Content-Type"] == "application/json" and export["X-Content-Type-Options"] == "nosniff"
        assert json.loads(export.content)["leerlingen"][0]["naam"] == pseudonym
        csv = self.client.get(f"{self.class_url}opdrachten/{self.assignment.public_id}/export.csv")
        assert csv["Content-Type"].startswith("text/csv") and csv["X-Content-Type-Options"] == "nosniff"
