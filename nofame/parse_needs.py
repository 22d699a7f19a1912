"""Which sentences the checker needs parsed: derived from the compiled rules, plus a short declaration.

A token pattern that tests LEMMA, POS, TAG, DEP or MORPH needs the parse in the sentences where it can
match: those holding a word of each of its required literal tokens (LOWER, ORTH, TEXT words as written,
LEMMA words in every form the lemmatizer maps to them). Python rules and the actors read the parse in
places declared here.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language

from nofame.partial_parse import SentenceNeeds, word_forms
from nofame.resources import lexicon_path, read_yaml
from nofame.ruleset.compile import OPTIONAL_OPS, CompiledRules, _literals

# Token attributes only the tagger, attribute ruler, lemmatizer and parser set.
PARSE_ATTRS = frozenset({"LEMMA", "POS", "TAG", "DEP", "MORPH"})

# The actors read the grammar around names (cues, verbs, deeds; the small model often labels a person ORG
# or NORP) and find speakers of quotations from the parse; `earlier_places` reads the modifiers before a
# perpetrator noun ("the Christchurch shooter").
DECLARED_LABELS = frozenset({"PERSON", "ORG", "NORP"})


def rule_needs(
    nlp: Language, compiled: CompiledRules, earlier_nouns: frozenset[str] | None = None
) -> SentenceNeeds | None:
    """The declared needs and the required words of every token pattern that reads the parse; None when
    such a pattern has no required word, so every sentence needs parsing. `earlier_nouns`: the context
    lexicon's earlier_attacker_nouns (default: the shipped lexicon's)."""
    if earlier_nouns is None:
        earlier_nouns = frozenset(read_yaml(lexicon_path("context"))["earlier_attacker_nouns"])
    declared = SentenceNeeds(labels=DECLARED_LABELS, words=earlier_nouns, quotes=True, mentions=True)
    all_of = []
    for rule_id in (m.rule_id for m in compiled.token_matchers):
        for pattern in (p.tokens for p in compiled.rules[rule_id].patterns if p.tokens):
            if not {attr.upper() for token in pattern for attr in token} & PARSE_ATTRS:
                continue
            sets = tuple(s for s in (_required_words(nlp, token) for token in pattern) if s is not None)
            if not sets:
                return None
            all_of.append(sets)
    return declared.merged(SentenceNeeds(frozenset(), frozenset(), quotes=False, mentions=False, all_of=tuple(all_of)))


def _required_words(nlp: Language, token: dict[str, Any]) -> frozenset[str] | None:
    """The lower-cased words one of which a required pattern token must be, or None when it is optional or
    not a literal word."""
    op = token.get("OP", "")
    if op in OPTIONAL_OPS or op.startswith("{0"):
        return None
    for attr in ("LOWER", "ORTH", "TEXT", "LEMMA"):
        words = _literals(token.get(attr))
        if words:
            lower = frozenset(w.lower() for w in words)
            return word_forms(nlp, lower) if attr == "LEMMA" else lower
    return None
