"""`nofame audit` end to end: one process-pool run per module over a small mixed input, in-process
runs (with the session's checker) for resume and output formats, and Ctrl-C on a real subprocess."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from nofame import __version__
from nofame.article import Article
from nofame.batch import worker
from nofame.batch.audit import AuditOptions, ruleset_hash, run_audit
from nofame.batch.fetch import FetchPolicy
from nofame.batch.gate import builtin_gates, lexicon_gate
from nofame.batch.readers import ColumnMap
from nofame.batch.records import BASE_COLUMNS, Record
from nofame.batch.writers import partial, read_metadata, read_table
from nofame.checker import Checker
from nofame.cli import main
from nofame.errors import InputError
from nofame.ruleset.load import load_rules
from nofame.settings import Settings

DATA = Path(__file__).parent / "data" / "batch"
ARTICLES = Path(__file__).parent / "data" / "articles"
LEDGER = ColumnMap(id="story_id", text="story_text", headline="title", date="pubdate", outlet="paper")
RULES = [rule.id for rule in load_rules()]
PAGE = (
    "<!doctype html><html><head><title>{t}</title><meta property='og:site_name' content='Metro Wire'></head>"
    "<body><article><h1>{t}</h1><p>Two people were killed when a gunman opened fire at the bus depot on Monday, "
    "police said.</p><p>Mourners gathered for a vigil on Tuesday. The suspect was arrested at the scene.</p>"
    "</article></body></html>"
)


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        if self.path.startswith("/story/"):
            status, body = 200, PAGE.format(t=f"Two killed in depot shooting, update {self.path[-1]}").encode()
        else:
            status, body = 404, b"not found"
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, ...]]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    urls = tmp_path_factory.mktemp("urls") / "urls.txt"
    urls.write_text(f"{base}/story/1\n{base}/missing\n{base}/story/2\n")
    try:
        yield (str(DATA / "folder"), str(DATA / "pages.csv"), str(DATA / "crawl-damaged.warc"), str(urls))
    finally:
        httpd.shutdown()
        httpd.server_close()


POLICY = FetchPolicy(delay=0, retries=0, robots=False, allow_hosts=frozenset({"127.0.0.1"}), timeout=5)


def _options(inputs: tuple[str, ...], output: Path, **changes: Any) -> AuditOptions:
    base = AuditOptions(inputs=inputs, output=output, fetch=POLICY, batch_size=4, command="pytest", log_every=None)
    return replace(base, **changes)


@pytest.fixture(scope="module")
def pool_run(inputs: tuple[str, ...], tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Any]:
    """The one multiprocessing run of this module: 2 worker processes, batches of 4."""
    folder = tmp_path_factory.mktemp("pool")
    out, findings = folder / "results.parquet", folder / "findings.parquet"
    summary = run_audit(_options(inputs, out, findings=findings, jobs=2))
    return out, findings, summary


@pytest.fixture(scope="module")
def rows(pool_run: tuple[Path, Path, Any]) -> dict[str, dict[str, Any]]:
    return {row["id"]: row for row in pq.read_table(pool_run[0]).to_pylist()}


def _by_source(rows: dict[str, dict[str, Any]], fragment: str) -> dict[str, Any]:
    (row,) = [r for r in rows.values() if fragment in r["source"] or fragment in (r["url"] or "")]
    return row


def test_one_row_per_article_in_input_order(pool_run: tuple[Path, Path, Any]) -> None:
    out, _, summary = pool_run
    table = pq.read_table(out)
    assert table.schema.names == [*BASE_COLUMNS, *RULES]
    ids = table.column("id").to_pylist()
    # the WARC's 4 skipped records (warcinfo, request, a redirect, an image) get rows too
    assert len(ids) == len(set(ids)) == 5 + 6 + (4 + 4) + 3 == summary.rows
    skipped = [r for r in table.to_pylist() if r["skipped"] not in (None, "gate", "language")]
    assert sorted(r["skipped"] for r in skipped) == ["http-status", "not-html", "not-response", "not-response"]
    assert all(r["error"] is None and r["checked"] is False and r["score"] is None for r in skipped)
    assert {k: v for k, v in summary.skipped_by.items() if k != "gate"} == {
        "http-status": 1,
        "not-html": 1,
        "not-response": 2,
    }
    assert "skipped: " in summary.line() and "2 not-response" in summary.line()
    assert ids[0] == "folder/brief.txt" and ids[5:8] == ["page-1", "page-2", "page-3"]
    assert ids[-3].endswith("/story/1") and ids[-1].endswith("/story/2")
    assert not partial(out).exists()
    assert summary.workers == 2 and not summary.interrupted


def test_bad_records_are_error_rows_and_the_run_goes_on(rows: dict[str, dict[str, Any]]) -> None:
    expected = {
        "folder/latin1-notes.txt": "is not valid UTF-8 at byte 3",
        "page-bad-bytes": "row at line 5 is not valid UTF-8",
        "page-no-text": "no article text found in the HTML",
    }
    for row_id, message in expected.items():
        assert message in rows[row_id]["error"]
    damaged = _by_source(rows, "crawl-damaged.warc@4599")
    assert damaged["error"].startswith("malformed WARC record")
    missing = _by_source(rows, "/missing")
    assert missing["error"].startswith("HTTP 404")
    errors = [r for r in rows.values() if r["error"]]
    assert len(errors) == 5
    for row in errors:
        assert row["checked"] is False and row["relevant"] is None and row["score"] is None
        assert all(row[rule] is None for rule in RULES)


def test_the_gate_skips_articles_not_about_attacks(rows: dict[str, dict[str, Any]]) -> None:
    skipped = {r["id"] for r in rows.values() if r["relevant"] is False}
    assert "folder/2024/library-opening.html" in skipped and "page-malformed" in skipped
    assert _by_source(rows, "exoplanet")["id"] in skipped
    for row_id in skipped:
        row = rows[row_id]
        assert row["checked"] is False and row["error"] is None and row["words"] > 20
        assert row["score"] is None and all(row[rule] is None for rule in RULES)  # not looked at, not "clean"
    checked = [r for r in rows.values() if r["checked"]]
    assert checked and all(r["gate_score"] >= 0.05 for r in checked)  # the model's P(attack), over its threshold


def test_checked_rows_carry_stats_counts_and_findings(
    rows: dict[str, dict[str, Any]], pool_run: tuple[Path, Path, Any]
) -> None:
    findings = pq.read_table(pool_run[1]).to_pylist()
    checked = [r for r in rows.values() if r["checked"]]
    assert len(checked) >= 8
    for row in checked:
        mine = [f for f in findings if f["id"] == row["id"]]
        counted = sum(row[rule] or 0 for rule in RULES)
        assert row["findings"] == len(mine) == counted, row["id"]
        assert 0 <= row["score"] <= 100 and row["relevant"] is True
        assert row["words"] > 0 and row["perpetrator_mentions"] is not None
    text_row = rows["folder/brief.txt"]
    assert text_row["perpetrator-photo"] is None and "perpetrator-photo" in text_row["not_checkable"]
    tabloid = rows["page-3"]  # HTML with a captioned photo of the attacker
    assert tabloid["perpetrator-photo"] >= 1 and tabloid["name_in_headline"] is True
    assert tabloid["perpetrator_names"] and tabloid["highest_severity"] in ("critical", "high")
    story = rows["folder/story.json"]
    assert (story["outlet"], str(story["published_date"])) == ("Valley Record", "2024-06-21")
    fetched = _by_source(rows, "/story/1")
    assert fetched["checked"] and fetched["outlet"] == "Metro Wire"


def test_reproducibility_metadata(pool_run: tuple[Path, Path, Any]) -> None:
    out, findings, _ = pool_run
    meta = read_metadata(out)
    assert meta["schema"] == "nofame.audit/v1" and meta["nofame_version"] == __version__
    assert re.fullmatch(r"sha256:[0-9a-f]{64}", meta["ruleset_hash"])
    assert meta["profile"] == "no-notoriety" and meta["rules"] == RULES
    assert (meta["gate"], meta["gate_skips"], meta["gate_version"]) == ("lexicon+relevance", True, "v3")
    assert meta["gate_threshold"] == 0.05
    for name, version in Settings().models:  # the trained models the checks used, pinned
        assert meta["models"][name]["version"] == version
        assert re.fullmatch(r"[0-9a-f]{64}", meta["models"][name]["model_sha256"] or "")
    assert meta["command"] == "pytest" and meta["engine"] == "local" and meta["workers"] == 2
    assert meta["complete"] is True and meta["rows"] == 22
    assert meta["skipped_this_run"]["not-response"] == 2
    assert meta["model"].startswith("en_core_web_sm") and meta["created"] and meta["finished"]
    assert read_metadata(findings)["ruleset_hash"] == meta["ruleset_hash"]


def test_the_in_process_engine_gives_the_same_rows(
    pool_run: tuple[Path, Path, Any], inputs: tuple[str, ...], checker: Checker, tmp_path: Path
) -> None:
    out = tmp_path / "single.parquet"
    run_audit(_options(inputs, out, jobs=1, batch_size=7), checker=checker)
    assert pq.read_table(out).to_pylist() == pq.read_table(pool_run[0]).to_pylist()


def test_resume_skips_done_ids_and_adds_the_rest(checker: Checker, ledger_reference: Path, tmp_path: Path) -> None:
    inputs = (str(DATA / "articles.jsonl"),)
    out, findings = tmp_path / "r.parquet", tmp_path / "f.parquet"
    first = run_audit(_options(inputs, out, findings=findings, columns=LEDGER, jobs=1, limit=4), checker=checker)
    assert first.rows == 4
    with pytest.raises(InputError, match="exists: pass --resume"):
        run_audit(_options(inputs, out, columns=LEDGER, jobs=1), checker=checker)
    second = run_audit(_options(inputs, out, findings=findings, columns=LEDGER, jobs=1, resume=True), checker=checker)
    assert (second.skipped, second.rows) == (4, 8)
    ids = pq.read_table(out).column("id").to_pylist()
    assert len(ids) == len(set(ids)) == 12
    meta = read_metadata(out)
    assert len(meta["runs"]) == 2 and meta["complete"] and meta["rows"] == 12
    full = {r["id"]: r for r in pq.read_table(out).to_pylist()}
    assert sum(full[i]["findings"] or 0 for i in full) == pq.read_table(findings).num_rows
    reference = {r["id"]: r for r in pq.read_table(ledger_reference).to_pylist()}
    assert full == reference  # a resumed audit has the rows of an audit in one go

    third = run_audit(_options(inputs, out, columns=LEDGER, jobs=1, resume=True, retry_errors=True), checker=checker)
    assert (third.skipped, third.rows, third.errors) == (9, 3, 3)  # only the error rows were redone
    assert sorted(pq.read_table(out).column("id").to_pylist()) == sorted(ids)

    strict = replace(_options(inputs, out, columns=LEDGER, jobs=1, resume=True), settings=Settings(profile="strict"))
    with pytest.raises(InputError, match="different profile"):
        run_audit(strict, checker=checker)


@pytest.fixture(scope="module")
def ledger_reference(checker: Checker, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """articles.jsonl audited in one go, in process, to Parquet."""
    out = tmp_path_factory.mktemp("ledger") / "reference.parquet"
    run_audit(_options((str(DATA / "articles.jsonl"),), out, columns=LEDGER, jobs=1), checker=checker)
    return out


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_csv_and_jsonl_outputs(suffix: str, checker: Checker, ledger_reference: Path, tmp_path: Path) -> None:
    inputs = (str(DATA / "articles.jsonl"),)
    out, findings = tmp_path / f"r{suffix}", tmp_path / f"f{suffix}"
    run_audit(_options(inputs, out, findings=findings, columns=LEDGER, jobs=1, limit=5), checker=checker)
    run_audit(_options(inputs, out, findings=findings, columns=LEDGER, jobs=1, resume=True), checker=checker)
    table = read_table(out)
    assert table.column_names == [*BASE_COLUMNS, *RULES]
    expected = pq.read_table(ledger_reference)
    assert table.column("id").to_pylist() == expected.column("id").to_pylist()
    assert [x or None for x in table.column("score").to_pylist()] == [x or None for x in expected["score"].to_pylist()]
    assert read_metadata(out)["ruleset_hash"].startswith("sha256:") and (tmp_path / f"r{suffix}.meta.json").is_file()
    if suffix == ".csv":
        first = (tmp_path / "r.csv").read_text(encoding="utf-8").splitlines()[1]
        assert first.startswith("ledger-001,") and '"[""' in first  # lists are JSON in a cell
    else:
        first = json.loads((tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines()[0])
        assert first["published_date"] == "2023-11-04" and isinstance(first["perpetrator_names"], list)
    assert read_table(findings).num_rows == sum(x or 0 for x in expected.column("findings").to_pylist())


def test_an_exception_in_one_record_becomes_its_error_row(checker: Checker, monkeypatch: pytest.MonkeyPatch) -> None:
    real = worker.check_many

    def fragile(chk: Checker, articles: list, settings: Any = None) -> list:
        if any(a.headline == "BOOM" for a in articles):
            raise RuntimeError("engine bug")
        return real(chk, articles, settings)

    monkeypatch.setattr(worker, "check_many", fragile)
    text = "A gunman opened fire at the depot. Two people were killed, police said."
    records = [
        Record("a", "t", "text", data=text.encode(), headline="Depot shooting"),
        Record("b", "t", "text", data=text.encode(), headline="BOOM"),
        Record("c", "t", "text", data=text.encode(), headline="Depot shooting, update"),
    ]
    results = worker.audit_batch(worker.Job(Settings(), lexicon_gate()), records, checker)
    assert [r.row["error"] for r in results] == [None, "internal error: RuntimeError: engine bug", None]
    assert results[0].row["checked"] and results[2].row["checked"]


def test_cli_audit_and_report(checker: Checker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(worker._CHECKERS, Settings(), checker)  # the CLI's --jobs 1 reuses the session checker
    out = tmp_path / "results.parquet"
    runner = CliRunner()
    args = ["audit", str(DATA / "articles.jsonl"), "-o", str(out), "--findings", str(tmp_path / "f.parquet")]
    args += ["--id-col", "story_id", "--text-col", "story_text", "--headline-col", "title"]
    args += ["--date-col", "pubdate", "--outlet-col", "paper", "--jobs", "1"]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "12 articles" in result.stderr and "3 errors" in result.stderr
    recorded = read_metadata(out)["command"]
    assert recorded.startswith("nofame audit ") and "--id-col story_id" in recorded and "--jobs 1" in recorded
    again = runner.invoke(main, args)
    assert again.exit_code == 2 and "pass --resume" in again.stderr
    bad = runner.invoke(main, ["audit", str(DATA / "articles.jsonl"), "-o", str(tmp_path / "x.xlsx")])
    assert bad.exit_code == 2 and "must end in .parquet, .csv or .jsonl" in bad.stderr
    unknown = runner.invoke(main, ["audit", str(DATA), "-o", str(tmp_path / "y.parquet"), "--disable", "nope"])
    assert unknown.exit_code == 2 and "unknown rule id" in unknown.stderr
    missing_col = runner.invoke(
        main, ["audit", str(DATA / "pages.csv"), "-o", str(tmp_path / "z.csv"), "--text-col", "x"]
    )
    assert missing_col.exit_code == 2 and "no such column" in missing_col.stderr

    html_path = tmp_path / "report.html"
    report = runner.invoke(main, ["report", str(out), "-o", str(html_path), "--findings", str(tmp_path / "f.parquet")])
    assert report.exit_code == 0, report.output
    assert "data:image/png;base64," in html_path.read_text(encoding="utf-8")


def _big_input(path: Path, count: int) -> None:
    stories = []
    for source in sorted(ARTICLES.glob("*.md")):
        text = source.read_text(encoding="utf-8")
        if "kind: attack" in text:
            headline, _, body = text.split("---", 2)[2].strip().partition("\n")
            stories.append((headline.lstrip("# "), body.strip()))
    with path.open("w", encoding="utf-8") as handle:
        for i in range(count):
            headline, body = stories[i % len(stories)]
            handle.write(json.dumps({"id": f"big-{i:04d}", "headline": headline, "body": body}) + "\n")


def test_ctrl_c_leaves_a_valid_output_with_the_finished_rows(tmp_path: Path) -> None:
    source, out, findings = tmp_path / "big.jsonl", tmp_path / "out.parquet", tmp_path / "findings.parquet"
    _big_input(source, 400)
    command = [sys.executable, "-m", "nofame.cli", "audit", str(source), "-o", str(out), "--findings", str(findings)]
    command += ["--jobs", "2", "--batch-size", "2", "--no-progress"]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    # A shell that runs the suite in the background (`make test &`) ignores SIGINT, and the child would
    # inherit that: give it the default disposition, as a terminal would.
    process = subprocess.Popen(
        command,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        assert process.stderr is not None
        first = process.stderr.readline()  # printed when the first batch is written
        assert "nofame audit: " in first and "articles" in first, first
        time.sleep(0.5)
        process.send_signal(signal.SIGINT)
        _, rest = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 130, rest
    assert "continue with --resume" in rest
    table = pq.read_table(out)  # a valid Parquet file: footer written
    ids = table.column("id").to_pylist()
    assert 0 < len(ids) < 400 and ids == [f"big-{i:04d}" for i in range(len(ids))]
    meta = read_metadata(out)
    assert meta["complete"] is False and meta["rows"] == len(ids)
    assert set(pq.read_table(findings).column("id").to_pylist()) <= set(ids)
    assert not partial(out).exists() and not partial(findings).exists()


def test_the_rule_set_hash_follows_every_rule_and_lexicon_file(tmp_path: Path) -> None:
    import shutil

    from nofame.ruleset.load import data_dir

    rules = tmp_path / "rules"
    shutil.copytree(data_dir("rules"), rules)
    before = ruleset_hash(rules)
    assert before == ruleset_hash(rules)
    lexicon = rules / "lexicons" / "context.yml"
    lexicon.write_text(lexicon.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert ruleset_hash(rules) != before


@dataclass(frozen=True)
class _SportsDesk:
    """A gate of the caller's own: only articles with "match" in the headline are checked."""

    name: str = "sports-desk"

    def __call__(self, article: Article) -> bool:
        return "match" in article.headline.lower()


def test_an_audit_takes_its_gates_from_its_options(tmp_path: Path, checker: Checker) -> None:
    gates = builtin_gates().register("sports-desk", lambda _settings: _SportsDesk())
    out = tmp_path / "gated.parquet"
    run_audit(
        AuditOptions((str(DATA / "folder"),), out, gate="sports-desk", gates=gates, jobs=1, log_every=None),
        checker=checker,
    )
    assert read_metadata(out)["gate"] == "sports-desk"
    rows = pq.read_table(out).to_pylist()
    assert not any(r["checked"] for r in rows)
    assert [r["skipped"] for r in rows if r["relevant"] is not None] == ["gate"] * 4  # no headline says "match"
    with pytest.raises(InputError, match="unknown gate 'sports-desk'"):  # not in the built-in gates
        run_audit(AuditOptions((str(DATA / "folder"),), tmp_path / "other.parquet", gate="sports-desk"))
