"""The database keeps answers right, whatever the code above it does."""

import pytest
from django.db import IntegrityError, transaction

from lessons.models import Answer, Attempt
from tests.factories import AnswerFactory, AttemptFactory, OpinionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def answer():
    return AnswerFactory(scenario=OpinionFactory())


@pytest.mark.parametrize(
    "values",
    [
        {"concreteness": 0, "reach": 3},
        {"concreteness": 6, "reach": 3},
        {"concreteness": 3, "reach": 0},
        {"concreteness": 3, "reach": 6},
        {"concreteness": 3, "reach": None},  # a placement is both axes or neither
        {"concreteness": None, "reach": 3},
        {"responses": ["ignore"]},  # step 3 without step 2
        {"chosen_category": "boos"},
    ],
)
def test_check_constraints_refuse_impossible_answers(answer, values):
    with pytest.raises(IntegrityError), transaction.atomic():
        Answer.objects.filter(pk=answer.pk).update(**values)


def test_check_constraints_allow_the_full_range(answer):
    for value in (1, 5):
        Answer.objects.filter(pk=answer.pk).update(concreteness=value, reach=value, responses=[])


def test_attempt_codes_are_random_and_unique():
    codes = {AttemptFactory().code for _ in range(20)}

    assert len(codes) == 20
    first = Attempt.objects.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        AttemptFactory(code=first.code)
