"""What an article and each of its sentences are about: attack, violence, court, perpetrator.

Context keeps attack rules quiet on ordinary senses of their words ("deadliest hurricane",
"photo shoot", "party manifesto") and picks the role noun that keeps the presumption of innocence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from spacy.attrs import LEMMA, LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from nofame.errors import RuleError
from nofame.resources import read_yaml

LEXICON_KEYS = (
    "attack",
    "attack_weak",
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
    "several_victims",
    "casualty_people",
    "apposition_nouns",
    "earlier_attacker_nouns",
)
# Number words that make a count of victims plural ("two people", "three of the injured").
_SEVERAL = frozenset(
    {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
     "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty",
     "sixty", "seventy", "eighty", "ninety", "dozen", "dozens", "several", "multiple", "many", "scores",
     "hundreds"}
)  # fmt: skip


@dataclass(frozen=True)
class Terms:
    """Single words (matched on a token's lemma or lower-cased text) and multi-token phrases
    ("opened fire", "self-inflicted", "tips.fbi.gov", matched on lower-cased text at word boundaries)."""

    words: frozenset[str]
    phrases: tuple[tuple[str, re.Pattern[str]], ...]  # (phrase, its pattern with word boundaries)
    word_ids: np.ndarray  # spaCy's hashes of `words`, to count over a whole Doc without Python loops

    @classmethod
    def of(cls, entries: Iterable[str]) -> Terms:
        entries = [e.lower().strip() for e in entries]
        words = frozenset(e for e in entries if _WORD.fullmatch(e))
        phrases = sorted({e for e in entries if not _WORD.fullmatch(e)}, key=len, reverse=True)
        return cls(words, tuple((p, _bounded(p)) for p in phrases), _ids(words))

    def merged(self, other: Terms) -> Terms:
        words = self.words | other.words
        return Terms(words, self.phrases + other.phrases, _ids(words))

    def _phrase_count(self, text: str) -> int:
        # A plain substring test first: far cheaper than a regex with look-arounds at every position.
        return sum(len(pattern.findall(text)) for phrase, pattern in self.phrases if phrase in text)

    def count_in(self, words: np.ndarray, text: str) -> int:
        """Count over `token_words(doc)` (LOWER and LEMMA ids) and the lower-cased text."""
        hits = np.count_nonzero(np.isin(words[:, 0], self.word_ids) | np.isin(words[:, 1], self.word_ids))
        return int(hits) + self._phrase_count(text)

    def phrase_found(self, text: str) -> bool:
        """One of the multi-word entries occurs in the lower-cased text."""
        return any(phrase in text and pattern.search(text) for phrase, pattern in self.phrases)

    def found(self, tokens: Iterable[Token], text: str) -> bool:
        if self.phrase_found(text):
            return True
        if isinstance(tokens, Doc | Span):
            return bool(len(tokens)) and bool(self.token_hits(tokens).any())
        return any(t.lower_ in self.words or t.lemma_.lower() in self.words for t in tokens)

    def token_hits(self, tokens: Doc | Span) -> np.ndarray:
        """Per token, whether its lower-cased form or lower-cased lemma is one of the words (as `found`
        tests token by token), from the token arrays."""
        if not len(tokens):
            return np.zeros(0, dtype=bool)
        table = tokens.to_array([LOWER, LEMMA])
        lemmas, inverse = np.unique(table[:, 1], return_inverse=True)
        strings = tokens.doc.vocab.strings
        # A lemma keeps the case of a proper noun ("Gunman" at a sentence start): lower it, once per lemma.
        lemma_hit = np.array([strings[lemma].lower() in self.words for lemma in lemmas.tolist()], dtype=bool)
        return np.isin(table[:, 0], self.word_ids) | lemma_hit[inverse.reshape(-1)]


def _bounded(phrase: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])")


_WORD = re.compile(r"[a-z0-9]+")


def _ids(words: Iterable[str]) -> np.ndarray:
    return np.array(sorted(get_string_id(w) for w in words), dtype=np.uint64)


def token_words(doc: Doc) -> np.ndarray:
    """Each token's lower-cased form and lemma as spaCy string ids, one row per token."""
    return doc.to_array([LOWER, LEMMA])


EMPTY_TERMS = Terms(frozenset(), (), _ids(()))


@dataclass(frozen=True)
class ContextLexicon:
    terms: Mapping[str, Terms]
    # "two people", "12 dead", "injuring eleven": a count of two or more next to a casualty word
    several_count: re.Pattern[str] = re.compile(r"(?!)")
    # "the gunman, " / "suspect " right before a name: the name only repeats what the noun says
    apposition: re.Pattern[str] = re.compile(r"(?!)")
    earlier_attacker_noun: re.Pattern[str] = re.compile(r"(?!)")  # one of earlier_attacker_nouns, as a word
    # "police have not named the gunman", "the suspect has not been identified", "an unidentified attacker"
    unnamed_attacker: re.Pattern[str] = re.compile(r"(?!)")

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
    terms["attack_any"] = terms["attack"].merged(terms["attack_weak"])
    return ContextLexicon(
        terms,
        _several_count(raw["casualty_people"]),
        _apposition(raw["apposition_nouns"]),
        re.compile(rf"\b(?:{'|'.join(re.escape(w) for w in sorted(raw['earlier_attacker_nouns']))})\b", re.IGNORECASE),
        _unnamed(raw["perpetrator_nouns"]),
    )


def _apposition(nouns: list[str]) -> re.Pattern[str]:
    words = "|".join(re.escape(w.lower()) for w in sorted(nouns, key=len, reverse=True))
    return re.compile(rf"\b({words})(,?\s+)$", re.IGNORECASE)


def _unnamed(nouns: list[str]) -> re.Pattern[str]:
    # The attacker's noun, not any noun: "the victims have not been named" is the usual early report.
    noun = rf"(?:{'|'.join(re.escape(w.lower()) for w in sorted(nouns))})"
    withheld = rf"\bnot (?:yet )?(?:named|identified|released the name of|publicly identified) the {noun}\b"
    aside = r"(?:, [^.,]{1,60},)?"  # "the gunman, who died at the scene, has not been named"
    passive = rf"\b{noun}{aside} (?:has|had|have|was|were|is) not (?:yet )?been (?:publicly )?(?:named|identified)"
    # not "the then-unnamed suspect": named since
    return re.compile(rf"{withheld}|{passive}|(?<!then-)\b(?:unidentified|unnamed) {noun}\b")


def _several_count(people: list[str]) -> re.Pattern[str]:
    # "forty-nine" is one word
    number = rf"(?:(?:{'|'.join(sorted(_SEVERAL))})(?:-[a-z]+)?|[1-9]\d{{0,2}}(?:,\d{{3}})+|[1-9]\d{{1,2}}|[2-9])"
    words = "|".join(re.escape(w.lower()) for w in people)
    # The count and the word with at most two words between them and no punctuation ("Doe, 31, killed":
    # an age); or the word right before the count ("injuring eleven").
    # Not a family ("her four children", "his wife and three children") and not a phone number ("dialled
    # 999 as she died").
    spouse = "".join(rf"(?<!\b{w} and )" for w in ("wife", "husband", "partner", "girlfriend", "boyfriend"))
    family = rf"(?<!\bhis )(?<!\bher )(?<!\btheir )(?<!'s )(?<!’s ){spouse}(?!(?:999|911|112)\b)"
    before = rf"(?<![\w.,]){family}{number}(?:\s+[a-z'’-]+){{0,2}}?\s+(?:{words})\b"
    after = rf"\b(?:{words})\s+{number}(?!\w|[.,]\d)"
    return re.compile(f"{before}|{after}")


# Critique words ("headline", "coverage", "no notoriety") an op-ed about coverage uses throughout.
COMMENTARY_MIN_CUES = 5


@dataclass(frozen=True)
class ArticleContext:
    attack: bool  # the article is about a violent attack on people
    court: bool
    charged: bool
    convicted: bool
    perpetrator_dead: bool
    commentary: bool = False  # an op-ed about coverage itself: article-level balance rules don't apply
    several_victims: bool = True  # more than one person killed or hurt: not a single murder
    attack_words: bool = False  # attack words, with or without casualties ("the foiled train attack")
    casualty: bool = False  # a casualty word: "killed", "dead", "murdered", "mourners"
    counted: bool = False  # a count of people: "killed five", "193 people", "six workers"
    attacker_unnamed: bool = False  # "police have not named the gunman"

    @property
    def attack_story(self) -> bool:
        """An attack, or a trial for one: the trial of a foiled attack states no casualty."""
        return self.attack or (self.court and self.attack_words)

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


def article_context(docs: Mapping[str, Doc], texts: Mapping[str, str], lexicon: ContextLexicon) -> ArticleContext:
    text = " ".join(t.lower() for t in texts.values())
    words = np.concatenate([token_words(doc) for doc in docs.values()])
    # Ordinary senses ("first-person shooter", "photo shoot") cancel a strong sign each.
    non_attack = lexicon["non_attack"].count_in(words, text)
    strong = lexicon["attack"].count_in(words, text)
    weak = lexicon["attack_weak"].count_in(words, text)
    casualties = lexicon["casualty"].count_in(words, text)
    counted = bool(lexicon.several_count.search(text))
    several = counted or lexicon["several_victims"].count_in(words, text) > 0
    attack_words = 2 * (strong - non_attack) + weak >= 2
    court = lexicon["court"].count_in(words, text) >= 2
    # A court report on the killing of several people is an attack story though it names no weapon or
    # role noun ("accused of killing five people ... faces five counts of murder").
    return ArticleContext(
        attack=(attack_words or court) and casualties >= 1 and several,
        attack_words=attack_words,
        casualty=casualties >= 1,
        counted=counted,
        several_victims=several,
        court=court,
        charged=lexicon["charged"].found((), text),
        convicted=lexicon["convicted"].found((), text),
        perpetrator_dead=lexicon["dead_perpetrator"].found((), text),
        attacker_unnamed=bool(lexicon.unnamed_attacker.search(text)),
        commentary=lexicon["critique"].count_in(words, text) >= COMMENTARY_MIN_CUES,
    )
