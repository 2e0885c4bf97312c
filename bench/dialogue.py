"""Load test of the live "langs de lijn" tool, against gunicorn as `make run` serves it.

N phones (default 300) join within 60 s, poll every 2 s, and move their place in a 10 s burst (several moves each)
while a projector polls too; then the host reveals the positions and every phone's poll renders the room once more.
With --revealed the positions are visible from the start (the worst case: every move changes what every phone
shows). Afterwards the stored positions are compared with the last position each phone sent.

    .venv/bin/python bench/dialogue.py                                   # SQLite
    .venv/bin/python bench/dialogue.py --postgres postgres://postgres@127.0.0.1:5432
    .venv/bin/python bench/dialogue.py --redis                           # the shared cache in Redis

Targets: 0 errors, p95 under 300 ms, stored positions equal to positions sent. Exit code 1 if one is missed.
Only 127.0.0.1; a throwaway database (a temporary SQLite file, or a PostgreSQL database created and dropped).
"""

import argparse
import http.cookiejar
import json
import random
import re
import secrets
import statistics
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script: make `bench.*` importable

from bench import server  # noqa: E402

SETUP = """
from django.contrib.auth import get_user_model
from cms.models import StatementSet
from dialogue import services
host = get_user_model().objects.create_user(username="bench-host", password=None)
session = services.session_start(host=host, statement_set=StatementSet.objects.order_by("title").first())
services.session_reveal(session=session, revealed={revealed})
print(session.code, session.public_id)
"""
REVEAL = """
from dialogue import services
from dialogue.models import LiveSession
services.session_reveal(session=LiveSession.objects.get(code="{code}", closed_at__isnull=True), revealed=True)
"""
STORED = """
import json
from dialogue.models import Position
rows = Position.objects.filter(session__code="{code}", round=1).values_list("participant__token", "value")
print(json.dumps(dict(rows)))
"""
HX_GET = re.compile(r'hx-get="([^"]+)"')


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Stats:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = defaultdict(list)
        self.errors: list[str] = []

    def add(self, kind: str, seconds: float, error: str = "") -> None:
        with self.lock:
            self.times[kind].append(seconds)
            if error:
                self.errors.append(f"{kind}: {error}")


class Phone:
    """One participant's browser: its own cookies; every request timed."""

    def __init__(self, base: str, stats: Stats) -> None:
        self.base, self.stats = base, stats
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirects)

    def request(self, kind: str, path: str, expect: set[int], data: dict | None = None, headers: dict | None = None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(self.base + path, data=body, headers=headers or {})
        start = time.perf_counter()
        try:
            with self.opener.open(req, timeout=30) as response:
                status, text = response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read().decode(errors="replace")
        except OSError as error:
            self.stats.add(kind, time.perf_counter() - start, repr(error))
            return 0, ""
        self.stats.add(kind, time.perf_counter() - start, "" if status in expect else f"status {status}")
        return status, text

    def cookie(self, name: str) -> str:
        return next((c.value for c in self.jar if c.name == name), "")


def run_phone(phone: Phone, code: str, start_at: float, burst_at: float, end_at: float, moves: int, sent: dict):
    time.sleep(max(0.0, start_at - time.monotonic()))
    phone.request("join-form", "/doe-mee/", {200})
    csrf = phone.cookie("csrftoken")
    phone.request("join", "/doe-mee/", {302}, {"code": code, "csrfmiddlewaretoken": csrf})
    _, page = phone.request("page", f"/doe-mee/{code}/", {200})
    token = phone.cookie(f"doemee-{code}")
    match = HX_GET.search(page)
    if not match or not token:
        phone.stats.add("page", 0.0, "no poll URL or no cookie after joining")
        return
    poll = match.group(1).replace("&amp;", "&")
    events = [(t, "poll") for t in _ticks(time.monotonic() + random.uniform(0, 2), end_at, 2.0)]
    events += [(burst_at + random.uniform(0, 10), "move") for _ in range(moves)]
    for when, action in sorted(events):
        time.sleep(max(0.0, when - time.monotonic()))
        if action == "poll":
            status, text = phone.request("poll", poll, {200, 204})
            if status == 200 and (match := HX_GET.search(text)):
                poll = match.group(1).replace("&amp;", "&")
        else:
            value = random.randint(0, 20)
            status, _ = phone.request(
                "move", f"/doe-mee/{code}/plek/", {200}, {"plek": value}, {"HX-Request": "true", "X-CSRFToken": csrf}
            )
            if status == 200:
                sent[token] = value


def run_projector(phone: Phone, public_id: str, end_at: float) -> None:
    poll = f"/live/{public_id}/scherm/stand/?v=0"
    for when in _ticks(time.monotonic(), end_at, 2.0):
        time.sleep(max(0.0, when - time.monotonic()))
        status, text = phone.request("projector", poll, {200, 204})
        if status == 200 and (match := HX_GET.search(text)):
            poll = match.group(1).replace("&amp;", "&")


def _ticks(start: float, end: float, every: float) -> list[float]:
    ticks, t = [], start
    while t < end:
        ticks.append(t)
        t += every
    return ticks


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] if ordered else 0.0


def one_run(args: argparse.Namespace, database_url: str | None, label: str) -> dict:
    with tempfile.TemporaryDirectory(prefix="dialogue-bench-") as tmp_name:
        tmp = Path(tmp_name)
        port = server.free_port()
        env = server.environment(tmp, port, args.workers, args.redis)
        if database_url:
            env["DATABASE_URL"] = database_url
        print(f"[{label}] preparing the site (migrate, content, static files)", flush=True)
        server.prepare_site(env)
        code, public_id = server.manage(env, "shell", "-c", SETUP.format(revealed=args.revealed)).split()[-2:]
        stats, sent = Stats(), {}
        with server.gunicorn(env, port, tmp / "gunicorn.log") as site:
            now = time.monotonic()
            burst_at = now + args.join_seconds + 3
            reveal_at = burst_at + 11
            end_at = reveal_at + 6
            print(
                f"[{label}] {args.participants} phones join within {args.join_seconds} s, then a 10 s burst", flush=True
            )
            threads = [threading.Thread(target=run_projector, args=(Phone(site.base_url, stats), public_id, end_at))]
            for _ in range(args.participants):
                start = now + random.uniform(0, args.join_seconds * 0.95)
                phone = Phone(site.base_url, stats)
                threads.append(
                    threading.Thread(target=run_phone, args=(phone, code, start, burst_at, end_at, args.moves, sent))
                )
            for thread in threads:
                thread.start()
            if not args.revealed:  # the host reveals after the burst: every phone's poll renders once more
                time.sleep(max(0.0, reveal_at - time.monotonic()))
                server.manage(env, "shell", "-c", REVEAL.format(code=code))
            for thread in threads:
                thread.join()
        stored = json.loads(server.manage(env, "shell", "-c", STORED.format(code=code)).splitlines()[-1])
    everything = [t for times in stats.times.values() for t in times]
    result = {
        "label": label,
        "requests": len(everything),
        "errors": len(stats.errors),
        "first_errors": stats.errors[:5],
        "p95_ms": round(percentile(everything, 95) * 1000, 1),
        "kinds": {
            kind: {
                "n": len(times),
                "p50_ms": round(statistics.median(times) * 1000, 1),
                "p95_ms": round(percentile(times, 95) * 1000, 1),
                "max_ms": round(max(times) * 1000, 1),
            }
            for kind, times in sorted(stats.times.items())
        },
        "phones_with_a_position": len(sent),
        "stored_equals_sent": stored == sent,
        "mismatches": sum(1 for token, value in sent.items() if stored.get(token) != value)
        + len(set(stored) - set(sent)),
    }
    print(json.dumps(result, indent=2), flush=True)
    return result


def postgres_database(base_url: str):
    """A throwaway database on the given server; returns (its URL, a function that drops it)."""
    import psycopg

    name = f"bench_dialogue_{secrets.token_hex(4)}"
    admin = base_url.rstrip("/") + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return f"{base_url.rstrip('/')}/{name}", drop


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--participants", type=int, default=300)
    parser.add_argument("--join-seconds", type=int, default=60)
    parser.add_argument("--moves", type=int, default=5, help="position updates per phone in the 10 s burst")
    parser.add_argument("--workers", type=int, default=None, help="gunicorn workers (default: as `make run`)")
    parser.add_argument("--postgres", metavar="SERVER_URL", help="e.g. postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--redis", nargs="?", const="redis://127.0.0.1:6379/0", default=None)
    parser.add_argument(
        "--revealed",
        action="store_true",
        help="positions revealed from the start (worst case: every move changes every phone's view)",
    )
    args = parser.parse_args()
    if args.postgres:
        url, drop = postgres_database(args.postgres)
        try:
            result = one_run(args, url, "PostgreSQL")
        finally:
            drop()
    else:
        result = one_run(args, None, "SQLite")
    ok = result["errors"] == 0 and result["p95_ms"] < 300 and result["stored_equals_sent"]
    print(
        ("PASS" if ok else "FAIL") + f": {result['errors']} errors, p95 {result['p95_ms']} ms, "
        f"stored positions {'equal' if result['stored_equals_sent'] else 'differ from'} positions sent"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
