"""The Python rule functions a checker can call, by the name a rule file gives in `function:`.

The engine owns the registry: rule code never imports models. A function that needs a trained model
says which, and reads the loaded model from `analysis.models` (absent when the settings switch it off).
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
class RuleFunctions:
    functions: Mapping[str, RuleFunction] = field(default_factory=lambda: MappingProxyType({}))
    models: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))  # function -> model name

    def register(self, name: str, function: RuleFunction, *, model: str = "") -> RuleFunctions:
        """A registry with one more function; a name given twice is an error, never a silent swap."""
        if name in self.functions:
            raise RuleError(f"rule function {name!r} is registered twice")
        models = {**self.models, name: model} if model else dict(self.models)
        return RuleFunctions(MappingProxyType({**self.functions, name: function}), MappingProxyType(models))

    def __getitem__(self, name: str) -> RuleFunction:
        return self.functions[name]

    def __contains__(self, name: object) -> bool:
        return name in self.functions

    def check(self, rules: Iterable[Rule]) -> None:
        """Every `function:` a rule names is registered: one error listing them all."""
        unknown = [f"{r.path}: unknown function {r.function!r}" for r in rules if r.function and r.function not in self]
        if unknown:
            raise RuleError("\n".join(unknown))
