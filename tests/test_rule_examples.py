"""Every rule proves, on its own examples, that it fires where it should and stays quiet elsewhere
(the same check `nofame rules test` runs on a newsroom's pack)."""

from __future__ import annotations

import pytest

from nofame.checker import Checker, build_checker
from nofame.rulepacks import example_findings, flag_problem, pass_problem
from nofame.ruleset.load import load_rules
from nofame.ruleset.schema import Example, Rule
from nofame.settings import DEFAULT_MODELS, Settings

RULES = load_rules()
# Rules backed by a model that no longer loads by default (framing, retired) still prove their examples.
EXAMPLE_SETTINGS = Settings(models=(*DEFAULT_MODELS, ("framing", "v2")))


@pytest.fixture(scope="module")
def examples_checker(checker: Checker) -> Checker:
    return build_checker(EXAMPLE_SETTINGS, nlp=checker.nlp)


def _cases(flag: bool) -> list:
    return [
        pytest.param(rule, example, id=f"{rule.id}-{i}")
        for rule in RULES
        for i, example in enumerate(rule.flag_examples if flag else rule.pass_examples)
    ]


@pytest.mark.parametrize(("rule", "example"), _cases(flag=True))
def test_flag_example_fires(examples_checker: Checker, rule: Rule, example: Example) -> None:
    problem = flag_problem(example_findings(examples_checker, rule, example, EXAMPLE_SETTINGS), example)
    assert not problem, f"{rule.id}: {problem}"


@pytest.mark.parametrize(("rule", "example"), _cases(flag=False))
def test_pass_example_stays_quiet(examples_checker: Checker, rule: Rule, example: Example) -> None:
    problem = pass_problem(example_findings(examples_checker, rule, example, EXAMPLE_SETTINGS))
    assert not problem, f"{rule.id}: {problem}"


def test_every_rule_has_examples_both_ways() -> None:
    for rule in RULES:
        assert rule.flag_examples and rule.pass_examples, rule.id
