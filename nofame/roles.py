"""One role noun per draft, from the facts in it, and whether "he"/"his" can stand for the perpetrator."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nofame.analysis import Analysis

# Nouns that describe the act, usable for a person whose act is not in dispute in the draft itself.
DESCRIPTIVE = ("gunman", "attacker", "shooter", "assailant", "bomber", "stabber", "knifeman")
LEGAL = ("suspect", "accused", "defendant")
_NOUN = re.compile(rf"\b(?:the|a)\s+({'|'.join(DESCRIPTIVE + LEGAL)})\b", re.IGNORECASE)
_HE = re.compile(r"\b(he|him|his|himself)\b", re.IGNORECASE)
_SHE = re.compile(r"\b(she|her|hers|herself)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Role:
    noun: str  # "the suspect": what replaces the perpetrator's name
    possessive_pronoun: str = ""  # "his" / "her" when the draft is clear about it, else ""
    subject_pronoun: str = ""  # "he" / "she"

    @property
    def bare(self) -> str:
        """The noun without its article, for headlines: "Suspect kills 8"."""
        return self.noun.removeprefix("the ")

    @property
    def possessive(self) -> str:
        return self.noun + "'s"


def choose_role(analysis: Analysis, override: str | None = None) -> Role:
    """The facts decide: "the suspect" while at large or before a charge, "the accused"/"the defendant" once
    charged or in court, "the attacker" when dead or convicted. A noun the draft already uses for him and
    the facts allow is kept, so the draft ends with one noun, not two."""
    he, she = _pronouns(analysis)
    possessive, subject = ("his", "he") if he > 3 * she else ("her", "she") if she > 3 * he else ("", "")
    if override:
        noun = override.strip().lower()
        return Role(noun if noun.startswith("the ") else f"the {noun}", possessive, subject)
    context = analysis.context
    used = Counter(m.group(1).lower() for text in analysis.texts.values() for m in _NOUN.finditer(text))
    if analysis.cast.at_large:
        return Role("the suspect", possessive, subject)
    if context.convicted or context.perpetrator_dead:
        allowed = DESCRIPTIVE
        default = "the attacker"
    elif context.court:
        allowed, default = ("defendant", "accused"), "the defendant"
    elif context.charged:
        allowed, default = ("accused", "defendant"), "the accused"
    else:
        allowed, default = ("suspect", *DESCRIPTIVE), "the suspect"
    # "suspect" in the draft wins (presumption of innocence); else the draft's most used noun the facts allow
    ranked = sorted((n for n in used if n in allowed), key=lambda n: (n not in LEGAL, -used[n]))
    return Role(f"the {ranked[0]}" if ranked else default, possessive, subject)


def _pronouns(analysis: Analysis) -> tuple[int, int]:
    """He/she counts in the sentences about the perpetrator."""
    he = she = 0
    for field_name, start in analysis.perpetrator_sentences:
        sent = analysis.sentence_at(field_name, start)
        text = analysis.texts[field_name][sent.start_char : sent.end_char]
        he += len(_HE.findall(text))
        she += len(_SHE.findall(text))
    if re.search(r"\b(gunman|knifeman)\b", " ".join(analysis.texts.values()), re.IGNORECASE):
        he += 1
    return he, she
