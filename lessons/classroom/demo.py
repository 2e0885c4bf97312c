"""A demo teacher with one class of 25 students and realistic progress, for newcomers (`manage.py load_demo`).

The answers are made by a seeded random "student" who is right more often on opinions than on the harder
threat/disorder distinction, so the dashboard shows a believable confusion table.
"""

import random
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from accounts import services as people_services
from accounts.models import TeacherProfile, TeacherRole
from cms.choices import Category, Response
from cms.models import ExerciseSetItem

from ..models import Answer, Assignment, Attempt
from . import selectors, services

DEMO_EMAIL = "demo-docent@example.org"
DEMO_CLASS = "Demoklas 2B"
DEMO_NAMES = [
    *("Sam", "Noor", "Daan", "Lotte", "Milan", "Sara", "Mohamed", "Emma", "Finn", "Yara", "Bram", "Zoë", "Luca"),
    *("Fenna", "Ayoub", "Julia", "Thijs", "Lina", "Jesse", "Amira", "Ruben", "Isa", "Levi", "Nina", "Omar"),
]


@dataclass(frozen=True)
class Demo:
    email: str
    password: str
    class_code: str
    students: int


@transaction.atomic
def load_demo(*, seed: int = 4, rebuild: bool = False) -> Demo:
    """A fresh password for the demo teacher; the demo class is built once (or again with `rebuild`), since
    hashing 25 pass phrases takes seconds and `make run` calls this on every start."""
    rng = random.Random(seed)
    password = secrets.token_urlsafe(12)
    user_model = get_user_model()
    user, _ = user_model.objects.get_or_create(username=DEMO_EMAIL, defaults={"email": DEMO_EMAIL})
    user.set_password(password)
    user.save()
    TeacherProfile.objects.update_or_create(
        user=user, defaults={"name": "Demo Docent", "school": "Demoschool", "role": TeacherRole.TEACHER}
    )
    existing = user.school_classes.filter(name=DEMO_CLASS).first()
    if existing is not None and not rebuild:
        _move_due_dates(existing)
        return Demo(DEMO_EMAIL, password, existing.join_code, existing.students.count())
    for old in user.school_classes.all():
        people_services.school_class_delete(school_class=old)
    school_class = people_services.school_class_create(teacher=user, name=DEMO_CLASS)
    sets = list(selectors.assignable_sets()[:2])
    assignments = [
        services.assignment_create(school_class=school_class, exercise_set=exercise_set, lesson=None, due_at=due_at)
        for exercise_set, due_at in zip(sets, _due_dates(), strict=False)
    ]
    made, _ = people_services.students_create(school_class=school_class, pseudonyms=list(DEMO_NAMES))
    for assignment in assignments:
        items = list(ExerciseSetItem.objects.of_set(assignment.exercise_set_id).select_related("scenario"))
        for new in made:
            progress = rng.choice([0, 0.3, 0.6, 1, 1, 1])
            done = round(len(items) * progress)
            if not done:
                continue
            attempt = Attempt.objects.create(exercise_set=assignment.exercise_set, user=new.profile.user)
            skill = rng.uniform(0.5, 0.95)
            for item in items[:done]:
                Answer.objects.create(attempt=attempt, **_answer(rng, item.scenario, skill))
            if done == len(items):
                Attempt.objects.filter(pk=attempt.pk).update(finished_at=timezone.now())
    return Demo(DEMO_EMAIL, password, school_class.join_code, len(made))


def _due_dates() -> list:
    """Next week and the week after, counted from today: a student who joins the demo class never meets "te laat"."""
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    return [now + timedelta(days=7), now + timedelta(days=14)]


def _move_due_dates(school_class) -> None:
    """`make run` keeps the demo class between runs; its due dates move along, so they stay ahead of today."""
    assignments = Assignment.objects.filter(school_class=school_class).order_by("created_at", "pk")
    for assignment, due_at in zip(assignments, _due_dates() * len(assignments), strict=False):
        Assignment.objects.filter(pk=assignment.pk).update(due_at=due_at)


def _answer(rng: random.Random, scenario, skill: float) -> dict:
    right = rng.random() < (skill + 0.1 if scenario.category == Category.OPINION else skill)
    if right:
        chosen = scenario.category
    elif scenario.category == Category.OPINION:
        chosen = rng.choice([Category.THREAT, Category.DISORDER])
    else:  # harmful posts are mostly mixed up with each other, sometimes taken for an opinion
        other = Category.THREAT if scenario.category == Category.DISORDER else Category.DISORDER
        chosen = rng.choice([other, other, Category.OPINION])
    now = timezone.now()
    responses = sorted(
        set(scenario.responses[:2] if right else rng.sample(list(Response.values), 2)), key=Response.values.index
    )
    return {
        "scenario": scenario,
        "chosen_category": chosen,
        "is_correct": chosen == scenario.category,
        "concreteness": min(5, max(1, scenario.concreteness + rng.choice([-1, 0, 0, 1]))),
        "reach": min(5, max(1, scenario.reach + rng.choice([-1, 0, 0, 1]))),
        "responses": responses,
        "placed_at": now,
        "responded_at": now,
    }
