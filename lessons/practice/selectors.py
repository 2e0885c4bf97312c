"""Reads: exercise sets, a learner's attempts, one post of an attempt, and the summary with its scores.

Every function here runs a fixed number of queries, however many posts a set has.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from cms.choices import Audience, Category
from cms.models import ExerciseSet, ExerciseSetItem, Scenario
from core.security_log import HiddenFromUser

from ..models import Answer, Attempt
from .feedback import HARMFUL, Choices
from .learner import Learner

# ---------------------------------------------------------------------------------------------------- sets


@dataclass(frozen=True)
class AudienceGroup:
    value: str
    label: str
    sets: list[ExerciseSet]


def exercise_sets_with_size():
    """Sets that have at least one post, each annotated with `item_count`."""
    # Only published posts count and show (issue 12 item 25): a post never published stays out of every class.
    return ExerciseSet.objects.annotate(item_count=Count("items", filter=Q(items__scenario__live=True))).filter(
        item_count__gt=0
    )


def exercise_sets_by_audience() -> list[AudienceGroup]:
    """All sets that can be started, grouped by audience in the order of `Audience`; one query."""
    sets = list(exercise_sets_with_size().order_by("title"))
    return [
        AudienceGroup(value=value, label=label, sets=[s for s in sets if s.audience == value])
        for value, label in Audience.choices
        if any(s.audience == value for s in sets)
    ]


def exercise_set_get(*, slug: str) -> ExerciseSet:
    """A set that can be started (it has posts), with `item_count`; 404 otherwise."""
    return get_object_or_404(exercise_sets_with_size(), slug=slug)


def next_exercise_set(*, exercise_set: ExerciseSet) -> ExerciseSet | None:
    """The set after this one in the list: the next for the same audience, else the first of the next audience."""
    audiences = list(Audience.values)
    ordered = sorted(
        exercise_sets_with_size().only("slug", "title", "audience"),
        key=lambda s: (audiences.index(s.audience) if s.audience in audiences else len(audiences), s.title, s.pk),
    )
    position = next((n for n, s in enumerate(ordered) if s.pk == exercise_set.pk), len(ordered))
    return ordered[position + 1] if position + 1 < len(ordered) else None


def scenario_get(*, key: str) -> Scenario:
    # A test item has no practice page: nobody practises the test.
    return get_object_or_404(Scenario.objects.select_related("image"), key=key, test_form="", live=True)


# ---------------------------------------------------------------------------------------------------- attempts


@dataclass(frozen=True)
class LearnerAttempts:
    open: Attempt | None  # annotated with `done`: posts with all three steps
    finished: Attempt | None


def attempts_for_learner(*, exercise_set: ExerciseSet, learner: Learner) -> LearnerAttempts:
    """This learner's latest unfinished and latest finished attempt at a set; at most one query."""
    attempts = Attempt.objects.filter(exercise_set=exercise_set)
    if learner.is_signed_in:
        attempts = attempts.filter(user_id=learner.user_id)
    elif learner.attempt_codes:
        attempts = attempts.filter(user__isnull=True, code__in=learner.attempt_codes)
    else:
        return LearnerAttempts(open=None, finished=None)
    latest = list(
        attempts.annotate(done=Count("answers", filter=Q(answers__responses__isnull=False))).order_by(
            "-created_at", "-pk"
        )[:20]
    )
    return LearnerAttempts(
        open=next((a for a in latest if a.finished_at is None), None),
        finished=next((a for a in latest if a.finished_at is not None), None),
    )


def attempt_get_for_learner(*, slug: str, code: str, learner: Learner) -> Attempt:
    """The attempt behind a URL, if this learner owns it; 404 for anyone else (a stranger learns nothing)."""
    attempt = Attempt.objects.select_related("exercise_set").filter(code=code, exercise_set__slug=slug).first()
    if attempt is None or not learner.owns(attempt):
        raise HiddenFromUser("Deze oefening bestaat niet, of hij is van iemand anders.")
    return attempt


def set_scenario_ids(*, exercise_set_id: int) -> list[int]:
    """The posts of a set in their order (only ids: one light query, whatever the set's length)."""
    return list(ExerciseSetItem.objects.of_set(exercise_set_id).values_list("scenario_id", flat=True))


@dataclass(frozen=True)
class AttemptItem:
    """One post of an attempt, at its position (1-based) in the set, with what the learner answered so far."""

    attempt: Attempt
    position: int
    total: int
    scenario: Scenario
    answer: Answer | None

    @property
    def choices(self) -> Choices:
        answer = self.answer
        if answer is None:
            return Choices()
        return Choices(
            category=answer.chosen_category,
            concreteness=answer.concreteness,
            reach=answer.reach,
            responses=tuple(answer.responses) if answer.responses is not None else None,
            partner_category=answer.partner_category or None,
        )

    @property
    def is_last(self) -> bool:
        return self.position == self.total


def attempt_item(*, attempt: Attempt, position: int) -> AttemptItem:
    """Three queries: the set's order, the post, the learner's answer. 404 for a position outside the set."""
    scenario_ids = set_scenario_ids(exercise_set_id=attempt.exercise_set_id)
    if not 1 <= position <= len(scenario_ids):
        raise Http404("Dit bericht zit niet in deze oefening.")
    scenario = Scenario.objects.select_related("image").get(pk=scenario_ids[position - 1])
    answer = Answer.objects.filter(attempt=attempt, scenario=scenario).first()
    return AttemptItem(attempt=attempt, position=position, total=len(scenario_ids), scenario=scenario, answer=answer)


def attempt_resume_position(*, attempt: Attempt) -> int | None:
    """The first post without all three steps (1-based), or None when every post is done."""
    scenario_ids = set_scenario_ids(exercise_set_id=attempt.exercise_set_id)
    done = set(Answer.objects.filter(attempt=attempt, responses__isnull=False).values_list("scenario_id", flat=True))
    return next((n for n, pk in enumerate(scenario_ids, start=1) if pk not in done), None)


# ---------------------------------------------------------------------------------------------------- summary


def percent(part: int, whole: int) -> int | None:
    """part/whole as a whole percentage, rounded half up; None when there is nothing to count."""
    if whole <= 0:
        return None
    return (200 * part + whole) // (2 * whole)


@dataclass(frozen=True)
class CategoryScore:
    value: str
    label: str
    right: int
    total: int


@dataclass(frozen=True)
class Discernment:
    """How well a learner tells harmless posts (opinions) from harmful ones (threats, calls to disorder).

    Both sides count. Prebunking games made players distrust *everything*; calling every post dangerous gets all
    harmful posts right and all harmless ones wrong, so it scores 50, not 100.
    """

    harmless_right: int
    harmless_total: int
    harmful_right: int
    harmful_total: int

    @property
    def harmless_percent(self) -> int | None:
        return percent(self.harmless_right, self.harmless_total)

    @property
    def harmful_percent(self) -> int | None:
        return percent(self.harmful_right, self.harmful_total)

    @property
    def score(self) -> int | None:
        """The mean of both sides' hit rates (balanced accuracy) as a whole percentage; None unless both occur."""
        if not self.harmless_total or not self.harmful_total:
            return None
        # (h/H + f/F) / 2 as a percentage, rounded half up, in whole numbers only.
        numerator = 100 * (self.harmless_right * self.harmful_total + self.harmful_right * self.harmless_total)
        denominator = 2 * self.harmless_total * self.harmful_total
        return (2 * numerator + denominator) // (2 * denominator)

    @property
    def tendency(self) -> str:
        """good | too_strict (sees danger in opinions) | too_mild (misses danger) | mixed | one_sided."""
        harmless, harmful = self.harmless_percent, self.harmful_percent
        if harmless is None or harmful is None:
            return "one_sided"
        if harmless >= 75 and harmful >= 75:
            return "good"
        if harmful - harmless >= 20:
            return "too_strict"
        if harmless - harmful >= 20:
            return "too_mild"
        return "mixed"


def discernment(pairs: Iterable[tuple[str, str]]) -> Discernment:
    """From (true category, chosen category) pairs. A harmful post counts as recognised when the learner called
    it harmful, even if they mixed up threat and call to disorder: that is the distinction measured here."""
    harmless_right = harmless_total = harmful_right = harmful_total = 0
    for true, chosen in pairs:
        if true in HARMFUL:
            harmful_total += 1
            harmful_right += chosen in HARMFUL
        else:
            harmless_total += 1
            harmless_right += chosen not in HARMFUL
    return Discernment(harmless_right, harmless_total, harmful_right, harmful_total)


@dataclass(frozen=True)
class ReviewItem:
    position: int
    scenario: Scenario
    chosen_label: str


@dataclass(frozen=True)
class Summary:
    attempt: Attempt
    total: int
    answered: int  # posts with step 1
    completed: int  # posts with all three steps
    categories: list[CategoryScore]
    discernment: Discernment
    placed_close: int  # posts placed within one step of the reference on both axes
    placed: int
    to_review: list[ReviewItem]
    resume_position: int | None
    # Context pairs (cms.Scenario.pair) of this set whose two posts both have an answer: (first, second) post ids
    # in set order. lessons.practice.pairs turns them into what the summary shows.
    answered_pair_ids: list[tuple[int, int]] = field(default_factory=list)

    @property
    def right(self) -> int:
        return sum(score.right for score in self.categories)


def attempt_summary(*, attempt: Attempt) -> Summary:
    """Scores over the posts now in the set; three queries."""
    items = list(
        ExerciseSetItem.objects.of_set(attempt.exercise_set_id)
        .select_related("scenario")
        .only(
            "sort_order",
            "scenario__key",
            "scenario__text",
            "scenario__category",
            "scenario__display_name",
            "scenario__concreteness",
            "scenario__reach",
            "scenario__pair",
        )
    )
    answers = {answer.scenario_id: answer for answer in Answer.objects.filter(attempt=attempt)}
    labels = dict(Category.choices)
    tallies = {value: [0, 0] for value in Category.values}
    pairs, to_review, resume = [], [], None
    placed = placed_close = completed = 0
    for position, item in enumerate(items, start=1):
        scenario, answer = item.scenario, answers.get(item.scenario_id)
        if answer is None or answer.responses is None:
            resume = resume or position
        if answer is None:
            continue
        completed += answer.responses is not None
        tallies[scenario.category][1] += 1
        tallies[scenario.category][0] += answer.is_correct
        pairs.append((scenario.category, answer.chosen_category))
        if not answer.is_correct:
            to_review.append(ReviewItem(position, scenario, labels.get(answer.chosen_category, "")))
        if answer.is_placed:
            placed += 1
            placed_close += (
                abs(answer.concreteness - scenario.concreteness) <= 1 and abs(answer.reach - scenario.reach) <= 1
            )
    return Summary(
        attempt=attempt,
        total=len(items),
        answered=len(pairs),
        completed=completed,
        categories=[
            CategoryScore(value, labels[value], right, total) for value, (right, total) in tallies.items() if total
        ],
        discernment=discernment(pairs),
        placed_close=placed_close,
        placed=placed,
        to_review=to_review,
        resume_position=resume,
        answered_pair_ids=_answered_pair_ids([item.scenario for item in items], answers),
    )


def _answered_pair_ids(posts: list[Scenario], answers: dict) -> list[tuple[int, int]]:
    """Each context pair with both posts in the set and answered, once, in the order of its first post."""
    in_set = {post.pk for post in posts}
    pairs, shown = [], set()
    for post in posts:
        partner = post.pair_id
        if partner not in in_set or post.pk in shown or partner in shown:
            continue
        if post.pk in answers and partner in answers:
            shown.update((post.pk, partner))
            pairs.append((post.pk, partner))
    return pairs
