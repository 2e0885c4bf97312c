"""Fuzz the Microsoft door: with it off every URL is a 404; with it on, whatever comes back to the callback (any
code, state or error, with or without the state this browser started) is refused with a 400 and stores nothing;
the first-sign-in pages send a stranger to the login, and with a waiting sign-in never link on a wrong password."""

from urllib.parse import parse_qs, urlsplit

from django.test import override_settings
from hypothesis import given, settings
from hypothesis import strategies as st

from accounts.models import TeacherProfile
from accounts.sso.microsoft_views import PENDING
from accounts.sso.models import SchoolIdentity, SeenAssertion
from tests.factories import TeacherFactory
from tests.sso.oidc_provider import CLIENT_ID, CLIENT_SECRET, SCHOOL_TENANT, start_provider

from . import strategies as s
from .base import FuzzTestCase, fuzzes, no_server_error

BASE = "/inloggen/school/microsoft/"
URLS = [BASE, BASE + "terug/", BASE + "nieuw/", BASE + "koppelen/"]


class MicrosoftOffFuzz(FuzzTestCase):
    @fuzzes("sso:microsoft", "sso:microsoft_callback", "sso:microsoft_new", "sso:microsoft_link")
    @given(url=st.sampled_from(URLS), method=st.sampled_from(["get", "post"]), params=s.query)
    def test_off_is_a_404(self, url, method, params):
        response = self.send(method, url, params)
        no_server_error(response)
        assert response.status_code in {404, 405}


class MicrosoftOnFuzz(FuzzTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.provider, cls.server = start_provider()

    @classmethod
    def tearDownClass(cls):
        cls.server.shutdown()
        super().tearDownClass()

    def setup_example(self):
        super().setup_example()
        self._settings = override_settings(
            SSO_MICROSOFT_CLIENT_ID=CLIENT_ID,
            SSO_MICROSOFT_CLIENT_SECRET=CLIENT_SECRET,
            SSO_MICROSOFT_TENANTS=[SCHOOL_TENANT],
            SSO_MICROSOFT_AUTHORITY=self.provider.authority,
            SSO_SUBJECT_SECRET="f" * 40,
        )
        self._settings.enable()

    def teardown_example(self, example):
        self._settings.disable()
        super().teardown_example(example)

    def _started_state(self) -> str:
        response = self.client.get(BASE)
        return parse_qs(urlsplit(response["Location"]).query)["state"][0]

    @settings(max_examples=30)
    @given(code=s.field("abc"), own_state=st.booleans(), state=s.field("x"), extra=s.query)
    def test_callback_refuses_whatever_comes_back(self, code, own_state, state, extra):
        started = self._started_state()
        params = {**extra, "code": code, "state": started if own_state else state}
        response = self.send("get", BASE + "terug/", params)

        no_server_error(response)
        assert response.status_code == 400
        assert not SeenAssertion.objects.exists() and not SchoolIdentity.objects.exists()

    @given(params=s.query)
    def test_login_ignores_its_query(self, params):
        response = self.send("get", BASE, params)
        no_server_error(response)
        assert response.status_code == 302 and response["Location"].startswith(self.provider.authority)

    @given(
        url=st.sampled_from([BASE + "nieuw/", BASE + "koppelen/"]),
        method=st.sampled_from(["get", "post"]),
        params=s.form({"name": s.field("Mevrouw De Vries"), "email": s.field("a@b.example"), "password": s.field()}),
    )
    def test_first_sign_in_pages_need_a_waiting_sign_in(self, url, method, params):
        response = self.send(method, url, params)
        no_server_error(response)
        assert response.status_code == 302 and response["Location"] == "/docent/inloggen/"
        assert not SchoolIdentity.objects.exists()

    @given(
        params=s.form({"email": s.field("docent@school.example"), "password": s.field("raden")}),
        htmx=s.htmx,
    )
    def test_linking_never_happens_without_the_password(self, params, htmx):
        TeacherFactory(user__username="docent@school.example", user__email="docent@school.example")
        session = self.client.session
        session[PENDING] = {"hashed": "a" * 64, "tenant": SCHOOL_TENANT}
        session.save()
        response = self.send("post", BASE + "koppelen/", params, htmx=htmx)

        no_server_error(response)
        assert response.status_code in {400, 429}
        assert not SchoolIdentity.objects.exists()

    @given(params=s.form({"name": s.field("Mevrouw De Vries"), "school": s.field("Het Lyceum")}))
    def test_confirming_makes_at_most_one_account(self, params):
        session = self.client.session
        session[PENDING] = {"hashed": "b" * 64, "tenant": SCHOOL_TENANT}
        session.save()
        response = self.send("post", BASE + "nieuw/", params)

        no_server_error(response)
        assert response.status_code in {302, 400}
        made = response.status_code == 302
        assert SchoolIdentity.objects.count() == TeacherProfile.objects.count() == int(made)
