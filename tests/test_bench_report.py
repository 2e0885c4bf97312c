"""bench/report.py: a benchmark group that measured nothing stays visible in the table and counts as a miss (the
exercise group once vanished from `make bench` without a word when a file it looked for moved)."""

from bench.load import Request, WrkResult
from bench.report import Measured, evaluate, format_report
from bench.targets import Group, Target


def _measured(names: list[str]) -> Measured:
    runs = {name: [WrkResult(1000, 100.0, 0, 0)] for name in ["bare", *names]}
    return Measured(
        runs=runs,
        server_cpu_ms={name: [0.5] for name in runs},
        cache_status={name: "-" for name in runs},
        in_process={"runs": 30, "uncached": {}, "bare": {"median_ms": 0.2}, "cache_hit": {"median_ms": 0.3}},
        memory={1: {"rss": 90.0, "uss": 60.0}},
        framework_floor={2: {"rss": 96.0, "uss": 60.0}},
    )


def test_a_group_that_measured_nothing_is_listed_with_its_reason_and_missed():
    groups = [
        Group("pages", [Target("home page", Request("/"), 0.5)]),
        Group("exercise", [], pending="no exercise set with posts in the database"),
        Group("dashboard", [Target("class dashboard", Request("/docent/"), None)]),
    ]
    measured = _measured(["home page", "class dashboard"])
    checks = evaluate(groups, measured)
    report = format_report("headline", groups, measured, checks)

    lines = report.splitlines()
    titles = [line for line in lines if line.startswith("— ")]
    assert titles == ["— pages", "— exercise: not measured, no exercise set with posts in the database", "— dashboard"]
    assert lines.index(titles[1]) < next(i for i, line in enumerate(lines) if line.startswith("class dashboard"))
    assert "MISSED: exercise" in report
