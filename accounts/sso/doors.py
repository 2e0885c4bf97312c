"""Which school doors are open, and the hand-over of a first Entree sign-in to the class-join page: light, so the
login and join pages ask it without loading the SAML and OpenID Connect libraries (they load only when a door is
used: accounts/sso/urls.py mounts its views lazily)."""

from django.conf import settings
from django.http import HttpRequest

from . import identities
from .models import Affiliation, Provider

PENDING = "sso_pending"  # session key: the hashed identity waiting for its first class join


def entree_enabled() -> bool:
    return bool(settings.SSO_ENTREE_METADATA)


def microsoft_enabled() -> bool:
    return bool(settings.SSO_MICROSOFT_CLIENT_ID and settings.SSO_MICROSOFT_CLIENT_SECRET)


def pupil_can_wait(request: HttpRequest) -> bool:
    """Whether the join page offers "no class code? let a teacher of your school add you": a first Entree sign-in
    of a pupil whose school (BRIN) came along."""
    pending = request.session.get(PENDING) or {}
    return entree_enabled() and pending.get("affiliation") == Affiliation.STUDENT and bool(pending.get("brin"))


def pending_link(*, request: HttpRequest, user) -> bool:
    """Called by the class-join page after a pupil joined: links the school identity waiting in the session."""
    pending = request.session.pop(PENDING, None)
    if not pending:
        return False
    identities.pupil_wait_end(hashed=pending["hashed"])  # joined with a code after asking a teacher: no more waiting
    return (
        identities.identity_link(
            user=user,
            provider=Provider.ENTREE,
            hashed=pending["hashed"],
            affiliation=pending["affiliation"],
            brin=pending["brin"],
        )
        is not None
    )
