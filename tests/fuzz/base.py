"""What every fuzz test shares: a Django test case that starts each Hypothesis example afresh, the registry of
fuzzed URL names, and the checks on each response."""

import html
from collections.abc import Callable, Iterable
from html.parser import HTMLParser
from urllib.parse import urlencode

from django.core.cache import caches
from django.db import DataError, connection, models
from django.db.models.signals import pre_save
from django.http import HttpResponse
from django.test import Client
from hypothesis.extra.django import TestCase

from .strategies import SCRIPT_PAYLOADS, SHORT_PAYLOADS

FUZZED: set[str] = set()


def fuzzes(*url_names: str) -> Callable:
    """Mark a test as the fuzz test of these URL names (test_url_coverage.py checks that every name has one)."""
    FUZZED.update(url_names)
    return lambda test: test


def _strings(params) -> Iterable[str]:
    for param in params or ():
        if isinstance(param, list | tuple):
            yield from _strings(param)
        elif isinstance(param, str):
            yield param


def refuse_nul(execute, sql, params, many, context):
    """PostgreSQL refuses a NUL character in any text, where SQLite stores it; fail here the way production would."""
    if any("\x00" in value for value in _strings(params)):
        raise DataError("PostgreSQL text fields cannot contain NUL (0x00) bytes")
    return execute(sql, params, many, context)


def refuse_too_long(sender, instance, **kwargs):
    """PostgreSQL refuses a value longer than its varchar column, where SQLite stores it; fail here as well."""
    for model_field in instance._meta.concrete_fields:
        if isinstance(model_field, models.CharField) and model_field.max_length:
            value = getattr(instance, model_field.attname)
            if isinstance(value, str) and len(value) > model_field.max_length:
                raise DataError(f"value too long for {sender.__name__}.{model_field.name} ({len(value)})")


class FuzzTestCase(TestCase):
    """Each example runs in its own transaction (rolled back after it) with a new client and empty caches, so
    rate limits and cached boards from one example never leak into the next. The database refuses what
    PostgreSQL would refuse, so a crash that only production would show fails here too."""

    def setup_example(self):
        super().setup_example()
        for cache in caches.all():
            cache.clear()
        self._refuse_nul = connection.execute_wrapper(refuse_nul)
        self._refuse_nul.__enter__()
        pre_save.connect(refuse_too_long, dispatch_uid="fuzz-refuse-too-long")

    def teardown_example(self, example):
        pre_save.disconnect(dispatch_uid="fuzz-refuse-too-long")
        self._refuse_nul.__exit__(None, None, None)
        super().teardown_example(example)

    def send(
        self,
        method: str,
        url: str,
        data: dict | None = None,
        *,
        htmx: bool = False,
        client: Client | None = None,
        encoding: str = "multipart",
    ) -> HttpResponse:
        """GET with `data` as the query, or POST it as `encoding` (multipart, urlencoded or json); a list repeats
        a field. A JSON body is what a form never sends: to the view it is a POST without fields."""
        client = client or self.client
        headers = {"HX-Request": "true"} if htmx else {}
        if method == "get":
            return client.get(url, data or {}, headers=headers)
        if encoding == "urlencoded":
            body = urlencode(data or {}, doseq=True)
            return client.post(url, body, content_type="application/x-www-form-urlencoded", headers=headers)
        if encoding == "json":
            return client.post(url, data or {}, content_type="application/json", headers=headers)
        return client.post(url, data or {}, headers=headers)


def no_server_error(response: HttpResponse) -> str:
    """The body as text, after checking the server did not fail. (The test client re-raises a view's exception,
    so a crash fails the example before this; a handled 5xx is caught here.)"""
    assert response.status_code < 500, f"{response.status_code} from {response.wsgi_request.get_full_path()}"
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


# Django's own messages in English: a page in our Dutch site must never show one.
ENGLISH = (
    "This field",
    "Ensure this value",
    "Enter a valid",
    "Enter a whole number",
    "Enter a number",
    "Select a valid choice",
    "Null characters are not allowed",
    "This password",
    "The two password fields",
    "is not one of the available choices",
)
FIELD_ERROR = 'class="field__error"'


def answered(response: HttpResponse, *statuses: int) -> str:
    """The body, after checking the status is one of `statuses`."""
    body = no_server_error(response)
    assert response.status_code in statuses, f"{response.status_code} not in {statuses}: {main_part(body)}"
    return body


def main_part(body: str) -> str:
    """The page's <main> (or the fragment itself), to show in a failure."""
    start, end = body.find("<main"), body.find("</main>")
    return body[start:end] if start >= 0 and end > start else body[:3000]


def refused(response: HttpResponse, *messages: str, status: int | Iterable[int] = 400) -> str:
    """A 4xx that says in Dutch what is wrong: one of `messages` appears in the page (FIELD_ERROR: a form
    field's own message), and no English one does."""
    body = no_server_error(response)
    statuses = {status} if isinstance(status, int) else set(status)
    assert response.status_code in statuses, f"{response.status_code} not in {statuses}: {main_part(body)}"
    assert any(html.escape(message) in body or message in body for message in messages), (
        f"none of {messages} in {main_part(body)}"
    )
    assert not [english for english in ENGLISH if english in body], main_part(body)
    return body


def created_or_refused(response: HttpResponse, body: dict, model, before: int, message: str) -> None:
    """A form that creates one row: sent payloads come back escaped, and either the row is stored and we are
    redirected, or the form is refused with `message` and nothing is stored."""
    html_sent = no_server_error(response)
    assert_escaped(html_sent, payloads_in(body.values()))
    if response.status_code == 302:
        assert model.objects.count() == before + 1
    else:
        refused(response, message)
        assert model.objects.count() == before


def last(value: str | list[str]) -> str:
    """What a form reads from a field sent once or repeated: the last value."""
    return value[-1] if isinstance(value, list) else value


def payloads_in(values: Iterable) -> list[str]:
    """The script payloads that were sent in these values (a list value counts each item)."""
    sent = []
    for value in values:
        for item in value if isinstance(value, list) else [value]:
            sent += [p for p in (*SCRIPT_PAYLOADS, *SHORT_PAYLOADS) if p in item]
    return sent


class _Markup(HTMLParser):
    """Collects what a script payload would add to a page if it were not escaped."""

    URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…>")  # our templates have no inline event handlers
            if name in self.URL_ATTRIBUTES and (value or "").strip().lower().startswith("javascript:"):
                self.problems.append(f"<{tag} {name}={value!r}>")
        if tag == "script" and not dict(attrs).get("src"):
            self.problems.append("<script> without src")  # our templates have no inline scripts
        if tag == "img" and dict(attrs).get("src") == "x":
            self.problems.append("<img src=x>")


def assert_escaped(body: str, payloads: Iterable[str]) -> None:
    """No payload became markup: the page has no inline script, event handler or javascript: link (it has none of
    its own), and no payload with a `<` appears as written. (A quote alone may stand unescaped in text; in an
    attribute it would have added a handler, found above.)"""
    parser = _Markup()
    parser.feed(body)
    parser.close()
    assert not parser.problems, parser.problems
    for payload in payloads:
        if "<" in payload:
            assert payload not in body, f"unescaped {payload!r}"


def assert_shown_literally(body: str, text: str) -> None:
    """A stored text is on the page as written (escaped), so template syntax in it was never run."""
    assert html.escape(text) in body, f"{text!r} not shown (escaped) on the page"
    assert_escaped(body, payloads_in([text]))
