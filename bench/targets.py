"""What is measured under load, in groups that each carry the targets of one issue.

Every target is a request that wrk repeats; its throughput is reported as a ratio to the bare view's throughput in
the same run. To measure another page, write a function that returns a `Group` and list it in `all_groups`.
"""

import http.cookiejar
import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from bench.load import Request

BARE = Request("/bench/bare/")
FORM = "application/x-www-form-urlencoded"


@dataclass(frozen=True)
class Target:
    name: str
    request: Request
    min_ratio: float | None  # None: measured and reported, the issue sets no target
    cached: bool = False  # served from the shared page cache: the run checks that a second request is a hit


@dataclass(frozen=True)
class Group:
    title: str
    targets: list[Target]
    pending: str = ""  # why the group has no targets (yet)


def all_groups(base_url: str, found: dict) -> list[Group]:
    """`found` is what bench/inprocess.py found in the database: the pages, and an exercise set and its post."""
    return [
        page_group(found["pages"]),
        exercise_group(base_url, found["exercise"]),
        dashboard_group(base_url, found.get("demo")),
    ]


def page_group(pages: dict[str, str]) -> Group:
    """Issue 2: anonymous pages come from the shared cache, at least half the bare view's throughput."""
    return Group(
        "issue 2 · pages",
        [
            Target("home page", Request(pages["home"]), 0.5, cached=True),
            Target("lesson page", Request(pages["lesson"]), 0.5, cached=True),
        ],
    )


def exercise_group(base_url: str, exercise: dict[str, str] | None) -> Group:
    """Issue 3: an item page of an attempt (at least 0.5 of the bare view) and an answer POST (at least 0.3).

    An anonymous learner starts an attempt once; wrk then replays that learner's session cookie. The answer is
    step 1 (the category) as htmx sends it: a repeat stores nothing new and answers with the stored feedback.
    """
    title = "issue 3 · exercise"
    if exercise is None:
        return Group(title, [], pending="no exercise set with posts in the database")
    try:
        item_path, cookies, csrf_token = start_attempt(base_url, exercise["set"])
    except (urllib.error.URLError, ValueError) as error:
        return Group(title, [], pending=f"could not start an attempt at /oefenen/{exercise['set']}/: {error}")
    answer = Request(
        item_path + "soort/",
        "POST",
        body=urlencode({"bericht": exercise["post"], "soort": exercise["category"]}),
        headers={"Cookie": cookies, "X-CSRFToken": csrf_token, "Content-Type": FORM, "HX-Request": "true"},
    )
    item = Request(item_path, headers={"Cookie": cookies})
    for request in (item, answer):
        status, _ = fetch(base_url, request)
        if status != 200:
            return Group(title, [], pending=f"{request.method} {request.path} answered {status}")
    return Group(title, [Target("exercise item", item, 0.5), Target("answer POST", answer, 0.3)])


def parse_demo_login(output: str) -> dict[str, str] | None:
    """The demo teacher's e-mail and password, from what `manage.py load_demo` printed."""
    match = re.search(r"as (\S+@\S+) with password (\S+)", output)
    return {"email": match.group(1), "password": match.group(2)} if match else None


def dashboard_group(base_url: str, demo: dict[str, str] | None) -> Group:
    """Issue 4: a teacher's dashboard of one assignment for the demo class of 25 students (reported; the issue
    asks for the ratio, not a bound)."""
    title = "issue 4 · teacher dashboard"
    if demo is None:
        return Group(title, [], pending="load_demo printed no login")
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    try:
        opener.open(f"{base_url}/docent/inloggen/", timeout=10).close()
        csrf_token = next(cookie.value for cookie in jar if cookie.name == "csrftoken")
        data = urlencode({"csrfmiddlewaretoken": csrf_token, "email": demo["email"], "password": demo["password"]})
        with opener.open(f"{base_url}/docent/inloggen/", data=data.encode(), timeout=10) as response:
            home = response.read().decode()
        class_path = re.search(r'href="(/docent/klassen/[^/"]+/)"', home).group(1)
        with opener.open(base_url + class_path, timeout=10) as response:
            class_page = response.read().decode()
        dashboard_path = re.search(r'href="(/docent/klassen/[^/"]+/opdrachten/[^/"]+/)"', class_page).group(1)
    except (urllib.error.URLError, StopIteration, AttributeError) as error:
        return Group(title, [], pending=f"could not log in as the demo teacher and find a dashboard: {error!r}")
    cookies = "; ".join(f"{cookie.name}={cookie.value}" for cookie in jar)
    dashboard = Request(dashboard_path, headers={"Cookie": cookies})
    status, _ = fetch(base_url, dashboard)
    if status != 200:
        return Group(title, [], pending=f"GET {dashboard_path} answered {status}")
    return Group(title, [Target("class dashboard", dashboard, None)])


def start_attempt(base_url: str, set_slug: str) -> tuple[str, str, str]:
    """Start an attempt as a new anonymous learner: the first item's path, the Cookie header, the CSRF token."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(f"{base_url}/oefenen/{set_slug}/", timeout=10).close()  # sets the CSRF cookie
    csrf_token = next((cookie.value for cookie in jar if cookie.name == "csrftoken"), None)
    if csrf_token is None:
        raise ValueError("the set's page set no CSRF cookie")
    data = urlencode({"csrfmiddlewaretoken": csrf_token}).encode()
    with opener.open(f"{base_url}/oefenen/{set_slug}/beginnen/", data=data, timeout=10) as response:
        item_path = urlsplit(response.url).path  # the redirect to the first item
    if not item_path.endswith("/1/"):
        raise ValueError(f"starting led to {item_path}, not to the first item")
    return item_path, "; ".join(f"{cookie.name}={cookie.value}" for cookie in jar), csrf_token


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs) -> None:
        return None  # a redirect is reported as its own status, not followed


_checker = urllib.request.build_opener(_NoRedirects)


def fetch(base_url: str, request: Request) -> tuple[int, dict[str, str]]:
    """One request as wrk will send it, to check it before the load: its status and headers."""
    data = request.body.encode() if request.method == "POST" else None
    prepared = urllib.request.Request(base_url + request.path, data, request.headers, method=request.method)
    try:
        with _checker.open(prepared, timeout=10) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)
