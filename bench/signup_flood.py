"""Do sign-ups starve the page workers? 15 sign-ups at once (each a real PBKDF2 hash of about 0.4 s) against
gunicorn as `make run` starts it, while one client keeps loading a page; prints that page's response times idle and
during the flood, for a hashing-slot setting (PASSWORD_HASHING_SLOTS, accounts/signup.py).

    .venv/bin/python -m bench.signup_flood              # the default: 2 slots
    .venv/bin/python -m bench.signup_flood --slots 99   # as good as no cap, for comparison

A throwaway SQLite database in a temporary directory; nothing in the project folder changes.
"""

import argparse
import http.cookiejar
import re
import socketserver
import statistics
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

from bench.server import environment, free_port, gunicorn, manage

PAGE = "/docent/inloggen/"  # rendered by a worker every time (private, never from the page cache)
SIGNUPS = 15


class _MailSink(socketserver.StreamRequestHandler):
    """Just enough SMTP to take a mail and forget it, so the sign-ups' mails cost what a local relay costs."""

    def handle(self) -> None:
        self.wfile.write(b"220 sink\r\n")
        in_data = False
        for raw in self.rfile:
            line = raw.strip().upper()
            if in_data:
                in_data = line != b"."
                if not in_data:
                    self.wfile.write(b"250 ok\r\n")
            elif line == b"DATA":
                in_data = True
                self.wfile.write(b"354 go on\r\n")
            elif line == b"QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            else:
                self.wfile.write(b"250 ok\r\n")


def _mail_sink() -> int:
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _MailSink)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server.server_address[1]


def _timed_get(url: str) -> float:
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as response:
        response.read()
    return time.perf_counter() - start


def _sign_up(base: str, n: int, start: threading.Barrier, statuses: list) -> None:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    html = opener.open(base + "/docent/aanmelden/", timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    data = {
        "csrfmiddlewaretoken": token,
        "name": f"Docent {n}",
        "school": "Stadscollege",
        "role": "docent",
        "email": f"flood{n}-{time.time_ns()}@school.example",
        "password": "lange-zin-voor-de-klas",
    }
    request = urllib.request.Request(
        base + "/docent/aanmelden/", urllib.parse.urlencode(data).encode(), headers={"Referer": base + "/"}
    )
    start.wait()
    try:
        statuses.append(opener.open(request, timeout=60).status)
    except urllib.error.HTTPError as error:
        statuses.append(error.code)


def run(slots: int, workers: int | None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        tmp, port = Path(folder), free_port()
        env = environment(tmp, port, workers, None) | {
            "PASSWORD_HASHING_SLOTS": str(slots),
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(_mail_sink()),
        }
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "createcachetable")
        manage(env, "collectstatic", "--noinput", "-v", "0")
        with gunicorn(env, port, tmp / "gunicorn.log") as server:
            url = server.base_url + PAGE
            idle = [_timed_get(url) for _ in range(20)]
            start, statuses, during = threading.Barrier(SIGNUPS + 1), [], []
            threads = [
                threading.Thread(target=_sign_up, args=(server.base_url, n, start, statuses)) for n in range(SIGNUPS)
            ]
            for thread in threads:
                thread.start()
            start.wait()
            while any(thread.is_alive() for thread in threads):
                during.append(_timed_get(url))
            for thread in threads:
                thread.join()
        errors = [line for line in (tmp / "gunicorn.log").read_text().splitlines() if "Error" in line]
        if errors:
            print("gunicorn's last error:", errors[-1][-600:])
    counts = {status: statuses.count(status) for status in sorted(set(statuses))}
    print(f"hashing slots {slots}: sign-ups answered {counts}")
    print(f"  {PAGE} idle:   median {statistics.median(idle) * 1000:.0f} ms, max {max(idle) * 1000:.0f} ms")
    print(
        f"  {PAGE} during: median {statistics.median(during) * 1000:.0f} ms, max {max(during) * 1000:.0f} ms "
        f"({len(during)} loads)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slots", type=int, default=2)
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args()
    run(args.slots, args.workers)


if __name__ == "__main__":
    main()
