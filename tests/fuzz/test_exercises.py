"""Fuzz the exercises under /oefenen/: the three answer steps (as an anonymous learner and as a signed-in student,
with and without htmx), the embedded post's GET form, and every address with odd slugs, codes and positions."""

from hypothesis import given
from hypothesis import strategies as st

from cms.choices import Category, Response
from lessons.models import Answer, Attempt
from lessons.practice import services
from lessons.practice.forms import STEP_FORMS
from lessons.practice.views import WRONG_POST
from tests.factories import ExerciseSetFactory, OpinionFactory, ScenarioFactory, StudentFactory, ThreatFactory

from . import strategies as s
from .base import FuzzTestCase, answered, assert_escaped, fuzzes, no_server_error, payloads_in, refused

STEP_URLS = {1: "soort", 2: "ernst", 3: "actie"}
VALID = {
    1: {"soort": "opinion"},
    2: {"concreetheid": "2", "bereik": "3"},
    3: {"actie": ["ignore", "reply_calmly"]},
}
STEP_MESSAGES = (
    WRONG_POST,
    services.STEP_1_FIRST,
    services.STEP_2_FIRST,
    "Deze stap kennen we niet. Begin opnieuw bij stap 1.",
    *(
        message
        for form in STEP_FORMS.values()
        for f in form.base_fields.values()
        for message in f.error_messages.values()
    ),
)
scale = s.field("1", "2", "3", "4", "5")
responses = st.one_of(s.field(*Response.values), st.lists(st.sampled_from(Response.values), min_size=1, max_size=8))


def answer_state(attempt: Attempt) -> list[tuple]:
    return list(
        Answer.objects.filter(attempt=attempt)
        .order_by("pk")
        .values_list("scenario_id", "chosen_category", "concreteness", "reach", "responses")
    )


class ExerciseFuzz(FuzzTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.posts = [OpinionFactory(), ThreatFactory(), ScenarioFactory()]
        cls.exercise_set = ExerciseSetFactory(slug="starter", scenarios=cls.posts)
        cls.other_post = OpinionFactory()
        cls.student = StudentFactory().user

    def start(self, role: str) -> Attempt:
        if role == "student":
            self.client.force_login(self.student)
        response = self.client.post("/oefenen/starter/beginnen/")
        assert response.status_code == 302
        return Attempt.objects.get(code=response["Location"].split("/")[3])

    def step_url(self, attempt: Attempt, position: int, step: int) -> str:
        return f"/oefenen/starter/{attempt.code}/{position}/{STEP_URLS[step]}/"

    @fuzzes("lessons:answer_soort", "lessons:answer_ernst", "lessons:answer_actie")
    @given(
        role=st.sampled_from(["anonymous", "student"]),
        done=st.integers(0, 3),
        step=st.integers(1, 3),
        position=st.integers(1, 3),
        body=s.form(
            {
                "bericht": s.field("t-000", "bestaat-niet"),
                "soort": s.field(*Category.values),
                "concreetheid": scale,
                "bereik": scale,
                "actie": responses,
            }
        ),
        htmx=s.htmx,
        encoding=s.encodings,
    )
    def test_steps(self, role, done, step, position, body, htmx, encoding):
        attempt = self.start(role)
        post = self.posts[position - 1]
        for earlier in range(1, done + 1):  # the learner already did these steps of this post
            self.send("post", self.step_url(attempt, position, earlier), {"bericht": post.key, **VALID[earlier]})
        if body.get("bericht") == "t-000":
            body["bericht"] = post.key
        before = answer_state(attempt)

        response = self.send("post", self.step_url(attempt, position, step), body, htmx=htmx, encoding=encoding)

        html = no_server_error(response)
        assert_escaped(html, payloads_in(body.values()))
        if response.status_code == 400:
            refused(response, *STEP_MESSAGES)
            assert 'role="alert"' in html
            assert answer_state(attempt) == before  # a refused step stores and loses nothing
        else:
            assert response.status_code == (200 if htmx else 302)
            assert step <= done + 1  # a step out of order is never accepted
            after = answer_state(attempt)
            assert len(after) == 1 and (after == before or step == done + 1)
        if htmx:
            assert "<html" not in html

    @fuzzes(
        "lessons:set_list",
        "lessons:set_intro",
        "lessons:attempt_start",
        "lessons:attempt_resume",
        "lessons:item",
        "lessons:summary",
    )
    @given(
        role=st.sampled_from(["anonymous", "student"]),
        slug=st.one_of(st.just("starter"), s.slug),
        code=st.one_of(st.just("own"), s.slug),
        position=st.one_of(st.sampled_from(["1", "3", "4"]), s.path_int),
        step=st.sampled_from(["", "soort/", "ernst/", "actie/", "uitslag/"]),
        method=st.sampled_from(["get", "post"]),
        params=s.query,
        htmx=s.htmx,
    )
    def test_addresses(self, role, slug, code, position, step, method, params, htmx):
        attempt = self.start(role)
        code = attempt.code if code == "own" else code
        urls = ["/oefenen/", f"/oefenen/{slug}/", f"/oefenen/{slug}/beginnen/", f"/oefenen/{slug}/{code}/"]
        urls.append(
            f"/oefenen/{slug}/{code}/uitslag/" if step == "uitslag/" else f"/oefenen/{slug}/{code}/{position}/{step}"
        )

        for url in urls:
            response = self.send(method, url, params, htmx=htmx)
            if response.status_code == 400:  # a step posted without its answer
                html = refused(response, *STEP_MESSAGES)
            else:
                html = answered(response, 200, 302, 404, 405)
            assert_escaped(html, payloads_in(params.values()))

    @fuzzes("lessons:scenario_practice")
    @given(
        key=st.one_of(st.just("t-000"), s.slug),
        params=s.form(
            {
                "stap": s.field("", "1", "2", "3", "4"),
                "soort": s.field(*Category.values),
                "concreetheid": scale,
                "bereik": scale,
                "actie": responses,
                "opnieuw": s.field("1"),
            }
        ),
        htmx=s.htmx,
    )
    def test_embedded_post(self, key, params, htmx):
        key = self.posts[0].key if key == "t-000" else key

        response = self.send("get", f"/oefenen/bericht/{key}/", params, htmx=htmx)

        html = no_server_error(response)
        assert_escaped(html, payloads_in(params.values()))
        if response.status_code == 400:
            refused(response, *STEP_MESSAGES)
        else:
            assert response.status_code in {200, 404}
        if htmx and response.status_code != 404:
            assert "<html" not in html
