"""The relevance gate: a cheap first pass that skips articles not about a violent attack.

Most of a news archive is sport, politics and weather; parsing those with spaCy only to find nothing
is where a batch audit would spend its time. The gate reads lower-cased words with a regex (no spaCy,
not even its tokenizer) and asks the questions the engine's own attack context asks, but loosely:
recall first. A gated-out article is a row with `relevant = false` and `checked = false`; its rule
counts are null, never zero, so nobody mistakes "not looked at" for "clean".

A gate is any picklable callable `Article -> bool` with a `name` (and, for a model, a `version`,
recorded in the output metadata, and optionally a `decide` method giving the score behind the
verdict); a `Gates` registry maps names to factories, and `builtin_gates()` holds the shipped ones.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Protocol

from nofame.article import Article
from nofame.errors import InputError
from nofame.resources import lexicon_path, read_yaml
from nofame.settings import Settings

_WORD = re.compile(r"[a-z0-9]+(?:['’-][a-z0-9]+)*")


class Gate(Protocol):
    name: str

    def __call__(self, article: Article) -> bool: ...


def decide(gate: Gate, article: Article) -> tuple[bool, float | None]:
    """The gate's verdict and, for gates that have one (`decide`), the score behind it."""
    scored = getattr(gate, "decide", None)
    if scored is not None:
        return scored(article)
    return bool(gate(article)), None


@dataclass(frozen=True)
class Cues:
    """Single words (matched with their plural, -ed and -ing forms) and whole-word phrases."""

    words: frozenset[str]
    phrases: tuple[str, ...]

    @classmethod
    def of(cls, entries: Iterable[str]) -> Cues:
        normalised = [" ".join(_WORD.findall(entry.lower())) for entry in entries]
        return cls(
            frozenset(e for e in normalised if e and " " not in e), tuple(sorted({e for e in normalised if " " in e}))
        )

    def count(self, text: _Text) -> int:
        words = sum(n for word, n in text.counts.items() if any(form in self.words for form in _forms(word)))
        return words + sum(text.joined.count(f" {phrase} ") for phrase in self.phrases)


@dataclass(frozen=True)
class _Text:
    """Lower-cased words of a text, counted once, and the words joined by single spaces (for phrases)."""

    counts: Counter[str]
    joined: str

    @classmethod
    def of(cls, text: str) -> _Text:
        words = _WORD.findall(text.lower())
        return cls(Counter(words), f" {' '.join(words)} ")


@dataclass(frozen=True)
class LexiconGate:
    """Relevant when any of these holds, scoring strong attack cues 2 and weak ones 1 (weak cues net
    of ordinary senses like "heart attack", "shooting range"):

    - a score of 3 or more, of 2 with a casualty cue ("killed", "wounded", "vigil", "hospital" ...),
      or of 1 with a harm word and another casualty cue (a brief: "two wounded in a shooting, taken
      to hospital");
    - any attack cue in the display text (headline, dek, title, URL slug): headlines are short, and
      "shooting" or "arson" there is rarely about a film or a barbecue;
    - a harm word in the display text ("killed", "mourns", "vigil") and two casualty cues or any
      attack cue: victim-first stories often name the attack only in passing.

    Recall comes first: a false positive costs one parse, a false negative an article missing from
    the study.
    """

    strong: Cues
    weak: Cues
    harm: Cues
    casualty: Cues  # harm words and their usual company
    non_attack: Cues
    headline_harm: frozenset[str]
    accident: Cues = Cues(frozenset(), ())  # lexicon_gate() fills it from gate_accident
    name: str = "lexicon"
    threshold: float = 3.0  # of `score`: the cue score that passes an article on its own

    def __call__(self, article: Article) -> bool:
        return self.decide(article)[0]

    def decide(self, article: Article) -> tuple[bool, float]:
        """The verdict and the cue score (2 per strong cue, 1 per weak one) of the whole article."""
        display = " ".join(t for t in (article.headline, article.dek, article.title, article.slug) if t)
        return self._verdict(" ".join(article.fields().values()), display)

    def verdict(self, text: str, display: str = "") -> bool:
        return self._verdict(text, display)[0]

    def _verdict(self, text: str, display: str) -> tuple[bool, float]:
        words = _Text.of(text)
        strong, weak = self._cues(words)
        casualty = self.casualty.count(words)
        score = 2 * strong + weak
        if score >= 3 or (score >= 2 and casualty >= 1) or (score >= 1 and casualty >= 2 and self.harm.count(words)):
            return True, float(score)
        if not display:
            return False, float(score)
        shown = _Text.of(display)
        if any(self._cues(shown)):
            return True, float(score)
        if self.accident.count(shown):
            return False, float(score)
        harm = any(form in self.headline_harm for word in shown.counts for form in _forms(word))
        return harm and (casualty >= 2 or score >= 1), float(score)

    def _cues(self, text: _Text) -> tuple[int, int]:
        weak = self.weak.count(text) - self.non_attack.count(text)
        return self.strong.count(text), max(weak, 0)


@lru_cache(maxsize=65536)
def _forms(word: str) -> tuple[str, ...]:
    """The word without a possessive, and without a plural, -ed or -ing ending (crude, on purpose)."""
    for possessive in ("'s", "’s", "'", "’"):
        if word.endswith(possessive):
            word = word[: -len(possessive)]
            break
    stems = [word[: -len(suffix)] for suffix in ("s", "es", "ed", "d", "ing") if word.endswith(suffix)]
    return (word, *(stem for stem in stems if len(stem) >= 3))


def lexicon_gate(path: Path | None = None) -> LexiconGate:
    """The gate from `rules/lexicons/context.yml`: the engine's attack, attack_weak, casualty and
    non_attack words, plus the gate's own words for recall (gate_*)."""
    raw = read_yaml(path or lexicon_path("context"))
    return LexiconGate(
        strong=Cues.of([*raw["attack"], *raw["gate_attack"]]),
        weak=Cues.of([*raw.get("attack_weak", []), *raw["gate_attack_weak"]]),
        harm=Cues.of([*raw["casualty"], *raw["gate_harm"]]),
        casualty=Cues.of([*raw["casualty"], *raw["gate_harm"], *raw["gate_casualty"]]),
        # "cyberattack" is one word and never matches a cue: only phrases need subtracting.
        non_attack=Cues.of(e for e in raw["non_attack"] if " " in e.strip()),
        headline_harm=frozenset(raw["gate_headline_harm"]),
        accident=Cues.of(raw["gate_accident"]),
    )


@dataclass(frozen=True)
class AllRelevant:
    """--no-gate: every article is checked."""

    name: str = "none"

    def __call__(self, article: Article) -> bool:
        return True


@dataclass(frozen=True)
class CascadeGate:
    """The lexicon first (recall first, microseconds), then the trained relevance model on what it
    passed (milliseconds): an article is checked only when both say it may be about an attack. The
    model reads words and character n-grams, no parse, so a skipped article never reaches spaCy; its
    P(attack) is the score, at the model's recall-first gate threshold."""

    lexicon: LexiconGate
    model: Gate
    name: str = "lexicon+relevance"

    @property
    def version(self) -> str:
        return str(getattr(self.model, "version", ""))

    @property
    def threshold(self) -> float:
        return float(getattr(self.model, "threshold", 0.5))

    def __call__(self, article: Article) -> bool:
        return self.decide(article)[0]

    def decide(self, article: Article) -> tuple[bool, float | None]:
        if not self.lexicon(article):
            return False, None
        probability = float(self.model.probability(article))  # type: ignore[attr-defined]
        return probability >= self.threshold, probability


def cascade_gate(settings: Settings) -> Gate:
    return CascadeGate(lexicon_gate(), _relevance_gate(settings))


def _relevance_gate(settings: Settings) -> Gate:
    """The trained relevance model (nofame.model.relevance), imported only when asked for, at the version the
    settings pin, from their `models_dir` (or the models shipped with nofame)."""
    try:
        from nofame.model.relevance import relevance_gate
    except ImportError as exc:
        raise InputError(f"the relevance model is not available: {exc}") from None
    return relevance_gate(dict(settings.models).get("relevance"), settings.models_dir)


# A gate factory builds its gate for the run's settings (where its model is, which version).
GateFactory = Callable[[Settings], Gate]
DEFAULT_GATE = "lexicon+relevance"


def _lexicon_gate_for(_settings: Settings) -> Gate:
    return lexicon_gate()


@dataclass(frozen=True)
class Gates:
    """The gates an audit can name (`nofame audit --gate NAME`), owned by whoever runs the audit and
    passed in: no module-level table that one caller's registration would change for every other."""

    factories: Mapping[str, GateFactory] = field(default_factory=lambda: MappingProxyType({}))

    def register(self, name: str, factory: GateFactory) -> Gates:
        """The gates with one more; a name given twice is an error, never a silent swap."""
        if name in self.factories:
            raise InputError(f"gate {name!r} is registered twice")
        return Gates(MappingProxyType({**self.factories, name: factory}))

    def make(self, name: str, settings: Settings | None = None) -> Gate:
        factory = self.factories.get(name)
        if factory is None:
            raise InputError(f"unknown gate {name!r} (known: {', '.join(sorted(self.factories))})")
        return factory(settings or Settings())


def builtin_gates() -> Gates:
    """`lexicon` (this module), `relevance` (the trained model in nofame.model.relevance, loaded only when
    asked for) and `lexicon+relevance` (the default: the model run only on what the lexicon passed)."""
    return (
        Gates()
        .register("lexicon", _lexicon_gate_for)
        .register("relevance", _relevance_gate)
        .register(DEFAULT_GATE, cascade_gate)
    )


def make_gate(name: str, settings: Settings | None = None, gates: Gates | None = None) -> Gate:
    """The gate called `name`, from `gates` (default: the built-in ones)."""
    return (gates or builtin_gates()).make(name, settings)
