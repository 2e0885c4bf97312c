"""Checking an Entree Federatie SAML response (pysaml2 with xmlsec1): the security-critical half of the SAML door.

`assertion_verify` accepts a response only when
- the assertion is signed by the identity provider in the configured metadata (`want_assertions_signed`),
- it is meant for us (audience = our entity id) and answers a request we sent (`outstanding`), unless that is off,
- it is inside its time window (NotBefore / NotOnOrAfter, with `ACCEPTED_CLOCK_SKEW` seconds of slack),
- its ID was never accepted before (identities.assertion_accept: a replay is refused, also when two arrive at once),
- it carries a uid and an affiliation we know (student or employee).
Anything else raises `AssertionRefused` with a short reason for the security log; nothing is stored then. What is
returned holds the raw uid only in memory: callers hash it (identities.subject_hash) before storing anything.

Entree names (per its attribute list): `uid` (a pseudonym per service), `eduPersonAffiliation`,
`nlEduPersonHomeOrganizationId` (BRIN) and `nlEduPersonHomeOrganizationBranchId` (BRIN + location), and
`schacHomeOrganization` (the school's domain). Names, e-mail and the ECK iD are not asked for and are ignored.
"""

import base64
from dataclasses import dataclass
from datetime import UTC, datetime

from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.client import Saml2Client
from saml2.config import SPConfig
from saml2.response import StatusError
from saml2.sigver import SignatureError
from saml2.validate import ResponseLifetimeExceed, ToEarly

from . import identities
from .models import Affiliation, Provider

ACCEPTED_CLOCK_SKEW = 60  # seconds
UID_NAMES = ("uid", "urn:mace:dir:attribute-def:uid", "urn:oid:0.9.2342.19200300.100.1.1")
AFFILIATION_NAMES = (
    "eduPersonAffiliation",
    "urn:mace:dir:attribute-def:eduPersonAffiliation",
    "urn:oid:1.3.6.1.4.1.5923.1.1.1.1",
)
BRIN_NAMES = ("nlEduPersonHomeOrganizationId", "nlEduPersonHomeOrganizationBranchId")
# eduPersonAffiliation values we act on; "staff", "faculty" are employees too.
AFFILIATIONS = {
    "student": Affiliation.STUDENT,
    "employee": Affiliation.EMPLOYEE,
    "staff": Affiliation.EMPLOYEE,
    "faculty": Affiliation.EMPLOYEE,
}


class AssertionRefused(Exception):
    """A response we do not accept; `reason` is a short code for the security log (never the response itself)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class EntreeIdentity:
    uid: str
    affiliation: str
    brin: str


def sp_config(*, entity_id: str, acs_url: str, idp_metadata: str, key_file: str = "", cert_file: str = "") -> SPConfig:
    """Our service provider: signed assertions required, no unsolicited responses, only the configured IdP."""
    config = SPConfig()
    config.load(
        {
            "entityid": entity_id,
            "xmlsec_binary": "/usr/bin/xmlsec1",
            "metadata": {"inline": [idp_metadata]},
            "accepted_time_diff": ACCEPTED_CLOCK_SKEW,
            "allow_unknown_attributes": True,
            "key_file": key_file or None,
            "cert_file": cert_file or None,
            "service": {
                "sp": {
                    "name": "Meer dan een mening",
                    "endpoints": {"assertion_consumer_service": [(acs_url, BINDING_HTTP_POST)]},
                    "want_assertions_signed": True,
                    "want_response_signed": False,
                    "allow_unsolicited": False,
                    "authn_requests_signed": bool(key_file),
                    "required_attributes": ["uid", "eduPersonAffiliation"],
                    "optional_attributes": ["nlEduPersonHomeOrganizationId", "schacHomeOrganization"],
                }
            },
        }
    )
    return config


def login_request(config: SPConfig) -> tuple[str, str]:
    """(request id to keep in the session, URL to send the browser to)."""
    client = Saml2Client(config)
    request_id, info = client.prepare_for_authenticate(binding=BINDING_HTTP_REDIRECT)
    location = dict(info["headers"])["Location"]
    return request_id, location


def assertion_verify(*, config: SPConfig, saml_response: str, outstanding: dict[str, str]) -> EntreeIdentity:
    client = Saml2Client(config)
    try:
        response = client.parse_authn_request_response(saml_response, BINDING_HTTP_POST, outstanding=outstanding)
    except (SignatureError, ValueError, TypeError) as error:
        raise AssertionRefused("signature" if isinstance(error, SignatureError) else "invalid") from error
    except ResponseLifetimeExceed as error:
        raise AssertionRefused("expired") from error
    except ToEarly as error:
        raise AssertionRefused("not_yet_valid") from error
    except StatusError as error:
        raise AssertionRefused("status") from error
    except Exception as error:  # pysaml2 raises many kinds (unsolicited, audience, ...): all are refusals
        raise AssertionRefused(_reason(error)) from error
    if response is None or response.assertion is None:
        raise AssertionRefused("invalid")
    if not response.assertion.signature:  # want_assertions_signed, checked again here on purpose
        raise AssertionRefused("signature")
    identity = _identity(response.get_identity())
    expires = _not_on_or_after(response)
    if not identities.assertion_accept(
        provider=Provider.ENTREE, assertion_id=response.assertion.id, expires_at=expires
    ):
        raise AssertionRefused("replay")
    return identity


def _reason(error: Exception) -> str:
    text = type(error).__name__.lower() + " " + str(error).lower()
    for word, reason in (
        ("audience", "audience"),
        ("unsolicited", "unsolicited"),
        ("signed", "signature"),
        ("signature", "signature"),
        ("too old", "expired"),
    ):
        if word in text:
            return reason
    return "invalid"


def _first(attributes: dict, names: tuple[str, ...]) -> list[str]:
    for name in names:
        if attributes.get(name):
            return [str(value) for value in attributes[name]]
    return []


def _identity(attributes: dict) -> EntreeIdentity:
    uid = _first(attributes, UID_NAMES)
    affiliations = [AFFILIATIONS[v.lower()] for v in _first(attributes, AFFILIATION_NAMES) if v.lower() in AFFILIATIONS]
    if not uid or not uid[0].strip():
        raise AssertionRefused("uid_missing")
    if not affiliations:
        raise AssertionRefused("affiliation_missing")
    # Someone who is both (a teacher who also studies) signs in as an employee only when nothing says student.
    affiliation = Affiliation.STUDENT if Affiliation.STUDENT in affiliations else Affiliation.EMPLOYEE
    brin = next((identities.clean_brin(v)[:4] for v in _first(attributes, BRIN_NAMES) if identities.clean_brin(v)), "")
    return EntreeIdentity(uid=uid[0].strip(), affiliation=affiliation.value, brin=brin)


def _not_on_or_after(response) -> datetime:
    confirmations = response.assertion.subject.subject_confirmation or []
    stamps = [c.subject_confirmation_data.not_on_or_after for c in confirmations if c.subject_confirmation_data]
    stamps += [response.assertion.conditions.not_on_or_after] if response.assertion.conditions else []
    parsed = [datetime.strptime(s[:19], "%Y-%m-%dT%H:%M:%S").replace(tzinfo=UTC) for s in stamps if s]
    if not parsed:
        raise AssertionRefused("no_expiry")
    return min(parsed)


def encode(xml: str) -> str:
    """Base64 as the browser posts it (SAMLResponse), for the test identity provider."""
    return base64.b64encode(xml.encode()).decode()
