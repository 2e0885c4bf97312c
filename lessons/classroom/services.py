"""Writes for the classroom: giving a class an assignment. (Classes and students themselves: accounts.services.)"""

from datetime import datetime

from django.utils import timezone

from accounts.models import SchoolClass
from cms.models import ExerciseSet, LessonPage

from ..models import Assignment


def assignment_create(
    *,
    school_class: SchoolClass,
    exercise_set: ExerciseSet,
    lesson: LessonPage | None,
    due_at: datetime | None,
    fresh_start: bool = False,
) -> Assignment:
    """`fresh_start`: a new attempt for everyone (earlier work at the set does not count); else they go on."""
    return Assignment.objects.create(
        school_class=school_class,
        exercise_set=exercise_set,
        lesson=lesson,
        due_at=due_at,
        attempts_from=timezone.now() if fresh_start else None,
    )
