"""Browser tests: Playwright drives Debian's Chromium (Playwright's own browser download does not work here).

Fixtures:
- `live_site`: the live test server with the full Dutch content set loaded; yields its base URL. Test modules
  using it carry `pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)`.
- `page`: a Playwright page (from pytest-playwright) in our Chromium.
- `axe_check(page)`: runs axe-core with the WCAG 2.1 A/AA rules and returns the violations (a list).
"""

import os
import shutil
from pathlib import Path

import pytest

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
