"""95% intervals for the study's measures: Wilson for shares, Newcombe for differences of shares, and a
seeded percentile bootstrap for means and differences of means.

Wilson rather than the normal approximation because audits have small groups (one outlet, one month)
and shares near 0 or 1, where the normal interval leaves [0, 1] or collapses to a point. Bootstraps
are seeded so that the same file gives the same report twice.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

Z95 = 1.959963984540054
BOOTSTRAP_SAMPLES = 2000
SEED = 20240101
# Above this many values the bootstrap costs samples x n memory and agrees with the normal interval to
# the digits shown: the standard error is used instead.
BOOTSTRAP_LIMIT = 20_000


@dataclass(frozen=True)
class Interval:
    value: float | None  # the share (0-1), mean or difference; None when there is no data
    low: float | None
    high: float | None
    n: int  # articles behind it (for a difference: the smaller group)


EMPTY = Interval(None, None, None, 0)


def wilson(hits: int, n: int, z: float = Z95) -> Interval:
    """The Wilson score interval for a share of `hits` in `n`."""
    if n <= 0:
        return EMPTY
    p = hits / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return Interval(p, max(0.0, centre - half), min(1.0, centre + half), n)


def newcombe(hits_a: int, n_a: int, hits_b: int, n_b: int) -> Interval:
    """Share B minus share A, with Newcombe's hybrid score interval (method 10) from the two Wilson ones."""
    if n_a <= 0 or n_b <= 0:
        return EMPTY
    a, b = wilson(hits_a, n_a), wilson(hits_b, n_b)
    assert a.value is not None and b.value is not None and a.low is not None and b.low is not None
    assert a.high is not None and b.high is not None
    diff = b.value - a.value
    low = diff - math.sqrt((b.value - b.low) ** 2 + (a.high - a.value) ** 2)
    high = diff + math.sqrt((b.high - b.value) ** 2 + (a.value - a.low) ** 2)
    return Interval(diff, max(-1.0, low), min(1.0, high), min(n_a, n_b))


def bootstrap_mean(values: Sequence[float], seed: int = SEED, samples: int = BOOTSTRAP_SAMPLES) -> Interval:
    """The mean with a percentile bootstrap interval."""
    data = np.asarray([v for v in values if v is not None and not math.isnan(v)], dtype=float)
    if not data.size:
        return EMPTY
    mean = float(data.mean())
    if data.size == 1:
        return Interval(mean, mean, mean, 1)
    if data.size > BOOTSTRAP_LIMIT:
        half = Z95 * float(data.std(ddof=1)) / math.sqrt(data.size)
        return Interval(mean, mean - half, mean + half, int(data.size))
    rng = np.random.default_rng(seed)
    means = rng.choice(data, size=(samples, data.size), replace=True).mean(axis=1)
    low, high = np.percentile(means, [2.5, 97.5])
    return Interval(mean, float(low), float(high), int(data.size))


def bootstrap_mean_difference(
    a: Sequence[float], b: Sequence[float], seed: int = SEED, samples: int = BOOTSTRAP_SAMPLES
) -> Interval:
    """Mean of B minus mean of A, each group resampled on its own (percentile interval)."""
    first = np.asarray([v for v in a if v is not None and not math.isnan(v)], dtype=float)
    second = np.asarray([v for v in b if v is not None and not math.isnan(v)], dtype=float)
    if not first.size or not second.size:
        return EMPTY
    diff = float(second.mean() - first.mean())
    if max(first.size, second.size) > BOOTSTRAP_LIMIT or min(first.size, second.size) < 2:
        spread = float(first.var(ddof=1)) / first.size if first.size > 1 else 0.0
        spread += float(second.var(ddof=1)) / second.size if second.size > 1 else 0.0
        half = Z95 * math.sqrt(spread)
        return Interval(diff, diff - half, diff + half, int(min(first.size, second.size)))
    rng = np.random.default_rng(seed)
    means_a = rng.choice(first, size=(samples, first.size), replace=True).mean(axis=1)
    means_b = rng.choice(second, size=(samples, second.size), replace=True).mean(axis=1)
    low, high = np.percentile(means_b - means_a, [2.5, 97.5])
    return Interval(diff, float(low), float(high), int(min(first.size, second.size)))
