"""Shared data for the test-of-discernment tests: three forms of 12 items built by factories, and helpers that make
a class sit a measurement with chosen answers."""

from collections import Counter
from datetime import timedelta

import pytest
from django.utils import timezone

from measurement import services
from measurement.models import Measurement, Sitting, TestAnswer
from tests.factories import OpinionFactory, ScenarioFactory, ThreatFactory

KINDS = [(OpinionFactory, "opinion")] * 4 + [(ThreatFactory, "threat")] * 4 + [(ScenarioFactory, "disorder")] * 4


@pytest.fixture
def test_forms(db) -> dict[str, list]:
    """Form → its 12 items (4 opinions, 4 threats, 4 calls), keys like fa-01."""
    forms = {}
    for form in "ABC":
        forms[form] = [
            factory(key=f"f{form.lower()}-{n:02d}", test_form=form) for n, (factory, _) in enumerate(KINDS, start=1)
        ]
    return forms


def open_measurement(school_class, moment="voormeting", **times) -> Measurement:
    """A measurement open now. A post-test opened 30 days ago by default, so a delayed test may open now (it must
    open 28 to 56 days after the post-test)."""
    now = timezone.now()
    opened = timedelta(days=30) if moment == "nameting" else timedelta(hours=1)
    return services.measurement_schedule(
        school_class=school_class,
        moment=moment,
        opens_at=times.get("opens_at", now - opened),
        closes_at=times.get("closes_at", now + timedelta(hours=1)),
    )


def sit(measurement, student, choose=lambda truth, n: truth, sureness="zeker", finish=True) -> Sitting:
    """The student takes the test; `choose(truth, n)` gives the answer to the n-th item (0–3) of that category."""
    from cms.models import Scenario

    sitting = services.sitting_start(measurement=measurement, student=student)
    seen = Counter()
    for pk in sorted(services.sitting_items(sitting=sitting)):
        truth = Scenario.objects.values_list("category", flat=True).get(pk=pk)
        answer = choose(truth, seen[truth])
        seen[truth] += 1
        services.answer_record(sitting=sitting, scenario_id=pk, category=answer, sureness=sureness, seconds=5)
    if finish:
        assert services.sitting_finish(sitting=sitting)
    return sitting


def bulk_sit(measurement, student, form, choose=lambda truth: truth, items=None, finished=True) -> Sitting:
    """The same, written in two queries (for the query-count and benchmark data)."""
    now = timezone.now()
    sitting = Sitting.objects.create(
        measurement=measurement, user_id=student.user_id, moment=measurement.moment, form=form,
        finished_at=now if finished else None,
    )  # fmt: skip
    TestAnswer.objects.bulk_create(
        TestAnswer(sitting=sitting, scenario=item, chosen_category=choose(item.category), sureness="zeker", seconds=4)
        for item in items
    )
    return sitting
