"""Issue 17, push: a langs-de-lijn session with Pushpin in front, in Chromium. The phones hold an event stream and
stop polling: the host's reveal and a move of another phone reach them as a pushed board (no request at all) with
their own "jij" marker in place; a new statement costs each phone one fetch, and so does the end of the session.

Everything goes through the proxy here (one origin for the browser); a deployment sends only the streams there.
"""

import shutil
import tempfile
from pathlib import Path

import pytest

from bench import pushpin
from cms.models import StatementSet
from dialogue.models import LiveSession

from .test_dialogue import join, move_by_keyboard, signed_in_context, text_shows

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not pushpin.available(), reason="Pushpin is not installed (.ci/run installs it)"),
]


@pytest.fixture
def pushed_site(live_site, settings):
    """Pushpin in front of the live server; the site publishes to it (GRIP_URL is read at request time)."""
    host, port = live_site.removeprefix("http://").split(":")
    workdir = Path(tempfile.mkdtemp(prefix="pp-"))  # short: Pushpin's socket paths must fit in 108 bytes
    try:
        with pushpin.pushpin(host, int(port), workdir) as proxy:
            settings.GRIP_URL = proxy.grip_url
            yield proxy.url
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


class Phone:
    """A phone's browser, with what it asked: its #live fetches (polls, and fetches after a pushed change) and the
    answers to its stream requests (Playwright reports a stream's response once its headers arrive)."""

    def __init__(self, browser, site: str, code: str) -> None:
        context = browser.new_context(viewport={"width": 390, "height": 844})  # a cheap phone
        self.polls: list[str] = []
        self.streams: list[int] = []
        context.on("request", lambda request: "/stand/" in request.url and self.polls.append(request.url))
        context.on("response", lambda response: "/stroom/" in response.url and self.streams.append(response.status))
        self.page = join(context, site, code)

    def wait_for_stream(self) -> None:
        for _ in range(80):
            if self.streams:
                assert self.streams == [200]
                return
            self.page.wait_for_timeout(100)
        raise AssertionError("the stream never opened")


def test_phones_follow_the_room_by_push(browser, pushed_site, axe_check):
    host = signed_in_context(browser, pushed_site).new_page()
    host.goto(pushed_site + "/live/")
    host.get_by_label("Kies de stellingen").select_option(label=StatementSet.objects.order_by("title").first().title)
    host.get_by_role("button", name="Start de sessie").click()
    host.wait_for_url("**/live/*/")
    session = LiveSession.objects.get()

    devices = [Phone(browser, pushed_site, session.code) for _ in range(2)]
    phones = [device.page for device in devices]
    polls = [device.polls for device in devices]
    for device in devices:
        assert device.page.locator("[data-stream]").get_attribute("data-stream") == f"/doe-mee/{session.code}/stroom/"
        device.wait_for_stream()
    move_by_keyboard(phones[0], 6)
    text_shows(phones[0], "#plek-status", "Jouw plek: 6 stappen naar rechts")
    phones[0].wait_for_timeout(4500)  # two ticks of the old 2 s poll: held back while the stream is open
    assert polls == [[], []]

    # The reveal: the new state's board reaches the phones by push, without a request.
    host.get_by_role("button", name="Laat de verdeling zien").click()
    for phone in phones:
        text_shows(phone, "#live", "Hier staat de groep")
    assert polls == [[], []]
    assert phones[0].locator("#live .line__mark--me").get_attribute("class").endswith("pos-16")

    # Another phone moves: the host's page recomputes the board, the phones get it pushed, without a request.
    move_by_keyboard(phones[1], -4)
    text_shows(phones[1], "#plek-status", "Jouw plek: 4 stappen naar links")
    text_shows(phones[0], "#live", "Zo staat de groep: 2 plekken")
    text_shows(phones[1], "#live", "Zo staat de groep: 2 plekken")
    assert polls == [[], []]
    # Each phone's own marker, added to the shared fragment by the phone itself.
    assert phones[0].locator("#live .line__mark--me").get_attribute("class").endswith("pos-16")
    assert phones[1].locator("#live .line__mark--me").get_attribute("class").endswith("pos-6")
    assert axe_check(phones[0]) == []
    phones[0].screenshot(path="/tmp/push-phone-revealed.png", full_page=True)

    # A new statement: each phone fetches its fragment once (the slider is new too).
    host.get_by_role("button", name="Volgende stelling").click()
    for phone in phones:
        text_shows(phone, "#live", "Stelling 2 van")
        text_shows(phone, "#plek-status", "nog geen plek")
    assert [len(p) for p in polls] == [1, 1]
    assert axe_check(phones[1]) == []
    phones[1].screenshot(path="/tmp/push-phone-next.png", full_page=True)

    # The end: the phones fetch once more, show why, and stop.
    host.get_by_role("button", name="Sessie afsluiten").click()
    for phone in phones:
        text_shows(phone, "#live", "afgesloten")
    assert [len(p) for p in polls] == [2, 2]
