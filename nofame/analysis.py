"""Everything rules may look at for one article, computed once: docs, cast, context, profile."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from nofame.actors import Cast, Mention, Quote
from nofame.article import Article
from nofame.context import ArticleContext, ContextLexicon, sentence_has
from nofame.profiles import Profile
from nofame.settings import Settings

PRONOUNS = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})


@dataclass(frozen=True)
class Analysis:
    article: Article
    docs: Mapping[str, Doc]  # field name -> Doc, article order
    cast: Cast
    context: ArticleContext
    profile: Profile
    settings: Settings
    lexicon: ContextLexicon
    # (field, sentence start char) of sentences that refer to the perpetrator
    perpetrator_sentences: frozenset[tuple[str, int]] = field(default_factory=frozenset)

    @property
    def perpetrator_mentions(self) -> tuple[Mention, ...]:
        return tuple(m for actor in self.cast.perpetrators for m in actor.mentions)

    def quote_at(self, field_name: str, start: int) -> Quote | None:
        for quote in self.cast.quotes:
            if quote.field == field_name and quote.start <= start < quote.end:
                return quote
        return None

    def is_critique(self, field_name: str, sent: Span) -> bool:
        """A quotation inside a sentence that talks about coverage: an op-ed quoting to criticise."""
        return sentence_has(sent, self.lexicon["critique"])

    def refers_to_perpetrator(self, field_name: str, sent: Span) -> bool:
        return (field_name, sent.start_char) in self.perpetrator_sentences


def find_perpetrator_sentences(
    docs: Mapping[str, Doc], cast: Cast, lexicon: ContextLexicon
) -> frozenset[tuple[str, int]]:
    """Sentences naming the perpetrator, using a role noun for him, or continuing about him with
    a pronoun right after such a sentence (and naming nobody else)."""
    named: dict[str, set[int]] = {}
    for mention in (m for a in cast.perpetrators for m in a.mentions):
        named.setdefault(mention.field, set()).add(mention.start)
    others = {(m.field, m.start) for a in cast.actors if a.role != "perpetrator" for m in a.mentions}
    nouns = lexicon["perpetrator_nouns"]
    found: set[tuple[str, int]] = set()
    for name, doc in docs.items():
        starts = named.get(name, set())
        previous = False
        for sent in doc.sents:
            has_name = any(sent.start_char <= s < sent.end_char for s in starts)
            has_noun = sentence_has(sent, nouns)
            has_other = any(f == name and sent.start_char <= s < sent.end_char for f, s in others)
            has_pronoun = any(t.lower_ in PRONOUNS for t in sent)
            current = has_name or has_noun or (previous and has_pronoun and not has_other)
            if current:
                found.add((name, sent.start_char))
            previous = current
    return frozenset(found)
