"""The teacher pages under /docent/: account, classes, students and their login cards, assignments, dashboard and
exports. Thin views: people and classes through accounts.services / accounts.selectors, assignments through this
package's services, selectors and exports; access in access.py and the `*_get_for_user` helpers."""

import json
from urllib.parse import urlencode

import segno
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth import views as auth_views
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from accounts import selectors as people
from accounts import services as people_services
from accounts import signup as signup_flow
from accounts.backends import account_backend_path
from accounts.forms import ClassNameForm, JoinLimitForm, StudentNamesForm, TeacherLoginForm, TeacherSignupForm
from accounts.login import LOGIN_FAILED, TOO_MANY_TRIES, login_blocked, login_failed, remember_session
from accounts.models import SchoolClass, TeacherRole
from accounts.roles import is_teacher
from accounts.sso.doors import microsoft_enabled
from accounts.sso.identities import teacher_brins
from core.http import private
from core.security_log import LOGIN_FAILED as LOGIN_FAILED_EVENT
from core.security_log import security_event

from . import dashboard_grid, exports, selectors, services
from .access import teacher_required
from .forms import AssignmentForm

T = "lessons/teacher/"

# ---------------------------------------------------------------------------------------------------- account


@private
@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    """The same answer for a new and a known address: an e-mail goes out either way (accounts/signup.py). Counted
    per client address and mailbox before the password is hashed, and hashed only in a free hashing slot."""
    form = TeacherSignupForm(request.POST if request.method == "POST" else None)  # an empty POST is told why
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not signup_flow.signup_allowed(request, email=data["email"]):
            context = {"form": form, "error": signup_flow.TOO_MANY_SIGNUPS}
            return render(request, T + "signup.html", context, status=429)
        with signup_flow.hashing_slot(request) as free:
            if not free:
                return render(request, T + "signup.html", {"form": form, "error": signup_flow.TOO_BUSY}, status=503)
            made = signup_flow.teacher_signup(
                name=data["name"],
                school=data["school"],
                email=data["email"],
                password=data["password"],
                role=data["role"],
            )
        signup_flow.signup_mail_send(signup=made, confirm_url_for=lambda uid, token: _confirm_url(request, uid, token))
        return render(request, T + "signup_sent.html")
    return render(request, T + "signup.html", {"form": form}, status=400 if form.errors else 200)


def _confirm_url(request: HttpRequest, uid: str, token: str) -> str:
    return request.build_absolute_uri(reverse("teacher:signup_confirm", args=[uid, token]))


@private
@require_http_methods(["GET", "POST"])
def signup_confirm(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """GET shows a button, POST confirms: a mail scanner that opens the link confirms nothing."""
    user = signup_flow.signup_user_for_link(uidb64=uidb64, token=token)
    if user is None:
        return render(request, T + "signup_confirm.html", {"valid": False}, status=400)
    if request.method == "POST":
        signup_flow.teacher_activate(user=user)
        login(request, user, backend=account_backend_path())
        remember_session(request, remember=False)
        return redirect(_landing(user))
    return render(request, T + "signup_confirm.html", {"valid": True})


@private
@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    """The backend counts each try before it checks the password (accounts/login.py): per account and per address,
    apart from the pupils' counters."""
    form = TeacherLoginForm(request.POST if request.method == "POST" else None)
    error, status = "", 400 if form.errors else 200
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].lower()
        user = authenticate(request, username=email, password=form.cleaned_data["password"])
        if user is not None and is_teacher(user):
            login(request, user)
            remember_session(request, remember=form.cleaned_data["remember"])
            return redirect(_safe_next(request, _landing(user)))
        if user is not None:  # the right password of an account that is no teacher's: counts as a failure
            login_failed(scope="teacher", account=email, request=request)
            security_event(request, LOGIN_FAILED_EVENT, scope="password", account=email)
        blocked = login_blocked(scope="teacher", account=email, request=request)
        error, status = (TOO_MANY_TRIES, 429) if blocked else (LOGIN_FAILED, 400)
    context = {"form": form, "error": error, "microsoft": microsoft_enabled()}
    return render(request, T + "login.html", context, status=status)


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("teacher:login")


class InvalidFormIs400:
    """For Django's password views: a refused form answers 400, as every form of ours does."""

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class PasswordResetView(InvalidFormIs400, auth_views.PasswordResetView):
    """At most a few reset mails an hour per account, and a limit per client address (accounts/signup.py). Over
    a limit nothing is sent, and the answer is the same as always: it never tells whether the address is known."""

    def form_valid(self, form):
        if signup_flow.reset_allowed(self.request, email=form.cleaned_data["email"]):
            return super().form_valid(form)
        return redirect(self.get_success_url())


class PasswordResetConfirmView(InvalidFormIs400, auth_views.PasswordResetConfirmView):
    pass


def _landing(user) -> str:
    """Where an account lands after signing in: a library or community-centre account on its live sessions (which
    link to its classes, if it has any), a teacher on its classes (which link to the live sessions)."""
    if user.teacher_profile.role == TeacherRole.HOST:
        return reverse("live:host_home")
    return reverse("teacher:home")


def _safe_next(request: HttpRequest, default: str) -> str:
    target = request.GET.get("next", "")
    return target if target.startswith("/docent/") and "//" not in target else default


# ---------------------------------------------------------------------------------------------------- classes


@private
@teacher_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    context = {
        "classes": people.classes_for_teacher(teacher=request.user),
        "form": ClassNameForm(),
        "school_brins": teacher_brins(user=request.user),  # signed in through Entree: may add their school's pupils
    }
    return render(request, T + "home.html", context)


@private
@teacher_required
@require_POST
def class_create(request: HttpRequest) -> HttpResponse:
    form = ClassNameForm(request.POST)
    if not form.is_valid():
        context = {"classes": people.classes_for_teacher(teacher=request.user), "form": form}
        return render(request, T + "home.html", context, status=400)
    school_class = people_services.school_class_create(teacher=request.user, name=form.cleaned_data["name"])
    return redirect("teacher:class_detail", class_id=school_class.public_id)


def _class_context(request: HttpRequest, school_class: SchoolClass, **extra) -> dict:
    context = {
        "school_class": school_class,
        "students": people.students_of_class(school_class=school_class),
        "assignments": selectors.assignments_for_class(school_class=school_class),
        "rename_form": ClassNameForm(initial={"name": school_class.name}),
        "names_form": StudentNamesForm(),
        "join_limit_form": JoinLimitForm(initial={"joins_left": school_class.joins_left}),
        "assignment_form": _assignment_form(),
    }
    context.update(extra)
    return context


def _assignment_form(data=None) -> AssignmentForm:
    return AssignmentForm(data, lessons=selectors.assignable_lessons(), sets=selectors.assignable_sets())


@private
@teacher_required
@require_GET
def class_detail(request: HttpRequest, class_id: str) -> HttpResponse:
    school_class = people.school_class_get_for_user(user=request.user, public_id=class_id)
    return render(request, T + "class_detail.html", _class_context(request, school_class))


@private
@teacher_required
@require_POST
def class_rename(request: HttpRequest, class_id: str) -> HttpResponse:
    school_class = people.school_class_get_for_user(user=request.user, public_id=class_id)
    form = ClassNameForm(request.POST)
    if not form.is_valid():
        context = _class_context(request, school_class, rename_form=form)
        return render(request, T + "class_detail.html", context, status=400)
    people_services.school_class_rename(school_class=school_class, name=form.cleaned_data["name"])
    return redirect("teacher:class_detail", class_id=class_id)


@private
@teacher_required
@require_POST
def class_archive(request: HttpRequest, class_id: str) -> HttpResponse:
    school_class = people.school_class_get_for_user(user=request.user, public_id=class_id)
    people_services.school_class_archive(school_class=school_class)
    return redirect("teacher:class_detail", class_id=class_id)


@private
@teacher_required
@require_POST
def class_code(request: HttpRequest, class_id: str) -> HttpResponse:
    """actie=nieuw: a new code (old cards stop working); uit / aan: switch joining with the code off or on."""
    school_class = people.school_class_get_for_user(user=request.user, public_id=class_id)
    action = request.POST.get("actie")
    if action == "nieuw":
        people_services.school_class_regenerate_code(school_class=school_class)
    elif action in {"uit", "aan"}:
        people_services.school_class_set_joining(school_class=school_class, is_open=action == "aan")
    else:
        return HttpResponse("Deze actie kennen we niet.", status=400)
    return redirect("teacher:class_detail", class_id=class_id)


@private
@teacher_required
@require_POST
def class_join_limit(request: HttpRequest, class_id: str) -> HttpResponse:
    """How many more pupils may join with the code; empty: no limit."""
    school_class = people.school_class_get_for_user(user=request.user, public_id=class_id)
    form = JoinLimitForm(request.POST)
    if not form.is_valid():
        context = _class_context(request, school_class, join_limit_form=form)
        return render(request, T + "class_detail.html", context, status=400)
    people_services.school_class_set_joins_left(school_class=school_class, joins_left=form.cleaned_data["joins_left"])
    return redirect(reverse("teacher:class_detail", args=[class_id]) + "#code")


@private
@teacher_required
@require_http_methods(["GET", "POST"])
def class_delete(request: HttpRequest, class_id: str) -> HttpResponse:
    school_class = people.school_class_get_for_user(user=request.user, public_id=class_id)
    if request.method == "POST":
        people_services.school_class_delete(school_class=school_class)
        return redirect("teacher:home")
    return render(request, T + "class_delete.html", {"school_class": school_class})


# ---------------------------------------------------------------------------------------------------- students


def login_card_qr(request: HttpRequest, school_class: SchoolClass, pseudonym: str) -> str:
    """An inline SVG QR code that opens the student login with class code and name filled in (not the phrase)."""
    url = request.build_absolute_uri(
        reverse("student:login") + "?" + urlencode({"code": school_class.join_code, "naam": pseudonym})
    )
    svg = segno.make(url, error="m").svg_inline(scale=4, title=f"QR-code naar de inlogpagina voor {pseudonym}")
    return mark_safe(
        svg.replace("<svg ", '<svg role="img" ', 1)
    )  # segno builds this markup itself and escapes the title


def _cards(
    request: HttpRequest, school_class: SchoolClass, made: list[people_services.NewStudent], **extra
) -> HttpResponse:
    cards = [
        {
            "name": new.profile.pseudonym,
            "passphrase": new.passphrase,
            "qr": login_card_qr(request, school_class, new.profile.pseudonym),
        }
        for new in made
    ]
    return render(request, T + "cards.html", {"school_class": school_class, "cards": cards, **extra})


@private
@teacher_required
@require_POST
def students_add(request: HttpRequest, class_id: str) -> HttpResponse:
    school_class = people.school_class_get_for_user(user=request.user, public_id=class_id)
    form = StudentNamesForm(request.POST)
    if not form.is_valid():
        return render(
            request, T + "class_detail.html", _class_context(request, school_class, names_form=form), status=400
        )
    made, taken = people_services.students_create(school_class=school_class, pseudonyms=form.cleaned_data["names"])
    return _cards(request, school_class, made, taken=taken, repeated=form.repeated)


@private
@teacher_required
@require_POST
def student_reset(request: HttpRequest, class_id: str, student_id: str) -> HttpResponse:
    school_class = people.school_class_get_for_user(user=request.user, public_id=class_id)
    student = people.student_get_for_user(user=request.user, school_class=school_class, public_id=student_id)
    return _cards(request, school_class, [people_services.student_reset_passphrase(student=student)], reset=True)


@private
@teacher_required
@require_http_methods(["GET", "POST"])
def student_delete(request: HttpRequest, class_id: str, student_id: str) -> HttpResponse:
    """GET says what will go (answers, work on assignments) and asks; POST deletes and says what went."""
    school_class = people.school_class_get_for_user(user=request.user, public_id=class_id)
    student = people.student_get_for_user(user=request.user, school_class=school_class, public_id=student_id)
    work = selectors.student_work(student=student)
    if request.method == "GET":
        context = {"school_class": school_class, "student": student, "work": work}
        return render(request, T + "student_delete.html", context)
    people_services.student_delete(student=student)
    messages.success(request, student_deleted_message(student.pseudonym, work))
    return redirect("teacher:class_detail", class_id=class_id)


def student_deleted_message(pseudonym: str, work: selectors.StudentWork) -> str:
    answers = "1 antwoord" if work.answers == 1 else f"{work.answers} antwoorden"
    if not work.assignments:
        return f"{pseudonym} is verwijderd, met het account, de wachtzin en {answers}."
    titles = ", ".join(work.assignments)
    return f"{pseudonym} is verwijderd, met het account, de wachtzin en {answers} bij: {titles}."


# ---------------------------------------------------------------------------------------------------- assignments


@private
@teacher_required
@require_POST
def assignment_create(request: HttpRequest, class_id: str) -> HttpResponse:
    school_class = people.school_class_get_for_user(user=request.user, public_id=class_id)
    form = _assignment_form(request.POST)
    if not form.is_valid():
        context = _class_context(request, school_class, assignment_form=form)
        return render(request, T + "class_detail.html", context, status=400)
    work = form.cleaned_data["work"]
    assignment = services.assignment_create(
        school_class=school_class,
        exercise_set=work.exercise_set,
        lesson=work.lesson,
        due_at=form.cleaned_data["due_at"],
        fresh_start=form.cleaned_data["poging"],
    )
    return redirect("teacher:assignment", class_id=class_id, assignment_id=assignment.public_id)


@private
@teacher_required
@vary_on_headers("HX-Request")
@require_GET
def assignment_dashboard(request: HttpRequest, class_id: str, assignment_id: str) -> HttpResponse:
    school_class = people.school_class_get_for_user(user=request.user, public_id=class_id)
    assignment = selectors.assignment_get_for_user(
        user=request.user, school_class=school_class, public_id=assignment_id
    )
    dashboard = selectors.assignment_dashboard(assignment=assignment)
    context = {
        "school_class": school_class,
        "dashboard": dashboard,
        "grid_rows": dashboard_grid.grid_rows(dashboard=dashboard, class_id=school_class.public_id),
        "updated_at": timezone.localtime(),
    }
    # htmx polls the live part of the page (the grid) while students are at work; see dashboard.html.
    return render(request, T + "dashboard.html" + ("#live" if request.htmx else ""), context)


# ---------------------------------------------------------------------------------------------------- exports


@private
@teacher_required
@require_GET
def assignment_csv(request: HttpRequest, class_id: str, assignment_id: str) -> HttpResponse:
    school_class = people.school_class_get_for_user(user=request.user, public_id=class_id)
    assignment = selectors.assignment_get_for_user(
        user=request.user, school_class=school_class, public_id=assignment_id
    )
    dashboard = selectors.assignment_dashboard(assignment=assignment)
    response = HttpResponse(exports.assignment_csv_text(dashboard=dashboard), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="opdracht-{assignment.public_id}.csv"'
    return response


@private
@teacher_required
@require_GET
def class_export(request: HttpRequest, class_id: str) -> HttpResponse:
    """Everything stored about a class and its students, as JSON."""
    school_class = people.school_class_get_for_user(user=request.user, public_id=class_id)
    data = exports.class_export_data(school_class=school_class)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="klas-{school_class.public_id}.json"'
    return response
