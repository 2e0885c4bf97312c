"""Fuzz the public pages and what they read from the request: health check, reading-mode toggle, search, the
Wagtail pages (with the lesson filter `voor`) and Wagtail's document and password views wired in our URLs."""

from urllib.parse import quote, urlsplit

from hypothesis import example, given
from hypothesis import strategies as st

from cms.choices import Audience
from tests.factories import GlossaryTermFactory, make_lesson, make_site

from . import strategies as s
from .base import FuzzTestCase, assert_escaped, fuzzes, no_server_error, payloads_in


class PublicFuzz(FuzzTestCase):
    @classmethod
    def setUpTestData(cls):
        site = make_site()
        cls.lesson = make_lesson(site["index"], 1)
        GlossaryTermFactory(term="Opruiing", short="Oproepen tot iets strafbaars.")

    @fuzzes("healthz")
    @given(method=st.sampled_from(["get", "post"]), params=s.query)
    def test_healthz(self, method, params):
        response = self.send(method, "/healthz", params)

        no_server_error(response)
        assert response.status_code == (200 if method == "get" else 405)

    @fuzzes("reading_mode")
    @given(aan=s.field("1", "0"), terug=s.field("/", "/lessen/", "https://evil.example/", "//evil.example", "/\\evil"))
    def test_reading_mode_only_goes_back_to_this_site(self, aan, terug):
        response = self.send("get", "/leesstand/", {"aan": aan, "terug": terug})

        no_server_error(response)
        assert response.status_code == 302
        target = urlsplit(response["Location"])
        assert not target.scheme and not target.netloc and response["Location"].startswith("/")
        assert not response["Location"].startswith(("//", "/\\"))

    @fuzzes("search")
    @given(params=s.form({"q": s.field("opruiing", "Les"), "pagina": s.field("1", "2", "999")}), htmx=s.htmx)
    @example(params={"q": "<script>alert(1)</script>"}, htmx=True)
    @example(params={"q": '"><img src=x onerror=alert(1)>'}, htmx=False)
    @example(params={"q": "opruiing\x00"}, htmx=False)
    @example(params={"q": '"opruiing'}, htmx=True)
    def test_search(self, params, htmx):
        response = self.send("get", "/zoeken/", params, htmx=htmx)

        body = no_server_error(response)
        assert response.status_code == 200
        assert_escaped(body, payloads_in(params.values()))
        assert ("<html" in body) is not htmx

    @fuzzes("wagtail_serve")
    @given(
        path=st.lists(st.from_regex(r"[\w\-]{1,30}", fullmatch=True), max_size=4),
        params=s.form({"voor": s.field(*Audience.values)}),
    )
    def test_pages_and_the_lesson_filter(self, path, params):
        url = "/" + "".join(quote(part, safe="") + "/" for part in path)
        response = self.send("get", url, params)

        body = no_server_error(response)
        assert response.status_code in {200, 404}
        assert_escaped(body, payloads_in(params.values()))

    @given(params=s.form({"voor": s.field(*Audience.values)}))
    def test_lesson_filter_takes_only_known_audiences(self, params):
        response = self.send("get", "/lessen/", params)

        body = no_server_error(response)
        assert response.status_code == 200
        chosen = params.get("voor")
        if chosen not in Audience.values:  # anything else shows every lesson, as without a filter
            assert 'href="?" aria-current="true"' in body
        assert self.lesson.title in body or chosen in Audience.values

    @fuzzes("wagtaildocs_serve", "wagtaildocs_authenticate_with_password")
    @given(document_id=s.path_int, filename=s.path_text, restriction_id=s.path_int, body=s.form({"password": s.value}))
    def test_documents(self, document_id, filename, restriction_id, body):
        no_server_error(self.send("get", f"/documenten/{document_id}/{filename}"))
        response = self.send("post", f"/documenten/authenticate_with_password/{restriction_id}/", body)

        no_server_error(response)
        assert response.status_code == 404

    @fuzzes("wagtailcore_authenticate_with_password", "wagtailcore_login")
    @given(restriction_id=s.path_int, page_id=s.path_int, body=s.form({"password": s.value, "return_url": s.value}))
    def test_wagtail_page_password_and_login(self, restriction_id, page_id, body):
        response = self.send("post", f"/_util/authenticate_with_password/{restriction_id}/{page_id}/", body)
        no_server_error(response)
        assert response.status_code == 404

        no_server_error(self.send("get", "/_util/login/", body))
        no_server_error(self.send("post", "/_util/login/", body))
