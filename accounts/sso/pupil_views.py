"""Pupils who signed in through Entree without a class code, and the teachers of their school who place them.

A pupil's first Entree sign-in waits in the session (views.PENDING). Without a class code they can ask to be
added: they then wait (WaitingPupil: the hashed uid, the school's BRIN, a name they may choose) until a teacher
places them. A teacher sees only the pupils waiting at the schools (BRINs) they themselves signed in from through
Entree, and places them only in their own active classes: any other pupil or class in a URL or form is a 404.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import selectors as people
from accounts.roles import is_teacher
from accounts.services import NameTaken
from core.http import private
from core.security_log import HiddenFromUser

from . import identities
from .forms import PupilPlaceForm, PupilWaitForm
from .models import Affiliation
from .views import PENDING, config

A = "accounts/"
NAME_TAKEN = "Deze naam is al gekozen in deze klas, of lijkt er te veel op. Kies een andere naam."
GONE = "Deze leerling is al in een klas gezet."


@never_cache
@require_http_methods(["GET", "POST"])
def pupil_wait(request: HttpRequest) -> HttpResponse:
    config()  # 404 when Entree is off
    pending = request.session.get(PENDING)
    if not pending or pending.get("affiliation") != Affiliation.STUDENT or not pending.get("brin"):
        return redirect("student:login")
    waiting = identities.pupil_waiting(hashed=pending["hashed"])
    form = PupilWaitForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        waiting = identities.pupil_wait(
            hashed=pending["hashed"], brin=pending["brin"], pseudonym=form.cleaned_data["name"]
        )
    context = {"form": form, "waiting": waiting}
    return render(request, A + "sso_pupil_wait.html", context, status=400 if form.errors else 200)


def _teacher_brins(request: HttpRequest) -> list[str] | None:
    """None for a visitor who must sign in first; PermissionDenied for a signed-in non-teacher."""
    if not request.user.is_authenticated:
        return None
    if not is_teacher(request.user):
        raise PermissionDenied("Deze pagina is voor docenten.")
    return identities.teacher_brins(user=request.user)


def _active_classes(request: HttpRequest) -> list:
    return [c for c in people.classes_for_teacher(teacher=request.user) if c.archived_at is None]


@private
@require_GET
def pupils(request: HttpRequest) -> HttpResponse:
    brins = _teacher_brins(request)
    if brins is None:
        return redirect("teacher:login")
    classes = _active_classes(request)
    waiting = list(identities.pupils_waiting_for(brins=brins)) if brins else []
    rows = [(pupil, _form(pupil, classes)) for pupil in waiting]
    context = {"brins": brins, "classes": classes, "rows": rows}
    return render(request, A + "sso_pupils.html", context)


@private
@require_POST
def pupil_place(request: HttpRequest, pupil_id: str) -> HttpResponse:
    brins = _teacher_brins(request)
    if brins is None:
        return redirect("teacher:login")
    waiting = identities.pupil_waiting_get_for_teacher(brins=brins, public_id=pupil_id)
    classes = _active_classes(request)
    form = _form(waiting, classes, request.POST)
    if not form.is_valid():
        if "school_class" in form.errors and form["school_class"].data:
            raise HiddenFromUser("Deze klas bestaat niet, of hij is van iemand anders.")
        return _pupils_with_error(request, brins, classes, waiting, form)
    try:
        profile = identities.pupil_place(
            waiting=waiting, school_class=form.chosen_class(), pseudonym=form.cleaned_data["name"]
        )
    except NameTaken:
        form.add_error("name", NAME_TAKEN)
        return _pupils_with_error(request, brins, classes, waiting, form)
    except identities.PupilGone:
        messages.info(request, GONE)
        return redirect("sso:pupils")
    messages.success(request, f"{profile.pseudonym} zit nu in {profile.school_class.name}.")
    return redirect("sso:pupils")


def _form(pupil, classes, data=None) -> PupilPlaceForm:
    """One form per waiting pupil on the page, its fields prefixed with the pupil's code so their ids differ."""
    return PupilPlaceForm(data, classes=classes, prefix=pupil.public_id, initial={"name": pupil.pseudonym})


def _pupils_with_error(request, brins, classes, failed, form) -> HttpResponse:
    waiting = list(identities.pupils_waiting_for(brins=brins))
    rows = [(pupil, form if pupil.pk == failed.pk else _form(pupil, classes)) for pupil in waiting]
    context = {"brins": brins, "classes": classes, "rows": rows}
    return render(request, A + "sso_pupils.html", context, status=400)
