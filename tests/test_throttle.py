"""core.throttle: counting and deciding are one atomic step, on Redis and on the database cache, so a burst of
requests from several workers at once never gets past a limit (check-then-increment let 40 tries through 14
times against a limit of 10)."""

import time

from core.throttle import counts, give_back, hit
from tests.concurrency import at_once
from tests.throttle_caches import throttle_cache  # noqa: F401 (a fixture)


def test_hits_count_up_and_lapse(throttle_cache):  # noqa: F811
    assert [hit("k", 60) for _ in range(3)] == [1, 2, 3]
    assert counts(["k", "other"]) == [3, 0]
    give_back("k")
    assert counts(["k"]) == [2]

    assert hit("short", 1) == 1
    time.sleep(2.1)
    assert counts(["short"]) == [0]
    assert hit("short", 1) == 1  # a lapsed counter starts again at one


def test_a_later_hit_never_stretches_the_window(throttle_cache):  # noqa: F811
    hit("w", 2)
    time.sleep(1.1)
    hit("w", 2)
    time.sleep(1.1)
    assert counts(["w"]) == [0]


def test_giving_back_never_goes_below_zero_or_revives_a_lapsed_counter(throttle_cache):  # noqa: F811
    give_back("never")
    assert counts(["never"]) == [0]
    hit("g", 60)
    give_back("g")
    give_back("g")
    assert counts(["g"]) == [0]
    assert hit("g", 60) == 1


def test_forty_hits_at_once_get_forty_different_numbers(throttle_cache):  # noqa: F811
    numbers = at_once(lambda: hit("burst", 60), 40)

    assert sorted(numbers) == list(range(1, 41))
    assert counts(["burst"]) == [40]
