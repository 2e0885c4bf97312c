"""Research across classes: a teacher opts a class in (off by default), and a researcher with the permission
downloads every answer of opted-in classes only, pseudonymous, with the class export's columns and codebook.
Everyone else gets a 403 (or the sign-in page), and the download takes the same queries for 1 class or 4."""

import csv
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from measurement import exports, services
from measurement.models import ResearchSharing
from tests.factories import SchoolClassFactory, StudentFactory, TeacherFactory, UserFactory

from .conftest import bulk_sit, open_measurement

pytestmark = pytest.mark.django_db

OPT_IN = "Gegevens van deze klas mogen anoniem gebruikt worden voor onderzoek"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def admin_user(*codenames: str):
    """A user who may open the Wagtail admin, with these extra permissions (through a group, as an admin would)."""
    user = UserFactory()
    group = Group.objects.create(name=f"groep {user.pk}")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    group.permissions.add(*Permission.objects.filter(codename__in=codenames))
    user.groups.add(group)
    return user


def class_with_answers(test_forms, n_students: int, shared: bool | None):
    school_class = SchoolClassFactory()
    pre = open_measurement(school_class)
    for n in range(n_students):
        form = "AB"[n % 2]
        bulk_sit(pre, StudentFactory(school_class=school_class), form, items=test_forms[form])
    if shared is not None:
        services.research_sharing_set(school_class=school_class, shared=shared)
    return school_class


def csv_rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


# ---------------------------------------------------------------------------------------------------- the teacher


def test_sharing_is_off_until_the_teacher_turns_it_on_and_off_again(test_forms):
    school_class = SchoolClassFactory()
    teacher = signed_in(school_class.teacher)
    report = reverse("measurement:class_report", args=[school_class.public_id])
    url = reverse("measurement:research_sharing", args=[school_class.public_id])
    page = teacher.get(report).text
    assert OPT_IN in page and "Deze klas doet niet mee aan onderzoek." in page
    assert 'name="delen" value="on" aria-describedby="onderzoek-uitleg">' in page  # not ticked
    assert not ResearchSharing.objects.exists()

    response = teacher.post(url, {"delen": "on"})
    assert response.status_code == 302 and response["Location"] == report + "#onderzoek"
    assert ResearchSharing.objects.get(school_class=school_class).shared is True
    page = teacher.get(report).text
    assert "Deze klas doet mee aan onderzoek (aangezet op" in page and " checked>" in page

    assert teacher.post(url, {}).status_code == 302  # an unticked box is not sent at all
    assert ResearchSharing.objects.get(school_class=school_class).shared is False
    assert "Deze klas doet niet mee aan onderzoek." in teacher.get(report).text
    teacher.post(url, {"delen": "on"})
    assert teacher.post(url, {"delen": "<script>"}).status_code == 302  # only a ticked box says yes
    assert ResearchSharing.objects.get().shared is False
    assert teacher.get(url).status_code == 405


def test_only_the_classs_own_teacher_can_opt_it_in(test_forms):
    school_class = SchoolClassFactory()
    url = reverse("measurement:research_sharing", args=[school_class.public_id])
    assert signed_in(TeacherFactory().user).post(url, {"delen": "on"}).status_code == 404
    student = StudentFactory(school_class=school_class)
    assert signed_in(student.user).post(url, {"delen": "on"}).status_code == 403
    assert Client().post(url, {"delen": "on"}).status_code == 302
    assert not ResearchSharing.objects.exists()


# ---------------------------------------------------------------------------------------------------- the researcher


def test_the_research_export_has_only_classes_that_opted_in(test_forms):
    shared = class_with_answers(test_forms, 2, shared=True)
    also_shared = class_with_answers(test_forms, 1, shared=True)
    never_asked = class_with_answers(test_forms, 1, shared=None)
    opted_out = class_with_answers(test_forms, 1, shared=True)
    services.research_sharing_set(school_class=opted_out, shared=False)
    researcher = signed_in(admin_user("export_research_data"))

    page = researcher.get(reverse("measurement_research"))
    assert page.status_code == 200 and "Nu doen 2 klassen mee." in page.text
    assert "Er staan geen namen in." in page.text and "seconden" in page.text  # the codebook is on the page
    assert page["Cache-Control"].startswith("private")

    rows = csv_rows(researcher.get(reverse("measurement_research_csv")))
    assert list(rows[0]) == exports.HEADER
    classes = {r["klas"] for r in rows}
    assert classes == {exports.pseudonym("class", shared.pk), exports.pseudonym("class", also_shared.pk)}
    assert exports.pseudonym("class", never_asked.pk) not in classes
    assert exports.pseudonym("class", opted_out.pk) not in classes
    assert len(rows) == 3 * 12 and len({r["student"] for r in rows}) == 3
    for school_class in (shared, also_shared):  # pseudonyms only: no names, no codes from the site
        for student in school_class.students.all():
            body = "".join(",".join(r.values()) for r in rows)
            assert student.pseudonym not in body and student.public_id not in body

    # The same rows as the teacher's own download of that class.
    teacher_rows = csv_rows(signed_in(shared.teacher).get(reverse("measurement:export_csv", args=[shared.public_id])))
    assert teacher_rows == [r for r in rows if r["klas"] == exports.pseudonym("class", shared.pk)]

    book = load_workbook(io.BytesIO(researcher.get(reverse("measurement_research_xlsx")).content))
    assert book.sheetnames == ["antwoorden", "codeboek"] and book["antwoorden"].max_row == 1 + 3 * 12
    codebook = [tuple(row) for row in book["codeboek"].iter_rows(min_row=2, values_only=True)]
    assert codebook == [tuple(row) for row in exports.CODEBOOK]


def test_without_the_permission_there_is_no_page_no_download_and_no_menu_item(test_forms):
    class_with_answers(test_forms, 1, shared=True)
    urls = [reverse(name) for name in ("measurement_research", "measurement_research_csv", "measurement_research_xlsx")]
    editor = signed_in(admin_user("add_page", "change_page"))
    for url in urls:
        response = editor.get(url)
        assert response.status_code == 403, url
        assert response["Content-Type"].startswith("text/html") and "Geen toegang tot de onderzoeksgegevens" in (
            response.text
        )
        assert Client().get(url).status_code == 302  # to the admin's sign-in
        teacher = signed_in(TeacherFactory().user)  # no admin access at all
        assert teacher.get(url).status_code in (302, 403)
    assert "Onderzoeksgegevens" not in editor.get("/admin/").text
    researcher = signed_in(admin_user("export_research_data"))
    assert "Onderzoeksgegevens" in researcher.get("/admin/").text


def test_the_permission_can_be_given_to_a_group_in_the_admin(test_forms):
    superuser = UserFactory(is_superuser=True, is_staff=True)
    page = signed_in(superuser).get(reverse("wagtailusers_groups:add"))
    assert page.status_code == 200
    assert "Mag de toetsantwoorden van alle klassen die meedoen aan onderzoek downloaden" in page.text


def test_the_research_export_takes_the_same_queries_for_one_class_or_four(test_forms):
    researcher = signed_in(admin_user("export_research_data"))
    researcher.get(reverse("measurement_research"))  # the session and per-process lookups, once
    counts = []
    for n_classes in (1, 3):
        for _ in range(n_classes):
            class_with_answers(test_forms, 3, shared=True)
        for kind in ("csv", "xlsx"):
            with CaptureQueriesContext(connection) as queries:
                response = researcher.get(reverse(f"measurement_research_{kind}"))
            assert response.status_code == 200
            counts.append(len(queries))
    assert counts[0] == counts[2] and counts[1] == counts[3], counts
    assert max(counts) <= 6, counts
    print(counts)  # session, user, permissions (+ groups), the answers
