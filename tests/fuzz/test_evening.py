"""Fuzz the dialogue evening: the host's programme, review, paper cards, screen and reports under /live/avond/, and
the phones' programme, table card and poll under /doe-mee/<code>/. Nothing crashes, every text comes back escaped,
and a refusal stores nothing."""

from hypothesis import given
from hypothesis import strategies as st

from dialogue.evening import services
from dialogue.evening.models import BlockKind, Card, CardStatus, Evening, PollScale, Rating
from dialogue.models import Participant
from tests.factories import StatementFactory, StatementSetFactory, StudentFactory, TeacherFactory

from . import strategies as s
from .base import FuzzTestCase, answered, assert_escaped, fuzzes, no_server_error, payloads_in

host_roles = st.sampled_from(["host", "other host", "student", "anonymous"])
card_text = st.one_of(
    s.field("Maak duidelijk wat een dreiging is.", "x" * 700, "bel 0612345678"), st.sampled_from(s.SCRIPT_PAYLOADS)
)
CARD_FORM = {
    "actor": s.field("overheid", "bedrijven", "media", "burgers", "koning"),
    "problem": card_text,
    "direction": card_text,
    "explanation": card_text,
    "other_voice": card_text,
    "caveat": card_text,
}


class EveningFuzz(FuzzTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.statement_set = StatementSetFactory(title="Sociale media")
        for n in range(2):
            StatementFactory(statement_set=cls.statement_set, sort_order=n, text=f"Stelling {n}")
        cls.host = TeacherFactory(role="bibliotheek").user
        cls.other_host = TeacherFactory(role="bibliotheek").user
        cls.student = StudentFactory().user
        cls.evening = services.evening_start(
            host=cls.host, statement_set=cls.statement_set, title="Avond", national=True
        )
        cls.table = cls.evening.tables.order_by("number").first()
        cls.card = Card.objects.filter(evening=cls.evening, status=CardStatus.PUBLISHED).first()

    def sign_in(self, role: str) -> None:
        users = {"host": self.host, "other host": self.other_host, "student": self.student}
        if role in users:
            self.client.force_login(users[role])

    def open_block(self, kind: str) -> None:
        services.evening_move(evening=self.evening, block_id=self.evening.blocks.get(kind=kind).pk)

    def join(self) -> Participant:
        response = self.client.post(f"/doe-mee/{self.evening.session.code}/avond/meedoen/")
        assert response.status_code == 302, response.content.decode()[:300]
        return Participant.objects.get(token=self.client.cookies[f"doemee-{self.evening.session.code}"].value)

    @property
    def host_url(self) -> str:
        return f"/live/avond/{self.evening.public_id}/"

    # ------------------------------------------------------------------------------------------------ host

    @fuzzes("live:evening_home", "live:evening_start")
    @given(
        body=s.form(
            {
                "title": s.text,
                "place": s.text,
                "statement_set": s.field("SET", "0", "-1", "99999999999999999999"),
                "national": s.field("on", ""),
                "poll_scale": s.field("vijf", "schuif", "duim"),
            }
        ),
        role=host_roles,
    )
    def test_start(self, body, role):
        self.sign_in(role)
        if isinstance(body.get("statement_set"), str):
            body["statement_set"] = body["statement_set"].replace("SET", str(self.statement_set.pk))
        html = answered(self.send("post", "/live/avond/start/", body), 302, 400, 403)
        assert_escaped(html, payloads_in(body.values()))
        answered(self.client.get("/live/avond/"), 200, 302, 403)

    @fuzzes("live:evening_action")
    @given(
        step=st.one_of(
            st.sampled_from(
                ["volgende", "vorige", "naar", "uitslag-tonen", "tafel-erbij", "onderdeel-weg", "omhoog", "omlaag"]
                + ["schaal"]
            ),
            s.slug,
        ),
        body=s.form(
            {
                "onderdeel": s.field("OWN", "0", "-1", "1" * 30, "٣"),
                "plek": s.field("0", "3", "-1", "1" * 30),
                "schaal": s.field("vijf", "schuif", "duim"),
            }
        ),
        role=host_roles,
        joined=st.booleans(),
    )
    def test_buttons(self, step, body, role, joined):
        self.sign_in(role)
        if joined:
            Participant.objects.create(session=self.evening.session)
        if body.get("onderdeel") == "OWN":
            body["onderdeel"] = str(self.evening.blocks.order_by("sort_order")[2].pk)
        response = self.send("post", f"{self.host_url}stap/{step}/", body)
        html = answered(response, 302, 403, 404, 409)
        assert_escaped(html, payloads_in(body.values()))
        orders = list(self.evening.blocks.values_list("sort_order", flat=True))
        assert len(orders) == len(set(orders)) and self.evening.blocks.exists()

    @fuzzes("live:evening_block")
    @given(body=s.form({"kind": s.field(*BlockKind.values, "x"), "title": s.text, "body": s.text}), role=host_roles)
    def test_block_add(self, body, role):
        self.sign_in(role)
        before = self.evening.blocks.count()
        response = self.send("post", f"{self.host_url}onderdeel/", body)
        html = answered(response, 302, 400, 403, 404)
        assert_escaped(html, payloads_in(body.values()))
        assert self.evening.blocks.count() == before + (response.status_code == 302 and role == "host")

    @fuzzes("live:evening_block_edit")
    @given(
        body=s.form({"onderdeel": s.field("OWN", "0", "-1", "x"), "title": s.text, "body": s.text}),
        role=host_roles,
    )
    def test_block_edit(self, body, role):
        self.sign_in(role)
        if body.get("onderdeel") == "OWN":
            body["onderdeel"] = str(self.evening.current_block_id)
        before = list(self.evening.blocks.values_list("pk", "kind", "title", "body", "sort_order"))
        response = self.send("post", f"{self.host_url}onderdeel/wijzig/", body)
        html = answered(response, 302, 400, 403, 404)
        assert_escaped(html, payloads_in(body.values()))
        after = list(self.evening.blocks.values_list("pk", "kind", "title", "body", "sort_order"))
        changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
        assert len(changed) == (response.status_code == 302 and role == "host" and before != after)
        assert all(a[:2] == b[:2] and a[4] == b[4] for a, b in changed)  # only the title and text change

    @fuzzes("live:evening_card")
    @given(
        body=s.form(
            {
                "kaart": s.field("OWN", "0", "-1", "x"),
                "status": s.field(*CardStatus.values, "weg"),
                "samen-met": s.field("OWN", "0", "1" * 40),
            }
        ),
        role=host_roles,
    )
    def test_review(self, body, role):
        self.sign_in(role)
        for name in ("kaart", "samen-met"):
            if isinstance(body.get(name), str):
                body[name] = body[name].replace("OWN", str(self.card.pk))
        html = answered(self.send("post", f"{self.host_url}kaart/", body), 302, 400, 403, 404)
        assert_escaped(html, payloads_in(body.values()))

    @fuzzes("live:evening_paper")
    @given(body=s.form(CARD_FORM | {"tafel": s.field("1", "0", "x")}), role=host_roles)
    def test_paper_card(self, body, role):
        self.sign_in(role)
        before = Card.objects.count()
        response = self.send("post", f"{self.host_url}papier/", body)
        html = answered(response, 302, 400, 403, 404)
        assert_escaped(html, payloads_in(body.values()))
        assert Card.objects.count() == before + (response.status_code == 302 and role == "host")

    @fuzzes(
        "live:evening",
        "live:evening_projector",
        "live:evening_projector_poll",
        "live:evening_table_qr",
        "live:evening_qr",
        "live:evening_report",
        "live:evening_report_docx",
    )
    @given(
        page=st.sampled_from(
            [
                "",
                "scherm/",
                "scherm/stand/",
                "qr.svg",
                "tafel/TABLE/qr.svg",
                "tafel/ZZ%00/qr.svg",
                "verslag/",
                "verslag.docx",
            ]
        ),
        public_id=st.one_of(st.just("own"), s.slug),
        role=host_roles,
        method=st.sampled_from(["get", "post"]),
        params=s.form({"v": s.field("1", "x"), "sort": s.field("steun", "verdeeld", "x")}),
    )
    def test_host_pages(self, page, public_id, role, method, params):
        self.sign_in(role)
        public_id = self.evening.public_id if public_id == "own" else public_id
        page = page.replace("TABLE", self.table.code)
        html = answered(self.send(method, f"/live/avond/{public_id}/{page}", params), 200, 204, 302, 400, 403, 404, 405)
        assert_escaped(html, payloads_in(params.values()))

    @fuzzes("live:evening_merged")
    @given(
        params=s.form({"avond": st.one_of(s.field("OWN"), s.value), "titel": s.text, "als": s.field("docx")}),
        role=host_roles,
    )
    def test_merged(self, params, role):
        self.sign_in(role)
        if params.get("avond") == "OWN":
            params["avond"] = self.evening.public_id
        html = answered(self.send("get", "/live/avond/samen/", params), 200, 302, 400, 403)
        assert_escaped(html, payloads_in(params.values()))

    # ------------------------------------------------------------------------------------------------ phones

    @fuzzes("doemee:evening", "doemee:evening_join", "doemee:evening_poll")
    @given(
        code=st.one_of(st.sampled_from(["OWN", "own", "ABC%00EF"]), s.path_text),
        joined=st.booleans(),
        page=st.sampled_from(["", "meedoen/", "stand/"]),
        method=st.sampled_from(["get", "post"]),
        params=s.form({"v": s.field("1", "1-2"), "bewaard": s.field("1")}),
        kind=st.sampled_from(BlockKind.values),
    )
    def test_phone_pages(self, code, joined, page, method, params, kind):
        self.open_block(kind)
        if joined:
            self.join()
        code = code.replace("OWN", self.evening.session.code).replace("own", self.evening.session.code.lower())
        response = self.send(method, f"/doe-mee/{code}/avond/{page}", params)
        html = answered(response, 200, 204, 286, 302, 403, 404, 405, 410, 429)
        assert_escaped(html, payloads_in(params.values()))

    @fuzzes("doemee:evening_table")
    @given(
        body=s.form(CARD_FORM | {"meedoen": s.field("1")}),
        joined=st.booleans(),
        open_=st.booleans(),
        table=st.one_of(st.just("OWN"), s.path_text),
    )
    def test_table_card(self, body, joined, open_, table):
        if open_:
            self.open_block(BlockKind.CARDS)
        if joined:
            self.join()
        table = self.table.code if table == "OWN" else table
        before = Card.objects.count()
        response = self.send("post", f"/doe-mee/{self.evening.session.code}/tafel/{table}/", body)
        html = no_server_error(response)
        assert_escaped(html, payloads_in(body.values()))
        assert response.status_code in {200, 302, 400, 404, 409, 429}
        stored = Card.objects.count() - before
        assert stored in (0, 1) and (not stored or (open_ and joined and response.status_code == 302))

    @fuzzes("doemee:evening_rate")
    @given(
        body=st.one_of(
            s.form(
                {
                    "kaart-OWN": s.field("0", "1", "5", "6", "50", "100", "101", "-1", "x"),
                    "schaal": s.field("vijf", "schuif", "x"),
                    "over": s.field("OWN", "0", "x"),
                }
            ),
            s.query,
        ),
        open_=st.booleans(),
        slider=st.booleans(),
        encoding=s.encodings,
    )
    def test_rate(self, body, open_, slider, encoding):
        if open_:
            self.open_block(BlockKind.POLL)
        if slider:
            Evening.objects.filter(pk=self.evening.pk).update(poll_scale=PollScale.SLIDER)
        self.join()
        own = str(self.card.pk)
        body = {k.replace("OWN", own): v.replace("OWN", own) if isinstance(v, str) else v for k, v in body.items()}
        response = self.send("post", f"/doe-mee/{self.evening.session.code}/avond/steun/", body, encoding=encoding)
        html = answered(response, 200, 302, 400, 409)
        assert_escaped(html, payloads_in(body.values()))
        assert Rating.objects.count() <= 1
        assert not Rating.objects.exists() or (open_ and response.status_code == 302)
