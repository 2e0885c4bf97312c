"""Who a school identity is, and whether an assertion may still be used. Writes here are keyword-only services.

The doors (a SAML assertion consumer, an OIDC callback) call, in this order: `assertion_accept` (refuses a replay),
then `identity_find` (a returning user), else `identity_link` after the first-time steps (joining a class with
its code, or a teacher confirming once).
"""

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import SchoolClass, StudentProfile, TeacherProfile, TeacherRole
from accounts.services import student_create
from core.security_log import HiddenFromUser

from .models import WAITING_DAYS, Affiliation, Provider, SchoolIdentity, SeenAssertion, WaitingPupil

MIN_SECRET_LENGTH = 32
BRIN_LENGTHS = (4, 6)  # a school (4: "12AB") or one of its locations (6: "12AB00")


def _secret() -> bytes:
    secret = settings.SSO_SUBJECT_SECRET
    if len(secret) < MIN_SECRET_LENGTH:
        raise ImproperlyConfigured(
            f"SSO_SUBJECT_SECRET must be a random value of at least {MIN_SECRET_LENGTH} characters; keep it: "
            "a new one unlinks every school account."
        )
    return secret.encode()


def subject_hash(*, provider: str, subject: str) -> str:
    """HMAC-SHA256 of the provider's uid or subject: the same person gives the same hash, and without the secret
    the hash cannot be traced back (Entree's uid is already a pseudonym per service; this hides even that)."""
    message = f"{Provider(provider).value}\x00{subject}".encode()
    return hmac.new(_secret(), message, hashlib.sha256).hexdigest()


def clean_brin(raw: str) -> str:
    """The BRIN as we keep it (upper case), or "" when it is not one: a bad value is dropped, never stored."""
    value = raw.strip().upper()
    if len(value) in BRIN_LENGTHS and value[:2].isdigit() and value.isalnum():
        return value
    return ""


def assertion_accept(*, provider: str, assertion_id: str, expires_at: datetime) -> bool:
    """Record an assertion as used; False when it was used before (a replay), also when two arrive at once."""
    if not assertion_id or expires_at <= timezone.now():
        return False
    digest = hashlib.sha256(assertion_id.encode()).hexdigest()
    try:
        with transaction.atomic():
            SeenAssertion.objects.create(provider=provider, assertion_hash=digest, expires_at=expires_at)
    except IntegrityError:
        return False
    return True


def assertions_purge(*, now: datetime | None = None) -> int:
    """Forget assertions past their expiry: by then a replay is refused by its own time window."""
    return SeenAssertion.objects.filter(expires_at__lte=now or timezone.now()).delete()[0]


def identity_find(*, provider: str, subject: str) -> SchoolIdentity | None:
    return (
        SchoolIdentity.objects.select_related("user")
        .filter(provider=provider, subject_hash=subject_hash(provider=provider, subject=subject))
        .first()
    )


def identity_link(
    *,
    user: AbstractBaseUser,
    provider: str,
    affiliation: str,
    subject: str = "",
    hashed: str = "",
    brin: str = "",
    tenant: str = "",
) -> SchoolIdentity | None:
    """Link a school identity (its raw `subject`, or its `hashed` form kept in a session meanwhile) to an account;
    None when it is already linked (to anyone): the first link stands."""
    try:
        with transaction.atomic():
            return SchoolIdentity.objects.create(
                user=user,
                provider=provider,
                subject_hash=hashed or subject_hash(provider=provider, subject=subject),
                affiliation=Affiliation(affiliation).value,
                brin=clean_brin(brin),
                tenant=tenant,
            )
    except IntegrityError:
        return None


def teacher_create_from_school(
    *, name: str, school: str, hashed: str, brin: str = "", provider: str = Provider.ENTREE, tenant: str = ""
) -> SchoolIdentity | None:
    """A teacher account for an employee's first Entree (or Microsoft) sign-in, confirmed by the teacher (name and
    school typed once): no e-mail and no usable password, as the school account is the way in. None when the
    identity was linked meanwhile (a second tab): nothing is made then."""
    user_model = get_user_model()
    try:
        with transaction.atomic():
            user = user_model.objects.create_user(username=f"docent-school-{secrets.token_hex(8)}", password=None)
            TeacherProfile.objects.create(user=user, name=name, school=school, role=TeacherRole.TEACHER)
            return SchoolIdentity.objects.create(
                user=user,
                provider=Provider(provider).value,
                subject_hash=hashed,
                affiliation=Affiliation.EMPLOYEE,
                brin=clean_brin(brin),
                tenant=tenant,
            )
    except IntegrityError:
        return None


# ------------------------------------------------------------------------- pupils waiting for a teacher (BRIN)


class PupilGone(Exception):
    """The waiting pupil was placed meanwhile (by another teacher, or by joining with a code)."""


def pupil_wait(*, hashed: str, brin: str, pseudonym: str) -> WaitingPupil | None:
    """A pupil without a class code waits for a teacher of their school: one place per pupil (an upsert, so a
    second click or tab changes only the name). None without a BRIN: no teacher could then find them."""
    brin = clean_brin(brin)
    if not brin:
        return None
    waiting, _ = WaitingPupil.objects.update_or_create(
        subject_hash=hashed, defaults={"brin": brin, "pseudonym": pseudonym}
    )
    return waiting


def pupil_waiting(*, hashed: str) -> WaitingPupil | None:
    return WaitingPupil.objects.filter(subject_hash=hashed).first()


def teacher_brins(*, user: AbstractBaseUser) -> list[str]:
    """The schools a teacher signed in from through Entree: only their pupils are shown to this teacher."""
    return sorted(
        set(
            SchoolIdentity.objects.filter(user=user, provider=Provider.ENTREE, affiliation=Affiliation.EMPLOYEE)
            .exclude(brin="")
            .values_list("brin", flat=True)
        )
    )


def pupils_waiting_for(*, brins: list[str]):
    return WaitingPupil.objects.filter(brin__in=brins).order_by("created_at")


def pupil_waiting_get_for_teacher(*, brins: list[str], public_id: str) -> WaitingPupil:
    """The waiting pupil in the URL, for a teacher of the same school only (404 for any other)."""
    waiting = WaitingPupil.objects.filter(public_id=public_id, brin__in=brins).first()
    if waiting is None:
        raise HiddenFromUser("Deze leerling wacht niet (meer) op je school.")
    return waiting


def pupil_place(*, waiting: WaitingPupil, school_class: SchoolClass, pseudonym: str) -> StudentProfile:
    """Place a waiting pupil in a class under a pseudonym: their account is made and linked to their school
    identity in one transaction, and their waiting place goes. Raises NameTaken (nothing made) or PupilGone (placed
    meanwhile: the conditional delete finds nothing, and the unique subject hash refuses a second link)."""
    with transaction.atomic():
        if not WaitingPupil.objects.filter(pk=waiting.pk).delete()[0]:
            raise PupilGone(waiting.public_id)
        profile = student_create(school_class=school_class, pseudonym=pseudonym).profile
        try:
            with transaction.atomic():
                SchoolIdentity.objects.create(
                    user=profile.user,
                    provider=Provider.ENTREE,
                    subject_hash=waiting.subject_hash,
                    affiliation=Affiliation.STUDENT,
                    brin=waiting.brin,
                )
        except IntegrityError as error:
            raise PupilGone(waiting.public_id) from error
    return profile


def waiting_purge(*, now: datetime | None = None) -> int:
    """Forget pupils who waited longer than WAITING_DAYS: they can sign in and ask again."""
    cutoff = (now or timezone.now()) - timedelta(days=WAITING_DAYS)
    return WaitingPupil.objects.filter(created_at__lte=cutoff).delete()[0]


def pupil_wait_end(*, hashed: str) -> None:
    """A waiting pupil joined a class with its code after all: their waiting place goes."""
    WaitingPupil.objects.filter(subject_hash=hashed).delete()
