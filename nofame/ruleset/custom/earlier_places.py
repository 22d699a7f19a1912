"""Earlier attackers pointed to by the place of their attack: "the Columbine shooters", "the Christchurch
gunman" in a story about another attack.

The place tells which attack a perpetrator noun belongs to. This article's own attack is where its
display text and its first sentences say it happened; a perpetrator noun tied to any other place points
to an earlier attacker, whom the reader can look up by that phrase as easily as by name.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from spacy.tokens import Doc, Token

from nofame.actors.names import fold
from nofame.analysis import Analysis
from nofame.article import DISPLAY_KINDS, field_kind

_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC", "ORG"})
_MODIFIERS = frozenset({"compound", "amod", "nmod", "npadvmod"})


def earlier_attacker_phrases(
    analysis: Analysis, *, lead_sentences: int, not_mass: frozenset[str]
) -> Iterator[tuple[str, int, int]]:
    """(field, start, end) of "the PLACE [mosque] shooter" phrases whose place is not this article's; the
    first `lead_sentences` of the body name this article's place; a noun after one of `not_mass` ("the
    Toronto serial killer") is no mass attacker."""
    here: frozenset[str] | None = None  # read only when a phrase is found
    for field_name, doc in analysis.docs.items():
        text = analysis.texts[field_name]
        for m in analysis.lexicon.earlier_attacker_noun.finditer(text):
            tok = doc.char_span(m.start(), m.end())
            if tok is None or tok.start == 0:
                continue
            noun = tok[0]
            place = _place_before(doc, noun)
            if place is None or doc[noun.i - 1].lower_ in not_mass:
                continue
            here = _event_places(analysis, lead_sentences) if here is None else here
            if {fold(t.text) for t in place} & here:
                continue
            start = place[0].i - 1 if place[0].i > 0 and doc[place[0].i - 1].lower_ == "the" else place[0].i
            yield field_name, doc[start].idx, noun.idx + len(noun.text)


def _place_before(doc: Doc, noun: Token) -> list[Token] | None:
    """The place-name tokens in the modifiers right before the noun ("Christchurch" in "the Christchurch
    mosque shooter"), when they are a place the model recognised."""
    j = noun.i - 1
    tokens: list[Token] = []
    while j >= 0 and doc[j].dep_ in _MODIFIERS and not doc[j].is_punct:
        tokens.insert(0, doc[j])
        j -= 1
    places = [t for t in tokens if t.ent_type_ in _PLACE_LABELS and t.text[:1].isupper()]
    if not places or tokens[0] is not places[0]:
        return None  # "the Christchurch shooter", not "the mosque shooter in Christchurch" or "the lone gunman"
    return places


def _event_places(analysis: Analysis, lead_sentences: int) -> frozenset[str]:
    """Folded place words from the display text, the first sentences of the body, and the place the
    body names most often."""
    words: set[str] = set()
    counts: Counter[str] = Counter()
    for field_name, doc in analysis.docs.items():
        kind = field_kind(field_name)
        if kind in DISPLAY_KINDS:  # "Buffalo shooter sentenced": the headline's place is this attack's
            ents = tuple(doc.ents)
        elif kind == "body":
            counts.update(fold(e.text) for e in doc.ents if e.label_ in _PLACE_LABELS)
            sents = analysis.sentences.get(field_name, ())
            end = sents[min(lead_sentences, len(sents)) - 1].end_char if sents else 0
            nouns = analysis.lexicon["earlier_attacker_nouns"].words
            ents = tuple(e for e in doc.ents if e.end_char <= end and not _names_an_attacker(e.root, nouns))
        else:
            continue
        for ent in ents:
            if ent.label_ in _PLACE_LABELS or ent.label_ == "NORP":
                words |= {fold(t.text) for t in ent if t.is_alpha}
    if counts:
        words |= {w for w in counts.most_common(1)[0][0].split() if w.isalpha()}
    return frozenset(words)


def _names_an_attacker(tok: Token, nouns: frozenset[str]) -> bool:
    """ "Christchurch" in "he studied the Christchurch shooter": a place that points to another attacker."""
    return tok.dep_ in _MODIFIERS and tok.head.lower_ in nouns
