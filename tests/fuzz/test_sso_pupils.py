"""Fuzz the pages where pupils wait for a teacher of their school: whatever is posted, a teacher places only a pupil
of their own school in their own class (or is told why with a 4xx), and the wait page without a pupil's school
sign-in sends to the login. Never a 500, never a pupil placed across schools."""

from hypothesis import given
from hypothesis import strategies as st

from accounts.models import StudentProfile
from accounts.sso import identities
from accounts.sso import views as sso_views
from accounts.sso.models import WaitingPupil
from accounts.sso.views import PENDING
from tests.factories import SchoolClassFactory, TeacherFactory
from tests.sso.idp import SITE, make_entree

from . import strategies as s
from .base import FuzzTestCase, fuzzes, no_server_error


class SchoolPupilsFuzz(FuzzTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.entree = make_entree()

    def setup_example(self):
        super().setup_example()
        self._settings = self.settings(
            SSO_ENTREE_METADATA=self.entree.metadata_file, SSO_SITE_URL=SITE, SSO_SUBJECT_SECRET="w" * 40
        )
        self._settings.enable()
        sso_views._config.cache_clear()
        self.teacher = TeacherFactory()
        identities.identity_link(
            user=self.teacher.user, provider="entree", subject="t", affiliation="employee", brin="12AB"
        )
        self.own_class = SchoolClassFactory(teacher=self.teacher.user)
        self.other_class = SchoolClassFactory()
        self.own = identities.pupil_wait(hashed="a" * 64, brin="12AB", pseudonym="Noor")
        self.foreign = identities.pupil_wait(hashed="b" * 64, brin="34CD", pseudonym="Sem")

    def teardown_example(self, example):
        self._settings.disable()
        sso_views._config.cache_clear()
        super().teardown_example(example)

    @fuzzes("sso:pupils", "sso:pupil_place")
    @given(
        which=st.sampled_from(["own", "foreign", "made-up"]),
        class_choice=st.sampled_from(["own", "other", "fuzz"]),
        name=s.field("Noor", "Noor V"),
        extra=s.query,
        htmx=s.htmx,
    )
    def test_a_teacher_places_only_their_own_schools_pupil(self, which, class_choice, name, extra, htmx):
        pupil_id = {"own": self.own.public_id, "foreign": self.foreign.public_id, "made-up": "zzzzzzzz"}[which]
        chosen = {"own": self.own_class.public_id, "other": self.other_class.public_id, "fuzz": str(extra)[:30]}
        data = {**extra, f"{pupil_id}-school_class": chosen[class_choice], f"{pupil_id}-name": name}
        self.client.force_login(self.teacher.user, backend="accounts.backends.AccountBackend")
        response = self.send("post", f"/inloggen/school/leerlingen/{pupil_id}/", data, htmx=htmx)

        no_server_error(response)
        assert response.status_code in {302, 400, 404}
        assert not StudentProfile.objects.filter(school_class=self.other_class).exists()
        assert WaitingPupil.objects.filter(pk=self.foreign.pk).exists()
        placed = StudentProfile.objects.filter(school_class=self.own_class).exists()
        assert placed == (response.status_code == 302) == (not WaitingPupil.objects.filter(pk=self.own.pk).exists())
        page = self.client.get("/inloggen/school/leerlingen/", extra).content.decode()
        assert ">Sem<" not in page and 'value="Sem"' not in page  # (a random public id may contain "Sem")

    @fuzzes("sso:pupil_wait")
    @given(
        pending=st.sampled_from(["none", "student", "employee", "no-brin"]),
        method=st.sampled_from(["get", "post"]),
        params=s.form({"name": s.field("Lotte", "")}),
    )
    def test_the_wait_page_only_for_a_pupils_school_sign_in(self, pending, method, params):
        if pending != "none":
            session = self.client.session
            affiliation = "employee" if pending == "employee" else "student"
            brin = "" if pending == "no-brin" else "12AB"
            session[PENDING] = {"hashed": "c" * 64, "affiliation": affiliation, "brin": brin}
            session.save()
        response = self.send(method, "/inloggen/school/wachten/", params)

        no_server_error(response)
        if pending != "student":
            assert response.status_code == 302
            assert not WaitingPupil.objects.filter(subject_hash="c" * 64).exists()
        else:
            assert response.status_code in {200, 400}
            assert WaitingPupil.objects.filter(subject_hash="c" * 64).count() <= 1
