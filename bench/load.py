"""Load generation with wrk (Debian's `wrk` package): one bounded run against one URL on the loopback."""

import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

WRK_INSTALL = "apt-get install -y wrk"
START_ATTEMPTS = 3


@dataclass(frozen=True)
class Request:
    """What wrk sends, over and over. A GET without headers needs no script; anything else gets a Lua script."""

    path: str
    method: str = "GET"
    body: str = ""
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Load:
    duration_s: int
    connections: int
    threads: int


@dataclass(frozen=True)
class WrkResult:
    requests: int
    requests_per_s: float
    bad_responses: int  # answers other than 2xx/3xx: any of them makes the figure meaningless
    socket_errors: int  # connect, read, write and timeout errors


def ensure_wrk() -> str:
    """The wrk program; installed from Debian when absent and we are root, else the exact command is printed."""
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() != 0:
        raise SystemExit(f"wrk is missing. Install it with: sudo {WRK_INSTALL}")
    print(f"wrk is missing; running: {WRK_INSTALL}", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    if subprocess.run(WRK_INSTALL.split() + ["-qq"], env=env, capture_output=True).returncode != 0:
        subprocess.run(["apt-get", "update", "-qq"], env=env, check=True, capture_output=True)
        subprocess.run(WRK_INSTALL.split() + ["-qq"], env=env, check=True, capture_output=True)
    return shutil.which("wrk") or "wrk"


def lua_script(request: Request) -> str:
    """A wrk script that sends this request: method, form body and headers (e.g. a session cookie, a CSRF token)."""
    lines = [f"wrk.method = {_lua_string(request.method)}"]
    if request.body:
        lines.append(f"wrk.body = {_lua_string(request.body)}")
    for name, value in request.headers.items():
        lines.append(f"wrk.headers[{_lua_string(name)}] = {_lua_string(value)}")
    return "\n".join(lines) + "\n"


def _lua_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def run_wrk(wrk: str, base_url: str, request: Request, load: Load, script_dir: Path) -> WrkResult:
    command = [wrk, f"-t{load.threads}", f"-c{load.connections}", f"-d{load.duration_s}s", base_url + request.path]
    if request.method != "GET" or request.body or request.headers:
        script = script_dir / (re.sub(r"\W+", "-", f"{request.method}{request.path}").strip("-") + ".lua")
        script.write_text(lua_script(request))
        command[1:1] = ["-s", str(script)]
    for attempt in range(1, START_ATTEMPTS + 1):
        result = subprocess.run(command, capture_output=True, text=True, timeout=load.duration_s + 30)
        if result.returncode == 0:
            return parse_wrk(result.stdout)
        # A sync worker closes every connection, so a run leaves thousands of loopback connections in TIME_WAIT;
        # now and then wrk's first connection then meets one and is refused. Another try a moment later works.
        if "unable to connect" not in result.stderr or attempt == START_ATTEMPTS:
            break
        time.sleep(2)
    raise RuntimeError(f"{' '.join(command)} failed ({result.returncode}):\n{result.stderr}{result.stdout}")


def parse_wrk(output: str) -> WrkResult:
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    count = re.search(r"(\d+) requests in", output)
    if rate is None or count is None:
        raise RuntimeError(f"Could not read wrk's output:\n{output}")
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    socket_errors = sum(int(count) for count in errors.groups()) if errors else 0
    return WrkResult(int(count[1]), float(rate[1]), int(bad[1]) if bad else 0, socket_errors)
