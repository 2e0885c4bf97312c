"""Browser tests: Playwright drives Debian's Chromium (Playwright's own browser download does not work here).

Fixtures:
- `live_site`: the live test server with the full Dutch content set loaded; yields its base URL. Test modules
  using it carry `pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)`.
- `page`: a Playwright page (from pytest-playwright) in our Chromium.
- `axe_check(page)`: runs axe-core with the WCAG 2.1 A/AA rules and returns the violations (a list).
- `live_server_lock`: held while the live server handles a request; a test that writes to the database while its
  pages poll holds it too.
"""

import os
import shutil
import threading
from pathlib import Path

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connections
from django.test import TransactionTestCase
from django.test.testcases import LiveServerThread

from tests.factories import ensure_wagtail_roots

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop here

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        pytest.fail("Chromium is not installed: run `apt-get install -y chromium` (.ci/run does this).")
    return {**browser_type_launch_args, "executable_path": executable, "args": CHROMIUM_FLAGS}


REQUEST_LOCK = threading.Lock()


class OneRequestAtATimeServer(ThreadedWSGIServer):
    """The live server, handling each request whole (response and its closing included) before the next.

    On SQLite the test database lives in memory, so the server's request threads share one database connection,
    and queries run at once on one sqlite3 connection mix up their results ("get() returned 2" for a unique key,
    "bad parameter or other API misuse"): a page that loads three posts with htmx at once failed now and then.
    Connections are still accepted in parallel, so the browser's keep-alive connections never block each other.
    """

    def set_app(self, application):
        def one_at_a_time(environ, start_response):
            with REQUEST_LOCK:
                response = application(environ, start_response)
                try:
                    return [b"".join(response)]
                finally:
                    if hasattr(response, "close"):
                        response.close()
                    # After every request, not only when the browser closes its socket: a keep-alive connection
                    # of a browser context left open keeps its thread, and on PostgreSQL that thread's database
                    # connection, for the rest of the session. Enough of them used up max_connections and made a
                    # later test's 40 threads fail with "too many clients".
                    _close_own_connections()

        super().set_app(one_at_a_time)

    def _close_connections(self):
        _close_own_connections()


def _close_own_connections() -> None:
    # Closing the shared in-memory SQLite connection is a no-op, but a request thread that outlives its test (a
    # browser's keep-alive connection) finds it no longer shared and raises; other connections are the thread's own.
    for connection in connections.all(initialized_only=True):
        if not (connection.vendor == "sqlite" and connection.is_in_memory_db()):
            connection.close()


@pytest.fixture(scope="session", autouse=True)
def _one_request_at_a_time():
    LiveServerThread.server_class = OneRequestAtATimeServer


@pytest.fixture(scope="session", autouse=True)
def _database_reset_while_the_server_is_idle():
    """Empty and restore the database between tests only while no request is being handled.

    A page that outlives its test (a poll, Wagtail's editing-session ping) can send a request while the next test's
    flush runs. On PostgreSQL that request's locks and the flush's TRUNCATE of every table could deadlock, and the
    flush failed ("Database test couldn't be flushed"). Held here, the request waits for the reset, or the reset
    for it."""
    original_setup = TransactionTestCase._fixture_setup.__func__  # a classmethod
    original_teardown = TransactionTestCase._fixture_teardown

    @classmethod
    def setup(cls):
        with REQUEST_LOCK:
            return original_setup(cls)

    def teardown(self):
        with REQUEST_LOCK:
            return original_teardown(self)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(TransactionTestCase, "_fixture_setup", setup)
        patch.setattr(TransactionTestCase, "_fixture_teardown", teardown)
        yield


@pytest.fixture(autouse=True)
def _close_pages_left_open(request):
    """After each test, close the browser contexts it left open (a failed assertion skips a test's own close), so
    their polls stop instead of reaching the next test's database."""
    yield
    if "browser" in request.fixturenames:
        for context in list(request.getfixturevalue("browser").contexts):
            context.close()


@pytest.fixture
def live_server_lock() -> threading.Lock:
    return REQUEST_LOCK


@pytest.fixture
def live_site(live_server, transactional_db):
    from django.core.cache import cache

    from cms.loader import load_content

    ensure_wagtail_roots()
    load_content()
    cache.clear()
    return live_server.url


@pytest.fixture
def axe_check():
    source = AXE_JS.read_text(encoding="utf-8")

    def run(page) -> list[dict]:
        # Our pages forbid inline scripts (CSP), so axe is served as if from this origin instead of injected inline.
        origin = "/".join(page.url.split("/")[:3])
        page.route(origin + "/__axe.js", lambda route: route.fulfill(body=source, content_type="text/javascript"))
        page.add_script_tag(url=origin + "/__axe.js")
        return page.evaluate(
            """async () => {
                const r = await axe.run(document, {runOnly: {type: 'tag',
                    values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
                return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}));
            }"""
        )

    return run
