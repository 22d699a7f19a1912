"""`nofame compare A.parquet B.parquet`: the report's measures for two sets of articles side by side.

Two outlets, two periods, before and after a policy change: each side is a results file, optionally
narrowed by filters (`outlet=Daily Ledger`, `published>=2020-01-01`, `published<2021-01-01`), so one
file can be split in two. Every measure gets A, B and B - A with a 95% interval: Newcombe's hybrid
score interval for a difference of shares, a seeded bootstrap for a difference of means. Output is a
text table, a CSV, or an HTML page from the same templates as the report.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from nofame.batch.columns import population
from nofame.batch.intervals import Interval
from nofame.batch.measures import HEADLINE_MEASURES, SMALL_N, Measure, Values, article_values, dates, difference
from nofame.batch.report import load_results
from nofame.batch.study import fmt_interval, fmt_value, shown
from nofame.batch.views import Section, TableView, environment, to_csv
from nofame.errors import InputError

_FILTER = re.compile(r"^\s*(outlet|published)\s*(>=|<=|=|<|>)\s*(.+?)\s*$")


@dataclass(frozen=True)
class Side:
    path: Path
    label: str
    filters: tuple[str, ...] = ()


@dataclass(frozen=True)
class Row:
    measure: Measure
    a: Interval
    b: Interval
    difference: Interval

    @property
    def significant(self) -> bool:
        d = self.difference
        return d.low is not None and d.high is not None and (d.low > 0 or d.high < 0)


@dataclass(frozen=True)
class Comparison:
    a: Side
    b: Side
    n_a: int
    n_b: int
    rows: tuple[Row, ...]


def apply_filters(table: pa.Table, filters: Sequence[str]) -> pa.Table:
    """Rows matching every filter: `outlet=NAME` (exact) or `published OP YYYY-MM-DD` (OP: = < <= > >=)."""
    for text in filters:
        match = _FILTER.match(text)
        if match is None:
            raise InputError(f"filter {text!r}: use outlet=NAME or published>=YYYY-MM-DD (=, <, <=, >, >=)")
        column, op, value = match.groups()
        if column == "outlet":
            if op != "=":
                raise InputError(f"filter {text!r}: outlets are compared with =")
            outlets = pc.cast(table.column("outlet"), pa.string()) if "outlet" in table.column_names else None
            keep = pc.fill_null(pc.equal(outlets, value), False) if outlets is not None else None
        else:
            try:
                limit = date.fromisoformat(value)
            except ValueError:
                raise InputError(f"filter {text!r}: dates are YYYY-MM-DD") from None
            compare = {"=": date.__eq__, "<": date.__lt__, "<=": date.__le__, ">": date.__gt__, ">=": date.__ge__}[op]
            keep = pa.array([d is not None and compare(d, limit) for d in dates(table)])
        table = table.filter(keep) if keep is not None else table.slice(0, 0)
    return table


def side_values(side: Side) -> tuple[Values, list[str]]:
    table, _, rules = load_results(side.path)
    analysed, _ = population(apply_filters(table, side.filters))
    return article_values(analysed, rules), rules


def compare(a: Side, b: Side) -> Comparison:
    values_a, rules_a = side_values(a)
    values_b, rules_b = side_values(b)
    rules = [r for r in rules_a if r in set(rules_b)]
    measures = [*HEADLINE_MEASURES, *(Measure(r, r, "share", rule=True) for r in rules)]
    rows = []
    for measure in measures:
        if measure.key not in values_a.columns and measure.key not in values_b.columns:
            continue
        rows.append(Row(measure, *difference(measure, values_a, values_b)))
    return Comparison(a, b, values_a.n, values_b.n, tuple(rows))


CSV_HEADERS = ("measure", "kind", "n_a", "value_a", "low95_a", "high95_a", "n_b", "value_b", "low95_b",
               "high95_b", "difference", "low95_difference", "high95_difference")  # fmt: skip


def csv_rows(comparison: Comparison) -> list[tuple[object, ...]]:
    out = []
    for row in comparison.rows:
        a, b, d = row.a, row.b, row.difference
        out.append((row.measure.key, row.measure.kind, a.n, a.value, a.low, a.high, b.n, b.value, b.low, b.high,
                    d.value, d.low, d.high))  # fmt: skip
    return out


def to_text(comparison: Comparison) -> str:
    """A plain table for the terminal: each side's figure and n, and B - A with its interval."""
    a, b = comparison.a.label, comparison.b.label
    lines = [f"A = {a}: {comparison.n_a:,} articles analysed; B = {b}: {comparison.n_b:,}", ""]
    header = ("measure", "A", "n", "B", "n", "B - A (95% interval)")
    body = []
    for row in comparison.rows:
        diff = _diff_text(row)
        body.append((row.measure.label, fmt_value(row.measure, row.a.value), f"{row.a.n:,}",
                     fmt_value(row.measure, row.b.value), f"{row.b.n:,}", diff))  # fmt: skip
    widths = [max(len(r[i]) for r in (header, *body)) for i in range(len(header))]
    for cells in (header, *body):
        padded = (c.ljust(w) if i in (0, 5) else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True)))
        lines.append("  ".join(padded).rstrip())
    lines += ["", f"* the interval excludes 0. Groups under {SMALL_N} articles: read the intervals, not the figures."]
    return "\n".join(lines) + "\n"


def _diff_text(row: Row) -> str:
    d = row.difference
    if d.value is None:
        return "–"
    value = f"{100 * d.value:+.1f}pp" if row.measure.kind == "share" else f"{d.value:+,.2f}"
    return f"{value} ({fmt_interval(row.measure, d, difference=True)}){' *' if row.significant else ''}"


def to_html(comparison: Comparison, title: str) -> str:
    a, b = comparison.a, comparison.b
    sections = []
    for key, heading, chosen in (
        ("headline-measures", "Headline measures", [r for r in comparison.rows if not r.measure.rule]),
        ("rules", "Rules", [r for r in comparison.rows if r.measure.rule]),
    ):
        if not chosen:
            continue
        rows = tuple((row.measure.label, shown(row.measure, row.a), shown(row.measure, row.b), _diff_text(row))
                     for row in chosen)  # fmt: skip
        keys = {row.measure.key for row in chosen}
        view = TableView(
            f"compare-{key}",
            ("measure", f"A: {a.label}", f"B: {b.label}", "B - A (95% interval)"),
            rows,
            CSV_HEADERS,
            tuple(r for r in csv_rows(comparison) if r[0] in keys),
        )
        sections.append(Section(key, heading, tables=(view,)))
    note = (
        f"A: {a.label} ({comparison.n_a:,} articles analysed). B: {b.label} ({comparison.n_b:,}). Differences "
        "are B - A; * marks an interval that excludes 0. Shares: Newcombe's hybrid score interval; means: a "
        "seeded bootstrap. Both cover sampling error only, not the engine's own errors."
    )
    sections.insert(0, Section("sides", "What is compared", (note,)))
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return (
        environment()
        .get_template("compare.html.j2")
        .render(title=title, subtitle=f"generated {generated}", sections=sections)
    )


def write_comparison(comparison: Comparison, output: Path, title: str = "nofame comparison") -> Path:
    """HTML for .html/.htm, CSV for .csv."""
    suffix = output.suffix.lower()
    if suffix == ".csv":
        text = to_csv(CSV_HEADERS, csv_rows(comparison))
    elif suffix in (".html", ".htm"):
        text = to_html(comparison, title)
    else:
        raise InputError(f"{output}: write the comparison to a .html or .csv file")
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    return output
