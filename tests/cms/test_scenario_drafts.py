"""Issue 12 item 25: example posts have drafts, revisions and publishing like pages, so a half-edited post never
reaches a class: a draft lives in a revision while learners keep the published post, and a post that was never
published stays out of every set."""

import pytest

from cms.models import ExerciseSetItem
from lessons.practice import selectors
from tests.factories import ExerciseSetFactory, ScenarioFactory, UserFactory


@pytest.mark.django_db
def test_a_draft_stays_in_its_revision_until_it_is_published():
    scenario = ScenarioFactory(text="Zoals de klas het kent.")
    assert scenario.live
    editor = UserFactory(username="redacteur", is_staff=True, is_superuser=True)

    scenario.text = "Half bewerkt, nog niet klaar"
    revision = scenario.save_revision(user=editor)
    scenario.refresh_from_db()
    assert scenario.text == "Zoals de klas het kent." and scenario.has_unpublished_changes
    assert selectors.scenario_get(key=scenario.key).text == "Zoals de klas het kent."

    revision.publish(user=editor)
    assert selectors.scenario_get(key=scenario.key).text == "Half bewerkt, nog niet klaar"


@pytest.mark.django_db
def test_a_post_never_published_is_in_no_set_and_has_no_page():
    exercise_set = ExerciseSetFactory()
    published = ScenarioFactory()
    draft = ScenarioFactory(live=False)
    for n, scenario in enumerate([published, draft]):
        ExerciseSetItem.objects.create(exercise_set=exercise_set, scenario=scenario, sort_order=n)

    assert selectors.set_scenario_ids(exercise_set_id=exercise_set.pk) == [published.pk]
    assert selectors.exercise_sets_with_size().get(pk=exercise_set.pk).item_count == 1
    assert exercise_set.ordered_scenarios() == [published]
    with pytest.raises(Exception, match="No Scenario matches"):
        selectors.scenario_get(key=draft.key)
