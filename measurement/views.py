"""The test pages: a teacher schedules and reads, a student or a visitor takes the test and sees their change.

Thin views: writes through `services`, reads through `selectors`, access in `access` and the `*_get_for_user`
helpers. No page shows feedback or a score during a test: a test must not teach.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import selectors as people
from cms.models import Scenario
from core.http import private

from . import exports, plot, selectors, services
from .access import check_sitting, remember, session_codes, student_required, teacher_required
from .forms import ItemForm, ScheduleForm, shown_stamp
from .models import Moment

T = "measurement/"
CLOSED = "Deze toets is nu niet open. Vraag je docent wanneer je hem kunt maken."


# ---------------------------------------------------------------------------------------------------- teacher


@private
@teacher_required
@require_GET
def class_report(request: HttpRequest, class_id: str) -> HttpResponse:
    school_class = people.school_class_get_for_user(user=request.user, public_id=class_id)
    return _report_page(request, school_class, ScheduleForm(), status=200)


def _report_page(request, school_class, form, status) -> HttpResponse:
    report = selectors.class_report(school_class=school_class)
    context = {
        "school_class": school_class,
        "report": report,
        "form": form,
        "changes": [(c, plot.change_svg(c, dom_id=f"pijlen-{n}")) for n, c in enumerate(report.changes, start=1)],
        "warning_lessons": selectors.warning_lessons() if any(c.warning for c in report.changes) else [],
        "research": selectors.research_sharing(school_class=school_class),
    }
    return render(request, T + "class_report.html", context, status=status)


@private
@teacher_required
@require_POST
def schedule(request: HttpRequest, class_id: str) -> HttpResponse:
    school_class = people.school_class_get_for_user(user=request.user, public_id=class_id)
    form = ScheduleForm(request.POST)
    if not form.is_valid():
        return _report_page(request, school_class, form, status=400)
    data = form.cleaned_data
    try:
        services.measurement_schedule(
            school_class=school_class, moment=data["moment"], opens_at=data["opens_at"], closes_at=data["closes_at"]
        )
    except services.ScheduleError as error:
        form.add_error(error.field, str(error))
        return _report_page(request, school_class, form, status=400)
    return redirect("measurement:class_report", class_id=class_id)


@private
@teacher_required
@require_POST
def research_sharing(request: HttpRequest, class_id: str) -> HttpResponse:
    """Turn sharing this class's answers for research on or off: on only when the box was ticked (a browser then
    sends delen=on; an unticked box sends nothing), so anything else keeps the class out."""
    school_class = people.school_class_get_for_user(user=request.user, public_id=class_id)
    services.research_sharing_set(school_class=school_class, shared=request.POST.get("delen") == "on")
    return redirect(reverse("measurement:class_report", args=[class_id]) + "#onderzoek")


@private
@teacher_required
@require_GET
def student_trend(request: HttpRequest, class_id: str, student_id: str) -> HttpResponse:
    school_class = people.school_class_get_for_user(user=request.user, public_id=class_id)
    student = people.student_get_for_user(user=request.user, school_class=school_class, public_id=student_id)
    results = selectors.own_results(sittings=selectors.student_sittings(user=student.user))
    context = {"school_class": school_class, "student": student, "results": results}
    return render(request, T + "student_trend.html", context)


@private
@teacher_required
@require_GET
def export(request: HttpRequest, class_id: str, kind: str) -> HttpResponse:
    school_class = people.school_class_get_for_user(user=request.user, public_id=class_id)
    rows = exports.answer_rows(school_classes=[school_class])
    return exports.response(rows, kind=kind, name=f"toets-{school_class.public_id}")


@private
@teacher_required
@require_GET
def codebook(request: HttpRequest) -> HttpResponse:
    return render(request, T + "codebook.html", {"columns": exports.CODEBOOK})


# ---------------------------------------------------------------------------------------------------- student


@private
@student_required
@require_GET
def student_home(request: HttpRequest) -> HttpResponse:
    sittings = selectors.student_sittings(user=request.user)
    started = {s.measurement_id: s for s in sittings}
    open_now = [(m, started.get(m.pk)) for m in selectors.open_measurements_for_student(user=request.user)]
    context = {"open_now": open_now, "results": selectors.own_results(sittings=sittings)}
    return render(request, T + "student_home.html", context)


@private
@student_required
@require_POST
def student_start(request: HttpRequest, measurement_id: str) -> HttpResponse:
    measurement = selectors.measurement_get_for_student(user=request.user, public_id=measurement_id)
    try:
        sitting = services.sitting_start(measurement=measurement, student=request.user.student_profile)
    except services.TestClosed:
        return render(request, T + "message.html", {"message": CLOSED}, status=403)
    except services.TestError as error:
        return render(request, T + "message.html", {"message": str(error)}, status=409)
    return redirect("measurement:item", code=sitting.code, position=1)


# ---------------------------------------------------------------------------------------------------- anyone


@private
@require_GET
def self_test(request: HttpRequest) -> HttpResponse:
    """'Test jezelf': a short test before practising, and another one after, without an account."""
    sittings = selectors.sittings_by_codes(codes=session_codes(request))
    before = next((s for s in sittings if s.moment == Moment.PRE and s.finished_at), None)
    context = {"results": selectors.own_results(sittings=sittings), "before": before, "sittings": sittings}
    return render(request, T + "self_test.html", context)


@private
@require_POST
def self_test_start(request: HttpRequest) -> HttpResponse:
    sittings = selectors.sittings_by_codes(codes=session_codes(request))
    unfinished = next((s for s in sittings if not s.finished_at), None)
    if unfinished:
        return redirect("measurement:item", code=unfinished.code, position=1)
    before = next((s for s in sittings if s.moment == Moment.PRE and s.finished_at), None)
    sitting = services.anonymous_sitting_start(before=before)
    remember(request, sitting)
    return redirect("measurement:item", code=sitting.code, position=1)


@private
@require_http_methods(["GET", "POST"])
def item(request: HttpRequest, code: str, position: int) -> HttpResponse:
    sitting = check_sitting(request, selectors.sitting_get(code=code))
    ids = services.sitting_items(sitting=sitting)
    if sitting.finished_at or not 1 <= position <= len(ids):
        return redirect(_after_url(sitting))
    form = ItemForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_record(
                sitting=sitting,
                scenario_id=ids[position - 1],
                category=form.cleaned_data["soort"],
                sureness=form.cleaned_data["zeker"],
                seconds=form.seconds(),
            )
        except services.TestClosed:
            return render(request, T + "message.html", {"message": CLOSED}, status=403)
        except services.TestError as error:
            return render(request, T + "message.html", {"message": str(error)}, status=409)
        if position < len(ids):
            return redirect("measurement:item", code=code, position=position + 1)
        return redirect("measurement:review", code=code)
    return _item_page(request, sitting, ids, position, form)


def _item_page(request, sitting, ids, position, form) -> HttpResponse:
    if not form.is_bound:
        answered = selectors.answers_by_item(sitting=sitting).get(ids[position - 1])
        initial = {"soort": answered.chosen_category, "zeker": answered.sureness} if answered else {}
        form = ItemForm(initial={**initial, "getoond": shown_stamp()})
    context = {
        "sitting": sitting,
        "scenario": Scenario.objects.select_related("image").get(pk=ids[position - 1]),
        "position": position,
        "total": len(ids),
        "form": form,
    }
    return render(request, T + "item.html", context, status=400 if form.errors else 200)


@private
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, code: str) -> HttpResponse:
    """Before handing in: which items are still open. Handing in with gaps is refused (it would count as not taken)."""
    sitting = check_sitting(request, selectors.sitting_get(code=code))
    if sitting.finished_at:
        return redirect(_after_url(sitting))
    if request.method == "POST":
        try:
            if services.sitting_finish(sitting=sitting):
                return redirect(_after_url(sitting))
        except services.TestClosed:
            return render(request, T + "message.html", {"message": CLOSED}, status=403)
    ids = services.sitting_items(sitting=sitting)
    answered = selectors.answers_by_item(sitting=sitting)
    open_positions = [n for n, pk in enumerate(ids, start=1) if pk not in answered]
    status = 400 if request.method == "POST" else 200
    return render(request, T + "review.html", {"sitting": sitting, "open_positions": open_positions}, status=status)


def _after_url(sitting) -> str:
    return reverse("measurement:student_home" if sitting.user_id else "measurement:self_test")
