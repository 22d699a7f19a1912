"""`nofame report`: a self-contained HTML file from audit results (synthetic results: no checker needed)."""

from __future__ import annotations

import base64
import csv
import io
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

RULES = ["name-in-headline", "name-repetition", "sensational-language", "perpetrator-photo", "missing-help-resources"]
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
            row.update(relevant=False, skipped="gate", gate_score=1.0 + (i % 2), language="en")
            rows.append(row)
            continue
        if i >= 45:  # checked, but the engine judged them not about an attack
            row.update(relevant=True, checked=True, about_attack=False, gate_score=3.0, score=100, findings=0)
            rows.append(row)
            continue
        counts = {"name-in-headline": int(named), "name-repetition": 2 * named, "sensational-language": i % 3 == 0,
                  "missing-help-resources": 1}  # fmt: skip
        row.update(
            relevant=True,
            gate_score=4.0 + i % 5,
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
            score=100 - 24 * named - 5 * int(counts["sensational-language"]) - 2,
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
    meta = {"nofame_version": "0.1.0", "ruleset_hash": "sha256:ab", "gate": "lexicon", "gate_threshold": 3.0}
    writer = TableWriter(path, row_schema(RULES), meta)
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
    assert page.startswith("<!doctype html>") and 'name="viewport"' in page
    assert len(re.findall(r'<img alt="[^"]+" src="data:image/png;base64,[A-Za-z0-9+/=]{200,}"', page)) == 11
    assert len(re.findall(r'download="[\w-]+\.svg" href="data:image/svg\+xml;base64,', page)) == 11
    markup = re.sub(r"data:[\w/+.-]+(?:;charset=utf-8)?;base64,[A-Za-z0-9+/=]+", "", page).lower()
    assert "<script" not in markup and "<link" not in markup and "cdn" not in markup
    assert not re.search(r"""src=["']https?:""", markup)
    assert "@import" not in markup and "url(" not in markup


def _csv(page: str, name: str) -> list[list[str]]:
    match = re.search(
        rf'download="{re.escape(name)}" href="data:text/csv;charset=utf-8;base64,([A-Za-z0-9+/=]+)"', page
    )
    assert match, name
    return list(csv.reader(io.StringIO(base64.b64decode(match.group(1)).decode("utf-8"))))


def test_every_table_can_be_downloaded(page: str) -> None:
    tables = re.findall(r'<table id="table-([\w-]+)"', page)
    assert len(tables) >= 15
    for name in tables:
        assert f'download="{name}.csv"' in page, name
    articles = _csv(page, "articles.csv")
    assert articles[0][:5] == ["id", "url", "outlet", "published", "headline"] and len(articles) == 46
    assert "Vorn" not in str(articles) and "[perpetrator]" in str(articles)


def test_the_report_has_every_section(page: str) -> None:
    for title in ("Overview", "Headline measures", "Practices: rule frequencies", "Absences",
                  "Perpetrator named in the headline", "Perpetrator vs victim", "By outlet", "By month",
                  "By days since the attack", "Worst articles", "Frequent flagged phrases", "Validation",
                  "Skipped records", "Errors", "Method and limits"):  # fmt: skip
        assert re.search(rf"<h2>{title}", page), title
    for title in ("Gate decisions near the threshold", "Judged not about an attack", "Skipped by the gate"):
        assert f"<h3>{title}" in page, title
    assert "<strong>26.7%</strong> of the analysed articles (12 of 45)" in page
    assert "2023-06" in page and "Morning Post" in page
    assert 'id="figure-month-rules"' in page and 'id="figure-outlet-rules"' in page  # practices by group
    assert "HTTP N Not Found" in page  # errors grouped by shape


def test_measures_have_n_and_intervals(page: str) -> None:
    rows = {row[2]: row for row in _csv(page, "headline-measures.csv")[1:]}
    named = rows["name_in_headline"]
    assert named[4] == "45" and round(float(named[5]), 3) == 0.267
    assert (round(float(named[6]), 3), round(float(named[7]), 3)) == (0.160, 0.410)  # Wilson
    assert "26.7% (16.0 to 41.0%)" in page
    outlets = _csv(page, "outlet-headline-measures.csv")
    assert {row[1] for row in outlets[1:]} == set(OUTLETS) and all(row[8] == "True" for row in outlets[1:])
    assert page.count("small n=15") >= 3  # every outlet has 15 articles: marked, not shown bare
    events = {row[1] for row in _csv(page, "event-headline-measures.csv")[1:]}
    assert events == {"day 0-1", "days 31-365"}


def test_absences_are_shown_apart_from_practices(page: str) -> None:
    practices = page[page.index('<section id="practices"') : page.index('<section id="absences"')]
    absences = page[page.index('<section id="absences"') : page.index('<section id="name-in-headline"')]
    assert "missing-help-resources" in absences and "missing-help-resources" not in practices
    assert "sensational-language" in practices


def test_validation_lists_what_to_hand_check(page: str) -> None:
    near = _csv(page, "gate-near-threshold.csv")
    assert near[0][:3] == ["gate_score", "passed", "engine"]
    assert {row[2] for row in near[1:]} >= {"not checked", "not about an attack", "about an attack"}
    assert float(near[1][0]) == 3.0  # nearest the threshold first
    assert [row[0] for row in _csv(page, "not-about-attack.csv")[1:]] == ["a45", "a46", "a47"]
    assert len(_csv(page, "gate-skipped.csv")) == 9
    assert 'href="https://news.example/50"' in page


def test_perpetrator_names_are_masked_unless_asked(results: tuple[Path, Path], tmp_path: Path, page: str) -> None:
    assert "Vorn" not in page and "[perpetrator] rampage" in page
    shown = build_report(ReportOptions(results[0], tmp_path / "r.html", findings=results[1], show_names=True))
    assert "Alex Vorn&#39;s rampage" in shown


def test_worst_articles_come_first(page: str) -> None:
    worst = page[page.index("<h2>Worst articles") :]
    first_row = re.search(r"<tbody>\s*<tr><td class=\"num\">(\d+)</td>", worst)
    assert first_row and first_row.group(1) == "69"
    assert 'href="https://news.example/0"' in worst


def test_missing_columns_leave_sections_out(tmp_path: Path) -> None:
    rows, _ = _rows(dated=False, outlets=False)
    path = _write(tmp_path / "plain.csv", rows, complete=False)
    text = build_report(ReportOptions(path, tmp_path / "r.html"))
    assert "By month" not in text and "By outlet" not in text and "Practices: rule frequencies" in text
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
