"""Compile every pattern of every rule once into one Matcher and one PhraseMatcher."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher

from nofame.context import Terms
from nofame.errors import RuleError
from nofame.ruleset.schema import Rule


@dataclass(frozen=True)
class CompiledVeto:
    sentence: Terms
    before: frozenset[str]
    after: frozenset[str]
    window: int


@dataclass(frozen=True)
class CompiledRules:
    matcher: Matcher
    phrase_matcher: PhraseMatcher
    rules: Mapping[str, Rule]  # by id, only rules with patterns
    vetoes: Mapping[str, CompiledVeto]
    lexicons: Mapping[str, Mapping[str, Terms]]  # rule id -> lexicon name -> compiled terms


def compile_rules(nlp: Language, rules: Iterable[Rule]) -> CompiledRules:
    matcher = Matcher(nlp.vocab, validate=True)
    phrase_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    by_id: dict[str, Rule] = {}
    vetoes: dict[str, CompiledVeto] = {}
    lexicons: dict[str, Mapping[str, Terms]] = {}
    for rule in rules:
        lexicons[rule.id] = {name: Terms.of(words) for name, words in rule.lexicons.items()}
        if not rule.patterns:
            continue
        by_id[rule.id] = rule
        vetoes[rule.id] = CompiledVeto(
            sentence=Terms.of(rule.unless.sentence),
            before=frozenset(w.lower() for w in rule.unless.before),
            after=frozenset(w.lower() for w in rule.unless.after),
            window=rule.unless.window,
        )
        for pattern in rule.patterns:
            if pattern.phrases:
                phrase_matcher.add(rule.id, list(nlp.tokenizer.pipe(pattern.phrases)))
            else:
                try:
                    matcher.add(rule.id, [list(pattern.tokens)])
                except (ValueError, KeyError) as exc:
                    detail = " ".join(str(exc).split())  # spaCy's multi-line report, on one line
                    raise RuleError(f"{rule.path}: invalid token pattern: {detail}") from None
    return CompiledRules(matcher, phrase_matcher, by_id, vetoes, lexicons)
