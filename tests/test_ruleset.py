"""The rule loader fails loudly, with file and line, on every kind of mistake in a rule pack."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from nofame.errors import RuleError
from nofame.ruleset.load import data_dir, load_rules

GOOD = (data_dir("rules") / "framing" / "mythologizing-label.yml").read_text(encoding="utf-8")


def _pack(tmp_path: Path, text: str, name: str = "mythologizing-label") -> Path:
    folder = tmp_path / "framing"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.yml").write_text(text, encoding="utf-8")
    return tmp_path


def test_shipped_rules_cover_the_guidelines() -> None:
    ids = {r.id for r in load_rules()}
    guideline_ids = {
        "name-in-headline", "name-repetition", "name-in-lede", "perpetrator-photo", "perpetrator-self-image",
        "perpetrator-own-words", "manifesto-quote", "manifesto-link", "attack-video", "ideology-amplification",
        "body-count-record", "leaderboard", "prior-attacker-reference", "mythologizing-label", "nickname",
        "sensational-language", "method-detail", "perpetrator-biography-focus", "fame-framing",
        "attention-imbalance", "missing-victim-focus", "missing-help-resources", "perpetrator-suicide-detail",
        "collective-blame", "mental-illness-stigma",
    }  # fmt: skip
    assert guideline_ids <= ids


def test_a_good_rule_loads(tmp_path: Path) -> None:
    rules = load_rules(_pack(tmp_path, GOOD))
    assert [r.id for r in rules] == ["mythologizing-label"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("severity: medium", "severity: loud"), "'severity' is 'loud'"),
        (("patterns:\n", "patterns:\n  - phrases: [no, lone wolf]\n"), "not a non-empty string"),
        (("id: mythologizing-label", "id: other-id"), "must match the file name"),
        (("  pass:\n", "  skipped:\n"), "non-empty 'flag' and 'pass'"),
        (("scope: [", "scope: [sidebar, "), "unknown value 'sidebar'"),
        (("patterns:\n", "contexts: [moon-phase]\npatterns:\n"), "unknown value 'moon-phase'"),
        (("patterns:\n", "patterns:\n  - tokens: [{LOWER: {NOT_AN_OP: 1}}]\n"), "invalid token pattern"),
        (("patterns:\n", "patterns:\n  - tokens: [{LOWER: {IN: [off, 'limits']}}]\n"), "holds False, not a word"),
    ],
)
def test_mistakes_name_file_and_line(tmp_path: Path, change: tuple[str, str], expected: str) -> None:
    old, new = change
    assert old in GOOD
    root = _pack(tmp_path, GOOD.replace(old, new, 1))
    with pytest.raises(RuleError) as error:
        rules = load_rules(root)
        from nofame.nlp import load_pipeline
        from nofame.ruleset.compile import compile_rules

        compile_rules(load_pipeline(), rules)
    message = str(error.value)
    assert "mythologizing-label.yml" in message
    assert expected in message
    assert "\n" not in message


def test_invalid_yaml_reports_the_line(tmp_path: Path) -> None:
    root = _pack(tmp_path, GOOD + "\n  bad: [unclosed\n")
    with pytest.raises(RuleError, match=r"mythologizing-label\.yml:\d+:\d+: invalid YAML"):
        load_rules(root)


def test_category_must_match_folder(tmp_path: Path) -> None:
    root = _pack(tmp_path, GOOD)
    shutil.move(root / "framing", root / "naming")
    with pytest.raises(RuleError, match="must match the folder"):
        load_rules(root)
