"""Context pairs on the summary page of an attempt: "Wat is er anders?".

A context pair is two posts with (almost) the same words where one thing differs: the source, the moment, the
audience or the reach (cms.Scenario.pair). Once the learner has answered both posts of a pair in this set, the
summary shows them side by side with what differs and both explanations. Two queries, however long the set.
"""

from dataclasses import dataclass

from cms.models import ExerciseSetItem, Scenario

from ..models import Answer, Attempt


@dataclass(frozen=True)
class AnsweredPair:
    first: Scenario  # the half that comes first in the set
    second: Scenario
    difference: str

    @property
    def posts(self) -> tuple[Scenario, Scenario]:
        return (self.first, self.second)


def answered_pairs(*, attempt: Attempt) -> list[AnsweredPair]:
    """The context pairs of the attempt's set whose two posts both have an answer (step 1), in set order."""
    posts = [
        item.scenario
        for item in ExerciseSetItem.objects.filter(exercise_set_id=attempt.exercise_set_id)
        .select_related("scenario", "scenario__image")
        .order_by("sort_order", "pk")
    ]
    answered = set(Answer.objects.filter(attempt=attempt).values_list("scenario_id", flat=True))
    by_id = {post.pk: post for post in posts}
    shown: set[int] = set()
    pairs = []
    for post in posts:
        partner = by_id.get(post.pair_id)
        if partner is None or post.pk in shown or partner.pk in shown:
            continue
        if post.pk not in answered or partner.pk not in answered:
            continue
        shown.update((post.pk, partner.pk))
        difference = (post.pair_difference or partner.pair_difference).strip()
        pairs.append(AnsweredPair(first=post, second=partner, difference=difference))
    return pairs
