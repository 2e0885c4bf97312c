"""Context pairs on the summary page of an attempt: "Wat is er anders?".

A context pair is two posts with (almost) the same words where one thing differs: the source, the moment, the
audience or the reach (cms.Scenario.pair). Once the learner has answered both posts of a pair in this set, the
summary shows them side by side with what differs and both explanations. The summary already knows which pairs
are answered (selectors.attempt_summary); this adds one query for their posts, and none when there are none.
"""

from dataclasses import dataclass

from cms.models import Scenario

from .selectors import Summary


@dataclass(frozen=True)
class AnsweredPair:
    first: Scenario  # the half that comes first in the set
    second: Scenario
    difference: str

    @property
    def posts(self) -> tuple[Scenario, Scenario]:
        return (self.first, self.second)


def answered_pairs(summary: Summary) -> list[AnsweredPair]:
    """The answered context pairs of the summary's attempt, in set order, with their posts in full."""
    if not summary.answered_pair_ids:
        return []
    ids = {pk for pair in summary.answered_pair_ids for pk in pair}
    posts = Scenario.objects.select_related("image").in_bulk(ids)
    pairs = []
    for first_id, second_id in summary.answered_pair_ids:
        first, second = posts[first_id], posts[second_id]
        difference = (first.pair_difference or second.pair_difference).strip()
        pairs.append(AnsweredPair(first=first, second=second, difference=difference))
    return pairs
