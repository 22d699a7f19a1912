"""The Python rule functions a checker can call, by the name a rule file gives in `function:`.

The engine owns the registry: rule code never imports models. A function that needs a trained model
says which, and reads the loaded model from `analysis.models` (absent when the settings switch it off).
A function also names the `params` and `lexicons` it reads from its rule's YAML, which holds every value
(no default hides in Python): a rule file without one fails when the checker is built.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from nofame.analysis import Analysis
from nofame.errors import RuleError
from nofame.ruleset.findings import Match
from nofame.ruleset.schema import Rule

# A rule function computes and returns matches; the rule's YAML gives their severity and message.
RuleFunction = Callable[[Rule, Analysis], Iterable[Match]]


@dataclass(frozen=True)
class Needs:
    """What a rule function reads from its rule file."""

    params: tuple[str, ...] = ()
    lexicons: tuple[str, ...] = ()

    def missing(self, rule: Rule) -> list[str]:
        return [f"params.{p}" for p in self.params if p not in rule.params] + [
            f"lexicons.{name}" for name in self.lexicons if name not in rule.lexicons
        ]


@dataclass(frozen=True)
class RuleFunctions:
    functions: Mapping[str, RuleFunction] = field(default_factory=lambda: MappingProxyType({}))
    models: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))  # function -> model name
    needs: Mapping[str, Needs] = field(default_factory=lambda: MappingProxyType({}))

    def register(self, name: str, function: RuleFunction, *, model: str = "", needs: Needs = Needs()) -> RuleFunctions:
        """A registry with one more function; a name given twice is an error, never a silent swap."""
        if name in self.functions:
            raise RuleError(f"rule function {name!r} is registered twice")
        models = {**self.models, name: model} if model else dict(self.models)
        return RuleFunctions(
            MappingProxyType({**self.functions, name: function}),
            MappingProxyType(models),
            MappingProxyType({**self.needs, name: needs}),
        )

    def __getitem__(self, name: str) -> RuleFunction:
        return self.functions[name]

    def __contains__(self, name: object) -> bool:
        return name in self.functions

    def check(self, rules: Iterable[Rule]) -> None:
        """Every `function:` a rule names is registered and finds what it reads: one error listing them all."""
        problems = []
        for rule in rules:
            if not rule.function:
                continue
            if rule.function not in self:
                problems.append(f"{rule.path}: unknown function {rule.function!r}")
            elif missing := self.needs.get(rule.function, Needs()).missing(rule):
                problems.append(f"{rule.path}: function {rule.function!r} reads {', '.join(missing)}; add them")
        if problems:
            raise RuleError("\n".join(problems))
