"""A test item cannot be put into a lesson: a lesson's post chooser refuses it with a Dutch message."""

import pytest
from wagtail.blocks import StructBlockValidationError

from cms.blocks import ScenarioBlock
from tests.factories import OpinionFactory

pytestmark = pytest.mark.django_db


def test_a_lesson_refuses_a_test_item_and_takes_a_practice_post():
    block = ScenarioBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"scenario": OpinionFactory(test_form="A").pk}))
    assert "toetsvraag" in str(error.value.block_errors["scenario"])
    practice = OpinionFactory()
    assert block.clean(block.to_python({"scenario": practice.pk}))["scenario"] == practice
