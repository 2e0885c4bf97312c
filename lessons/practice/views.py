"""The exercise pages under /oefenen/. Thin views: reads in selectors.py, writes in services.py, texts in
feedback.py. Every step works as a plain form POST with a redirect, and with htmx as a swap of one named partial.

Pages for one learner (an attempt) are never cached and use CSRF; the path /oefenen/ is outside the shared page
cache. A post embedded in a lesson loads its interactive part from `scenario_practice`, which stores nothing and
therefore uses GET forms without CSRF.
"""

from dataclasses import dataclass, replace

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import reswap, retarget

from cms.choices import Audience, Category, Response
from cms.models import Scenario
from core.contracts import attempt_checked

from ..models import Attempt
from . import selectors, services
from .attempt_cache import cached_per_attempt
from .feedback import (
    CATEGORY_MEANING,
    CONCRETENESS_LABELS,
    DISCERNMENT_MESSAGES,
    REACH_LABELS,
    Choices,
    item_feedback,
)
from .forms import STEP_FORMS, TogetherCategoryForm, first_error, read_practice_query, step_values
from .learner import learner_from_request, session_remember_attempt
from .pairs import answered_pairs

ITEM_TEMPLATE = "lessons/item.html"
PRACTICE_TEMPLATE = "lessons/practice.html"
STEP_PARTIALS = {1: "item", 2: "placement", 3: "responses"}
STEP_SLUGS = {1: "soort", 2: "ernst", 3: "actie"}
STORE_STEP = {1: services.answer_category, 2: services.answer_placement, 3: services.answer_responses}
OPTIONS = {
    "category_options": Category.choices,
    "category_meanings": [(value, label, CATEGORY_MEANING[value]) for value, label in Category.choices],
    "concreteness_options": list(CONCRETENESS_LABELS.items()),
    "reach_options": list(REACH_LABELS.items()),
    "response_options": Response.choices,
    "together_fields": [("soort", "Persoon 1"), ("soort2", "Persoon 2")],
}
# Sets where "samen oefenen" is offered: a parent with a child, or two neighbours.
TOGETHER_AUDIENCES = {Audience.PARENTS, Audience.OLDER_ADULTS}
WRONG_POST = (
    "Dit antwoord hoort niet bij dit bericht. Er is niets bewaard. Kijk of je het goede bericht ziet en probeer "
    "het opnieuw."
)


# ---------------------------------------------------------------------------------------------------- sets


@require_GET
def set_list(request: HttpRequest) -> HttpResponse:
    return render(request, "lessons/set_list.html", {"groups": selectors.exercise_sets_by_audience()})


@never_cache
@require_GET
def set_intro(request: HttpRequest, slug: str) -> HttpResponse:
    exercise_set = selectors.exercise_set_get(slug=slug)
    attempts = selectors.attempts_for_learner(exercise_set=exercise_set, learner=learner_from_request(request))
    return render(request, "lessons/set_intro.html", {"exercise_set": exercise_set, "attempts": attempts})


@require_POST
def attempt_start(request: HttpRequest, slug: str) -> HttpResponse:
    exercise_set = selectors.exercise_set_get(slug=slug)
    learner = learner_from_request(request)
    together = request.POST.get("samen") == "1" and exercise_set.audience in TOGETHER_AUDIENCES
    attempt = services.attempt_start(exercise_set=exercise_set, user_id=learner.user_id, together=together)
    if not learner.is_signed_in:
        session_remember_attempt(request.session, attempt)
    return redirect(_item_url(attempt, 1))


# ---------------------------------------------------------------------------------------------------- attempt


def _attempt_for(request: HttpRequest, slug: str, code: str) -> Attempt:
    """The attempt in the URL if this learner owns it; 404 for anyone else."""
    attempt = selectors.attempt_get_for_learner(slug=slug, code=code, learner=learner_from_request(request))
    attempt_checked(request, attempt)  # for cached_per_attempt: whose responses these are
    return attempt


@never_cache
@require_GET
def attempt_resume(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    attempt = _attempt_for(request, slug, code)
    position = selectors.attempt_resume_position(attempt=attempt)
    if position is None:
        return redirect("lessons:summary", slug=slug, code=code)
    return redirect(_item_url(attempt, position))


@never_cache
@vary_on_headers("HX-Request")
@require_GET
@cached_per_attempt
def item(request: HttpRequest, slug: str, code: str, position: int) -> HttpResponse:
    attempt = _attempt_for(request, slug, code)
    current = selectors.attempt_item(attempt=attempt, position=position)
    return render(request, ITEM_TEMPLATE, _attempt_item_context(current))


@never_cache
@require_POST
@cached_per_attempt
def item_answer(request: HttpRequest, slug: str, code: str, position: int, step: int) -> HttpResponse:
    """Store one step (1 soort, 2 ernst, 3 actie). A repeat is a no-op that shows the stored feedback."""
    attempt = _attempt_for(request, slug, code)
    current = selectors.attempt_item(attempt=attempt, position=position)
    if request.POST.get("bericht") != current.scenario.key:
        return _refuse(request, current, WRONG_POST)
    form = (TogetherCategoryForm if step == 1 and attempt.together else STEP_FORMS[step])(request.POST)
    if not form.is_valid():
        return _refuse(request, current, first_error(form))
    try:
        answer, _stored = STORE_STEP[step](
            attempt=attempt, scenario=current.scenario, **step_values(step, form.cleaned_data)
        )
    except services.StepRefused as refused:
        return _refuse(request, current, refused.message)
    current = replace(current, answer=answer)
    if request.htmx:
        context = _attempt_item_context(current, just_answered=step)
        return render(request, f"{ITEM_TEMPLATE}#{STEP_PARTIALS[step]}", context)
    return redirect(f"{_item_url(attempt, position)}#bericht-{current.scenario.key}-uitkomst-{step}")


def _refuse(request: HttpRequest, current: selectors.AttemptItem, message: str) -> HttpResponse:
    """400 with the post as stored and a Dutch message at the step to do; htmx swaps the whole post."""
    context = _attempt_item_context(current, error=message)
    if request.htmx:
        response = render(request, f"{ITEM_TEMPLATE}#item", context, status=400)
        return retarget(reswap(response, "outerHTML"), f"#{context['dom_id']}")
    return render(request, ITEM_TEMPLATE, context, status=400)


@never_cache
@require_GET
def summary(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    attempt = _attempt_for(request, slug, code)
    result = selectors.attempt_summary(attempt=attempt)
    context = {
        "exercise_set": attempt.exercise_set,
        "summary": result,
        "pairs": answered_pairs(result),
        "tendency_message": DISCERNMENT_MESSAGES[result.discernment.tendency],
        "next_set": selectors.next_exercise_set(exercise_set=attempt.exercise_set),
        "together": attempt.together,
    }
    return render(request, "lessons/summary.html", context)


# ---------------------------------------------------------------------------------------------------- embedded post


@vary_on_headers("HX-Request")
@require_GET
def scenario_practice(request: HttpRequest, key: str) -> HttpResponse:
    """One post on its own, as embedded in a lesson. Nothing is stored: each step's form carries the earlier
    answers, so the forms are GET forms and the lesson page needs no CSRF token."""
    scenario = selectors.scenario_get(key=key)
    read = read_practice_query(request.GET)
    context = _practice_context(request, scenario, read.choices, just_answered=read.step, error=read.error)
    status = 400 if read.error else 200
    if not request.htmx:
        return render(request, PRACTICE_TEMPLATE, context, status=status)
    partial = "item" if read.error or not read.step else STEP_PARTIALS[read.step]
    response = render(request, f"{ITEM_TEMPLATE}#{partial}", context, status=status)
    if read.error:
        response = retarget(reswap(response, "outerHTML"), f"#{context['dom_id']}")
    return response


# ---------------------------------------------------------------------------------------------------- context


@dataclass(frozen=True)
class StepForm:
    """Where a step's form goes: a POST that stores (exercise set) or a GET that carries the answers (lesson)."""

    method: str
    action: str
    hidden: list[tuple[str, str]]


def _item_url(attempt: Attempt, position: int) -> str:
    return reverse("lessons:item", args=[attempt.exercise_set.slug, attempt.code, position])


def _attempt_item_context(current: selectors.AttemptItem, *, just_answered: int | None = None, error: str = "") -> dict:
    attempt, position = current.attempt, current.position
    args = [attempt.exercise_set.slug, attempt.code, position]
    hidden = [("bericht", current.scenario.key)]
    forms = {
        step: StepForm("post", reverse(f"lessons:answer_{STEP_SLUGS[step]}", args=args), hidden) for step in (1, 2, 3)
    }
    context = _item_context(
        current.scenario, current.choices, forms, just_answered=just_answered, error=error, heading_level=2
    )
    context.update(
        exercise_set=attempt.exercise_set,
        attempt=attempt,
        current=current,
        previous_url=_item_url(attempt, position - 1) if position > 1 else "",
        next_url=(reverse("lessons:summary", args=args[:2]) if current.is_last else _item_url(attempt, position + 1)),
    )
    return context


def _practice_context(
    request: HttpRequest, scenario: Scenario, choices: Choices, *, just_answered: int | None, error: str
) -> dict:
    """Each GET form carries the answers of the steps before it, so the next response can show all feedback."""
    action = reverse("lessons:scenario_practice", args=[scenario.key])
    step_1 = [("soort", choices.category or "")]
    step_2 = [("concreetheid", str(choices.concreteness)), ("bereik", str(choices.reach))]
    forms = {
        1: StepForm("get", action, [("stap", "1")]),
        2: StepForm("get", action, [("stap", "2"), *step_1]),
        3: StepForm("get", action, [("stap", "3"), *step_1, *step_2]),
    }
    # Embedded in a lesson (loaded by htmx) the steps sit under the lesson's h2 headings; on their own page they
    # are h2 themselves.
    embedded = bool(request.htmx)
    context = _item_context(
        scenario, choices, forms, just_answered=just_answered, error=error, heading_level=3 if embedded else 2
    )
    context.update(
        restart_url=f"{action}?opnieuw=1",
        embedded=embedded,
        restarted=request.GET.get("opnieuw") == "1",  # then step 1 takes the focus
    )
    return context


def _item_context(
    scenario: Scenario,
    choices: Choices,
    forms: dict[int, StepForm],
    *,
    just_answered: int | None,
    error: str,
    heading_level: int,
) -> dict:
    return {
        "scenario": scenario,
        "choices": choices,
        "open_step": choices.open_step,
        "feedback": item_feedback(scenario, choices),
        "forms": forms,
        "dom_id": f"bericht-{scenario.key}",
        "hl": heading_level,
        "just_answered": just_answered,
        "error": error,
        **OPTIONS,
    }
