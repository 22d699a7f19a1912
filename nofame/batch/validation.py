"""The report's validation sections: what a researcher needs to hand-check the classifier's decisions.

- the relevance gate's decisions nearest its threshold (both sides), with the engine's verdict;
- the articles the engine checked and judged not about an attack;
- a seeded sample of what the gate skipped;
- skipped records by reason and language.

Headlines come with links so that a sample can be read at the source; names are masked.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from markupsafe import Markup

from nofame.batch.columns import truthy
from nofame.batch.intervals import SEED
from nofame.batch.masking import mask_parts
from nofame.batch.views import Cell, Section, TableView

NEAR = 15  # decisions shown on each side of the gate's threshold
SAMPLE = 25  # articles shown from each list (the CSV has them all)
CSV_LIMIT = 5000  # rows of the near-threshold CSV: the nearest ones

SKIP_LABELS = {
    "gate": "by the relevance gate (not about an attack)",
    "language": "not in English",
    "not-html": "not an HTML page (images, PDFs, scripts …)",
    "not-response": "not a response (WARC requests, metadata …)",
    "http-status": "not an HTTP 200 response (redirects, errors)",
    "non-http": "not an http(s) address",
}
ARTICLE_CSV = ("id", "url", "outlet", "published", "headline")


def linked(headline: str, url: str | None, fallback: str) -> Cell:
    text = headline or fallback
    if url and re.match(r"^https?://", url):
        return Markup('<a href="{}">{}</a>').format(url, text)
    return text


def _article_cells(row: dict[str, Any], parts: frozenset[str], show: bool) -> tuple[str, str]:
    return mask_parts(row.get("headline") or "", parts, show), str(row.get("url") or "")


def sample_indices(n: int, k: int, seed: int = SEED) -> list[int]:
    if n <= k:
        return list(range(n))
    return sorted(int(i) for i in np.random.default_rng(seed).choice(n, size=k, replace=False))


def validation_section(table: pa.Table, meta: dict[str, Any], parts: frozenset[str], show: bool) -> Section:
    subsections = [s for s in (_near_threshold(table, meta, parts, show), _not_about(table, parts, show),
                               _gate_sample(table, parts, show)) if s]  # fmt: skip
    note = (
        "Hand-check a sample of these to estimate how often the gate and the engine are wrong on this "
        f"archive. Lists show up to {SAMPLE} articles (a seeded random sample); each CSV has them all."
    )
    if not subsections:
        note = "Nothing to validate: no article was judged not about an attack, and the gate skipped none."
    return Section("validation", "Validation", (note,), subsections=tuple(subsections))


def _near_threshold(table: pa.Table, meta: dict[str, Any], parts: frozenset[str], show: bool) -> Section | None:
    threshold = meta.get("gate_threshold")
    if "gate_score" not in table.column_names or threshold is None:
        return None
    scores = pc.cast(table.column("gate_score"), pa.float64())
    scored = table.filter(pc.is_valid(scores))
    if not scored.num_rows:
        return None
    distance = pc.abs(pc.subtract(pc.cast(scored.column("gate_score"), pa.float64()), float(threshold)))
    order = pc.sort_indices(pa.table({"d": distance}), sort_keys=[("d", "ascending")])
    nearest = scored.take(order.slice(0, CSV_LIMIT)).to_pylist()
    passed = [r for r in nearest if r.get("relevant")][:NEAR]
    skipped = [r for r in nearest if not r.get("relevant")][:NEAR]
    shown_rows = sorted(passed + skipped, key=lambda r: float(r["gate_score"]))

    def verdict(row: dict[str, Any]) -> str:
        if not row.get("checked"):
            return "not checked"
        return "about an attack" if row.get("about_attack") else "not about an attack"

    rows = []
    for row in shown_rows:
        headline, url = _article_cells(row, parts, show)
        rows.append((f"{float(row['gate_score']):.3f}", "passed" if row.get("relevant") else "skipped",
                     verdict(row), linked(headline, url, row["id"]), str(row.get("outlet") or "")))  # fmt: skip
    csv_rows = tuple(
        (row["gate_score"], bool(row.get("relevant")), verdict(row), *(_csv_article(row, parts, show)))
        for row in nearest
    )
    table_view = TableView(
        "gate-near-threshold",
        ("gate score", "gate", "engine", "headline", "outlet"),
        tuple(rows),
        ("gate_score", "passed", "engine", *ARTICLE_CSV),
        csv_rows,
        numeric=frozenset({0}),
    )
    note = (
        f"The gate's {meta.get('gate', '?')} score for the {len(passed)} passed and {len(skipped)} skipped "
        f'articles nearest its threshold ({float(threshold):g}); "engine" is the full pipeline\'s verdict '
        "for the articles it checked. Skipped articles that are about an attack are the gate's misses."
    )
    return Section("gate-near-threshold", "Gate decisions near the threshold", (note,), tables=(table_view,))


def _csv_article(row: dict[str, Any], parts: frozenset[str], show: bool) -> tuple[Any, ...]:
    headline, url = _article_cells(row, parts, show)
    return (row.get("id"), url, row.get("outlet"), row.get("published"), headline)


def _listing(rows: list[dict[str, Any]], name: str, parts: frozenset[str], show: bool) -> TableView:
    picked = [rows[i] for i in sample_indices(len(rows), SAMPLE)]
    shown_rows = []
    for row in picked:
        headline, url = _article_cells(row, parts, show)
        shown_rows.append((linked(headline, url, row["id"]), str(row.get("outlet") or ""),
                           str(row.get("published") or "")))  # fmt: skip
    return TableView(
        name,
        ("headline", "outlet", "published"),
        tuple(shown_rows),
        ARTICLE_CSV,
        tuple(_csv_article(row, parts, show) for row in rows),
    )


def _not_about(table: pa.Table, parts: frozenset[str], show: bool) -> Section | None:
    if "about_attack" not in table.column_names:
        return None
    checked = table.filter(truthy(table, "checked"))
    rows = checked.filter(pc.invert(truthy(checked, "about_attack"))).to_pylist()
    if not rows:
        return None
    note = (
        f"{len(rows):,} of {checked.num_rows:,} checked articles were judged not about an attack by the "
        "engine and are left out of every measure above."
    )
    return Section("not-about-attack", "Judged not about an attack", (note,),
                   tables=(_listing(rows, "not-about-attack", parts, show),))  # fmt: skip


def _gate_sample(table: pa.Table, parts: frozenset[str], show: bool) -> Section | None:
    if "skipped" not in table.column_names:
        return None
    rows = table.filter(pc.fill_null(pc.equal(table.column("skipped"), "gate"), False)).to_pylist()
    if not rows:
        return None
    note = f"The gate skipped {len(rows):,} articles without checking them; a sample to read for misses."
    listing = _listing(rows, "gate-skipped", parts, show)
    return Section("gate-skipped", "Skipped by the gate", (note,), tables=(listing,))


def skipped_section(table: pa.Table) -> Section | None:
    """Rows not checked, by reason and detected language (errors are counted in the overview)."""
    if "skipped" not in table.column_names:
        return None
    reasons = table.column("skipped").to_pylist()
    languages = table.column("language").to_pylist() if "language" in table.column_names else [None] * len(reasons)
    counts = Counter((r, lang or "?") for r, lang in zip(reasons, languages, strict=True) if r)
    if not counts:
        return None
    order = {reason: i for i, reason in enumerate(SKIP_LABELS)}
    ordered = sorted(counts.items(), key=lambda item: (order.get(item[0][0], 99), item[0][0], -item[1], item[0][1]))
    rows = tuple((SKIP_LABELS.get(reason, reason), language, f"{n:,}") for (reason, language), n in ordered)
    view = TableView(
        "skipped",
        ("reason", "language", "records"),
        rows,
        ("reason", "language", "records"),
        tuple((reason, language, n) for (reason, language), n in ordered),
        numeric=frozenset({2}),
    )
    note = 'Records not checked, by why and by the language detected ("?": not detected, e.g. not an article).'
    return Section("skipped", "Skipped records", (note,), tables=(view,))
