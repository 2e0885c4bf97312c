"""Fuzz the Entree door: with it off every URL is a 404; with it on, whatever is posted to the assertion consumer
is refused with a 400 (never a 500) and nothing is stored, and the metadata and login redirect ignore their input."""

from hypothesis import example, given
from hypothesis import strategies as st

from accounts.sso import views as sso_views
from accounts.sso.models import SchoolIdentity, SeenAssertion
from tests.sso.idp import SITE, make_entree

from . import strategies as s
from .base import FuzzTestCase, fuzzes, no_server_error

URLS = {"sso:metadata": "/inloggen/school/metadata/", "sso:entree": "/inloggen/school/entree/"}


class EntreeOffFuzz(FuzzTestCase):
    @fuzzes("sso:metadata", "sso:entree", "sso:acs", "sso:teacher")
    @given(
        url=st.sampled_from([*URLS.values(), "/inloggen/school/acs/", "/inloggen/school/docent/"]),
        method=st.sampled_from(["get", "post"]),
        params=s.query,
    )
    def test_off_is_a_404(self, url, method, params):
        response = self.send(method, url, params)
        no_server_error(response)
        assert response.status_code in {404, 405}


class EntreeOnFuzz(FuzzTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.entree = make_entree()

    def setup_example(self):
        super().setup_example()
        self._settings = self.settings(
            SSO_ENTREE_METADATA=self.entree.metadata_file, SSO_SITE_URL=SITE, SSO_SUBJECT_SECRET="y" * 40
        )
        self._settings.enable()
        sso_views._config.cache_clear()

    def teardown_example(self, example):
        self._settings.disable()
        sso_views._config.cache_clear()
        super().teardown_example(example)

    @given(body=st.one_of(st.text(max_size=300), st.binary(max_size=300).map(lambda b: b.hex())), htmx=s.htmx)
    @example(body="PHNhbWxwOlJlc3BvbnNlLz4=", htmx=False)  # base64 of an empty <samlp:Response/>
    @example(body="", htmx=False)
    def test_acs_refuses_whatever_is_posted(self, body, htmx):
        self.client.get("/inloggen/school/entree/")
        response = self.send("post", "/inloggen/school/acs/", {"SAMLResponse": body}, htmx=htmx)

        no_server_error(response)
        assert response.status_code == 400
        assert not SeenAssertion.objects.exists() and not SchoolIdentity.objects.exists()

    @given(url=st.sampled_from(sorted(URLS.values())), params=s.query)
    def test_metadata_and_login_ignore_their_query(self, url, params):
        response = self.send("get", url, params)
        no_server_error(response)
        assert response.status_code in {200, 302}

    @given(
        method=st.sampled_from(["get", "post"]),
        params=s.form({"name": s.field("Mevrouw De Vries"), "school": s.field("Het Lyceum")}),
    )
    def test_teacher_page_without_a_pending_sign_in_sends_to_the_login(self, method, params):
        response = self.send(method, "/inloggen/school/docent/", params)
        no_server_error(response)
        assert response.status_code == 302 and response["Location"] == "/docent/inloggen/"
        assert not SchoolIdentity.objects.exists()
