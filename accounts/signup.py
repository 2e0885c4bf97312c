"""Signing up as a teacher, so that the answer never tells whether an address already has an account.

Every sign-up with a well-formed form gets the same page ("kijk in je e-mail"), and the address gets one e-mail:

- a new address: a link to confirm it; the account is made inactive and can be used only after the link;
- an address that signed up but never confirmed: the new details replace the old ones, with a fresh link (the
  old link stops working, because the token covers the password hash);
- an address with an account: a warning that someone tried to sign up with it, and how to get in.

Costs, so that sign-ups cannot flood the site: every sign-up is counted per client address and per e-mail
address *before* its password is hashed (accounts/login.py has the numbers' reasoning; the README lists them),
and at most `HASHING_SLOTS` password hashes run at once across all workers. Each hash takes a worker about 0.4 s
of CPU; with the slots, a burst of sign-ups keeps the other workers free for pages, and a sign-up that finds no
free slot is asked to try again in a moment. Every path hashes once, so the time taken does not tell either.
"""

import hashlib
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Literal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from core.security_log import RATE_LIMITED, security_event
from core.throttle import client_ip, give_back, hit

from .models import TeacherProfile

User = get_user_model()

SIGNUPS_PER_ADDRESS = 20  # an hour, from one client address: a school's staff signing up on one afternoon
SIGNUPS_PER_EMAIL = 3  # an hour, to one mailbox: nobody's inbox can be flooded with our mails
RESETS_PER_ACCOUNT = 3  # reset mails an hour for one address
RESETS_PER_ADDRESS = 20  # reset requests an hour from one client address
HOUR = 60 * 60
HASHING_SLOTS = settings.PASSWORD_HASHING_SLOTS  # hashes at once, across all workers (the rest serve pages)

TOO_MANY_SIGNUPS = (
    "Er is vanaf hier te vaak een account aangevraagd. Wacht een uur en probeer het dan opnieuw. "
    "Heb je al een account? Log dan in of kies 'Wachtwoord vergeten'."
)
TOO_BUSY = "Het is op dit moment erg druk. Probeer het over een minuut opnieuw. Je gegevens zijn niet bewaard."


class SignupTokenGenerator(PasswordResetTokenGenerator):
    """A confirmation link that works until the account is active (or its password changes): once used, dead."""

    key_salt = "accounts.signup.SignupTokenGenerator"

    def _make_hash_value(self, user, timestamp) -> str:
        return f"{user.pk}{user.password}{user.is_active}{timestamp}"


signup_tokens = SignupTokenGenerator()


def _email_key(purpose: str, email: str) -> str:
    """A counter per mailbox, named by a hash: no e-mail address in the cache."""
    return f"{purpose}:account:{hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]}"


def signup_allowed(request: HttpRequest, *, email: str) -> bool:
    """Counts this sign-up (before any hashing); False, and logged, when the address or mailbox is over its limit."""
    by_mailbox = hit(_email_key("signup", email), HOUR) <= SIGNUPS_PER_EMAIL
    by_address = by_mailbox and hit(f"signup:ip:{client_ip(request)}", HOUR) <= SIGNUPS_PER_ADDRESS
    if not by_address:
        security_event(request, RATE_LIMITED, scope="signup", account=email, level=logging.WARNING)
    return by_address


def reset_allowed(request: HttpRequest, *, email: str) -> bool:
    """Counts a password-reset request; False (no mail is sent, the answer stays the same) when over a limit."""
    by_account = hit(_email_key("reset", email), HOUR) <= RESETS_PER_ACCOUNT
    by_address = by_account and hit(f"reset:ip:{client_ip(request)}", HOUR) <= RESETS_PER_ADDRESS
    if not by_address:
        security_event(request, RATE_LIMITED, scope="reset", account=email, level=logging.WARNING)
    return by_address


@contextmanager
def hashing_slot(request: HttpRequest | None = None) -> Iterator[bool]:
    """True when this worker may hash a password now: at most HASHING_SLOTS at once across every worker, counted
    atomically in the shared throttle cache. Never waits: a worker that waited would be a worker lost to pages."""
    free = hit("hashing:busy", 30) <= HASHING_SLOTS  # the 30 s lapse frees the slot of a worker that died
    if not free:
        security_event(request, RATE_LIMITED, scope="hashing", level=logging.WARNING)
    try:
        yield free
    finally:
        give_back("hashing:busy")


@dataclass(frozen=True)
class Signup:
    user: object
    kind: Literal["new", "pending", "existing"]


def teacher_signup(*, name: str, school: str, email: str, password: str, role: str) -> Signup:
    """Make (or remake) an inactive account, or find the active one; see the module's docstring."""
    email, hashed = email.lower(), make_password(password)
    with transaction.atomic():
        user = User.objects.select_for_update().filter(username=email).first()
        if user is None:
            try:
                with transaction.atomic():
                    user = User.objects.create(username=email, email=email, password=hashed, is_active=False)
                    TeacherProfile.objects.create(user=user, name=name, school=school, role=role)
                return Signup(user, "new")
            except IntegrityError:  # the same address at the same moment: the other one made it
                user = User.objects.select_for_update().get(username=email)
        profile = TeacherProfile.objects.filter(user=user).first()
        if user.is_active or profile is None or user.last_login is not None:
            return Signup(user, "existing")
        user.password = hashed
        user.save(update_fields=["password"])
        TeacherProfile.objects.filter(pk=profile.pk).update(name=name, school=school, role=role)
        return Signup(user, "pending")


def signup_mail_send(*, signup: Signup, confirm_url_for) -> None:
    """One mail to the address: the link (new or pending), or the warning (existing). `confirm_url_for(uid, token)`
    builds the absolute link."""
    user = signup.user
    if signup.kind == "existing":
        template, context = "accounts/mail/signup_exists", {}
    else:
        uid = urlsafe_base64_encode(force_bytes(user.pk))
        template, context = (
            "accounts/mail/signup_confirm",
            {"link": confirm_url_for(uid, signup_tokens.make_token(user))},
        )
    subject = render_to_string(template + "_subject.txt", context).strip()
    send_mail(subject, render_to_string(template + ".txt", context), None, [user.email])


def signup_user_for_link(*, uidb64: str, token: str):
    """The inactive account behind a confirmation link, or None when the link is wrong, used or too old."""
    try:
        pk = int(urlsafe_base64_decode(uidb64).decode())
    except (TypeError, ValueError, OverflowError, UnicodeDecodeError):
        return None
    user = User.objects.filter(pk=pk, is_active=False, teacher_profile__isnull=False).first()
    return user if user is not None and signup_tokens.check_token(user, token) else None


def teacher_activate(*, user) -> None:
    user.is_active = True
    user.save(update_fields=["is_active"])
