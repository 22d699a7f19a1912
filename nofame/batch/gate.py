"""The relevance gate: a cheap first pass that skips articles not about a violent attack.

Most of a news archive is sport, politics and weather; parsing those with spaCy only to find nothing
is where a batch audit would spend its time. The gate reads lower-cased words with a regex (no spaCy,
not even its tokenizer) and asks the questions the engine's own attack context asks, but loosely:
recall first. A gated-out article is a row with `relevant = false` and `checked = false`; its rule
counts are null, never zero, so nobody mistakes "not looked at" for "clean".

A gate is any picklable callable `Article -> bool` with a `name`; `GATES` maps names to factories,
so a trained relevance model can register itself next to the lexicon gate.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from nofame.article import Article
from nofame.ruleset.load import data_dir, read_yaml

_WORD = re.compile(r"[a-z0-9]+(?:['’-][a-z0-9]+)*")
# The engine's attack lexicon is tuned for precision (and is still changing); the gate wants recall,
# so it adds the common words for the same events and does not depend on how the lexicon splits
# strong and weak cues ("Two stabbed outside station", "Chermside attacker", "Route 9 sniper").
# "shot" alone is too common in sport ("a shot on goal"): only its violent phrases count.
EXTRA_ATTACK = (
    "gunfire", "gunshot", "gunshots", "stabbed", "knifeman", "bomb", "bombed", "explosion", "blast",
    "terror", "terrorist", "terrorism", "arson", "arsonist", "murder", "murdered", "killing", "killings",
    "killer", "attack", "attacked", "firebomb", "rammed", "ramming", "massacred", "slain", "suspect",
    "perpetrator", "manhunt", "shot dead", "were shot", "was shot", "been shot", "shot and killed",
    "shot and wounded", "shots fired", "fired shots", "shots were fired", "opened fire", "carnage",
    "slaughter", "bloodbath", "detonated", "drove into", "driven into", "ploughed into", "plowed into",
    "mowed down", "set fire", "set alight", "deliberately started", "deliberately set", "petrol bomb",
    "molotov", "gunman", "gunmen", "shooting", "stabbing", "attacker", "assailant", "bomber", "bombing",
    "sniper", "massacre", "rampage", "shooter", "hostage", "livestreamed", "explosive device", "knife attack",
    "car into", "van into", "truck into", "lorry into", "into the crowd", "into a crowd",
)  # fmt: skip
EXTRA_CASUALTY = (
    "kills", "dies", "dying", "wounds", "injuring", "injuries", "hurt", "hospitalised", "hospitalized",
    "lives", "life", "murdered", "slain", "shot", "stabbed", "mourn", "mourners", "vigil", "funeral",
    "memorial", "survivor", "survivors", "body", "bodies", "ambulance", "hospital", "paramedics",
)  # fmt: skip


class Gate(Protocol):
    name: str

    def __call__(self, article: Article) -> bool: ...


# Headline words that put people's deaths or injuries first: victim-first stories ("Four killed at
# plant remembered") often have no attack word at all. "dies" is left out: obituaries.
HEADLINE_HARM = ("killed", "kill", "kills", "dead", "wounded", "injured", "victims", "victim", "mourn", "vigil")


@dataclass(frozen=True)
class LexiconGate:
    """Relevant when any of these holds (attack cues net of ordinary senses like "heart attack"):

    - two attack cues anywhere, or one with a casualty cue;
    - an attack cue in the display text (headline, dek, title, URL slug);
    - a harm word in the display text ("killed", "wounded", "vigil") and two casualty cues.

    Single words match whole lower-cased words and their plural / -ed / -ing forms; phrases match
    as whole-word sequences. Recall comes first: a false positive costs one parse, a false negative
    an article missing from the study.
    """

    attack_words: frozenset[str]
    attack_phrases: tuple[str, ...]
    casualty_words: frozenset[str]
    casualty_phrases: tuple[str, ...]
    non_attack_phrases: tuple[str, ...]
    headline_harm: frozenset[str] = frozenset(HEADLINE_HARM)
    name: str = "lexicon"

    def __call__(self, article: Article) -> bool:
        display = " ".join(t for t in (article.headline, article.dek, article.title, article.slug) if t)
        return self.verdict(" ".join(article.fields().values()), display)

    def verdict(self, text: str, display: str = "") -> bool:
        words = _WORD.findall(text.lower())
        joined = f" {' '.join(words)} "
        attack = self._attack(words, joined)
        casualty = _count_words(words, self.casualty_words) + _count_phrases(joined, self.casualty_phrases)
        if attack >= 2 or (attack >= 1 and casualty >= 1):
            return True
        if not display:
            return False
        shown = _WORD.findall(display.lower())
        if self._attack(shown, f" {' '.join(shown)} ") >= 1:
            return True
        return casualty >= 2 and any(word in self.headline_harm for word in shown)

    def _attack(self, words: list[str], joined: str) -> int:
        attack = _count_words(words, self.attack_words) + _count_phrases(joined, self.attack_phrases)
        return attack - _count_phrases(joined, self.non_attack_phrases)


def _forms(word: str) -> Iterable[str]:
    for possessive in ("'s", "’s", "'", "’"):
        if word.endswith(possessive):
            word = word[: -len(possessive)]
            break
    yield word
    for suffix in ("s", "es", "ed", "d", "ing"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            yield word[: -len(suffix)]


def _count_words(words: list[str], vocabulary: frozenset[str]) -> int:
    return sum(1 for word in words if any(form in vocabulary for form in _forms(word)))


def _count_phrases(joined: str, phrases: tuple[str, ...]) -> int:
    return sum(joined.count(f" {phrase} ") for phrase in phrases)


def _split(entries: Iterable[str]) -> tuple[frozenset[str], tuple[str, ...]]:
    normalised = [" ".join(_WORD.findall(entry.lower())) for entry in entries]
    words = frozenset(e for e in normalised if e and " " not in e)
    phrases = tuple(sorted({e for e in normalised if " " in e}))
    return words, phrases


def lexicon_gate(path: Path | None = None) -> LexiconGate:
    """The gate from `rules/lexicons/context.yml` (attack, casualty, non_attack) plus a few extra forms."""
    raw = read_yaml(path or data_dir("rules") / "lexicons" / "context.yml")
    attack_words, attack_phrases = _split([*raw["attack"], *raw.get("attack_weak", []), *EXTRA_ATTACK])
    casualty_words, casualty_phrases = _split([*raw["casualty"], *EXTRA_CASUALTY])
    _, non_attack = _split(raw["non_attack"])
    return LexiconGate(
        attack_words=attack_words,
        attack_phrases=attack_phrases,
        casualty_words=casualty_words,
        casualty_phrases=casualty_phrases,
        # "cyberattack" is one word and never matches an attack word: only phrases need subtracting.
        non_attack_phrases=non_attack,
    )


@dataclass(frozen=True)
class AllRelevant:
    """--no-gate: every article is checked."""

    name: str = "none"

    def __call__(self, article: Article) -> bool:
        return True


GATES: dict[str, Callable[[], Gate]] = {"lexicon": lexicon_gate}


def register_gate(name: str, factory: Callable[[], Gate]) -> None:
    """Make a gate available to `nofame audit --gate NAME` (a trained relevance model, say)."""
    GATES[name] = factory


def make_gate(name: str) -> Gate:
    try:
        return GATES[name]()
    except KeyError:
        raise ValueError(f"unknown gate {name!r} (known: {', '.join(sorted(GATES))})") from None
