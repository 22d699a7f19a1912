"""Which sentences the checker needs parsed: derived from the compiled rules, plus a short declaration.

A token pattern that tests LEMMA, POS, TAG, DEP or MORPH needs the parse in the sentences where it can
match: those holding a word of each of its required literal tokens (LOWER, ORTH, TEXT words as written,
LEMMA words in every form the lemmatizer maps to them) and a token matching each of its required REGEX
tokens on LOWER, ORTH or TEXT (a time such as "9:42": rarer than any of the pattern's words). Python rules
and the actors read the parse in places declared here; lexicon counts read lemmas everywhere, so a sentence
with a word whose lemma may be a lexicon word it is not itself ("killed" for "kill") is parsed too.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language

from nofame.context import ContextLexicon, load_context_lexicon
from nofame.partial_parse import Matching, Required, SentenceNeeds, word_forms
from nofame.resources import lexicon_path
from nofame.ruleset.compile import OPTIONAL_OPS, CompiledRules, _literals

# Token attributes only the tagger, attribute ruler, lemmatizer and parser set.
PARSE_ATTRS = frozenset({"LEMMA", "POS", "TAG", "DEP", "MORPH"})

# The actors read the grammar around names (cues, verbs, deeds; the small model often labels a person ORG
# or NORP) and find speakers of quotations from the parse; `earlier_places` reads the modifiers before a
# perpetrator noun ("the Christchurch shooter").
DECLARED_LABELS = frozenset({"PERSON", "ORG", "NORP"})


def rule_needs(nlp: Language, compiled: CompiledRules, context: ContextLexicon | None = None) -> SentenceNeeds | None:
    """The declared needs and the required words of every token pattern that reads the parse; None when
    such a pattern has no required word, so every sentence needs parsing. `context`: the context lexicon
    (default: the shipped one)."""
    if context is None:
        context = load_context_lexicon(lexicon_path("context"))
    declared = SentenceNeeds(
        labels=DECLARED_LABELS,
        words=context["earlier_attacker_nouns"].words | _lemma_forms(nlp, compiled, context),
        quotes=True,
        mentions=True,
    )
    all_of = []
    for rule_id in dict.fromkeys(m.rule_id for m in compiled.token_matchers):  # a rule has a matcher per anchor
        for pattern in (p.tokens for p in compiled.rules[rule_id].patterns if p.tokens):
            if not {attr.upper() for token in pattern for attr in token} & PARSE_ATTRS:
                continue
            sets = tuple(s for s in (_required_words(nlp, token) for token in pattern) if s is not None)
            if not sets:
                return None
            all_of.append(sets)
    return declared.merged(SentenceNeeds(frozenset(), frozenset(), quotes=False, mentions=False, all_of=tuple(all_of)))


def _lemma_forms(nlp: Language, compiled: CompiledRules, context: ContextLexicon) -> frozenset[str]:
    """Forms whose lemma may be a word of a lexicon (context, rule lexicons, vetoes) but that are not one
    themselves: only their lemma makes them count (`Terms.token_hits` tests the form or the lemma)."""
    words = {w for terms in context.terms.values() for w in terms.words}
    words.update(w for lexicons in compiled.lexicons.values() for terms in lexicons.values() for w in terms.words)
    words.update(w for veto in compiled.vetoes.values() for w in veto.sentence.words)
    return word_forms(nlp, words) - words


def _required_words(nlp: Language, token: dict[str, Any]) -> Required | None:
    """The lower-cased words one of which a required pattern token must be, or the regex its text must
    match; None when it is optional or neither."""
    op = token.get("OP", "")
    if op in OPTIONAL_OPS or op.startswith("{0"):
        return None
    for attr in ("LOWER", "ORTH", "TEXT", "LEMMA"):
        words = _literals(token.get(attr))
        if words:
            lower = frozenset(w.lower() for w in words)
            return word_forms(nlp, lower) if attr == "LEMMA" else lower
    for attr in ("ORTH", "TEXT", "LOWER"):
        value = token.get(attr)
        # spaCy searches the token's ORTH/TEXT as written, LOWER lower-cased
        if isinstance(value, dict) and set(value) == {"REGEX"} and isinstance(value["REGEX"], str):
            return Matching(value["REGEX"], lower=attr == "LOWER")
    return None
