"""Pupils cannot pose as a classmate (issue 13, item 6): beside a real "Anna", every look-alike is refused with a
Dutch message, through the join page and through the teacher's list; two look-alikes joining at once make one
account; and the spreadsheet formula guard sees the cleaned name."""

import threading

import pytest
from django import forms
from django.test import Client

from accounts import services
from accounts.forms import StudentNamesForm, clean_pseudonym
from accounts.models import StudentProfile
from accounts.names import name_skeleton
from lessons.classroom.exports import csv_safe
from tests.concurrency import waiting_for_sqlite_locks
from tests.factories import SchoolClassFactory, StudentFactory

INVISIBLE = {
    "zero-width space": "Anna\u200b",
    "right-to-left override": "\u202eannA",
    "bidi isolates": "\u2066Anna\u2069",
    "escape": "\x1bAnna",
    "zero-width joiner": "An\u200dna",
    "byte order mark": "\ufeffAnna",
}
LOOK_ALIKES = {
    "Cyrillic A": "\u0410nna",
    "Cyrillic a": "Ann\u0430",
    "full width": "\uff21\uff4e\uff4e\uff41",
    "capitals": "ANNA",
    "Greek capital alpha": "\u0391nna",
}


@pytest.mark.parametrize("name", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_invisible_and_reordering_characters_are_refused_in_dutch(name):
    with pytest.raises(forms.ValidationError, match="onzichtbaar teken"):
        clean_pseudonym(name)


def test_names_are_nfkc_normalised():
    assert clean_pseudonym("\uff21\uff4e\uff4e\uff41") == "Anna"  # full-width letters
    assert clean_pseudonym("  Jo\u00a0\u00a0van\tder  ") == "Jo van der"  # no-break spaces, a tab
    assert clean_pseudonym("\ufb01ene") == "fiene"  # the "fi" ligature
    assert clean_pseudonym("Zoë") == "Zoë"  # an ordinary accent stays


@pytest.mark.parametrize("name", [*INVISIBLE.values(), *LOOK_ALIKES.values()], ids=[*INVISIBLE, *LOOK_ALIKES])
@pytest.mark.django_db
def test_joining_beside_a_real_anna_with_a_look_alike_is_refused(name):
    school_class = SchoolClassFactory(join_code="KLAS23")
    StudentFactory(school_class=school_class, pseudonym="Anna")

    response = Client().post("/klas/aanmelden/", {"code": "KLAS23", "name": name})

    assert response.status_code == 400
    html = response.content.decode()
    assert "onzichtbaar teken" in html or "lijkt er te veel op" in html
    assert list(StudentProfile.objects.values_list("pseudonym", flat=True)) == ["Anna"]


@pytest.mark.django_db
def test_a_teachers_list_with_a_look_alike_makes_one_pupil():
    school_class = SchoolClassFactory()
    StudentFactory(school_class=school_class, pseudonym="Ivo")
    form = StudentNamesForm({"names": "Anna\n\u0410nna\nlvo\nNoor"})
    assert form.is_valid(), form.errors

    made, taken = services.students_create(school_class=school_class, pseudonyms=form.cleaned_data["names"])

    assert [m.profile.pseudonym for m in made] == ["Anna", "Noor"]
    assert taken == ["lvo"]  # a small L beside Ivo with a capital I


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_look_alikes_joining_at_the_same_moment_make_one_account():
    school_class = SchoolClassFactory()
    names = ["Anna", "\u0410nna", "ANNA", "Ann\u0430", "anna", "\u0391nna", "\u0410NNA", "AnNa"]
    start, outcomes = threading.Barrier(len(names)), []

    def join(name):
        start.wait()
        try:
            waiting_for_sqlite_locks(lambda: services.student_join(school_class=school_class, pseudonym=name))
            outcomes.append("made")
        except services.NameTaken:
            outcomes.append("taken")
        finally:
            from django.db import connection

            connection.close()

    threads = [threading.Thread(target=join, args=(name,)) for name in names]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["made"] + ["taken"] * (len(names) - 1)
    assert StudentProfile.objects.filter(school_class=school_class).count() == 1


def test_the_formula_guard_sees_the_cleaned_name():
    """A full-width "＝" is NFKC "=": stored as "=", it is caught by the export's guard."""
    name = clean_pseudonym("\uff1d1+1")
    assert name == "=1+1" and csv_safe(name) == "'=1+1"
    with pytest.raises(forms.ValidationError):
        clean_pseudonym("\u200b=1+1")  # hidden in front of the "=": refused outright


def test_the_skeleton_is_unicode_tr39():
    assert name_skeleton("\u0410nna") == name_skeleton("Anna") == name_skeleton("ANNA")
    assert name_skeleton("Ivo") == name_skeleton("lvo")
    assert name_skeleton("Sam") == name_skeleton("Sarn")  # "rn" looks like "m"
    assert name_skeleton("Anna") != name_skeleton("Anne")
