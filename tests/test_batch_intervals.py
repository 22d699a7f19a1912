"""95% intervals of the report and compare: against published values, and reproducible."""

from __future__ import annotations

import pytest

from nofame.batch.intervals import bootstrap_mean, bootstrap_mean_difference, newcombe, wilson


def test_wilson_matches_published_values() -> None:
    # Newcombe (1998), table I: 81/263 -> 0.2553 to 0.3662; 0/10 -> 0 to 0.2775
    interval = wilson(81, 263)
    assert (round(interval.low, 4), round(interval.high, 4)) == (0.2553, 0.3662)
    empty = wilson(0, 10)
    assert empty.value == 0 and empty.low == 0 and round(empty.high, 4) == 0.2775
    assert wilson(0, 0).value is None and wilson(0, 0).n == 0


def test_newcombe_difference_matches_published_values() -> None:
    # Newcombe (1998b), example (a): 56/70 - 48/80 = 0.2, interval 0.0524 to 0.3339 (method 10)
    interval = newcombe(48, 80, 56, 70)  # B - A
    assert round(interval.value, 4) == 0.2
    assert (round(interval.low, 4), round(interval.high, 4)) == (0.0524, 0.3339)


def test_bootstrap_is_seeded_and_covers_the_mean() -> None:
    values = [float(v % 7) for v in range(200)]
    first, second = bootstrap_mean(values), bootstrap_mean(values)
    assert first == second
    assert first.low < first.value < first.high and first.n == 200
    assert bootstrap_mean([]).value is None and bootstrap_mean([2.0]).low == 2.0
    diff = bootstrap_mean_difference(values, [v + 1 for v in values])
    assert diff.value == pytest.approx(1.0) and diff.low < 1.0 < diff.high


def test_large_samples_use_the_standard_error() -> None:
    values = [float(v % 5) for v in range(50_000)]
    interval = bootstrap_mean(values)
    assert interval.low == pytest.approx(2.0 - 1.96 * 1.4142 / 223.6, abs=1e-3)
