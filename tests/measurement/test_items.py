"""Test items: the content's three parallel forms, and how they are kept out of practice (nobody practises the test)."""

import copy
from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.forms import modelform_factory
from django.urls import reverse

from cms.loader import ContentError, read_content, validate
from cms.models import ExerciseSetItem, Scenario
from tests.factories import ExerciseSetFactory, OpinionFactory


@pytest.fixture(scope="module")
def content():
    return read_content()


def test_three_matched_forms_of_twelve(content):
    items = [item for item in content["scenarios"] if item.get("test_form")]
    assert len(items) >= 36
    for form in "ABC":
        mine = [item for item in items if item["test_form"] == form]
        assert Counter(item["category"] for item in mine) == {"opinion": 4, "threat": 4, "disorder": 4}
        assert sum(item["difficulty"] >= 2 for item in mine if item["category"] == "opinion") >= 2
    profile = {form: sorted((i["category"], i["difficulty"], i["platform"]) for i in items if i["test_form"] == form)
               for form in "ABC"}  # fmt: skip
    assert profile["A"] == profile["B"] == profile["C"], "forms must match on category, difficulty and platform"


def test_no_exercise_set_lists_a_test_item(content):
    tested = {item["key"] for item in content["scenarios"] if item.get("test_form")}
    for exercise_set in content["exercise_sets"]:
        assert not tested & set(exercise_set["scenarios"]), exercise_set["key"]


def test_the_loader_refuses_a_set_with_a_test_item(content):
    broken = copy.deepcopy(content)
    test_key = next(item["key"] for item in broken["scenarios"] if item.get("test_form"))
    broken["exercise_sets"][0]["scenarios"].append(test_key)
    with pytest.raises(ContentError, match="cannot be practised"):
        validate(broken)


def test_the_loader_refuses_an_unknown_form(content):
    broken = copy.deepcopy(content)
    next(item for item in broken["scenarios"] if item.get("test_form"))["test_form"] = "D"
    with pytest.raises(ContentError, match="test_form"):
        validate(broken)


def test_an_editor_cannot_put_a_test_item_in_a_set(db):
    test_item = OpinionFactory(test_form="A")
    item = ExerciseSetItem(exercise_set=ExerciseSetFactory(scenarios=[OpinionFactory()]), scenario=test_item)
    with pytest.raises(ValidationError, match="toetsvraag"):
        item.full_clean()
    # A form for the item does not offer it at all.
    form = modelform_factory(ExerciseSetItem, fields=["scenario"])()
    assert test_item not in form.fields["scenario"].queryset


def test_a_test_item_has_no_practice_page(client, db):
    practice, test_item = OpinionFactory(), OpinionFactory(test_form="B")
    assert client.get(reverse("lessons:scenario_practice", args=[practice.key])).status_code == 200
    assert client.get(reverse("lessons:scenario_practice", args=[test_item.key])).status_code == 404


def test_the_database_refuses_an_unknown_form(db):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        OpinionFactory(test_form="Z")
    assert not Scenario.objects.filter(test_form="Z").exists()
