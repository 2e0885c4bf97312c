"""What learners do with the material in `cms`: attempts at an exercise set and the answers given in them.

An *Attempt* is one run through an `ExerciseSet`. It is found by a random public code (never its database id),
and it belongs either to a signed-in user (the `user` key) or, for anonymous learners, to the browser session that
started it (the session keeps a list of its attempt codes; no personal data is stored). Starting a set again
creates a new attempt and keeps the old one.

An *Answer* is one learner's work on one post (a `cms.Scenario`) inside an attempt, filled in three steps:
the category (step 1), the placement on concreteness × reach (step 2) and the chosen responses (step 3). The
database keeps it right: one answer per attempt and post, values in range, and no later step without the step
before it. A learner's progress and score are derived from these rows, never stored.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower

from cms.choices import Category

SCALE_MIN, SCALE_MAX = 1, 5


def new_attempt_code() -> str:
    """72 random bits, URL-safe: unguessable, so a code in a URL shows nothing to a stranger."""
    return secrets.token_urlsafe(9)


class Attempt(models.Model):
    # unique: its index serves selectors.attempt_get_for_learner, which finds the attempt behind a URL by code.
    code = models.SlugField("code", max_length=20, unique=True, default=new_attempt_code, editable=False)
    exercise_set = models.ForeignKey(
        "cms.ExerciseSet", verbose_name="oefenset", on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="gebruiker",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="exercise_attempts",
        help_text="Leeg voor wie zonder account oefent.",
    )
    created_at = models.DateTimeField("begonnen", auto_now_add=True)
    finished_at = models.DateTimeField("klaar", null=True, blank=True)

    class Meta:
        verbose_name = "poging"
        verbose_name_plural = "pogingen"
        indexes = [
            # Serves selectors.attempts_for_learner: a signed-in learner's latest attempts at one set.
            models.Index(fields=["user", "exercise_set", "-created_at"], name="lessons_attempt_user_set_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.code} · {self.exercise_set_id}"


class Answer(models.Model):
    attempt = models.ForeignKey(Attempt, verbose_name="poging", on_delete=models.CASCADE, related_name="answers")
    scenario = models.ForeignKey(
        "cms.Scenario", verbose_name="voorbeeldbericht", on_delete=models.CASCADE, related_name="+"
    )
    # Step 1: always set, since the row is created by it.
    chosen_category = models.CharField("gekozen soort", max_length=20, choices=Category.choices)
    is_correct = models.BooleanField("goed")
    # Step 2: both empty until the learner places the post.
    concreteness = models.PositiveSmallIntegerField("concreetheid", null=True, blank=True)
    reach = models.PositiveSmallIntegerField("bereik", null=True, blank=True)
    # Step 3: empty (SQL NULL) until answered; then a list of `cms.choices.Response` values, e.g.
    # ["dont_forward", "report_platform"], in the order of Response.
    responses = models.JSONField("gekozen acties", null=True, blank=True)
    created_at = models.DateTimeField("soort gekozen", auto_now_add=True)
    placed_at = models.DateTimeField("geplaatst", null=True, blank=True)
    responded_at = models.DateTimeField("actie gekozen", null=True, blank=True)

    class Meta:
        verbose_name = "antwoord"
        verbose_name_plural = "antwoorden"
        constraints = [
            # One answer per post and attempt, whatever a double click or a repeated POST sends. Its index
            # (attempt_id first) also serves selectors.answers_for_attempt: all answers of one attempt.
            models.UniqueConstraint(fields=["attempt", "scenario"], name="lessons_answer_unique_attempt_scenario"),
            models.CheckConstraint(
                condition=Q(chosen_category__in=Category.values), name="lessons_answer_category_valid"
            ),
            models.CheckConstraint(
                condition=Q(concreteness__isnull=True) | Q(concreteness__gte=SCALE_MIN, concreteness__lte=SCALE_MAX),
                name="lessons_answer_concreteness_1_5",
            ),
            models.CheckConstraint(
                condition=Q(reach__isnull=True) | Q(reach__gte=SCALE_MIN, reach__lte=SCALE_MAX),
                name="lessons_answer_reach_1_5",
            ),
            models.CheckConstraint(
                condition=Q(concreteness__isnull=True, reach__isnull=True)
                | Q(concreteness__isnull=False, reach__isnull=False),
                name="lessons_answer_placement_complete",
            ),
            models.CheckConstraint(
                condition=Q(responses__isnull=True) | Q(concreteness__isnull=False),
                name="lessons_answer_responses_after_placement",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.attempt_id} · {self.scenario_id}: {self.chosen_category}"

    @property
    def is_placed(self) -> bool:
        return self.concreteness is not None

    @property
    def has_responses(self) -> bool:
        return self.responses is not None


# ---------------------------------------------------------------------------------------------------- classes
#
# A *teacher* is a Django user with a TeacherProfile; a *student* is a Django user with a StudentProfile and no
# e-mail, name or other personal field: only a pseudonym inside one class. A *SchoolClass* belongs to one teacher;
# an *Assignment* gives the class an exercise set (directly or through a lesson) with an optional due date.
# Progress on an assignment is derived from the students' Attempt and Answer rows, never stored.

JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L
JOIN_CODE_LENGTH = 6


def new_public_id() -> str:
    """A random code for URLs, so a URL never shows a database id."""
    return secrets.token_urlsafe(8)


def new_join_code() -> str:
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


class TeacherRole(models.TextChoices):
    TEACHER = "docent", "Docent"
    HOST = "bibliotheek", "Bibliotheek of buurthuis"


class TeacherProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="teacher_profile", verbose_name="gebruiker"
    )
    name = models.CharField("naam", max_length=100)
    school = models.CharField("school of organisatie", max_length=150)
    role = models.CharField("rol", max_length=20, choices=TeacherRole.choices, default=TeacherRole.TEACHER)
    created_at = models.DateTimeField("aangemaakt", auto_now_add=True)

    class Meta:
        verbose_name = "docentprofiel"
        verbose_name_plural = "docentprofielen"
        constraints = [
            models.CheckConstraint(condition=Q(role__in=TeacherRole.values), name="lessons_teacherprofile_role_valid")
        ]

    def __str__(self) -> str:
        return self.name


class SchoolClass(models.Model):
    # unique: its index serves classes.school_class_get_for_user, which finds the class behind a URL.
    public_id = models.SlugField("code in adres", max_length=20, unique=True, default=new_public_id, editable=False)
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="school_classes", verbose_name="docent"
    )
    name = models.CharField("naam", max_length=80)
    join_code = models.CharField("klascode", max_length=12, default=new_join_code)
    joining_open = models.BooleanField("aanmelden met de code kan", default=True)
    created_at = models.DateTimeField("aangemaakt", auto_now_add=True)
    archived_at = models.DateTimeField("gearchiveerd", null=True, blank=True)

    class Meta:
        verbose_name = "klas"
        verbose_name_plural = "klassen"
        indexes = [
            # Serves classes.classes_for_teacher: one teacher's classes, newest first.
            models.Index(fields=["teacher", "-created_at"], name="lessons_class_teacher_idx"),
        ]
        constraints = [
            # A code opens one active class only; its partial unique index also serves the lookup of an active
            # class by code (joining and student login).
            models.UniqueConstraint(
                fields=["join_code"],
                condition=Q(archived_at__isnull=True),
                name="lessons_schoolclass_unique_active_join_code",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


class StudentProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="student_profile", verbose_name="gebruiker"
    )
    public_id = models.SlugField("code in adres", max_length=20, unique=True, default=new_public_id, editable=False)
    school_class = models.ForeignKey(
        SchoolClass, on_delete=models.CASCADE, related_name="students", verbose_name="klas"
    )
    pseudonym = models.CharField("naam in de klas", max_length=20)
    created_at = models.DateTimeField("aangemaakt", auto_now_add=True)

    class Meta:
        verbose_name = "leerling"
        verbose_name_plural = "leerlingen"
        constraints = [
            # One name per class, whatever its capitals; its index serves the student login (class + name).
            models.UniqueConstraint(
                "school_class", Lower("pseudonym"), name="lessons_studentprofile_unique_class_pseudonym"
            ),
        ]

    def __str__(self) -> str:
        return self.pseudonym


class Assignment(models.Model):
    public_id = models.SlugField("code in adres", max_length=20, unique=True, default=new_public_id, editable=False)
    school_class = models.ForeignKey(
        SchoolClass, on_delete=models.CASCADE, related_name="assignments", verbose_name="klas"
    )
    exercise_set = models.ForeignKey(
        "cms.ExerciseSet", on_delete=models.CASCADE, related_name="+", verbose_name="oefenset"
    )
    lesson = models.ForeignKey(
        "cms.LessonPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="les",
        help_text="Leeg als de docent alleen een oefenset opgaf.",
    )
    due_at = models.DateTimeField("inleveren voor", null=True, blank=True)
    created_at = models.DateTimeField("opgegeven", auto_now_add=True)

    class Meta:
        verbose_name = "opdracht"
        verbose_name_plural = "opdrachten"
        indexes = [
            # Serves classes.assignments_for_class: a class's assignments, newest first.
            models.Index(fields=["school_class", "-created_at"], name="lessons_assignment_class_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return self.lesson.title if self.lesson_id and self.lesson else self.exercise_set.title
