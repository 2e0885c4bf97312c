"""In-process measurements, run by bench/run.py as `python -m bench.inprocess` in the run's environment.

It finds the URLs to measure in the database, then times each page's *uncached* render (a page-cache miss)
in worker CPU time and counts its queries. The bare view and a cache hit are timed the same way, as references:
they show what the middleware and the test client cost on their own. Prints one JSON object on stdout.

`--profile PATH` instead prints where an uncached render of PATH spends its time (cProfile, stdlib).
"""

import argparse
import cProfile
import itertools
import json
import pstats
import secrets
import statistics
import sys
import time

import django

BARE_PATH = "/bench/bare/"


def discover_pages() -> dict[str, str]:
    """The pages to measure: the home page and the first live lesson (in tree order)."""
    from cms.models import LessonPage

    lesson = LessonPage.objects.live().public().order_by("path").first()
    if lesson is None:
        raise SystemExit("No live lesson in the database: did load_content run?")
    return {"home": "/", "lesson": lesson.url}


def discover_exercise() -> dict[str, str] | None:
    """The first exercise set and its first post, for the exercise targets (issue 3)."""
    from cms.models import ExerciseSet

    exercise_set = ExerciseSet.objects.order_by("title").first()
    if exercise_set is None or not exercise_set.ordered_scenarios():
        return None
    post = exercise_set.ordered_scenarios()[0]
    return {"set": exercise_set.slug, "post": post.key, "category": post.category}


_misses = itertools.count()
_RUN = secrets.token_hex(4)  # a cache that outlives the run (Redis) must not answer a later run's "misses"


def _missing(path: str) -> str:
    """The same page under a query string never asked before: a page-cache miss, rendered (and stored) as for
    the first visitor after publishing."""
    return f"{path}?bench-miss={_RUN}-{next(_misses)}"


def cpu_ms(client, path: str, runs: int, miss: bool = False) -> list[float]:
    """Worker CPU time of `runs` requests for path, in ms, after a few warm-up requests."""
    for _ in range(3):
        _get(client, _missing(path) if miss else path)
    times = []
    for _ in range(runs):
        target = _missing(path) if miss else path
        start = time.process_time()
        response = _get(client, target)
        times.append((time.process_time() - start) * 1000)
        if miss and response.get("X-Page-Cache") != "miss":
            raise SystemExit(
                f"GET {target} was meant to miss the page cache: X-Page-Cache {response.get('X-Page-Cache')}"
            )
    return times


def query_count(client, path: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        _get(client, path)
    return len(captured.captured_queries)


def _get(client, path: str):
    """One request, ended the way a WSGI server ends it: `close_old_connections` closes the database connection
    only when CONN_MAX_AGE says so, as at the end of a real request."""
    from django.db import close_old_connections

    response = client.get(path)
    close_old_connections()
    if response.status_code != 200:
        raise SystemExit(f"GET {path} answered {response.status_code}")
    return response


def summary(times: list[float]) -> dict[str, float]:
    return {"median_ms": round(statistics.median(times), 2), "min_ms": round(min(times), 2)}


def measure(pages: dict[str, str], runs: int) -> dict:
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    result: dict = {"runs": runs, "uncached": {}}
    for name, path in pages.items():
        entry = summary(cpu_ms(client, path, runs, miss=True))
        entry.update(path=path, queries=query_count(client, _missing(path)), bytes=len(_get(client, path).content))
        result["uncached"][name] = entry
    result["bare"] = summary(cpu_ms(client, BARE_PATH, runs))
    result["cache_hit"] = summary(cpu_ms(client, pages["home"], runs))  # the warm-up stores it, then all hits
    if _get(client, pages["home"]).get("X-Page-Cache") != "hit":
        raise SystemExit("The home page is not served from the page cache.")
    return result


def profile(path: str, runs: int) -> None:
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    cpu_ms(client, path, 3, miss=True)
    profiler = cProfile.Profile(time.process_time)
    profiler.runcall(lambda: [_get(client, _missing(path)) for _ in range(runs)])
    print(f"Uncached render of {path}, {runs} requests, CPU time:", file=sys.stderr)
    pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(40)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--profile", metavar="PATH")
    args = parser.parse_args()
    django.setup()
    if args.profile:
        profile(args.profile, args.runs)
    else:
        pages = discover_pages()
        print(json.dumps({"pages": pages, "exercise": discover_exercise(), **measure(pages, args.runs)}))


if __name__ == "__main__":
    main()
