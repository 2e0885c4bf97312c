"""accounts/sso/saml.py against a test Entree (tests/sso/idp.py): a good assertion is accepted once; an unsigned
one, one for another audience, an expired one, a replay, one without a request of ours and one without an
affiliation are each refused with a reason, and nothing is stored."""

import time

import pytest

from accounts.sso.models import SchoolIdentity, SeenAssertion
from accounts.sso.saml import AssertionRefused, assertion_verify, encode, login_request

from .idp import ACS, entree_attributes, make_entree

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def entree():
    return make_entree()


def _send(entree, xml: str, request_id: str | None):
    outstanding = {request_id: "/"} if request_id else {}
    return assertion_verify(config=entree.sp, saml_response=encode(xml), outstanding=outstanding)


def test_a_signed_assertion_for_us_is_accepted_once(entree):
    request_id, _ = login_request(entree.sp)
    xml = entree.response(attributes=entree_attributes(affiliation="student", brin="12ab00"), in_response_to=request_id)

    identity = _send(entree, xml, request_id)

    assert (identity.uid, identity.affiliation, identity.brin) == ("a1b2c3-pseudo", "student", "12AB")
    assert SeenAssertion.objects.count() == 1
    with pytest.raises(AssertionRefused) as refused:
        _send(entree, xml, request_id)
    assert refused.value.reason == "replay"
    assert SeenAssertion.objects.count() == 1


def test_an_employee_is_an_employee(entree):
    request_id, _ = login_request(entree.sp)
    xml = entree.response(attributes=entree_attributes(affiliation="employee"), in_response_to=request_id)
    assert _send(entree, xml, request_id).affiliation == "employee"


def _refused(entree, xml, request_id) -> str:
    with pytest.raises(AssertionRefused) as refused:
        _send(entree, xml, request_id)
    assert SeenAssertion.objects.count() == 0 and SchoolIdentity.objects.count() == 0
    return refused.value.reason


def test_an_unsigned_assertion_is_refused(entree):
    request_id, _ = login_request(entree.sp)
    xml = entree.response(attributes=entree_attributes(), in_response_to=request_id, signed=False)
    assert _refused(entree, xml, request_id) == "signature"


def test_a_tampered_assertion_is_refused(entree):
    request_id, _ = login_request(entree.sp)
    xml = entree.response(attributes=entree_attributes(affiliation="student"), in_response_to=request_id)
    assert _refused(entree, xml.replace(">student<", ">employee<"), request_id) == "signature"


def test_an_assertion_for_another_service_is_refused(entree):
    request_id, _ = login_request(entree.sp)
    xml = entree.response(attributes=entree_attributes(), in_response_to=request_id, audience="https://other.example/")
    assert _refused(entree, xml, request_id) == "audience"


def test_an_expired_assertion_is_refused(entree, monkeypatch):
    request_id, _ = login_request(entree.sp)
    xml = entree.response(attributes=entree_attributes(), in_response_to=request_id)
    later = time.time() + 3600
    monkeypatch.setattr("saml2.time_util.utc_now", lambda: later)
    monkeypatch.setattr("saml2.validate.time_util.utc_now", lambda: later)
    assert _refused(entree, xml, request_id) == "expired"


def test_an_answer_to_no_request_of_ours_is_refused(entree):
    request_id, _ = login_request(entree.sp)
    xml = entree.response(attributes=entree_attributes(), in_response_to=request_id)
    assert _refused(entree, xml, None) == "unsolicited"


@pytest.mark.parametrize("affiliation", ["", "affiliate", "member"])
def test_an_assertion_without_a_known_affiliation_is_refused(entree, affiliation):
    request_id, _ = login_request(entree.sp)
    xml = entree.response(attributes=entree_attributes(affiliation=affiliation), in_response_to=request_id)
    assert _refused(entree, xml, request_id) == "affiliation_missing"


def test_the_acs_url_is_ours(entree):
    assert ACS in entree.response(attributes=entree_attributes(), in_response_to=None)
