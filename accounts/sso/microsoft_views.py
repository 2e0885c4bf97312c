"""The Microsoft door for teachers: the redirect to Microsoft, the callback, and a first sign-in's two ways on.

Off (404) unless SSO_MICROSOFT_CLIENT_ID and its secret are set. The callback answers only a request this browser
started (the state in its session, used once); oidc.identity_verify checks the token and the tenant. A refused
sign-in gets a Dutch page (400), a `sso_refused` security-log line (scope "microsoft") with the reason, and stores
nothing. A returning teacher is signed in. A first sign-in waits in the session (hashed) until the teacher either
confirms a new account once (name, school), or links it to an existing account by typing that account's e-mail
and password: never by matching an e-mail address, which we do not even ask Microsoft for.
"""

import logging

from django.contrib.auth import authenticate, login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from accounts.backends import account_backend_path
from accounts.login import LOGIN_FAILED, TOO_MANY_TRIES, login_blocked, login_failed, remember_session
from accounts.roles import is_teacher
from core.security_log import LOGIN_FAILED as LOGIN_FAILED_EVENT
from core.security_log import SSO_REFUSED, security_event

from . import identities, oidc
from .forms import AccountPasswordForm, TeacherConfirmForm
from .models import Affiliation, Provider

PENDING = "sso_microsoft_pending"  # session key: the hashed Microsoft identity waiting for its first link
STATES = "oidc_states"  # where mozilla-django-oidc keeps state -> nonce and PKCE verifier
A = "accounts/"


@never_cache
@require_GET
def microsoft_login(request: HttpRequest) -> HttpResponse:
    oidc.require_enabled()
    return oidc.MicrosoftRequestView.as_view()(request)


def _sign_in(request: HttpRequest, user) -> None:
    """As the password login without "onthoud mij": on a shared school computer the session ends with the browser,
    or after a working day."""
    login(request, user, backend=account_backend_path())
    remember_session(request, remember=False)


def _refused(request: HttpRequest, reason: str) -> HttpResponse:
    security_event(request, SSO_REFUSED, scope="microsoft", reason=reason, level=logging.WARNING)
    return render(request, A + "sso_microsoft_refused.html", {"reason": reason}, status=400)


def _take_state(request: HttpRequest) -> dict | None:
    """The nonce and PKCE verifier kept for this state, removed from the session: a state works once."""
    states = request.session.get(STATES)
    state = request.GET.get("state", "")
    if not isinstance(states, dict) or not state or state not in states:
        return None
    entry = states.pop(state)
    request.session[STATES] = states
    request.session.save()  # before the slow token exchange, so a second tab with the same state finds it gone
    return entry if isinstance(entry, dict) and entry.get("nonce") else None


@never_cache
@require_GET
def microsoft_callback(request: HttpRequest) -> HttpResponse:
    oidc.require_enabled()
    entry = _take_state(request)
    if request.GET.get("error"):
        return _refused(request, "provider_error")
    if entry is None or not request.GET.get("code"):
        return _refused(request, "state")
    try:
        identity = oidc.identity_verify(request, nonce=entry["nonce"], code_verifier=entry.get("code_verifier"))
    except oidc.TokenRefused as refusal:
        return _refused(request, refusal.reason)
    known = identities.identity_find(provider=Provider.MICROSOFT, subject=identity.subject)
    if known is not None and is_teacher(known.user):
        _sign_in(request, known.user)
        return redirect("teacher:home")
    if known is not None:
        return _refused(request, "not_teacher")
    request.session.cycle_key()
    request.session[PENDING] = {
        "hashed": identities.subject_hash(provider=Provider.MICROSOFT, subject=identity.subject),
        "tenant": identity.tenant,
    }
    return redirect("sso:microsoft_new")


@never_cache
@require_http_methods(["GET", "POST"])
def microsoft_new(request: HttpRequest) -> HttpResponse:
    """A first Microsoft sign-in: the teacher confirms a new account once (name, school), or goes on to link it."""
    oidc.require_enabled()
    pending = request.session.get(PENDING)
    if not pending:
        return redirect("teacher:login")
    form = TeacherConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        made = identities.teacher_create_from_school(
            name=form.cleaned_data["name"],
            school=form.cleaned_data["school"],
            hashed=pending["hashed"],
            provider=Provider.MICROSOFT,
            tenant=pending["tenant"],
        )
        request.session.pop(PENDING, None)
        if made is None:
            return redirect("teacher:login")
        _sign_in(request, made.user)
        return redirect("teacher:home")
    return render(request, A + "sso_microsoft_new.html", {"form": form}, status=400 if form.errors else 200)


@never_cache
@require_http_methods(["GET", "POST"])
def microsoft_link(request: HttpRequest) -> HttpResponse:
    """Link the waiting Microsoft sign-in to an existing teacher account, after its e-mail and password: the same
    counted check as the teachers' login (accounts/backends.py), so this page is no way around its limits."""
    oidc.require_enabled()
    pending = request.session.get(PENDING)
    if not pending:
        return redirect("teacher:login")
    form = AccountPasswordForm(request.POST if request.method == "POST" else None)
    error, status = "", 400 if form.errors else 200
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].lower()
        user = authenticate(request, username=email, password=form.cleaned_data["password"])
        if user is not None and is_teacher(user):
            linked = identities.identity_link(
                user=user,
                provider=Provider.MICROSOFT,
                hashed=pending["hashed"],
                affiliation=Affiliation.EMPLOYEE,
                tenant=pending["tenant"],
            )
            request.session.pop(PENDING, None)
            if linked is None:  # linked meanwhile (another tab): sign in with Microsoft again
                return redirect("teacher:login")
            _sign_in(request, user)
            return redirect("teacher:home")
        if user is not None:  # the right password of an account that is no teacher's: counts as a failure
            login_failed(scope="teacher", account=email, request=request)
            security_event(request, LOGIN_FAILED_EVENT, scope="password", account=email)
        blocked = login_blocked(scope="teacher", account=email, request=request)
        error, status = (TOO_MANY_TRIES, 429) if blocked else (LOGIN_FAILED, 400)
    return render(request, A + "sso_microsoft_link.html", {"form": form, "error": error}, status=status)
