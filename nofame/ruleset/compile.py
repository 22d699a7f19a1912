"""Compile the rules' patterns once: a Matcher per rule and anchor, one PhraseMatcher.

Token patterns with optional and wildcard tokens are costly to run over every token of a long
article. Most patterns have a required literal word (an "anchor": "deadliest", "manifesto"), so the
patterns of a rule that share an anchor get a Matcher of their own, run only on the sentences that
contain one of its words (a rule's broad pattern, anchored on a common verb, does not drag its other
patterns over every sentence that verb is in); patterns without an anchor run on the whole document.

A pattern whose last token is negated (`OP: "!"`) uses it as a look-ahead: the word after the match
must not be one of those, and it is not part of the finding ("filmed himself", not "filmed himself as").
Like any token it needs a word to test, so such a pattern never matches at the very end of a text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.strings import StringStore

from nofame.context import Terms
from nofame.errors import RuleError
from nofame.ruleset.schema import Rule

OPTIONAL_OPS = frozenset({"?", "*", "!"})
# Words in nearly every sentence make useless anchors: a token allowing one of them is not an anchor.
COMMON_WORDS = frozenset({
    "a", "an", "the", "he", "him", "his", "she", "her", "it", "its", "they", "them", "their", "i", "we", "you",
    "this", "that", "these", "those", "of", "in", "on", "at", "to", "for", "by", "with", "from", "as", "and", "or",
    "but", "is", "was", "were", "are", "be", "been", "has", "had", "have", "do", "did", "not", "no", "said", "says",
    "say", "'s", "after", "before", "when", "who", "which", "what", ",", ".", "-", "'", '"', "“", "”", "’",
})  # fmt: skip


@dataclass(frozen=True)
class CompiledVeto:
    sentence: Terms
    before: frozenset[str]
    after: frozenset[str]
    window: int


@dataclass(frozen=True)
class RuleMatcher:
    """Some of one rule's patterns: those that share an anchor."""

    rule_id: str
    matcher: Matcher
    lower_anchors: np.ndarray | None  # hashes of lower-cased words; None: no anchor, run everywhere
    lemma_anchors: np.ndarray | None
    anchors: frozenset[int]  # both kinds of hash: a document with none of them needs no look
    look_ahead_key: int  # the match id of the patterns that end in a look-ahead token


@dataclass(frozen=True)
class CompiledRules:
    token_matchers: tuple[RuleMatcher, ...]
    phrase_matcher: PhraseMatcher
    rules: Mapping[str, Rule]  # by id, only rules with patterns
    vetoes: Mapping[str, CompiledVeto]
    lexicons: Mapping[str, Mapping[str, Terms]]  # rule id -> lexicon name -> compiled terms


def compile_rules(nlp: Language, rules: Iterable[Rule]) -> CompiledRules:
    phrase_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    token_matchers: list[RuleMatcher] = []
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
        token_patterns = [list(p.tokens) for p in rule.patterns if p.tokens]
        for pattern in rule.patterns:
            if pattern.phrases:
                phrase_matcher.add(rule.id, list(nlp.tokenizer.pipe(pattern.phrases)))
        by_anchor: dict[tuple[str, frozenset[str]] | None, list[list[dict[str, Any]]]] = {}
        for pattern in token_patterns:
            by_anchor.setdefault(_anchor(pattern), []).append(pattern)
        token_matchers.extend(_rule_matcher(nlp, rule, anchor, group) for anchor, group in by_anchor.items())
    return CompiledRules(tuple(token_matchers), phrase_matcher, by_id, vetoes, lexicons)


def _rule_matcher(
    nlp: Language, rule: Rule, anchor: tuple[str, frozenset[str]] | None, patterns: list[list[dict[str, Any]]]
) -> RuleMatcher:
    matcher = Matcher(nlp.vocab, validate=True)
    look_ahead_key = f"{rule.id} look-ahead"
    plain = [p for p in patterns if not _ends_in_look_ahead(p)]
    ahead = [p for p in patterns if _ends_in_look_ahead(p)]
    try:
        if plain:
            matcher.add(rule.id, plain)
        if ahead:
            matcher.add(look_ahead_key, ahead)
    except (ValueError, KeyError) as exc:
        detail = " ".join(str(exc).split())  # spaCy's multi-line report, on one line
        raise RuleError(f"{rule.path}: invalid token pattern: {detail}") from None
    strings: StringStore = nlp.vocab.strings
    ahead_id = strings.add(look_ahead_key)
    if anchor is None:
        return RuleMatcher(rule.id, matcher, None, None, frozenset(), ahead_id)
    kind, words = anchor
    hashes = sorted(strings.add(w) for w in words)
    none = np.array([], dtype=np.uint64)
    lower = np.array(hashes, dtype=np.uint64) if kind == "LOWER" else none
    lemma = np.array(hashes, dtype=np.uint64) if kind == "LEMMA" else none
    return RuleMatcher(rule.id, matcher, lower, lemma, frozenset(hashes), ahead_id)


def _ends_in_look_ahead(pattern: list[dict[str, Any]]) -> bool:
    return len(pattern) > 1 and pattern[-1].get("OP") == "!"


def _anchor(pattern: list[dict[str, Any]]) -> tuple[str, frozenset[str]] | None:
    """The required token with the fewest literal words, none of them common, as (LOWER|LEMMA, words).
    A pattern made only of common words ("this is what happens when ...") is anchored on its rarest-looking
    one (the fewest, then the longest words): common words still occur in far fewer sentences than all."""
    best: tuple[str, frozenset[str]] | None = None
    fallback: tuple[tuple[int, int], str, frozenset[str]] | None = None
    for token in pattern:
        op = token.get("OP", "")
        if op in OPTIONAL_OPS or op.startswith("{0"):
            continue
        for attr in ("LOWER", "LEMMA", "ORTH", "TEXT"):
            words = _literals(token.get(attr))
            if not words:
                continue
            kind, lower = "LEMMA" if attr == "LEMMA" else "LOWER", frozenset(w.lower() for w in words)
            if not lower & COMMON_WORDS:
                if best is None or len(words) < len(best[1]):
                    best = (kind, lower)
            elif (rank := (len(lower), -min(map(len, lower)))) and (fallback is None or rank < fallback[0]):
                fallback = (rank, kind, lower)
    if best is None and fallback is not None:
        return fallback[1], fallback[2]
    return best


def _literals(value: Any) -> frozenset[str]:
    if isinstance(value, str):
        return frozenset({value})
    if isinstance(value, dict) and set(value) == {"IN"} and all(isinstance(v, str) for v in value["IN"]):
        return frozenset(value["IN"])
    return frozenset()
