"""The Entree door: our SAML metadata, the redirect to Entree, and the assertion consumer (ACS).

Off (404) unless SSO_ENTREE_METADATA is set. The ACS is the one POST from another site: it is exempt from CSRF
(the signed assertion, answering the request id we set in a cookie of our own, is what protects it). That cookie is
SameSite=None because the identity provider's POST back is cross-site and a Lax session cookie would not come
along. A refused response gets a Dutch page (400), a `sso_refused` security-log line with the reason, and stores
nothing. A returning account is signed in; a first-time pupil joins a class with its code once (the /klas/aanmelden/
page, which links the identity it finds waiting in the session).
"""

import logging
from functools import lru_cache

from django.conf import settings
from django.contrib.auth import login
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from saml2.metadata import create_metadata_string

from core.security_log import SSO_REFUSED, security_event

from . import identities, saml
from .doors import PENDING, entree_enabled, pending_link, pupil_can_wait  # noqa: F401 (pupil_views reads them here)
from .forms import TeacherConfirmForm
from .models import Affiliation, Provider

REQUEST_COOKIE = "mdem_sso_request"
REQUEST_SALT = "accounts.sso.request"
REQUEST_MAX_AGE = 10 * 60


@lru_cache(maxsize=4)
def _config(metadata_file: str, site: str):
    with open(metadata_file, encoding="utf-8") as handle:
        idp_metadata = handle.read()
    return saml.sp_config(
        entity_id=f"{site}/inloggen/school/metadata/",
        acs_url=f"{site}/inloggen/school/acs/",
        idp_metadata=idp_metadata,
        key_file=settings.SSO_ENTREE_KEY_FILE,
        cert_file=settings.SSO_ENTREE_CERT_FILE,
    )


def config():
    if not entree_enabled():
        raise Http404
    return _config(settings.SSO_ENTREE_METADATA, settings.SSO_SITE_URL)


@require_GET
def metadata(request: HttpRequest) -> HttpResponse:
    """Our SP metadata at a stable URL, for Entree (or the Kennisnet test environment) to register."""
    xml = create_metadata_string(None, config=config(), valid=24 * 30)
    return HttpResponse(xml, content_type="application/samlmetadata+xml")


@never_cache
@require_GET
def entree_login(request: HttpRequest) -> HttpResponse:
    request_id, location = saml.login_request(config())
    response = redirect(location)
    response.set_cookie(
        REQUEST_COOKIE,
        signing.dumps(request_id, salt=REQUEST_SALT),
        max_age=REQUEST_MAX_AGE,
        httponly=True,
        secure=True,
        samesite="None",
    )
    return response


def _refused(request: HttpRequest, reason: str) -> HttpResponse:
    security_event(request, SSO_REFUSED, scope="entree", reason=reason, level=logging.WARNING)
    response = render(request, "accounts/sso_refused.html", {"reason": reason}, status=400)
    response.delete_cookie(REQUEST_COOKIE, samesite="None")
    return response


@csrf_exempt
@never_cache
@require_POST
def entree_acs(request: HttpRequest) -> HttpResponse:
    sp = config()
    try:
        request_id = signing.loads(request.COOKIES.get(REQUEST_COOKIE, ""), salt=REQUEST_SALT, max_age=REQUEST_MAX_AGE)
    except signing.BadSignature:
        request_id = ""
    raw = request.POST.get("SAMLResponse", "")
    if not raw or len(raw) > 200_000:
        return _refused(request, "missing")
    try:
        identity = saml.assertion_verify(
            config=sp, saml_response=raw, outstanding={request_id: "/"} if request_id else {}
        )
    except saml.AssertionRefused as refusal:
        return _refused(request, refusal.reason)
    known = identities.identity_find(provider=Provider.ENTREE, subject=identity.uid)
    if known is not None:
        login(request, known.user, backend=_backend_for(known.affiliation))
        response = redirect("student:assignments" if known.affiliation == Affiliation.STUDENT else "teacher:home")
    else:
        request.session.cycle_key()
        request.session[PENDING] = {
            "hashed": identities.subject_hash(provider=Provider.ENTREE, subject=identity.uid),
            "affiliation": identity.affiliation,
            "brin": identity.brin,
        }
        response = redirect("student:join" if identity.affiliation == Affiliation.STUDENT else "sso:teacher")
    response.delete_cookie(REQUEST_COOKIE, samesite="None")
    return response


def _backend_for(affiliation: str) -> str:
    from accounts.backends import student_backend_path

    return student_backend_path() if affiliation == Affiliation.STUDENT else "accounts.backends.AccountBackend"


@never_cache
@require_http_methods(["GET", "POST"])
def teacher_confirm(request: HttpRequest) -> HttpResponse:
    """An employee's first Entree sign-in: they confirm once (name, school) and get a teacher account."""
    config()  # 404 when Entree is off
    pending = request.session.get(PENDING)
    if not pending or pending.get("affiliation") != Affiliation.EMPLOYEE:
        return redirect("teacher:login")
    form = TeacherConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        made = identities.teacher_create_from_school(
            name=form.cleaned_data["name"],
            school=form.cleaned_data["school"],
            hashed=pending["hashed"],
            brin=pending["brin"],
        )
        request.session.pop(PENDING, None)
        if made is None:
            return redirect("teacher:login")
        login(request, made.user, backend=_backend_for(Affiliation.EMPLOYEE))
        return redirect("teacher:home")
    return render(request, "accounts/sso_teacher_confirm.html", {"form": form}, status=400 if form.errors else 200)
