"""Thin views for the live tool: reads in selectors.py, writes in services.py, the host check in access.py.

The host's pages and the projector need the signed-in owner (404 for anyone else). The two poll fragments (the
projector's and the phones') answer 204 from one cache read while nothing changed, and 286 ("stop polling") once
the session has ended. Participant pages work without JavaScript: plain forms and a redirect after each POST.
"""

import csv
import functools
import io
import time

import segno
from django.core.cache import cache
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.selectors import teaches_classes
from core.http import make_private

from . import participants, push, selectors, services, throttle
from .access import host_required, session_get_for_host
from .forms import CodeForm, CommentForm, PositionForm, StartForm
from .models import LINE_STEPS, LiveSession, Participant, Round
from .state import board_token_if_fresh, board_with_token, session_snapshot, state_version

FRAGMENT_SECONDS = 60  # a shared fragment outlives its state by far: a new state has a new key
STOP_POLLING = participants.STOP_POLLING

# ---------------------------------------------------------------------------------------------------- host


@host_required
@require_GET
def host_home(request: HttpRequest) -> HttpResponse:
    context = {
        "form": StartForm(),
        "sessions": selectors.sessions_for_host(host=request.user),
        "teaches": teaches_classes(teacher=request.user),
    }
    return render(request, "dialogue/host_home.html", context)


@host_required
@require_POST
def session_start(request: HttpRequest) -> HttpResponse:
    form = StartForm(request.POST)
    error = form.errors["statement_set"][0] if "statement_set" in form.errors else ""
    if form.is_valid():
        try:
            session = services.session_start(host=request.user, statement_set=form.cleaned_data["statement_set"])
        except services.NotAllowed as refusal:
            error = str(refusal)
        else:
            return redirect("live:host", public_id=session.public_id)
    context = {"form": form, "error": error, "sessions": selectors.sessions_for_host(host=request.user)}
    return render(request, "dialogue/host_home.html", context, status=400)


@host_required
@require_GET
def host_session(request: HttpRequest, public_id: str) -> HttpResponse:
    session = session_get_for_host(user=request.user, public_id=public_id)
    context = _board_context(session) | {
        "pending": selectors.pending_comments(session=session),
        "join_url": _join_url(request, session),
        "join_burst": selectors.join_bursts(session=session),
    }
    return render(request, "dialogue/host.html", context)


@host_required
@require_GET
def host_poll(request: HttpRequest, public_id: str) -> HttpResponse:
    """The host's counts, and the comments to approve (out of band); the buttons are left alone so that a poll
    never moves one away from a finger."""
    if participants.poll_unchanged(request, public_id):
        return participants.no_change()
    session = session_get_for_host(user=request.user, public_id=public_id)
    context = _board_context(session) | {"pending": selectors.pending_comments(session=session), "oob": True}
    html = _shared_fragment(request, "dialogue/host.html#status", context, "host")
    html += render_to_string("dialogue/host.html#comments", context, request)  # its forms carry this host's CSRF
    return _poll_response(HttpResponse(html), session)


MODERATION = {"tonen": True, "verbergen": False}  # the host's buttons for a comment, besides "afwijzen"
ACTIONS = {
    "volgende": lambda s: services.session_move(session=s, step=1),
    "vorige": lambda s: services.session_move(session=s, step=-1),
    "tonen": lambda s: services.session_reveal(session=s, revealed=True),
    "verbergen": lambda s: services.session_reveal(session=s, revealed=False),
    "opnieuw": lambda s: services.session_round(session=s, round=Round.SECOND),
    "eerste-ronde": lambda s: services.session_round(session=s, round=Round.FIRST),
    "slot": lambda s: services.session_lock(session=s, locked=True),
    "open": lambda s: services.session_lock(session=s, locked=False),
    "afsluiten": lambda s: services.session_close(session=s),
    "snelle-deelnemers-weg": lambda s: services.participants_remove_burst(session=s),  # see host_burst.html
}


@host_required
@require_POST
def host_action(request: HttpRequest, public_id: str, action: str) -> HttpResponse:
    session = session_get_for_host(user=request.user, public_id=public_id)
    if action not in ACTIONS:
        raise Http404("Deze knop bestaat niet.")
    if session.closed_at is None or action == "afsluiten":
        ACTIONS[action](session)
    return redirect("live:host", public_id=session.public_id)


@host_required
@require_POST
def host_comment(request: HttpRequest, public_id: str) -> HttpResponse:
    session = session_get_for_host(user=request.user, public_id=public_id)
    try:
        comment_id = int(request.POST.get("reactie", ""))
    except ValueError:
        return HttpResponse("Deze reactie bestaat niet.", status=400)
    decision = request.POST.get("besluit")
    if decision == "afwijzen":
        services.comment_reject(session=session, comment_id=comment_id)
    elif decision in MODERATION:
        services.comment_moderate(session=session, comment_id=comment_id, approved=MODERATION[decision])
    else:
        return HttpResponse("Kies of de reactie op het scherm komt of niet.", status=400)
    return redirect(reverse("live:host", args=[session.public_id]) + "#reacties")


@host_required
@require_GET
def projector(request: HttpRequest, public_id: str) -> HttpResponse:
    session = session_get_for_host(user=request.user, public_id=public_id)
    context = _board_context(session) | {"join_url": _join_url(request, session)}
    return render(request, "dialogue/projector.html", context)


@require_GET
def projector_poll(request: HttpRequest, public_id: str) -> HttpResponse:
    """The projector's fragment. Its URL is the session's unguessable public id; it shows only what is on the
    projector anyway, so it needs no sign-in (which would cost a query per poll)."""
    if participants.poll_unchanged(request, public_id):
        return participants.no_change()
    session = LiveSession.objects.select_related("current_statement").filter(public_id=public_id).first()
    if session is None:
        raise Http404("Deze sessie bestaat niet.")
    context = _board_context(session)
    html = _shared_fragment(request, "dialogue/projector.html#board", context, "projector")
    return _poll_response(HttpResponse(html), session)


@host_required
@require_GET
def qr_code(request: HttpRequest, public_id: str) -> HttpResponse:
    session = session_get_for_host(user=request.user, public_id=public_id)
    svg = io.BytesIO()
    segno.make(_join_url(request, session), error="m").save(
        svg, kind="svg", scale=10, dark="#000", light="#fff", border=2, xmldecl=False, title="Doe mee"
    )
    return HttpResponse(svg.getvalue(), content_type="image/svg+xml")


@host_required
@require_GET
def summary(request: HttpRequest, public_id: str) -> HttpResponse:
    session = session_get_for_host(user=request.user, public_id=public_id)
    return render(request, "dialogue/summary.html", {"session": session, "rows": selectors.summary(session=session)})


@host_required
@require_GET
def summary_csv(request: HttpRequest, public_id: str) -> HttpResponse:
    """Counts per statement, round and step: no participant, token or comment text."""
    session = session_get_for_host(user=request.user, public_id=public_id)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="langs-de-lijn-{session.created_at:%Y-%m-%d}.csv"'
    writer = csv.writer(response)
    steps = [f"plek_{v}" for v in range(LINE_STEPS + 1)]
    writer.writerow(
        ["nummer", "stelling", "links", "rechts", "ronde", "aantal", "gemiddelde", "anders_gaan_staan"] + steps
    )
    for row in selectors.summary(session=session):
        for round_, dist in ((1, row.first), (2, row.second)):
            mean = "" if dist.mean is None else f"{dist.mean:.2f}"
            moved = row.moved if round_ == 2 else ""
            s = row.statement
            writer.writerow(
                [row.number, s.text, s.left_pole, s.right_pole, round_, dist.total, mean, moved] + dist.counts
            )
    return response


# ---------------------------------------------------------------------------------------------------- participants


@require_http_methods(["GET", "POST"])
def join(request: HttpRequest) -> HttpResponse:
    form = CodeForm(request.POST if request.method == "POST" else None)  # an empty POST is told what is missing
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        session, refusal = participants.session_for_code(request, code)
        if refusal:
            return refusal
        target = participants.landing(session)  # an evening's code leads to the evening's programme
        if participants.member(request, session) is None:
            return participants.join_and_redirect(request, session, target)
        return redirect(target)
    return make_private(render(request, "dialogue/join.html", {"form": form}, status=400 if form.errors else 200))


@require_GET
def participant(request: HttpRequest, code: str) -> HttpResponse:
    if code != code.upper():
        return redirect("doemee:participant", code=code.upper())
    session, refusal = participants.session_for_code(request, code)
    if refusal:
        return refusal
    member = participants.member(request, session)
    if member is None:
        return make_private(render(request, "dialogue/participant_join.html", {"session": session}))
    context = _participant_context(session, member) | {"stream": push.enabled()}
    return make_private(render(request, "dialogue/participant.html", context))


@require_GET
def participant_stream(request: HttpRequest, code: str) -> HttpResponse:
    """The phone's event stream (dialogue.push), held open by Pushpin. Only through the proxy and only for a phone
    that joined this session (its signed cookie); anything else is a 404, and the phone keeps polling."""
    snapshot = session_snapshot(code=code, load=selectors.session_get_by_code) if push.proxied(request) else None
    if snapshot is None or snapshot["closed"] or snapshot["expires"] <= time.time():
        raise Http404
    if participants.signed_ids(request, code).partition(":")[0] != str(snapshot["id"]):
        raise Http404
    stage = f"{snapshot['statement_id']}-{snapshot['round']}"
    return make_private(push.stream_response(request, code=code, version=snapshot["version"], stage=stage))


@require_POST
def participant_join(request: HttpRequest, code: str) -> HttpResponse:
    session, refusal = participants.session_for_code(request, code)
    if refusal:
        return refusal
    if participants.member(request, session) is not None:
        return redirect("doemee:participant", code=session.code)
    return participants.join_and_redirect(request, session)


@require_POST
def position(request: HttpRequest, code: str) -> HttpResponse:
    """A move. A phone with a valid signed participant cookie takes the fast path (_quick_move): no throttle read,
    no session or participant query, no template; anything else takes the full path below."""
    quick = _quick_move(request, code)
    if quick is not None:
        return quick
    session, member, refusal = _session_and_member(request, code)
    if refusal:
        return refusal
    form = PositionForm(request.POST)
    if not form.is_valid():
        return HttpResponse("Kies een plek op de lijn.", status=400)
    try:
        services.position_set(session=session, participant=member, value=form.cleaned_data["plek"])
    except services.NotAllowed as error:
        return participants.ended(request, session, str(error))
    if request.htmx:  # only the status line: a move must stay cheap when 300 phones move at once
        value = form.cleaned_data["plek"]
        context = {"mine": value, "mine_text": selectors.place_text(value=value, statement=session.current_statement)}
        return make_private(render(request, "dialogue/participant.html#place_status", context))
    return redirect("doemee:participant", code=session.code)


PLACE_STATUS = (
    '<p id="plek-status" class="place__status" role="status" data-plek="{}"><strong>Jouw plek:</strong> {}</p>'
)


def _quick_move(request: HttpRequest, code: str) -> HttpResponse | None:
    """The move of a phone that joined through this site: its signed cookie names the session and participant, the
    session comes from the shared cache under its state version, and the htmx answer is the status line, built
    without a template (the same HTML as participant.html#place_status). None: take the full path."""
    snapshot = session_snapshot(code=code, load=selectors.session_get_by_code)
    if snapshot is None:
        return None
    ids = participants.signed_ids(request, code)
    session_id, _, participant_id = ids.partition(":")
    if session_id != str(snapshot["id"]) or not participant_id.isascii() or not participant_id.isdigit():
        return None
    raw = request.POST.get("plek", "").strip()
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 2):  # what PositionForm takes, without its cost
        return None  # the full path answers with the form's message
    value = int(raw)
    try:
        services.position_record(snapshot=snapshot, participant_id=int(participant_id), value=value)
    except (services.NotAllowed, IntegrityError):
        return None  # the full path says why, with the page around it (or finds the participant gone)
    if request.htmx:
        words = selectors.place_words(value=value, left=snapshot["left"], right=snapshot["right"])
        return make_private(HttpResponse(format_html(PLACE_STATUS, value, words)))
    return redirect("doemee:participant", code=code)


@require_POST
def comment(request: HttpRequest, code: str) -> HttpResponse:
    session, member, refusal = _session_and_member(request, code)
    if refusal:
        return refusal
    form = CommentForm(request.POST)
    error, status = "", 200
    if not form.is_valid():
        error, status = form.errors.get("tekst", ["Je reactie is leeg."])[0], 400
    elif not throttle.comment_allowed(request, participant_id=member.pk):
        error, status = "Je schrijft wel heel snel. Wacht een minuut en probeer het dan opnieuw.", 429
    else:
        try:
            services.comment_write(session=session, participant=member, text=form.cleaned_data["tekst"])
        except services.NotAllowed as refusal_:
            error, status = str(refusal_), 400
    if not error:
        return redirect(reverse("doemee:participant", args=[session.code]) + "#reactie")
    context = _participant_context(session, member) | {
        "comment_error": error,
        "comment_text": request.POST.get("tekst", ""),
    }
    return make_private(render(request, "dialogue/participant.html", context, status=status))


@require_GET
def participant_poll(request: HttpRequest, code: str) -> HttpResponse:
    if participants.poll_unchanged(request, code):
        return participants.no_change()
    quick = _quick_poll(request, code)
    if quick is not None:
        return quick
    session, refusal = participants.session_for_code(request, code)  # throttled like any other way to try a code
    if session is None:
        if refusal.status_code == 410:  # ended since the last poll: show it, and stop polling
            session = selectors.session_get_by_code(code=code)
        else:
            return refusal
    member = participants.member(request, session)
    if member is None:
        return _poll_response(HttpResponse(status=STOP_POLLING), session, stop=True)
    context = _participant_context(session, member)
    html = _shared_live_fragment(request, context)
    if request.GET.get("fase") != context["stage"] or context["refusal"]:
        # A new statement or round, or the end: also replace the slider (out of band), which is otherwise left
        # alone so that a poll never interrupts someone who is moving it.
        html += render_to_string("dialogue/participant.html#place", context | {"oob": True}, request)
    return _poll_response(HttpResponse(html), session)


def _quick_poll(request: HttpRequest, code: str) -> HttpResponse | None:
    """A changed poll of a phone with a valid signed cookie, when the shared fragment for the new state and its
    place is already in the cache: after a reveal, 1,000 phones ask for the same new state within two seconds, and
    each one's answer then costs a few cache reads and one small query instead of four ORM queries (4.5 ms of
    CPU). None: take the full path (a new statement or round, the end, a fragment not rendered yet, anything odd)."""
    snapshot = session_snapshot(code=code, load=selectors.session_get_by_code)
    if snapshot is None or snapshot.get("revealed") is None or snapshot["closed"] or snapshot["expires"] <= time.time():
        return None
    session_id, _, participant_id = participants.signed_ids(request, code).partition(":")
    if session_id != str(snapshot["id"]) or not participant_id.isascii() or not participant_id.isdigit():
        return None
    if request.GET.get("fase") != f"{snapshot['statement_id']}-{snapshot['round']}":
        return _quick_new_stage(request, snapshot, int(participant_id))
    if snapshot["revealed"]:
        token = board_token_if_fresh(code=code, version=snapshot["version"])
    else:
        token = str(snapshot["version"])
    if token is None:
        return None
    present, mine = selectors.own_value(snapshot=snapshot, participant_id=int(participant_id))
    if not present:
        return None  # removed by the host: the full path tells the phone to stop
    place = mine if mine is not None and snapshot["revealed"] else "-"
    html = cache.get(_live_fragment_key(code, token, place, False))
    return None if html is None else make_private(HttpResponse(html))


def _quick_new_stage(request: HttpRequest, snapshot: dict, participant_id: int) -> HttpResponse | None:
    """_quick_poll on a new statement or round: the shared fragment and this phone's own slider and comment form
    (out of band), from the snapshot and one query instead of the full path's five (about 5 ms of CPU). After
    "volgende stelling" the whole room asks within seconds (with push, spread over up to 8 s: dialogue/push.py).
    None: the full path (a stage already revealed, no statement, the fragment not rendered yet, a removed phone)."""
    if snapshot["revealed"] or snapshot["statement_id"] is None:
        return None
    html = cache.get(_live_fragment_key(snapshot["code"], str(snapshot["version"]), "-", False))
    own = selectors.own_stage(snapshot=snapshot, participant_id=participant_id) if html is not None else None
    if own is None:
        return None

    def place(value: int) -> str:
        return selectors.place_words(value=value, left=snapshot["left"], right=snapshot["right"])

    slider_value = next(value for value in (own.mine, own.first, LINE_STEPS // 2) if value is not None)
    context = {
        "oob": True,
        "session": {"code": snapshot["code"]},
        "board": {"statement": {"left_pole": snapshot["left"], "right_pole": snapshot["right"]}},
        "mine": own.mine,
        "mine_text": place(own.mine) if own.mine is not None else "",
        "slider_value": slider_value,
        "slider_text": place(slider_value),
        "own_comment": own.comment,
    }
    return make_private(HttpResponse(html + render_to_string("dialogue/participant.html#place", context, request)))


# ---------------------------------------------------------------------------------------------------- helpers


def _shared_live_fragment(request: HttpRequest, context: dict) -> str:
    """The phones' #live fragment, rendered once per state (its version token) and per place of the "jij" marker
    (22 at most), and shared through the cache: after a reveal, 1,000 phones polling the same new state cost a few
    renders and many cache reads instead of 1,000 renders. It holds nothing else of one phone (no form, no token)."""
    mine = context["mine"] if context["mine_shown"] and context["session"].revealed else "-"
    key = _live_fragment_key(context["session"].code, context["version"], mine, bool(context["refusal"]))
    html = cache.get(key)
    if html is None:
        html = render_to_string("dialogue/participant.html#live", context, request)
        cache.set(key, html, FRAGMENT_SECONDS)
    return html


def _live_fragment_key(code: str, token: str, place, ended: bool) -> str:
    return f"dialogue:fragment:{code}:{token}:{place}:{ended}"


def _shared_fragment(request: HttpRequest, template: str, context: dict, name: str) -> str:
    """The projector's board or the host's counts, rendered once per state version token (a new one at most once a
    second, state.board_with_token) and kept in the shared cache: several screens on one session, or a reload,
    cost one render. Both show only the room's counts; nothing of the one who asks (no form, no CSRF token)."""
    key = f"dialogue:{name}:{context['session'].public_id}:{context['version']}:{bool(context['refusal'])}"
    html = cache.get(key)
    if html is None:
        html = render_to_string(template, context, request)
        cache.set(key, html, FRAGMENT_SECONDS)
    return html


def _join_url(request: HttpRequest, session: LiveSession) -> str:
    return request.build_absolute_uri(reverse("doemee:participant", args=[session.code]))


def _board_context(session: LiveSession) -> dict:
    on_new = functools.partial(_push_board, session) if push.enabled() and session.revealed else None
    board, token = board_with_token(session=session, compute=selectors.board, on_new=on_new)
    return {
        "session": session,
        "board": board,
        "version": token,
        "refusal": selectors.session_refusal(session),
        "steps": range(LINE_STEPS + 1),
    }


def _push_board(session: LiveSession, board, token: str) -> None:
    """A new board after the reveal: the phones' shared fragment (without a "jij" marker, which each phone adds
    itself), kept where the phones' polls look for it and published to their streams."""
    if selectors.session_refusal(session):
        return  # ended: the phones' next fetch (after the state's push) shows it
    stage = f"{session.current_statement_id}-{session.round}"
    context = {"session": session, "board": board, "version": token, "refusal": "", "stage": stage}
    html = render_to_string("dialogue/participant.html#live", context | {"mine_shown": False, "mine": None})
    cache.set(_live_fragment_key(session.code, token, "-", False), html, FRAGMENT_SECONDS)
    push.publish_board(code=session.code, token=token, stage=stage, html=html)


def _participant_context(session: LiveSession, member: Participant) -> dict:
    mine, first = selectors.own_place(session=session, participant=member)
    comment_ = selectors.own_comment(session=session, participant=member)
    slider_value = mine if mine is not None else (first if first is not None else LINE_STEPS // 2)
    statement = session.current_statement
    return (
        _board_context(session)
        | {
            "member": member,
            "mine": mine,
            "mine_shown": mine is not None,
            "mine_text": selectors.place_text(value=mine, statement=statement) if mine is not None else "",
            "slider_value": slider_value,
            "slider_text": selectors.place_text(value=slider_value, statement=statement) if statement else "",
            "own_comment": comment_,
            "stage": f"{session.current_statement_id}-{session.round}",
        }
        | ({} if session.revealed else {"version": state_version(session=session)})
    )


def _poll_response(response: HttpResponse, session: LiveSession, stop: bool = False) -> HttpResponse:
    if stop or not session.is_live:
        response.status_code = STOP_POLLING
    return make_private(response)


def _session_and_member(request: HttpRequest, code: str):
    session, refusal = participants.session_for_code(request, code)
    if refusal:
        return None, None, refusal
    member = participants.member(request, session)
    if member is None:
        return None, None, redirect("doemee:participant", code=session.code)
    return session, member, None
