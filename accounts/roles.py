"""The roles a signed-in user can have, decided in one place. Other apps ask these functions and never look at
another app's relations themselves."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

User = AbstractBaseUser | AnonymousUser


def is_teacher(user: User) -> bool:
    """A teacher or host account (made at /docent/): may run classes and live sessions."""
    return user.is_authenticated and hasattr(user, "teacher_profile")


def is_student(user: User) -> bool:
    return user.is_authenticated and hasattr(user, "student_profile")


def is_host(user: User) -> bool:
    """May host a live dialogue session: a teacher or library account, or an editor. Students never host."""
    return user.is_authenticated and (is_teacher(user) or user.is_staff)
