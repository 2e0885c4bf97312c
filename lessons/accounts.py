"""Accounts for teachers and students: pass phrases, login throttling and the authentication backends.

A teacher signs in with e-mail and password (Django's ModelBackend, which refuses student accounts). A student
signs in with class code + name + pass phrase (StudentBackend) and nowhere else. Failed logins are counted per
account and per IP address in the shared cache, so the limit holds across workers and machines.
"""

import hashlib
import logging
import secrets

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest

from edu.security_log import JOIN_CODE_FAILED, RATE_LIMITED, security_event
from edu.throttle import client_ip, count, counts

from .models import StudentProfile

# Short, common Dutch words that are easy to read aloud and to type on a phone (no accents, no look-alikes).
_WORDS = """
appel bank beer berg bloem boom boot brood brug bus dak das deur dier dorp duif eend egel ei emmer fiets fluit
gans geit gitaar glas gras haas hamer hart hek hond honing hoed huis ijs jas kaas kam kast kat kerk kip klok knop
koe kom kool kroon kunst lamp leeuw lepel lucht maan mand markt mees melk mier mol muis muur neus noot oor oven
paard pad pan pen peer pet pijl pizza plant pop raam regen ring rivier roos schip school sjaal slak sok spin ster
stoel storm strand tafel tak tas tent thee tijger tomaat toren trein tuin uil vaas veer vis vlag vlinder vogel
vork vos vuur wolk worm zaag zand zee zeep zon zwaan
"""
PASSPHRASE_WORDS = tuple(_WORDS.split())
PASSPHRASE_LENGTH = 4  # 4 words from ~130: about 28 bits, enough behind the login throttle

THROTTLE_LIMIT = 10
THROTTLE_SECONDS = 15 * 60
TOO_MANY_TRIES = (
    "Er is te vaak een verkeerde inlog geprobeerd. Wacht een kwartier en probeer het dan opnieuw. "
    "Weet je je wachtwoord niet meer? Vraag het aan je docent, of kies 'Wachtwoord vergeten'."
)
LOGIN_FAILED = "Dit klopt niet. Kijk of je alles goed hebt ingevuld en probeer het opnieuw."


def new_passphrase() -> str:
    return "-".join(secrets.choice(PASSPHRASE_WORDS) for _ in range(PASSPHRASE_LENGTH))


def normalise_passphrase(raw: str) -> str:
    """Spaces or dashes between the words, any capitals: all the same pass phrase."""
    return "-".join(raw.lower().replace("-", " ").split())


# ---------------------------------------------------------------------------------------------------- throttle


def _keys(scope: str, account: str, request: HttpRequest) -> list[str]:
    digest = hashlib.sha256(account.strip().lower().encode()).hexdigest()[:32]
    return [f"login-fail:{scope}:account:{digest}", f"login-fail:ip:{client_ip(request)}"]


def login_blocked(*, scope: str, account: str, request: HttpRequest) -> bool:
    blocked = any(value >= THROTTLE_LIMIT for value in counts(_keys(scope, account, request)))
    if blocked:  # a class code ("join") is a secret itself: no hint of it
        hint = None if scope == "join" else account
        security_event(request, RATE_LIMITED, scope=scope, account=hint, level=logging.WARNING)
    return blocked


def login_failed(*, scope: str, account: str, request: HttpRequest) -> None:
    """Counts a failure. A failed sign-in is logged by edu.security_log (Django's user_login_failed signal); a
    wrong class code is logged here."""
    for key in _keys(scope, account, request):
        count(key, THROTTLE_SECONDS)
    if scope == "join":
        security_event(request, JOIN_CODE_FAILED, scope="class")


# ---------------------------------------------------------------------------------------------------- backends


def is_student(user: AbstractBaseUser) -> bool:
    return user.is_authenticated and hasattr(user, "student_profile")


def is_teacher(user: AbstractBaseUser) -> bool:
    return user.is_authenticated and hasattr(user, "teacher_profile")


class AccountBackend(ModelBackend):
    """Django's username + password login, for teachers, editors and the admin; never for a student account."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        # One rate limit for every password sign-in: ours at /docent/, Wagtail's at /admin/ and Django's. A blocked
        # account or address is refused even with the right password.
        account = (username or "").lower()
        throttled = request is not None and username is not None and password is not None
        if throttled and login_blocked(scope="teacher", account=account, request=request):
            return None
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None and throttled:
            login_failed(scope="teacher", account=account, request=request)
        if user is not None and StudentProfile.objects.filter(user=user).exists():
            return None
        return user


class StudentBackend(ModelBackend):
    """Class code + name + pass phrase. Only an active class counts; a wrong part of the three is just 'wrong'."""

    def authenticate(self, request, class_code=None, pseudonym=None, passphrase=None, **kwargs):
        if not (class_code and pseudonym and passphrase):
            return None
        profile = (
            StudentProfile.objects.select_related("user")
            .filter(
                school_class__join_code=class_code.strip().upper(),
                school_class__archived_at__isnull=True,
                pseudonym__iexact=pseudonym.strip(),
            )
            .first()
        )
        if profile is None:
            make_password(passphrase)  # the same time as a real check: timing does not tell which names exist
            return None
        user = profile.user
        if user.check_password(normalise_passphrase(passphrase)) and user.is_active:
            return user
        return None


def student_backend_path() -> str:
    return f"{StudentBackend.__module__}.{StudentBackend.__qualname__}"


def account_backend_path() -> str:
    return f"{AccountBackend.__module__}.{AccountBackend.__qualname__}"
