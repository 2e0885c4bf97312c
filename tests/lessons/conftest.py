"""Shared data for the exercise tests: a set with one post of each kind, and a learner who has started it."""

from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse

from lessons.models import Attempt
from tests.factories import ExerciseSetFactory, OpinionFactory, ScenarioFactory, ThreatFactory


@pytest.fixture
def posts(db):
    """In set order: an opinion, a threat, a call to disorder."""
    return [OpinionFactory(), ThreatFactory(), ScenarioFactory()]


@pytest.fixture
def exercise_set(posts):
    return ExerciseSetFactory(slug="starter", title="Starter", scenarios=posts)


@dataclass
class Run:
    """An attempt started through the site by one browser (`client`), with the URLs to drive it."""

    client: Client
    attempt: Attempt

    def item_url(self, position: int) -> str:
        return reverse("lessons:item", args=[self.attempt.exercise_set.slug, self.attempt.code, position])

    def step_url(self, position: int, step: int) -> str:
        name = {1: "answer_soort", 2: "answer_ernst", 3: "answer_actie"}[step]
        return reverse(f"lessons:{name}", args=[self.attempt.exercise_set.slug, self.attempt.code, position])

    @property
    def summary_url(self) -> str:
        return reverse("lessons:summary", args=[self.attempt.exercise_set.slug, self.attempt.code])

    def post(self, position: int, step: int, data: dict, *, htmx: bool = False, client: Client | None = None):
        headers = {"HX-Request": "true"} if htmx else {}
        return (client or self.client).post(self.step_url(position, step), data, headers=headers)

    def answer(self, position: int, key: str, category: str, concreteness: int, reach: int, responses: list[str]):
        """All three steps of one post, as a learner without JavaScript would send them."""
        self.post(position, 1, {"bericht": key, "soort": category})
        self.post(position, 2, {"bericht": key, "concreetheid": concreteness, "bereik": reach})
        self.post(position, 3, {"bericht": key, "actie": responses})


def start_run(client: Client, exercise_set) -> Run:
    response = client.post(reverse("lessons:attempt_start", args=[exercise_set.slug]))
    assert response.status_code == 302
    code = response["Location"].split("/")[3]
    return Run(client=client, attempt=Attempt.objects.select_related("exercise_set").get(code=code))


@pytest.fixture
def run(client, exercise_set) -> Run:
    return start_run(client, exercise_set)
