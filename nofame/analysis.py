"""Everything rules may look at for one article, computed once: docs, cast, context, profile."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
from spacy.attrs import LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from nofame.actors import Cast, Mention, Quote
from nofame.article import Article
from nofame.context import EMPTY_TERMS, ArticleContext, ContextLexicon, Terms
from nofame.doc_arrays import sentences
from nofame.profiles import Profile
from nofame.roles import Role, choose_role
from nofame.settings import Settings

PRONOUNS = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})
_PRONOUN_IDS = np.array(sorted(get_string_id(w) for w in PRONOUNS), dtype=np.uint64)


@dataclass(frozen=True)
class Analysis:
    article: Article
    docs: Mapping[str, Doc]  # field name -> Doc, article order
    texts: Mapping[str, str]  # field name -> text; spaCy rebuilds Doc.text from tokens on every access
    cast: Cast
    context: ArticleContext
    profile: Profile
    settings: Settings
    lexicon: ContextLexicon
    # (field, sentence start char) of sentences that refer to the perpetrator
    perpetrator_sentences: frozenset[tuple[str, int]] = field(default_factory=frozenset)
    rule_lexicons: Mapping[str, Mapping[str, Terms]] = field(default_factory=dict)
    # Sentences per field, computed once: spaCy rebuilds them on every `doc.sents` / `span.sent`.
    sentences: Mapping[str, tuple[Span, ...]] = field(default_factory=dict)
    sentence_starts: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    # The trained models these settings enable, by name (model bundles; rules that need one say which).
    models: Mapping[str, Any] = field(default_factory=dict)

    def sentence_at(self, field_name: str, char: int) -> Span:
        """The sentence holding a character offset (the last one for an offset at the very end)."""
        index = bisect_right(self.sentence_starts[field_name], char) - 1
        sents = self.sentences[field_name]
        return sents[max(0, min(index, len(sents) - 1))]

    def terms(self, rule_id: str, lexicon: str) -> Terms:
        """A rule's own word list (`lexicons:` in its YAML), compiled once with the rules."""
        return self.rule_lexicons.get(rule_id, {}).get(lexicon, EMPTY_TERMS)

    @cached_property
    def role(self) -> Role:
        """The one noun that stands for the perpetrator in this article (the request's, else from the facts)."""
        return choose_role(self, self.settings.role or None)

    @property
    def naming_applies(self) -> bool:
        """Naming rules apply to stories of violence against several people, and whenever the newsroom named
        the perpetrator itself: naming a convicted murderer in ordinary crime news is not a finding."""
        return self.context.attack or self.context.several_victims or bool(self.settings.perpetrators)

    @property
    def perpetrator_mentions(self) -> tuple[Mention, ...]:
        return tuple(m for actor in self.cast.perpetrators for m in actor.mentions)

    def quote_at(self, field_name: str, start: int) -> Quote | None:
        for quote in self.cast.quotes:
            if quote.field == field_name and quote.start <= start < quote.end:
                return quote
        return None

    def is_critique(self, field_name: str, sent: Span) -> bool:
        """A quotation in a paragraph that talks about coverage: an op-ed quoting to criticise."""
        text = self.texts[field_name]
        start = text.rfind("\n\n", 0, sent.start_char) + 1
        end = text.find("\n\n", sent.end_char)
        paragraph = self.docs[field_name].char_span(start, end if end != -1 else len(text), alignment_mode="expand")
        return self.has(field_name, paragraph if paragraph is not None else sent, self.lexicon["critique"])

    def has(self, field_name: str, span: Span, terms: Terms) -> bool:
        """Whether a sentence or paragraph holds one of the terms (text sliced, not rebuilt by spaCy)."""
        return terms.found(span, self.texts[field_name][span.start_char : span.end_char].lower())

    def refers_to_perpetrator(self, field_name: str, sent: Span) -> bool:
        return (field_name, sent.start_char) in self.perpetrator_sentences


def _any_between(sorted_starts: list[int], start: int, end: int) -> bool:
    i = bisect_left(sorted_starts, start)
    return i < len(sorted_starts) and sorted_starts[i] < end


def _inside_a_quote(spans: list[tuple[int, int]], widest: int, start: int, end: int) -> bool:
    """Whether [start, end) lies inside one quotation (its end + 1 allowed), spans sorted by start."""
    i = bisect_right(spans, (start, float("inf")))
    # Only quotations that start at or before `start` and are at most `widest` long can hold it.
    while i > 0 and spans[i - 1][0] >= start - widest - 1:
        quote_start, quote_end = spans[i - 1]
        if quote_start <= start and end <= quote_end + 1:
            return True
        i -= 1
    return False


def split_sentences(docs: Mapping[str, Doc]) -> dict[str, tuple[Span, ...]]:
    return {name: sentences(doc) for name, doc in docs.items()}


def find_perpetrator_sentences(
    sentences: Mapping[str, tuple[Span, ...]], texts: Mapping[str, str], cast: Cast, lexicon: ContextLexicon
) -> frozenset[tuple[str, int]]:
    """Sentences naming the perpetrator or using a role noun for him, and sentences that go on about
    him with he/his within two sentences of such a sentence and name nobody else. A sentence wholly
    inside a quotation neither starts nor breaks that chain: the quote's "I" is not a new subject."""
    named: dict[str, list[int]] = {}
    for mention in (m for a in cast.perpetrators for m in a.mentions):
        named.setdefault(mention.field, []).append(mention.start)
    others: dict[str, list[int]] = {}
    for mention in (m for a in cast.actors if a.role != "perpetrator" for m in a.mentions):
        others.setdefault(mention.field, []).append(mention.start)
    quotes: dict[str, list[tuple[int, int]]] = {}
    for quote in cast.quotes:
        quotes.setdefault(quote.field, []).append((quote.start, quote.end))
    nouns = lexicon["perpetrator_nouns"]
    found: set[tuple[str, int]] = set()
    for name, sents in sentences.items():
        # Sorted offsets, looked up by bisection: one sentence costs log(mentions), not mentions.
        starts, other_starts = sorted(named.get(name, ())), sorted(others.get(name, ()))
        spans = sorted(quotes.get(name, ()))
        widest = max((e - s for s, e in spans), default=0)
        recent = [False, False]  # the last two sentences outside quotations
        # Per token of the field, computed once: testing Token objects sentence by sentence costs more.
        doc = sents[0].doc if sents else None
        noun_hits = nouns.token_hits(doc) if doc is not None else None
        pronoun_hits = np.isin(doc.to_array([LOWER]), _PRONOUN_IDS) if doc is not None and len(doc) else None
        for sent in sents:
            has_name = _any_between(starts, sent.start_char, sent.end_char)
            has_noun = nouns.phrase_found(texts[name][sent.start_char : sent.end_char].lower()) or bool(
                noun_hits[sent.start : sent.end].any()  # type: ignore[index]
            )
            has_other = _any_between(other_starts, sent.start_char, sent.end_char)
            has_pronoun = bool(pronoun_hits[sent.start : sent.end].any())  # type: ignore[index]
            current = has_name or has_noun or (any(recent) and has_pronoun and not has_other)
            if current:
                found.add((name, sent.start_char))
            if not _inside_a_quote(spans, widest, sent.start_char, sent.end_char):
                recent = [recent[1], current]
    return frozenset(found)
