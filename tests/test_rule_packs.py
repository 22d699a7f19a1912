"""A newsroom's own rule pack: written from the template, proved by `nofame rules test`, and loaded
through `rules_dirs` next to the shipped rules, where it adds rules (one reading the pack's own word
list) and rewords another. Through the command line and through the API."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from nofame.cli import main
from nofame.errors import RuleError
from nofame.resources import data_dir
from nofame.ruleset.load import load_rules
from nofame.server import create_app
from nofame.settings import load_settings

STORY = (
    "Police said the gunman went on a killing spree at the mall, killing four people. "
    "The shooting joins a grim list of attacks on shoppers. Witnesses described a bloodbath."
)
# The pack's word list, kept once in packs/lexicons/house.yml and read by its gore-words rule.
HOUSE_LEXICON = """\
schema: nofame.lexicon/v1
gore_words: [bloodbath, blood bath, carnage]
"""
GORE_RULE = """\
schema: nofame.rule/v1
id: gore-words
title: Gore words the desk does not use
category: house
severity: low
message: "“{text}” is gore, not information."
advice: Say what happened and how many were hurt.
rationale: The desk reports harm plainly.
references:
  - {title: Our style guide, url: "https://example.org/style-guide"}
requires: [attack]
patterns:
  - lexicon: gore_words
examples:
  flag:
    - {text: "The gunman killed four people at the mall, and witnesses described a bloodbath.", match: bloodbath}
  pass:
    - "The gunman killed four people at the mall, police said."
"""
HOUSE_MESSAGE = "Our desk does not rank attacks: “{text}”"


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A pack with one new rule (from the template) and the shipped leaderboard rule, reworded."""
    root = tmp_path_factory.mktemp("newsroom")
    result = CliRunner().invoke(main, ["rules", "new", "spree-words", "--pack", str(root / "packs")])
    assert result.exit_code == 0, result.output
    shipped = (data_dir("rules") / "framing" / "leaderboard.yml").read_text(encoding="utf-8")
    message = next(line for line in shipped.splitlines() if line.startswith("message:"))
    override = root / "packs" / "framing" / "leaderboard.yml"
    override.parent.mkdir()
    override.write_text(shipped.replace(message, f'message: "{HOUSE_MESSAGE}"'), encoding="utf-8")
    (root / "packs" / "lexicons").mkdir()
    (root / "packs" / "lexicons" / "house.yml").write_text(HOUSE_LEXICON, encoding="utf-8")
    (root / "packs" / "house" / "gore-words.yml").write_text(GORE_RULE, encoding="utf-8")
    (root / ".nofame.toml").write_text('rules_dirs = ["packs"]\n', encoding="utf-8")
    return root


def test_the_template_loads_and_passes_its_own_examples(pack: Path) -> None:
    result = CliRunner().invoke(main, ["rules", "test", str(pack / "packs")])
    assert result.exit_code == 0, result.output
    assert "3 rules, " in result.output and " 0 failed" in result.output  # gore-words reads the pack's list


def test_rules_test_prints_each_failure_and_exits_1(tmp_path: Path) -> None:
    CliRunner().invoke(main, ["rules", "new", "spree-words", "--pack", str(tmp_path)])
    rule = tmp_path / "house" / "spree-words.yml"
    rule.write_text(rule.read_text(encoding="utf-8").replace("match: killing spree", "match: spree"), encoding="utf-8")
    result = CliRunner().invoke(main, ["rules", "test", str(tmp_path)])
    assert result.exit_code == 1
    assert "FAIL " in result.output and "spree-words: flag example" in result.output
    assert "did not flag 'spree'" in result.output


def test_rules_new_refuses_to_overwrite(tmp_path: Path) -> None:
    CliRunner().invoke(main, ["rules", "new", "spree-words", "--pack", str(tmp_path)])
    again = CliRunner().invoke(main, ["rules", "new", "spree-words", "--pack", str(tmp_path)])
    assert again.exit_code == 2 and "exists" in again.output


def test_rules_dirs_are_relative_to_the_config_file(pack: Path) -> None:
    settings = load_settings(pack / ".nofame.toml")
    assert settings.rules_dirs == (pack / "packs",)
    rules = {r.id: r for r in load_rules(extra=settings.rules_dirs)}
    assert "spree-words" in rules
    assert rules["leaderboard"].message == HOUSE_MESSAGE
    assert len(rules) == len(load_rules()) + 2  # spree-words and gore-words


def test_a_missing_rules_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(RuleError, match="no such rules folder"):
        load_rules(extra=(tmp_path / "nowhere",))


def _house_findings(findings: list[dict]) -> dict[str, str]:
    return {f["rule"]: f["message"] for f in findings if f["rule"] in ("spree-words", "leaderboard", "gore-words")}


def test_the_pack_through_the_command_line(pack: Path, tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(STORY, encoding="utf-8")
    config = str(pack / ".nofame.toml")
    result = CliRunner().invoke(main, ["check", str(draft), "--config", config, "--format", "json"])
    found = _house_findings(json.loads(result.output)["findings"])
    assert found == {
        "spree-words": "“killing spree” is not our house style.",
        "leaderboard": "Our desk does not rank attacks: “joins a grim list of attacks”",
        "gore-words": "“bloodbath” is gore, not information.",
    }
    listed = CliRunner().invoke(main, ["rules", "--config", config])
    assert "spree-words" in listed.output


def test_the_pack_through_the_api(pack: Path) -> None:
    app = create_app({"NOFAME_CONFIG_FILE": str(pack / ".nofame.toml"), "NOFAME_READ_ENV": False})
    client = app.test_client()
    response = client.post("/api/v1/check", json={"body": STORY})
    assert response.status_code == 200, response.get_json()
    found = _house_findings(response.get_json()["findings"])
    assert found["spree-words"] == "“killing spree” is not our house style."
    assert found["leaderboard"] == "Our desk does not rank attacks: “joins a grim list of attacks”"
    assert found["gore-words"] == "“bloodbath” is gore, not information."
    assert "spree-words" in {rule["id"] for rule in client.get("/api/v1/rules").get_json()["rules"]}


def test_a_rule_reads_its_pack_word_list(pack: Path) -> None:
    gore = next(r for r in load_rules(extra=(pack / "packs",)) if r.id == "gore-words")
    assert gore.patterns[0].phrases == ("bloodbath", "blood bath", "carnage")
    assert gore.lexicons == {"gore_words": gore.patterns[0].phrases}


def test_a_later_pack_replaces_a_word_list_by_name(pack: Path, tmp_path: Path) -> None:
    later = tmp_path / "desk"
    (later / "lexicons").mkdir(parents=True)
    (later / "lexicons" / "words.yml").write_text("gore_words: [carnage]\n", encoding="utf-8")
    gore = next(r for r in load_rules(extra=(pack / "packs", later)) if r.id == "gore-words")
    assert gore.patterns[0].phrases == ("carnage",)


def test_word_list_mistakes_name_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "lexicons").mkdir()
    (tmp_path / "lexicons" / "house.yml").write_text("gore_words:\n  - carnage\n  - no\n", encoding="utf-8")
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "gore-words.yml").write_text(GORE_RULE.replace("gore_words", "gory_words"), encoding="utf-8")
    with pytest.raises(RuleError) as error:
        load_rules(extra=(tmp_path,))
    message = str(error.value)
    assert "lexicons/house.yml:3:5: gore_words.1: False is not a word (quote yes/no" in message
    assert "house/gore-words.yml:13:14: no lexicon 'gory_words'" in message
