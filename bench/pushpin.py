"""Start Pushpin (the GRIP push proxy) in front of a local HTTP server, for the benchmark and the browser tests.

    with pushpin("127.0.0.1", 8000, workdir) as proxy:  # clients use proxy.url; Django gets GRIP_URL=proxy.grip_url

Each instance lives in its own `workdir` (pushpin.conf, routes, run/ for its ZeroMQ sockets, log/, pushpin.log),
listens only on 127.0.0.1 on ports picked at start, and needs no root: instances and a system Pushpin never clash.

What Pushpin 1.36 (Debian) needs for that:
- The proxy does not connect to the upstream itself: it hands each request to zurl, and Debian's internal.conf points
  it at a system zurl in /var/run/zurl. So zurl runs here as one of the runner's services, with its sockets in run/
  (zurl's "deny 127.*" policy does not apply: the proxy marks routed requests "ignore-policies").
- Every ZeroMQ socket is ipc:// under run/ (the handler's defaults are tcp:// on fixed ports); the only TCP ports are
  the client port (condure) and the publish port (pushpin-handler's HTTP control server).
- Ready means both ports accept and every socket the services share has its peer: a ZeroMQ connect made before the
  bind is retried only after 100 ms, and a GRIP hold in that gap failed with "Accept service unavailable".
- The upstream receives the client's own Host header ("127.0.0.1:<http port>" for proxy.url), which Django's
  ALLOWED_HOSTS with "127.0.0.1" accepts (it ignores the port), plus Grip-Sig: a JWT (iss "pushpin", HS256 with
  sig_key) that django-grip checks with the key in GRIP_URL. zurl (libcurl) sends its own Accept and Accept-Encoding.
"""

import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

START_TIMEOUT = 20.0
STOP_GRACE = 5.0
LOG_LEVEL = 1  # warnings and errors only; 2 logs every request, 3 is verbose
MAX_IPC_PATH = 107  # sun_path holds 108 bytes with the NUL: a longer ipc:// path cannot be bound
OUTWARD_SOCKETS = {"push-in", "push-in-sub", "stats", "command"}  # the handler's; no service connects to them
TWO_PEERS = {"condure-in", "condure-out-stream"}  # the proxy and the handler both talk to condure; the rest have one
BOUND_LAST = {"condure-in", "zurl-out", "proxy-command", "stats"}  # each service binds it last (strace)
GONE = (ProcessLookupError, FileNotFoundError)  # a process may exit between listing and reading or signalling it


@dataclass(frozen=True)
class Pushpin:
    url: str  # what clients connect to
    grip_url: str  # Django's GRIP_URL: where to publish, and the key that checks Grip-Sig
    sig_key: str
    session: int  # the runner's pid, which is the session id of all its services


def available() -> bool:
    return all(shutil.which(program) for program in ("pushpin", "condure", "zurl"))


@contextmanager
def pushpin(
    upstream_host: str, upstream_port: int, workdir: Path, *, http_port: int | None = None
) -> Iterator[Pushpin]:
    workdir = workdir.absolute()
    sockets = f"{workdir}/run/pp-{secrets.token_hex(4)}-"  # path prefix of the ipc sockets
    if len(os.fsencode(sockets + "condure-out-stream")) > MAX_IPC_PATH:
        raise ValueError(f"workdir path too long for Pushpin's ipc sockets: {workdir}")
    ports = _free_ports(2)
    http_port = http_port or ports[0]
    publish_port = next(port for port in reversed(ports) if port != http_port)
    sig_key = secrets.token_urlsafe(32)
    config = _write_config(workdir, sockets, http_port, publish_port, sig_key)
    (workdir / "routes").write_text(f"* {upstream_host}:{upstream_port}\n")
    with (workdir / "pushpin.log").open("ab") as log:  # the runner's own output
        # A new session: the runner gives each service its own process group, but they all stay in this session.
        process = subprocess.Popen(["pushpin", "--config", config], stdout=log, stderr=log, start_new_session=True)
    try:
        _wait_until_ready(process, [http_port, publish_port], sockets, workdir)
        yield Pushpin(
            f"http://127.0.0.1:{http_port}",
            f"http://127.0.0.1:{publish_port}?iss=pushpin&key={sig_key}",
            sig_key,
            process.pid,
        )
    finally:
        _stop(process)


def cpu_seconds(proxy: Pushpin) -> float:
    """User + system CPU time of the proxy's services so far (the benchmark reports it beside the site's)."""
    ticks = 0
    for pid in _session_members(proxy.session):
        with suppress(*GONE):
            fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return ticks / os.sysconf("SC_CLK_TCK")


def _free_ports(count: int) -> list[int]:
    """Distinct ports: every probe stays bound until all are picked."""
    probes = [socket.create_server(("127.0.0.1", 0)) for _ in range(count)]
    ports = [probe.getsockname()[1] for probe in probes]
    for probe in probes:
        probe.close()
    return ports


def _write_config(workdir: Path, sockets: str, http_port: int, publish_port: int, sig_key: str) -> Path:
    rundir, ipc_prefix = sockets.rsplit("/", 1)
    for directory in (Path(rundir), workdir / "log"):
        directory.mkdir(parents=True, exist_ok=True)
    config = workdir / "pushpin.conf"
    config.write_text(f"""\
[global]
include={{libdir}}/internal.conf
rundir={rundir}
ipc_prefix={ipc_prefix}

[runner]
services=condure,zurl,pushpin-proxy,pushpin-handler
http_port=127.0.0.1:{http_port}
logdir={workdir / "log"}
log_level={LOG_LEVEL}

[proxy]
routesfile=routes
sig_iss=pushpin
sig_key={sig_key}
updates_check=off
zurl_out_specs=ipc://{sockets}zurl-in
zurl_out_stream_specs=ipc://{sockets}zurl-in-stream
zurl_in_specs=ipc://{sockets}zurl-out

[handler]
push_in_spec=ipc://{sockets}push-in
push_in_sub_specs=ipc://{sockets}push-in-sub
push_in_http_addr=127.0.0.1
push_in_http_port={publish_port}
stats_spec=ipc://{sockets}stats
command_spec=ipc://{sockets}command
""")
    return config


def _wait_until_ready(process: subprocess.Popen, ports: list[int], sockets: str, workdir: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while not (all(map(_accepts, ports)) and _services_connected(sockets)):
        if process.poll() is not None:
            raise RuntimeError(f"pushpin exited with {process.returncode}\n{_log_tail(workdir)}")
        if time.monotonic() > deadline:
            raise TimeoutError(f"pushpin not ready after {START_TIMEOUT:.0f} s\n{_log_tail(workdir)}")
        time.sleep(0.02)


def _accepts(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
    except OSError:
        return False
    return True


def _services_connected(sockets: str) -> bool:
    """Every shared ipc socket is bound and has a peer (/proc/net/unix lists accepted connections under the path)."""
    rows = [line.split(maxsplit=7) for line in Path("/proc/net/unix").read_text().splitlines()[1:]]
    mine = [(row[7].removeprefix(sockets), row[5] == "03") for row in rows if row[-1].startswith(sockets)]
    bound = {name for name, connected in mine if not connected}
    peers = Counter(name for name, connected in mine if connected)
    shared = bound - OUTWARD_SOCKETS
    return BOUND_LAST.issubset(bound) and all(peers[name] >= 1 + (name in TWO_PEERS) for name in shared)


def _log_tail(workdir: Path, lines: int = 15) -> str:
    logs = [workdir / "pushpin.log", *sorted((workdir / "log").glob("*.log"))]
    return "\n".join(
        f"--- {log.name}\n" + "\n".join(log.read_text(errors="replace").splitlines()[-lines:]) for log in logs
    )


def _stop(process: subprocess.Popen) -> None:
    """Let the runner stop its services; then end whatever is left in its session, politely first."""
    process.terminate()
    with suppress(subprocess.TimeoutExpired):
        process.wait(STOP_GRACE)
    for stop_signal in (signal.SIGTERM, signal.SIGKILL):  # the second finds nobody if the first was enough
        for pid in _session_members(process.pid):
            with suppress(*GONE):
                os.kill(pid, stop_signal)
        deadline = time.monotonic() + STOP_GRACE
        while _session_members(process.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
    process.kill()
    process.wait()


def _session_members(session: int) -> list[int]:
    """Live (not zombie) processes of a session, from /proc."""
    members = []
    for entry in Path("/proc").glob("[0-9]*"):
        with suppress(*GONE):
            state, _parent, _group, sid = (entry / "stat").read_text().rpartition(")")[2].split()[:4]
            if int(sid) == session and state != "Z":
                members.append(int(entry.name))
    return members
