"""Read rule files into validated `Rule` values; every error names the file and line."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from nofame.errors import RuleError
from nofame.report import SAFETIES, SEVERITIES
from nofame.resources import data_dir, read_text, yaml_where
from nofame.ruleset.schema import (
    CONTEXTS,
    FIX_ACTIONS,
    KINDS,
    REQUIRES,
    SCHEMA,
    SCOPES,
    STATUSES,
    Example,
    Fix,
    Pattern,
    Reference,
    Rule,
    Veto,
)


class _Mapping(dict):
    """A YAML mapping that remembers the line it started on."""

    line: int = 0


class _LineLoader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> _Mapping:
    mapping = _Mapping(loader.construct_mapping(node, deep=True))
    mapping.line = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_yaml(path: Path) -> Any:
    try:
        return yaml.load(read_text(path), Loader=_LineLoader)
    except yaml.YAMLError as exc:
        raise RuleError(f"{yaml_where(path, exc)}: invalid YAML: {getattr(exc, 'problem', exc)}") from None


class _Reader:
    """Typed access to one mapping, raising RuleError with file and line."""

    def __init__(self, path: Path, data: Any, where: str = "") -> None:
        self.path = path
        self.line = getattr(data, "line", 0)
        if not isinstance(data, dict):
            self.fail(f"{where or 'rule'} must be a mapping")
        self.data = data

    def fail(self, message: str) -> None:
        raise RuleError(f"{self.path}:{self.line}: {message}")

    def str(self, key: str, default: str | None = None, choices: Iterable[str] = ()) -> str:
        value = self.data.get(key, default)
        if value is None:
            self.fail(f"missing required key '{key}'")
        if not isinstance(value, str):
            self.fail(f"'{key}' must be a string, got {value!r} (quote it in YAML)")
        choices = tuple(choices)
        if choices and value not in choices:
            self.fail(f"'{key}' is {value!r}; expected one of {', '.join(choices)}")
        return value

    def strings(self, key: str, allowed: Iterable[str] = ()) -> tuple[str, ...]:
        value = self.data.get(key, [])
        return strings_of(value, f"'{key}'", self, frozenset(allowed))

    def mapping(self, key: str) -> _Reader:
        return _Reader(self.path, self.data.get(key) or _Mapping(), key)


def strings_of(value: Any, what: str, reader: _Reader, allowed: frozenset[str] = frozenset()) -> tuple[str, ...]:
    if not isinstance(value, list):
        reader.fail(f"{what} must be a list of strings")
    for item in value:
        # PyYAML turns unquoted no/yes/on/off into booleans: a word list must say so loudly.
        if not isinstance(item, str) or not item.strip():
            reader.fail(f"{what} holds {item!r}, not a non-empty string (quote it in YAML)")
        if allowed and item.lstrip("~") not in allowed:
            reader.fail(f"{what} holds unknown value {item!r}; expected {', '.join(sorted(allowed))}")
    return tuple(value)


def _pattern(path: Path, raw: Any) -> Pattern:
    reader = _Reader(path, raw, "a pattern")
    unknown = set(reader.data) - {"phrases", "tokens"}
    if unknown or len(reader.data) != 1:
        reader.fail("a pattern has exactly one of 'phrases' or 'tokens'")
    if "phrases" in reader.data:
        return Pattern(phrases=reader.strings("phrases"))
    tokens = reader.data["tokens"]
    if not isinstance(tokens, list) or not tokens or not all(isinstance(t, dict) for t in tokens):
        reader.fail("'tokens' must be a non-empty list of spaCy token patterns")
    for token in tokens:
        for key, value in token.items():
            _check_string_values(reader, key, value)
    return Pattern(tokens=tuple(_plain(t) for t in tokens))


# Token attributes whose values are words: an unquoted `no`/`on`/`true` there is a YAML boolean.
_STRING_ATTRS = frozenset({"ORTH", "TEXT", "LOWER", "NORM", "LEMMA", "POS", "TAG", "MORPH", "DEP", "ENT_TYPE", "SHAPE"})


def _check_string_values(reader: _Reader, key: str, value: Any) -> None:
    if key not in _STRING_ATTRS:
        return
    values = value.get("IN", []) + value.get("NOT_IN", []) if isinstance(value, dict) else [value]
    for item in values:
        if isinstance(item, bool) or item is None:
            reader.fail(f"token pattern {key} holds {item!r}, not a word (quote yes/no/on/off/true in YAML)")


def _plain(value: Any) -> Any:
    """Drop the line-remembering dict subclass so spaCy gets ordinary values."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _example(path: Path, raw: Any, flag: bool) -> Example:
    if isinstance(raw, str):
        raw = {"text": raw}
    reader = _Reader(path, raw, "an example")
    known = {
        "text", "headline", "html", "perpetrators", "past_perpetrators", "profile", "match", "fix", "severity", "field"
    }  # fmt: skip
    if unknown := set(reader.data) - known:
        reader.fail(f"unknown example keys: {', '.join(sorted(unknown))}")
    if not reader.data.get("text") and not reader.data.get("html") and not reader.data.get("headline"):
        reader.fail("an example needs 'text', 'html' or 'headline'")
    if flag and "match" not in reader.data:
        reader.fail("a flag example needs 'match': the text the finding must cover")
    fix = reader.data.get("fix")
    if fix is not None and not isinstance(fix, str):
        reader.fail("'fix' must be a string")
    return Example(
        text=reader.str("text", ""),
        headline=reader.str("headline", ""),
        html=reader.str("html", ""),
        perpetrators=reader.strings("perpetrators"),
        past_perpetrators=reader.strings("past_perpetrators"),
        profile=reader.str("profile", ""),
        match=reader.str("match", ""),
        fix=fix,
        severity=reader.str("severity", "", ("", *SEVERITIES)),
        field=reader.str("field", ""),
    )


def parse_rule(path: Path, raw: Any) -> Rule:
    reader = _Reader(path, raw)
    reader.str("schema", None, (SCHEMA,))
    rule_id = reader.str("id")
    if rule_id != path.stem:
        reader.fail(f"id {rule_id!r} must match the file name {path.stem!r}")
    kind = reader.str("kind", "pattern", KINDS)
    refs = reader.data.get("references", [])
    if not isinstance(refs, list) or not refs:
        reader.fail("'references' must list at least one source")
    references = tuple(
        Reference(title=r.str("title"), url=r.str("url")) for r in (_Reader(path, x, "a reference") for x in refs)
    )
    patterns = reader.data.get("patterns", [])
    if not isinstance(patterns, list):
        reader.fail("'patterns' must be a list")
    if kind == "pattern" and not patterns:
        reader.fail("a pattern rule needs 'patterns'")
    unless = reader.mapping("unless")
    fix = reader.mapping("fix")
    fix_map = fix.data.get("map", {})
    if not isinstance(fix_map, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in fix_map.items()):
        fix.fail("'fix.map' must map strings to strings")
    lexicons = reader.data.get("lexicons", {})
    if not isinstance(lexicons, dict):
        reader.fail("'lexicons' must be a mapping of name -> list of strings")
    params = reader.data.get("params", {})
    if not isinstance(params, dict):
        reader.fail("'params' must be a mapping")
    examples = reader.mapping("examples")
    flag_raw, pass_raw = examples.data.get("flag", []), examples.data.get("pass", [])
    if not isinstance(flag_raw, list) or not isinstance(pass_raw, list) or not flag_raw or not pass_raw:
        reader.fail("'examples' needs non-empty 'flag' and 'pass' lists: every rule proves it fires and stays quiet")
    function = reader.str("function", "")
    if kind == "python" and not function:
        reader.fail("a python rule names its 'function'")
    return Rule(
        id=rule_id,
        title=reader.str("title"),
        category=reader.str("category"),
        severity=reader.str("severity", None, SEVERITIES),
        display_severity=reader.str("display_severity", "", ("", *SEVERITIES)),
        status=reader.str("status", "stable", STATUSES),
        kind=kind,
        message=reader.str("message"),
        advice=reader.str("advice"),
        rationale=reader.str("rationale"),
        references=references,
        path=str(path),
        requires=frozenset(reader.strings("requires", REQUIRES)),
        scope=_scope(reader),
        contexts=frozenset(reader.strings("contexts", CONTEXTS)),
        patterns=tuple(_pattern(path, p) for p in patterns),
        unless=Veto(
            sentence=unless.strings("sentence"),
            before=unless.strings("before"),
            after=unless.strings("after"),
            window=int(unless.data.get("window", 3)),
        ),
        fix=Fix(
            action=fix.str("action", "none", FIX_ACTIONS),
            replacement=fix.str("replacement", ""),
            map=tuple((k.lower(), v) for k, v in fix_map.items()),
            safety=fix.str("safety", "safe", SAFETIES),
        ),
        function=function,
        lexicons={name: strings_of(words, f"lexicon '{name}'", reader) for name, words in lexicons.items()},
        params=_plain(params),
        flag_examples=tuple(_example(path, e, True) for e in flag_raw),
        pass_examples=tuple(_example(path, e, False) for e in pass_raw),
    )


def _scope(reader: _Reader) -> frozenset[str]:
    """`[headline, body, ~quote]`: listed kinds, minus negated ones; default everything."""
    items = reader.strings("scope", SCOPES)
    positive = {s for s in items if not s.startswith("~")}
    negative = {s[1:] for s in items if s.startswith("~")}
    return frozenset((positive or SCOPES) - negative)


def load_rules(root: Path | None = None) -> tuple[Rule, ...]:
    """Every `<category>/<id>.yml` under root (default: the shipped rule packs), sorted by id."""
    root = root or data_dir("rules")
    rules = []
    for path in sorted(root.glob("*/*.yml")):
        if path.parent.name == "lexicons":
            continue
        rule = parse_rule(path, read_yaml(path))
        if rule.category != path.parent.name:
            raise RuleError(f"{path}:1: category {rule.category!r} must match the folder {path.parent.name!r}")
        rules.append(rule)
    ids = [r.id for r in rules]
    if dupes := {i for i in ids if ids.count(i) > 1}:
        raise RuleError(f"{root}: duplicate rule ids: {', '.join(sorted(dupes))}")
    return tuple(sorted(rules, key=lambda r: r.id))
