"""Writes for the classroom: giving a class an assignment. (Classes and students themselves: accounts.services.)"""

from datetime import datetime

from accounts.models import SchoolClass
from cms.models import ExerciseSet, LessonPage

from ..models import Assignment


def assignment_create(
    *, school_class: SchoolClass, exercise_set: ExerciseSet, lesson: LessonPage | None, due_at: datetime | None
) -> Assignment:
    return Assignment.objects.create(school_class=school_class, exercise_set=exercise_set, lesson=lesson, due_at=due_at)
