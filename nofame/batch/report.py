"""`nofame report results.parquet -o report.html`: the audit as a study, in one self-contained HTML file.

Sections are built as data (`views.Section`) and rendered by Jinja2 templates shipped in the package
(`nofame/batch/templates`). Charts are matplotlib figures embedded as PNG with an SVG download beside
them; every table has its CSV embedded as a data: URL: the page has no scripts and loads nothing from
elsewhere, so it can be mailed, archived and read on a phone.

The report follows the guidelines it measures: perpetrator names are masked in everything it shows
(`--show-names` turns that off), and the findings that are names are never listed as phrases.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
from markupsafe import Markup
from matplotlib.figure import Figure

from nofame.batch.columns import errors, mean, numbers, population, total, truthy
from nofame.batch.masking import MASK, NAME_RULES, mask, mask_parts, name_parts
from nofame.batch.measures import article_values
from nofame.batch.records import BASE_COLUMNS, severity_rank
from nofame.batch.study import COLOUR, group_section, headline_section, rules_sections
from nofame.batch.validation import SKIP_LABELS, linked, skipped_section, validation_section
from nofame.batch.views import Section, TableView, environment, render_figure
from nofame.batch.writers import read_metadata, read_table
from nofame.errors import InputError

ACCENT = "#c0392b"


@dataclass(frozen=True)
class ReportOptions:
    results: Path
    output: Path
    findings: Path | None = None
    title: str = "nofame audit report"
    top: int = 25
    show_names: bool = False
    min_outlet_articles: int = 5


def load_results(path: Path) -> tuple[pa.Table, dict[str, Any], list[str]]:
    """The rows, the audit metadata and the rule columns of a results file."""
    table = read_table(path)
    if "id" not in table.column_names or "checked" not in table.column_names:
        raise InputError(f"{path}: not a nofame audit results file (no id/checked columns)")
    try:
        meta = read_metadata(path)
    except (OSError, ValueError):
        meta = {}
    return table, meta, [c for c in table.column_names if c not in BASE_COLUMNS]


def build_report(options: ReportOptions) -> str:
    """The HTML text of the report."""
    table, meta, rules = load_results(options.results)
    analysed, label = population(table)
    parts = name_parts(table)
    values = article_values(analysed, rules)
    sections = [
        _overview(table, analysed, label, meta),
        headline_section(values) if analysed.num_rows else None,
        *rules_sections(values, label),
        _headline_names(analysed),
        _attention(analysed),
        group_section(values, "outlet", options.min_outlet_articles),
        group_section(values, "month"),
        group_section(values, "event"),
        _articles(analysed, rules, options),
        _phrases(options.findings, analysed, parts, options.show_names),
        validation_section(table, meta, parts, options.show_names),
        skipped_section(table),
        _errors(table),
        _method(table, meta),
    ]
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return (
        environment()
        .get_template("report.html.j2")
        .render(
            title=options.title,
            subtitle=f"{options.results.name} · generated {generated}",
            sections=[s for s in sections if s is not None],
        )
    )


def write_report(options: ReportOptions) -> Path:
    text = build_report(options)
    options.output.parent.mkdir(parents=True, exist_ok=True)
    options.output.write_text(text, encoding="utf-8")
    return options.output


def _pct(part: float, whole: float) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "–"


def _fmt(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:,.{digits}f}"


def _skip_counts(table: pa.Table) -> dict[str, int]:
    """Rows not checked, by the reason in the `skipped` column (gate first), without errors."""
    if "skipped" not in table.column_names:
        return {}
    reasons = table.column("skipped").to_pylist()
    counts = {reason: reasons.count(reason) for reason in SKIP_LABELS if reason in reasons}
    counts.update({r: reasons.count(r) for r in set(reasons) - set(counts) - {None}})
    return counts


def _overview(table: pa.Table, analysed: pa.Table, label: str, meta: dict[str, Any]) -> Section:
    failed = int(total(pc.is_valid(errors(table)))) if "error" in table.column_names else 0
    n = analysed.num_rows
    named = int(total(truthy(analysed, "name_in_headline")))
    rows = [
        ("Articles in the file", f"{table.num_rows:,}"),
        ("Checked with the full pipeline", f"{int(total(truthy(table, 'checked'))):,}"),
        *((f"Skipped: {SKIP_LABELS.get(r, r)}", f"{count:,}") for r, count in _skip_counts(table).items()),
        ("Errors (unreadable, failed fetch …)", f"{failed:,}"),
        (f"Analysed below: {label}", f"{n:,}"),
        ("… naming the perpetrator in the headline", f"{named:,} ({_pct(named, n)})"),
        ("… mean score (100 = no findings)", _fmt(mean(numbers(analysed, "score")))),
    ]
    paragraphs: tuple[Markup, ...] = ()
    if meta and meta.get("complete") is False:
        warning = Markup(
            '<strong class="warn">This audit was interrupted:</strong> the file holds the articles finished '
            "before it stopped; resume it with <code>nofame audit … --resume</code>."
        )
        paragraphs = (warning,)
    view = TableView("overview", ("", ""), tuple(rows), numeric=frozenset({1}))
    return Section("overview", "Overview", paragraphs, tables=(view,))


def _headline_names(analysed: pa.Table) -> Section | None:
    n = analysed.num_rows
    if not n or "name_in_headline" not in analysed.column_names:
        return None
    named = int(total(truthy(analysed, "name_in_headline")))
    at_large = int(total(pc.and_(truthy(analysed, "name_in_headline"), truthy(analysed, "at_large"))))
    text = Markup(
        "<strong>{}</strong> of the analysed articles ({} of {}) name the perpetrator in the headline. {} of them "
        "were written while a suspect was at large, when naming can help the manhunt."
    ).format(_pct(named, n), f"{named:,}", f"{n:,}", f"{at_large:,}")
    return Section("name-in-headline", "Perpetrator named in the headline", (text,))


def _attention(analysed: pa.Table) -> Section | None:
    perp, victims = numbers(analysed, "perpetrator_attention"), numbers(analysed, "victim_mentions")
    names = numbers(analysed, "perpetrator_mentions")
    if perp is None or victims is None or not analysed.num_rows:
        return None
    both = pa.table({"p": perp, "v": victims}).filter(pc.and_(pc.is_valid(perp), pc.is_valid(victims)))
    n = both.num_rows
    if not n:
        return None
    more = int(total(pc.greater(both["p"], both["v"])))
    fig = Figure(figsize=(5.5, 4.5))
    ax = fig.add_subplot()
    xs, ys = both["v"].to_numpy(), both["p"].to_numpy()
    if n <= 5000:
        ax.scatter(xs, ys, s=14, alpha=0.5, color=COLOUR)
    else:
        ax.hexbin(xs, ys, gridsize=40, bins="log", cmap="Blues", mincnt=1)
    top = max(float(xs.max()), float(ys.max()), 1.0)
    ax.plot([0, top], [0, top], color=ACCENT, linewidth=1, label="equal attention")
    ax.set_xlabel("victim, survivor and helper mentions")
    ax.set_ylabel("perpetrator mentions (name + role nouns)")
    ax.legend(loc="upper left")
    text = Markup(
        "Mean mentions per article: perpetrator <strong>{}</strong> (of which his name {}), victims, survivors "
        "and helpers <strong>{}</strong>. The perpetrator gets more attention than the victims in "
        "<strong>{}</strong> of articles (points above the red line)."
    ).format(_fmt(mean(both["p"])), _fmt(mean(names)), _fmt(mean(both["v"])), _pct(more, n))
    figure = render_figure(fig, "attention", "perpetrator against victim mentions, one point per article")
    return Section("attention", "Perpetrator vs victim mentions", (text,), (figure,))


ARTICLE_COLUMNS = ("id", "url", "outlet", "published", "headline", "score", "highest_severity", "findings",
                   "name_in_headline", "perpetrator_mentions", "victim_mentions", "perpetrator_attention")  # fmt: skip


def _as_int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _articles(analysed: pa.Table, rules: Sequence[str], options: ReportOptions) -> Section | None:
    """The worst articles on the page; every analysed article (names masked) in the CSV."""
    if not analysed.num_rows or "score" not in analysed.column_names:
        return None
    keys = [("score", "ascending"), ("findings", "descending"), ("id", "ascending")]
    order = pc.sort_indices(analysed, sort_keys=[k for k in keys if k[0] in analysed.column_names])
    ordered = analysed.take(order).to_pylist()
    ordered.sort(key=lambda r: (_as_int(r.get("score")), -severity_rank(r.get("highest_severity"))))
    shown = []
    for row in ordered[: options.top]:
        headline = mask(row.get("headline") or "", row.get("perpetrator_names"), options.show_names)
        fired = sorted(((r, _as_int(row.get(r))) for r in rules if _as_int(row.get(r)) > 0), key=lambda x: -x[1])
        shown.append((
            str(_as_int(row.get("score"))),
            str(row.get("highest_severity") or ""),
            linked(headline, row.get("url"), row["id"]),
            str(row.get("outlet") or ""),
            str(row.get("published_date") or row.get("published") or ""),
            ", ".join(f"{r}×{c}" for r, c in fired[:5]),
        ))  # fmt: skip
    csv_rows = []
    for row in ordered:
        masked = {**row, "headline": mask(row.get("headline") or "", row.get("perpetrator_names"), options.show_names)}
        csv_rows.append(tuple(masked.get(c) for c in ARTICLE_COLUMNS) + tuple(row.get(r) for r in rules))
    view = TableView(
        "articles",
        ("score", "worst", "headline", "outlet", "published", "rules"),
        tuple(shown),
        (*ARTICLE_COLUMNS, *rules),
        tuple(csv_rows),
        numeric=frozenset({0}),
    )
    note = (
        f"The {len(shown)} lowest-scoring articles; the CSV has every analysed article with its rule counts."
        + f" Perpetrator names detected in headlines are shown as {MASK}." * (not options.show_names)
    )
    return Section("articles", "Worst articles", (note,), tables=(view,))


def _phrases(findings_path: Path | None, analysed: pa.Table, parts: frozenset[str], show: bool) -> Section | None:
    if findings_path is None:
        return None
    findings = read_table(findings_path, ["id", "rule", "text"])
    if not findings.num_rows:
        return None
    ids = pa.array(analysed.column("id").to_pylist(), pa.string())
    findings = findings.filter(pc.is_in(findings["id"], value_set=ids))
    findings = findings.filter(pc.invert(pc.is_in(findings["rule"], value_set=pa.array(sorted(NAME_RULES)))))
    # Short phrases only: article-level findings quote whole paragraphs.
    findings = findings.filter(pc.less_equal(pc.fill_null(pc.utf8_length(findings["text"]), 0), 60))
    if not findings.num_rows:
        return None
    lowered = findings.append_column("phrase", pc.utf8_lower(findings["text"]))
    grouped = (
        lowered.group_by(["rule", "phrase"])
        .aggregate([("id", "count")])
        .sort_by([("rule", "ascending"), ("id_count", "descending"), ("phrase", "ascending")])
    )
    rows, csv_rows, per_rule = [], [], {}
    for row in grouped.to_pylist():
        phrase = mask_parts(row["phrase"], parts, show)
        csv_rows.append((row["rule"], phrase, row["id_count"]))
        if per_rule.get(row["rule"], 0) >= 5:
            continue
        per_rule[row["rule"]] = per_rule.get(row["rule"], 0) + 1
        rows.append((Markup("<code>{}</code>").format(row["rule"]), phrase, f"{row['id_count']:,}"))
    note = (
        "The five most frequent flagged phrases per rule (up to 60 characters; rules whose findings are "
        f"names are left out{', and perpetrator names are masked' * (not show)}); the CSV has every phrase."
    )
    headers = ("rule", "phrase", "findings")
    view = TableView("phrases", headers, tuple(rows), headers, tuple(csv_rows), numeric=frozenset({2}))
    return Section("phrases", "Frequent flagged phrases", (note,), tables=(view,))


def _errors(table: pa.Table) -> Section | None:
    if "error" not in table.column_names:
        return None
    failed = table.filter(pc.is_valid(errors(table)))
    if not failed.num_rows:
        return None
    # Group messages by their shape: numbers and quoted parts vary from record to record.
    shapes = pc.replace_substring_regex(pc.cast(failed["error"], pa.string()), r"\d+", "N")
    counts = pa.table({"shape": shapes}).group_by("shape").aggregate([("shape", "count")])
    counts = counts.sort_by([("shape_count", "descending")])
    rows = tuple((r["shape"], f"{r['shape_count']:,}") for r in counts.to_pylist())
    everything = tuple((r["shape"], r["shape_count"]) for r in counts.to_pylist())
    view = TableView("errors", ("error (numbers as N)", "rows"), rows[:15], ("error", "rows"), everything)
    return Section("errors", "Errors", tables=(view,))


def _method(table: pa.Table, meta: dict[str, Any]) -> Section:
    facts = (
        ("nofame", meta.get("nofame_version", "?")),
        ("rule set", str(meta.get("ruleset_hash", "?"))[:19] + "…"),
        ("profile", meta.get("profile", "?")),
        ("relevance gate", meta.get("gate", "?")),
        ("spaCy model", meta.get("model", "?")),
        ("created", meta.get("created", "?")),
        ("command", meta.get("command", "?")),
        ("complete", str(meta.get("complete", "?"))),
    )
    notes = (
        "Perpetrators, victims and helpers are recognised automatically from the text; names the engine "
        "misses are not counted, and a victim sharing the perpetrator's surname can be miscounted.",
        Markup(
            "The relevance gate skips articles without attack vocabulary; the validation section lists its "
            "decisions nearest the threshold and a sample of what it skipped. Run with <code>--no-gate</code> "
            "to check everything."
        ),
        f"Image and link rules need HTML: {_not_checkable_share(table)} of checked articles were plain text or "
        "had no images, and those rules were reported as not checkable there, not as passed.",
        "Intervals are 95%: Wilson for shares, a seeded percentile bootstrap (2,000 resamples) for means. They "
        "cover sampling error only, not the engine's own errors.",
        "Scores and counts describe wording, not intent; read the flagged articles before drawing conclusions.",
    )
    view = TableView("method", ("", ""), tuple((k, str(v)) for k, v in facts))
    return Section("method", "Method and limits", items=notes, tables=(view,))


def _not_checkable_share(table: pa.Table) -> str:
    if "not_checkable" not in table.column_names:
        return "some"
    checked = table.filter(truthy(table, "checked"))
    if not checked.num_rows:
        return "none"
    values = checked.column("not_checkable")
    if pa.types.is_list(values.type):
        flagged = int(total(pc.greater(pc.fill_null(pc.list_value_length(values), 0), 0)))
    else:
        flagged = int(total(pc.greater(pc.utf8_length(pc.fill_null(pc.cast(values, pa.string()), "")), 2)))
    return _pct(flagged, checked.num_rows)
