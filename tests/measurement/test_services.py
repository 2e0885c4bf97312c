"""Scheduling, starting, answering and handing in: the rules a test must keep, each tried the wrong way too."""

from datetime import datetime, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from measurement import services
from measurement.models import Measurement, Sitting, TestAnswer
from tests.factories import SchoolClassFactory, StudentFactory

from .conftest import open_measurement, sit

pytestmark = pytest.mark.django_db


@pytest.fixture
def school_class():
    return SchoolClassFactory()


def test_a_class_whose_ids_are_not_consecutive_still_splits_exactly_in_half(test_forms, school_class):
    """Students of two classes join in turns (and a few of the other class in a row), so this class's ids have
    gaps of 2 and 3: the parity of the id would put almost everyone on one form."""
    other = SchoolClassFactory()
    students = []
    for n in range(9):
        students.append(StudentFactory(school_class=school_class))
        for _ in range(1 + n % 3 // 2):
            StudentFactory(school_class=other)
    parities = [s.pk % 2 for s in students]
    assert abs(parities.count(0) - parities.count(1)) > 1  # the old rule (id parity) would split 6 to 3
    pre, post, later = (open_measurement(school_class, m) for m in ("voormeting", "nameting", "uitgesteld"))
    first = [services.sitting_start(measurement=pre, student=s).form for s in reversed(students)]
    assert sorted(first) == ["A"] * 5 + ["B"] * 4  # 9 students: halves ±1, whatever order they start in
    second = [services.sitting_start(measurement=post, student=s).form for s in reversed(students)]
    third = [services.sitting_start(measurement=later, student=s).form for s in reversed(students)]
    for forms in zip(first, second, third, strict=True):
        assert len(set(forms)) == 3
    assert sorted(second) == ["A"] * 4 + ["B"] * 5 and set(third) == {"C"}
    # The other class, started after this one, splits in half as well.
    other_pre = open_measurement(other)
    other_forms = [services.sitting_start(measurement=other_pre, student=s).form for s in other.students.all()]
    assert abs(other_forms.count("A") - other_forms.count("B")) <= 1


def test_the_form_order_is_kept_when_students_join_or_leave(test_forms, school_class):
    students = [StudentFactory(school_class=school_class) for _ in range(4)]
    pre = open_measurement(school_class)
    first = {s.pk: services.sitting_start(measurement=pre, student=s).form for s in students}
    ranks = [services.class_rank(student=s, school_class_id=school_class.pk) for s in students]
    assert ranks == [0, 1, 2, 3]
    # A student who joins later comes last: nobody else's place changes.
    newcomer = StudentFactory(school_class=school_class)
    assert [services.class_rank(student=s, school_class_id=school_class.pk) for s in students] == ranks
    assert services.class_rank(student=newcomer, school_class_id=school_class.pk) == 4
    # A student who leaves shifts the places after theirs, but a form once given is stored, and the next one
    # follows from what the student already took: still the other of A and B.
    students[0].user.delete()
    post = open_measurement(school_class, "nameting")
    for s in students[1:]:
        assert services.sitting_start(measurement=post, student=s).form == {"A": "B", "B": "A"}[first[s.pk]]
        assert Sitting.objects.get(measurement=pre, user=s.user).form == first[s.pk]
    # The newcomer missed the pre-test and starts on the form of their place now (3: odd, so B).
    assert services.sitting_start(measurement=post, student=newcomer).form == "B"


def test_half_the_class_starts_with_a_and_half_with_b_and_nobody_gets_a_form_twice(test_forms, school_class):
    students = [StudentFactory(school_class=school_class) for _ in range(6)]
    pre, post, later = (open_measurement(school_class, m) for m in ("voormeting", "nameting", "uitgesteld"))
    first = [services.sitting_start(measurement=pre, student=s).form for s in students]
    assert sorted(first) == ["A", "A", "A", "B", "B", "B"]
    second = [services.sitting_start(measurement=post, student=s).form for s in students]
    third = [services.sitting_start(measurement=later, student=s).form for s in students]
    for forms in zip(first, second, third, strict=True):
        assert len(set(forms)) == 3
    assert set(third) == {"C"}


def test_the_database_refuses_a_form_twice_for_one_student(test_forms, school_class):
    student = StudentFactory(school_class=school_class)
    pre, post = open_measurement(school_class, "voormeting"), open_measurement(school_class, "nameting")
    Sitting.objects.create(measurement=pre, user=student.user, moment="voormeting", form="A")
    with pytest.raises(IntegrityError), transaction.atomic():
        Sitting.objects.create(measurement=post, user=student.user, moment="nameting", form="A")


def test_the_database_refuses_a_second_sitting_at_one_measurement(test_forms, school_class):
    student = StudentFactory(school_class=school_class)
    pre = open_measurement(school_class)
    Sitting.objects.create(measurement=pre, user=student.user, moment="voormeting", form="A")
    with pytest.raises(IntegrityError), transaction.atomic():
        Sitting.objects.create(measurement=pre, user=student.user, moment="voormeting", form="B")


def test_the_database_refuses_a_second_answer_to_one_item(test_forms, school_class):
    sitting = services.sitting_start(
        measurement=open_measurement(school_class), student=StudentFactory(school_class=school_class)
    )
    item = test_forms[sitting.form][0]
    TestAnswer.objects.create(sitting=sitting, scenario=item, chosen_category="opinion", sureness="zeker")
    with pytest.raises(IntegrityError), transaction.atomic():
        TestAnswer.objects.create(sitting=sitting, scenario=item, chosen_category="threat", sureness="gok")


def test_the_database_refuses_a_measurement_that_closes_before_it_opens(school_class):
    now = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        Measurement.objects.create(school_class=school_class, moment="voormeting", opens_at=now, closes_at=now)
    with pytest.raises(services.TestError):
        services.measurement_schedule(school_class=school_class, moment="voormeting", opens_at=now, closes_at=now)


def _plan(school_class, moment, opens_at):
    return services.measurement_schedule(
        school_class=school_class, moment=moment, opens_at=opens_at, closes_at=opens_at + timedelta(days=7)
    )


POST_OPENS = timezone.make_aware(datetime(2026, 3, 2, 9, 0))


@pytest.mark.parametrize(
    "gap, allowed",
    [
        (timedelta(days=28), True),  # the lower bound itself (on the calendar: summer time starts in between)
        (timedelta(days=56), True),  # the upper bound itself
        (timedelta(days=42), True),
        (timedelta(days=28) - timedelta(minutes=1), False),  # too early
        (timedelta(days=14), False),
        (timedelta(days=56) + timedelta(minutes=1), False),  # too late
        (timedelta(days=-1), False),  # before the post-test
    ],
)
def test_the_delayed_test_opens_4_to_8_weeks_after_the_post_test(school_class, gap, allowed):
    post = _plan(school_class, "nameting", POST_OPENS)
    if allowed:
        assert _plan(school_class, "uitgesteld", POST_OPENS + gap).opens_at == POST_OPENS + gap
        return
    with pytest.raises(services.ScheduleError) as refused:
        _plan(school_class, "uitgesteld", POST_OPENS + gap)
    assert refused.value.field == "opens_at"
    assert "4 tot 8 weken" in str(refused.value) and "30 maart 2026, 09:00" in str(refused.value)
    assert list(Measurement.objects.all()) == [post]


def test_a_delayed_test_needs_a_post_test(school_class):
    _plan(school_class, "voormeting", POST_OPENS - timedelta(days=40))
    with pytest.raises(services.ScheduleError) as refused:
        _plan(school_class, "uitgesteld", POST_OPENS + timedelta(days=30))
    assert refused.value.field == "moment" and "Plan eerst de nameting." in str(refused.value)
    assert list(Measurement.objects.values_list("moment", flat=True)) == ["voormeting"]


def test_moving_the_post_test_may_not_push_the_delayed_test_out_of_its_window(school_class):
    _plan(school_class, "nameting", POST_OPENS)
    delayed = _plan(school_class, "uitgesteld", POST_OPENS + timedelta(days=35))
    with pytest.raises(services.ScheduleError) as refused:
        _plan(school_class, "nameting", POST_OPENS + timedelta(days=14))  # the delayed test is then 21 days later
    assert "Verzet eerst de uitgestelde meting" in str(refused.value)
    assert Measurement.objects.get(moment="nameting").opens_at == POST_OPENS  # nothing moved
    assert Measurement.objects.get(moment="uitgesteld") == delayed
    # A move that keeps it inside the window is fine, and so is moving the delayed test within its window.
    assert _plan(school_class, "nameting", POST_OPENS + timedelta(days=5)).opens_at == POST_OPENS + timedelta(days=5)
    assert _plan(school_class, "uitgesteld", POST_OPENS + timedelta(days=60)).moment == "uitgesteld"


def test_a_second_start_or_a_repeated_answer_changes_nothing(test_forms, school_class):
    student = StudentFactory(school_class=school_class)
    measurement = open_measurement(school_class)
    sitting = services.sitting_start(measurement=measurement, student=student)
    assert services.sitting_start(measurement=measurement, student=student) == sitting
    item = services.sitting_items(sitting=sitting)[0]
    for category in ("threat", "opinion"):
        services.answer_record(sitting=sitting, scenario_id=item, category=category, sureness="gok", seconds=3)
    assert TestAnswer.objects.get(sitting=sitting).chosen_category == "opinion"


def test_no_start_and_no_answer_before_it_opens_or_after_it_closes(test_forms, school_class):
    student = StudentFactory(school_class=school_class)
    now = timezone.now()
    early = open_measurement(school_class, opens_at=now + timedelta(hours=1), closes_at=now + timedelta(hours=2))
    with pytest.raises(services.TestClosed):
        services.sitting_start(measurement=early, student=student)
    assert not Sitting.objects.exists()
    # Started while open, answered after it closed.
    measurement = open_measurement(school_class, "nameting")
    sitting = services.sitting_start(measurement=measurement, student=student)
    item = services.sitting_items(sitting=sitting)[0]
    with pytest.raises(services.TestClosed):
        services.answer_record(
            sitting=sitting, scenario_id=item, category="threat", sureness="zeker", seconds=1,
            now=measurement.closes_at,
        )  # fmt: skip
    with pytest.raises(services.TestClosed):
        services.sitting_finish(sitting=sitting, now=measurement.closes_at + timedelta(seconds=1))
    assert not TestAnswer.objects.exists()


def test_an_item_of_another_form_or_a_practice_post_is_refused(test_forms, school_class):
    sitting = services.sitting_start(
        measurement=open_measurement(school_class), student=StudentFactory(school_class=school_class)
    )
    other = next(f for f in "ABC" if f != sitting.form)
    with pytest.raises(services.TestError):
        services.answer_record(
            sitting=sitting, scenario_id=test_forms[other][0].pk, category="threat", sureness="zeker", seconds=1
        )
    with pytest.raises(services.TestError):
        services.answer_record(
            sitting=sitting, scenario_id=test_forms[sitting.form][0].pk, category="spam", sureness="zeker", seconds=1
        )


def test_handing_in_with_gaps_is_refused_and_counts_as_not_taken(test_forms, school_class):
    student = StudentFactory(school_class=school_class)
    sitting = sit(open_measurement(school_class), student, finish=False)
    TestAnswer.objects.filter(sitting=sitting).first().delete()
    assert services.sitting_finish(sitting=sitting) is False
    sitting.refresh_from_db()
    assert sitting.finished_at is None


def test_after_handing_in_answers_cannot_change(test_forms, school_class):
    sitting = sit(open_measurement(school_class), StudentFactory(school_class=school_class))
    item = services.sitting_items(sitting=sitting)[0]
    with pytest.raises(services.TestError):
        services.answer_record(sitting=sitting, scenario_id=item, category="threat", sureness="gok", seconds=1)


def test_anonymous_sittings_are_purged_after_the_retention_period(test_forms):
    old = services.anonymous_sitting_start(before=None)
    after = services.anonymous_sitting_start(before=old)
    assert after.form != old.form and after.before == old
    Sitting.objects.filter(pk=old.pk).update(started_at=timezone.now() - timedelta(days=31))
    fresh = services.anonymous_sitting_start(before=None)
    assert services.anonymous_sittings_purge(older_than=timedelta(days=30)) == 2  # the old one and the one after it
    assert list(Sitting.objects.all()) == [fresh]


def test_the_daily_purge_command_uses_the_retention_setting(test_forms, settings):
    from io import StringIO

    from django.core.management import call_command

    settings.ANONYMOUS_ATTEMPT_RETENTION_DAYS = 10
    old, fresh = services.anonymous_sitting_start(before=None), services.anonymous_sitting_start(before=None)
    Sitting.objects.filter(pk=old.pk).update(started_at=timezone.now() - timedelta(days=11))
    out = StringIO()
    call_command("purge_anonymous_sittings", stdout=out)
    assert "Deleted 1" in out.getvalue()
    assert list(Sitting.objects.all()) == [fresh]
