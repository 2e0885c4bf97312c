"""Pupils who sign in through Entree without a class code wait for a teacher of their own school (BRIN), who places
them in one of their classes. The fixed cast tries every way in: the teacher of the pupil's school, a teacher of
another school, a teacher without a school account, a pupil, and an anonymous visitor."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from saml2.s_utils import decode_base64_and_inflate
from saml2.samlp import authn_request_from_string

from accounts.models import StudentProfile
from accounts.sso import identities
from accounts.sso import views as sso_views
from accounts.sso.models import SchoolIdentity, WaitingPupil
from accounts.sso.saml import encode
from tests.factories import SchoolClassFactory, StudentFactory, TeacherFactory

from .idp import SITE, entree_attributes, make_entree

pytestmark = pytest.mark.django_db

PUPILS = "/inloggen/school/leerlingen/"


@pytest.fixture(autouse=True)
def _secret(settings):
    settings.SSO_SUBJECT_SECRET = "p" * 40


def _teacher(brin: str = ""):
    teacher = TeacherFactory()
    if brin:
        identities.identity_link(
            user=teacher.user, provider="entree", subject=f"t-{brin}", affiliation="employee", brin=brin
        )
    return teacher


def _waiting(uid: str, brin: str, name: str = "") -> WaitingPupil:
    hashed = identities.subject_hash(provider="entree", subject=uid)
    return identities.pupil_wait(hashed=hashed, brin=brin, pseudonym=name)


@pytest.fixture
def cast(client):
    own, other, plain = _teacher("12AB"), _teacher("34CD"), _teacher()
    return {
        "own": own,
        "other": other,
        "plain": plain,
        "own_class": SchoolClassFactory(teacher=own.user, name="2B"),
        "other_class": SchoolClassFactory(teacher=other.user, name="3C"),
        "noor": _waiting("uid-noor", "12AB", "Noor"),
        "sem": _waiting("uid-sem", "34CD", "Sem"),
    }


def _as(client, profile):
    client.force_login(profile.user, backend="accounts.backends.AccountBackend")
    return client


def _shown(body: str) -> set[str]:
    """The texts of whole elements (a name, a class in the list): never a piece of a random token or id."""
    return set(re.findall(r">([^<>]+)<", body))


def test_a_teacher_sees_only_the_pupils_of_their_own_school(client, cast):
    shown = _shown(_as(client, cast["own"]).get(PUPILS).content.decode())
    assert {"Noor", "2B"} <= shown and not {"Sem", "3C"} & shown

    shown = _shown(_as(client, cast["other"]).get(PUPILS).content.decode())
    assert "Sem" in shown and "Noor" not in shown

    body = _as(client, cast["plain"]).get(PUPILS).content.decode()
    assert not {"Noor", "Sem"} & _shown(body) and "Entree" in body


def test_pupils_and_visitors_are_kept_out(client, cast):
    assert client.get(PUPILS)["Location"] == "/docent/inloggen/"
    assert client.post(f"{PUPILS}{cast['noor'].public_id}/")["Location"] == "/docent/inloggen/"
    student = StudentFactory()
    client.force_login(student.user, backend="accounts.backends.StudentBackend")
    assert client.get(PUPILS).status_code == 403
    assert client.post(f"{PUPILS}{cast['noor'].public_id}/").status_code == 403
    assert WaitingPupil.objects.count() == 2


def test_placing_a_pupil_makes_their_account_in_the_class(client, cast):
    noor = cast["noor"]
    response = _as(client, cast["own"]).post(
        f"{PUPILS}{noor.public_id}/",
        {f"{noor.public_id}-school_class": cast["own_class"].public_id, f"{noor.public_id}-name": "Noor"},
    )

    assert response.status_code == 302 and response["Location"] == PUPILS
    student = StudentProfile.objects.get(school_class=cast["own_class"])
    assert student.pseudonym == "Noor"
    assert identities.identity_find(provider="entree", subject="uid-noor").user == student.user
    assert SchoolIdentity.objects.get(user=student.user).brin == "12AB"
    assert not WaitingPupil.objects.filter(pk=noor.pk).exists()
    assert "Noor zit nu in 2B" in client.get(PUPILS).content.decode()


def test_the_teacher_may_give_another_name(client, cast):
    noor = cast["noor"]
    _as(client, cast["own"]).post(
        f"{PUPILS}{noor.public_id}/",
        {f"{noor.public_id}-school_class": cast["own_class"].public_id, f"{noor.public_id}-name": "Noor V"},
    )
    assert StudentProfile.objects.get().pseudonym == "Noor V"


@pytest.mark.parametrize(
    ("who", "pupil", "school_class"),
    [
        ("own", "sem", "own_class"),
        ("own", "noor", "other_class"),
        ("other", "noor", "other_class"),
        ("plain", "noor", "own_class"),
    ],
    ids=["pupil-of-another-school", "another-teachers-class", "teacher-of-another-school", "teacher-without-school"],
)
def test_no_way_in_to_another_schools_pupil_or_another_teachers_class(client, cast, who, pupil, school_class):
    waiting = cast[pupil]
    response = _as(client, cast[who]).post(
        f"{PUPILS}{waiting.public_id}/",
        {f"{waiting.public_id}-school_class": cast[school_class].public_id, f"{waiting.public_id}-name": "X"},
    )
    assert response.status_code == 404
    assert not StudentProfile.objects.exists() and WaitingPupil.objects.count() == 2


def test_a_taken_name_is_told_and_nothing_changes(client, cast):
    StudentFactory(school_class=cast["own_class"], pseudonym="Noor")
    noor = cast["noor"]
    response = _as(client, cast["own"]).post(
        f"{PUPILS}{noor.public_id}/",
        {f"{noor.public_id}-school_class": cast["own_class"].public_id, f"{noor.public_id}-name": "noor"},
    )
    assert response.status_code == 400 and "al gekozen" in response.content.decode()
    assert StudentProfile.objects.count() == 1 and WaitingPupil.objects.filter(pk=noor.pk).exists()


def test_placing_twice_places_once(client, cast):
    noor = cast["noor"]
    data = {f"{noor.public_id}-school_class": cast["own_class"].public_id, f"{noor.public_id}-name": "Noor"}
    _as(client, cast["own"]).post(f"{PUPILS}{noor.public_id}/", data)
    again = client.post(f"{PUPILS}{noor.public_id}/", data)
    assert again.status_code == 404 and StudentProfile.objects.count() == 1


def test_the_list_takes_the_same_queries_however_many_wait(client, cast, django_assert_max_num_queries):
    _as(client, cast["own"]).get(PUPILS)
    with django_assert_max_num_queries(12) as few:
        client.get(PUPILS)
    for n in range(8):
        _waiting(f"uid-{n}", "12AB", f"Kind {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert "Kind 7" in client.get(PUPILS).content.decode()


def test_waiting_pupils_are_forgotten_after_30_days(cast):
    from datetime import timedelta

    from django.utils import timezone

    assert identities.waiting_purge(now=timezone.now() + timedelta(days=31)) == 2
    assert not WaitingPupil.objects.exists()


def test_a_pupil_without_a_code_waits_and_is_placed_then_signs_in(client, settings, cast):
    entree = make_entree()
    settings.SSO_ENTREE_METADATA, settings.SSO_SITE_URL = entree.metadata_file, SITE
    sso_views._config.cache_clear()
    try:
        assert _entree_sign_in(client, entree, "uid-lotte")["Location"] == "/klas/aanmelden/"
        assert 'href="/inloggen/school/wachten/"' in client.get("/klas/aanmelden/").content.decode()
        assert client.post("/inloggen/school/wachten/", {"name": "Lotte"}).status_code == 200
        assert client.post("/inloggen/school/wachten/", {"name": "Lotte"}).status_code == 200  # a second click
        waiting = WaitingPupil.objects.get(pseudonym="Lotte")
        assert waiting.brin == "12AB" and "uid-lotte" not in str(WaitingPupil.objects.values().get(pk=waiting.pk))

        teacher = _as(client.__class__(), cast["own"])
        teacher.post(
            f"{PUPILS}{waiting.public_id}/",
            {f"{waiting.public_id}-school_class": cast["own_class"].public_id, f"{waiting.public_id}-name": "Lotte"},
        )

        client.post("/klas/uitloggen/")
        assert _entree_sign_in(client, entree, "uid-lotte")["Location"] == "/klas/opdrachten/"
        assert client.get("/klas/opdrachten/").status_code == 200
    finally:
        sso_views._config.cache_clear()


def test_the_wait_page_needs_a_pupils_school_sign_in(client, settings):
    entree = make_entree()
    settings.SSO_ENTREE_METADATA, settings.SSO_SITE_URL = entree.metadata_file, SITE
    sso_views._config.cache_clear()
    try:
        response = client.post("/inloggen/school/wachten/", {"name": "Lotte"})
        assert response.status_code == 302 and not WaitingPupil.objects.exists()
        _entree_sign_in(client, entree, "uid-zonder-brin", brin="")
        assert client.post("/inloggen/school/wachten/", {"name": "Lotte"}).status_code == 302
        assert not WaitingPupil.objects.exists()
    finally:
        sso_views._config.cache_clear()


def _entree_sign_in(client, entree, uid, brin="12AB"):
    start = client.get("/inloggen/school/entree/")
    query = parse_qs(urlsplit(start["Location"]).query)
    request_id = authn_request_from_string(decode_base64_and_inflate(query["SAMLRequest"][0])).id
    xml = entree.response(attributes=entree_attributes(uid=uid, brin=brin), in_response_to=request_id)
    return client.post("/inloggen/school/acs/", {"SAMLResponse": encode(xml)})


@pytest.mark.django_db(transaction=True)
def test_two_teachers_placing_the_same_pupil_at_once_place_them_once(settings):
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection

    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers; the race needs PostgreSQL")
    settings.SSO_SUBJECT_SECRET = "p" * 40
    first, second = _teacher("12AB"), _teacher("12AB")
    classes = [SchoolClassFactory(teacher=first.user), SchoolClassFactory(teacher=second.user)]
    waiting = _waiting("uid-both", "12AB", "Noor")

    def place(school_class):
        try:
            identities.pupil_place(waiting=waiting, school_class=school_class, pseudonym="Noor")
            return "placed"
        except identities.PupilGone:
            return "gone"
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = sorted(pool.map(place, classes))
    assert results == ["gone", "placed"]
    assert StudentProfile.objects.count() == 1 and SchoolIdentity.objects.filter(affiliation="student").count() == 1
