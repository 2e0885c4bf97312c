"""Reads on people and classes, and access: `<thing>_get_for_user` returns the object when this user may see it,
raises a 404 for a stranger (who learns nothing, not even that it exists; a HiddenFromUser, which the security log
records) and PermissionDenied (403) for a signed-in user in the wrong role."""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db.models import Count

from core.security_log import HiddenFromUser

from .models import SchoolClass, StudentProfile
from .roles import is_teacher


def _require_teacher(user: AbstractBaseUser) -> None:
    if not is_teacher(user):
        raise PermissionDenied("Deze pagina is alleen voor docenten.")


def school_class_get_for_user(*, user: AbstractBaseUser, public_id: str) -> SchoolClass:
    """The class in the URL, for its own teacher only."""
    _require_teacher(user)
    school_class = SchoolClass.objects.filter(public_id=public_id, teacher=user).first()
    if school_class is None:
        raise HiddenFromUser("Deze klas bestaat niet, of hij is van iemand anders.")
    return school_class


def student_get_for_user(*, user: AbstractBaseUser, school_class: SchoolClass, public_id: str) -> StudentProfile:
    student = StudentProfile.objects.filter(school_class=school_class, public_id=public_id).first()
    if student is None:
        raise HiddenFromUser("Deze leerling bestaat niet.")
    return student


def classes_for_teacher(*, teacher: AbstractBaseUser):
    return (
        SchoolClass.objects.filter(teacher=teacher)
        .annotate(student_count=Count("students", distinct=True), assignment_count=Count("assignments", distinct=True))
        .order_by("archived_at", "-created_at")
    )


def teaches_classes(*, teacher: AbstractBaseUser) -> bool:
    """Whether a host also teaches: its live-session page then links to its classes."""
    return SchoolClass.objects.filter(teacher=teacher).exists()


def active_class_for_code(code: str) -> SchoolClass | None:
    return SchoolClass.objects.filter(join_code=code.strip().upper(), archived_at__isnull=True).first()


def students_of_class(*, school_class: SchoolClass):
    return StudentProfile.objects.filter(school_class=school_class).order_by("pseudonym")
