"""A crawler in Chromium: every page a visitor can reach from the home page, and every page a teacher, a student, a
host and a participant can reach from their own start page, each signed in as a real user would be.

On every page: no WCAG 2.1 AA violation (axe-core), no request to another host, no console error, no Content
Security Policy violation, and no broken link. Per test, the Nu HTML validator (vnu) checks the HTML the server sent:
the raw body of each document, and each htmx fragment met on the way inside a minimal document. vnu runs once per
test over all those files, because its JVM takes seconds to start.

A crawl follows same-origin <a href> links breadth-first within its own part of the site (the public pages are the
visitor's crawl). It never follows the admin, a sign-out link or a download (by the link, or by the answer's
Content-Type), and it visits the page behind the reading-mode toggle rather than the toggle itself.
"""

import json
import re
import subprocess
import tempfile
from collections import deque
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs, urldefrag, urlsplit

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Error as PlaywrightError

from accounts import services as people
from accounts.sso import identities
from cms.choices import Category
from cms.models import LessonPage, StatementSet
from dialogue import services as dialogue_services
from dialogue.models import LiveSession
from lessons.classroom import selectors as classroom
from lessons.classroom import services as classroom_services
from lessons.practice import services
from measurement import services as measurement_services
from tests.factories import TeacherFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

VNU_JAR = Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
NEVER_FOLLOW = ("/admin/", "/django-admin/", "/documenten/")
SIGN_OUT = ("uitloggen", "logout", "afmelden")
DOWNLOAD_SUFFIXES = (".csv", ".json", ".pdf", ".zip", ".xlsx", ".svg", ".png", ".jpg", ".txt", ".docx")
READING_MODE_TOGGLE = "/leesstand/"
MAX_PAGES = 400  # a runaway crawl (a link that makes new links) fails instead of running for ever

# Runs before any script of the page and is not subject to its CSP; the crawler reads the list after each page.
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
    window.__cspViolations.push(event.violatedDirective + ' ' + (event.blockedURI || 'inline'));
}, true);
"""

# Until htmx has swapped in what a page loads on its own (hx-trigger="load") and no request is in flight.
HTMX_SETTLED = "!document.querySelector('[data-hx-trigger~=\"load\"], .htmx-request')"

FRAGMENT_DOCUMENT = '<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Fragment</title></head><body>\n'


class Crawler:
    """One role's browser page, the pages it visited, and everything wrong that it saw."""

    def __init__(self, page, base_url: str, axe_check, *, area: tuple[str, ...] = ("/",)) -> None:
        self.page = page
        self.base_url = base_url.rstrip("/")
        self.host = urlsplit(base_url).netloc
        self.axe_check = axe_check
        self.area = area
        page.set_default_timeout(10_000)
        self.visited: list[str] = []  # the paths (with query) of the pages checked, in order
        self.seen: set[str] = set()
        self.downloads: set[str] = set()
        self.documents: dict[str, bytes] = {}  # path ("path (2)" the second time) -> the HTML the server sent
        self.fragments: dict[str, bytes] = {}  # path of an htmx request -> the HTML fragment it answered
        self.problems: list[str] = []
        self._console: list[str] = []
        self._foreign: list[str] = []
        self._htmx_responses: list = []
        page.add_init_script(CSP_LISTENER)
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self._console.append(f"uncaught: {error}"))
        page.on("request", self._on_request)
        page.on("response", self._on_response)

    # ------------------------------------------------------------------------------------------------ events

    def _on_console(self, message) -> None:
        # Chromium reports a CSP violation as "Refused to …" or, lately, "… violates the following Content Security
        # Policy directive …"; either counts whatever the message type.
        if message.type == "error" or "Refused to" in message.text or "Content Security Policy" in message.text:
            self._console.append(message.text)

    def _on_request(self, request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in {"http", "https", "ws", "wss"} and parts.netloc != self.host:
            self._foreign.append(request.url)

    def _on_response(self, response) -> None:
        if response.request.headers.get("hx-request") == "true":
            self._htmx_responses.append(response)

    # ------------------------------------------------------------------------------------------------ crawling

    def key(self, url: str) -> str:
        """The path and query of a same-origin URL, without its fragment."""
        parts = urlsplit(urldefrag(url)[0])
        return parts.path + (f"?{parts.query}" if parts.query else "")

    def crawl(self, *starts: str) -> None:
        """Breadth-first from `starts` (paths), following links within this crawler's area. The starts are checked
        again even if seen before (the state may have changed since); other pages once."""
        queue = deque(starts)
        self.seen.update(queue)
        while queue:
            assert len(self.visited) < MAX_PAGES, f"more than {MAX_PAGES} pages: {self.visited[-20:]}"
            path = queue.popleft()
            links = self.visit(path)
            for link in links:
                if link not in self.seen:
                    self.seen.add(link)
                    queue.append(link)

    def visit(self, path: str, *, status: int = 200) -> list[str]:
        """Open one page, check it, and return the links worth following. `status`: the one this page should have
        (a crawl expects 200 after any redirect; anything else is a broken link)."""
        self._htmx_responses.clear()  # a poll answered after the last page was checked: its body is gone
        try:
            response = self.page.goto(self.base_url + path)
        except PlaywrightError as error:
            if "Download is starting" in str(error):  # a download the link did not announce
                self.downloads.add(path)
                return []
            raise
        return self.check(response, requested=path, status=status)

    def submit(self, click) -> list[str]:
        """Send a form as a user would (`click` presses its button) and check the page that answers."""
        self._htmx_responses.clear()
        with self.page.expect_navigation() as navigation:
            click()
        return self.check(navigation.value, requested=self.key(self.page.url))

    def check(self, response, *, requested: str, status: int = 200) -> list[str]:
        path = self.key(self.page.url)
        self.seen.update({requested, path})
        content_type = response.headers.get("content-type", "") if response else ""
        if not content_type.startswith("text/html"):
            self.downloads.add(requested)
            return []
        self.visited.append(path)
        if response.status != status:
            self.problems.append(f"{path}: status {response.status} (reached as {requested})")
        elif status >= 400:  # Chromium logs an error status as a console error; this page's own one is meant
            self.page.wait_for_load_state()
            meant = f"Failed to load resource: the server responded with a status of {status} "
            self._console = [text for text in self._console if not text.startswith(meant)]
        label, number = path, 1
        while label in self.documents:  # a start checked again, or a form's answer at the form's own address
            number += 1
            label = f"{path} ({number})"
        self.documents[label] = response.body()
        return self.inspect()

    def inspect(self) -> list[str]:
        """Check the page as it is now in the browser; returns the links worth following."""
        path = self.key(self.page.url)
        self._wait_for_htmx()
        for violation in self.axe_check(self.page):
            self.problems.append(f"{path}: axe {violation['id']}: {violation['help']} {violation['nodes']}")
        for violation in self.page.evaluate("(window.__cspViolations || []).splice(0)"):
            self.problems.append(f"{path}: CSP violation: {violation}")
        self.problems += [f"{path}: console: {text}" for text in self._console]
        self.problems += [f"{path}: request to another host: {url}" for url in self._foreign]
        self._console.clear()
        self._foreign.clear()
        self._keep_fragments()
        return self.links()

    def _wait_for_htmx(self) -> None:
        """page.wait_for_function would need 'unsafe-eval', which our CSP refuses; so poll."""
        for _ in range(50):
            if self.page.evaluate(HTMX_SETTLED):
                return
            self.page.wait_for_timeout(100)
        self.problems.append(f"{self.key(self.page.url)}: htmx never finished loading")

    def wait_for_fragment(self, path: str) -> None:
        """Wait for an htmx answer (to a form, or a poll) from `path`, then check the page again as it now is."""
        for _ in range(50):  # polls come every 2 s
            self._keep_fragments()
            if path in self.fragments:
                self.inspect()
                return
            self.page.wait_for_timeout(100)
        self.problems.append(f"{self.key(self.page.url)}: no htmx fragment from {path} within 5 s")

    def _keep_fragments(self) -> None:
        """The HTML of the htmx requests this page made (one per path: a poll asks the same thing again)."""
        for response in self._htmx_responses:
            path = self.key(response.url).partition("?")[0]
            if path in self.fragments or response.status != 200:
                continue
            if response.headers.get("content-type", "").startswith("text/html"):
                try:
                    self.fragments[path] = response.body()
                except PlaywrightError:  # a poll answered while the page moved on: its body is gone; a later
                    continue  # poll of the same path is kept instead, and wait_for_fragment insists on one
        self._htmx_responses.clear()

    def links(self) -> list[str]:
        """The links on this page worth following (paths); downloads are noted instead."""
        links = self.page.evaluate(
            "[...document.querySelectorAll('a[href]')].map(a => [a.href, a.hasAttribute('download')])"
        )
        follow = []
        for href, is_download in links:
            parts = urlsplit(href)
            if parts.scheme not in {"http", "https"} or parts.netloc != self.host:
                continue  # mailto:, tel: and links to other sites: not part of this site
            path = self.key(href)
            if parts.path == READING_MODE_TOGGLE:  # a switch, not a page: visit where it leads instead
                path = parse_qs(parts.query).get("terug", ["/"])[0]
                parts = urlsplit(path)
            if parts.path.startswith(NEVER_FOLLOW) or any(word in parts.path for word in SIGN_OUT):
                continue
            if is_download or parts.path.endswith(DOWNLOAD_SUFFIXES):
                self.downloads.add(path)
                continue
            if parts.path.startswith(self.area):
                follow.append(path)
        return follow

    def summary(self, role: str) -> str:
        return (
            f"{role}: {len(set(self.visited))} pages, {len(self.documents)} documents and {len(self.fragments)} htmx"
            f" fragments checked, {len(self.downloads)} downloads skipped"
        )

    def report(self) -> list[str]:
        """Everything wrong on the pages visited, including what vnu finds in their HTML."""
        return self.problems + validate_html(self.documents, self.fragments)


def validate_html(documents: dict[str, bytes], fragments: dict[str, bytes] | None = None) -> list[str]:
    """vnu's errors as "URL: message (line N)", one run over all documents (and wrapped fragments) at once."""
    files: dict[str, tuple[str, int]] = {}  # file name -> (what it holds, line offset)
    with tempfile.TemporaryDirectory() as folder:
        for number, (url, body) in enumerate(documents.items()):
            files[f"d{number:04d}.html"] = (url, 0)
            (Path(folder) / f"d{number:04d}.html").write_bytes(body)
        for number, (url, body) in enumerate((fragments or {}).items()):
            files[f"f{number:04d}.html"] = (f"{url} (htmx fragment)", 1)
            (Path(folder) / f"f{number:04d}.html").write_bytes(FRAGMENT_DOCUMENT.encode() + body + b"</body></html>")
        if not files:
            return []
        command = ["java", "-jar", str(VNU_JAR), "--format", "json", "--errors-only", "--stdout"]
        result = subprocess.run(
            [*command, *sorted(str(Path(folder) / name) for name in files)],
            capture_output=True,
            text=True,
            timeout=300,
        )
    if not result.stdout.strip():
        return [f"vnu did not run: {result.stderr.strip()[:1000]}"]
    errors = []
    for message in json.loads(result.stdout)["messages"]:
        url, offset = files.get(Path(urlsplit(message.get("url", "")).path).name, (message.get("url", "?"), 0))
        line = message.get("lastLine", message.get("firstLine"))
        where = f" (line {line - offset})" if line else ""
        errors.append(f"{url}: {message['message']}{where}")
    return errors


@pytest.fixture
def new_page(browser):
    """A page in a browser context of its own (its own cookies); the contexts close after the test, so no page
    polls the server while the next test sets up."""
    contexts = []

    def make(**options):
        contexts.append(browser.new_context(**options))
        return contexts[-1].new_page()

    yield make
    for context in contexts:
        context.close()


def assert_reached(crawler: Crawler, *paths: str) -> None:
    missing = [path for path in paths if path not in crawler.visited]
    assert not missing, f"not reached: {missing}; visited: {crawler.visited}"


def assert_clean(*crawlers: Crawler) -> None:
    problems = [problem for crawler in crawlers for problem in crawler.report()]
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)


# ---------------------------------------------------------------------------------------------------- guards


def test_vnu_reports_errors_in_a_broken_document():
    valid = b'<!doctype html><html lang="nl"><head><title>Goed</title></head><body><p>Goed</p></body></html>'
    broken = b'<!doctype html><html lang="nl"><head><title>Fout</title></head><body><p><div id="a" id="a"></p>'
    errors = validate_html({"/goed/": valid, "/fout/": broken}, {"/fragment/": b"<li>los</li>"})
    assert errors, "vnu found nothing wrong in a broken document"
    assert all(error.startswith(("/fout/: ", "/fragment/ (htmx fragment): ")) for error in errors), errors
    assert any("Duplicate attribute" in error and error.endswith("(line 1)") for error in errors), errors
    assert any(error.startswith("/fragment/") and "(line 1)" in error for error in errors), errors


def test_the_page_checks_catch_what_they_look_for(new_page, live_site, axe_check):
    """An inline script (blocked by our CSP), a console error and a request to another host are each reported."""
    crawler = Crawler(new_page(bypass_csp=True), live_site, axe_check)
    crawler.page.route("http://elders.example/**", lambda route: route.fulfill(body="", content_type="image/png"))
    assert crawler.visit("/privacy/") and crawler.problems == []
    crawler.page.evaluate(
        """document.querySelector('main').insertAdjacentHTML('beforeend', `
            <a href="/leesstand/?aan=1&amp;terug=/ouders/">Grote letters</a> <a href="/docent/uitloggen/">Uit</a>
            <a href="/admin/">Beheer</a> <a href="https://elders.example/">Elders</a> <a href="mailto:a@b.nl">Mail</a>
            <a href="/docent/klassen/x/export.json">JSON</a> <a href="/overzicht/" download>Download</a>`)"""
    )
    links = crawler.links()
    assert "/ouders/" in links and "/privacy/" in links  # the toggle's target page; the footer
    assert not {link for link in links if "leesstand" in link or "uitloggen" in link or "admin" in link}
    assert not {link for link in links if "elders" in link or "mailto" in link or "export" in link}
    assert crawler.downloads == {"/docent/klassen/x/export.json", "/overzicht/"}
    crawler.visit("/bestaat-niet/")
    crawler.page.evaluate("new Image().src = 'http://elders.example/pixel.png'; console.error('kapot')")
    crawler.page.wait_for_timeout(200)
    crawler.inspect()
    strict = Crawler(new_page(), live_site, axe_check)
    strict.visit("/privacy/")
    strict.page.evaluate(
        "const s = document.createElement('script'); s.textContent = 'void 0'; document.body.append(s)"
    )
    strict.page.wait_for_timeout(200)
    strict.inspect()
    found = "\n".join(crawler.problems + strict.problems)
    assert "/bestaat-niet/: status 404" in found
    assert "request to another host: http://elders.example/pixel.png" in found
    assert "console: kapot" in found
    assert "CSP violation: script-src-elem inline" in found
    assert "console: Executing inline script violates the following Content Security Policy directive" in found


# ---------------------------------------------------------------------------------------------------- visitor


def test_a_visitor_reaches_every_public_page_and_each_one_is_clean(new_page, live_site, axe_check):
    visitor = Crawler(new_page(), live_site, axe_check)
    visitor.crawl("/", "/zoeken/?q=opruiing")
    visitor.visit("/bestaat-niet/", status=404)  # the error page a mistyped address gets

    lessons = {page.url_path.removeprefix("/start") for page in LessonPage.objects.live()}
    assert len(lessons) >= 12
    assert lessons <= set(visitor.visited), sorted(lessons - set(visitor.visited))
    public = ["/ouders/", "/dialoogavond/", "/woordenlijst/", "/privacy/", "/toegankelijkheid/", "/oefenen/"]
    public.append("/toets/test-jezelf/")  # linked from /oefenen/
    for path in [*public, "/privacy/bijsluiter/", "/privacy/beveiliging/"]:  # the papers, linked from /privacy/
        assert path in visitor.visited, path
    assert any(path.startswith("/oefenen/bericht/") for path in visitor.fragments)  # posts embedded in lessons
    assert not any(path.startswith(READING_MODE_TOGGLE) for path in visitor.visited)
    print(visitor.summary("visitor"))
    assert_clean(visitor)


# ---------------------------------------------------------------------------------------------------- classes


def _answer(attempt, *, posts: int, steps: int = 3, right: bool = True) -> None:
    for scenario in list(attempt.exercise_set.ordered_scenarios())[:posts]:
        category = scenario.category if right else next(c for c in Category.values if c != scenario.category)
        services.answer_category(attempt=attempt, scenario=scenario, category=category)
        if steps >= 2:
            services.answer_placement(attempt=attempt, scenario=scenario, concreteness=3, reach=3)
        if steps >= 3:
            services.answer_responses(attempt=attempt, scenario=scenario, responses=tuple(scenario.responses[:1]))


def make_class():
    """A teacher with a class of three students, three assignments (done, started, overdue) and an archived class."""
    teacher = TeacherFactory(name="Fatima de Vries", user__username="fatima@school.example")
    # She also signed in through Entree once, and a pupil of her school waits to be placed (accounts/sso).
    identities.identity_link(user=teacher.user, provider="entree", hashed="e" * 64, affiliation="employee", brin="12AB")
    identities.pupil_wait(hashed="d" * 64, brin="12AB", pseudonym="Lotte")
    school_class = people.school_class_create(teacher=teacher.user, name="2B")
    old = people.school_class_create(teacher=teacher.user, name="1A vorig jaar")
    people.school_class_archive(school_class=old)
    made, _ = people.students_create(school_class=school_class, pseudonyms=["Sam", "Noor", "Daan"])
    sam, noor = made[0], made[1]
    first_set, second_set = list(classroom.assignable_sets()[:2])
    lesson = classroom.assignable_lessons().first()
    now = timezone.now()
    done = classroom_services.assignment_create(
        school_class=school_class, exercise_set=first_set, lesson=None, due_at=now + timedelta(days=7)
    )
    classroom_services.assignment_create(school_class=school_class, exercise_set=second_set, lesson=None, due_at=None)
    classroom_services.assignment_create(
        school_class=school_class, exercise_set=lesson.exercise_set, lesson=lesson, due_at=now - timedelta(days=1)
    )
    _answer(services.attempt_start(exercise_set=first_set, user_id=sam.profile.user_id), posts=99)
    started = services.attempt_start(exercise_set=second_set, user_id=sam.profile.user_id)
    for posts, steps in ((1, 3), (2, 2), (3, 1)):  # post 1 done, post 2 up to step 2, post 3 step 1, the rest open
        _answer(started, posts=posts, steps=steps)
    _answer(services.attempt_start(exercise_set=first_set, user_id=noor.profile.user_id), posts=99, right=False)
    _measure(school_class, [m.profile for m in made])
    return teacher, school_class, done, sam, started


def _measure(school_class, students) -> None:
    """The test of discernment: pre and post handed in by Sam and Noor, Daan's pre left unfinished, and a delayed
    test open now that nobody started (the post-test opened 30 days ago: a delayed test opens 4 to 8 weeks after)."""
    now = timezone.now()
    for moment in ("voormeting", "nameting", "uitgesteld"):
        measurement = measurement_services.measurement_schedule(
            school_class=school_class,
            moment=moment,
            opens_at=now - (timedelta(days=30) if moment == "nameting" else timedelta(hours=1)),
            closes_at=now + timedelta(days=2),
        )
        for n, student in enumerate(students if moment != "uitgesteld" else []):
            sitting = measurement_services.sitting_start(measurement=measurement, student=student)
            for k, pk in enumerate(measurement_services.sitting_items(sitting=sitting)):
                category = Category.values[(k + n) % 3] if moment == "voormeting" else Category.values[k % 3]
                measurement_services.answer_record(
                    sitting=sitting, scenario_id=pk, category=category, sureness="zeker", seconds=5
                )
            if n < 2:
                measurement_services.sitting_finish(sitting=sitting)


def test_a_teacher_and_a_student_reach_all_their_pages_and_each_one_is_clean(new_page, live_site, axe_check):
    teacher, school_class, assignment, sam, started = make_class()
    class_path = f"/docent/klassen/{school_class.public_id}/"

    # The teacher forgot their password: the reset pages, the link in the e-mail, then signs in.
    area = ("/docent/", "/toets/klas/", "/toets/codeboek/", "/inloggen/school/leerlingen/")
    docent = Crawler(new_page(), live_site, axe_check, area=area)
    docent.visit("/docent/wachtwoord/")
    docent.page.locator("input[name=email]").fill(teacher.user.email)  # Django's form, labelled by Django
    docent.submit(lambda: docent.page.get_by_role("button", name="Stuur de e-mail").click())
    link = next(word for word in mail.outbox[-1].body.split() if "/docent/wachtwoord/nieuw/" in word)
    docent.visit(docent.key(link))
    docent.page.locator("input[name=new_password1]").fill("een-nieuwe-lange-zin")
    docent.page.locator("input[name=new_password2]").fill("een-nieuwe-lange-zin")
    docent.submit(lambda: docent.page.get_by_role("button", name="Bewaar het wachtwoord").click())
    docent.visit("/docent/inloggen/")
    docent.page.get_by_label("E-mailadres").fill(teacher.user.email)
    docent.page.get_by_label("Wachtwoord").fill("een-nieuwe-lange-zin")
    docent.submit(lambda: docent.page.get_by_role("button", name="Inloggen").click())
    assert docent.key(docent.page.url) == "/docent/"
    docent.crawl("/docent/")
    # Login cards: the answer to a form.
    docent.visit(class_path)
    docent.page.get_by_label("Namen van leerlingen").fill("Lotte\nMilan")
    docent.submit(lambda: docent.page.get_by_role("button", name="Toevoegen en kaarten maken").click())
    assert docent.page.locator(".login-card").count() == 2

    dashboard = f"{class_path}opdrachten/{assignment.public_id}/"
    assert_reached(docent, "/docent/wachtwoord/verstuurd/", "/docent/wachtwoord/klaar/", "/docent/", class_path)
    assert_reached(docent, dashboard, f"{class_path}verwijderen/")
    assert_reached(docent, "/inloggen/school/leerlingen/")  # placing pupils of her own school (BRIN)
    assert {f"{dashboard}export.csv", f"{class_path}export.json"} <= docent.downloads
    report = f"/toets/klas/{school_class.public_id}/"
    assert_reached(docent, report, "/toets/codeboek/", f"{report}leerlingen/{sam.profile.public_id}/")
    assert {f"{report}antwoorden.csv", f"{report}antwoorden.xlsx"} <= docent.downloads
    # Each assignment's pages: its dashboard, its downloads and one drill-down page per student and post.
    shape = re.compile(
        rf"{re.escape(class_path)}opdrachten/[\w-]+/(export\.(csv|xlsx)|leerlingen/[\w-]+/berichten/\d+/)?"
    )
    assignment_pages = {path for path in docent.visited if "/opdrachten/" in path}
    assert dashboard in assignment_pages and any("/berichten/" in path for path in assignment_pages)
    assert [path for path in assignment_pages if not shape.fullmatch(path)] == []

    # A new student joins with the class code, signs out; Sam signs in with the pass phrase.
    student = Crawler(new_page(), live_site, axe_check, area=("/klas/", "/oefenen/", "/toets/"))
    student.visit("/klas/aanmelden/")
    student.page.get_by_label("Klascode").fill(school_class.join_code.lower())
    student.page.get_by_label("Je naam in de klas").fill("Yara")
    student.submit(lambda: student.page.get_by_role("button", name="Aanmelden").click())
    assert student.page.locator("#wachtzin").count() == 1
    student.submit(lambda: student.page.get_by_role("button", name="Uitloggen").click())
    student.page.get_by_label("Klascode").fill(school_class.join_code)
    student.page.get_by_label("Je naam in de klas").fill("Sam")
    student.page.get_by_label("Wachtzin").fill(sam.passphrase)
    student.submit(lambda: student.page.get_by_role("button", name="Inloggen").click())
    assert student.key(student.page.url) == "/klas/opdrachten/"
    student.crawl("/klas/opdrachten/")

    # Step 3 of the half-done post, sent the way the page sends it (htmx); then on to the post it opens up.
    started_post = f"/oefenen/{started.exercise_set.slug}/{started.code}/2/"
    student.visit(started_post)
    student.page.locator("input[name=actie]").first.check()
    student.page.get_by_role("button", name="Bekijk de uitleg").click()
    student.wait_for_fragment(f"{started_post}actie/")
    student.crawl(started_post)

    assert_reached(student, started_post.replace("/2/", "/3/"), "/toets/")
    assert len({path for path in student.visited if path.startswith("/klas/opdrachten/")}) == 4
    assert any(path.endswith("/uitslag/") for path in student.visited)  # the result of the finished set
    assert len({path for path in student.visited if path.split("/")[-2].isdigit()}) >= 2  # posts of an attempt
    print(docent.summary("teacher"), student.summary("student"), sep="\n")
    assert_clean(docent, student)


# ---------------------------------------------------------------------------------------------------- live


def test_a_host_and_a_participant_reach_all_their_pages_and_each_one_is_clean(
    new_page, live_site, axe_check, live_server_lock
):
    host_profile = TeacherFactory(name="Bibliotheek Noord", user__username="bieb@example.org", role="bibliotheek")
    statement_sets = list(StatementSet.objects.order_by("title")[:2])

    # An earlier evening, closed, with a few positions.
    earlier = dialogue_services.session_start(host=host_profile.user, statement_set=statement_sets[1])
    for value in (2, 10, 18):
        participant = dialogue_services.participant_join(session=earlier)
        dialogue_services.position_set(session=earlier, participant=participant, value=value)
    dialogue_services.session_close(session=earlier)

    # The host signs in and starts tonight's session in the browser.
    host = Crawler(new_page(), live_site, axe_check, area=("/live/",))
    host.visit("/docent/inloggen/")
    host.page.get_by_label("E-mailadres").fill("bieb@example.org")
    host.page.get_by_label("Wachtwoord").fill("geheim-wachtwoord")
    host.submit(lambda: host.page.get_by_role("button", name="Inloggen").click())
    host.visit("/live/")
    host.page.get_by_label("Kies de stellingen").select_option(label=statement_sets[0].title)
    host.submit(lambda: host.page.get_by_role("button", name="Start de sessie").click())
    with live_server_lock:  # from here on pages poll: the database waits for their requests and they for it
        tonight = LiveSession.objects.exclude(pk=earlier.pk).get()

    # A participant joins on their phone; two others have joined, placed themselves and written.
    phone = Crawler(new_page(), live_site, axe_check, area=("/doe-mee/",))
    phone.visit(f"/doe-mee/{tonight.code}/")  # where the QR code leads: a button to join
    assert phone.page.get_by_role("button", name="Doe mee").count() == 1
    phone.visit("/doe-mee/")
    phone.page.get_by_label("Code (6 tekens)").fill(tonight.code.lower())
    phone.submit(lambda: phone.page.get_by_role("button", name="Doe mee").click())
    with live_server_lock:
        others = [dialogue_services.participant_join(session=tonight) for _ in range(2)]
        for participant, value, text in zip(others, (4, 15), ("Ik twijfel nog.", "Ik ben het eens."), strict=True):
            dialogue_services.position_set(session=tonight, participant=participant, value=value)
            dialogue_services.comment_write(session=tonight, participant=participant, text=text)
        first_comment = tonight.comments.order_by("pk").first()
        dialogue_services.comment_moderate(session=tonight, comment_id=first_comment.pk, approved=True)
        dialogue_services.session_reveal(session=tonight, revealed=True)

    host.crawl("/live/", f"/live/{tonight.public_id}/scherm/")
    phone.crawl(f"/doe-mee/{tonight.code}/")
    phone.visit(f"/doe-mee/{earlier.code}/", status=410)  # an evening that has ended: gone, and it says so

    # The polls: the host moves on to the next statement, and the phone, the host page and the projector follow.
    phone.visit(f"/doe-mee/{tonight.code}/")
    host.visit(f"/live/{tonight.public_id}/")
    with live_server_lock:
        dialogue_services.session_move(session=tonight, step=1)
    phone.wait_for_fragment(f"/doe-mee/{tonight.code}/stand/")
    host.wait_for_fragment(f"/live/{tonight.public_id}/stand/")
    host.visit(f"/live/{tonight.public_id}/scherm/")
    with live_server_lock:
        dialogue_services.session_reveal(session=tonight, revealed=True)
    host.wait_for_fragment(f"/live/{tonight.public_id}/scherm/stand/")

    for path in ["/live/", f"/live/{tonight.public_id}/", f"/live/{tonight.public_id}/scherm/"]:
        assert path in host.visited, path
    for session in (tonight, earlier):
        assert f"/live/{session.public_id}/overzicht/" in host.visited
        assert f"/live/{session.public_id}/overzicht.csv" in host.downloads
    for path in ["/doe-mee/", f"/doe-mee/{tonight.code}/", f"/doe-mee/{earlier.code}/"]:
        assert path in phone.visited, path
    print(host.summary("host"), phone.summary("participant"), sep="\n")
    assert len(host.fragments) == 2 and len(phone.fragments) == 1
    assert_clean(host, phone)


# ---------------------------------------------------------------------------------------------------- evening


def test_a_host_and_a_phone_reach_every_page_of_a_dialogue_evening_and_each_one_is_clean(
    new_page, live_site, axe_check, live_server_lock
):
    from dialogue.evening import services as evening_services
    from dialogue.evening.models import BlockKind

    host_profile = TeacherFactory(name="Bibliotheek Zuid", user__username="zuid@example.org", role="bibliotheek")
    statement_set = StatementSet.objects.order_by("title").first()
    evening = evening_services.evening_start(
        host=host_profile.user, statement_set=statement_set, title="Avond", place="Zwolle", national=True
    )
    table = evening.tables.order_by("number").first()
    code = evening.session.code

    host = Crawler(new_page(), live_site, axe_check, area=("/live/avond/",))
    host.visit("/docent/inloggen/")
    host.page.get_by_label("E-mailadres").fill("zuid@example.org")
    host.page.get_by_label("Wachtwoord").fill("geheim-wachtwoord")
    host.submit(lambda: host.page.get_by_role("button", name="Inloggen").click())
    phone = Crawler(new_page(), live_site, axe_check, area=(f"/doe-mee/{code}/avond/", f"/doe-mee/{code}/tafel/"))
    phone.visit(f"/doe-mee/{code}/tafel/{table.code}/")  # where a table's QR code leads: a button to join
    phone.submit(lambda: phone.page.get_by_role("button", name="Doe mee").click())

    # Each block in turn, with a card on the table and ratings in the poll.
    for kind in (BlockKind.INFO, BlockKind.CARDS, BlockKind.POLL, BlockKind.CLOSING):
        with live_server_lock:
            evening_services.evening_move(evening=evening, block_id=evening.blocks.get(kind=kind).pk)
            if kind == BlockKind.POLL:
                evening_services.poll_reveal(evening=evening, revealed=True)
        host.crawl("/live/avond/", f"/live/avond/{evening.public_id}/scherm/")
        phone.crawl(f"/doe-mee/{code}/avond/", f"/doe-mee/{code}/tafel/{table.code}/")
    host.visit(f"/live/avond/samen/?avond={evening.public_id}&titel=Zwolle")

    for path in [f"/live/avond/{evening.public_id}/", f"/live/avond/{evening.public_id}/verslag/"]:
        assert path in host.visited, path
    assert f"/live/avond/{evening.public_id}/verslag.docx" in host.downloads
    assert f"/doe-mee/{code}/avond/" in phone.visited
    print(host.summary("evening host"), phone.summary("evening phone"), sep="\n")
    assert_clean(host, phone)
