"""The rule loader fails loudly on every kind of mistake in a rule pack: each error names the file,
line and column, and all errors of all files come at once."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path

import pytest

from nofame.errors import RuleError
from nofame.profiles import PROFILES
from nofame.report import SAFETIES, SEVERITIES
from nofame.resources import data_dir
from nofame.ruleset.kinds import DECLARATIVE_KINDS
from nofame.ruleset.load import load_rules, rule_files
from nofame.ruleset.schema import CONTEXTS, FIX_ACTIONS, KINDS, REQUIRES, SCHEMA, SCOPES, STATUSES
from nofame.ruleset.validate import SCHEMA_FILE, rule_schema

RULES = data_dir("rules")
GOOD = (RULES / "framing" / "mythologizing-label.yml").read_text(encoding="utf-8")


def _pack(tmp_path: Path, text: str, name: str = "mythologizing-label", category: str = "framing") -> Path:
    folder = tmp_path / category
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.yml").write_text(text, encoding="utf-8")
    return tmp_path


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


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


def test_every_rule_file_names_the_schema_for_editors() -> None:
    for path in rule_files(RULES):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../../nofame/ruleset/{SCHEMA_FILE}", path


def test_the_schema_file_agrees_with_the_engine() -> None:
    """Each value list stands once in the schema, under $defs, written from the Python constants."""
    from nofame.ruleset.enums import schema_text, with_value_lists

    shipped = (files("nofame.ruleset") / SCHEMA_FILE).read_text(encoding="utf-8")
    assert shipped == schema_text(with_value_lists(rule_schema())), "run python -m nofame.ruleset.enums --write"
    defs, props = rule_schema()["$defs"], rule_schema()["properties"]
    assert props["schema"]["const"] == SCHEMA
    assert set(KINDS) == {"pattern", "python", *DECLARATIVE_KINDS}
    assert defs["kind"]["enum"] == list(KINDS) and defs["severity"]["enum"] == list(SEVERITIES)
    assert set(defs["severity_by_profile"]["required"]) == set(PROFILES)
    for name, values in (("status", STATUSES), ("fix_action", FIX_ACTIONS), ("safety", SAFETIES)):
        assert defs[name]["enum"] == list(values)
    assert {s.lstrip("~") for s in defs["scope"]["enum"]} == SCOPES
    assert (set(defs["requirement"]["enum"]), set(defs["context"]["enum"])) == (REQUIRES, CONTEXTS)
    # No value list is written out twice: every other enum is one rule-file key's own choice.
    listed = [json.dumps(n["enum"]) for n in _nodes(rule_schema()) if "enum" in n]
    assert len(listed) == len(set(listed))
    json.dumps(rule_schema())  # plain JSON, as editors read it


def _nodes(node: object) -> Iterator[dict]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _nodes(value)
    elif isinstance(node, list):
        for value in node:
            yield from _nodes(value)


def test_a_good_rule_loads(tmp_path: Path) -> None:
    rules = load_rules(_pack(tmp_path, GOOD))
    assert [r.id for r in rules] == ["mythologizing-label"]


@pytest.mark.parametrize(
    ("old", "new", "at", "expected"),
    [
        ("severity: medium", "severity: loud", "loud", "severity: 'loud' is not one of"),
        (
            "patterns:\n",
            "patterns:\n  - phrases: [no, lone wolf]\n",
            "no, lone",
            "is not of type 'string' (quote yes/no",
        ),
        ("id: mythologizing-label", "id: other-id", "other-id", "must match the file name"),
        ("  pass:\n", "  skipped:\n", "skipped", "examples: unknown key 'skipped'"),
        ("scope: [", "scope: [sidebar, ", "sidebar", "scope.0: 'sidebar' is not one of"),
        ("patterns:\n", "contexts: [moon-phase]\npatterns:\n", "moon-phase", "contexts.0: 'moon-phase' is not one of"),
        ("unless:\n", "unles:\n", "unles:", "rule: unknown key 'unles'"),
        ("scope: [", "context: [perpetrator-sentence]\nscope: [", "context:", "rule: unknown key 'context'"),
        ("unless:\n", "unless:\n  window: two\n", "two", "unless.window: 'two' is not of type 'integer'"),
        ("kind: pattern", "kind: python", "schema:", "rule: 'function' is a required property"),
        ("patterns:\n", "patterns:\n  - tokens: [{LOWER: {NOT_AN_OP: 1}}]\n", "NOT_AN_OP", "invalid token pattern"),
        (
            "patterns:\n",
            "patterns:\n  - tokens: [{LOWER: x, OP: '??'}]\n",
            "'??'",
            "patterns.0.tokens.0.OP: invalid token",
        ),
        ("patterns:\n", "patterns:\n  - tokens: [{LOWR: x}]\n", "LOWR", "patterns.0.tokens.0: unknown key 'LOWR'"),
        (
            "patterns:\n",
            "patterns:\n  - tokens: [{LOWER: {IN: [off, 'limits']}}]\n",
            "off, 'limits",
            "False is not of type 'string'",
        ),
    ],
)
def test_mistakes_name_file_line_and_column(tmp_path: Path, old: str, new: str, at: str, expected: str) -> None:
    """`at`: text on the line the error must point to, in the changed file."""
    assert old in GOOD
    text = GOOD.replace(old, new, 1)
    with pytest.raises(RuleError) as error:
        load_rules(_pack(tmp_path, text))
    found = [line for line in str(error.value).splitlines() if expected in line]
    assert found, str(error.value)
    assert found[0].startswith(f"{tmp_path / 'framing' / 'mythologizing-label.yml'}:")
    line, column = (int(n) for n in found[0].split(":")[1:3])
    assert line == _line_of(text, at), found[0]
    assert column >= 1


def test_every_error_of_every_file_comes_at_once(tmp_path: Path) -> None:
    _pack(tmp_path, GOOD.replace("severity: medium", "severity: loud").replace("unless:\n", "unles:\n"))
    other = GOOD.replace("mythologizing-label", "other-label").replace("  window: ", "  window: two #")
    _pack(tmp_path, other.replace("status: stable", "status: maybe"), name="other-label")
    with pytest.raises(RuleError) as error:
        load_rules(tmp_path)
    lines = str(error.value).splitlines()
    assert len(lines) == 3, lines
    assert sum("mythologizing-label.yml:" in line for line in lines) == 2
    assert any("other-label.yml:" in line and "status" in line for line in lines)


def test_invalid_yaml_reports_line_and_column(tmp_path: Path) -> None:
    root = _pack(tmp_path, GOOD + "\n  bad: [unclosed\n")
    with pytest.raises(RuleError, match=r"mythologizing-label\.yml:\d+:\d+: invalid YAML"):
        load_rules(root)


def test_category_must_match_folder(tmp_path: Path) -> None:
    root = _pack(tmp_path, GOOD)
    shutil.move(root / "framing", root / "naming")
    with pytest.raises(RuleError, match=r"naming/mythologizing-label\.yml:\d+:\d+: category 'framing' must match"):
        load_rules(root)


def _edited_problems(tmp_path: Path, category: str, name: str, *edits: tuple[str, str]) -> tuple[str, list[str]]:
    """A shipped rule after `edits` (old, new), loaded alone: its text, and the loader's error lines."""
    text = (RULES / category / f"{name}.yml").read_text(encoding="utf-8")
    for old, new in edits:
        text = text.replace(old, new)
    _pack(tmp_path, text, name=name, category=category)
    with pytest.raises(RuleError) as error:
        load_rules(tmp_path)
    return text, str(error.value).splitlines()


def _reported(text: str, lines: list[str], at: str, message: str) -> bool:
    """A problem with `message` on the line of `at`."""
    return any(f":{_line_of(text, at)}:" in line and message in line for line in lines)


def test_an_absence_rule_names_its_own_lexicons_and_cases(tmp_path: Path) -> None:
    edits = [("lexicon: resources ", "lexicon: resorces "), ("{trauma: suicide", "{grief: suicide")]
    text, lines = _edited_problems(tmp_path, "balance", "missing-help-resources", *edits)
    assert _reported(text, lines, "resorces", "no lexicon 'resorces'")
    assert _reported(text, lines, "grief", "no case 'grief'")


def test_a_python_rule_returning_an_undeclared_case_names_its_file() -> None:
    from nofame.ruleset.findings import Match, finding_of

    rule = next(r for r in load_rules() if r.id == "name-in-lede")
    with pytest.raises(RuleError, match=r"name-in-lede\.yml: the rule function returns case 'loud'"):
        finding_of(rule, None, Match("body", 0, 1, "loud"))  # type: ignore[arg-type]


def test_a_links_rule_names_its_own_lexicons_and_cases(tmp_path: Path) -> None:
    edits = [("near_host: host_context", "near_host: host_contxt"), ("  embed:\n", "  embedded:\n")]
    text, lines = _edited_problems(tmp_path, "images", "attack-video", *edits)
    assert _reported(text, lines, "host_contxt", "no lexicon 'host_contxt'")
    assert _reported(text, lines, "links:", "kind links finds case 'embed'")


def test_a_rule_without_a_value_its_function_reads_fails_the_build(tmp_path: Path) -> None:
    from nofame.checker import rule_functions

    shipped = (RULES / "propaganda" / "manifesto-quote.yml").read_text(encoding="utf-8")
    _pack(tmp_path, shipped.replace("  min_words: 25\n", ""), name="manifesto-quote", category="propaganda")
    rules = load_rules(tmp_path)
    with pytest.raises(RuleError, match=r"manifesto-quote\.yml: function 'manifesto_excerpts' reads params\.min_words"):
        rule_functions().check(rules)
    rule_functions().check(load_rules())  # the shipped rules give every value their functions read


def test_every_python_rule_says_why_it_is_not_data() -> None:
    """A rule stays `kind: python` only for computation (who is who, a model); its file says which."""
    python_rules = [r for r in load_rules() if r.kind == "python"]
    assert python_rules
    for rule in python_rules:
        text = Path(rule.path).read_text(encoding="utf-8")
        assert "\n# Python: " in text[: text.index("\nkind: python")], rule.path
