"""Links from a school identity (Entree uid, Microsoft subject) to an account, and the assertions already used."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from accounts.models import new_public_id
from core.privacy import PersonalData, Retention, not_personal, personal

WAITING_DAYS = 30
WAITING_RETENTION = f"Tot een docent de leerling aan een klas koppelt, en hoogstens {WAITING_DAYS} dagen."


class Provider(models.TextChoices):
    ENTREE = "entree", "Entree Federatie"
    MICROSOFT = "microsoft", "Microsoft"


class Affiliation(models.TextChoices):
    STUDENT = "student", "Leerling"
    EMPLOYEE = "employee", "Medewerker"


class SchoolIdentity(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="school_identities", verbose_name="gebruiker"
    )
    provider = models.CharField("inlogdienst", max_length=20, choices=Provider.choices)
    # HMAC-SHA256 (hex) of the uid or subject with SSO_SUBJECT_SECRET: the raw value is never stored.
    subject_hash = models.CharField("versleutelde inlogcode", max_length=64)
    affiliation = models.CharField("rol op school", max_length=20, choices=Affiliation.choices)
    brin = models.CharField("BRIN van de school", max_length=8, blank=True)
    # Microsoft's tenant id (a GUID) of the school's Microsoft 365: which allowed school the account signs in from.
    tenant = models.CharField("Microsoft-omgeving van de school", max_length=36, blank=True)
    created_at = models.DateTimeField("gekoppeld", auto_now_add=True)

    personal_data = PersonalData(
        about="leerling of docent die inlogt met een schoolaccount",
        fields={
            "user": not_personal("koppeling aan het account; het account zelf staat onder 'gebruiker'"),
            "provider": personal("Via welke dienst het account inlogt (Entree of Microsoft).", Retention.ACCOUNT),
            "subject_hash": personal(
                "Onomkeerbaar versleutelde inlogcode van de school: zo herkent de site het account de volgende keer.",
                Retention.ACCOUNT,
            ),
            "affiliation": personal("Leerling of medewerker, zoals de school het doorgeeft.", Retention.ACCOUNT),
            "brin": personal(
                "Code van de school: een docent ziet bij het koppelen alleen leerlingen van de eigen school.",
                Retention.ACCOUNT,
            ),
            "tenant": personal(
                "Code van de Microsoft-omgeving van de school (bij inloggen met Microsoft): alleen scholen die de "
                "beheerder toelaat, kunnen inloggen.",
                Retention.ACCOUNT,
            ),
            "created_at": personal("Wanneer het schoolaccount werd gekoppeld.", Retention.ACCOUNT),
        },
    )

    class Meta:
        verbose_name = "schoolaccount"
        verbose_name_plural = "schoolaccounts"
        constraints = [
            # One account per school identity; its index serves the lookup at every sign-in.
            models.UniqueConstraint(fields=["provider", "subject_hash"], name="sso_schoolidentity_unique_subject"),
            models.CheckConstraint(condition=Q(provider__in=Provider.values), name="sso_schoolidentity_provider_valid"),
            models.CheckConstraint(
                condition=Q(affiliation__in=Affiliation.values), name="sso_schoolidentity_affiliation_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_provider_display()} ({self.get_affiliation_display()})"


class SeenAssertion(models.Model):
    provider = models.CharField("inlogdienst", max_length=20, choices=Provider.choices)
    # SHA-256 (hex) of the assertion's ID: IDs are random, but can be long; hashing keeps the column fixed.
    assertion_hash = models.CharField("kenmerk", max_length=64)
    expires_at = models.DateTimeField("verloopt")

    class Meta:
        verbose_name = "gebruikte inlogverklaring"
        verbose_name_plural = "gebruikte inlogverklaringen"
        constraints = [
            models.UniqueConstraint(fields=["provider", "assertion_hash"], name="sso_seenassertion_unique_assertion")
        ]
        indexes = [models.Index(fields=["expires_at"], name="sso_seenassertion_expiry_idx")]  # serves the purge

    def __str__(self) -> str:
        return f"{self.get_provider_display()} tot {self.expires_at:%Y-%m-%d %H:%M}"


class WaitingPupil(models.Model):
    """A pupil who signed in through Entree without a class code and asked to be added by a teacher: waits here
    (no account yet) until a teacher of the same school (BRIN) places them in a class, at most WAITING_DAYS."""

    public_id = models.SlugField("code in adres", max_length=20, unique=True, default=new_public_id, editable=False)
    # HMAC-SHA256 (hex) of the Entree uid, as SchoolIdentity.subject_hash; unique: one waiting place per pupil.
    subject_hash = models.CharField("versleutelde inlogcode", max_length=64, unique=True)
    brin = models.CharField("BRIN van de school", max_length=8)
    pseudonym = models.CharField("gekozen naam in de klas", max_length=20, blank=True)
    created_at = models.DateTimeField("aangemeld", auto_now_add=True)

    personal_data = PersonalData(
        about="leerling die met een schoolaccount inlogt en wacht tot een docent hem aan een klas koppelt",
        fields={
            "public_id": not_personal("willekeurige code in het adres"),
            "subject_hash": personal(
                "Onomkeerbaar versleutelde inlogcode van de school: zo koppelt de docent het goede account.",
                WAITING_RETENTION,
            ),
            "brin": personal(
                "Code van de school: alleen docenten van dezelfde school zien de leerling.", WAITING_RETENTION
            ),
            "pseudonym": personal(
                "Naam die de leerling zelf koos, zodat de docent hem herkent (mag leeg blijven).", WAITING_RETENTION
            ),
            "created_at": personal("Wanneer de leerling zich aanmeldde; na 30 dagen gewist.", WAITING_RETENTION),
        },
    )

    class Meta:
        verbose_name = "wachtende leerling"
        verbose_name_plural = "wachtende leerlingen"
        constraints = [models.CheckConstraint(condition=~Q(brin=""), name="sso_waitingpupil_brin_set")]
        # serves the teacher's list: the pupils waiting at the teacher's own school(s), oldest first
        indexes = [models.Index(fields=["brin", "created_at"], name="sso_waitingpupil_brin_idx")]

    def __str__(self) -> str:
        return f"{self.pseudonym or 'zonder naam'} ({self.brin})"
