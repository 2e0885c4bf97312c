"""Writes: scheduling a measurement, starting a sitting, recording an answer, finishing, purging, and a class's
choice to share its answers for research.

A teacher's schedule is checked: the delayed test opens 28 to 56 days after the post-test opens (ScheduleError, shown
on the form). Every write that a learner makes checks the clock inside its transaction: a measurement cannot be
started or answered before it opens or after it closes (TestClosed, which the view shows as a plain Dutch message).
Repeated and concurrent submissions are harmless: starting returns the existing sitting, and an answer is an upsert
on (sitting, item).
"""

import random
from datetime import datetime, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format

from accounts.models import SchoolClass, StudentProfile
from cms.choices import Category
from cms.models import Scenario

from .models import Form, Measurement, Moment, ResearchSharing, Sitting, Sureness, TestAnswer

# Half the class starts with A, half with B (alternating by place in the class); each then takes the other, and the
# delayed test is C for all.
FORM_ORDERS = (("A", "B", "C"), ("B", "A", "C"))


class TestClosed(Exception):
    """The measurement is not open now (too early or too late)."""


class TestError(ValueError):
    """Bad input from a learner: a message in plain Dutch for the page."""


DELAYED_MIN = timedelta(days=28)
DELAYED_MAX = timedelta(days=56)
DELAYED_RULE = "De uitgestelde meting begint 4 tot 8 weken (28 tot 56 dagen) na het begin van de nameting."


class ScheduleError(TestError):
    """A schedule the rules refuse; `field` is the form field the message belongs to."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def _check_delayed(*, post_opens: datetime | None, delayed_opens: datetime | None) -> None:
    """The delayed test opens 28 to 56 days (both included) after the post-test opens: the start of the post-test is
    the one date a teacher fixes in advance (its end may stretch), so "4–8 weeks later" is counted from there."""
    if delayed_opens is None:
        return
    if post_opens is None:
        raise ScheduleError("Plan eerst de nameting. " + DELAYED_RULE, field="moment")
    post, delayed = _wall_clock(post_opens), _wall_clock(delayed_opens)
    if not DELAYED_MIN <= delayed - post <= DELAYED_MAX:
        earliest, latest = (date_format(post + gap, "j F Y, H:i") for gap in (DELAYED_MIN, DELAYED_MAX))
        raise ScheduleError(
            f"{DELAYED_RULE} Kies voor de uitgestelde meting een begin tussen {earliest} en {latest}.",
            field="opens_at",
        )


def _wall_clock(moment: datetime) -> datetime:
    """The local date and time a teacher sees: days are counted on the calendar, so 9:00 four weeks later is 28 days
    later even when summer time started in between."""
    return timezone.localtime(moment).replace(tzinfo=None)


def measurement_schedule(
    *, school_class: SchoolClass, moment: str, opens_at: datetime, closes_at: datetime
) -> Measurement:
    """Create or move this class's measurement for the moment (one per moment, by the database).

    The delayed test must open 4 to 8 weeks after the post-test opens: checked when either of them is planned or
    moved, under a lock on the class's measurements so two tabs cannot together break it. A refusal stores nothing.
    """
    if closes_at <= opens_at:
        raise ScheduleError("De sluittijd moet na de starttijd liggen.", field="closes_at")
    with transaction.atomic():
        planned = {
            m.moment: m.opens_at
            for m in Measurement.objects.select_for_update().filter(
                school_class=school_class, moment__in=[Moment.POST, Moment.DELAYED]
            )
        }
        planned[moment] = opens_at
        if moment in (Moment.POST, Moment.DELAYED):
            try:
                _check_delayed(post_opens=planned.get(Moment.POST), delayed_opens=planned.get(Moment.DELAYED))
            except ScheduleError as error:
                if moment == Moment.POST:  # moving the post-test would leave the delayed test outside its window
                    raise ScheduleError(
                        f"Zo past de uitgestelde meting niet meer. {DELAYED_RULE} Verzet eerst de uitgestelde meting.",
                        field="opens_at",
                    ) from error
                raise
        measurement, _ = Measurement.objects.update_or_create(
            school_class=school_class, moment=moment, defaults={"opens_at": opens_at, "closes_at": closes_at}
        )
    return measurement


def _require_open(measurement: Measurement, now: datetime) -> None:
    if not measurement.opens_at <= now < measurement.closes_at:
        raise TestClosed


def class_rank(*, student: StudentProfile, school_class_id: int) -> int:
    """The student's place (0, 1, 2, ...) among the class's students by id, in one query. A student who joins later
    gets a higher id, so the places of those already in the class do not change."""
    return StudentProfile.objects.filter(school_class_id=school_class_id, pk__lt=student.pk).count()


def form_for(*, rank: int, taken: set[str]) -> str:
    """The first form in this student's order that they have not taken. Even places start with A, odd places with
    B, so a class splits into halves (±1) whatever its ids. A form once given is stored with its sitting and never
    recomputed; after a first A or B the next form follows from `taken` alone (the other of A and B, then C)."""
    order = FORM_ORDERS[rank % 2]
    for form in order:
        if form not in taken:
            return form
    raise TestError("Je hebt alle toetsvormen al gemaakt.")


def sitting_start(*, measurement: Measurement, student: StudentProfile, now: datetime | None = None) -> Sitting:
    """The student's sitting at this measurement: the existing one, or a new one with a form they never had."""
    now = now or timezone.now()
    _require_open(measurement, now)
    existing = Sitting.objects.filter(measurement=measurement, user=student.user_id).first()
    if existing:
        return existing
    taken = set(Sitting.objects.filter(user=student.user_id).values_list("form", flat=True))
    rank = class_rank(student=student, school_class_id=measurement.school_class_id)
    try:
        with transaction.atomic():
            return Sitting.objects.create(
                measurement=measurement,
                user_id=student.user_id,
                moment=measurement.moment,
                form=form_for(rank=rank, taken=taken),
            )
    except IntegrityError:  # a double click started it a moment ago
        return Sitting.objects.get(measurement=measurement, user=student.user_id)


def anonymous_sitting_start(*, before: Sitting | None) -> Sitting:
    """'Test jezelf': a random form first; afterwards a form the visitor has not had."""
    if before is None:
        return Sitting.objects.create(moment=Moment.PRE, form=random.choice(["A", "B"]))
    if hasattr(before, "after"):
        return before.after
    other = next(form for form in Form.values if form != before.form)
    return Sitting.objects.create(moment=Moment.POST, form=other, before=before)


def sitting_items(*, sitting: Sitting) -> list[int]:
    """The form's item ids in this sitting's own order (a fixed shuffle from its code), so neighbours differ."""
    ids = sorted(Scenario.objects.filter(test_form=sitting.form, live=True).values_list("pk", flat=True))
    random.Random(sitting.code).shuffle(ids)
    return ids


def answer_record(
    *,
    sitting: Sitting,
    scenario_id: int,
    category: str,
    sureness: str,
    seconds: int | None,
    now: datetime | None = None,
) -> TestAnswer:
    """Save or change one answer; refused once the sitting is finished or its measurement is closed."""
    now = now or timezone.now()
    if category not in Category.values or sureness not in Sureness.values:
        raise TestError("Kies wat voor bericht het is en hoe zeker je bent.")
    with transaction.atomic():
        if sitting.measurement_id:
            _require_open(Measurement.objects.get(pk=sitting.measurement_id), now)
        if Sitting.objects.filter(pk=sitting.pk, finished_at__isnull=False).exists():
            raise TestError("Deze toets is al ingeleverd.")
        if scenario_id not in sitting_items(sitting=sitting):
            raise TestError("Deze vraag hoort niet bij jouw toets.")
        seconds = None if seconds is None else max(0, min(seconds, 3600))
        answer, _ = TestAnswer.objects.update_or_create(
            sitting=sitting,
            scenario_id=scenario_id,
            defaults={"chosen_category": category, "sureness": sureness, "seconds": seconds},
        )
    return answer


def sitting_finish(*, sitting: Sitting, now: datetime | None = None) -> bool:
    """Hand in: only when every item is answered (an unfinished test counts as not taken). True when finished."""
    now = now or timezone.now()
    with transaction.atomic():
        if sitting.measurement_id:
            _require_open(Measurement.objects.get(pk=sitting.measurement_id), now)
        if TestAnswer.objects.filter(sitting=sitting).count() < len(sitting_items(sitting=sitting)):
            return False
        Sitting.objects.filter(pk=sitting.pk, finished_at__isnull=True).update(finished_at=now)
    sitting.refresh_from_db(fields=["finished_at"])
    return True


def anonymous_sittings_purge(*, older_than: timedelta, now: datetime | None = None) -> int:
    """Delete 'test jezelf' sittings (and their answers) that began longer ago than the retention period."""
    cutoff = (now or timezone.now()) - older_than
    _, per_model = Sitting.objects.filter(user__isnull=True, started_at__lt=cutoff).delete()
    return per_model.get(Sitting._meta.label, 0)


def research_sharing_set(*, school_class: SchoolClass, shared: bool) -> ResearchSharing:
    """The teacher's choice for this class: may researchers use its answers without names (one row per class)."""
    sharing, _ = ResearchSharing.objects.update_or_create(school_class=school_class, defaults={"shared": shared})
    return sharing


def user_owns_sitting(*, user: AbstractBaseUser, sitting: Sitting) -> bool:
    return sitting.user_id is not None and sitting.user_id == user.pk
