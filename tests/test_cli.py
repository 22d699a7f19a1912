"""The command line end to end: real files, real exit codes, the exact JSON shape."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from nofame.cli import main

ROOT = Path(__file__).resolve().parents[1]
DRAFT = ROOT / "examples" / "draft.md"
REPORT_KEYS = {
    "schema",
    "nofame_version",
    "profile",
    "language",
    "score",
    "fields",
    "actors",
    "stats",
    "findings",
    "not_checkable",
}
FINDING_KEYS = {
    "rule",
    "severity",
    "field",
    "start",
    "end",
    "text",
    "message",
    "rationale",
    "source",
    "suggestions",
    "confidence",
}


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "nofame.cli", *args],
        input=stdin.decode() if stdin is not None else None,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def test_check_json_is_the_report_contract() -> None:
    result = run("check", str(DRAFT), "--format", "json")
    assert result.returncode == 1, result.stderr  # the example draft has high findings
    report = json.loads(result.stdout)
    assert set(report) == REPORT_KEYS
    assert report["schema"] == "nofame.report/v1"
    assert report["profile"] == "no-notoriety"
    assert 0 <= report["score"] < 50
    perpetrators = [a for a in report["actors"] if a["role"] == "perpetrator"]
    assert [a["name"] for a in perpetrators] == ["Darrel Vickers"]
    assert "Joan Vickers" not in [a["name"] for a in perpetrators]
    for finding in report["findings"]:
        assert set(finding) == FINDING_KEYS
        text = report["fields"][finding["field"]]
        assert text[finding["start"] : finding["end"]] == finding["text"]
        for suggestion in finding["suggestions"]:
            assert suggestion["safety"] in {"safe", "unsafe", "display-only"}
    rules = {f["rule"] for f in report["findings"]}
    assert {"name-in-headline", "name-repetition", "mythologizing-label", "body-count-record"} <= rules
    assert report["not_checkable"] == []  # Markdown can carry images and links


def test_plain_text_reports_image_rules_as_not_checkable() -> None:
    result = run(
        "check",
        "-",
        "--input-format",
        "text",
        "--format",
        "json",
        "--headline",
        "Gunman kills 4",
        stdin=DRAFT.read_bytes(),
    )
    report = json.loads(result.stdout)
    assert "perpetrator-photo" in report["not_checkable"]
    assert "perpetrator-photo" not in {f["rule"] for f in report["findings"]}


def test_check_text_output_shows_context_and_exit_codes() -> None:
    result = run("check", str(DRAFT), "--fail-level", "critical")
    assert result.returncode in (0, 1)
    assert "name-in-headline" in result.stdout
    assert "Darrel Vickers" in result.stdout
    clean = run("check", "-", "--headline", "Council approves new library budget", stdin=b"The council voted 7-2.")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "findings: none" in clean.stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"   \n\n ", "empty"),
        (b"\x00\x01\x02binary\x00", "binary"),
        (b"caf\xe9 au lait and more text here", "UTF-8"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "draft.txt"
    path.write_bytes(content)
    result = run("check", str(path))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert message.lower() in result.stderr.lower()


def test_missing_file_and_refused_url_exit_2() -> None:
    runner = CliRunner()
    missing = runner.invoke(main, ["check", "/no/such/draft.md"])
    assert missing.exit_code == 2
    refused = runner.invoke(main, ["check", "http://127.0.0.1:9/story"])
    assert refused.exit_code == 2
    assert "refused" in refused.output.lower() or "private" in refused.output.lower()


def test_rewrite_prints_a_draft_without_the_name_in_the_headline() -> None:
    result = run("rewrite", str(DRAFT))
    assert result.returncode == 0, result.stderr
    headline = result.stdout.splitlines()[0]
    assert headline.startswith("# ")
    assert "Vickers" not in headline
    assert result.stdout.count("Vickers") <= 3  # the reference point, and his mother's name
    assert "killer" not in result.stdout.lower()


def test_rewrite_role_option_and_json_edits() -> None:
    runner = CliRunner()
    text = (
        "A gunman killed four people at a bar on Friday, police said. Police identified the gunman as Tom Haller, "
        "31. Haller had bought the rifle in March. Officers arrested Haller at a motel."
    )
    args = ["rewrite", "-", "--perpetrator", "Tom Haller", "--role", "the shooter"]
    result = runner.invoke(main, args, input=text)
    assert result.exit_code == 0, result.output
    assert "The shooter had bought the rifle in March. Officers arrested the shooter at a motel." in result.output
    data = json.loads(runner.invoke(main, [*args, "--format", "json"], input=text).output)
    assert data["role_noun"] == "the shooter"
    body = data["fields"]["body"]
    safe = [e for e in data["edits"] if e["safety"] == "safe" and e["field"] == "body"]
    for edit in sorted(safe, key=lambda e: -e["start"]):
        body = body[: edit["start"]] + edit["replacement"] + body[edit["end"] :]
    assert body == data["suggested_fields"]["body"]


def test_profile_and_perpetrator_options() -> None:
    runner = CliRunner()
    text = "A gunman killed four people at a bar on Friday, police said. Tom Haller, 31, was arrested."
    quiet = runner.invoke(main, ["check", "-", "--format", "json", "--perpetrator", "Tom Haller"], input=text)
    strict = runner.invoke(
        main, ["check", "-", "--format", "json", "--perpetrator", "Tom Haller", "--profile", "strict"], input=text
    )
    rules_default = {f["rule"] for f in json.loads(quiet.output)["findings"]}
    rules_strict = {f["rule"] for f in json.loads(strict.output)["findings"]}
    assert "name-repetition" not in rules_default
    assert "name-repetition" in rules_strict
    assert json.loads(strict.output)["profile"] == "strict"


def test_disable_and_unknown_rule() -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["check", str(DRAFT), "--format", "json", "--disable", "name-in-headline"])
    assert "name-in-headline" not in {f["rule"] for f in json.loads(result.output)["findings"]}
    unknown = runner.invoke(main, ["check", str(DRAFT), "--disable", "no-such-rule"])
    assert unknown.exit_code == 2
    assert "no-such-rule" in unknown.output


def test_rules_and_explain() -> None:
    runner = CliRunner()
    listing = runner.invoke(main, ["rules", "--format", "json"])
    ids = {r["id"] for r in json.loads(listing.output)}
    assert {"name-in-headline", "name-repetition", "manifesto-link", "attention-imbalance"} <= ids
    explained = runner.invoke(main, ["explain", "name-repetition"])
    assert explained.exit_code == 0
    assert "dontnamethem" in explained.output
    assert runner.invoke(main, ["explain", "nope"]).exit_code == 2


def test_config_file_sets_profile_and_names(tmp_path: Path) -> None:
    config = tmp_path / ".nofame.toml"
    config.write_text('profile = "strict"\nperpetrators = ["Tom Haller"]\n', encoding="utf-8")
    runner = CliRunner()
    text = "A gunman killed four people at a bar on Friday, police said. Tom Haller, 31, was arrested."
    result = runner.invoke(main, ["check", "-", "--format", "json", "--config", str(config)], input=text)
    report = json.loads(result.output)
    assert report["profile"] == "strict"
    assert "name-repetition" in {f["rule"] for f in report["findings"]}
    bad = tmp_path / "bad.toml"
    bad.write_text('profile = "loud"\n', encoding="utf-8")
    failed = runner.invoke(main, ["check", str(DRAFT), "--config", str(bad)])
    assert failed.exit_code == 2
    assert "unknown profile" in failed.output
