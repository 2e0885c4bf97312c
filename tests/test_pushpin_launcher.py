"""bench/pushpin.py: a launched Pushpin holds a GRIP stream open, delivers what is published to its channel, signs
what it forwards with its sig key, and leaves no process behind."""

import http.client
import json
import os
import secrets
import signal
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from gripcontrol import parse_grip_uri, validate_sig

from bench.pushpin import available, pushpin

pytestmark = [
    pytest.mark.skipif(
        not available(), reason="Pushpin is not installed (apt-get install pushpin: pushpin, condure, zurl)"
    ),
    pytest.mark.filterwarnings("ignore:datetime.datetime.utcnow:DeprecationWarning"),  # inside gripcontrol
]

CHANNEL = "test-channel"
SERVICES = 5  # the runner, condure, zurl, pushpin-proxy, pushpin-handler


class _GripStream(BaseHTTPRequestHandler):
    """Answers GET /stream/ with a GRIP hold on CHANNEL, and records the headers Pushpin sent."""

    seen: list[dict[str, str]] = []

    def do_GET(self):
        self.seen.append(dict(self.headers))
        if self.path != "/stream/":
            self.send_error(404)
            return
        body = b"event: hello\ndata: 1\n\n"
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Grip-Hold", "stream")
        self.send_header("Grip-Channel", CHANNEL)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass


@pytest.fixture
def upstream() -> Iterator[ThreadingHTTPServer]:
    _GripStream.seen = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _GripStream)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


def _read_event(response: http.client.HTTPResponse) -> str:
    lines = []
    while (line := response.readline()) not in (b"\n", b""):
        lines.append(line.decode())
    return "".join(lines)


def _publish(grip_url: str, content: str) -> int:
    item = {"channel": CHANNEL, "formats": {"http-stream": {"content": content}}}
    request = urllib.request.Request(
        parse_grip_uri(grip_url)["control_uri"] + "/publish/",
        data=json.dumps({"items": [item]}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=5) as response:
        return response.status


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return "gone"


def _processes_using(workdir: Path) -> list[int]:
    """Live processes that name the workdir on their command line: every process of an instance does (config, ipc)."""
    pids = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            command = (entry / "cmdline").read_bytes().decode(errors="replace")
        except (FileNotFoundError, ProcessLookupError):
            continue
        if str(workdir) in command and _state(int(entry.name)) not in ("Z", "gone"):
            pids.append(int(entry.name))
    return pids


def test_a_published_event_reaches_a_held_stream_through_pushpin(upstream, tmp_path):
    with pushpin("127.0.0.1", upstream.server_address[1], tmp_path) as proxy:
        instance = _processes_using(tmp_path)
        assert len(instance) == SERVICES
        address = urlsplit(proxy.url)
        client = http.client.HTTPConnection(address.hostname, address.port, timeout=5)
        client.request("GET", "/stream/")
        response = client.getresponse()
        assert response.status == 200
        assert response.getheader("Content-Type") == "text/event-stream"
        assert _read_event(response) == "event: hello\ndata: 1\n"

        assert _publish(proxy.grip_url, "event: stand\ndata: 42\n\n") == 200
        published = time.monotonic()
        assert _read_event(response) == "event: stand\ndata: 42\n"
        assert time.monotonic() - published < 3
        client.close()

    [headers] = _GripStream.seen
    assert validate_sig(headers["Grip-Sig"], proxy.sig_key, iss="pushpin")
    assert not validate_sig(headers["Grip-Sig"], secrets.token_urlsafe(32))
    assert headers["Host"] == address.netloc  # the client's own Host: ALLOWED_HOSTS with 127.0.0.1 accepts it
    assert parse_grip_uri(proxy.grip_url)["key"] == proxy.sig_key
    assert _processes_using(tmp_path) == []
    assert all(_state(pid) in ("Z", "gone") for pid in instance)


def test_processes_end_when_the_body_raises(upstream, tmp_path):
    with pytest.raises(KeyError), pushpin("127.0.0.1", upstream.server_address[1], tmp_path) as proxy:
        instance = _processes_using(tmp_path)
        raise KeyError(proxy.url)
    assert len(instance) == SERVICES
    assert _processes_using(tmp_path) == []


def test_services_end_when_the_runner_was_killed(upstream, tmp_path):
    """A runner killed outright cannot stop its services (each in its own process group): the launcher does."""
    with pushpin("127.0.0.1", upstream.server_address[1], tmp_path):
        [runner] = [pid for pid in _processes_using(tmp_path) if pid == os.getsid(pid)]
        os.kill(runner, signal.SIGKILL)
        time.sleep(0.2)
        assert len(_processes_using(tmp_path)) == SERVICES - 1
    assert _processes_using(tmp_path) == []


def test_two_instances_run_side_by_side(upstream, tmp_path):
    port = upstream.server_address[1]
    with pushpin("127.0.0.1", port, tmp_path / "a") as first, pushpin("127.0.0.1", port, tmp_path / "b") as second:
        assert first.url != second.url
        assert first.grip_url != second.grip_url
        for proxy in (first, second):
            with pytest.raises(urllib.error.HTTPError) as answer:
                urllib.request.urlopen(proxy.url + "/missing/", timeout=5)
            assert answer.value.code == 404  # from the upstream, through this instance
    assert len(_GripStream.seen) == 2
