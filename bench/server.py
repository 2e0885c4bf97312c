"""The site under test: a throwaway database and gunicorn, started the way `make run` starts it."""

import contextlib
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
HOST = "127.0.0.1"


@dataclass(frozen=True)
class Server:
    base_url: str
    master_pid: int


def environment(tmp: Path, port: int, workers: int | None, redis_url: str | None) -> dict[str, str]:
    """`make run`'s environment (production settings, plain HTTP), pointed at the run's temporary directory."""
    env = {
        **os.environ,
        # Production settings plus the temporary static root and cache directory (see bench/settings.py).
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": f"{HOST},localhost",
        "DJANGO_HTTPS": "0",
        "WAGTAILADMIN_BASE_URL": f"http://{HOST}:{port}",
        "DATABASE_URL": f"sqlite:///{tmp / 'db.sqlite3'}",
        "MEDIA_ROOT": str(tmp / "media"),
        "BENCH_STATIC_ROOT": str(tmp / "static"),
        "BENCH_CACHE_DIR": str(tmp / "cache"),
        "DJANGO_BENCH": "1",
    }
    for name in ("REDIS_URL", "PAGE_CACHE_SECONDS", "GUNICORN_ACCESS_LOG"):
        env.pop(name, None)  # a stray value in the caller's shell must not change what is measured
    if redis_url:
        env["REDIS_URL"] = redis_url
    if workers:
        env["WEB_CONCURRENCY"] = str(workers)
    return env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def prepare_site(env: dict[str, str]) -> str:
    """What `make run` does before it serves: migrate, load the content and the demo class, collect the static
    files. Returns what load_demo printed (the demo teacher's login)."""
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "createcachetable")
    manage(env, "load_content")
    demo = manage(env, "load_demo", "--i-know")
    manage(env, "collectstatic", "--noinput", "-v", "0")
    return demo


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    if result.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


@contextmanager
def gunicorn(env: dict[str, str], port: int, log_path: Path) -> Iterator[Server]:
    """gunicorn exactly as `make run` starts it; stopped (TERM, then KILL) when the block ends."""
    app = ["edu.wsgi:application", "--config", "edu/gunicorn.conf.py"]
    with _serve(app, ROOT, env, port, log_path, ready_path="/healthz") as server:
        yield server


@contextmanager
def _serve(
    app: list[str], cwd: Path, env: dict[str, str], port: int, log_path: Path, ready_path: str
) -> Iterator[Server]:
    """gunicorn with these app arguments, once `ready_path` answers 200 and every worker is up."""
    command = [str(VENV_BIN / "gunicorn"), *app, "--bind", f"{HOST}:{port}"]
    with log_path.open("w") as log:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
    server = Server(f"http://{HOST}:{port}", process.pid)
    try:
        _wait_until_ready(server.base_url + ready_path, process, log_path)
        _wait_for_all_workers(server.master_pid)
        yield server
    except BaseException:
        print(f"gunicorn's log ends with:\n{log_path.read_text()[-3000:]}", file=sys.stderr)
        raise
    finally:
        process.terminate()
        try:
            process.wait(timeout=25)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_ready(url: str, process: subprocess.Popen, log_path: Path, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn stopped at start-up:\n{log_path.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer {url} within {timeout_s:.0f} s:\n{log_path.read_text()[-3000:]}")


def _wait_for_all_workers(master_pid: int, timeout_s: float = 15) -> None:
    """The first worker answers before the others are forked: wait until the count holds still for a second."""
    deadline = time.monotonic() + timeout_s
    count, steady_since = -1, time.monotonic()
    while time.monotonic() < deadline:
        now_count = len(worker_pids(master_pid))
        if now_count != count:
            count, steady_since = now_count, time.monotonic()
        elif time.monotonic() - steady_since >= 1:
            return
        time.sleep(0.1)


def worker_pids(master_pid: int) -> list[int]:
    """gunicorn's workers: the processes whose parent is the master."""
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended while we looked
        if int(fields[1]) == master_pid:
            pids.append(int(stat.parent.name))
    return sorted(pids)


def cpu_seconds(master_pid: int) -> float:
    """CPU time used so far by this gunicorn: the master, its live workers, and the workers it recycled (which
    the kernel adds to the master's children's time once the master has reaped them)."""
    utime, stime, cutime, cstime = _stat_fields(master_pid)
    ticks = utime + stime + cutime + cstime
    for pid in worker_pids(master_pid):
        utime, stime, _, _ = _stat_fields(pid)
        ticks += utime + stime
    return ticks / os.sysconf("SC_CLK_TCK")


def _stat_fields(pid: int) -> list[int]:
    """utime, stime, cutime and cstime from /proc/<pid>/stat (fields 14-17), in clock ticks; 0 when it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return [0, 0, 0, 0]
    return [int(value) for value in fields[11:15]]


def memory_mib(pid: int) -> dict[str, float]:
    """Resident memory (VmRSS, which counts the pages shared with the preloaded master) and private memory (USS:
    what this worker alone holds, so what one more worker costs), in MiB."""
    rss = _kib_fields(Path(f"/proc/{pid}/status"), "VmRSS:")
    uss = _kib_fields(Path(f"/proc/{pid}/smaps_rollup"), "Private_Clean:", "Private_Dirty:")
    return {"rss": round(rss / 1024, 1), "uss": round(uss / 1024, 1)}


def _kib_fields(path: Path, *names: str) -> float:
    """The sum of the named "Name:  123 kB" lines of a /proc file."""
    return sum(float(line.split()[1]) for line in path.read_text().splitlines() if line.startswith(names))


FLOOR_SETTINGS = """from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = {secret!r}
ALLOWED_HOSTS = ["{host}"]
"""


def framework_floor_memory(tmp: Path, workers: int) -> dict[int, dict[str, float]]:
    """The same measurement on a fresh `wagtail start` project (Wagtail's own starter site, nothing of ours),
    served by gunicorn with the same workers and preloading, after a few requests: the memory any Wagtail site
    starts from on this Python, for reading our own figure against."""
    project = tmp / "floor"
    project.mkdir()
    subprocess.run([str(VENV_BIN / "wagtail"), "start", "floor", str(project)], check=True, capture_output=True)
    (project / "floor" / "settings" / "floorbench.py").write_text(
        FLOOR_SETTINGS.format(secret=secrets.token_urlsafe(64), host=HOST)
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "floor.settings.floorbench", "PYTHONPATH": str(project)}
    env.pop("DATABASE_URL", None)
    subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], cwd=project, env=env, check=True)
    app = ["floor.wsgi:application", "--preload", "--workers", str(workers)]
    with _serve(app, project, env, free_port(), tmp / "floor.log", ready_path="/") as floor:
        for _ in range(10 * workers):
            for path in ("/", "/search/?query=les", "/bestaat-niet/"):
                with contextlib.suppress(urllib.error.HTTPError):  # the 404 is meant
                    urllib.request.urlopen(floor.base_url + path, timeout=5).read()
        return {pid: memory_mib(pid) for pid in worker_pids(floor.master_pid)}
