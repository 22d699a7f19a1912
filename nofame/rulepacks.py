"""A rule pack proves itself: run each rule's flag and pass examples, and start a new rule from a template."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from importlib.resources import files

from nofame.article import Article
from nofame.checker import Checker, check
from nofame.report import Finding
from nofame.ruleset.schema import Example, Rule
from nofame.ruleset.validate import SCHEMA_FILE
from nofame.settings import Settings
from nofame.sources import article_from_html
from nofame.sources.text import article_from_text


@dataclass(frozen=True)
class ExampleFailure:
    rule: Rule
    flag: bool  # a flag example that did not fire, or a pass example that did
    example: Example
    problem: str

    def __str__(self) -> str:
        shown = self.example.text or self.example.headline or self.example.html
        kind = "flag" if self.flag else "pass"
        return f"{self.rule.path}: {self.rule.id}: {kind} example {_short(shown)!r}: {self.problem}"


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def example_findings(checker: Checker, rule: Rule, example: Example, settings: Settings) -> list[Finding]:
    """The rule's findings on one example, with the example's profile and names, preview rules on."""
    # A text example is a pasted draft: read as the plain-text source reads one (a line a paragraph).
    if example.html:
        article = article_from_html(example.html)
    elif example.text:
        article = article_from_text(example.text, headline=example.headline)
    else:
        article = Article(headline=example.headline)
    settings = replace(
        settings,
        profile=example.profile or "no-notoriety",
        perpetrators=example.perpetrators,
        past_perpetrators=example.past_perpetrators,
        include_preview=True,
    )
    return [f for f in check(checker, article, settings).findings if f.rule == rule.id]


def flag_problem(findings: list[Finding], example: Example) -> str:
    """Why a flag example failed, or "" when the rule flagged it as its example says."""
    hits = [f for f in findings if f.text == example.match and (not example.field or f.field == example.field)]
    if not hits:
        return f"did not flag {example.match!r}; found {[(f.field, f.text) for f in findings]}"
    if example.severity and hits[0].severity != example.severity:
        return f"severity {hits[0].severity}, expected {example.severity}"
    if example.fix is not None:
        if not hits[0].suggestions:
            return f"no suggestion for {example.match!r}"
        if hits[0].suggestions[0].replacement != example.fix:
            return f"suggests {hits[0].suggestions[0].replacement!r}, expected {example.fix!r}"
    return ""


def pass_problem(findings: list[Finding]) -> str:
    """Why a pass example failed, or "". A suspect at large is still reported, as information only."""
    loud = [(f.field, f.text, f.severity) for f in findings if f.severity != "info"]
    return f"fired: {loud}" if loud else ""


def example_failures(checker: Checker, rules: Iterable[Rule], settings: Settings) -> Iterator[ExampleFailure]:
    for rule in rules:
        for example in rule.flag_examples:
            if problem := flag_problem(example_findings(checker, rule, example, settings), example):
                yield ExampleFailure(rule, True, example, problem)
        for example in rule.pass_examples:
            if problem := pass_problem(example_findings(checker, rule, example, settings)):
                yield ExampleFailure(rule, False, example, problem)


def rule_template(rule_id: str, category: str) -> str:
    """A commented rule file that loads and passes its own examples, for an editor to adapt."""
    schema = files("nofame.ruleset") / SCHEMA_FILE
    return TEMPLATE.format(schema=schema, id=rule_id, category=category)


TEMPLATE = """\
# yaml-language-server: $schema={schema}
# A house rule. Editors that read the line above (VS Code with the YAML extension, and others) complete
# and check every key as you type. Try it with: nofame rules test <this pack's folder>
schema: nofame.rule/v1
id: {id}                     # must be the file name without .yml
title: Describe in a few words what the rule flags
category: {category}               # must be the folder this file is in
severity: medium             # critical, high, medium, low or info
# display_severity: high     # a stricter severity in headlines, decks and captions
status: stable               # preview: runs only with --preview until you trust it
requires: [attack]           # only in stories about a violent attack
message: "“{{text}}” is not our house style."   # {{text}} is the flagged words
advice: Say what the writer should write instead.
rationale: Say why the newsroom asks for it, so that a writer who disagrees can see the reason.
references:
  - title: Our style guide
    url: https://example.org/style-guide
# Where to look: headline, dek, title, slug, body, caption, alt, quote; ~quote leaves quotations out.
scope: [headline, dek, title, body, caption, alt, ~quote]
# contexts: [perpetrator-sentence]   # only in sentences about the attacker (violence-sentence, attack-sentence)
patterns:
  # Words and phrases, matched whatever their case. spaCy token patterns work too:
  #   - tokens: [{{LOWER: killing}}, {{LOWER: {{IN: [spree, sprees]}}}}]
  - phrases: [killing spree]
unless:
  # Stay quiet when the sentence holds one of these words (or a word before/after the match does).
  sentence: [spree of violence]
fix:
  action: replace            # replace, remove or none
  map:                       # the matched words (lower case) -> what to write instead
    killing spree: attack
  safety: safe               # safe: applied by `nofame rewrite`; unsafe: shown, never applied
examples:
  flag:                      # texts the rule must flag, and the words it must flag
    - text: "Police said the gunman went on a killing spree at the mall, killing four people."
      match: killing spree
      fix: attack
  pass:                      # texts it must leave alone
    - "Police said the gunman opened fire at the mall, killing four people."
"""
