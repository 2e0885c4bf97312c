"""Signal-detection scores for one learner's test, or a group's: pure functions, no Django, checked by hand.

"Gevaar" (threat or call to disorder) is the signal and "mening" the noise. A learner who says "gevaar" more
often gets more hits *and* more false alarms; d′ (discernment, "verschil zien") separates seeing the difference
from that willingness, which c (bias, "voorzichtigheid") measures. Percent correct cannot tell the two apart, which
is why Bad News players looked better while only growing more distrustful.

Rates of 0 or 1 would make z infinite, so every rate uses the log-linear correction (Hautus 1995): add 0.5 to the
count and 1 to the total. With 8 dangerous posts and 4 opinions per form the largest d′ is therefore
z(8.5/9) − z(0.5/5) ≈ 2.87, and someone who calls everything dangerous gets d′ ≈ 0.31 (not 0: the correction
pulls a rate of 1 less far from 1 over 8 items than over 4) with c ≈ −1.44.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from math import sqrt
from statistics import NormalDist, fmean, stdev

OPINION, THREAT, DISORDER = "opinion", "threat", "disorder"
CATEGORIES = (OPINION, THREAT, DISORDER)
DANGER = frozenset({THREAT, DISORDER})
SURE, FAIRLY_SURE, GUESS = "zeker", "beetje", "gok"
SURENESS = (SURE, FAIRLY_SURE, GUESS)

_Z = NormalDist().inv_cdf


@dataclass(frozen=True)
class Response:
    """One answered item: what the post is, what the learner called it, and how sure they were."""

    truth: str
    chosen: str
    sureness: str = SURE


@dataclass(frozen=True)
class Scores:
    hits: int
    signals: int
    false_alarms: int
    noises: int
    hit_rate: float  # H, corrected
    false_alarm_rate: float  # F, corrected
    d_prime: float
    c: float
    auc: float | None  # area under the ROC curve from the six sureness-by-answer levels
    which_danger: float | None  # among dangerous posts called dangerous: share given the right kind of danger

    @property
    def correct_rejections(self) -> int:
        """Opinions recognised as opinions."""
        return self.noises - self.false_alarms


def corrected_rate(count: int, total: int) -> float:
    """The log-linear correction: (count + 0.5) / (total + 1), never 0 or 1."""
    return (count + 0.5) / (total + 1)


def d_prime_and_c(hits: int, signals: int, false_alarms: int, noises: int) -> tuple[float, float, float, float]:
    """(H, F, d′, c) from raw counts, with the correction."""
    h, f = corrected_rate(hits, signals), corrected_rate(false_alarms, noises)
    zh, zf = _Z(h), _Z(f)
    return h, f, zh - zf, -(zh + zf) / 2


def rating(response: Response) -> int:
    """Six levels from "sure it is an opinion" (1) to "sure it is dangerous" (6): the points of the ROC curve."""
    step = SURENESS.index(response.sureness)  # 0 sure, 1 fairly sure, 2 guess
    return 6 - step if response.chosen in DANGER else 1 + step


def roc_auc(responses: Iterable[Response]) -> float | None:
    """The area under the rating ROC curve: the chance that a random dangerous post gets a more "dangerous" rating
    than a random opinion, ties counting half (the Mann–Whitney form, exact for the empirical curve)."""
    signal = [rating(r) for r in responses if r.truth in DANGER]
    noise = [rating(r) for r in responses if r.truth not in DANGER]
    if not signal or not noise:
        return None
    wins = sum((s > n) + 0.5 * (s == n) for s in signal for n in noise)
    return wins / (len(signal) * len(noise))


def score(responses: Iterable[Response]) -> Scores:
    responses = list(responses)
    signal = [r for r in responses if r.truth in DANGER]
    noise = [r for r in responses if r.truth not in DANGER]
    hits = [r for r in signal if r.chosen in DANGER]
    false_alarms = sum(r.chosen in DANGER for r in noise)
    h, f, d, c = d_prime_and_c(len(hits), len(signal), false_alarms, len(noise))
    which = sum(r.chosen == r.truth for r in hits) / len(hits) if hits else None
    return Scores(len(hits), len(signal), false_alarms, len(noise), h, f, d, c, roc_auc(responses), which)


def confusion(responses: Iterable[Response]) -> dict[str, dict[str, int]]:
    """Rows: what the post is; columns: what it was called."""
    table = {truth: dict.fromkeys(CATEGORIES, 0) for truth in CATEGORIES}
    for r in responses:
        table[r.truth][r.chosen] += 1
    return table


# Two-sided 95 % quantiles of Student's t for 1–30 degrees of freedom; beyond that the normal 1.96 is close enough.
_T95 = (
    (12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228)
    + (2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086)
    + (2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042)
)


@dataclass(frozen=True)
class Interval:
    n: int
    mean: float | None
    low: float | None
    high: float | None


def mean_interval(values: Iterable[float]) -> Interval:
    """Mean with a 95 % confidence interval (Student's t); one value has a mean but no interval."""
    values = list(values)
    if not values:
        return Interval(0, None, None, None)
    mean = fmean(values)
    if len(values) < 2:
        return Interval(1, mean, None, None)
    df = len(values) - 1
    half = (_T95[df - 1] if df <= len(_T95) else 1.96) * stdev(values) / sqrt(len(values))
    return Interval(len(values), mean, mean - half, mean + half)


def pearson(xs: list[float], ys: list[float]) -> float | None:
    """Pearson's r; None when either side does not vary (an item everyone got right has no correlation)."""
    if len(xs) < 3:
        return None
    mx, my = fmean(xs), fmean(ys)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx, syy = sum((x - mx) ** 2 for x in xs), sum((y - my) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None
    return sxy / sqrt(sxx * syy)


# A change in c larger than this towards "dangerous", with d′ moving less than FLAT_D, is the Bad News pattern.
BIAS_SHIFT = 0.25
FLAT_D = 0.2


def only_more_suspicious(*, d_before: float, d_after: float, c_before: float, c_after: float) -> bool:
    """True when the group learned to say "gevaar" more often without learning to see the difference."""
    return (c_after - c_before) <= -BIAS_SHIFT and abs(d_after - d_before) < FLAT_D
