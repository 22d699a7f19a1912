"""The report's study sections: headline measures, practices and absences, and every measure by outlet,
month and days since the attack, each with n and a 95% interval; small groups are marked, not hidden.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from markupsafe import Markup
from matplotlib.figure import Figure

from nofame.batch.intervals import Interval
from nofame.batch.measures import (
    ABSENCE_SHARE,
    HEADLINE_MEASURES,
    SMALL_N,
    Estimate,
    Measure,
    Values,
    estimates,
)
from nofame.batch.views import Cell, FigureView, Section, TableView, render_figure

COLOUR = "#3b5b92"
GROUPINGS = {
    "outlet": ("By outlet", "outlet"),
    "month": ("By month", "month"),
    "event": ("By days since the attack", "days since the attack"),
}
MAX_CHART_GROUPS = 20


def fmt_value(measure: Measure, value: float | None) -> str:
    if value is None:
        return "–"
    return f"{100 * value:.1f}%" if measure.kind == "share" else f"{value:,.2f}"


def fmt_interval(measure: Measure, interval: Interval, difference: bool = False) -> str:
    if interval.low is None or interval.high is None:
        return "–"
    if measure.kind == "share":
        scale, unit = 100, ("pp" if difference else "%")
        return f"{scale * interval.low:.1f} to {scale * interval.high:.1f}{unit}"
    return f"{interval.low:,.2f} to {interval.high:,.2f}"


def shown(measure: Measure, interval: Interval) -> Cell:
    """The figure with its interval, or a small-n marker beside it."""
    text = f"{fmt_value(measure, interval.value)} ({fmt_interval(measure, interval)})"
    if interval.value is not None and interval.n < SMALL_N:
        return Markup('{} <span class="small-n" title="fewer than {} articles">small n={}</span>').format(
            text, SMALL_N, interval.n
        )
    return text


def csv_row(estimate: Estimate, by: str) -> tuple[object, ...]:
    i = estimate.interval
    return (by, estimate.group, estimate.measure.key, estimate.measure.kind, i.n, i.value, i.low, i.high,
            i.n < SMALL_N)  # fmt: skip


CSV_HEADERS = ("grouping", "group", "measure", "kind", "n", "value", "low95", "high95", "small_n")


def headline_section(values: Values) -> Section:
    found = estimates(values, None, HEADLINE_MEASURES)
    rows = tuple((e.measure.label, f"{e.interval.n:,}", shown(e.measure, e.interval)) for e in found)
    table = TableView(
        "headline-measures",
        ("measure", "n", "value (95% interval)"),
        rows,
        CSV_HEADERS,
        tuple(csv_row(e, "all") for e in found),
        numeric=frozenset({1}),
    )
    note = (
        "Shares have Wilson 95% intervals; means a seeded bootstrap 95% interval. n counts the articles "
        "the measure could be taken on (the attention share needs at least one perpetrator or victim mention)."
    )
    return Section("headline-measures", "Headline measures", (note,), tables=(table,))


def rules_sections(values: Values, label: str) -> list[Section]:
    practices, absences = values.practices(), values.absences()
    out = []
    if practices:
        found = estimates(values, None, practices)
        found.sort(key=lambda e: (-(e.interval.value or 0), e.measure.key))
        figure = forest(
            [f"{e.measure.key}" for e in found],
            [e.interval for e in found],
            f"% of {label} with at least one finding (95% interval)",
            "rule-shares",
            share=True,
        )
        note = (
            "Share of articles where each rule fired, among the articles it could run on. Rules that cannot "
            "see an input (image rules on plain text) are left out of their denominator, not counted as passed."
        )
        table = _rule_table(found, "practices")
        out.append(Section("practices", "Practices: rule frequencies", (note,), (figure,), (table,)))
    if absences:
        found = estimates(values, None, absences)
        note = (
            f"Rules that flag something missing, or fire on {100 * ABSENCE_SHARE:.0f}% or more of the articles, "
            "describe what coverage lacks (help resources, victim focus) rather than a practice; they are "
            "shown here so that they do not swamp the practices above."
        )
        out.append(Section("absences", "Absences", (note,), tables=(_rule_table(found, "absences"),)))
    return out


def _rule_table(found: Sequence[Estimate], name: str) -> TableView:
    rows = tuple((Markup("<code>{}</code>").format(e.measure.key), f"{e.interval.n:,}", shown(e.measure, e.interval))
                 for e in found)  # fmt: skip
    return TableView(
        name,
        ("rule", "articles it ran on", "share flagged (95% interval)"),
        rows,
        CSV_HEADERS,
        tuple(csv_row(e, "all") for e in found),
        numeric=frozenset({1}),
    )


def group_section(values: Values, by: str, chart_minimum: int = 1) -> Section | None:
    """Headline measures per group (table + chart) and every rule per group (a long, downloadable table)."""
    title, noun = GROUPINGS[by]
    headline = estimates(values, by, HEADLINE_MEASURES)
    groups = list(dict.fromkeys(e.group for e in headline))
    if len(groups) < 2:
        return None
    by_group: dict[str, dict[str, Estimate]] = {}
    for e in headline:
        by_group.setdefault(e.group, {})[e.measure.key] = e
    rows = []
    for group in groups:
        cells = by_group[group]
        n = max(e.interval.n for e in cells.values())
        rows.append((group, f"{n:,}", *(shown(m, cells[m.key].interval) for m in HEADLINE_MEASURES)))
    table = TableView(
        f"{by}-headline-measures",
        (noun, "articles", *(m.label for m in HEADLINE_MEASURES)),
        tuple(rows),
        CSV_HEADERS,
        tuple(csv_row(e, by) for e in headline),
        numeric=frozenset({1}),
        caption=f"Headline measures {title.lower()}",
    )
    rules = estimates(values, by, values.rule_measures())
    rule_rows = tuple(
        (e.group, Markup("<code>{}</code>").format(e.measure.key), f"{e.interval.n:,}", shown(e.measure, e.interval))
        for e in rules
        if e.interval.n
    )
    rule_table = TableView(
        f"{by}-rules",
        (noun, "rule", "n", "share flagged (95% interval)"),
        rule_rows,
        CSV_HEADERS,
        tuple(csv_row(e, by) for e in rules),
        numeric=frozenset({2}),
        caption=f"Every rule {title.lower()}",
        collapsed=True,
    )
    sizes = {g: max(e.interval.n for e in by_group[g].values()) for g in groups}
    charted = [g for g in groups if sizes[g] >= chart_minimum][:MAX_CHART_GROUPS]
    named = [by_group[g]["name_in_headline"].interval for g in charted]
    share = [by_group[g]["perpetrator_share"].interval for g in charted]
    figures = () if not charted else (
        forest(charted, named, "% naming the perpetrator in the headline (95% interval)", f"{by}-name-in-headline",
               share=True),
        forest(charted, share, "perpetrator's share of attention, p / (p + v) (95% interval)",
               f"{by}-perpetrator-share", share=True),
    )  # fmt: skip
    practices = values.practices()
    if practices and charted:
        practice_keys = {m.key for m in practices}
        shares = {(e.group, e.measure.key): e.interval for e in rules if e.measure.key in practice_keys}
        figures = (*figures, heatmap([m.key for m in practices], charted, shares, noun, f"{by}-rules"))
    note = (
        f"Groups with fewer than {SMALL_N} articles are marked small n (hollow points in the charts): "
        "read their intervals, not their figures."
    )
    if by == "event":
        note += (
            " Days since the attack are counted from the first article in the file naming the same "
            "perpetrator; articles that name none are left out."
        )
    if len(charted) < len(groups):
        note += (
            f" The charts show the {len(charted)} {noun}s with the most articles (at least {chart_minimum});"
            " the tables show all."
        )
    return Section(by, title, (note,), figures, (table, rule_table))


def heatmap(
    rules: Sequence[str], groups: Sequence[str], shares: dict[tuple[str, str], Interval], noun: str, name: str
) -> FigureView:
    """Practice rules (rows) by group (columns): the share flagged in each cell; small-n cells in italics."""
    matrix = np.full((len(rules), len(groups)), np.nan)
    for r, rule in enumerate(rules):
        for g, group in enumerate(groups):
            interval = shares.get((group, rule))
            if interval is not None and interval.value is not None:
                matrix[r, g] = 100 * interval.value
    fig = Figure(figsize=(max(6.0, 0.55 * len(groups) + 3), 0.34 * len(rules) + 1.6))
    ax = fig.add_subplot()
    image = ax.imshow(np.ma.masked_invalid(matrix), cmap="Blues", vmin=0, vmax=100, aspect="auto")
    ax.set_yticks(range(len(rules)), list(rules))
    ax.set_xticks(range(len(groups)), list(groups), rotation=60, ha="right")
    if len(rules) * len(groups) <= 400:
        for r, rule in enumerate(rules):
            for g, group in enumerate(groups):
                if np.isnan(matrix[r, g]):
                    continue
                small = shares[(group, rule)].n < SMALL_N
                colour = "white" if matrix[r, g] > 60 else "#1d2430"
                ax.text(g, r, f"{matrix[r, g]:.0f}", ha="center", va="center", fontsize=7, color=colour,
                        style="italic" if small else "normal")  # fmt: skip
    fig.colorbar(image, ax=ax, label="% of articles flagged")
    ax.set_title(f"Practices by {noun} (italic: small n)", fontsize=10)
    return render_figure(fig, name, f"share of articles each rule flagged, by {noun}")


def forest(
    labels: Sequence[str],
    intervals: Sequence[Interval],
    xlabel: str,
    name: str,
    *,
    share: bool,
) -> FigureView:
    """Points with 95% interval bars, one row per group (top to bottom in the given order)."""
    scale = 100 if share else 1
    fig = Figure(figsize=(8, 0.34 * len(labels) + 1.2))
    ax = fig.add_subplot()
    ys = np.arange(len(labels))[::-1]
    for y, interval in zip(ys, intervals, strict=True):
        if interval.value is None or interval.low is None or interval.high is None:
            continue
        small = interval.n < SMALL_N
        value = scale * interval.value
        ax.errorbar(
            value,
            y,
            xerr=[[max(value - scale * interval.low, 0.0)], [max(scale * interval.high - value, 0.0)]],
            fmt="o",
            color=COLOUR,
            ecolor=COLOUR,
            capsize=3,
            markerfacecolor="white" if small else COLOUR,
        )
    ax.set_yticks(ys, list(labels))
    ax.set_xlabel(xlabel)
    if share:
        ax.set_xlim(0, 100)
    ax.grid(axis="x", alpha=0.3)
    return render_figure(fig, name, xlabel)
