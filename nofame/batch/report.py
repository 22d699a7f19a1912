"""`nofame report results.parquet -o report.html`: one self-contained HTML file for a colleague.

Charts are matplotlib figures rendered with the Agg canvas and embedded as base64 PNGs; the page has
inline CSS, no scripts and nothing loaded from elsewhere. Aggregates use pyarrow compute and group_by,
so a results file with millions of rows is summarised without turning it into Python objects.

The report follows the guidelines it measures: perpetrator names found in headlines are masked in
its tables (`--show-names` turns that off), and the findings that are names are never listed as
"frequent phrases".
"""

from __future__ import annotations

import base64
import html
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from nofame.batch.records import BASE_COLUMNS, severity_rank
from nofame.batch.writers import read_metadata, read_table
from nofame.errors import InputError

NAME_RULES = frozenset({"name-in-headline", "name-repetition", "name-in-lede", "prior-attacker-reference", "nickname"})
MASK = "[perpetrator]"
_COLOUR = "#3b5b92"
_ACCENT = "#c0392b"


@dataclass(frozen=True)
class ReportOptions:
    results: Path
    output: Path
    findings: Path | None = None
    title: str = "nofame audit report"
    top: int = 25
    show_names: bool = False
    min_outlet_articles: int = 5


def build_report(options: ReportOptions) -> str:
    """The HTML text of the report."""
    table = read_table(options.results)
    if "id" not in table.column_names or "checked" not in table.column_names:
        raise InputError(f"{options.results}: not a nofame audit results file (no id/checked columns)")
    try:
        meta = read_metadata(options.results)
    except (OSError, ValueError):
        meta = {}
    rules = [c for c in table.column_names if c not in BASE_COLUMNS]
    population, population_label = _population(table)
    sections = [
        _overview(table, population, population_label, meta),
        _rule_section(population, rules, population_label),
        _headline_section(population),
        _attention_section(population),
        _month_section(population),
        _outlet_section(population, options.min_outlet_articles),
        _worst_section(population, rules, options),
        _phrases_section(options.findings, population, options.show_names),
        _errors_section(table),
        _method_section(table, meta, rules),
    ]
    body = "\n".join(s for s in sections if s)
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return _PAGE.format(
        title=html.escape(options.title),
        subtitle=html.escape(f"{options.results.name} · generated {generated}"),
        body=body,
    )


def write_report(options: ReportOptions) -> Path:
    text = build_report(options)
    options.output.parent.mkdir(parents=True, exist_ok=True)
    options.output.write_text(text, encoding="utf-8")
    return options.output


# -- populations and small helpers --


def _population(table: pa.Table) -> tuple[pa.Table, str]:
    """Checked articles the engine judged to be about an attack; all checked ones if it never said."""
    checked = table.filter(_true(table, "checked"))
    if "about_attack" in checked.column_names and pc.any(_true(checked, "about_attack")).as_py():
        return checked.filter(_true(checked, "about_attack")), "checked articles about an attack"
    return checked, "checked articles"


def _true(table: pa.Table, column: str) -> pa.Array:
    if column not in table.column_names:
        return pa.array([False] * table.num_rows)
    values = table.column(column)
    if pa.types.is_string(values.type):  # CSV / JSON read back as text
        values = pc.equal(pc.utf8_lower(values), "true")
    elif not pa.types.is_boolean(values.type):
        values = pc.cast(values, pa.bool_())
    return pc.fill_null(values, False)


def _numbers(table: pa.Table, column: str) -> pa.ChunkedArray | None:
    if column not in table.column_names:
        return None
    values = table.column(column)
    if pa.types.is_null(values.type):
        return None
    if pa.types.is_string(values.type):
        values = pc.cast(pc.if_else(pc.equal(values, ""), None, values), pa.float64())
    return pc.cast(values, pa.float64())


def _sum(values: Any) -> float:
    return float(pc.sum(values).as_py() or 0)


def _mean(values: Any) -> float | None:
    result = pc.mean(values).as_py() if values is not None else None
    return None if result is None else float(result)


def _pct(part: float, whole: float) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "–"


def _fmt(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:,.{digits}f}"


def _png(fig: Figure) -> str:
    FigureCanvasAgg(fig)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f'<img alt="chart" src="data:image/png;base64,{data}">'


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], numeric: Sequence[int] = ()) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    lines = []
    for row in rows:
        cells = "".join(f'<td class="num">{c}</td>' if i in numeric else f"<td>{c}</td>" for i, c in enumerate(row))
        lines.append(f"<tr>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(lines)}</tbody></table>"


def _section(title: str, *parts: str) -> str:
    return f"<section><h2>{html.escape(title)}</h2>{''.join(parts)}</section>"


def _p(text: str) -> str:
    return f"<p>{text}</p>"


# -- sections --


SKIP_LABELS = {
    "gate": "by the relevance gate (not about an attack)",
    "language": "not in English",
    "not-html": "not an HTML page (images, PDFs, scripts …)",
    "not-response": "not a response (WARC requests, metadata …)",
    "http-status": "not an HTTP 200 response (redirects, errors)",
    "non-http": "not an http(s) address",
}


def _skip_counts(table: pa.Table) -> dict[str, int]:
    """Rows not checked, by the reason in the `skipped` column (gate first), without errors."""
    if "skipped" not in table.column_names:
        return {}
    reasons = table.column("skipped").to_pylist()
    counts = {reason: reasons.count(reason) for reason in SKIP_LABELS if reason in reasons}
    counts.update({r: reasons.count(r) for r in set(reasons) - set(counts) - {None}})
    return counts


def _overview(table: pa.Table, population: pa.Table, label: str, meta: dict[str, Any]) -> str:
    total = table.num_rows
    errors = int(_sum(pc.invert(pc.is_null(_errors(table))))) if "error" in table.column_names else 0
    checked = int(_sum(_true(table, "checked")))
    skipped = _skip_counts(table)
    n = population.num_rows
    named = int(_sum(_true(population, "name_in_headline")))
    scores = _numbers(population, "score")
    rows = [
        ("Articles in the file", f"{total:,}"),
        ("Checked with the full pipeline", f"{checked:,}"),
        *((f"Skipped: {SKIP_LABELS.get(reason, reason)}", f"{count:,}") for reason, count in skipped.items()),
        ("Errors (unreadable, failed fetch …)", f"{errors:,}"),
        (f"Analysed below: {label}", f"{n:,}"),
        ("… naming the perpetrator in the headline", f"{named:,} ({_pct(named, n)})"),
        ("… mean score (100 = no findings)", _fmt(_mean(scores))),
    ]
    incomplete = ""
    if meta and meta.get("complete") is False:
        incomplete = _p('<strong class="warn">This audit was interrupted:</strong> the file holds the articles '
                        "finished before it stopped; resume it with <code>nofame audit … --resume</code>.")  # fmt: skip
    return _section("Overview", incomplete, _table(["", ""], [(html.escape(a), b) for a, b in rows], numeric=[1]))


def _errors(table: pa.Table) -> pa.ChunkedArray:
    values = table.column("error")
    if pa.types.is_null(values.type):
        return values
    return pc.if_else(pc.equal(pc.cast(values, pa.string()), ""), None, values)


def _rule_section(population: pa.Table, rules: Sequence[str], label: str) -> str:
    stats = []
    for rule in rules:
        counts = _numbers(population, rule)
        if counts is None:
            continue
        ran = int(pc.count(counts).as_py())  # null: the rule did not run on that article
        hit = int(_sum(pc.greater(counts, 0)))
        stats.append((rule, ran, hit, _sum(counts)))
    stats = [s for s in stats if s[1]]
    if not stats:
        return _section("Rule frequencies", _p("No checked article in the file."))
    stats.sort(key=lambda s: (-(s[2] / s[1]), s[0]))
    fig = Figure(figsize=(8, 0.32 * len(stats) + 1))
    ax = fig.add_subplot()
    names = [s[0] for s in stats][::-1]
    shares = [100 * s[2] / s[1] for s in stats][::-1]
    ax.barh(names, shares, color=_COLOUR)
    ax.set_xlabel(f"% of {label} with at least one finding")
    ax.set_xlim(0, max([*shares, 1]) * 1.1)
    ax.grid(axis="x", alpha=0.3)
    rows = [
        (f"<code>{html.escape(r)}</code>", f"{hit:,}", f"{ran:,}", _pct(hit, ran), f"{int(total):,}")
        for r, ran, hit, total in stats
    ]
    note = _p(
        "Share of articles where each rule fired, among the articles it could run on. Rules that cannot "
        "see an input (image rules on plain text) are left out of their denominator, not counted as passed."
    )
    table = _table(["rule", "articles flagged", "articles checked", "share", "findings"], rows, numeric=[1, 2, 3, 4])
    return _section("Rule frequencies", note, _png(fig), table)


def _headline_section(population: pa.Table) -> str:
    n = population.num_rows
    if not n or "name_in_headline" not in population.column_names:
        return ""
    named = int(_sum(_true(population, "name_in_headline")))
    at_large = int(_sum(pc.and_(_true(population, "name_in_headline"), _true(population, "at_large"))))
    text = (
        f"<strong>{_pct(named, n)}</strong> of the analysed articles ({named:,} of {n:,}) name the perpetrator in "
        f"the headline. {at_large:,} of them were written while a suspect was at large, when naming can help "
        "the manhunt."
    )
    return _section("Perpetrator named in the headline", _p(text))


def _attention_section(population: pa.Table) -> str:
    perp = _numbers(population, "perpetrator_attention")
    victims = _numbers(population, "victim_mentions")
    names = _numbers(population, "perpetrator_mentions")
    if perp is None or victims is None or not population.num_rows:
        return ""
    both = pa.table({"p": perp, "v": victims}).filter(pc.and_(pc.is_valid(perp), pc.is_valid(victims)))
    n = both.num_rows
    if not n:
        return ""
    more = int(_sum(pc.greater(both["p"], both["v"])))
    fig = Figure(figsize=(5.5, 4.5))
    ax = fig.add_subplot()
    xs, ys = both["v"].to_numpy(), both["p"].to_numpy()
    if n <= 5000:
        ax.scatter(xs, ys, s=14, alpha=0.5, color=_COLOUR)
    else:
        ax.hexbin(xs, ys, gridsize=40, bins="log", cmap="Blues", mincnt=1)
    top = max(float(xs.max()), float(ys.max()), 1.0)
    ax.plot([0, top], [0, top], color=_ACCENT, linewidth=1, label="equal attention")
    ax.set_xlabel("victim, survivor and helper mentions")
    ax.set_ylabel("perpetrator mentions (name + role nouns)")
    ax.legend(loc="upper left")
    text = (
        f"Mean mentions per article: perpetrator <strong>{_fmt(_mean(both['p']))}</strong> "
        f"(of which his name {_fmt(_mean(names))}), victims, survivors and helpers "
        f"<strong>{_fmt(_mean(both['v']))}</strong>. The perpetrator gets more attention than the victims in "
        f"<strong>{_pct(more, n)}</strong> of articles (points above the red line)."
    )
    return _section("Perpetrator vs victim mentions", _p(text), _png(fig))


def _month_section(population: pa.Table) -> str:
    if "published_date" not in population.column_names or not population.num_rows:
        return ""
    dates = population.column("published_date")
    if pa.types.is_string(dates.type):
        dates = pc.if_else(pc.equal(dates, ""), None, dates)
        dates = pc.strptime(dates, format="%Y-%m-%d", unit="s", error_is_null=True)
    if pa.types.is_null(dates.type) or pc.count(dates).as_py() == 0:
        return ""
    month = pc.strftime(pc.cast(dates, pa.timestamp("s")), format="%Y-%m")
    grouped = _grouped(population, month, "month")
    if grouped.num_rows < 2:
        return ""
    grouped = grouped.sort_by("month")
    by_month = {row["month"]: row for row in grouped.to_pylist()}
    months = _month_range(min(by_month), max(by_month)) or sorted(by_month)
    empty = {"n": 0, "named_mean": None, "score_mean": None, "names_mean": None}
    rows_by_month = [by_month.get(m, empty) for m in months]
    counts = [r["n"] for r in rows_by_month]
    named = [None if r["named_mean"] is None else 100 * r["named_mean"] for r in rows_by_month]
    fig = Figure(figsize=(9, 4))
    ax = fig.add_subplot()
    bars = ax.bar(range(len(months)), counts, color="#c8d3e6", label="articles analysed")
    ax.set_ylabel("articles analysed")
    ax2 = ax.twinx()
    points = [(i, v) for i, v in enumerate(named) if v is not None]
    (line,) = ax2.plot(
        [i for i, _ in points], [v for _, v in points], color=_ACCENT, marker="o", label="% naming the perpetrator"
    )
    ax2.set_ylabel("% naming the perpetrator in the headline")
    ax2.set_ylim(0, 105)
    step = max(len(months) // 18, 1)
    ax.set_xticks(range(0, len(months), step), [months[i] for i in range(0, len(months), step)], rotation=60)
    ax.legend([bars, line], [bars.get_label(), line.get_label()], loc="upper left", fontsize="small")
    scores = [r["score_mean"] for r in rows_by_month]
    names = [r["names_mean"] for r in rows_by_month]
    rows = [
        (html.escape(m), f"{c:,}", "–" if v is None else f"{v:.1f}%", _fmt(s), _fmt(p))
        for m, c, v, s, p in zip(months, counts, named, scores, names, strict=True)
    ]
    table = _table(["month", "articles", "name in headline", "mean score", "mean name mentions"], rows, [1, 2, 3, 4])
    return _section("Trend by month", _png(fig), f"<details><summary>Table</summary>{table}</details>")


def _month_range(first: str, last: str, limit: int = 600) -> list[str]:
    """Every month from first to last ("2019-11" ... "2020-02"), so that gaps show as gaps."""
    try:
        year, month = (int(x) for x in first.split("-"))
        end = tuple(int(x) for x in last.split("-"))
    except ValueError:
        return []
    months = []
    while (year, month) <= end and len(months) < limit:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _outlet_section(population: pa.Table, minimum: int) -> str:
    if "outlet" not in population.column_names or not population.num_rows:
        return ""
    outlets = pc.cast(population.column("outlet"), pa.string())
    grouped = _grouped(population, outlets, "outlet").filter(pc.is_valid(pc.field("outlet")))
    grouped = grouped.filter(pc.greater_equal(grouped["n"], minimum))
    if grouped.num_rows < 2:
        return ""
    grouped = grouped.sort_by([("n", "descending")]).slice(0, 20)
    names = grouped["outlet"].to_pylist()
    named = [100 * (x or 0) for x in grouped["named_mean"].to_pylist()]
    fig = Figure(figsize=(8, 0.35 * len(names) + 1))
    ax = fig.add_subplot()
    ax.barh(names[::-1], named[::-1], color=_COLOUR)
    ax.set_xlabel("% of articles naming the perpetrator in the headline")
    ax.set_xlim(0, 100)
    rows = [
        (html.escape(o), f"{c:,}", f"{v:.1f}%", _fmt(s), _fmt(p))
        for o, c, v, s, p in zip(
            names, grouped["n"].to_pylist(), named, grouped["score_mean"].to_pylist(),
            grouped["names_mean"].to_pylist(), strict=True,
        )
    ]  # fmt: skip
    note = _p(f"The 20 outlets with the most analysed articles (at least {minimum} each).")
    table = _table(["outlet", "articles", "name in headline", "mean score", "mean name mentions"], rows, [1, 2, 3, 4])
    return _section("By outlet", note, _png(fig), table)


def _grouped(population: pa.Table, keys: Any, key_name: str) -> pa.Table:
    named = pc.cast(_true(population, "name_in_headline"), pa.float64())
    score = _numbers(population, "score")
    names = _numbers(population, "perpetrator_mentions")
    nulls = pa.nulls(population.num_rows, pa.float64())
    small = pa.table(
        {
            key_name: keys,
            "named": named,
            "score": score if score is not None else nulls,
            "names": names if names is not None else nulls,
        }
    )
    aggregates = [("named", "count"), ("named", "mean"), ("score", "mean"), ("names", "mean")]
    out = small.group_by(key_name).aggregate(aggregates)
    return out.rename_columns(["n" if c == "named_count" else c for c in out.column_names])


def _worst_section(population: pa.Table, rules: Sequence[str], options: ReportOptions) -> str:
    if not population.num_rows or "score" not in population.column_names:
        return ""
    keys = [("score", "ascending"), ("findings", "descending"), ("id", "ascending")]
    order = pc.sort_indices(population, sort_keys=[k for k in keys if k[0] in population.column_names])
    worst = population.take(order.slice(0, options.top))
    rows = []
    for row in worst.to_pylist():
        headline = _mask(row.get("headline") or "", row.get("perpetrator_names"), options.show_names)
        url = row.get("url") or ""
        shown = html.escape(headline or row["id"])
        if re.match(r"^https?://", url):
            shown = f'<a href="{html.escape(url, quote=True)}">{shown}</a>'
        fired = sorted(((r, row.get(r)) for r in rules if _as_int(row.get(r)) > 0), key=lambda x: -_as_int(x[1]))
        rules_text = ", ".join(f"{html.escape(r)}×{_as_int(c)}" for r, c in fired[:5])
        date = row.get("published_date") or row.get("published") or ""
        rows.append(
            (
                str(_as_int(row.get("score"))),
                html.escape(str(row.get("highest_severity") or "")),
                shown,
                html.escape(str(row.get("outlet") or "")),
                html.escape(str(date)),
                rules_text,
            )
        )
    rows.sort(key=lambda r: (int(r[0]), -severity_rank(html.unescape(r[1]))))
    note = _p(
        f"The {len(rows)} lowest-scoring articles. Perpetrator names detected in headlines are shown as "
        f"{MASK}." * (not options.show_names)
    )
    return _section(
        "Worst articles", note, _table(["score", "worst", "headline", "outlet", "published", "rules"], rows, [0])
    )


def _mask(text: str, names: Any, show: bool) -> str:
    if show or not text:
        return text
    if isinstance(names, str):  # CSV: a JSON list in a cell
        import json

        try:
            names = json.loads(names)
        except ValueError:
            names = []
    parts = {part for name in names or [] for part in re.split(r"\s+", name.strip()) if len(part) > 2}
    for part in sorted(parts, key=len, reverse=True):  # every part: headlines use the full name or the surname
        text = re.sub(rf"\b{re.escape(part)}(?:'s|’s)?(?!\w)", MASK, text, flags=re.IGNORECASE)
    return re.sub(rf"{re.escape(MASK)}(?:\s+{re.escape(MASK)})+", MASK, text)


def _as_int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _name_parts(population: pa.Table) -> frozenset[str]:
    if "perpetrator_names" not in population.column_names:
        return frozenset()
    values = population.column("perpetrator_names")
    if pa.types.is_list(values.type):
        names = pc.list_flatten(values).unique().to_pylist()
    else:  # CSV: JSON lists in cells
        import json

        names = []
        for cell in pc.unique(values).to_pylist():
            try:
                names.extend(json.loads(cell or "[]"))
            except ValueError:
                continue
    return frozenset(part.lower() for name in names if name for part in name.split() if len(part) > 2)


def _mask_parts(text: str, parts: frozenset[str]) -> str:
    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        bare = re.sub(r"(?:'s|’s)$", "", word.lower())
        return MASK if bare in parts else word

    masked = re.sub(r"[\w'’-]+", swap, text)
    return re.sub(rf"{re.escape(MASK)}(?:\s+{re.escape(MASK)})+", MASK, masked)


def _phrases_section(findings_path: Path | None, population: pa.Table, show_names: bool = False) -> str:
    if findings_path is None:
        return ""
    name_parts = _name_parts(population)
    findings = read_table(findings_path, ["id", "rule", "text"])
    if not findings.num_rows:
        return ""
    ids = population.column("id")
    findings = findings.filter(pc.is_in(findings["id"], value_set=pa.array(ids.to_pylist(), pa.string())))
    keep = pc.invert(pc.is_in(findings["rule"], value_set=pa.array(sorted(NAME_RULES), pa.string())))
    findings = findings.filter(keep)
    if not findings.num_rows:
        return ""
    # Short phrases only: article-level findings quote whole paragraphs.
    findings = findings.filter(pc.less_equal(pc.fill_null(pc.utf8_length(findings["text"]), 0), 60))
    lowered = findings.append_column("phrase", pc.utf8_lower(findings["text"]))
    grouped = (
        lowered.group_by(["rule", "phrase"])
        .aggregate([("id", "count")])
        .sort_by([("rule", "ascending"), ("id_count", "descending"), ("phrase", "ascending")])
    )
    rows: list[tuple[str, str, str]] = []
    per_rule: dict[str, int] = {}
    for row in grouped.to_pylist():
        if per_rule.get(row["rule"], 0) >= 5:
            continue
        per_rule[row["rule"]] = per_rule.get(row["rule"], 0) + 1
        phrase = row["phrase"] if show_names else _mask_parts(row["phrase"], name_parts)
        rows.append((f"<code>{html.escape(row['rule'])}</code>", html.escape(phrase), f"{row['id_count']:,}"))
    note = _p(
        "The five most frequent flagged phrases per rule (up to 60 characters; rules whose findings are "
        f"names are left out{', and perpetrator names are masked' * (not show_names)})."
    )
    return _section("Frequent flagged phrases", note, _table(["rule", "phrase", "findings"], rows, [2]))


def _errors_section(table: pa.Table) -> str:
    if "error" not in table.column_names:
        return ""
    errors = table.filter(pc.is_valid(_errors(table)))
    if not errors.num_rows:
        return ""
    # Group messages by their shape: numbers and quoted parts vary from record to record.
    shapes = pc.replace_substring_regex(pc.cast(errors["error"], pa.string()), r"\d+", "N")
    counts = pa.table({"shape": shapes}).group_by("shape").aggregate([("shape", "count")])
    counts = counts.sort_by([("shape_count", "descending")]).slice(0, 15)
    rows = [(html.escape(r["shape"]), f"{r['shape_count']:,}") for r in counts.to_pylist()]
    return _section("Errors", _table(["error (numbers as N)", "rows"], rows, [1]))


def _method_section(table: pa.Table, meta: dict[str, Any], rules: Sequence[str]) -> str:
    facts = [
        ("nofame", meta.get("nofame_version", "?")),
        ("rule set", str(meta.get("ruleset_hash", "?"))[:19] + "…"),
        ("profile", meta.get("profile", "?")),
        ("relevance gate", meta.get("gate", "?")),
        ("spaCy model", meta.get("model", "?")),
        ("created", meta.get("created", "?")),
        ("command", meta.get("command", "?")),
        ("complete", str(meta.get("complete", "?"))),
    ]
    not_checkable = _not_checkable_share(table)
    notes = [
        "Perpetrators, victims and helpers are recognised automatically from the text; names the engine "
        "misses are not counted, and a victim sharing the perpetrator's surname can be miscounted.",
        "The relevance gate skips articles without attack vocabulary; on the project's test corpus it "
        "skipped none of the articles about attacks, but a real archive can hold phrasings it misses. "
        "Run with <code>--no-gate</code> to check everything.",
        f"Image and link rules need HTML: {not_checkable} of checked articles were plain text or had no "
        "images, and those rules were reported as not checkable there, not as passed.",
        "Scores and counts describe wording, not intent; read the flagged articles before drawing conclusions.",
    ]
    facts_table = _table(["", ""], [(html.escape(k), html.escape(str(v))) for k, v in facts])
    items = "".join(f"<li>{n}</li>" for n in notes)
    return _section("Method and limits", f"<ul>{items}</ul>", facts_table)


def _not_checkable_share(table: pa.Table) -> str:
    if "not_checkable" not in table.column_names:
        return "some"
    checked = table.filter(_true(table, "checked"))
    if not checked.num_rows:
        return "none"
    values = checked.column("not_checkable")
    if pa.types.is_list(values.type):
        flagged = int(_sum(pc.greater(pc.fill_null(pc.list_value_length(values), 0), 0)))
    else:
        flagged = int(_sum(pc.greater(pc.utf8_length(pc.fill_null(pc.cast(values, pa.string()), "")), 2)))
    return _pct(flagged, checked.num_rows)


_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d2430; max-width: 1000px;
       margin: 2em auto; padding: 0 1em; }}
h1 {{ margin-bottom: 0; }} .sub {{ color: #666; margin-top: .2em; }}
h2 {{ border-bottom: 1px solid #d8dde6; padding-bottom: .2em; margin-top: 2em; }}
table {{ border-collapse: collapse; width: 100%; margin: 1em 0; font-size: 14px; }}
th, td {{ text-align: left; padding: .3em .6em; border-bottom: 1px solid #eef0f4; vertical-align: top; }}
th {{ background: #f4f6fa; }} td.num {{ text-align: right; font-variant-numeric: tabular-nums; }}
img {{ max-width: 100%; height: auto; }} code {{ font-size: 13px; }} .warn {{ color: #c0392b; }}
</style>
</head>
<body>
<h1>{title}</h1>
<p class="sub">{subtitle}</p>
{body}
</body>
</html>
"""
