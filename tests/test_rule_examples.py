"""Every rule proves, on its own examples, that it fires where it should and stays quiet elsewhere."""

from __future__ import annotations

import pytest

from nofame.article import Article
from nofame.checker import Checker, build_checker, check
from nofame.report import Finding
from nofame.ruleset.load import load_rules
from nofame.ruleset.schema import Example, Rule
from nofame.settings import DEFAULT_MODELS, Settings
from nofame.sources import article_from_html

RULES = load_rules()
# Rules backed by a model that no longer loads by default (framing, retired) still prove their examples.
EXAMPLE_MODELS = (*DEFAULT_MODELS, ("framing", "v2"))


@pytest.fixture(scope="module")
def examples_checker(checker: Checker) -> Checker:
    return build_checker(Settings(models=EXAMPLE_MODELS), nlp=checker.nlp)


def _cases(flag: bool) -> list:
    return [
        pytest.param(rule, example, id=f"{rule.id}-{i}")
        for rule in RULES
        for i, example in enumerate(rule.flag_examples if flag else rule.pass_examples)
    ]


def _run(checker: Checker, rule: Rule, example: Example) -> list[Finding]:
    if example.html:
        article = article_from_html(example.html)
    else:
        article = Article(headline=example.headline, body=example.text)
    settings = Settings(
        models=EXAMPLE_MODELS,
        profile=example.profile or "no-notoriety",
        perpetrators=example.perpetrators,
        past_perpetrators=example.past_perpetrators,
        include_preview=True,
    )
    return [f for f in check(checker, article, settings).findings if f.rule == rule.id]


@pytest.mark.parametrize(("rule", "example"), _cases(flag=True))
def test_flag_example_fires(examples_checker: Checker, rule: Rule, example: Example) -> None:
    findings = _run(examples_checker, rule, example)
    hits = [f for f in findings if f.text == example.match and (not example.field or f.field == example.field)]
    assert hits, f"{rule.id} did not flag {example.match!r}; got {[(f.field, f.text) for f in findings]}"
    hit = hits[0]
    if example.severity:
        assert hit.severity == example.severity, f"{rule.id}: severity {hit.severity}, expected {example.severity}"
    if example.fix is not None:
        assert hit.suggestions, f"{rule.id}: no suggestion for {example.match!r}"
        assert hit.suggestions[0].replacement == example.fix


@pytest.mark.parametrize(("rule", "example"), _cases(flag=False))
def test_pass_example_stays_quiet(examples_checker: Checker, rule: Rule, example: Example) -> None:
    # An at-large suspect is still reported, as information only: naming him helps capture.
    loud = [(f.field, f.text, f.severity) for f in _run(examples_checker, rule, example) if f.severity != "info"]
    assert not loud, f"{rule.id} fired on a pass example: {loud}"


def test_every_rule_has_examples_both_ways() -> None:
    for rule in RULES:
        assert rule.flag_examples and rule.pass_examples, rule.id
