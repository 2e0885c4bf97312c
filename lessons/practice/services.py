"""Writes: starting an attempt, storing the three steps of an answer, and forgetting anonymous attempts.

Each step is safe to repeat. Step 1 creates the answer row (the unique constraint on attempt × post decides a race);
steps 2 and 3 are conditional UPDATEs that only fill a still-empty step. A repeated or concurrent submission of a
step therefore changes nothing and the caller shows the answer as stored. A step out of order raises StepRefused
and stores nothing.
"""

from datetime import timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from cms.models import ExerciseSet, ExerciseSetItem, Scenario

from ..models import Answer, Attempt
from .attempt_cache import attempt_changed

STEP_1_FIRST = "Doe eerst stap 1: kies wat voor bericht dit is. Er is nog niets bewaard."
STEP_2_FIRST = "Doe eerst stap 2: kies hoe concreet het bericht is en hoeveel mensen het bereikt."


class StepRefused(Exception):
    """A step that may not be stored now; `message` tells the learner, in Dutch, what to do instead."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def attempt_start(*, exercise_set: ExerciseSet, user_id: int | None, together: bool = False) -> Attempt:
    """A new attempt; earlier attempts at the same set are kept. `together`: two people choose at step 1."""
    return Attempt.objects.create(exercise_set=exercise_set, user_id=user_id, together=together)


def attempts_purge_anonymous(*, older_than: timedelta) -> int:
    """Delete the attempts of learners without an account, with their answers, started longer ago than
    `older_than`; returns how many. Their browser session, the only way back to them, has expired by then."""
    old = Attempt.objects.filter(user__isnull=True, created_at__lt=timezone.now() - older_than)
    return old.delete()[1].get(Attempt._meta.label, 0)


def _changed(attempt: Attempt, stored: bool) -> None:
    """Cached responses of this attempt go stale: now, and again once the step is committed, so a page rendered
    in between from not-yet-committed data is never served."""
    if stored:
        attempt_changed(attempt.code)
        transaction.on_commit(lambda: attempt_changed(attempt.code))


def answer_category(
    *, attempt: Attempt, scenario: Scenario, category: str, partner_category: str | None = None
) -> tuple[Answer, bool]:
    """Store step 1. Returns the answer and whether this call stored it (False: it was already there).
    `partner_category`: the second person's choice when two practise together (stored only for such an attempt)."""
    answer, stored = Answer.objects.get_or_create(
        attempt=attempt,
        scenario=scenario,
        defaults={
            "chosen_category": category,
            "is_correct": category == scenario.category,
            "partner_category": (partner_category or "") if attempt.together else "",
        },
    )
    _changed(attempt, stored)
    return answer, stored


def answer_placement(*, attempt: Attempt, scenario: Scenario, concreteness: int, reach: int) -> tuple[Answer, bool]:
    """Store step 2, only if step 1 is done and step 2 is not."""
    stored = Answer.objects.filter(attempt=attempt, scenario=scenario, concreteness__isnull=True).update(
        concreteness=concreteness, reach=reach, placed_at=timezone.now()
    )
    _changed(attempt, bool(stored))
    answer = Answer.objects.filter(attempt=attempt, scenario=scenario).first()
    if answer is None:
        raise StepRefused(STEP_1_FIRST)
    return answer, bool(stored)


def answer_responses(*, attempt: Attempt, scenario: Scenario, responses: tuple[str, ...]) -> tuple[Answer, bool]:
    """Store step 3, only if step 2 is done and step 3 is not; finishes the attempt with its last post."""
    stored = Answer.objects.filter(
        attempt=attempt, scenario=scenario, concreteness__isnull=False, responses__isnull=True
    ).update(responses=list(responses), responded_at=timezone.now())
    _changed(attempt, bool(stored))
    answer = Answer.objects.filter(attempt=attempt, scenario=scenario).first()
    if answer is None:
        raise StepRefused(STEP_1_FIRST)
    if not answer.is_placed:
        raise StepRefused(STEP_2_FIRST)
    if attempt.finished_at is None:
        attempt_finish_if_complete(attempt=attempt)  # also on a repeat, in case the first request died here
    return answer, bool(stored)


def attempt_finish_if_complete(*, attempt: Attempt) -> bool:
    """Mark the attempt finished once every post in its set has all three steps; True if this call did so."""
    open_items = (
        ExerciseSetItem.objects.published()
        .filter(exercise_set_id=attempt.exercise_set_id)
        .exclude(
            Exists(Answer.objects.filter(attempt=attempt, scenario_id=OuterRef("scenario_id"), responses__isnull=False))
        )
    )
    if open_items.exists():
        return False
    return bool(Attempt.objects.filter(pk=attempt.pk, finished_at__isnull=True).update(finished_at=timezone.now()))
