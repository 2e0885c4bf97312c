"""Hypothesis strategies for hostile input: odd text, script payloads, numbers out of range, and whole form bodies
with missing, repeated and wrongly typed fields."""

from urllib.parse import quote

from hypothesis import strategies as st

# Script and template payloads; each must come back escaped (or not at all) wherever it is shown.
SCRIPT_PAYLOADS = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    '" autofocus onfocus="alert(1)',
    "' onmouseover='alert(1)",
    "javascript:alert(1)",
    "{{ request.user.password }}",
    "{% debug %}",
    "{{ 7|add:7 }}",
)
# Short ones that fit a 20-character name.
SHORT_PAYLOADS = (
    "<script>x()</script>",
    '"><img src=x>',
    "<b>vet</b>",
    '" onfocus="x()',
    "{{ 7|add:7 }}",
    "{% now 'Y' %}",
)

ODD_STRINGS = (
    "",
    " ",
    "\x00",
    "a\x00b",
    "\r\n",
    "\t\x0b\x0c\x1c\x1d\x1e\x1f\x85",
    "\x01\x02\x7f\x9f",
    "\u200b\u200d\ufeff",
    "\u202eesrever",
    "\u2028\u2029",
    "\U0001f600\U0001f469\u200d\U0001f469\u200d\U0001f467",
    "\ufdd0\uffff\U0010ffff",
    "e\u0301\u0301\u0301\u0301\u0301",
    "İstanbul ß ﬀ ǅ",
    "'; DROP TABLE lessons_answer; --",
    "%00%0d%0a",
    "../../etc/passwd",
    "null",
    "None",
    "[]",
    "{}",
    "true",
)

NUMBERS = (
    "0",
    "-1",
    "1",
    "5",
    "6",
    "20",
    "21",
    "-0",
    "+3",
    " 3 ",
    "3.0",
    "3,5",
    "1e3",
    "1e309",
    "NaN",
    "Infinity",
    "0x10",
    "١٢",  # Arabic-Indic digits: int() accepts them
    "9" * 30,
    "-" + "9" * 30,
    "9" * 5000,
    str(2**63),
    str(-(2**63) - 1),
)

# Surrogates cannot be sent in a UTF-8 request; every other code point may turn up.
_any_char = st.characters(exclude_categories=("Cs",))
_control_char = st.characters(categories=("Cc", "Cf", "Zl", "Zp"))


def _repeat(piece: str, times: int) -> str:
    return piece * times


short_text = st.text(_any_char, max_size=30)
long_text = st.builds(_repeat, st.text(_any_char, min_size=1, max_size=5), st.integers(50, 20_000))
payload_text = st.builds(
    lambda before, payload, after: before + payload + after,
    st.sampled_from(("", "a ", "Klas ")),
    st.sampled_from(SCRIPT_PAYLOADS),
    st.sampled_from(("", " b")),
)
numbers = st.one_of(st.sampled_from(NUMBERS), st.integers().map(str), st.floats().map(str))

text = st.one_of(
    short_text,
    st.sampled_from(ODD_STRINGS),
    st.text(_control_char, max_size=10),
    long_text,
    payload_text,
    numbers,
)
"""Anything a form field could receive."""

value = st.one_of(text, st.lists(text, min_size=2, max_size=4))
"""A field's value: one string, or the same field repeated."""


def form(fields: dict[str, st.SearchStrategy], extra: bool = True) -> st.SearchStrategy[dict]:
    """A form body: each known field has its own strategy or is missing; with `extra`, unknown fields too.

    A list value is sent as a repeated field.
    """
    optional = {name: strategy for name, strategy in fields.items()}
    body = st.fixed_dictionaries({}, optional=optional)
    if extra:
        extras = st.dictionaries(st.text(_any_char, min_size=1, max_size=10), value, max_size=3)
        body = st.builds(lambda known, unknown: {**unknown, **known}, body, extras)
    return body


def field(*good: str) -> st.SearchStrategy:
    """A field that is sometimes one of its good values and otherwise anything."""
    return st.one_of(st.sampled_from(good), value) if good else value


slug = st.from_regex(r"[-a-zA-Z0-9_]{1,80}", fullmatch=True) | st.sampled_from(("-", "_", "a" * 2000, "0"))
"""A path segment that Django's `slug` converter accepts."""

path_int = st.one_of(st.integers(0, 10), st.integers(0, 10**40)).map(str) | st.just("0" * 500)
"""A path segment that Django's `int` converter accepts: huge values included."""

path_text = st.text(_any_char, min_size=1, max_size=40).filter(lambda s: "/" not in s).map(lambda s: quote(s, safe=""))
"""A percent-encoded path segment for a `str` converter."""

header_text = st.text(st.characters(max_codepoint=255), max_size=80)
"""A header's (or a cookie's) value: bytes as a WSGI server hands them on, read as Latin-1."""

query = st.dictionaries(st.text(_any_char, max_size=12), value, max_size=5)
"""A query string's parameters, with odd names and values."""

htmx = st.booleans()
encodings = st.sampled_from(("multipart", "urlencoded", "json"))
"""How a POST body is sent (FuzzTestCase.send)."""
