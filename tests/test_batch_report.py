"""`nofame report`: a self-contained HTML file from audit results (synthetic results: no checker needed)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from nofame.batch.records import Record, empty_row, findings_schema, row_schema
from nofame.batch.report import ReportOptions, build_report
from nofame.batch.writers import TableWriter
from nofame.cli import main
from nofame.errors import InputError

RULES = ["name-in-headline", "name-repetition", "sensational-language", "perpetrator-photo"]
OUTLETS = ["Daily Ledger", "Morning Post", "Evening Star"]


def _rows(dated: bool = True, outlets: bool = True) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    rows, findings = [], []
    for i in range(60):
        record = Record(f"a{i:02d}", f"in.jsonl:{i + 1}", "json", url=f"https://news.example/{i}")
        named = i % 4 == 0  # a quarter of the analysed articles name him in the headline
        headline = f"Alex Vorn's rampage: story {i}" if named else f"Town mourns victims, story {i}"
        row = empty_row(record, headline=headline, words=300 + i)
        if outlets:
            row["outlet"] = OUTLETS[i % 3]
        if dated:
            row["published_date"] = date(2023, 1 + i % 6, 10)
            row["published"] = row["published_date"].isoformat()
        if i >= 56:
            row["error"] = "HTTP 404 Not Found from https://news.example/gone"
            rows.append(row)
            continue
        if i >= 48:  # the gate skipped these
            row["relevant"] = False
            rows.append(row)
            continue
        counts = {"name-in-headline": int(named), "name-repetition": 2 * named, "sensational-language": i % 3 == 0}
        row.update(
            relevant=True,
            checked=True,
            about_attack=True,
            at_large=i == 4,
            perpetrator_names=["Alex Vorn"],
            perpetrator_mentions=1 + 3 * named,
            victim_mentions=6 - 2 * named,
            perpetrator_attention=2 + 5 * named,
            name_in_headline=named,
            findings=sum(int(v) for v in counts.values()),
            highest_severity="high" if named else ("medium" if counts["sensational-language"] else None),
            score=100 - 24 * named - 5 * int(counts["sensational-language"]),
            not_checkable=["perpetrator-photo"],
            **{rule: int(value) for rule, value in counts.items()},
        )
        rows.append(row)
        if counts["sensational-language"]:
            findings.append(
                {"id": row["id"], "rule": "sensational-language", "severity": "medium", "field": "body",
                 "start": 0, "end": 7, "text": "rampage", "message": "m", "suggestion": "attack", "confidence": 0.9}
            )  # fmt: skip
        if named:
            findings.append(
                {"id": row["id"], "rule": "name-in-headline", "severity": "high", "field": "headline",
                 "start": 0, "end": 9, "text": "Alex Vorn", "message": "m", "suggestion": None, "confidence": 0.9}
            )  # fmt: skip
    return rows, findings


def _write(path: Path, rows: list[dict[str, Any]], complete: bool = True) -> Path:
    writer = TableWriter(path, row_schema(RULES), {"nofame_version": "0.1.0", "ruleset_hash": "sha256:ab"})
    writer.write(rows)
    writer.close({"complete": complete})
    return path


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("report")
    rows, findings = _rows()
    out = _write(folder / "results.parquet", rows)
    findings_path = folder / "findings.parquet"
    pq.write_table(pa.Table.from_pylist(findings, schema=findings_schema()), findings_path)
    return out, findings_path


@pytest.fixture(scope="module")
def page(results: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("html") / "report.html"
    return build_report(ReportOptions(results[0], out, findings=results[1], min_outlet_articles=5))


def test_the_report_is_one_self_contained_file(page: str) -> None:
    assert page.startswith("<!doctype html>")
    assert len(re.findall(r'<img alt="chart" src="data:image/png;base64,[A-Za-z0-9+/=]{200,}"', page)) == 4
    markup = re.sub(r"data:image/png;base64,[A-Za-z0-9+/=]+", "", page).lower()
    assert "<script" not in markup and "<link" not in markup and "cdn" not in markup
    assert not re.search(r"""src=["']https?:""", markup)
    assert "@import" not in markup and "url(" not in markup


def test_the_report_has_every_section(page: str) -> None:
    for title in ("Overview", "Rule frequencies", "Perpetrator named in the headline", "Perpetrator vs victim",
                  "Trend by month", "By outlet", "Worst articles", "Frequent flagged phrases", "Errors",
                  "Method and limits"):  # fmt: skip
        assert f"<h2>{title}" in page, title
    assert "<strong>25.0%</strong> of the analysed articles (12 of 48)" in page
    assert "2023-06" in page and "Morning Post" in page
    assert "HTTP N Not Found" in page  # errors grouped by shape


def test_perpetrator_names_are_masked_unless_asked(results: tuple[Path, Path], tmp_path: Path, page: str) -> None:
    assert "Vorn" not in page and "[perpetrator] rampage" in page
    shown = build_report(ReportOptions(results[0], tmp_path / "r.html", findings=results[1], show_names=True))
    assert "Alex Vorn&#x27;s rampage" in shown


def test_worst_articles_come_first(page: str) -> None:
    worst = page[page.index("<h2>Worst articles") :]
    first_row = re.search(r"<tbody><tr><td class=\"num\">(\d+)</td>", worst)
    assert first_row and first_row.group(1) == "71"
    assert 'href="https://news.example/0"' in worst


def test_missing_columns_leave_sections_out(tmp_path: Path) -> None:
    rows, _ = _rows(dated=False, outlets=False)
    path = _write(tmp_path / "plain.csv", rows, complete=False)
    text = build_report(ReportOptions(path, tmp_path / "r.html"))
    assert "Trend by month" not in text and "By outlet" not in text and "Rule frequencies" in text
    assert "This audit was interrupted" in text


def test_not_a_results_file(tmp_path: Path) -> None:
    path = tmp_path / "other.parquet"
    pq.write_table(pa.table({"x": [1]}), path)
    with pytest.raises(InputError, match="not a nofame audit results file"):
        build_report(ReportOptions(path, tmp_path / "r.html"))


def test_cli_report(results: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "nested" / "report.html"
    result = CliRunner().invoke(main, ["report", str(results[0]), "-o", str(out), "--title", "Coverage <2023>"])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "<title>Coverage &lt;2023&gt;</title>" in text
    missing = CliRunner().invoke(main, ["report", str(tmp_path / "nope.parquet"), "-o", str(out)])
    assert missing.exit_code == 2
