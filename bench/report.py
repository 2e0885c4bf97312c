"""The targets of issues 2 and 3, checked against what a run measured, and the tables printed on stdout."""

import statistics
from dataclasses import dataclass

from bench.load import WrkResult
from bench.targets import BARE, Group

MAX_RENDER_CPU_MS = 5.0
MAX_QUERIES = 10
MAX_WORKER_RSS_MIB = 100.0


@dataclass(frozen=True)
class Check:
    what: str
    value: str
    target: str
    met: bool

    @property
    def verdict(self) -> str:
        return "met" if self.met else "MISSED"


@dataclass(frozen=True)
class Measured:
    runs: dict[str, list[WrkResult]]  # every wrk run, by target name ("bare" for the baseline)
    server_cpu_ms: dict[str, list[float]]  # gunicorn's CPU time per request in each run, by target name
    cache_status: dict[str, str]  # by target name: "hit", "NOT A HIT", or "-" for a page that is never cached
    in_process: dict  # bench/inprocess.py's output
    memory: dict[int, dict[str, float]]  # by worker pid: rss and uss in MiB
    framework_floor: dict[int, dict[str, float]]  # the same, for a fresh `wagtail start` project

    def rates(self, name: str) -> list[float]:
        return [run.requests_per_s for run in self.runs[name]]

    def ratio(self, name: str) -> float:
        return statistics.median(self.rates(name)) / statistics.median(self.rates("bare"))

    def bad_responses(self, name: str) -> int:
        return sum(run.bad_responses for run in self.runs[name])

    def socket_errors(self, name: str) -> int:
        return sum(run.socket_errors for run in self.runs[name])


def evaluate(groups: list[Group], measured: Measured) -> dict[str, Check]:
    """Every target, by a key that the tables use to put each verdict on its row."""
    checks = {}
    for group in groups:
        if group.pending:  # a group that measured nothing is a miss, not a row that quietly disappears
            checks[f"pending:{group.title}"] = Check(group.title, "not measured", group.pending, False)
    for target in (target for group in groups for target in group.targets):
        ratio = measured.ratio(target.name)
        clean = measured.bad_responses(target.name) == 0 and measured.cache_status[target.name] != "NOT A HIT"
        if target.min_ratio is None:
            checks[f"ratio:{target.name}"] = Check(f"{target.name} ratio", f"{ratio:.2f}", "reported", clean)
            continue
        met = clean and ratio >= target.min_ratio
        checks[f"ratio:{target.name}"] = Check(f"{target.name} ratio", f"{ratio:.2f}", f"≥ {target.min_ratio}", met)
    for name, entry in measured.in_process["uncached"].items():
        cpu, queries = entry["median_ms"], entry["queries"]
        cpu_target = f"≤ {MAX_RENDER_CPU_MS:g} ms"
        checks[f"cpu:{name}"] = Check(f"{name} render CPU", f"{cpu:.1f} ms", cpu_target, cpu <= MAX_RENDER_CPU_MS)
        checks[f"queries:{name}"] = Check(f"{name} queries", str(queries), f"≤ {MAX_QUERIES}", queries <= MAX_QUERIES)
    largest = max(entry["rss"] for entry in measured.memory.values())
    rss_target = f"< {MAX_WORKER_RSS_MIB:g} MiB"
    checks["rss"] = Check("warm worker RSS", f"{largest:.1f} MiB", rss_target, largest < MAX_WORKER_RSS_MIB)
    return checks


def format_report(headline: str, groups: list[Group], measured: Measured, checks: dict[str, Check]) -> str:
    bounded = [check for check in checks.values() if check.target != "reported"]
    missed = [check.what for check in checks.values() if not check.met]
    summary = f"{len(bounded) - len(missed)} of {len(bounded)} targets met"
    sections = [
        headline,
        "\n".join(_throughput_table(groups, measured, checks)),
        "\n".join(_render_table(measured.in_process, checks)),
        "\n".join(_memory_lines(measured.memory, measured.framework_floor, checks["rss"])),
        summary + ("; MISSED: " + ", ".join(missed) if missed else ""),
    ]
    return "\n\n".join(sections)


def table(rows: list[list[str]], right: set[int]) -> list[str]:
    """Rows of cells as aligned text; the columns in `right` are aligned to the right (numbers)."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(
            cell.rjust(width) if i in right else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in rows
    ]


def _throughput_table(groups: list[Group], measured: Measured, checks: dict[str, Check]) -> list[str]:
    rows = [["", "request", "req/s", "min–max", "ratio", "target", "", "CPU/req", "notes"]]
    rows.append(_load_row(measured, "bare", "bare Django view", f"GET {BARE.path}", ["1.00", "", ""]))
    titles: dict[int, list[str]] = {}
    for group in groups:
        # A group with nothing measured adds no rows: its line shares an index with the next group's and must stay.
        titles.setdefault(len(rows), []).append(
            group.title + (f": not measured, {group.pending}" if group.pending else "")
        )
        for target in group.targets:
            check = checks[f"ratio:{target.name}"]
            request = f"{target.request.method} {target.request.path}"
            rows.append(_load_row(measured, target.name, target.name, request, _cells(check)))
    lines = table(rows, right={2, 4, 7})
    offset = 0
    for index, group_titles in sorted(titles.items()):
        for title in group_titles:
            lines.insert(index + offset, f"— {title}")
            offset += 1
    rounds = len(measured.runs["bare"])
    return [
        f"Throughput under load (wrk; median of {rounds} alternating rounds, ratio to the bare view)",
        *lines,
        "  CPU/req: gunicorn's CPU time per request during the runs (median); steadier than req/s on a busy machine",
    ]


def _load_row(measured: Measured, name: str, label: str, request: str, verdict: list[str]) -> list[str]:
    rates = measured.rates(name)
    spread = f"{min(rates):.0f}–{max(rates):.0f}"
    cpu = f"{statistics.median(measured.server_cpu_ms[name]):.2f} ms"
    return [label, request, f"{statistics.median(rates):.0f}", spread, *verdict, cpu, _notes(measured, name)]


def _notes(measured: Measured, name: str) -> str:
    notes = []
    if measured.cache_status.get(name, "-") != "-":
        notes.append(f"page cache {measured.cache_status[name]}")
    if measured.bad_responses(name):
        notes.append(f"{measured.bad_responses(name)} BAD RESPONSES")
    if measured.socket_errors(name):
        notes.append(f"{measured.socket_errors(name)} socket errors")
    return "; ".join(notes)


def _render_table(in_process: dict, checks: dict[str, Check]) -> list[str]:
    rows = [["", "path", "CPU", "target", "", "queries", "target", ""]]
    for name, entry in in_process["uncached"].items():
        rows.append([f"{name} page", entry["path"], *_cells(checks[f"cpu:{name}"]), *_cells(checks[f"queries:{name}"])])
    bare, hit = in_process["bare"]["median_ms"], in_process["cache_hit"]["median_ms"]
    return [
        f"Uncached render in process (test client, a page-cache miss each time; median of {in_process['runs']})",
        *table(rows, right={2, 5}),
        f"  for reference, the same client and middleware: bare view {bare:.2f} ms, page-cache hit {hit:.2f} ms",
    ]


def _cells(check: Check) -> list[str]:
    return [check.value, check.target, check.verdict]


def _memory_lines(memory: dict, floor: dict, check: Check) -> list[str]:
    def listed(entries: dict, field: str) -> str:
        return ", ".join(f"{entry[field]:.0f}" for entry in entries.values())

    return [
        f"Warm gunicorn workers after the load: largest VmRSS {check.value} (target {check.target}): {check.verdict}",
        f"  VmRSS of each worker: {listed(memory, 'rss')} MiB; private to each (USS): {listed(memory, 'uss')} MiB",
        f"  for reference, a fresh `wagtail start` project served the same way: VmRSS {listed(floor, 'rss')} MiB;"
        f" USS {listed(floor, 'uss')} MiB",
    ]
