"""Fuzz the printable statement signs (/stellingen/<set>/borden/): any key is a page or a Dutch 404, never a 500,
and what the address holds never reaches the page unescaped."""

from urllib.parse import quote

from hypothesis import example, given
from hypothesis import strategies as st

from tests.factories import StatementFactory

from . import strategies as s
from .base import FuzzTestCase, fuzzes, no_server_error


class StatementSignsFuzz(FuzzTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.statement = StatementFactory(text="Platforms moeten meer doen.", opposite="Gebruikers zelf.")

    @fuzzes("statement_signs")
    @given(key=st.one_of(st.just("__set__"), st.from_regex(r"[-\w]{1,80}", fullmatch=True)), params=s.query)
    @example(key="__set__", params={"x": "<script>"})
    def test_any_key(self, key, params):
        key = self.statement.statement_set.key if key == "__set__" else key
        response = self.send("get", f"/stellingen/{quote(key, safe='')}/borden/", params)

        body = no_server_error(response)
        assert response.status_code in {200, 404}
        if response.status_code == 200:
            assert body.count('class="sign"') == 1 and "Gebruikers zelf." in body
        assert "<script>" not in body.split("</head>", 1)[-1].replace('<script src="', "")
