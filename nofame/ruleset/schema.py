"""The `nofame.rule/v1` rule file, validated into frozen values.

The loader is strict on purpose: a typo in a rule pack must fail loudly with file and line,
not silently disable a check.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from nofame.article import FIELD_KINDS, MEDIA_EMBEDS, MEDIA_IMAGES, MEDIA_LINKS

SCHEMA = "nofame.rule/v1"
STATUSES = ("preview", "stable")
KINDS = ("pattern", "python", "absence", "balance", "mentions", "links")
SCOPES = FIELD_KINDS | {"quote"}
# Annotations a rule can require. attack: the article is about a violent attack; perpetrator: a
# perpetrator was identified; images/links/embeds: the input can show them (else not checkable).
MEDIA_REQUIREMENTS = frozenset({MEDIA_IMAGES, MEDIA_LINKS, MEDIA_EMBEDS})
REQUIRES = frozenset({"attack", "perpetrator"}) | MEDIA_REQUIREMENTS
# Sentence-level conditions a pattern match must meet.
CONTEXTS = frozenset({"perpetrator-sentence", "violence-sentence", "attack-sentence"})
FIX_ACTIONS = ("replace", "remove", "none")


@dataclass(frozen=True)
class Reference:
    title: str
    url: str


@dataclass(frozen=True)
class Pattern:
    phrases: tuple[str, ...] = ()  # matched on lower-cased tokens
    tokens: tuple[dict[str, Any], ...] = ()  # a spaCy Matcher token pattern


@dataclass(frozen=True)
class Veto:
    """Stay quiet when the sentence holds one of `sentence` (lower-cased words or lemmas, or
    multi-word phrases), or a word of `before` is among the `window` tokens before the match, or
    a word of `after` among the `window` tokens after it."""

    sentence: tuple[str, ...] = ()
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    window: int = 3


@dataclass(frozen=True)
class Fix:
    action: str = "none"
    replacement: str = ""  # {role} is the role noun chosen for the article ("the suspect")
    map: tuple[tuple[str, str], ...] = ()  # lower-cased matched text -> replacement
    safety: str = "safe"


@dataclass(frozen=True)
class Absence:
    """`kind: absence`: the story lacks all words of one of the rule's lexicons."""

    lexicon: str
    roles: tuple[str, ...] = ()  # an actor in one of these roles counts as present
    min_words: int = 0  # shorter bodies are not judged
    at: str = "lede"  # the finding's place: the lede, or an insertion at the end of the body
    insert: str = ""  # at the end: "help_text", the settings' help text
    cases: tuple[tuple[str, str], ...] = ()  # (case, lexicon): the case when the body holds that lexicon
    repeated: str = ""  # a lexicon whose words count as present only when written `min_repeats` times
    min_repeats: int = 2


@dataclass(frozen=True)
class Balance:
    """`kind: balance`: the body refers to the perpetrator `ratio` times as often as to victims and helpers."""

    min_mentions: int = 5
    ratio: float = 1.5


@dataclass(frozen=True)
class Mentions:
    """`kind: mentions`: the perpetrator's name in display text, in the lede, or in the body beyond the
    profile's allowance (case `many` past `many_above` mentions, else `few`)."""

    where: str
    role: str = "perpetrator"
    many_above: int = 3


@dataclass(frozen=True)
class Links:
    """`kind: links`: links and embeds leading to the attacker's material. `hosts` and `words` name the
    rule's lexicons of sites (matched in addresses) and of words naming the material (in a link's text and
    address, or a written link's sentence)."""

    hosts: str
    words: str
    html_links: str = "either"  # an HTML link counts when on a host and/or described by a word: either, both
    near_host: str = ""  # a lexicon: a written link to a host counts only with one of its words in the sentence
    embeds: tuple[str, ...] = ()  # embedded players judged: from a host, described, or naming the perpetrator


@dataclass(frozen=True)
class Case:
    """One kind of match a rule function returns: its severity (or one per profile) and message."""

    severity: str = ""  # empty: the rule's
    by_profile: tuple[tuple[str, str], ...] = ()  # (profile, severity)
    message: str = ""  # empty: the rule's

    def severity_for(self, profile: str) -> str:
        return dict(self.by_profile).get(profile, self.severity)


@dataclass(frozen=True)
class Example:
    text: str
    headline: str = ""
    html: str = ""
    perpetrators: tuple[str, ...] = ()
    past_perpetrators: tuple[str, ...] = ()
    profile: str = ""
    match: str = ""  # expected finding text (flag examples)
    fix: str | None = None  # expected first replacement
    severity: str = ""
    field: str = ""


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    category: str
    severity: str
    status: str
    kind: str
    message: str
    advice: str
    rationale: str
    references: tuple[Reference, ...]
    path: str
    display_severity: str = ""  # severity in display text, when stricter than in the body
    requires: frozenset[str] = frozenset()
    scope: frozenset[str] = FIELD_KINDS | {"quote"}
    contexts: frozenset[str] = frozenset()
    patterns: tuple[Pattern, ...] = ()
    unless: Veto = field(default_factory=Veto)
    fix: Fix = field(default_factory=Fix)
    function: str = ""  # python rules: name in the engine's registry of rule functions
    cases: dict[str, Case] = field(default_factory=dict)  # python rules: severity and message per kind of match
    while_at_large: str = ""
    absence: Absence | None = None
    balance: Balance | None = None
    mentions: Mentions | None = None  # severity while the suspect is at large, when naming him helps capture
    links: Links | None = None
    lexicons: dict[str, tuple[str, ...]] = field(default_factory=dict)
    params: dict[str, Any] = field(default_factory=dict)
    flag_examples: tuple[Example, ...] = ()
    pass_examples: tuple[Example, ...] = ()

    @property
    def source(self) -> str:
        return self.references[0].url if self.references else ""

    @property
    def media_needed(self) -> frozenset[str]:
        return self.requires & MEDIA_REQUIREMENTS

    def severity_in(self, field_kind: str) -> str:
        if self.display_severity and field_kind != "body":
            return self.display_severity
        return self.severity
