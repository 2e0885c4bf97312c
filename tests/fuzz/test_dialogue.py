"""Fuzz the live tool: the host's pages and buttons under /live/, the projector, and the participants' pages under
/doe-mee/ (join, place, comment, poll). A participant's comment comes back escaped on every screen."""

import re
import time
from urllib.parse import quote

import jwt
from django.test import override_settings
from hypothesis import example, given
from hypothesis import strategies as st

from dialogue import services
from dialogue.models import COMMENT_MAX_LENGTH, Comment, LiveSession, Participant, Position
from dialogue.participants import TOO_MANY_TRIES, UNKNOWN_CODE
from dialogue.views import ACTIONS
from tests.factories import StatementFactory, StatementSetFactory, StudentFactory, TeacherFactory

from . import strategies as s
from .base import (
    FuzzTestCase,
    answered,
    assert_escaped,
    assert_shown_literally,
    created_or_refused,
    fuzzes,
    last,
    no_server_error,
    payloads_in,
    refused,
)

DIALOGUE_ERROR = 'class="dialogue-error"'
comment_text = st.one_of(
    s.field("Omdat ik het eens ben.", "x" * (COMMENT_MAX_LENGTH + 1), " " * 10),
    st.sampled_from(s.SCRIPT_PAYLOADS),
)
GRIP_KEY = "fuzz-grip-key-0123456789-abcdefghijklmnop"
GRIP_SIGNATURES = {
    "valid": jwt.encode({"iss": "pushpin", "exp": int(time.time()) + 86400}, GRIP_KEY, algorithm="HS256"),
    "other key": jwt.encode({"iss": "pushpin", "exp": int(time.time()) + 86400}, "x" * 40, algorithm="HS256"),
    "expired": jwt.encode({"iss": "pushpin", "exp": int(time.time()) - 60}, GRIP_KEY, algorithm="HS256"),
    "alg none": jwt.encode({"iss": "pushpin", "exp": int(time.time()) + 86400}, None, algorithm="none"),
}
host_roles = st.sampled_from(["host", "other host", "student", "anonymous"])


class DialogueFuzz(FuzzTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.statement_set = StatementSetFactory(title="Sociale media")
        for n in range(3):
            StatementFactory(statement_set=cls.statement_set, sort_order=n, text=f"Stelling {n}")
        cls.empty_set = StatementSetFactory(title="Leeg")
        cls.host = TeacherFactory(role="bibliotheek").user
        cls.other_host = TeacherFactory(role="bibliotheek").user
        cls.student = StudentFactory().user
        cls.live = services.session_start(host=cls.host, statement_set=cls.statement_set)

    def sign_in(self, role: str) -> None:
        users = {"host": self.host, "other host": self.other_host, "student": self.student}
        if role in users:
            self.client.force_login(users[role])

    def join(self) -> Participant:
        response = self.client.post("/doe-mee/", {"code": self.live.code.lower()})
        assert response.status_code == 302, response.content.decode()[:500]
        return Participant.objects.get(token=self.client.cookies[f"doemee-{self.live.code}"].value)

    @property
    def host_url(self) -> str:
        return f"/live/{self.live.public_id}/"

    # ------------------------------------------------------------------------------------------------ host

    @fuzzes("live:host_home", "live:start")
    @given(body=s.form({"statement_set": s.field("SET", "EMPTY", "0", "-1", "99999999999999999999999")}))
    def test_start(self, body):
        self.sign_in("host")
        if isinstance(body.get("statement_set"), str):
            replaced = body["statement_set"].replace("EMPTY", str(self.empty_set.pk))
            body["statement_set"] = replaced.replace("SET", str(self.statement_set.pk))

        response = self.send("post", "/live/start/", body)

        created_or_refused(response, body, LiveSession, 1, DIALOGUE_ERROR)
        assert self.client.get("/live/").status_code == 200

    @fuzzes("live:action")
    @given(action=st.one_of(st.sampled_from(list(ACTIONS)), s.slug), role=host_roles, body=s.query)
    def test_buttons(self, action, role, body):
        self.sign_in(role)

        response = self.send("post", f"{self.host_url}stap/{action}/", body)

        no_server_error(response)
        if role == "host":
            assert response.status_code == (302 if action in ACTIONS else 404)
        else:
            assert response.status_code in {302, 403, 404}

    @fuzzes("live:moderate")
    @given(
        body=s.form({"reactie": s.field("OWN", "0", "-1", "٣", "1_0"), "besluit": s.field("tonen", "verbergen")}),
        role=host_roles,
    )
    def test_moderate(self, body, role):
        member = Participant.objects.create(session=self.live)
        comment = Comment.objects.create(session=self.live, participant=member, statement=self.live.current_statement)
        if body.get("reactie") == "OWN":
            body["reactie"] = str(comment.pk)
        self.sign_in(role)

        response = self.send("post", f"{self.host_url}reacties/", body)

        html = no_server_error(response)
        decision = last(body.get("besluit", ""))
        if response.status_code == 400:
            assert role == "host"
            refused(response, "Deze reactie bestaat niet.", "Kies of de reactie op het scherm komt of niet.")
        else:
            assert response.status_code in {302, 403, 404}
            assert role != "host" or decision in {"tonen", "verbergen"}  # only the two buttons are taken
        comment.refresh_from_db()
        assert comment.approved_at is None or (role == "host" and decision == "tonen")
        assert_escaped(html, payloads_in(body.values()))

    @fuzzes(
        "live:host",
        "live:host_poll",
        "live:projector",
        "live:projector_poll",
        "live:qr",
        "live:summary",
        "live:summary_csv",
    )
    @given(
        page=st.sampled_from(["", "stand/", "scherm/", "scherm/stand/", "qr.svg", "overzicht/", "overzicht.csv"]),
        public_id=st.one_of(st.just("own"), s.slug),
        role=host_roles,
        method=st.sampled_from(["get", "post"]),
        params=s.form({"v": s.field("1", "1-2", "-", "x-999")}),
        htmx=s.htmx,
    )
    def test_host_pages(self, page, public_id, role, method, params, htmx):
        self.sign_in(role)
        public_id = self.live.public_id if public_id == "own" else public_id

        response = self.send(method, f"/live/{public_id}/{page}", params, htmx=htmx)

        html = answered(response, 200, 204, 286, 302, 403, 404, 405)
        assert_escaped(html, payloads_in(params.values()))

    @given(
        screen=st.sampled_from(["phone", "projector", "host"]),
        board_time=st.one_of(st.sampled_from(["²", "١٢", "9" * 40, "-1", ""]), s.text),
        stage=s.text,
    )
    @example(screen="projector", board_time="²", stage="")
    def test_poll_tokens(self, screen, board_time, stage):
        """A poll's token holds the state number from the page; the rest of it is the client's to forge."""
        if screen == "phone":
            self.join()
            page_url = f"/doe-mee/{self.live.code}/"
        else:
            self.sign_in("host")
            page_url = f"{self.host_url}scherm/" if screen == "projector" else self.host_url
        page = no_server_error(self.client.get(page_url))
        poll_url = re.search(r'hx-get="([^"]+\?v=[^"]+)"', page).group(1).replace("&amp;", "&")
        state_number = re.search(r"v=(\d+)", poll_url).group(1)

        response = self.send("get", poll_url.split("?")[0], {"v": f"{state_number}-{board_time}", "fase": stage})

        no_server_error(response)
        assert response.status_code in {200, 204}

    # ------------------------------------------------------------------------------------------------ participants

    @fuzzes("doemee:join")
    @given(
        body=s.form({"code": s.field("OWN", "own", " O W N ", "ABCDEF", "ABC\x00EF", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")}),
        method=st.sampled_from(["get", "post"]),
    )
    def test_join(self, body, method):
        if isinstance(body.get("code"), str):
            body["code"] = body["code"].replace("OWN", self.live.code).replace("own", self.live.code.lower())

        response = self.send(method, "/doe-mee/", body)

        html = no_server_error(response)
        assert_escaped(html, payloads_in(body.values()))
        if method == "get":
            assert response.status_code == 200
        elif response.status_code == 302:
            assert Participant.objects.filter(session=self.live).count() == 1
        else:
            refused(response, DIALOGUE_ERROR, UNKNOWN_CODE, TOO_MANY_TRIES, status={400, 404, 429})
            assert not Participant.objects.exists()

    @fuzzes("doemee:participant", "doemee:participant_join", "doemee:participant_poll")
    @given(
        code=st.one_of(st.sampled_from(["OWN", "own", "ABC%00EF", "%C3%9F" * 3]), s.path_text),
        joined=st.booleans(),
        cookie=st.one_of(st.none(), s.header_text),
        page=st.sampled_from(["", "meedoen/", "stand/"]),
        method=st.sampled_from(["get", "post"]),
        params=s.form({"v": s.field("1", "1-2"), "fase": s.field("1-1")}),
        htmx=s.htmx,
    )
    @example(code="ABC%00EF", joined=False, cookie=None, page="", method="get", params={}, htmx=False)
    @example(code="OWN", joined=True, cookie="\x00", page="", method="get", params={}, htmx=False)
    def test_participant_pages(self, code, joined, cookie, page, method, params, htmx):
        if joined:
            self.join()
        if cookie is not None:
            self.client.cookies[f"doemee-{self.live.code}"] = cookie
        code = code.replace("OWN", self.live.code).replace("own", self.live.code.lower())

        response = self.send(method, f"/doe-mee/{code}/{page}", params, htmx=htmx)

        html = no_server_error(response)
        assert_escaped(html, payloads_in(params.values()))
        assert response.status_code in {200, 204, 286, 301, 302, 404, 405, 429}

    @fuzzes("doemee:participant_stream")
    @given(
        code=st.one_of(st.sampled_from(["OWN", "own"]), s.path_text),
        joined=st.booleans(),
        cookie=st.one_of(st.none(), s.header_text),
        signature=st.one_of(st.sampled_from(["valid", "other key", "expired", "alg none", None]), s.header_text),
        method=st.sampled_from(["get", "post"]),
    )
    @example(code="OWN", joined=True, cookie=None, signature="valid", method="get")
    @example(code="OWN", joined=True, cookie=None, signature="alg none", method="get")
    def test_participant_stream(self, code, joined, cookie, signature, method):
        """The event stream is held only for a joined phone of this session, through the proxy (a Grip-Sig signed with
        GRIP_URL's key); a forged, expired or garbled signature, another session's cookie or a bad code is a 404."""
        if joined:
            self.join()
        if cookie is not None:
            self.client.cookies[f"doemee-{self.live.code}"] = cookie
        code = code.replace("OWN", self.live.code).replace("own", self.live.code.lower())
        welcome = signature == "valid" and joined and cookie is None and method == "get" and code == self.live.code
        headers = {} if signature is None else {"Grip-Sig": GRIP_SIGNATURES.get(signature, signature)}

        with override_settings(GRIP_URL=f"http://127.0.0.1:5561?iss=pushpin&key={GRIP_KEY}"):
            response = getattr(self.client, method)(f"/doe-mee/{code}/stroom/", headers=headers)

        body = no_server_error(response)
        assert response.status_code in {200, 301, 404, 405}
        assert (response.status_code == 200) == welcome or code == self.live.code.lower()
        if response.status_code == 200:
            assert signature == "valid" and joined and cookie is None and method == "get"
            assert response["Grip-Hold"] == "stream" and body.startswith("event: stand\n")

    @fuzzes("doemee:position")
    @given(body=s.form({"plek": s.field("0", "10", "20", "21", "-1")}), htmx=s.htmx, joined=st.booleans())
    def test_position(self, body, htmx, joined):
        member = self.join() if joined else None

        response = self.send("post", f"/doe-mee/{self.live.code}/plek/", body, htmx=htmx)

        html = no_server_error(response)
        assert_escaped(html, payloads_in(body.values()))
        if response.status_code == 400:
            refused(response, "Kies een plek op de lijn.")
            assert not Position.objects.exists()
        elif member is None:
            assert response.status_code == 302 and not Position.objects.exists()
        else:
            assert response.status_code == (200 if htmx else 302)
            assert 0 <= Position.objects.get(participant=member).value <= 20

    @fuzzes("doemee:comment")
    @given(body=s.form({"tekst": comment_text}), htmx=s.htmx, encoding=s.encodings)
    @example(body={"tekst": "x" * (COMMENT_MAX_LENGTH + 1)}, htmx=False, encoding="multipart")
    def test_comment(self, body, htmx, encoding):
        member = self.join()

        response = self.send("post", f"/doe-mee/{self.live.code}/reactie/", body, htmx=htmx, encoding=encoding)

        html = no_server_error(response)
        assert_escaped(html, payloads_in(body.values()))
        if response.status_code == 302:
            comment = Comment.objects.get(participant=member)
            assert 1 <= len(comment.text) <= COMMENT_MAX_LENGTH
        else:
            refused(response, 'class="dialogue-error"', status={400, 429})
            assert not Comment.objects.exists()

    @given(text=st.sampled_from(s.SCRIPT_PAYLOADS))
    def test_a_comment_comes_back_escaped_on_every_screen(self, text):
        member = self.join()
        assert self.client.post(f"/doe-mee/{self.live.code}/reactie/", {"tekst": text}).status_code == 302
        comment = Comment.objects.get(participant=member)
        phone = no_server_error(self.client.get(f"/doe-mee/{self.live.code}/"))
        assert_shown_literally(phone, comment.text)

        self.sign_in("host")
        pages = [f"{self.host_url}", f"{self.host_url}stand/"]
        for url in pages:
            assert_shown_literally(no_server_error(self.client.get(url)), comment.text)
        self.client.post(f"{self.host_url}reacties/", {"reactie": comment.pk, "besluit": "tonen"})
        self.client.post(f"{self.host_url}stap/tonen/")
        for url in (f"{self.host_url}scherm/", f"{self.host_url}scherm/stand/", f"{self.host_url}overzicht/"):
            assert_shown_literally(no_server_error(self.client.get(url, headers={"HX-Request": "true"})), comment.text)
        assert quote(comment.text) not in no_server_error(self.client.get(f"{self.host_url}overzicht.csv"))
