"""The authentication backends: teachers, editors and the admins sign in with e-mail and password (AccountBackend,
which refuses student accounts); a student with class code + name + pass phrase (StudentBackend), and nowhere else.
"""

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.hashers import make_password

from .login import login_blocked, login_failed
from .models import StudentProfile
from .passphrases import normalise_passphrase


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
