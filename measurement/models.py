"""Measurements of discernment: when a class is tested, who took which form, and what they answered.

A *Measurement* is one moment (voormeting, nameting, uitgestelde meting) for one class, open between two times
the teacher chose. A *Sitting* is one learner taking one test form (A, B or C: `cms.Scenario.test_form`): a
student at a class's measurement, or someone without an account taking "test jezelf" (no user, no measurement;
the browser session holds only the sitting's random code, and `purge_anonymous_sittings` deletes it after
ANONYMOUS_ATTEMPT_RETENTION_DAYS). A *TestAnswer* is one classified item with its sureness and time taken. A
sitting counts only when finished; scores are derived from the answers, never stored.

The database keeps it right: one sitting per student and measurement, a form never twice to one student, one
answer per sitting and item (so one per student, item and measurement), values in range. Whether a measurement
is open is a matter of the clock, checked in `services` inside the writing transaction.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from cms.choices import Category
from core.codes import url_code
from core.privacy import PersonalData, Retention, not_personal, personal


def new_code() -> str:
    return url_code(9)


class Moment(models.TextChoices):
    PRE = "voormeting", "Voormeting"
    POST = "nameting", "Nameting"
    DELAYED = "uitgesteld", "Uitgestelde meting"


class Form(models.TextChoices):
    A = "A", "Vorm A"
    B = "B", "Vorm B"
    C = "C", "Vorm C"


class Sureness(models.TextChoices):
    SURE = "zeker", "Zeker"
    FAIRLY_SURE = "beetje", "Een beetje zeker"
    GUESS = "gok", "Ik gok"


class Measurement(models.Model):
    public_id = models.SlugField("code in adres", max_length=20, unique=True, default=new_code, editable=False)
    school_class = models.ForeignKey(
        "accounts.SchoolClass", on_delete=models.CASCADE, related_name="+", verbose_name="klas"
    )
    moment = models.CharField("moment", max_length=20, choices=Moment.choices)
    opens_at = models.DateTimeField("open vanaf")
    closes_at = models.DateTimeField("open tot")
    created_at = models.DateTimeField("gepland op", auto_now_add=True)

    personal_data = PersonalData(
        about="docent of gespreksleider",
        fields={
            "public_id": not_personal("willekeurige code in het adres"),
            "school_class": not_personal("koppeling aan de klas (zie klas)"),
            "moment": not_personal("voor of na de lessen (instelling van de docent)"),
            "opens_at": personal("Vanaf wanneer de docent de meting openzet.", Retention.CLASS),
            "closes_at": personal("Tot wanneer de meting open is.", Retention.CLASS),
            "created_at": personal("Wanneer de docent de meting plande.", Retention.CLASS),
        },
    )

    class Meta:
        verbose_name = "meting"
        verbose_name_plural = "metingen"
        constraints = [
            # One of each moment per class; its index (class first) serves selectors.measurements_for_class.
            models.UniqueConstraint(fields=["school_class", "moment"], name="measurement_measurement_unique_moment"),
            models.CheckConstraint(condition=Q(moment__in=Moment.values), name="measurement_measurement_moment_valid"),
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")), name="measurement_measurement_closes_after_opens"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_moment_display()} · {self.school_class_id}"


class Sitting(models.Model):
    code = models.SlugField("code", max_length=20, unique=True, default=new_code, editable=False)
    measurement = models.ForeignKey(
        Measurement, null=True, blank=True, on_delete=models.CASCADE, related_name="sittings", verbose_name="meting"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="test_sittings",
        verbose_name="leerling",
        help_text="Leeg bij 'test jezelf' zonder account.",
    )
    moment = models.CharField("moment", max_length=20, choices=Moment.choices)
    form = models.CharField("toetsvorm", max_length=1, choices=Form.choices)
    # "Test jezelf" afterwards points to the sitting before it, so a visitor's change is one pair of rows.
    before = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="after", verbose_name="eerdere test"
    )
    started_at = models.DateTimeField("begonnen", auto_now_add=True)
    finished_at = models.DateTimeField("klaar", null=True, blank=True)

    personal_data = PersonalData(
        about="leerling of oefenaar zonder account",
        fields={
            "code": not_personal("willekeurige code in het adres"),
            "measurement": not_personal("koppeling aan de meting van de klas"),
            "user": personal(
                "Van welke leerling de toets is; leeg bij 'test jezelf' zonder account.", Retention.ANONYMOUS
            ),
            "moment": personal("Of de toets voor of na de lessen was: om de groei te zien.", Retention.ANONYMOUS),
            "form": personal("Welke toetsvorm (A of B) de leerling kreeg.", Retention.ANONYMOUS),
            "before": personal(
                "Koppeling aan de eerdere toets van dezelfde persoon: om de groei te zien.", Retention.ANONYMOUS
            ),
            "started_at": personal("Wanneer de toets begon: voor de bewaartermijn.", Retention.ANONYMOUS),
            "finished_at": personal("Wanneer de toets klaar was.", Retention.ANONYMOUS),
        },
    )

    class Meta:
        verbose_name = "toetsafname"
        verbose_name_plural = "toetsafnames"
        constraints = [
            models.UniqueConstraint(
                fields=["measurement", "user"],
                condition=Q(measurement__isnull=False),
                name="measurement_sitting_unique_student_measurement",
            ),
            # A student never sees the same form twice, so a change is never a memory of the items.
            models.UniqueConstraint(
                fields=["user", "form"], condition=Q(user__isnull=False), name="measurement_sitting_unique_student_form"
            ),
            # A class's sitting has both a student and a measurement; "test jezelf" has neither.
            models.CheckConstraint(
                condition=Q(user__isnull=True, measurement__isnull=True)
                | Q(user__isnull=False, measurement__isnull=False),
                name="measurement_sitting_student_with_measurement",
            ),
            models.CheckConstraint(condition=Q(form__in=Form.values), name="measurement_sitting_form_valid"),
            models.CheckConstraint(condition=Q(moment__in=Moment.values), name="measurement_sitting_moment_valid"),
        ]
        indexes = [
            # Serves services.anonymous_sittings_purge: anonymous sittings older than the retention period.
            models.Index(fields=["started_at"], condition=Q(user__isnull=True), name="measurement_sitting_anon_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.code} · {self.form}"

    @property
    def is_finished(self) -> bool:
        return self.finished_at is not None


class TestAnswer(models.Model):
    __test__ = False  # not a pytest class, whatever its name
    sitting = models.ForeignKey(Sitting, on_delete=models.CASCADE, related_name="answers", verbose_name="afname")
    scenario = models.ForeignKey("cms.Scenario", on_delete=models.CASCADE, related_name="+", verbose_name="toetsvraag")
    chosen_category = models.CharField("gekozen soort", max_length=20, choices=Category.choices)
    sureness = models.CharField("hoe zeker", max_length=10, choices=Sureness.choices)
    seconds = models.PositiveIntegerField("seconden", null=True, blank=True)
    answered_at = models.DateTimeField("beantwoord", auto_now_add=True)

    personal_data = PersonalData(
        about="leerling of oefenaar zonder account",
        fields={
            "sitting": not_personal("koppeling aan de toets hierboven"),
            "scenario": not_personal("welke toetsvraag (lesstof)"),
            "chosen_category": personal("Het gekozen antwoord: voor de score.", Retention.ANONYMOUS),
            "sureness": personal(
                "Hoe zeker de leerling was: om te zien of zekerheid en kunnen samengaan.", Retention.ANONYMOUS
            ),
            "seconds": personal("Hoe lang het antwoord duurde: om gokken te herkennen.", Retention.ANONYMOUS),
            "answered_at": personal("Wanneer de vraag werd beantwoord.", Retention.ANONYMOUS),
        },
    )

    class Meta:
        verbose_name = "toetsantwoord"
        verbose_name_plural = "toetsantwoorden"
        constraints = [
            # One answer per item and sitting, whatever a double click sends; its index serves the report's
            # answers-of-these-sittings query.
            models.UniqueConstraint(fields=["sitting", "scenario"], name="measurement_testanswer_unique_item"),
            models.CheckConstraint(
                condition=Q(chosen_category__in=Category.values), name="measurement_testanswer_category_valid"
            ),
            models.CheckConstraint(
                condition=Q(sureness__in=Sureness.values), name="measurement_testanswer_sureness_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sitting_id} · {self.scenario_id}: {self.chosen_category}"


class ResearchSharing(models.Model):
    """A teacher's choice, per class, to let researchers use the class's test answers without names. Off unless the
    teacher turns it on; the research export (`selectors.research_classes`) reads only classes where it is on."""

    school_class = models.OneToOneField(
        "accounts.SchoolClass", on_delete=models.CASCADE, related_name="research_sharing", verbose_name="klas"
    )
    shared = models.BooleanField("Gegevens van deze klas mogen anoniem gebruikt worden voor onderzoek", default=False)
    changed_at = models.DateTimeField("gewijzigd", auto_now=True)

    personal_data = PersonalData(
        about="docent",
        fields={
            "school_class": not_personal("koppeling aan de klas (zie klas)"),
            "shared": not_personal("een keuze van de docent voor de hele klas"),
            "changed_at": personal("Wanneer de docent het delen voor onderzoek aan- of uitzette.", Retention.CLASS),
        },
    )

    class Meta:
        verbose_name = "delen voor onderzoek"
        verbose_name_plural = "delen voor onderzoek"
        default_permissions = ()
        permissions = [
            ("export_research_data", "Mag de toetsantwoorden van alle klassen die meedoen aan onderzoek downloaden")
        ]

    def __str__(self) -> str:
        return f"{self.school_class_id}: {'deelt' if self.shared else 'deelt niet'}"
