"""What a person did, read from the words right after the name: a second look where the parse breaks.

The small parser loses long introductions: in "Australian NAME, 28, a self-described white supremacist,
live-streamed the attack" the name is the root and the verb a modifier, so no verb cue fires. The words
that follow the name, past at most two comma-set appositions and a few adverbs, still say what he did.
Only a name that opens its clause counts (nothing but names, adjectives and nouns between it and the
sentence start, a comma or a conjunction), so that "police said NAME ..." or "a friend of NAME opened
fire" never lend the deed to the wrong person.
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from nofame.actors.cues import Cue
from nofame.actors.fields import Field
from nofame.actors.lexicon import ActorLexicon
from nofame.actors.names import HYPHENS

# ", 28, a self-described white supremacist, " — short segments without sentence punctuation or quotes.
_APPOSITIONS = re.compile(r"(?:\s*,[^,.;:!?\"“”()]{1,80}){1,2},\s*|\s+")
# Adverbs and perfect auxiliaries between the subject and the deed ("later", "has been").
_FILLER = re.compile(r"(?:(?:allegedly|also|later|then|subsequently|reportedly|has|have|had)\s+)*")
_OPENERS = frozenset({"PROPN", "ADJ", "NOUN", "DET", "NUM", "SPACE", "X"})
_BOUNDARIES = frozenset({",", ";", ":", "—", "–"})
_REACH = 200  # characters after the name that are read
# A first act in the past tense, then "and": "walked into the theatre and", "drove to the school and then".
_FIRST_ACT = re.compile(
    r"(?:[a-z]+ed|went|came|ran|got|drove|rode|broke|burst)\b[^,;.:!?()]{0,100}?\band\s+(?:then\s+)?"
)


def deed_cues(f: Field, span: Span, sent: Span, lex: ActorLexicon) -> list[Cue]:
    """A perpetrator cue when the words after a clause-opening name are an attack or a court outcome."""
    if not _opens_clause(f, span, sent):
        return []
    end = min(sent.end_char, span.end_char + _REACH)
    rest = f.folded[span.end_char : end]
    gap = _APPOSITIONS.match(rest)
    if gap is None:
        return []
    filler = _FILLER.match(rest, gap.end())
    at = filler.end() if filler else gap.end()
    for kind, pattern in (("agency", lex.deed_re), ("legal", lex.deed_legal_re)):
        found = pattern.match(rest, at)
        if found:
            return [Cue("perpetrator", f"{kind}:deed", lex.weights[kind])]
    # "NAME walked into a crowded midnight screening ... and opened fire": the second of two joined acts
    first_act = _FIRST_ACT.match(rest, at)
    if first_act and lex.deed_re.match(rest, first_act.end()):
        return [Cue("perpetrator", "agency:deed", lex.weights["agency"])]
    return []


def _opens_clause(f: Field, span: Span, sent: Span) -> bool:
    for tok in reversed(f.doc[sent.start : span.start]):
        if tok.text in HYPHENS:
            continue  # "24-year-old NAME"
        if tok.text in _BOUNDARIES or tok.pos_ in {"SCONJ", "CCONJ"}:
            return True
        if tok.pos_ not in _OPENERS:
            return False
    return True
