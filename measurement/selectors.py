"""Reads: a class's measurements and the report built from them, a student's own results, item statistics.

The class report reads four tables in four queries whatever the class size (measurements, students, sittings,
answers with each item's key and category) and computes everything else in Python with `scoring`.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from accounts.models import SchoolClass, StudentProfile
from cms.models import LessonPage, Scenario
from core.security_log import HiddenFromUser

from . import scoring
from .models import Measurement, Moment, ResearchSharing, Sitting, TestAnswer

MOMENT_ORDER = list(Moment.values)
# The changes a report shows: from the pre-test to the post-test, and from the post-test to the delayed test.
CHANGES = ((Moment.PRE, Moment.POST), (Moment.POST, Moment.DELAYED))


def measurements_for_class(*, school_class: SchoolClass) -> list[Measurement]:
    found = {m.moment: m for m in Measurement.objects.filter(school_class=school_class)}
    return [found[moment] for moment in MOMENT_ORDER if moment in found]


def measurement_get_for_student(*, user: AbstractBaseUser, public_id: str) -> Measurement:
    measurement = (
        Measurement.objects.filter(public_id=public_id, school_class__students__user=user)
        .select_related("school_class")
        .first()
    )
    if measurement is None:
        raise HiddenFromUser("Deze meting bestaat niet, of hij is voor een andere klas.")
    return measurement


def sitting_get(*, code: str) -> Sitting:
    sitting = Sitting.objects.select_related("measurement").filter(code=code).first()
    if sitting is None:
        raise HiddenFromUser("Deze toets bestaat niet.")
    return sitting


def answers_by_item(*, sitting: Sitting) -> dict[int, TestAnswer]:
    return {a.scenario_id: a for a in TestAnswer.objects.filter(sitting=sitting)}


def _responses(rows) -> list[scoring.Response]:
    return [scoring.Response(truth, chosen, sure) for truth, chosen, sure in rows]


def sitting_scores(*, sitting: Sitting) -> scoring.Scores:
    rows = TestAnswer.objects.filter(sitting=sitting).values_list("scenario__category", "chosen_category", "sureness")
    return scoring.score(_responses(rows))


# ---------------------------------------------------------------------------------------------------- the report


@dataclass
class MissedItem:
    key: str
    text: str
    truth: str
    missed: int
    answered: int

    @property
    def percent(self) -> int:
        return round(100 * self.missed / self.answered) if self.answered else 0


@dataclass
class MomentReport:
    measurement: Measurement
    finished: int = 0
    incomplete: int = 0
    not_started: int = 0
    d_prime: scoring.Interval | None = None
    c: scoring.Interval | None = None
    auc: float | None = None
    which_danger: float | None = None
    confusion: dict = field(default_factory=dict)
    missed: list[MissedItem] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.measurement.get_moment_display()


@dataclass
class Arrow:
    student: StudentProfile
    before: scoring.Scores
    after: scoring.Scores

    @property
    def d_change(self) -> float:
        return self.after.d_prime - self.before.d_prime


@dataclass
class ChangeReport:
    before: MomentReport
    after: MomentReport
    arrows: list[Arrow]
    d_change: scoring.Interval
    c_change: scoring.Interval
    rose: int
    warning: bool

    @property
    def rose_percent(self) -> int | None:
        return round(100 * self.rose / len(self.arrows)) if self.arrows else None


@dataclass
class ClassReport:
    school_class: SchoolClass
    students: list[StudentProfile]
    moments: list[MomentReport]
    changes: list[ChangeReport]
    per_student: dict[int, dict[str, scoring.Scores]]  # StudentProfile.pk → moment → scores (finished only)


def _answer_rows(sitting_ids: list[int]) -> dict[int, list[tuple]]:
    rows = defaultdict(list)
    answers = TestAnswer.objects.filter(sitting_id__in=sitting_ids).values_list(
        "sitting_id", "scenario__key", "scenario__text", "scenario__category", "chosen_category", "sureness"
    )
    for sitting_id, *rest in answers:
        rows[sitting_id].append(tuple(rest))
    return rows


def _most_missed(rows: list[tuple], limit: int = 5) -> list[MissedItem]:
    items: dict[str, MissedItem] = {}
    for key, text, truth, chosen, _sure in rows:
        item = items.setdefault(key, MissedItem(key, text, truth, 0, 0))
        item.answered += 1
        item.missed += (chosen in scoring.DANGER) != (truth in scoring.DANGER) or (
            truth in scoring.DANGER and chosen != truth
        )
    ranked = sorted((i for i in items.values() if i.missed), key=lambda i: (-i.missed / i.answered, i.key))
    return ranked[:limit]


def _moment_report(measurement, sittings, rows, student_count) -> tuple[MomentReport, dict[int, scoring.Scores]]:
    report = MomentReport(measurement=measurement)
    finished = [s for s in sittings if s.finished_at]
    report.finished, report.incomplete = len(finished), len(sittings) - len(finished)
    report.not_started = max(0, student_count - len(sittings))
    scores = {s.user_id: scoring.score(_responses(r[2:] for r in rows[s.pk])) for s in finished}
    report.d_prime = scoring.mean_interval(s.d_prime for s in scores.values())
    report.c = scoring.mean_interval(s.c for s in scores.values())
    aucs = [s.auc for s in scores.values() if s.auc is not None]
    report.auc = sum(aucs) / len(aucs) if aucs else None
    all_rows = [row for s in finished for row in rows[s.pk]]
    report.confusion = scoring.confusion(_responses(r[2:] for r in all_rows))
    report.missed = _most_missed(all_rows)
    return report, scores


def _change(before: MomentReport, after: MomentReport, scores, students) -> ChangeReport:
    a, b = scores[before.measurement.moment], scores[after.measurement.moment]
    arrows = [Arrow(s, a[s.user_id], b[s.user_id]) for s in students if s.user_id in a and s.user_id in b]
    d_change = scoring.mean_interval(x.d_change for x in arrows)
    c_change = scoring.mean_interval(x.after.c - x.before.c for x in arrows)
    warning = bool(arrows) and scoring.only_more_suspicious(
        d_before=0, d_after=d_change.mean, c_before=0, c_after=c_change.mean
    )
    return ChangeReport(before, after, arrows, d_change, c_change, sum(x.d_change > 0 for x in arrows), warning)


def class_report(*, school_class: SchoolClass) -> ClassReport:
    """Every moment of the class, and the change between moments, in four queries."""
    measurements = measurements_for_class(school_class=school_class)
    students = list(StudentProfile.objects.filter(school_class=school_class).order_by("pseudonym"))
    sittings = list(Sitting.objects.filter(measurement__in=measurements))
    rows = _answer_rows([s.pk for s in sittings if s.finished_at])
    moments, scores = [], {}
    for measurement in measurements:
        mine = [s for s in sittings if s.measurement_id == measurement.pk]
        report, scores[measurement.moment] = _moment_report(measurement, mine, rows, len(students))
        moments.append(report)
    by_moment = {m.measurement.moment: m for m in moments}
    changes = [
        _change(by_moment[x], by_moment[y], scores, students) for x, y in CHANGES if x in by_moment and y in by_moment
    ]
    per_student = defaultdict(dict)
    for student in students:
        for moment, found in scores.items():
            if student.user_id in found:
                per_student[student.pk][moment] = found[student.user_id]
    return ClassReport(school_class, students, moments, changes, dict(per_student))


# ---------------------------------------------------------------------------------------------------- a student


@dataclass
class OwnResult:
    moment: str
    label: str
    scores: scoring.Scores
    most_misjudged: str | None  # the category the learner most often got wrong, or None


def _most_misjudged(rows: list[tuple]) -> str | None:
    wrong = defaultdict(int)
    for truth, chosen, _sure in rows:
        if truth != chosen:
            wrong[truth] += 1
    return max(wrong, key=wrong.get) if wrong else None


def own_results(*, sittings: list[Sitting]) -> list[OwnResult]:
    """Finished sittings, oldest first, with their scores and the kind of post most often misjudged."""
    finished = sorted((s for s in sittings if s.finished_at), key=lambda s: s.started_at)
    rows = defaultdict(list)
    answers = TestAnswer.objects.filter(sitting__in=finished).values_list(
        "sitting_id", "scenario__category", "chosen_category", "sureness"
    )
    for sitting_id, *rest in answers:
        rows[sitting_id].append(tuple(rest))
    return [
        OwnResult(s.moment, Moment(s.moment).label, scoring.score(_responses(rows[s.pk])), _most_misjudged(rows[s.pk]))
        for s in finished
    ]


def student_sittings(*, user: AbstractBaseUser) -> list[Sitting]:
    return list(Sitting.objects.filter(user=user).select_related("measurement"))


def open_measurements_for_student(*, user: AbstractBaseUser, now: datetime | None = None) -> list[Measurement]:
    now = now or timezone.now()
    return list(
        Measurement.objects.filter(school_class__students__user=user, opens_at__lte=now, closes_at__gt=now).order_by(
            "opens_at"
        )
    )


# ---------------------------------------------------------------------------------------------------- item statistics


@dataclass
class ItemStatistic:
    scenario: Scenario
    answered: int
    p_value: float | None  # share correct (three categories)
    item_rest: float | None  # Pearson r of this item's 0/1 score with the rest of the form's score


def item_statistics() -> list[ItemStatistic]:
    """Per test item, over every finished sitting: how many got it right, and whether those who did scored higher
    on the rest of their form. A low or negative item-rest correlation marks an item to rewrite."""
    items = list(Scenario.objects.exclude(test_form="").order_by("test_form", "key"))
    by_sitting = defaultdict(dict)
    answers = TestAnswer.objects.filter(sitting__finished_at__isnull=False).values_list(
        "sitting_id", "scenario_id", "scenario__category", "chosen_category"
    )
    for sitting_id, scenario_id, truth, chosen in answers:
        by_sitting[sitting_id][scenario_id] = int(truth == chosen)
    stats = []
    for item in items:
        pairs = [(s[item.pk], sum(s.values()) - s[item.pk]) for s in by_sitting.values() if item.pk in s]
        xs, ys = [p[0] for p in pairs], [p[1] for p in pairs]
        p = sum(xs) / len(xs) if xs else None
        stats.append(ItemStatistic(item, len(xs), p, scoring.pearson(xs, ys)))
    return stats


def sittings_by_codes(*, codes: list[str]) -> list[Sitting]:
    """A visitor's own 'test jezelf' sittings: only anonymous ones, by the codes their session holds."""
    if not codes:
        return []
    return list(Sitting.objects.filter(code__in=codes, user__isnull=True).order_by("started_at"))


# The lessons on sharp but lawful opinions, which the report points to when a class only grew more suspicious.
WARNING_LESSON_SLUGS = ("vrijheid-van-meningsuiting", "over-de-burgemeester")


def warning_lessons() -> list[LessonPage]:
    return list(LessonPage.objects.live().public().filter(slug__in=WARNING_LESSON_SLUGS).order_by("path"))


# ---------------------------------------------------------------------------------------------------- research


def research_sharing(*, school_class: SchoolClass) -> ResearchSharing | None:
    """The teacher's choice for this class, or None when they never chose (then nothing is shared)."""
    return ResearchSharing.objects.filter(school_class=school_class).first()


def research_classes():
    """The classes whose teacher lets researchers use their answers: a lazy query, used as a subquery."""
    return SchoolClass.objects.filter(research_sharing__shared=True)
