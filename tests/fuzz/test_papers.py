"""Fuzz the privacy papers: read-only pages that take no input, so anything sent must give the page or a 405."""

from hypothesis import given
from hypothesis import strategies as st

from . import strategies as s
from .base import FuzzTestCase, fuzzes, no_server_error

PAGES = {"/privacy/bijsluiter/": "text/html", "/privacy/beveiliging/": "text/html"}
DOWNLOAD = "/privacy/beveiliging/download/"


class PapersFuzz(FuzzTestCase):
    @fuzzes("papers:bijsluiter", "papers:security")
    @given(path=st.sampled_from(sorted(PAGES)), method=st.sampled_from(["get", "post"]), params=s.query, htmx=s.htmx)
    def test_pages_ignore_what_they_are_sent(self, path, method, params, htmx):
        response = self.send(method, path, params, htmx=htmx)

        body = no_server_error(response)
        assert response.status_code == (200 if method == "get" else 405)
        if method == "get":
            assert "<h1>" in body

    @fuzzes("papers:security_download")
    @given(method=st.sampled_from(["get", "post"]), params=s.query)
    def test_download(self, method, params):
        response = self.send(method, DOWNLOAD, params)

        no_server_error(response)
        assert response.status_code == (200 if method == "get" else 405)
