"""The study's measures, per article and per group (outlet, month, days since the attack), with 95% intervals.

Headline measures follow the content analyses of mass-shooting coverage: does the headline name the
perpetrator, how often is he named, how much of the attention goes to him rather than to victims,
survivors and helpers, and nofame's score. Every rule is a share: articles with at least one finding
among the articles the rule could run on (a null count means it did not run, and is left out).

Rules that flag something missing (`missing-help-resources`) or that fire on nearly every article
are absences, not practices: they say what coverage lacks, and beside practices they would swamp
every chart, so the report shows them apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from nofame.batch.intervals import EMPTY, Interval, bootstrap_mean, bootstrap_mean_difference, newcombe, wilson

SMALL_N = 30  # groups with fewer articles get a "small n" marker instead of a bare figure
ABSENCE_SHARE = 0.8  # rules firing on at least this share of articles are shown as absences
UNKNOWN = "(unknown)"
# Days since the first article naming the same perpetrator, in the bins coverage studies use.
EVENT_BINS: tuple[tuple[str, int], ...] = (
    ("day 0-1", 1),
    ("days 2-7", 7),
    ("days 8-30", 30),
    ("days 31-365", 365),
    ("after a year", 10**9),
)


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    kind: str  # "share" (0-1, Wilson) or "mean" (bootstrap)
    rule: bool = False

    def interval(self, values: np.ndarray) -> Interval:
        data = values[~np.isnan(values)]
        if self.kind == "share":
            return wilson(int(data.sum()), int(data.size))
        return bootstrap_mean(data.tolist())

    def difference(self, a: np.ndarray, b: np.ndarray) -> Interval:
        first, second = a[~np.isnan(a)], b[~np.isnan(b)]
        if self.kind == "share":
            return newcombe(int(first.sum()), int(first.size), int(second.sum()), int(second.size))
        return bootstrap_mean_difference(first.tolist(), second.tolist())


HEADLINE_MEASURES = (
    Measure("name_in_headline", "perpetrator named in the headline", "share"),
    Measure("name_mentions", "perpetrator name mentions per article", "mean"),
    Measure("perpetrator_share", "perpetrator's share of attention, p / (p + v)", "mean"),
    Measure("perpetrator_more", "more perpetrator than victim mentions", "share"),
    Measure("score", "score (100 = no findings)", "mean"),
)


@dataclass(frozen=True)
class Estimate:
    measure: Measure
    group: str
    interval: Interval

    @property
    def small(self) -> bool:
        return self.interval.n < SMALL_N


@dataclass(frozen=True)
class Values:
    """One float per article and measure (nan: not measured), and the grouping keys of each article."""

    measures: tuple[Measure, ...]
    columns: dict[str, np.ndarray]
    groups: dict[str, list[str | None]]  # outlet, month, event: one key per article (None: unknown)

    @property
    def n(self) -> int:
        return len(next(iter(self.groups.values()), []))

    def rule_measures(self) -> tuple[Measure, ...]:
        return tuple(m for m in self.measures if m.rule)

    def absences(self) -> tuple[Measure, ...]:
        out = []
        for measure in self.rule_measures():
            share = measure.interval(self.columns[measure.key]).value
            if measure.key.startswith("missing-") or (share is not None and share >= ABSENCE_SHARE):
                out.append(measure)
        return tuple(out)

    def practices(self) -> tuple[Measure, ...]:
        absent = set(self.absences())
        return tuple(m for m in self.rule_measures() if m not in absent)


def article_values(table: pa.Table, rules: Sequence[str]) -> Values:
    """Per-article values of every headline and rule measure, and the outlet, month and event keys."""
    n = table.num_rows
    perp = _floats(table, "perpetrator_attention", n)
    victims = _floats(table, "victim_mentions", n)
    total = perp + victims
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(total > 0, perp / total, np.nan)
    more = np.where(np.isnan(total), np.nan, (perp > victims).astype(float))
    columns = {
        "name_in_headline": _floats(table, "name_in_headline", n),
        "name_mentions": _floats(table, "perpetrator_mentions", n),
        "perpetrator_share": share,
        "perpetrator_more": more,
        "score": _floats(table, "score", n),
    }
    rule_measures = []
    for rule in rules:
        counts = _floats(table, rule, n)
        if np.isnan(counts).all():
            continue
        columns[rule] = np.where(np.isnan(counts), np.nan, (counts > 0).astype(float))
        rule_measures.append(Measure(rule, rule, "share", rule=True))
    groups = {"outlet": _outlets(table), "month": _months(table), "event": _event_bins(table)}
    return Values((*HEADLINE_MEASURES, *rule_measures), columns, groups)


def estimates(values: Values, by: str | None, measures: Sequence[Measure]) -> list[Estimate]:
    """Every measure for every group of `by` (None: all articles as one group), groups in their order."""
    if by is None:
        return [Estimate(m, "all", m.interval(values.columns[m.key])) for m in measures]
    keys = values.groups[by]
    order = group_order(by, keys)
    out = []
    key_array = np.array([k if k is not None else "" for k in keys], dtype=object)
    for group in order:
        mask = key_array == group
        for m in measures:
            out.append(Estimate(m, group, m.interval(values.columns[m.key][mask])))
    return out


def group_order(by: str, keys: Sequence[str | None]) -> list[str]:
    present = {k for k in keys if k}
    if by == "event":
        return [label for label, _ in EVENT_BINS if label in present]
    if by == "month":
        return sorted(present)
    counts: dict[str, int] = {}
    for k in keys:
        if k:
            counts[k] = counts.get(k, 0) + 1
    return sorted(present, key=lambda k: (-counts[k], k))


def difference(measure: Measure, a: Values, b: Values) -> tuple[Interval, Interval, Interval]:
    """(A, B, B - A) for one measure over two sets of articles."""
    first = a.columns.get(measure.key, np.full(a.n, np.nan))
    second = b.columns.get(measure.key, np.full(b.n, np.nan))
    if not first.size or not second.size:
        return measure.interval(first), measure.interval(second), EMPTY
    return measure.interval(first), measure.interval(second), measure.difference(first, second)


# -- columns --


def _floats(table: pa.Table, column: str, n: int) -> np.ndarray:
    if column not in table.column_names:
        return np.full(n, np.nan)
    values = table.column(column)
    if pa.types.is_null(values.type):
        return np.full(n, np.nan)
    if pa.types.is_string(values.type):  # CSV / JSON read back as text
        lowered = pc.utf8_lower(values)
        values = pc.if_else(pc.equal(lowered, "true"), "1", pc.if_else(pc.equal(lowered, "false"), "0", values))
        values = pc.cast(pc.if_else(pc.equal(values, ""), None, values), pa.float64())
    return np.asarray(pc.fill_null(pc.cast(values, pa.float64()), np.nan).to_numpy(zero_copy_only=False), dtype=float)


def _strings(table: pa.Table, column: str) -> list[str | None]:
    if column not in table.column_names:
        return [None] * table.num_rows
    return [str(v).strip() or None if v is not None else None for v in table.column(column).to_pylist()]


def _outlets(table: pa.Table) -> list[str | None]:
    return _strings(table, "outlet")


def dates(table: pa.Table) -> list[date | None]:
    if "published_date" not in table.column_names:
        return [None] * table.num_rows
    out: list[date | None] = []
    for value in table.column("published_date").to_pylist():
        if isinstance(value, date) or value is None:
            out.append(value)
            continue
        try:
            out.append(date.fromisoformat(str(value)[:10]))
        except ValueError:
            out.append(None)
    return out


def _months(table: pa.Table) -> list[str | None]:
    return [d.strftime("%Y-%m") if d else None for d in dates(table)]


def perpetrator_keys(table: pa.Table) -> list[str | None]:
    """The first perpetrator name of each article, lower-cased: the key that ties articles to one event."""
    if "perpetrator_names" not in table.column_names:
        return [None] * table.num_rows
    out: list[str | None] = []
    for value in table.column("perpetrator_names").to_pylist():
        names = value
        if isinstance(value, str):  # CSV: a JSON list in a cell
            import json

            try:
                names = json.loads(value or "[]")
            except ValueError:
                names = []
        first = next((str(name).strip().lower() for name in names or [] if str(name).strip()), None)
        out.append(first)
    return out


def event_days(table: pa.Table) -> list[int | None]:
    """Days since the first article in the file naming the same perpetrator (None without a name or date)."""
    keys, days = perpetrator_keys(table), dates(table)
    first: dict[str, date] = {}
    for key, day in zip(keys, days, strict=True):
        if key and day and (key not in first or day < first[key]):
            first[key] = day
    return [(day - first[key]).days if key and day else None for key, day in zip(keys, days, strict=True)]


def _event_bins(table: pa.Table) -> list[str | None]:
    out: list[str | None] = []
    for days in event_days(table):
        out.append(None if days is None else next(label for label, limit in EVENT_BINS if days <= limit))
    return out
