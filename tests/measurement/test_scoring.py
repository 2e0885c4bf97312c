"""The scores from answer patterns whose outcome is known or worked out by hand."""

import random
from statistics import NormalDist

import pytest

from measurement import scoring
from measurement.scoring import DISORDER, OPINION, THREAT, Response

FORM = [OPINION] * 4 + [THREAT] * 4 + [DISORDER] * 4
z = NormalDist().inv_cdf


def answers(chosen: list[str], sureness: str = "zeker") -> list[Response]:
    return [Response(truth, pick, sureness) for truth, pick in zip(FORM, chosen, strict=True)]


def test_always_threat_sees_no_difference_and_leans_to_danger():
    s = scoring.score(answers([THREAT] * 12))
    assert s.hits == 8 and s.false_alarms == 4
    # Not exactly 0: the correction moves 8/8 less than 4/4 (8.5/9 against 4.5/5).
    assert s.d_prime == pytest.approx(0.311, abs=0.001)
    assert s.c == pytest.approx(-1.437, abs=0.001)
    assert s.c < -1


def test_perfect_answerer_gets_the_largest_d_prime_the_correction_allows():
    s = scoring.score(answers(FORM))
    assert s.hit_rate == pytest.approx(8.5 / 9) and s.false_alarm_rate == pytest.approx(0.1)
    assert s.d_prime == pytest.approx(z(8.5 / 9) - z(0.1))
    assert s.d_prime == pytest.approx(2.874, abs=0.001)
    assert s.auc == 1.0 and s.which_danger == 1.0
    # Nothing can score higher on a 12-item form.
    for _ in range(200):
        rng = random.Random(_)
        other = scoring.score(answers([rng.choice(scoring.CATEGORIES) for _ in FORM]))
        assert other.d_prime <= s.d_prime + 1e-12


def test_random_answerers_average_near_zero():
    rng = random.Random(14)
    values = [scoring.score(answers([rng.choice(scoring.CATEGORIES) for _ in FORM])).d_prime for _ in range(2000)]
    assert abs(sum(values) / len(values)) < 0.1


def test_hand_computed_rates_d_prime_and_c():
    # 6 of 8 dangerous posts called dangerous, 1 of 4 opinions called dangerous.
    chosen = (
        [THREAT, OPINION, OPINION, OPINION] + [THREAT, THREAT, OPINION, THREAT] + [DISORDER, DISORDER, OPINION, THREAT]
    )
    s = scoring.score(answers(chosen))
    # H = 6.5/9 = 0.72222, F = 1.5/5 = 0.3; z(H) = 0.58946, z(F) = -0.52440
    assert round(s.hit_rate, 3) == 0.722
    assert round(s.false_alarm_rate, 3) == 0.300
    assert round(s.d_prime, 3) == 1.114
    assert round(s.c, 3) == -0.033
    # Of the 6 hits, the threat items called threat (3) and the calls called disorder (2) are right: 5 of 6.
    assert s.which_danger == pytest.approx(5 / 6)


def test_auc_uses_the_sureness_levels():
    # Everything right but every opinion a guess and every dangerous post "sure": still perfectly ordered.
    rows = [Response(OPINION, OPINION, "gok")] * 4 + [Response(THREAT, THREAT, "zeker")] * 8
    assert scoring.roc_auc(rows) == 1.0
    # One opinion called dangerous with a guess, one threat called opinion with a guess: they tie at the middle.
    rows = [Response(OPINION, THREAT, "gok"), Response(THREAT, OPINION, "gok")]
    assert scoring.roc_auc(rows) == 0.0
    assert scoring.roc_auc([Response(OPINION, OPINION, "zeker")]) is None
    assert scoring.rating(Response(OPINION, OPINION, "zeker")) == 1
    assert scoring.rating(Response(OPINION, THREAT, "zeker")) == 6


def test_confusion_rows_are_the_truth():
    table = scoring.confusion(answers([THREAT] * 12))
    assert table[OPINION][THREAT] == 4 and table[DISORDER][THREAT] == 4 and table[THREAT][THREAT] == 4


def test_mean_interval_uses_student_t():
    interval = scoring.mean_interval([1.0, 2.0, 3.0])
    # mean 2, sd 1, t(2) = 4.303: 2 ± 4.303/√3
    assert interval.mean == 2.0
    assert interval.low == pytest.approx(2 - 4.303 / 3**0.5)
    assert scoring.mean_interval([]).mean is None
    assert scoring.mean_interval([1.0]).low is None


def test_the_bad_news_pattern_is_flagged_and_real_learning_is_not():
    assert scoring.only_more_suspicious(d_before=1.0, d_after=1.05, c_before=0.0, c_after=-0.6)
    assert not scoring.only_more_suspicious(d_before=1.0, d_after=2.0, c_before=0.0, c_after=-0.6)
    assert not scoring.only_more_suspicious(d_before=1.0, d_after=1.0, c_before=0.0, c_after=0.1)


def test_pearson():
    assert scoring.pearson([0, 1, 1, 0], [1, 5, 6, 2]) > 0.9
    assert scoring.pearson([1, 1, 1], [1, 2, 3]) is None
