"""Who is who: teachers and hosts, classes, and the students in them.

A *teacher* is a Django user with a TeacherProfile; its `role` says whether they teach (docent) or host dialogue
evenings for a library or community centre (bibliotheek); either may do both. A *student* is a Django user with a
StudentProfile and no e-mail, name or other personal field: only a pseudonym inside one class. A *SchoolClass*
belongs to one teacher and is the group its students join with a code (as a Kolibri classroom is a group in its
auth app). What a class is given to do (assignments) and what its students did (attempts) live in `lessons`.

The tables were made by the `lessons` app before this one existed, and keep their names (Meta.db_table; migration
accounts.0001 moved only Django's idea of where the models live).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower

from core.codes import typable_code, url_code
from core.privacy import PersonalData, Retention, declare, not_personal, personal

JOIN_CODE_LENGTH = 6


def new_public_id() -> str:
    """A random code for URLs, so a URL never shows a database id."""
    return url_code(8)


def new_join_code() -> str:
    return typable_code(JOIN_CODE_LENGTH)


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

    personal_data = PersonalData(
        about="docent of gespreksleider",
        fields={
            "user": not_personal("koppeling aan het account; het account zelf staat onder 'gebruiker'"),
            "name": personal("Naam op de eigen pagina's en op inlogkaarten van de klas.", Retention.ACCOUNT),
            "school": personal(
                "Zo weet de beheerder bij welke school of bibliotheek het account hoort.", Retention.ACCOUNT
            ),
            "role": personal(
                "Of het account lesgeeft of dialoogavonden leidt: bepaalt welke pagina's open zijn.", Retention.ACCOUNT
            ),
            "created_at": personal(
                "Wanneer het account is gemaakt: nodig om oude accounts op te ruimen.", Retention.ACCOUNT
            ),
        },
    )

    class Meta:
        db_table = "lessons_teacherprofile"  # made by the lessons app before accounts existed; kept, not copied
        verbose_name = "docentprofiel"
        verbose_name_plural = "docentprofielen"
        constraints = [
            models.CheckConstraint(condition=Q(role__in=TeacherRole.values), name="lessons_teacherprofile_role_valid")
        ]

    def __str__(self) -> str:
        return self.name


class SchoolClass(models.Model):
    # unique: its index serves selectors.school_class_get_for_user, which finds the class behind a URL.
    public_id = models.SlugField("code in adres", max_length=20, unique=True, default=new_public_id, editable=False)
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="school_classes", verbose_name="docent"
    )
    name = models.CharField("naam", max_length=80)
    join_code = models.CharField("klascode", max_length=12, default=new_join_code)
    joining_open = models.BooleanField("aanmelden met de code kan", default=True)
    # How many more pupils may join with the code; None: no limit. Each join takes one place in the same UPDATE
    # that checks there is one left (services.student_join), so a crowd at once never overshoots it.
    joins_left = models.PositiveIntegerField("aantal leerlingen dat zich nog mag aanmelden", null=True, blank=True)
    created_at = models.DateTimeField("aangemaakt", auto_now_add=True)
    archived_at = models.DateTimeField("gearchiveerd", null=True, blank=True)

    personal_data = PersonalData(
        about="docent of gespreksleider",
        fields={
            "public_id": not_personal("willekeurige code in het adres"),
            "teacher": personal("Welke docent de klas beheert: alleen die docent ziet de klas.", Retention.CLASS),
            "name": personal("Naam van de klas, gekozen door de docent.", Retention.CLASS),
            "join_code": not_personal("willekeurige code om de klas in te komen"),
            "joining_open": not_personal("instelling: kan een leerling zich nog aanmelden"),
            "joins_left": not_personal("instelling: hoeveel leerlingen zich nog mogen aanmelden"),
            "created_at": personal("Wanneer de docent de klas maakte.", Retention.CLASS),
            "archived_at": personal(
                "Wanneer de docent de klas archiveerde: daarna telt de bewaartermijn.", Retention.CLASS
            ),
        },
    )

    class Meta:
        db_table = "lessons_schoolclass"
        verbose_name = "klas"
        verbose_name_plural = "klassen"
        indexes = [
            # Serves selectors.classes_for_teacher: one teacher's classes, newest first.
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
    # The pseudonym's look-alike key (accounts/names.py, Unicode TR39 skeleton): unique per class, so "Аnna" in
    # Cyrillic cannot join beside "Anna". Blank only for rows made before it existed (the migration fills them).
    name_skeleton = models.CharField("naam zoals hij eruitziet", max_length=80, default="", editable=False)
    created_at = models.DateTimeField("aangemaakt", auto_now_add=True)

    personal_data = PersonalData(
        about="leerling",
        fields={
            "user": not_personal("koppeling aan het account; het account zelf staat onder 'gebruiker'"),
            "public_id": not_personal("willekeurige code in het adres"),
            "school_class": personal(
                "In welke klas de leerling zit: alleen de docent van die klas ziet de leerling.", Retention.CLASS
            ),
            "pseudonym": personal(
                "Schuilnaam in de klas, zodat de docent het werk herkent. Geen echte naam nodig.", Retention.CLASS
            ),
            "name_skeleton": personal(
                "De schuilnaam zoals hij eruitziet: zo kan niemand een klasgenoot nadoen.", Retention.CLASS
            ),
            "created_at": personal("Wanneer de leerling zich aanmeldde.", Retention.CLASS),
        },
    )

    class Meta:
        db_table = "lessons_studentprofile"
        verbose_name = "leerling"
        verbose_name_plural = "leerlingen"
        constraints = [
            # One name per class, whatever its capitals; its index serves the student login (class + name).
            models.UniqueConstraint(
                "school_class", Lower("pseudonym"), name="lessons_studentprofile_unique_class_pseudonym"
            ),
            # No two names in a class that look alike (see accounts/names.py).
            models.UniqueConstraint(
                fields=["school_class", "name_skeleton"],
                condition=~Q(name_skeleton=""),
                name="accounts_studentprofile_unique_class_name_skeleton",
            ),
        ]

    def __str__(self) -> str:
        return self.pseudonym


# Django's own tables that hold our users' data: declared here, where accounts are made (see core/privacy.py).
declare(
    settings.AUTH_USER_MODEL,
    PersonalData(
        about="gebruiker (docent, gespreksleider of leerling)",
        fields={
            "password": personal(
                "Versleuteld wachtwoord (docent) of versleutelde wachtzin (leerling); niet leesbaar.", Retention.ACCOUNT
            ),
            "last_login": personal(
                "Wanneer het account het laatst inlogde: om oude accounts op te ruimen.", Retention.ACCOUNT
            ),
            "is_superuser": not_personal("instelling: beheerder van de site"),
            "username": personal(
                "Inlognaam: het e-mailadres van een docent; een willekeurige code bij een leerling.", Retention.ACCOUNT
            ),
            "first_name": personal("Niet gebruikt: blijft leeg.", Retention.ACCOUNT),
            "last_name": personal("Niet gebruikt: blijft leeg.", Retention.ACCOUNT),
            "email": personal(
                "E-mailadres van een docent: om in te loggen en het wachtwoord te herstellen. Leerlingen: leeg.",
                Retention.ACCOUNT,
            ),
            "is_staff": not_personal("instelling: mag in het beheer"),
            "is_active": not_personal("instelling: account aan of uit"),
            "date_joined": personal("Wanneer het account is gemaakt.", Retention.ACCOUNT),
        },
    ),
)
declare(
    "sessions.Session",
    PersonalData(
        about="iedere bezoeker",
        fields={
            "session_key": personal("Willekeurige code in de sessiecookie.", Retention.SESSION),
            "session_data": personal(
                "Wie is ingelogd, en bij oefenen zonder account de codes van de eigen pogingen.", Retention.SESSION
            ),
            "expire_date": not_personal("wanneer de sessie vervalt"),
        },
    ),
)
