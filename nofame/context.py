"""What an article and each of its sentences are about: attack, violence, court, perpetrator.

Context keeps attack rules quiet on ordinary senses of their words ("deadliest hurricane",
"photo shoot", "party manifesto") and picks the role noun that keeps the presumption of innocence.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, Span

from nofame.errors import RuleError
from nofame.ruleset.load import read_yaml

LEXICON_KEYS = (
    "attack",
    "casualty",
    "non_attack",
    "violence",
    "perpetrator_nouns",
    "victim_nouns",
    "court",
    "charged",
    "convicted",
    "dead_perpetrator",
    "critique",
)


@dataclass(frozen=True)
class Terms:
    """Single words (matched on lemma or lower-cased text) and phrases (on lower-cased text)."""

    words: frozenset[str]
    phrases: tuple[str, ...]

    @classmethod
    def of(cls, entries: Iterable[str]) -> Terms:
        entries = [e.lower() for e in entries]
        return cls(frozenset(e for e in entries if " " not in e), tuple(e for e in entries if " " in e))

    def count(self, tokens: Iterable, text: str) -> int:
        words = sum(1 for t in tokens if t.lower_ in self.words or t.lemma_.lower() in self.words)
        return words + sum(text.count(p) for p in self.phrases)

    def found(self, tokens: Iterable, text: str) -> bool:
        return any(t.lower_ in self.words or t.lemma_.lower() in self.words for t in tokens) or any(
            p in text for p in self.phrases
        )


@dataclass(frozen=True)
class ContextLexicon:
    terms: Mapping[str, Terms]

    def __getitem__(self, key: str) -> Terms:
        return self.terms[key]


def load_context_lexicon(path: Path) -> ContextLexicon:
    raw = read_yaml(path)
    if not isinstance(raw, dict):
        raise RuleError(f"{path}:1: a lexicon file is a mapping of name -> list of strings")
    terms = {}
    for key in LEXICON_KEYS:
        entries = raw.get(key)
        if not isinstance(entries, list) or not all(isinstance(e, str) and e.strip() for e in entries):
            raise RuleError(f"{path}: '{key}' must be a non-empty list of strings (quote yes/no/on/off)")
        terms[key] = Terms.of(entries)
    return ContextLexicon(terms)


@dataclass(frozen=True)
class ArticleContext:
    attack: bool  # the article is about a violent attack on people
    court: bool
    charged: bool
    convicted: bool
    perpetrator_dead: bool

    @property
    def role_noun(self) -> str:
        """The noun that replaces the perpetrator's name: never "killer" before a verdict."""
        if self.convicted or self.perpetrator_dead:
            return "the attacker"
        if self.court:
            return "the defendant"
        if self.charged:
            return "the accused"
        return "the suspect"


def article_context(docs: Mapping[str, Doc], lexicon: ContextLexicon) -> ArticleContext:
    text = " ".join(doc.text.lower() for doc in docs.values())
    tokens = [t for doc in docs.values() for t in doc]
    non_attack = lexicon["non_attack"].count(tokens, text)
    attack_cues = lexicon["attack"].count(tokens, text) - non_attack
    casualties = lexicon["casualty"].count(tokens, text)
    return ArticleContext(
        attack=attack_cues >= 2 and casualties >= 1,
        court=lexicon["court"].count(tokens, text) >= 2,
        charged=lexicon["charged"].found((), text),
        convicted=lexicon["convicted"].found((), text),
        perpetrator_dead=lexicon["dead_perpetrator"].found((), text),
    )


def sentence_has(sent: Span, terms: Terms) -> bool:
    return terms.found(sent, sent.text.lower())
