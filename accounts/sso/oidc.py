"""Checking a Microsoft (OpenID Connect) sign-in: the security-critical half of the Microsoft door.

mozilla-django-oidc does the protocol: the authorisation request with state, nonce and PKCE (S256), exchanging the
code at the token endpoint with our client secret, finding the signing key in Microsoft's JWKS and checking the
nonce. Its own ID-token check skips the audience and the issuer, so `MicrosoftBackend._verify_jws` replaces it:
an ID token is accepted only when
- it is signed with RS256 by a key from the configured authority's JWKS,
- it is meant for us (aud = our client id) and issued by Microsoft for the tenant it names (iss),
- it is inside its time window (exp, nbf, iat; `ACCEPTED_CLOCK_SKEW` seconds of slack),
- it answers the request this browser started (state and nonce from the session; each used once),
- its tenant (`tid`) is on the allow-list (SSO_MICROSOFT_TENANTS), and it was never accepted before.
Anything else raises `TokenRefused` with a short reason for the security log; nothing is stored then.

Only `tid` and `oid` (or `sub`) are read: no name, e-mail or other claim. Settings come from SSO_MICROSOFT_* (see
edu/settings/base.py), mapped here onto the library's OIDC_* names, so nothing is on unless configured.
"""

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

import jwt
import requests
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.http import Http404, HttpRequest
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationRequestView

from . import identities
from .doors import microsoft_enabled
from .models import Provider

ACCEPTED_CLOCK_SKEW = 60  # seconds
ALGORITHM = "RS256"  # what Microsoft signs ID tokens with


class TokenRefused(Exception):
    """A sign-in we do not accept; `reason` is a short code for the security log (never the token itself)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class MicrosoftIdentity:
    subject: str  # "<tid>:<oid>": the raw value, kept only in memory; callers store its hash
    tenant: str


def require_enabled() -> None:
    if not microsoft_enabled():
        raise Http404


def endpoints() -> dict[str, str]:
    """Microsoft's endpoints under an authority ("https://login.microsoftonline.com/organizations")."""
    authority = settings.SSO_MICROSOFT_AUTHORITY.rstrip("/")
    return {
        "authorization_endpoint": f"{authority}/oauth2/v2.0/authorize",
        "token_endpoint": f"{authority}/oauth2/v2.0/token",
        "jwks_uri": f"{authority}/discovery/v2.0/keys",
    }


def issuer_for(tenant: str) -> str:
    """The issuer Microsoft puts in a v2.0 ID token for a tenant: https://login.microsoftonline.com/<tid>/v2.0."""
    parts = urlsplit(settings.SSO_MICROSOFT_AUTHORITY)
    return f"{parts.scheme}://{parts.netloc}/{tenant}/v2.0"


def _library_settings() -> dict:
    found = endpoints()
    return {
        "OIDC_RP_CLIENT_ID": settings.SSO_MICROSOFT_CLIENT_ID,
        "OIDC_RP_CLIENT_SECRET": settings.SSO_MICROSOFT_CLIENT_SECRET,
        "OIDC_OP_AUTHORIZATION_ENDPOINT": found["authorization_endpoint"],
        "OIDC_OP_TOKEN_ENDPOINT": found["token_endpoint"],
        "OIDC_OP_JWKS_ENDPOINT": found["jwks_uri"],
        "OIDC_OP_USER_ENDPOINT": "",  # not used: the ID token holds all we read
        "OIDC_RP_SIGN_ALGO": ALGORITHM,
        "OIDC_RP_SCOPES": "openid profile",  # profile: Microsoft sends `oid` only with it
        "OIDC_USE_NONCE": True,
        "OIDC_USE_PKCE": True,
        "OIDC_AUTHENTICATION_CALLBACK_URL": "sso:microsoft_callback",
        "OIDC_AUTH_REQUEST_EXTRA_PARAMS": {"prompt": "select_account"},  # a shared school computer: ask who
        "OIDC_STORE_ACCESS_TOKEN": False,
        "OIDC_STORE_ID_TOKEN": False,
        "OIDC_TIMEOUT": 10,
        "OIDC_VERIFY_SSL": True,
        "OIDC_REDIRECT_FIELD_NAME": "next",
    }


def _setting(attr: str, *default):
    values = _library_settings()
    if attr in values:
        return values[attr]
    if default:
        return default[0]
    raise ImproperlyConfigured(f"accounts/sso/oidc.py does not set {attr}.")


class MicrosoftRequestView(OIDCAuthenticationRequestView):
    """The library's redirect to Microsoft, with our settings: state, nonce and PKCE kept in the session."""

    get_settings = staticmethod(_setting)


class MicrosoftBackend(OIDCAuthenticationBackend):
    """The library's code exchange and key lookup, with a stricter ID-token check. Not in AUTHENTICATION_BACKENDS:
    the Microsoft callback calls it and then decides itself whom to sign in."""

    get_settings = staticmethod(_setting)

    def _verify_jws(self, payload, key):
        if jwt.get_unverified_header(payload).get("alg") != ALGORITHM:
            raise TokenRefused("signature")
        claims = jwt.decode(
            payload,
            key,
            algorithms=[ALGORITHM],
            audience=settings.SSO_MICROSOFT_CLIENT_ID,
            leeway=ACCEPTED_CLOCK_SKEW,
            options={"require": ["exp", "iat", "aud", "iss", "tid"]},
        )
        if claims["iss"] != issuer_for(str(claims["tid"])):
            raise TokenRefused("issuer")
        return claims

    def get_or_create_user(self, access_token, id_token, payload):
        return payload  # the verified claims; the callback links or signs in


def _claims(request: HttpRequest, *, nonce: str, code_verifier: str | None) -> dict:
    try:
        claims = MicrosoftBackend().authenticate(request, nonce=nonce, code_verifier=code_verifier)
    except TokenRefused:
        raise
    except jwt.ExpiredSignatureError as error:
        raise TokenRefused("expired") from error
    except jwt.ImmatureSignatureError as error:
        raise TokenRefused("not_yet_valid") from error
    except jwt.InvalidAudienceError as error:
        raise TokenRefused("audience") from error
    except jwt.InvalidIssuerError as error:
        raise TokenRefused("issuer") from error
    except jwt.InvalidSignatureError as error:
        raise TokenRefused("signature") from error
    except jwt.MissingRequiredClaimError as error:
        raise TokenRefused("claims_missing") from error
    except jwt.PyJWTError as error:
        raise TokenRefused("invalid") from error
    except SuspiciousOperation as error:  # the library's: a nonce that does not match, no key for the token
        raise TokenRefused("nonce" if "nonce" in str(error).lower() else "signature") from error
    except requests.RequestException as error:  # the token endpoint refused the code, or could not be reached
        raise TokenRefused("token") from error
    except (ValueError, KeyError, TypeError) as error:
        raise TokenRefused("invalid") from error
    if not isinstance(claims, dict):
        raise TokenRefused("invalid")
    return claims


def identity_verify(request: HttpRequest, *, nonce: str, code_verifier: str | None) -> MicrosoftIdentity:
    """The Microsoft identity behind the callback request, or TokenRefused. Records the nonce as used last, so a
    refused sign-in stores nothing."""
    claims = _claims(request, nonce=nonce, code_verifier=code_verifier)
    tenant = str(claims.get("tid", "")).lower()
    if tenant not in settings.SSO_MICROSOFT_TENANTS:
        raise TokenRefused("tenant")
    subject = str(claims.get("oid") or claims.get("sub") or "").strip()
    if not subject:
        raise TokenRefused("claims_missing")
    expires = datetime.fromtimestamp(int(claims["exp"]) + ACCEPTED_CLOCK_SKEW, tz=UTC)  # as long as it counts
    used = hashlib.sha256(f"{tenant}\x00{nonce}".encode()).hexdigest()
    if not identities.assertion_accept(provider=Provider.MICROSOFT, assertion_id=used, expires_at=expires):
        raise TokenRefused("replay")
    return MicrosoftIdentity(subject=f"{tenant}:{subject}", tenant=tenant)
