"""Load test of the live "langs de lijn" tool, against gunicorn as `make run` serves it.

N phones (default 300) join within 60 s, poll every 2 s, and move their place in a 10 s burst (several moves each)
while a projector polls too; then the host reveals the positions and every phone shows the room, and then moves on to
the next statement, which every phone fetches. Each host step is timed from its commit to each phone showing it.
With --revealed the positions are visible from the start (the worst case: every move changes what every phone
shows). Afterwards the stored positions are compared with the last position each phone sent.

    .venv/bin/python bench/dialogue.py                                   # SQLite
    .venv/bin/python bench/dialogue.py --postgres postgres://postgres@127.0.0.1:5432
    .venv/bin/python bench/dialogue.py --redis                           # the shared cache in Redis
    .venv/bin/python bench/dialogue.py --push                            # phones on an event stream (Pushpin)
    .venv/bin/python bench/dialogue.py --rooms 4                         # four evenings at once, phones spread

With --push, Pushpin (bench/pushpin.py) holds the phones' event streams as in a deployment at scale (README: the
front proxy sends /doe-mee/<code>/stroom/ to Pushpin and everything else to gunicorn). Each phone holds a stream
(dialogue/push.py) and does what static/js/dialogue.js does: it fetches its fragment when the state changes, takes
a pushed board as it is, and polls only every 20 s.

Targets: 0 errors, p95 under 300 ms, stored positions equal to positions sent. Exit code 1 if one is missed.
Only 127.0.0.1; a throwaway database (a temporary SQLite file, or a PostgreSQL database created and dropped).
"""

import argparse
import contextlib
import functools
import http.client
import http.cookies
import itertools
import json
import multiprocessing
import random
import re
import resource
import secrets
import socket
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

from bench import pushpin, server  # noqa: E402

SETUP = """
import json
from django.contrib.auth import get_user_model
from cms.models import StatementSet
from dialogue import push, services
rooms = []
for n in range({rooms}):  # each room its own host, as libraries in different towns
    host = get_user_model().objects.create_user(username=f"bench-host-{{n}}" if n else "bench-host", password=None)
    session = services.session_start(host=host, statement_set=StatementSet.objects.order_by("title").first())
    services.session_reveal(session=session, revealed={revealed})
    rooms.append([session.code, session.public_id])
push.wait_all_sent()
print(json.dumps(rooms))
"""
HOST_STEP = """
import json, time
from dialogue import push, services
from dialogue.models import LiveSession
done = {{}}
for code in {codes!r}:  # the rooms' hosts press the button about together; each room timed from its own commit
    session = LiveSession.objects.get(code=code, closed_at__isnull=True)
    {action}
    done[code] = time.time()
push.wait_all_sent()
print(json.dumps(done))
"""
REVEAL = "services.session_reveal(session=session, revealed=True)"
NEXT = "services.session_move(session=session, step=1)"
STORED = """
import json
from dialogue.models import Position
rows = Position.objects.filter(session__code__in={codes!r}, round=1).values_list("participant__token", "value")
print(json.dumps(dict(rows)))
"""
CPU_PER_KIND = """
import json, re, time
from django.contrib.auth import get_user_model
from django.test import Client
from cms.models import StatementSet
from dialogue import services, state
from dialogue.models import LiveSession

host = get_user_model().objects.get(username="bench-host")
session = services.session_start(host=host, statement_set=StatementSet.objects.order_by("title").first())
services.session_reveal(session=session, revealed=True)
phones = [Client(SERVER_NAME="127.0.0.1") for _ in range(50)]
for phone in phones:
    phone.post("/doe-mee/", {"code": session.code})
    phone.post(f"/doe-mee/{session.code}/plek/", {"plek": 5}, headers={"HX-Request": "true"})
page = phones[0].get(f"/doe-mee/{session.code}/").content.decode()
poll = re.search(r'hx-get="([^"]+)"', page).group(1).replace("&amp;", "&")
projector = f"/live/{session.public_id}/scherm/stand/?v=0"

def cpu_ms(request, n=200):
    request()  # warm
    start = time.process_time()
    for i in range(n):
        request(i)
    return round((time.process_time() - start) / n * 1000, 2)

def changed(path):
    def go(i=0):
        state.version_bump(session=session)
        return phones[i % 50].get(path)
    return go

result = {
    "unchanged poll (204)": cpu_ms(lambda i=0: phones[i % 50].get(poll)),
    "poll after a change (renders)": cpu_ms(changed(poll)),
    "move (htmx POST)": cpu_ms(
        lambda i=0: phones[i % 50].post(
            f"/doe-mee/{session.code}/plek/", {"plek": i % 21}, headers={"HX-Request": "true"}
        )
    ),
    "projector poll after a change": cpu_ms(changed(projector)),
    "participant page": cpu_ms(lambda i=0: phones[i % 50].get(f"/doe-mee/{session.code}/")),
}
services.session_close(session=session)
print(json.dumps(result))
"""
HX_GET = re.compile(r'hx-get="([^"]+)"')
STREAM = re.compile(r'data-stream="([^"]+)"')
SHOWN = {"reveal": "Hier staat de groep", "next statement": "Stelling 2 van"}  # what a phone shows after each step
SAFETY_POLL_SECONDS = 20.0  # with a stream open, dialogue.js lets every tenth 2 s tick through


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


# One opener for every phone: building one per phone built an SSL context each (31.5 ms of CPU on Python 3.13),
# which at 1,000 phones was the client's own bottleneck. Cookies are kept per phone (Phone.cookies) instead.
class FromOwnAddress(urllib.request.HTTPHandler):
    """Each phone connects from an address of its own on the loopback network (127.1.x.y), as phones on mobile data
    do: the live tool limits joins per address (dialogue/throttle.py), which one address for 1,000 phones would hit."""

    def http_open(self, req):
        source = getattr(req, "source_address", None)
        return self.do_open(functools.partial(http.client.HTTPConnection, source_address=source), req)


OPENER = urllib.request.build_opener(NoRedirects, FromOwnAddress)
_addresses = itertools.count(1)


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
        self.cookies: dict[str, str] = {}
        self.poll = ""
        self.seen: dict[str, float] = {}  # time.time() when this phone first showed each step of the host (SHOWN)
        self.boards = 0  # boards taken from the stream
        n = next(_addresses)
        self.source_address = (f"127.1.{n // 250}.{n % 250 + 1}", 0)

    def request(self, kind: str, path: str, expect: set[int], data: dict | None = None, headers: dict | None = None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        req = urllib.request.Request(self.base + path, data=body, headers=headers)
        req.source_address = self.source_address
        start = time.perf_counter()
        try:
            with OPENER.open(req, timeout=30) as response:
                status, text = response.status, response.read().decode()
                self._keep(response.headers)
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read().decode(errors="replace")
            self._keep(error.headers)
        except OSError as error:
            self.stats.add(kind, time.perf_counter() - start, repr(error))
            return 0, ""
        self.stats.add(kind, time.perf_counter() - start, "" if status in expect else f"status {status}")
        return status, text

    def _keep(self, headers) -> None:
        for header in headers.get_all("Set-Cookie") or []:
            jar = http.cookies.SimpleCookie()
            jar.load(header)
            self.cookies.update((name, morsel.value) for name, morsel in jar.items())

    def cookie(self, name: str) -> str:
        return self.cookies.get(name, "")

    def show(self, html: str) -> None:
        """What the browser does with a new #live fragment: remember its poll URL (with its token)."""
        if match := HX_GET.search(html):
            self.poll = match.group(1).replace("&amp;", "&")
        for step, text in SHOWN.items():
            if text in html and step not in self.seen:
                self.seen[step] = time.time()

    def fetch(self, kind: str) -> None:
        status, text = self.request(kind, self.poll, {200, 204})
        if status == 200:
            self.show(text)


class Stream:
    """A phone's event stream through Pushpin, read in a thread of its own, reacting as static/js/dialogue.js does:
    "stand" with a state version the phone does not show makes it fetch (spread over the window the stand names;
    1.5 s later on the same stage, where the new state's board usually comes first); "board" of that state is taken
    as the new fragment. The time to the stream's headers counts as a request ("stream")."""

    def __init__(self, phone: Phone, base: str, path: str) -> None:
        self.phone, self.path = phone, path
        host, port = urllib.parse.urlsplit(base).netloc.split(":")
        self.connection = http.client.HTTPConnection(host, int(port), timeout=60, source_address=phone.source_address)
        self.current: str | None = None  # the state version the last "stand" named
        self.pending = threading.Lock()  # held from a planned fetch until it ran: one at a time, as the script does
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def close(self) -> None:
        with contextlib.suppress(OSError):
            if self.connection.sock is not None:
                self.connection.sock.shutdown(socket.SHUT_RDWR)
        self.thread.join(timeout=5)

    def _read(self) -> None:
        phone = self.phone
        cookie = "; ".join(f"{name}={value}" for name, value in phone.cookies.items())
        start = time.perf_counter()
        try:
            self.connection.request("GET", self.path, headers={"Cookie": cookie, "Accept": "text/event-stream"})
            response = self.connection.getresponse()
        except OSError as error:
            phone.stats.add("stream", time.perf_counter() - start, repr(error))
            return
        phone.stats.add(
            "stream", time.perf_counter() - start, "" if response.status == 200 else f"status {response.status}"
        )
        name, data = "", []
        try:
            for raw in iter(response.readline, b""):
                line = raw.decode().rstrip("\n")
                if line.startswith("event: "):
                    name = line[7:]
                elif line.startswith("data: "):
                    data.append(line[6:])
                elif not line and name:
                    self._event(name, "\n".join(data))
                    name, data = "", []
        except (OSError, ValueError, http.client.HTTPException):
            pass  # closed at the end of the run

    def _event(self, name: str, data: str) -> None:
        phone = self.phone
        shown = urllib.parse.parse_qs(urllib.parse.urlsplit(phone.poll).query)
        token, stage = shown.get("v", [""])[0], shown.get("fase", [""])[0]
        if name == "stand":
            self.current, new_stage, spread_ms, offset_ms = data.split(" ")
            if token.split("-")[0] != self.current:  # same stage: the board usually comes first
                wait = (1.5 if new_stage == stage else 0.0) + int(offset_ms) / 1000  # after rooms that moved on
                self._fetch_soon(wait, int(spread_ms) / 1000)
        elif name == "board":
            board = json.loads(data)
            version = board["v"].split("-")[0]
            if board["fase"] != stage or (self.current is not None and version != self.current):
                return
            if version != token.split("-")[0] or _newer(board["v"], token):
                phone.boards += 1
                phone.show(board["html"])

    def _fetch_soon(self, wait: float, spread: float) -> None:
        if self.pending.acquire(blocking=False):
            threading.Timer(wait + random.uniform(0, spread), self._fetch).start()

    def _fetch(self) -> None:
        try:
            shown = urllib.parse.parse_qs(urllib.parse.urlsplit(self.phone.poll).query).get("v", [""])[0]
            if shown.split("-")[0] != self.current:  # a pushed board may have brought it meanwhile
                self.phone.fetch("fetch")
        finally:
            self.pending.release()


def _newer(token: str, than: str) -> bool:
    return int(token.partition("-")[2] or 0) > int(than.partition("-")[2] or 0)


def run_phone(
    base: str, stats: Stats, code: str, start_at: float, burst_at: float, end_at: float, moves: int, sent, seen, push
):
    """A phone is made in its own thread when its time to join comes, not all before any thread starts."""
    time.sleep(max(0.0, start_at - time.monotonic()))
    phone = Phone(base, stats)
    phone.request("join-form", "/doe-mee/", {200})
    csrf = phone.cookie("csrftoken")
    phone.request("join", "/doe-mee/", {302}, {"code": code, "csrfmiddlewaretoken": csrf})
    _, page = phone.request("page", f"/doe-mee/{code}/", {200})
    token = phone.cookie(f"doemee-{code}")
    phone.show(page)
    if not phone.poll or not token:
        phone.stats.add("page", 0.0, "no poll URL or no cookie after joining")
        return
    stream, every = None, 2.0
    if push and (match := STREAM.search(page)):
        stream, every = Stream(phone, push, match.group(1)), SAFETY_POLL_SECONDS
    elif push:
        phone.stats.add("page", 0.0, "no event stream on the page with push on")
    events = [(t, "poll") for t in _ticks(time.monotonic() + random.uniform(0, every), end_at, every)]
    events += [(burst_at + random.uniform(0, 10), "move") for _ in range(moves)]
    for when, action in sorted(events):
        time.sleep(max(0.0, when - time.monotonic()))
        if action == "poll":
            phone.fetch("poll")
        else:
            value = random.randint(0, 20)
            status, _ = phone.request(
                "move", f"/doe-mee/{code}/plek/", {200}, {"plek": value}, {"HX-Request": "true", "X-CSRFToken": csrf}
            )
            if status == 200:
                sent[token] = value
    time.sleep(max(0.0, end_at - time.monotonic()))
    if stream is not None:
        stream.close()
    seen.append((code, phone.seen, phone.boards))


def run_projector(base: str, stats: Stats, public_id: str, end_at: float) -> None:
    phone = Phone(base, stats)
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


def client_share(base: str, rooms: list, plan: dict, share: int, index: int, out) -> None:
    """One client process: `share` phones (and the rooms' projectors, in the first process), each in its own
    thread; the phones go round the rooms. Sends back the timings, the errors, the positions sent and this
    process's own CPU time."""
    global _addresses
    _addresses = itertools.count(1 + index * 10_000)  # addresses of its own in each client process
    stats, sent, seen = Stats(), {}, []
    threads = []
    if index == 0:
        for _, public_id in rooms:
            threads.append(threading.Thread(target=run_projector, args=(base, stats, public_id, plan["end_at"])))
    for n in range(share):
        code = rooms[(n * plan["processes"] + index) % len(rooms)][0]
        start = plan["now"] + random.uniform(0, plan["join_seconds"] * 0.95)
        args = (base, stats, code, start, plan["burst_at"], plan["end_at"], plan["moves"], sent, seen, plan["push"])
        threads.append(threading.Thread(target=run_phone, args=args))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu = usage.ru_utime + usage.ru_stime
    out.put({"times": dict(stats.times), "errors": stats.errors, "sent": sent, "seen": seen, "cpu": cpu})


def run_clients(args: argparse.Namespace, base: str, rooms: list, plan: dict) -> list[dict]:
    """Spread the phones over --processes client processes (one Python process cannot drive much more than
    ~1,000 phones' threads on its own without becoming the bottleneck it measures)."""
    context = multiprocessing.get_context("fork")
    out = context.Queue()
    shares = [
        args.participants // args.processes + (n < args.participants % args.processes) for n in range(args.processes)
    ]
    processes = [
        context.Process(target=client_share, args=(base, rooms, plan, share, n, out)) for n, share in enumerate(shares)
    ]
    for process in processes:
        process.start()
    results = [out.get() for _ in processes]
    for process in processes:
        process.join()
    return results


def one_run(args: argparse.Namespace, database_url: str | None, label: str) -> dict:
    with tempfile.TemporaryDirectory(prefix="dialogue-bench-") as tmp_name:
        tmp = Path(tmp_name)
        port = server.free_port()
        env = server.environment(tmp, port, args.workers, args.redis)
        if database_url:
            env["DATABASE_URL"] = database_url
        print(f"[{label}] preparing the site (migrate, content, static files)", flush=True)
        server.prepare_site(env)
        with contextlib.ExitStack() as stack:
            stream_base = ""
            if args.push:  # Pushpin for the streams, as in a deployment at scale; gunicorn learns where to publish
                proxy = stack.enter_context(pushpin.pushpin(server.HOST, port, tmp / "pushpin"))
                env["GRIP_URL"], stream_base = proxy.grip_url, proxy.url
            # The sessions start as a host starts them, with push on (each one's first stage is published).
            setup = SETUP.format(rooms=args.rooms, revealed=args.revealed)
            rooms = json.loads(server.manage(env, "shell", "-c", setup).splitlines()[-1])
            codes = [code for code, _ in rooms]
            site = stack.enter_context(server.gunicorn(env, port, tmp / "gunicorn.log"))
            base = site.base_url
            now = time.monotonic()
            plan = {"now": now, "join_seconds": args.join_seconds, "moves": args.moves, "push": stream_base}
            plan["processes"] = args.processes
            plan["burst_at"] = now + args.join_seconds + 3
            reveal_at = plan["burst_at"] + 11
            next_at = reveal_at + 7
            plan["end_at"] = next_at + 22  # the host script starts (1-2 s), then up to 8 + 8 s of offset and spread
            print(
                f"[{label}] {args.participants} phones in {len(rooms)} room(s), {args.processes} client process(es), "
                "join within "
                f"{args.join_seconds} s, then a 10 s burst" + (", through Pushpin" if args.push else ""),
                flush=True,
            )
            server_cpu_before = server.cpu_seconds(site.master_pid)
            proxy_cpu_before = pushpin.cpu_seconds(proxy) if args.push else 0.0
            host_steps = {"next statement": (next_at, NEXT)}  # the host's steps, each timed from its commit
            if not args.revealed:  # the host reveals after the burst: every phone shows the room once more
                host_steps["reveal"] = (reveal_at, REVEAL)
            done_at: dict[str, float] = {}
            hosts = [
                threading.Timer(max(0.0, at - time.monotonic()), _host_step, args=(env, action, codes, step, done_at))
                for step, (at, action) in host_steps.items()
            ]
            for host in hosts:
                host.start()
            shares = run_clients(args, base, rooms, plan)
            for host in hosts:
                host.join()
            server_cpu = server.cpu_seconds(site.master_pid) - server_cpu_before
            proxy_cpu = pushpin.cpu_seconds(proxy) - proxy_cpu_before if args.push else 0.0
        env.pop("GRIP_URL", None)  # the proxy is gone: what runs after this must not try to publish to it
        stored = json.loads(server.manage(env, "shell", "-c", STORED.format(codes=codes)).splitlines()[-1])
        cpu_per_kind = json.loads(server.manage(env, "shell", "-c", CPU_PER_KIND).splitlines()[-1])
    times: dict[str, list[float]] = defaultdict(list)
    errors, sent, seen = [], {}, []  # seen: (its room, the steps a phone showed with when, boards from its stream)
    for share in shares:
        for kind, values in share["times"].items():
            times[kind] += values
        errors += share["errors"]
        sent.update(share["sent"])
        seen += share["seen"]
    everything = [t for values in times.values() for t in values]
    result = {
        "label": label,
        "requests": len(everything),
        "errors": len(errors),
        "first_errors": errors[:5],
        "p95_ms": round(percentile(everything, 95) * 1000, 1),
        "kinds": {
            kind: {
                "n": len(values),
                "p50_ms": round(statistics.median(values) * 1000, 1),
                "p95_ms": round(percentile(values, 95) * 1000, 1),
                "max_ms": round(max(values) * 1000, 1),
            }
            for kind, values in sorted(times.items())
        },
        "host_step_shown": {  # from the host's step (committed) to each phone showing it
            step: _shown(step, at, seen) for step, at in done_at.items()
        },
        "boards_taken_from_streams": sum(boards for _, _, boards in seen),
        "server_cpu_s": round(server_cpu, 1),
        "proxy_cpu_s": round(proxy_cpu, 1),
        "client_cpu_s": round(sum(share["cpu"] for share in shares), 1),
        "cpu_ms_per_request_in_process": cpu_per_kind,
        "phones_with_a_position": len(sent),
        "stored_equals_sent": stored == sent,
        "mismatches": sum(1 for token, value in sent.items() if stored.get(token) != value)
        + len(set(stored) - set(sent)),
    }
    print(json.dumps(result, indent=2), flush=True)
    return result


def _host_step(env: dict[str, str], action: str, codes: list[str], step: str, done_at: dict) -> None:
    script = HOST_STEP.format(codes=codes, action=action)
    done_at[step] = json.loads(server.manage(env, "shell", "-c", script).splitlines()[-1])


def _shown(step: str, at: dict[str, float], seen: list) -> dict:
    """From each room's commit of the step to each of its phones showing it."""
    delays = [phone_seen[step] - at[code] for code, phone_seen, _ in seen if step in phone_seen]
    return {
        "phones": len(delays),
        "p50_ms": round(statistics.median(delays) * 1000) if delays else None,
        "p95_ms": round(percentile(delays, 95) * 1000) if delays else None,
    }


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
    parser.add_argument(
        "--processes", type=int, default=None, help="client processes (default: one per 800 phones, at least one)"
    )
    parser.add_argument("--postgres", metavar="SERVER_URL", help="e.g. postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--redis", nargs="?", const="redis://127.0.0.1:6379/0", default=None)
    parser.add_argument("--rooms", type=int, default=1, help="live sessions at once; the phones go round them")
    parser.add_argument("--push", action="store_true", help="Pushpin in front; phones hold an event stream")
    parser.add_argument(
        "--revealed",
        action="store_true",
        help="positions revealed from the start (worst case: every move changes every phone's view)",
    )
    args = parser.parse_args()
    args.processes = args.processes or max(1, -(-args.participants // 800))
    if args.postgres:
        url, drop = postgres_database(args.postgres)
        try:
            result = one_run(args, url, "PostgreSQL")
        finally:
            drop()
    else:
        result = one_run(args, None, "SQLite")
    ok = result["errors"] == 0 and result["p95_ms"] < 300 and result["stored_equals_sent"]
    ok = ok and all(shown["phones"] == args.participants for shown in result["host_step_shown"].values())
    shown = ", ".join(f"{step} shown on {s['phones']} phones" for step, s in result["host_step_shown"].items())
    print(
        ("PASS" if ok else "FAIL") + f": {result['errors']} errors, p95 {result['p95_ms']} ms, "
        f"stored positions {'equal' if result['stored_equals_sent'] else 'differ from'} positions sent, {shown}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
