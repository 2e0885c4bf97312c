"""accounts/sso: a school identity is stored only as a keyed hash, linked once, and an assertion works only once."""

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.utils import timezone

from accounts.sso import identities
from accounts.sso.models import SchoolIdentity, SeenAssertion
from tests.factories import TeacherFactory

SECRET = "s" * 40
UID = "8f2c6a1e-entree-uid-0001"


@pytest.fixture(autouse=True)
def _secret(settings):
    settings.SSO_SUBJECT_SECRET = SECRET


def test_the_uid_is_stored_only_as_a_keyed_hash(db):
    user = TeacherFactory().user
    identity = identities.identity_link(
        user=user, provider="entree", subject=UID, affiliation="employee", brin=" 12ab "
    )

    row = SchoolIdentity.objects.values().get(pk=identity.pk)
    assert UID not in str(row) and len(row["subject_hash"]) == 64
    assert row["brin"] == "12AB"
    assert identities.identity_find(provider="entree", subject=UID).user == user
    assert identities.identity_find(provider="microsoft", subject=UID) is None  # per provider


def test_another_secret_gives_another_hash(settings):
    first = identities.subject_hash(provider="entree", subject=UID)
    settings.SSO_SUBJECT_SECRET = "t" * 40
    assert identities.subject_hash(provider="entree", subject=UID) != first


@pytest.mark.parametrize("secret", ["", "short"])
def test_a_missing_or_short_secret_fails_loudly(settings, secret):
    settings.SSO_SUBJECT_SECRET = secret
    with pytest.raises(ImproperlyConfigured, match="SSO_SUBJECT_SECRET"):
        identities.subject_hash(provider="entree", subject=UID)


def test_an_identity_links_once_and_the_first_link_stands(db):
    first, other = TeacherFactory().user, TeacherFactory().user
    assert identities.identity_link(user=first, provider="entree", subject=UID, affiliation="student")
    assert identities.identity_link(user=other, provider="entree", subject=UID, affiliation="student") is None
    assert SchoolIdentity.objects.get().user == first


@pytest.mark.parametrize("raw", ["", "ABCD", "12AB00X", "12-AB", "<b>12AB"])
def test_a_value_that_is_no_brin_is_dropped(raw):
    assert identities.clean_brin(raw) == ""


def test_an_assertion_is_accepted_once(db):
    later = timezone.now() + timedelta(minutes=5)
    assert identities.assertion_accept(provider="entree", assertion_id="_abc", expires_at=later)
    assert not identities.assertion_accept(provider="entree", assertion_id="_abc", expires_at=later)
    assert not identities.assertion_accept(provider="entree", assertion_id="_old", expires_at=timezone.now())
    assert not identities.assertion_accept(provider="entree", assertion_id="", expires_at=later)
    assert SeenAssertion.objects.count() == 1


def test_expired_assertions_are_purged(db):
    now = timezone.now()
    identities.assertion_accept(provider="entree", assertion_id="_a", expires_at=now + timedelta(minutes=1))
    identities.assertion_accept(provider="entree", assertion_id="_b", expires_at=now + timedelta(minutes=10))
    assert identities.assertions_purge(now=now + timedelta(minutes=5)) == 1
    assert SeenAssertion.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_same_assertion_sent_twice_at_once_is_accepted_once():
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers; the race needs PostgreSQL")
    later = timezone.now() + timedelta(minutes=5)

    def accept(_):
        try:
            return identities.assertion_accept(provider="entree", assertion_id="_race", expires_at=later)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(accept, range(4)))
    assert results.count(True) == 1 and SeenAssertion.objects.count() == 1


def test_the_daily_purge_command(db):
    from io import StringIO

    from django.core.management import call_command

    identities.assertion_accept(provider="entree", assertion_id="_c", expires_at=timezone.now() + timedelta(seconds=1))
    SeenAssertion.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    out = StringIO()
    call_command("purge_sso_assertions", stdout=out)
    assert "1 verlopen" in out.getvalue() and not SeenAssertion.objects.exists()
