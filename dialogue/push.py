"""Server push to the phones of a live session, through a GRIP proxy (Pushpin) in front of the site.

Polling every 2 s cannot carry 1,000 phones on two cores (bench/README.md): during a burst of moves their polls
are half of all requests. With push, every phone holds one server-sent-events stream that Pushpin keeps open, and
the site publishes to the session's channel only when something changed:
- `stand` with the new state version and stage (statement and round), when the host changes something: a phone on
  another stage fetches its own fragment once, as its poll would (the slider is new too); on the same stage (a
  reveal, say) it waits a moment for the board of the new version instead, and fetches only if none comes. Phones
  spread those fetches over a window that grows with the room (`spread_ms`): each costs about 3 ms of CPU, so
  1,000 phones fetching within 2 s would need 1.5 cores; spread over 6 s they need half a core. Rooms whose hosts
  move on within the same few seconds fetch from the same servers, so a room's window starts after theirs
  (`phones_fetching_before`): four rooms of 250 fetch one after the other, as one room of 1,000 would;
- `board` with the phones' shared fragment, whenever a board is computed after a reveal (the first one for a new
  state version, then at most once a second while the room moves, state.board_with_token): every phone swaps it in
  without a request, and adds its own "jij" marker (static/js/dialogue.js).

Push is on when GRIP_URL is set: gripcontrol publishes to Pushpin's control port, and django-grip's middleware checks
Pushpin's signature on proxied requests and turns a held response into Pushpin's instructions. Only the streams
(/doe-mee/<code>/stroom/) go through Pushpin; the front proxy sends everything else to the site directly, so the
site still sees each phone's own address (rate limits) and a move costs no extra hop (README, "Deploying at scale").
A stream request that did not come through Pushpin is refused; the phone then keeps polling, as it does without
JavaScript or with a dropped stream, so nothing depends on the proxy being there.
Nothing published holds a name, token or address: the same shared fragment every phone in the room polls today.
"""

import functools
import json
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django_grip import set_hold_stream
from gripcontrol import GripPubControl, parse_grip_uri

from .models import Participant

logger = logging.getLogger(__name__)

KEEP_ALIVE_SECONDS = 25  # a comment line, so that phone networks and proxies keep an idle stream open
SPREAD_MS_PER_PHONE = 6  # twice a fetch's CPU: a room's fetches after a change take half a core
SPREAD_MS = (2000, 8000)  # never faster than the old 2 s poll, never slower than 8 s
FETCHING_SECONDS = SPREAD_MS[1] // 1000  # how long a change's fetches go on: the counter's time slot
MAX_OFFSET_MS = 8000  # however busy the site, a phone starts its fetch within 8 s (+ its own window)
STAGE_SECONDS = 24 * 3600  # the stage each session last published, to tell a new stage from a reveal


def enabled() -> bool:
    return bool(getattr(settings, "GRIP_URL", ""))


def proxied(request: HttpRequest) -> bool:
    """True when Pushpin signed this request (django-grip's middleware checked the signature with GRIP_URL's key)."""
    grip = getattr(request, "grip", None)
    return enabled() and grip is not None and grip.proxied


def channel(code: str) -> str:
    return f"doemee-{code}"


def spread_ms(phones: int) -> int:
    return min(max(phones * SPREAD_MS_PER_PHONE, SPREAD_MS[0]), SPREAD_MS[1])


def phones_fetching_before(phones: int) -> int:
    """How many phones of other rooms (on any app instance, through the shared cache) were told to fetch in this
    time slot or the one before; adds this room's own. Their fetches may still be going on, so this room's phones
    start after them. Counted with the cache's atomic increment (Redis in production; approximate on a file cache,
    which is fine for a pacing hint)."""
    slot = int(time.time()) // FETCHING_SECONDS
    key, previous = f"dialogue:push:fetching:{slot}", f"dialogue:push:fetching:{slot - 1}"
    cache.add(key, 0, FETCHING_SECONDS * 3)
    try:
        now = cache.incr(key, phones)
    except ValueError:  # the slot's key expired between add and incr: count this room alone
        now = phones
    return now - phones + (cache.get(previous) or 0)


def offset_ms(phones_before: int) -> int:
    return min(phones_before * SPREAD_MS_PER_PHONE, MAX_OFFSET_MS)


def stream_response(request: HttpRequest, *, code: str, version: int, stage: str) -> HttpResponse:
    """The answer Pushpin holds open as the phone's event stream. It starts with the current state, so a phone that
    reconnects after a gap fetches what it missed (at its own pace: the others are not fetching)."""
    set_hold_stream(request, channel(code), keep_alive_data=":\n\n", keep_alive_timeout=KEEP_ALIVE_SECONDS)
    response = HttpResponse(_event("stand", f"{version} {stage} {SPREAD_MS[0]} 0"), content_type="text/event-stream")
    response["Cache-Control"] = "no-store"
    return response


def publish_state(*, session, version: int) -> None:
    """After the host's change is committed: the new state version, the stage ("<statement id>-<round>"), how long
    the room's phones take to spread their fetches over, and after how long they start (one count query per change
    of the host, and a few cache round trips)."""
    if not enabled():
        return
    code, stage = session.code, f"{session.current_statement_id}-{session.round}"

    def send() -> None:
        phones = Participant.objects.filter(session_id=session.pk).count()
        # Only a new statement or round makes every phone fetch; after a reveal they wait for its pushed board.
        stage_key = f"dialogue:push:stage:{code}"
        new_stage = cache.get(stage_key) != stage
        cache.set(stage_key, stage, STAGE_SECONDS)
        offset = offset_ms(phones_fetching_before(phones)) if new_stage else 0
        _send(code, _event("stand", f"{version} {stage} {spread_ms(phones)} {offset}"))

    transaction.on_commit(send, robust=True)  # a failed publish is logged; the host's change stands


def publish_board(*, code: str, token: str, stage: str, html: str) -> None:
    """The phones' shared fragment for a new board: swapped in as it is, no request per phone."""
    if enabled():
        payload = json.dumps({"v": token, "fase": stage, "html": html}, separators=(",", ":"))
        _send(code, _event("board", payload))


def wait_all_sent() -> None:
    """For a process that ends right after a change (a management command, a script): publishing runs in a daemon
    thread, which would die with the process before it sent."""
    if enabled():
        _publisher(settings.GRIP_URL).wait_all_sent()


def _event(name: str, data: str) -> str:
    return f"event: {name}\ndata: {data}\n\n"


@functools.cache
def _publisher(grip_url: str) -> GripPubControl:
    """One publisher per process and proxy address (read when first used, so a changed setting takes effect)."""
    return GripPubControl(parse_grip_uri(grip_url))


def _send(code: str, content: str) -> None:
    """Non-blocking: gripcontrol hands the item to a background sender, so a request never waits for the proxy. A
    failed publish is logged; the phones' slow safety poll (dialogue.js) still brings the change."""
    try:
        _publisher(settings.GRIP_URL).publish_http_stream(channel(code), content, callback=_log_failure)
    except Exception:  # the proxy's address is wrong or unreachable: never fail the host's action for it
        logger.exception("push: publish to %s failed", channel(code))


def _log_failure(success: bool, message: str) -> None:
    if not success:
        logger.warning("push: publish failed: %s", message)
