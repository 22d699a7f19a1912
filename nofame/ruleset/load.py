"""Read rule packs into `Rule` values: every file checked against the rule schema, all errors at once.

A pack is a folder of `<category>/<id>.yml` files. The shipped pack comes first; each folder of the
`rules_dirs` setting then adds rules, and a rule with an id already loaded replaces it (a newsroom's
own wording of a shipped rule).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any

from nofame.errors import RuleError
from nofame.resources import data_dir
from nofame.ruleset.lexicons import SharedLexicons, pack_lexicons
from nofame.ruleset.schema import (
    SCOPES,
    Absence,
    Balance,
    Case,
    Example,
    Fix,
    Links,
    Mentions,
    Pattern,
    Reference,
    Rule,
    Veto,
)
from nofame.ruleset.validate import Document, Location, Problem, read_document, rule_problems

LEXICONS = "lexicons"  # the folder of word lists, not rules


def rule_files(root: Path) -> list[Path]:
    return sorted(p for p in root.glob("*/*.yml") if p.parent.name != LEXICONS)


def load_rules(root: Path | None = None, extra: Sequence[Path] = ()) -> tuple[Rule, ...]:
    """The rules of the shipped pack (or `root`), then of each `extra` pack, sorted by id; the `extra`
    packs' word lists (nofame.ruleset.lexicons) serve the rules of every pack."""
    by_id: dict[str, Rule] = {}
    problems: list[str] = [f"{pack}: no such rules folder" for pack in (root, *extra) if pack and not pack.is_dir()]
    shared: dict[str, tuple[str, ...]] = {}
    for pack in extra:
        if pack.is_dir():
            lists, found = pack_lexicons(pack)
            shared.update(lists)  # a later pack's list replaces one with its name
            problems.extend(str(p) for p in found)
    for pack in (root or data_dir("rules"), *extra):
        if not pack.is_dir():
            continue
        rules, found = _load_pack(pack, shared)
        problems.extend(found)
        by_id.update((rule.id, rule) for rule in rules)  # a later pack's rule replaces one with its id
    if problems:
        raise RuleError("\n".join(problems))
    return tuple(sorted(by_id.values(), key=lambda r: r.id))


def _load_pack(root: Path, shared: SharedLexicons) -> tuple[list[Rule], list[str]]:
    rules: list[Rule] = []
    problems: list[str] = []
    seen: dict[str, Path] = {}
    for path in rule_files(root):
        rule, found = read_rule(path, shared)
        problems.extend(str(p) for p in found)
        if rule is None:
            continue
        if rule.id in seen:
            problems.append(f"{path}:1:1: duplicate rule id {rule.id!r} (also in {seen[rule.id]})")
        seen[rule.id] = path
        rules.append(rule)
    return rules, problems


def read_rule(path: Path, shared: SharedLexicons = MappingProxyType({})) -> tuple[Rule | None, list[Problem]]:
    """One rule file: the rule, or every problem found in it; `shared`: the packs' word lists."""
    doc = read_document(path)
    if isinstance(doc, Problem):
        return None, [doc]
    problems = rule_problems(doc)
    if not problems:
        problems = _placement_problems(doc, shared)
    if problems:
        return None, problems
    return parse_rule(path, doc.data, shared), []


def _lexicon_references(data: dict[str, Any]) -> list[tuple[Location, str]]:
    """Where the rule names a word list, and the name."""
    absence, links = data.get("absence", {}), data.get("links", {})
    refs: list[tuple[Location, str]] = [(("absence", "lexicon"), absence["lexicon"])] if "lexicon" in absence else []
    refs += [(("absence", "cases", case), name) for case, name in absence.get("cases", {}).items()]
    refs += [(("absence", "repeated"), absence["repeated"])] if "repeated" in absence else []
    refs += [(("links", key), links[key]) for key in ("hosts", "words", "near_host") if key in links]
    refs += [
        (("patterns", i, "lexicon"), p["lexicon"]) for i, p in enumerate(data.get("patterns", ())) if "lexicon" in p
    ]
    return refs


def _placement_problems(doc: Document, shared: SharedLexicons) -> list[Problem]:
    data = doc.data
    problems = []
    if data["id"] != doc.path.stem:
        problems.append(doc.problem(("id",), f"id {data['id']!r} must match the file name {doc.path.stem!r}"))
    if data["category"] != doc.path.parent.name:
        message = f"category {data['category']!r} must match the folder {doc.path.parent.name!r}"
        problems.append(doc.problem(("category",), message))
    lexicons, cases = data.get("lexicons", {}), data.get("cases", {})
    for where, name in _lexicon_references(data):
        if name not in lexicons and name not in shared:
            problems.append(doc.problem(where, f"no lexicon {name!r} under 'lexicons' nor in a pack's lexicons/"))
    for case in data.get("absence", {}).get("cases", {}):
        if case not in cases:
            problems.append(doc.problem(("absence", "cases", case), f"no case {case!r} under 'cases'"))
    links = data.get("links", {})
    needed = ("link", *(("embed",) if links.get("embeds") else ())) if links else ()
    for case in needed:
        if case not in cases:
            problems.append(doc.problem(("links",), f"kind links finds case {case!r}: add it under 'cases'", key=True))
    return problems


def parse_rule(path: Path, data: dict[str, Any], shared: SharedLexicons = MappingProxyType({})) -> Rule:
    """A rule from a file that passed the schema: defaults filled in, values frozen, the packs' word
    lists it names (and does not define itself) copied in."""
    unless, fix, examples = data.get("unless", {}), data.get("fix", {}), data["examples"]
    lexicons = {name: shared[name] for _, name in _lexicon_references(data) if name in shared}
    lexicons.update((name, tuple(words)) for name, words in data.get("lexicons", {}).items())
    return Rule(
        id=data["id"],
        title=data["title"],
        category=data["category"],
        severity=data["severity"],
        display_severity=data.get("display_severity", ""),
        status=data.get("status", "stable"),
        kind=data.get("kind", "pattern"),
        message=data["message"],
        advice=data["advice"],
        rationale=data["rationale"],
        references=tuple(Reference(title=r["title"], url=r["url"]) for r in data["references"]),
        path=str(path),
        requires=frozenset(data.get("requires", ())),
        scope=_scope(data.get("scope", ())),
        contexts=frozenset(data.get("contexts", ())),
        patterns=tuple(
            Pattern(
                phrases=tuple(p.get("phrases", lexicons.get(p.get("lexicon"), ()))), tokens=tuple(p.get("tokens", ()))
            )
            for p in data.get("patterns", ())
        ),
        unless=Veto(
            sentence=tuple(unless.get("sentence", ())),
            before=tuple(unless.get("before", ())),
            after=tuple(unless.get("after", ())),
            window=unless.get("window", 3),
        ),
        fix=Fix(
            action=fix.get("action", "none"),
            replacement=fix.get("replacement", ""),
            map=tuple((k.lower(), v) for k, v in fix.get("map", {}).items()),
            safety=fix.get("safety", "safe"),
        ),
        function=data.get("function", ""),
        cases={name: _case(raw) for name, raw in data.get("cases", {}).items()},
        while_at_large=data.get("while_at_large", ""),
        absence=_absence(data["absence"]) if "absence" in data else None,
        balance=Balance(**data["balance"]) if "balance" in data else None,
        mentions=Mentions(**data["mentions"]) if "mentions" in data else None,
        links=_links(data["links"]) if "links" in data else None,
        lexicons=lexicons,
        params=dict(data.get("params", {})),
        flag_examples=tuple(_example(e) for e in examples["flag"]),
        pass_examples=tuple(_example(e) for e in examples["pass"]),
    )


def _absence(raw: dict[str, Any]) -> Absence:
    return Absence(
        lexicon=raw["lexicon"],
        roles=tuple(raw.get("roles", ())),
        min_words=raw.get("min_words", 0),
        at=raw.get("at", "lede"),
        insert=raw.get("insert", ""),
        cases=tuple(sorted(raw.get("cases", {}).items())),
        repeated=raw.get("repeated", ""),
        min_repeats=raw.get("min_repeats", 2),
    )


def _links(raw: dict[str, Any]) -> Links:
    return Links(
        hosts=raw["hosts"],
        words=raw["words"],
        html_links=raw.get("html_links", "either"),
        near_host=raw.get("near_host", ""),
        embeds=tuple(raw.get("embeds", ())),
    )


def _case(raw: dict[str, Any]) -> Case:
    severity = raw.get("severity", "")
    by_profile = tuple(sorted(severity.items())) if isinstance(severity, dict) else ()
    return Case(
        severity=severity if isinstance(severity, str) else "", by_profile=by_profile, message=raw.get("message", "")
    )


def _example(raw: str | dict[str, Any]) -> Example:
    raw = {"text": raw} if isinstance(raw, str) else raw
    return Example(
        text=raw.get("text", ""),
        headline=raw.get("headline", ""),
        html=raw.get("html", ""),
        perpetrators=tuple(raw.get("perpetrators", ())),
        past_perpetrators=tuple(raw.get("past_perpetrators", ())),
        profile=raw.get("profile", ""),
        match=raw.get("match", ""),
        fix=raw.get("fix"),
        severity=raw.get("severity", ""),
        field=raw.get("field", ""),
    )


def _scope(items: Iterable[str]) -> frozenset[str]:
    """`[headline, body, ~quote]`: listed kinds, minus negated ones; default everything."""
    positive = {s for s in items if not s.startswith("~")}
    negative = {s[1:] for s in items if s.startswith("~")}
    return frozenset((positive or SCOPES) - negative)
