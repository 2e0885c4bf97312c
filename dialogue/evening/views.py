"""Thin views for the dialogue evening: the host's programme, review and reports under /live/avond/, the table and
poll pages for phones under /doe-mee/<code>/. Host pages fetch the evening only through
selectors.evening_get_for_host (404 for anyone else). Phone pages reuse the live session's code, throttle and
participant cookies (dialogue.participants), and work without JavaScript: plain forms and a redirect after each POST."""

import io

import segno
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.http import make_private
from dialogue import participants, throttle
from dialogue.access import host_required
from dialogue.state import state_version

from . import selectors, services
from .docx_report import report_docx
from .forms import BlockForm, BlockTextForm, EveningStartForm
from .models import Actor, BlockKind, CardStatus, PollScale

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CARDS_TOO_FAST = "Je stuurt wel heel snel kaarten. Wacht een minuut en probeer het dan opnieuw. Je tekst staat er nog."
RATINGS_TOO_FAST = "Je stuurt je antwoorden wel heel vaak. Wacht een minuut en probeer het dan opnieuw."

# ---------------------------------------------------------------------------------------------------- host


@host_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    context = {"form": EveningStartForm(), "evenings": selectors.evenings_for_host(host=request.user)}
    return render(request, "dialogue/evening/home.html", context)


@host_required
@require_POST
def start(request: HttpRequest) -> HttpResponse:
    form = EveningStartForm(request.POST)
    error = ""
    if form.is_valid():
        data = form.cleaned_data
        try:
            evening = services.evening_start(
                host=request.user,
                statement_set=data["statement_set"],
                title=data["title"] or "Dialoogavond",
                place=data["place"],
                national=data["national"],
                poll_scale=data["poll_scale"] or PollScale.FIVE,
            )
        except services.NotAllowed as refusal:
            error = str(refusal)
        else:
            return redirect("live:evening", public_id=evening.public_id)
    context = {"form": form, "error": error, "evenings": selectors.evenings_for_host(host=request.user)}
    return render(request, "dialogue/evening/home.html", context, status=400)


def _host_context(request: HttpRequest, evening, **extra) -> dict:
    return {
        "evening": evening,
        "session": evening.session,
        "programme": selectors.programme_for_host(evening=evening),
        "tables": selectors.tables(evening=evening),
        "cards": selectors.cards_for_review(evening=evening),
        "block_form": BlockForm(),
        "actors": Actor.choices,
        "kinds": BlockKind,
        "statuses": CardStatus,
        "scales": PollScale.choices,
        "join_url": _evening_url(request, evening.session),
    } | extra


@host_required
@require_GET
def host(request: HttpRequest, public_id: str) -> HttpResponse:
    evening = selectors.evening_get_for_host(user=request.user, public_id=public_id)
    return render(request, "dialogue/evening/host.html", _host_context(request, evening))


STEPS = {
    "volgende": lambda e, _: services.evening_move(evening=e, step=1),
    "vorige": lambda e, _: services.evening_move(evening=e, step=-1),
    "naar": lambda e, post: services.evening_move(evening=e, block_id=_int(post.get("onderdeel"))),
    "uitslag-tonen": lambda e, _: services.poll_reveal(evening=e, revealed=True),
    "uitslag-verbergen": lambda e, _: services.poll_reveal(evening=e, revealed=False),
    "tafel-erbij": lambda e, _: services.table_add(evening=e),
    "onderdeel-weg": lambda e, post: services.block_remove(evening=e, block_id=_int(post.get("onderdeel"))),
    "omhoog": lambda e, post: _block_move(e, post, up=True),
    "omlaag": lambda e, post: _block_move(e, post, up=False),
    "schaal": lambda e, post: services.poll_scale_set(evening=e, scale=post.get("schaal", "")),
}
# After these the host lands back at the programme (at the block that moved), not at the top of the page.
PROGRAMME_STEPS = {"onderdeel-weg", "omhoog", "omlaag", "schaal"}


def _block_move(evening, post, *, up: bool) -> None:
    block_id = _int(post.get("onderdeel"))
    services.block_move(evening=evening, block_id=block_id, up=up, seen_order=_int(post.get("plek")))


@host_required
@require_POST
def action(request: HttpRequest, public_id: str, step: str) -> HttpResponse:
    evening = selectors.evening_get_for_host(user=request.user, public_id=public_id)
    if step not in STEPS:
        raise Http404("Deze knop bestaat niet.")
    try:
        STEPS[step](evening, request.POST)
    except services.NotAllowed as refusal:
        context = _host_context(request, evening, programme_error=str(refusal))
        return render(request, "dialogue/evening/host.html", context, status=409)
    url = reverse("live:evening", args=[evening.public_id])
    if step in ("omhoog", "omlaag"):
        return redirect(f"{url}#onderdeel-{_int(request.POST.get('onderdeel'))}")
    return redirect(url + ("#programma" if step in PROGRAMME_STEPS else ""))


@host_required
@require_POST
def block_edit(request: HttpRequest, public_id: str) -> HttpResponse:
    """A block's title and text; a refusal shows the page again with that block's form open and the text kept."""
    evening = selectors.evening_get_for_host(user=request.user, public_id=public_id)
    block_id = _int(request.POST.get("onderdeel"))
    form = BlockTextForm(request.POST)
    refusal = ""
    if form.is_valid():
        try:
            services.block_edit(evening=evening, block_id=block_id, **form.cleaned_data)
        except services.NotAllowed as refused:
            refusal = str(refused)  # shown above the programme: the block may not be in it
    if form.errors or refusal:
        errors = [e for field_errors in form.errors.values() for e in field_errors]
        context = _host_context(
            request, evening, edit_id=block_id, edit_form=request.POST, edit_errors=errors, programme_error=refusal
        )
        return render(request, "dialogue/evening/host.html", context, status=400)
    return redirect(reverse("live:evening", args=[evening.public_id]) + f"#onderdeel-{block_id}")


@host_required
@require_POST
def block_add(request: HttpRequest, public_id: str) -> HttpResponse:
    evening = selectors.evening_get_for_host(user=request.user, public_id=public_id)
    form = BlockForm(request.POST)
    if form.is_valid():
        try:
            services.block_add(evening=evening, **form.cleaned_data)
        except services.NotAllowed as refusal:
            form.add_error(None, str(refusal))
    if form.errors:
        context = _host_context(request, evening, block_form=form)
        return render(request, "dialogue/evening/host.html", context, status=400)
    return redirect(reverse("live:evening", args=[evening.public_id]) + "#programma")


@host_required
@require_POST
def card_review(request: HttpRequest, public_id: str) -> HttpResponse:
    evening = selectors.evening_get_for_host(user=request.user, public_id=public_id)
    try:
        services.card_review(
            evening=evening,
            card_id=_int(request.POST.get("kaart")),
            status=request.POST.get("status", ""),
            merge_into=_int(request.POST.get("samen-met")),
        )
    except services.NotAllowed as refusal:
        context = _host_context(request, evening, review_error=str(refusal))
        return render(request, "dialogue/evening/host.html", context, status=400)
    return redirect(reverse("live:evening", args=[evening.public_id]) + "#kaarten")


@host_required
@require_POST
def paper_card(request: HttpRequest, public_id: str) -> HttpResponse:
    evening = selectors.evening_get_for_host(user=request.user, public_id=public_id)
    table = next((t for t in selectors.tables(evening=evening) if str(t.number) == request.POST.get("tafel")), None)
    try:
        services.card_type_in(evening=evening, table=table, data=request.POST)
    except services.InvalidCard as invalid:
        context = _host_context(request, evening, paper_errors=invalid.errors, paper=request.POST)
        return render(request, "dialogue/evening/host.html", context, status=400)
    return redirect(reverse("live:evening", args=[evening.public_id]) + "#kaarten")


@host_required
@require_GET
def projector(request: HttpRequest, public_id: str) -> HttpResponse:
    evening = selectors.evening_get_for_host(user=request.user, public_id=public_id)
    return render(request, "dialogue/evening/projector.html", _screen_context(request, evening))


@host_required
@require_GET
def projector_poll(request: HttpRequest, public_id: str) -> HttpResponse:
    """The screen again when the host changed something (a new block, a reveal), and on every poll while revealed
    results come in; otherwise 204. Only the host's own screen polls it, so it is one client per evening."""
    evening = selectors.evening_get_for_host(user=request.user, public_id=public_id)
    live_results = evening.poll_revealed and evening.current_block and evening.current_block.kind == BlockKind.POLL
    if request.GET.get("v") == str(state_version(session=evening.session)) and not live_results:
        return make_private(HttpResponse(status=204))
    return render(request, "dialogue/evening/projector.html#screen", _screen_context(request, evening))


def _screen_context(request: HttpRequest, evening) -> dict:
    block = evening.current_block
    sort = request.GET.get("sort") if request.GET.get("sort") in selectors.SORTS else "steun"
    show_results = block is not None and block.kind in (BlockKind.POLL, BlockKind.CLOSING) and evening.poll_revealed
    return {
        "evening": evening,
        "session": evening.session,
        "current": block,
        "version": state_version(session=evening.session),
        "sort": sort,
        "sorts": selectors.SORTS,
        "results": selectors.poll_results(evening=evening, sort=sort) if show_results else [],
        "tables": selectors.tables(evening=evening) if block and block.kind == BlockKind.CARDS else [],
        "join_url": _evening_url(request, evening.session),
        "slider": evening.poll_scale == PollScale.SLIDER,
        "scale_labels": selectors.legend(slider=evening.poll_scale == PollScale.SLIDER),
    }


@host_required
@require_GET
def qr_code(request: HttpRequest, public_id: str) -> HttpResponse:
    """The QR code on the screen: it leads a phone to the evening's programme (not only to langs de lijn)."""
    evening = selectors.evening_get_for_host(user=request.user, public_id=public_id)
    return _svg(_evening_url(request, evening.session), "Doe mee met de avond")


@host_required
@require_GET
def table_qr(request: HttpRequest, public_id: str, table: str) -> HttpResponse:
    evening = selectors.evening_get_for_host(user=request.user, public_id=public_id)
    found = selectors.table_get(evening=evening, code=table)
    if found is None:
        raise Http404("Deze tafel bestaat niet.")
    url = request.build_absolute_uri(reverse("doemee:evening_table", args=[evening.session.code, found.code]))
    return _svg(url, f"Tafel {found.number}")


def _svg(url: str, title: str) -> HttpResponse:
    svg = io.BytesIO()
    segno.make(url, error="m").save(
        svg, kind="svg", scale=8, dark="#000", light="#fff", border=2, xmldecl=False, title=title
    )
    return HttpResponse(svg.getvalue(), content_type="image/svg+xml")


@host_required
@require_GET
def report(request: HttpRequest, public_id: str) -> HttpResponse:
    evening = selectors.evening_get_for_host(user=request.user, public_id=public_id)
    context = {"report": selectors.report(evening=evening), "evening": evening}
    return render(request, "dialogue/evening/report.html", context)


@host_required
@require_GET
def report_download(request: HttpRequest, public_id: str) -> HttpResponse:
    evening = selectors.evening_get_for_host(user=request.user, public_id=public_id)
    return _docx(selectors.report(evening=evening), f"verslag-dialoogavond-{evening.created_at:%Y-%m-%d}.docx")


@host_required
@require_GET
def merged(request: HttpRequest) -> HttpResponse:
    """Several of the host's own evenings as one report (?avond=<code>&avond=<code>); the docx with ?als=docx."""
    evenings = selectors.evenings_by_ids(host=request.user, public_ids=request.GET.getlist("avond"))
    if not evenings:
        context = {"form": EveningStartForm(), "evenings": selectors.evenings_for_host(host=request.user)}
        context["merge_error"] = "Kies minstens één avond om samen te voegen."
        return render(request, "dialogue/evening/home.html", context, status=400)
    title = " ".join(request.GET.get("titel", "").split())[:120] or "Dialoogavonden samen"
    data = selectors.report_merged(evenings=evenings, title=title)
    if request.GET.get("als") == "docx":
        return _docx(data, "verslag-dialoogavonden.docx")
    return render(request, "dialogue/evening/report.html", {"report": data, "merged": evenings})


def _docx(data, filename: str) -> HttpResponse:
    response = HttpResponse(report_docx(data), content_type=DOCX)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


# ---------------------------------------------------------------------------------------------------- phones


@require_GET
def participant(request: HttpRequest, code: str) -> HttpResponse:
    evening, member, refusal = _evening_and_member(request, code)
    if refusal:
        return refusal
    context = _phone_context(evening, member) | {"saved": request.GET.get("bewaard") == "1"}
    return make_private(render(request, "dialogue/evening/participant.html", context))


@require_GET
def participant_poll(request: HttpRequest, code: str) -> HttpResponse:
    """Only the host moves an evening on: one cache read while the version is the same."""
    if participants.poll_unchanged(request, code):
        return participants.no_change()
    evening, member, refusal = _evening_and_member(request, code)
    if refusal:
        return make_private(HttpResponse(status=participants.STOP_POLLING))
    html = render_to_string("dialogue/evening/participant.html#programme", _phone_context(evening, member), request)
    return make_private(HttpResponse(html))


@require_http_methods(["GET", "POST"])
def table(request: HttpRequest, code: str, table: str) -> HttpResponse:
    session, refusal = participants.session_for_code(request, code)
    if refusal:
        return refusal
    evening = selectors.evening_for_session(session=session)
    found = selectors.table_get(evening=evening, code=table) if evening else None
    if found is None:
        raise Http404("Deze tafel bestaat niet.")
    member = participants.member(request, session)
    if member is None:
        if request.method == "POST" and request.POST.get("meedoen"):
            return _join_then(request, session, reverse("doemee:evening_table", args=[session.code, found.code]))
        return make_private(render(request, "dialogue/evening/table.html", {"evening": evening, "table": found}))
    context = {"evening": evening, "table": found, "member": member, "actors": Actor.choices, "card": {}}
    if request.method == "GET":
        return make_private(render(request, "dialogue/evening/table.html", context))
    if not throttle.card_allowed(request, participant_id=member.pk):
        context |= {"error": CARDS_TOO_FAST, "card": request.POST}  # the text stays in the form
        return make_private(render(request, "dialogue/evening/table.html", context, status=429))
    try:
        services.card_write(evening=evening, participant=member, table=found, data=request.POST)
    except services.InvalidCard as invalid:
        throttle.card_give_back(participant_id=member.pk)
        context |= {"errors": invalid.errors, "card": request.POST}
        return make_private(render(request, "dialogue/evening/table.html", context, status=400))
    except services.NotAllowed as refusal_:
        throttle.card_give_back(participant_id=member.pk)
        context |= {"error": str(refusal_), "card": request.POST}
        return make_private(render(request, "dialogue/evening/table.html", context, status=409))
    return redirect(reverse("doemee:evening_table", args=[session.code, found.code]) + "?verstuurd=1")


@require_POST
def rate(request: HttpRequest, code: str) -> HttpResponse:
    evening, member, refusal = _evening_and_member(request, code)
    if refusal:
        return refusal
    ratings = _ratings_sent(request.POST)
    if ratings is None:
        return _rate_error(request, evening, member, "Kies bij elke oplossingsrichting een antwoord.")
    if not ratings:
        return _rate_error(request, evening, member, "Kies eerst een antwoord bij een oplossingsrichting.")
    scale = request.POST.get("schaal") or PollScale.FIVE  # a form from before the choice had five answers
    if not throttle.rating_allowed(request, participant_id=member.pk, one_proposal=scale == PollScale.SLIDER):
        return _rate_error(request, evening, member, RATINGS_TOO_FAST, status=429)
    try:
        services.ratings_set(evening=evening, participant=member, ratings=ratings, scale=scale)
    except services.NotAllowed as refusal_:
        throttle.rating_give_back(participant_id=member.pk)
        status = 400 if isinstance(refusal_, services.InvalidRating) else 409
        return _rate_error(request, evening, member, str(refusal_), status=status)
    # The slider saves one proposal a send: back to that proposal, so the phone goes on from where it was.
    place = f"kaart-{next(iter(ratings))}" if scale == PollScale.SLIDER else "peiling"
    return redirect(reverse("doemee:evening", args=[evening.session.code]) + f"?bewaard=1#{place}")


def _ratings_sent(post) -> dict[int, int | None] | None:
    """card id → value from `kaart-<id>` fields; the slider's "Sla over" button sends `over=<id>` (None: skip).
    None when a field is no number."""
    ratings: dict[int, int | None] = {}
    for key, value in post.items():
        if key.startswith("kaart-"):
            card_id, rating = _int(key.removeprefix("kaart-")), _int(value)
            if card_id is None or rating is None:
                return None
            ratings[card_id] = rating
    if "over" in post:
        card_id = _int(post.get("over"))
        if card_id is None:
            return None
        ratings[card_id] = None
    return ratings


def _rate_error(request, evening, member, message: str, status: int = 400) -> HttpResponse:
    context = _phone_context(evening, member) | {"rate_error": message}
    return make_private(render(request, "dialogue/evening/participant.html", context, status=status))


def _phone_context(evening, member) -> dict:
    block = evening.current_block
    polling = block is not None and block.kind == BlockKind.POLL
    cards = selectors.published_cards(evening=evening) if polling else []
    mine = selectors.own_ratings(evening=evening, participant=member) if polling else {}
    slider = evening.poll_scale == PollScale.SLIDER
    return {
        "evening": evening,
        "session": evening.session,
        "current": block,
        "member": member,
        "version": state_version(session=evening.session),
        "cards": cards,
        "items": [(card, *mine.get(card.pk, (None, None))) for card in cards],  # (card, value, slider position)
        "slider": slider,
        "scale": list(selectors.SCALE_LABELS.items()),
        "tables": selectors.tables(evening=evening) if block and block.kind == BlockKind.CARDS else [],
    }


# ---------------------------------------------------------------------------------------------------- helpers


def _int(value) -> int | None:
    try:
        number = int(str(value))
    except ValueError:
        return None
    return number if 0 <= number < 2**31 else None


def _evening_url(request: HttpRequest, session) -> str:
    return request.build_absolute_uri(reverse("doemee:evening", args=[session.code]))


def _evening_and_member(request: HttpRequest, code: str):
    """The evening behind a join code and the phone's participant; a phone that has not joined is sent to join."""
    session, refusal = participants.session_for_code(request, code)
    if refusal:
        return None, None, refusal
    evening = selectors.evening_for_session(session=session)
    if evening is None:
        return None, None, redirect("doemee:participant", code=session.code)
    member = participants.member(request, session)
    if member is None:
        if request.method == "GET":
            return None, None, _join_page(request, evening)
        return None, None, redirect("doemee:evening", code=session.code)
    return evening, member, None


def _join_page(request: HttpRequest, evening) -> HttpResponse:
    return make_private(render(request, "dialogue/evening/participant_join.html", {"evening": evening}))


@require_POST
def participant_join(request: HttpRequest, code: str) -> HttpResponse:
    session, refusal = participants.session_for_code(request, code)
    if refusal:
        return refusal
    return _join_then(request, session, reverse("doemee:evening", args=[session.code]))


def _join_then(request: HttpRequest, session, target: str) -> HttpResponse:
    """Join with the live tool's own cookies (dialogue.participants), then go on to an evening page."""
    if participants.member(request, session):
        return redirect(target)
    return participants.join_and_redirect(request, session, target)
