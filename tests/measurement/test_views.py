"""The pages: a student takes the test through the site, the teacher reads the report, a visitor tests themselves;
every URL tried by the whole cast, and the report's query count held constant."""

import csv
import io
import re
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from measurement import services
from measurement.models import Measurement, Sitting, TestAnswer
from tests.factories import SchoolClassFactory, StudentFactory, TeacherFactory

from .conftest import bulk_sit, open_measurement, sit

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def cast(test_forms):
    school_class = SchoolClassFactory()
    student = StudentFactory(school_class=school_class)
    measurement = open_measurement(school_class)
    sitting = services.sitting_start(measurement=measurement, student=student)
    return {
        "class": school_class,
        "student": student,
        "measurement": measurement,
        "sitting": sitting,
        "clients": {
            "anonymous": Client(),
            "student": signed_in(student.user),
            "other_student": signed_in(StudentFactory().user),
            "teacher": signed_in(school_class.teacher),
            "other_teacher": signed_in(TeacherFactory().user),
        },
    }


def teacher_urls(cast) -> list[str]:
    c, s = cast["class"].public_id, cast["student"].public_id
    return [
        reverse("measurement:class_report", args=[c]),
        reverse("measurement:student_trend", args=[c, s]),
        reverse("measurement:export_xlsx", args=[c]),
        reverse("measurement:export_csv", args=[c]),
    ]


def test_only_the_classs_own_teacher_reads_its_report(cast):
    for url in teacher_urls(cast):
        for role, client in cast["clients"].items():
            status = client.get(url).status_code
            expected = {"teacher": 200, "anonymous": 302, "other_teacher": 404}.get(role, 403)
            assert status == expected, (url, role, status)
        assert cast["clients"]["teacher"].get(url)["Cache-Control"].startswith("private")


def test_only_the_student_reaches_their_own_sitting(cast):
    item = reverse("measurement:item", args=[cast["sitting"].code, 1])
    review = reverse("measurement:review", args=[cast["sitting"].code])
    for url in (item, review):
        for role, client in cast["clients"].items():
            status = client.get(url).status_code
            assert status == (200 if role == "student" else 404), (url, role, status)
    start = reverse("measurement:student_start", args=[cast["measurement"].public_id])
    assert cast["clients"]["other_student"].post(start).status_code == 404
    assert cast["clients"]["teacher"].post(start).status_code == 403
    assert Sitting.objects.count() == 1


def test_a_teacher_cannot_schedule_for_another_class(cast):
    url = reverse("measurement:schedule", args=[cast["class"].public_id])
    data = {"moment": "nameting", "opens_at": "2026-01-10T09:00", "closes_at": "2026-01-10T10:00"}
    assert cast["clients"]["other_teacher"].post(url, data).status_code == 404
    assert cast["clients"]["student"].post(url, data).status_code == 403
    assert cast["clients"]["teacher"].post(url, data).status_code == 302
    assert cast["class"].pk and Sitting.objects.count() == 1


def test_bad_schedule_input_gets_a_dutch_message_and_a_400(cast):
    url = reverse("measurement:schedule", args=[cast["class"].public_id])
    bad = {"moment": "nameting", "opens_at": "2026-01-10T10:00", "closes_at": "2026-01-10T09:00"}
    response = cast["clients"]["teacher"].post(url, bad)
    assert response.status_code == 400 and "De sluittijd moet na de starttijd liggen." in response.text
    assert cast["clients"]["teacher"].post(url, {"moment": "xx", "opens_at": "zz"}).status_code == 400


def test_a_delayed_test_outside_4_to_8_weeks_is_refused_on_the_page_and_nothing_is_lost(cast):
    url = reverse("measurement:schedule", args=[cast["class"].public_id])
    teacher = cast["clients"]["teacher"]
    delayed = {"moment": "uitgesteld", "opens_at": "2026-02-01T09:00", "closes_at": "2026-02-05T09:00"}
    response = teacher.post(url, delayed)  # no post-test yet
    assert response.status_code == 400 and "Plan eerst de nameting." in response.text
    post = {"moment": "nameting", "opens_at": "2026-01-10T09:00", "closes_at": "2026-01-12T15:00"}
    assert teacher.post(url, post).status_code == 302
    response = teacher.post(url, delayed)  # 22 days later
    assert response.status_code == 400
    assert 'class="field__error"' in response.text
    assert "Kies voor de uitgestelde meting een begin tussen 7 februari 2026, 09:00 en 7 maart 2026, 09:00." in (
        response.text
    )
    assert 'value="2026-02-01T09:00"' in response.text  # the teacher's input stays in the form
    assert sorted(Measurement.objects.values_list("moment", flat=True)) == ["nameting", "voormeting"]
    assert Sitting.objects.count() == 1  # the pre-test's sitting is untouched
    in_time = {**delayed, "opens_at": "2026-03-07T09:00", "closes_at": "2026-03-10T09:00"}
    assert teacher.post(url, in_time).status_code == 302
    assert Measurement.objects.filter(moment="uitgesteld").exists()
    # The page explains the rule before anyone gets it wrong.
    assert (
        "4 tot 8 weken (28 tot 56 dagen) na het begin van de nameting"
        in teacher.get(reverse("measurement:class_report", args=[cast["class"].public_id])).text
    )


def test_a_student_takes_the_test_without_feedback_and_sees_their_result(cast):
    client, sitting = cast["clients"]["student"], cast["sitting"]
    home = client.get(reverse("measurement:student_home"))
    assert "Begin de toets" in home.text or "Verder met de toets" in home.text
    ids = services.sitting_items(sitting=sitting)
    for position in range(1, len(ids) + 1):
        page = client.get(reverse("measurement:item", args=[sitting.code, position]))
        assert f"Vraag {position} van 12" in page.text
        assert "goed" not in page.text.lower().split("<main")[-1].replace("goed verschil", "")  # no verdict
        stamp = re.search(r'name="getoond" value="([^"]+)"', page.text).group(1)
        response = client.post(
            reverse("measurement:item", args=[sitting.code, position]),
            {"soort": "threat", "zeker": "gok", "getoond": stamp},
        )
        assert response.status_code == 302
    assert TestAnswer.objects.filter(sitting=sitting).count() == 12
    assert TestAnswer.objects.filter(sitting=sitting, seconds__isnull=False).count() == 12
    done = client.post(reverse("measurement:review", args=[sitting.code]))
    assert done.status_code == 302
    result = client.get(reverse("measurement:student_home"))
    assert "Jouw uitslag per toets" in result.text and "Voorzichtigheid" in result.text


def test_an_empty_or_junk_answer_is_told_why_and_stores_nothing(cast):
    client, sitting = cast["clients"]["student"], cast["sitting"]
    url = reverse("measurement:item", args=[sitting.code, 1])
    response = client.post(url, {"soort": "<script>", "zeker": ""})
    assert response.status_code == 400 and "Kies hoe zeker je bent." in response.text
    assert client.post(url, {"soort": "threat", "zeker": "zeker", "getoond": "rommel"}).status_code == 302
    assert TestAnswer.objects.get().seconds is None
    assert client.get(reverse("measurement:item", args=[sitting.code, 99])).status_code == 302


def test_handing_in_with_gaps_is_refused_with_a_list_of_open_items(cast):
    client, sitting = cast["clients"]["student"], cast["sitting"]
    client.post(reverse("measurement:item", args=[sitting.code, 1]), {"soort": "threat", "zeker": "zeker"})
    response = client.post(reverse("measurement:review", args=[sitting.code]))
    assert response.status_code == 400 and "Vraag 2" in response.text
    sitting.refresh_from_db()
    assert sitting.finished_at is None


def test_the_report_counts_incomplete_tests_and_warns_when_only_suspicion_grew(test_forms):
    school_class = SchoolClassFactory()
    students = [StudentFactory(school_class=school_class) for _ in range(6)]
    pre, post = open_measurement(school_class, "voormeting"), open_measurement(school_class, "nameting")

    # Before: 1 of 4 opinions called dangerous, 2 of 8 dangerous posts missed: d′ 1.11, c −0.03.
    # After: every dangerous post found, but 3 of 4 opinions called dangerous too: d′ 1.07, c −1.06.
    def before(truth, n):
        return "threat" if truth == "opinion" and n == 0 else "opinion" if truth != "opinion" and n == 0 else truth

    def after(truth, n):
        return "threat" if truth == "opinion" and n < 3 else truth

    for s in students:
        sit(pre, s, choose=before)
    sit(post, students[0], finish=False)
    for s in students[1:]:
        sit(post, s, choose=after)
    teacher = signed_in(school_class.teacher)
    page = teacher.get(reverse("measurement:class_report", args=[school_class.public_id])).text
    assert "Let op: de klas noemt meer berichten gevaarlijk, maar ziet het verschil niet beter." in page
    assert re.search(r"<th scope=\"row\">Nameting</th><td>5</td><td>1</td><td>0</td>", page)
    assert "<svg" in page and page.count("change-plot__arrow") >= 5
    assert "12 berichten zijn te weinig om één leerling te beoordelen" in page
    trend = teacher.get(reverse("measurement:student_trend", args=[school_class.public_id, students[1].public_id]))
    assert "geen cijfer" in trend.text


def test_a_class_that_learned_gets_no_warning(test_forms):
    school_class = SchoolClassFactory()
    students = [StudentFactory(school_class=school_class) for _ in range(4)]
    pre, post = open_measurement(school_class, "voormeting"), open_measurement(school_class, "nameting")
    for s in students:
        sit(pre, s, choose=lambda truth, n: "threat" if n < 2 else "opinion")
        sit(post, s)
    page = signed_in(school_class.teacher).get(reverse("measurement:class_report", args=[school_class.public_id]))
    assert "Let op" not in page.text
    assert "Bij 4 van hen (100%) ging verschil zien omhoog." in page.text


def test_the_report_takes_the_same_number_of_queries_for_35_students_and_3_moments(test_forms):
    def build(n):
        school_class = SchoolClassFactory()
        moments = [open_measurement(school_class, m) for m in ("voormeting", "nameting", "uitgesteld")]
        for i in range(n):
            student = StudentFactory(school_class=school_class)
            for measurement, form in zip(moments, "ABC", strict=True):
                bulk_sit(measurement, student, form, items=test_forms[form], finished=i % 7 != 0)
        return school_class

    small, large = build(2), build(35)
    counts = []
    for school_class in (small, large):
        client = signed_in(school_class.teacher)
        client.get(reverse("measurement:codebook"))  # the session and per-process lookups, once
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("measurement:class_report", args=[school_class.public_id])).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert counts[1] <= 10, counts  # session, user, class, measurements, students, sittings, answers (+ savepoints)


def test_the_export_has_every_answer_without_names(test_forms):
    school_class = SchoolClassFactory()
    student = StudentFactory(school_class=school_class, pseudonym="Zeynep")
    sit(open_measurement(school_class), student)
    teacher = signed_in(school_class.teacher)
    body = teacher.get(reverse("measurement:export_csv", args=[school_class.public_id])).content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert len(rows) == 12 and {r["moment"] for r in rows} == {"voormeting"}
    assert len(rows[0]["student"]) == 12 and "Zeynep" not in body and student.public_id not in body
    book = load_workbook(
        io.BytesIO(teacher.get(reverse("measurement:export_xlsx", args=[school_class.public_id])).content)
    )
    assert book.sheetnames == ["antwoorden", "codeboek"] and book["antwoorden"].max_row == 13
    assert teacher.get(reverse("measurement:codebook")).status_code == 200


def test_test_jezelf_before_and_after_without_an_account(test_forms, client):
    page = client.get(reverse("measurement:self_test"))
    assert "Begin de test" in page.text
    codes = []
    for _round in range(2):
        start = client.post(reverse("measurement:self_test_start"))
        code = start["Location"].split("/")[3]
        codes.append(code)
        sitting = Sitting.objects.get(code=code)
        for position in range(1, 13):
            client.post(reverse("measurement:item", args=[code, position]), {"soort": "threat", "zeker": "zeker"})
        assert client.post(reverse("measurement:review", args=[code])).status_code == 302
        sitting.refresh_from_db()
        assert sitting.finished_at and sitting.user_id is None
    first, second = Sitting.objects.get(code=codes[0]), Sitting.objects.get(code=codes[1])
    assert first.form != second.form and second.before == first
    assert set(client.session["toets_afnames"]) == set(codes)  # the session holds only the random codes
    result = client.get(reverse("measurement:self_test"))
    assert "Jouw uitslag per toets" in result.text and "Begin de test" not in result.text
    # Another browser cannot open them.
    assert Client().get(reverse("measurement:item", args=[codes[0], 1])).status_code == 404


@pytest.mark.parametrize(("url", "login"), [("/toets/klas/abcdefghijk/", "/docent/inloggen/"), ("/toets/", "/klas/")])
def test_a_visitor_is_sent_to_the_login_page_and_back_with_the_query_unless_it_is_very_long(url, login):
    short = Client().get(url, {"tab": "b"})
    assert short.status_code == 302
    assert short["Location"] == f"{login}?" + urlencode({"next": url + "?tab=b"})
    # Django refuses to redirect to an address over 2048 characters: the login page then returns without the query.
    long = Client().get(url, {"x": "a" * 3000})
    assert long.status_code == 302
    assert long["Location"] == f"{login}?" + urlencode({"next": url})
