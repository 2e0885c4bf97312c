"""The authentication backends: teachers, editors and the admins sign in with e-mail and password (AccountBackend,
which refuses student accounts); a student with class code + name + pass phrase (StudentBackend), and nowhere else.
"""

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.hashers import make_password

from .login import login_attempt, login_succeeded
from .models import StudentProfile
from .names import normalise_name
from .passphrases import normalise_passphrase


class AccountBackend(ModelBackend):
    """Django's username + password login, for teachers, editors and the admin; never for a student account."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        # One rate limit for every password sign-in: ours at /docent/, Wagtail's at /admin/ and Django's. The try
        # is counted before the password is hashed, so a burst checks at most the limit; a blocked account or
        # address is refused even with the right password, and a right password gives its try back.
        account = (username or "").lower()
        throttled = request is not None and username is not None and password is not None
        if throttled and not login_attempt(scope="teacher", account=account, request=request):
            return None
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None and StudentProfile.objects.filter(user=user).exists():
            return None  # a student's account never signs in here: it stays counted as a failure
        if user is not None and throttled:
            login_succeeded(scope="teacher", account=account, request=request)
        return user


class StudentBackend(ModelBackend):
    """Class code + name + pass phrase. Only an active class counts; a wrong part of the three is just 'wrong'."""

    def authenticate(self, request, class_code=None, pseudonym=None, passphrase=None, **kwargs):
        if not (class_code and pseudonym and passphrase):
            return None
        account = student_account(class_code, pseudonym)
        if request is not None and not login_attempt(scope="student", account=account, request=request):
            return None
        user = self._check(class_code, pseudonym, passphrase)
        if user is not None and request is not None:
            login_succeeded(scope="student", account=account, request=request)
        return user

    def _check(self, class_code: str, pseudonym: str, passphrase: str):
        profile = (
            StudentProfile.objects.select_related("user")
            .filter(
                school_class__join_code=class_code.strip().upper(),
                school_class__archived_at__isnull=True,
                pseudonym__iexact=normalise_name(pseudonym),  # stored NFKC-normalised (accounts/names.py)
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


def student_account(class_code: str, pseudonym: str) -> str:
    """The account a student's tries count against: class code and name, as the login finds them."""
    return f"{class_code.strip().upper()}:{normalise_name(pseudonym).lower()}"


def student_backend_path() -> str:
    return f"{StudentBackend.__module__}.{StudentBackend.__qualname__}"


def account_backend_path() -> str:
    return f"{AccountBackend.__module__}.{AccountBackend.__qualname__}"
