"""The student pages under /klas/: log in with class code + name + pass phrase, join a class, and "Mijn
opdrachten" with a derived status per assignment. Exercises themselves run under /oefenen/ as the signed-in user."""

from django.contrib.auth import authenticate, login, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import selectors as people
from accounts import services as people_services
from accounts.backends import student_account, student_backend_path
from accounts.forms import JoinForm, StudentLoginForm
from accounts.login import LOGIN_FAILED, TOO_MANY_TRIES, join_code_failed, login_attempt, login_blocked, login_succeeded
from accounts.roles import is_student
from accounts.sso.doors import entree_enabled, pending_link, pupil_can_wait
from core.http import private

from ..practice.selectors import attempt_summary
from . import selectors
from .access import student_required

S = "lessons/student/"
JOIN_CLOSED = "Met deze code kun je je nu niet aanmelden. Vraag je docent om de goede klascode."
CLASS_FULL = "Er kunnen geen leerlingen meer bij in deze klas. Vraag je docent om je toe te voegen."
NAME_TAKEN = (
    "Deze naam is al gekozen in deze klas, of lijkt er te veel op. Kies een andere naam, bijvoorbeeld met de "
    "eerste letter van je achternaam."
)


@private
@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    if request.method == "GET" and is_student(request.user):
        return redirect("student:assignments")
    initial = {"code": request.GET.get("code", ""), "name": request.GET.get("naam", "")}
    form = StudentLoginForm(request.POST if request.method == "POST" else None, initial=initial)
    error, status = "", 400 if form.errors else 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data  # the backend counts each try before checking it (accounts/login.py)
        user = authenticate(request, class_code=data["code"], pseudonym=data["name"], passphrase=data["passphrase"])
        if user is not None:
            login(request, user, backend=student_backend_path())
            return redirect("student:assignments")
        blocked = login_blocked(scope="student", account=student_account(data["code"], data["name"]), request=request)
        error, status = (TOO_MANY_TRIES, 429) if blocked else (LOGIN_FAILED, 400)
    context = {"form": form, "error": error, "entree": entree_enabled()}
    return render(request, S + "login.html", context, status=status)


@private
@require_http_methods(["GET", "POST"])
def join(request: HttpRequest) -> HttpResponse:
    form = JoinForm(request.POST if request.method == "POST" else None, initial={"code": request.GET.get("code", "")})
    error, status = "", 400 if form.errors else 200
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        school_class = people.active_class_for_code(code)
        if not login_attempt(scope="join", account=code, request=request):
            error, status = TOO_MANY_TRIES, 429  # guessing class codes is throttled like a login, on its own counter
        elif school_class is None or not school_class.joining_open:
            join_code_failed(request)
            error, status = JOIN_CLOSED, 400
        else:
            login_succeeded(scope="join", account=code, request=request)
            try:
                new = people_services.student_join(school_class=school_class, pseudonym=form.cleaned_data["name"])
            except people_services.NameTaken:
                error, status = NAME_TAKEN, 400
            except people_services.ClassFull:
                error, status = CLASS_FULL, 400
            else:
                login(request, new.profile.user, backend=student_backend_path())
                pending_link(request=request, user=new.profile.user)  # a first sign-in with a school account
                # The pass phrase is shown once, on this response; only its hash is stored.
                return render(request, S + "joined.html", {"new": new, "school_class": school_class})
    context = {"form": form, "error": error, "can_wait": pupil_can_wait(request)}
    return render(request, S + "join.html", context, status=status)


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("student:login")


@private
@student_required
@require_GET
def assignments(request: HttpRequest) -> HttpResponse:
    profile = request.user.student_profile
    context = {"profile": profile, "home": selectors.student_home(user=request.user)}
    return render(request, S + "assignments.html", context)


@private
@student_required
@require_GET
def assignment_detail(request: HttpRequest, assignment_id: str) -> HttpResponse:
    assignment = selectors.student_assignment_get_for_user(user=request.user, public_id=assignment_id)
    item = next(i for i in selectors.assignments_for_student(user=request.user) if i.assignment.pk == assignment.pk)
    summary = attempt_summary(attempt=item.attempt) if item.attempt else None
    return render(request, S + "assignment.html", {"item": item, "summary": summary})
