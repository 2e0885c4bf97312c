"""Writes: scheduling a measurement, starting a sitting, recording an answer, finishing, purging.

Every write that a learner makes checks the clock inside its transaction: a measurement cannot be started or
answered before it opens or after it closes (TestClosed, which the view shows as a plain Dutch message). Repeated
and concurrent submissions are harmless: starting returns the existing sitting, and an answer is an upsert on
(sitting, item).
"""

import random
from datetime import datetime, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import SchoolClass, StudentProfile
from cms.choices import Category
from cms.models import Scenario

from .models import Form, Measurement, Moment, Sitting, Sureness, TestAnswer

# Half the class starts with A, half with B; each then takes the other, and the delayed test is C for all.
FORM_ORDERS = (("A", "B", "C"), ("B", "A", "C"))


class TestClosed(Exception):
    """The measurement is not open now (too early or too late)."""


class TestError(ValueError):
    """Bad input from a learner: a message in plain Dutch for the page."""


def measurement_schedule(
    *, school_class: SchoolClass, moment: str, opens_at: datetime, closes_at: datetime
) -> Measurement:
    """Create or move this class's measurement for the moment (one per moment, by the database)."""
    if closes_at <= opens_at:
        raise TestError("De sluittijd moet na de starttijd liggen.")
    measurement, _ = Measurement.objects.update_or_create(
        school_class=school_class, moment=moment, defaults={"opens_at": opens_at, "closes_at": closes_at}
    )
    return measurement


def _require_open(measurement: Measurement, now: datetime) -> None:
    if not measurement.opens_at <= now < measurement.closes_at:
        raise TestClosed


def form_for(*, student: StudentProfile, taken: set[str]) -> str:
    """The first form in this student's order that they have not taken; the order alternates by join order."""
    order = FORM_ORDERS[student.pk % 2]
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
    try:
        with transaction.atomic():
            return Sitting.objects.create(
                measurement=measurement,
                user_id=student.user_id,
                moment=measurement.moment,
                form=form_for(student=student, taken=taken),
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


def user_owns_sitting(*, user: AbstractBaseUser, sitting: Sitting) -> bool:
    return sitting.user_id is not None and sitting.user_id == user.pk
