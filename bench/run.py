"""Benchmark of Meer dan een mening: pages served by gunicorn as `make run` serves them, as ratios to a bare
Django view served the same way in the same run, plus the uncached render's CPU time and queries and a warm
worker's memory. See bench/README.md. Usage: `make bench BENCH_ARGS="--rounds 3"`.
"""

import argparse
import json
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script: make `bench.*` importable

from bench import server  # noqa: E402
from bench.load import Load, Request, WrkResult, ensure_wrk, run_wrk  # noqa: E402
from bench.report import Measured, evaluate, format_report  # noqa: E402
from bench.targets import BARE, Group, Target, all_groups, fetch, parse_demo_login  # noqa: E402

RESULTS_DIR = Path(__file__).resolve().parent / "results"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Benchmark the site as `make run` serves it (see bench/README.md).")
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds (default 5)")
    parser.add_argument("--duration", type=int, default=5, help="seconds per wrk run (default 5)")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections (default 8)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: as make run, WEB_CONCURRENCY)")
    parser.add_argument("--runs", type=int, default=30, help="in-process renders per page (default 30)")
    parser.add_argument(
        "--redis", nargs="?", const="redis://127.0.0.1:6379/0", metavar="URL", help="use Redis as the shared cache"
    )
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--profile", metavar="PATH", help="only profile uncached renders of PATH (cProfile), no load")
    return parser.parse_args()


def step(message: str) -> None:
    print(f"· {message}", flush=True)


def measure_in_process(env: dict[str, str], runs: int) -> dict:
    command = [sys.executable, "-m", "bench.inprocess", "--runs", str(runs)]
    result = subprocess.run(command, cwd=server.ROOT, env=env, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise SystemExit(f"In-process measurement failed:\n{result.stdout}{result.stderr}")
    return json.loads(result.stdout)


def profile_only(path: str, runs: int) -> None:
    """Where an uncached render of one page spends its CPU time, on a throwaway site; no gunicorn, no load."""
    with tempfile.TemporaryDirectory(prefix="mdem-bench-") as tmp_name:
        env = server.environment(Path(tmp_name), server.free_port(), None, None)
        step("throwaway SQLite database: migrate, load_content, collectstatic")
        server.prepare_site(env)
        command = [sys.executable, "-m", "bench.inprocess", "--profile", path, "--runs", str(runs)]
        subprocess.run(command, cwd=server.ROOT, env=env, check=True)


def check_before_load(base_url: str, target: Target) -> str:
    """The request must succeed, and a cached page must be a hit the second time, or the figures would mislead."""
    for _ in range(2):
        status, headers = fetch(base_url, target.request)
    if status != 200:
        raise SystemExit(f"{target.request.method} {target.request.path} answered {status}")
    if not target.cached:
        return "-"
    return "hit" if headers.get("X-Page-Cache") == "hit" else "NOT A HIT"


def warm_workers(base_url: str, targets: list[Target], workers: int) -> None:
    """Uncached renders of the cached pages on every worker (query strings the cache has not seen yet)."""
    requests = [Request(f"{t.request.path}?warm={n}") for t in targets if t.cached for n in range(3 * workers)]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(lambda request: fetch(base_url, request), requests))


def alternate_rounds(wrk: str, site: server.Server, targets: list[Target], load: Load, rounds: int, tmp: Path):
    """Rounds of bare, page, bare, page, …: each round runs the bare view, then every target once. Besides wrk's
    figures, the CPU time gunicorn spent per request: on a busy machine it holds steadier than requests/s."""
    runs: dict[str, list[WrkResult]] = {"bare": [], **{t.name: [] for t in targets}}
    cpu_ms: dict[str, list[float]] = {name: [] for name in runs}
    for number in range(1, rounds + 1):
        for name, request in [("bare", BARE), *((t.name, t.request) for t in targets)]:
            before = server.cpu_seconds(site.master_pid)
            result = run_wrk(wrk, site.base_url, request, load, tmp)
            runs[name].append(result)
            cpu_ms[name].append(1000 * (server.cpu_seconds(site.master_pid) - before) / max(result.requests, 1))
        latest = ", ".join(f"{name} {results[-1].requests_per_s:.0f}/s" for name, results in runs.items())
        step(f"round {number}/{rounds}: {latest}")
    return runs, cpu_ms


def measure_everything(args: argparse.Namespace, wrk: str) -> tuple[list[Group], Measured]:
    """Build the throwaway site, measure in process, then serve it with gunicorn and measure under load."""
    load = Load(args.duration, args.connections, args.threads)
    with tempfile.TemporaryDirectory(prefix="mdem-bench-") as tmp_name:
        tmp = Path(tmp_name)
        port = server.free_port()
        env = server.environment(tmp, port, args.workers, args.redis)
        step("throwaway SQLite database: migrate, load_content, load_demo, collectstatic")
        demo_output = server.prepare_site(env)
        step(f"in process: uncached render CPU and queries ({args.runs} renders a page)")
        in_process = measure_in_process(env, args.runs)
        in_process["demo"] = parse_demo_login(demo_output)
        with server.gunicorn(env, port, tmp / "gunicorn.log") as site:
            groups = all_groups(site.base_url, in_process)
            targets = [target for group in groups for target in group.targets]
            workers = len(server.worker_pids(site.master_pid))
            step(f"gunicorn, {workers} workers: {args.rounds} rounds of {1 + len(targets)} × {args.duration} s")
            cache_status = {t.name: check_before_load(site.base_url, t) for t in targets}
            warm_workers(site.base_url, targets, workers)
            runs, cpu_ms = alternate_rounds(wrk, site, targets, load, args.rounds, tmp)
            warm_workers(site.base_url, targets, workers)  # workers recycled during the load are warm again
            memory = {pid: server.memory_mib(pid) for pid in server.worker_pids(site.master_pid)}
        step(f"for reference: a fresh `wagtail start` project, {len(memory)} workers, its memory")
        floor = server.framework_floor_memory(tmp, len(memory))
    return groups, Measured(runs, cpu_ms, cache_status, in_process, memory, floor)


def headline(args: argparse.Namespace, workers: int) -> str:
    cache = "Redis" if args.redis else "file-based"
    return "\n".join(
        [
            f"Meer dan een mening · make bench · {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
            f"gunicorn as make run: {workers} sync workers, {cache} page cache, SQLite",
            f"wrk: {args.threads} threads, {args.connections} connections, {args.rounds} rounds × {args.duration} s",
        ]
    )


def save(report: dict) -> Path:
    RESULTS_DIR.mkdir(exist_ok=True)
    path = RESULTS_DIR / f"bench-{datetime.now().strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(report, indent=2))
    return path


def main() -> int:
    args = parse_args()
    # A TERM (e.g. from a CI timeout) unwinds like Ctrl-C, so gunicorn is stopped and the temporary files removed.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if args.profile:
        profile_only(args.profile, args.runs)
        return 0
    started = time.monotonic()
    groups, measured = measure_everything(args, ensure_wrk())
    checks = evaluate(groups, measured)
    print("\n" + format_report(headline(args, len(measured.memory)), groups, measured, checks))
    report = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "options": vars(args),
        "duration_s": round(time.monotonic() - started),
        "groups": [asdict(group) for group in groups],
        "measured": asdict(measured),
        "checks": {key: asdict(check) for key, check in checks.items()},
    }
    print(f"JSON: {save(report).relative_to(server.ROOT)}  ({report['duration_s']} s)")
    missed = any(not check.met for check in checks.values())
    return 1 if args.strict and missed else 0


if __name__ == "__main__":
    sys.exit(main())
