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

from django.conf import settings
from django.db import models
from django.db.models import Q

from cms.choices import SCALE_MAX, SCALE_MIN, Category
from core.codes import url_code
from core.privacy import PersonalData, Retention, not_personal, personal


def new_attempt_code() -> str:
    """72 random bits, URL-safe: unguessable, so a code in a URL shows nothing to a stranger."""
    return url_code(9)


def new_public_id() -> str:
    """A random code for URLs, so a URL never shows a database id."""
    return url_code(8)


class Attempt(models.Model):
    # unique: its index serves practice.selectors.attempt_get_for_learner (the attempt behind a URL, by code).
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
    # "Samen oefenen": two people (a parent and a child, two neighbours) each choose at step 1; see Answer.
    together = models.BooleanField("samen geoefend", default=False)

    personal_data = PersonalData(
        about="leerling of oefenaar zonder account",
        fields={
            "code": not_personal("willekeurige code in het adres"),
            "exercise_set": not_personal("welke oefenset (lesstof, geen gegeven over de persoon zelf)"),
            "user": personal("Van wie de poging is; leeg bij oefenen zonder account.", Retention.ANONYMOUS),
            "created_at": personal(
                "Wanneer de oefening begon: voor de voortgang en de bewaartermijn.", Retention.ANONYMOUS
            ),
            "finished_at": personal(
                "Wanneer de oefening klaar was: voor de voortgang in de klas.", Retention.ANONYMOUS
            ),
            "together": not_personal("of twee mensen samen oefenden (wie, staat nergens)"),
        },
    )

    class Meta:
        verbose_name = "poging"
        verbose_name_plural = "pogingen"
        indexes = [
            # Serves practice.selectors.attempts_for_learner: a signed-in learner's latest attempts at one set.
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
    # Step 1 of a "samen oefenen" attempt: the second person's choice. `chosen_category` and `is_correct` stay the
    # first person's, so scores and class statistics count one learner per answer, never two. Empty otherwise.
    partner_category = models.CharField(
        "soort gekozen door de tweede persoon", max_length=20, choices=Category.choices, blank=True, default=""
    )
    # Step 2: both empty until the learner places the post.
    concreteness = models.PositiveSmallIntegerField("concreetheid", null=True, blank=True)
    reach = models.PositiveSmallIntegerField("bereik", null=True, blank=True)
    # Step 3: empty (SQL NULL) until answered; then a list of `cms.choices.Response` values, e.g.
    # ["dont_forward", "report_platform"], in the order of Response.
    responses = models.JSONField("gekozen acties", null=True, blank=True)
    created_at = models.DateTimeField("soort gekozen", auto_now_add=True)
    placed_at = models.DateTimeField("geplaatst", null=True, blank=True)
    responded_at = models.DateTimeField("actie gekozen", null=True, blank=True)

    personal_data = PersonalData(
        about="leerling of oefenaar zonder account",
        fields={
            "attempt": not_personal("koppeling aan de poging hierboven"),
            "scenario": not_personal("welk voorbeeldbericht (lesstof)"),
            "chosen_category": personal(
                "Het gekozen antwoord: voor de uitleg en voor het overzicht van de docent.", Retention.ANONYMOUS
            ),
            "is_correct": personal("Of het antwoord goed was: voor de score.", Retention.ANONYMOUS),
            "partner_category": personal(
                "Bij samen oefenen: wat de tweede persoon koos, om beide antwoorden naast elkaar te tonen.",
                Retention.ANONYMOUS,
            ),
            "concreteness": personal("Hoe concreet de leerling het bericht vond (stap 2).", Retention.ANONYMOUS),
            "reach": personal("Hoe groot de leerling het bereik vond (stap 2).", Retention.ANONYMOUS),
            "responses": personal("Welke acties de leerling koos (stap 3).", Retention.ANONYMOUS),
            "created_at": personal("Wanneer het antwoord werd gegeven.", Retention.ANONYMOUS),
            "placed_at": personal("Wanneer stap 2 klaar was.", Retention.ANONYMOUS),
            "responded_at": personal("Wanneer stap 3 klaar was.", Retention.ANONYMOUS),
        },
    )

    class Meta:
        verbose_name = "antwoord"
        verbose_name_plural = "antwoorden"
        constraints = [
            # One answer per post and attempt, whatever a double click or a repeated POST sends. Its index
            # (attempt_id first) also serves practice.selectors.attempt_summary: all answers of one attempt.
            models.UniqueConstraint(fields=["attempt", "scenario"], name="lessons_answer_unique_attempt_scenario"),
            models.CheckConstraint(
                condition=Q(chosen_category__in=Category.values), name="lessons_answer_category_valid"
            ),
            models.CheckConstraint(
                condition=Q(partner_category="") | Q(partner_category__in=Category.values),
                name="lessons_answer_partner_category_valid",
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


# ---------------------------------------------------------------------------------------------------- assignments
#
# An *Assignment* gives a class (accounts.SchoolClass) an exercise set, directly or through a lesson, with an
# optional due date. Progress on it is derived from the students' Attempt and Answer rows, never stored.


class Assignment(models.Model):
    public_id = models.SlugField("code in adres", max_length=20, unique=True, default=new_public_id, editable=False)
    school_class = models.ForeignKey(
        "accounts.SchoolClass", on_delete=models.CASCADE, related_name="assignments", verbose_name="klas"
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
    # "Nieuwe poging": only attempts begun from this moment count, so a set given again starts fresh instead of
    # showing last term's attempt as "klaar". Empty: "verder waar je was", any attempt at the set counts.
    attempts_from = models.DateTimeField(
        "telt pogingen vanaf",
        null=True,
        blank=True,
        help_text="Leeg: verder waar je was. Gevuld: een nieuwe poging; eerder werk aan de oefenset telt niet mee.",
    )

    personal_data = PersonalData(
        about="docent of gespreksleider",
        fields={
            "public_id": not_personal("willekeurige code in het adres"),
            "school_class": not_personal("koppeling aan de klas (zie klas)"),
            "exercise_set": not_personal("welke oefenset (lesstof)"),
            "lesson": not_personal("welke les (lesstof)"),
            "due_at": personal("Inleverdatum die de docent koos.", Retention.CLASS),
            "created_at": personal("Wanneer de docent de opdracht gaf.", Retention.CLASS),
            "attempts_from": personal(
                "Vanaf wanneer pogingen meetellen (nieuwe poging), gekozen door de docent.", Retention.CLASS
            ),
        },
    )

    class Meta:
        verbose_name = "opdracht"
        verbose_name_plural = "opdrachten"
        indexes = [
            # Serves classroom.selectors.assignments_for_class: a class's assignments, newest first.
            models.Index(fields=["school_class", "-created_at"], name="lessons_assignment_class_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return self.lesson.title if self.lesson_id and self.lesson else self.exercise_set.title
