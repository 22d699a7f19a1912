"""Turn a rule's fix into a suggestion that reads right where it lands."""

from __future__ import annotations

import re

from nofame.report import Suggestion
from nofame.ruleset.schema import Rule


def match_case(replacement: str, original: str, sentence_start: bool, display: bool = False) -> str:
    """Follow the original's casing: ALL CAPS, Title Case display text, or a capital at a sentence
    start. In running text a capital means a name ("Glock 19"), not a style to copy."""
    if not replacement or not original:
        return replacement
    letters = [c for c in original if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    if display and original[:1].isupper():
        words = original.split()
        if len(words) > 1 and all(w[:1].isupper() for w in words if w[:1].isalpha()):
            return _title(replacement)
        return replacement[:1].upper() + replacement[1:]
    if sentence_start:
        return replacement[:1].upper() + replacement[1:]
    return replacement


def _title(text: str) -> str:
    """Title Case that also capitalises hyphenated parts ("Lone-Actor Attacker")."""
    return re.sub(r"(^|[\s-])([a-z])", lambda m: m.group(1) + m.group(2).upper(), text)


def fix_suggestions(
    rule: Rule, matched: str, role_noun: str, sentence_start: bool, display: bool = False
) -> tuple[Suggestion, ...]:
    fix = rule.fix
    if fix.action == "none":
        return ()
    if fix.action == "remove":
        return (Suggestion("", fix.safety),)
    template = dict(fix.map).get(matched.lower(), fix.replacement)
    if not template:
        return ()
    text = template.replace("{role}", role_noun)
    return (Suggestion(match_case(text, matched, sentence_start, display), fix.safety),)
