"""Writes on people and classes (`<thing>_<action>`): teacher accounts, classes and their codes, students and their
pass phrases, and deleting them with everything they left (attempts and answers cascade from the user)."""

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import SchoolClass, StudentProfile, TeacherProfile, new_join_code
from .names import name_skeleton
from .passphrases import new_passphrase

User = get_user_model()

# ---------------------------------------------------------------------------------------------------- teachers


def teacher_create(*, name: str, school: str, email: str, password: str, role: str) -> TeacherProfile:
    """The e-mail address is the username, lower-cased, so it is unique whatever the capitals."""
    with transaction.atomic():
        user = User.objects.create_user(username=email.lower(), email=email.lower(), password=password)
        return TeacherProfile.objects.create(user=user, name=name, school=school, role=role)


MAX_CODE_TRIES = 20


def _with_fresh_code(save) -> None:
    """Run `save(code)` with new codes until the unique constraint on active codes accepts one."""
    for _ in range(MAX_CODE_TRIES):
        try:
            with transaction.atomic():
                save(new_join_code())
            return
        except IntegrityError:
            continue
    raise RuntimeError("No free class code found.")


def school_class_create(*, teacher: AbstractBaseUser, name: str) -> SchoolClass:
    school_class = SchoolClass(teacher=teacher, name=name)

    def save(code: str) -> None:
        school_class.pk, school_class.join_code = None, code
        school_class.save(force_insert=True)

    _with_fresh_code(save)
    return school_class


def school_class_rename(*, school_class: SchoolClass, name: str) -> None:
    school_class.name = name
    school_class.save(update_fields=["name"])


def school_class_archive(*, school_class: SchoolClass) -> None:
    """Students of an archived class can no longer sign in; the teacher can still read and export it."""
    school_class.archived_at = timezone.now()
    school_class.save(update_fields=["archived_at"])


def school_class_regenerate_code(*, school_class: SchoolClass) -> None:
    def save(code: str) -> None:
        SchoolClass.objects.filter(pk=school_class.pk).update(join_code=code, joining_open=True)
        school_class.join_code, school_class.joining_open = code, True

    _with_fresh_code(save)


def school_class_set_joining(*, school_class: SchoolClass, is_open: bool) -> None:
    school_class.joining_open = is_open
    school_class.save(update_fields=["joining_open"])


def school_class_delete(*, school_class: SchoolClass) -> None:
    """The class with its students' accounts, attempts and answers (they cascade from the users)."""
    with transaction.atomic():
        User.objects.filter(student_profile__school_class=school_class).delete()
        school_class.delete()


def classes_purge_archived(*, older_than: timedelta) -> int:
    """Delete classes archived longer ago than `older_than`; returns how many."""
    old = list(SchoolClass.objects.filter(archived_at__lt=timezone.now() - older_than))
    for school_class in old:
        school_class_delete(school_class=school_class)
    return len(old)


class NameTaken(Exception):
    """The name, or a name that looks the same (accounts/names.py), is already in the class."""


class ClassFull(Exception):
    """The teacher's limit on pupils joining with the code is used up."""


@dataclass(frozen=True)
class NewStudent:
    """A student just made, with the pass phrase in plain text: shown once, then only its hash remains."""

    profile: StudentProfile
    passphrase: str


def student_create(*, school_class: SchoolClass, pseudonym: str) -> NewStudent:
    passphrase = new_passphrase()
    try:
        with transaction.atomic():
            user = User.objects.create_user(username=f"leerling-{secrets.token_hex(8)}", password=passphrase)
            profile = StudentProfile.objects.create(
                user=user, school_class=school_class, pseudonym=pseudonym, name_skeleton=name_skeleton(pseudonym)
            )
    except IntegrityError as error:
        raise NameTaken(pseudonym) from error
    return NewStudent(profile=profile, passphrase=passphrase)


def student_join(*, school_class: SchoolClass, pseudonym: str) -> NewStudent:
    """A pupil joining with the class code: takes one of the places the teacher left open, if there is a limit.
    The place is taken by a conditional UPDATE in the same transaction as the new account, so 30 pupils at once
    against 5 places make exactly 5 accounts, and a refused name gives its place back (the transaction rolls back)."""
    with transaction.atomic():
        limited = SchoolClass.objects.filter(pk=school_class.pk, joins_left__isnull=False)
        if limited.exists() and not limited.filter(joins_left__gt=0).update(joins_left=F("joins_left") - 1):
            raise ClassFull(school_class.public_id)
        return student_create(school_class=school_class, pseudonym=pseudonym)


def school_class_set_joins_left(*, school_class: SchoolClass, joins_left: int | None) -> None:
    """How many more pupils may join with the code (None: as many as like)."""
    school_class.joins_left = joins_left
    school_class.save(update_fields=["joins_left"])


def students_create(*, school_class: SchoolClass, pseudonyms: list[str]) -> tuple[list[NewStudent], list[str]]:
    """Returns the students made and the names that were already taken."""
    made, taken = [], []
    for pseudonym in pseudonyms:
        try:
            made.append(student_create(school_class=school_class, pseudonym=pseudonym))
        except NameTaken:
            taken.append(pseudonym)
    return made, taken


def student_reset_passphrase(*, student: StudentProfile) -> NewStudent:
    """A new pass phrase; the old one stops working at once, and the student's other sessions end."""
    passphrase = new_passphrase()
    user = student.user
    user.set_password(passphrase)
    user.save(update_fields=["password"])  # the session hash changes, so other sessions are signed out
    return NewStudent(profile=student, passphrase=passphrase)


def student_delete(*, student: StudentProfile) -> None:
    """The account with every attempt and answer (they cascade from the user)."""
    student.user.delete()
