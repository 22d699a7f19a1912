"""Python rules about the attacker's own material: his photo in captions, his quoted words and posts,
excerpts of his writings. Each needs who is who (the cast's mentions, the speaker of each quotation), so
it is computation; the word lists, thresholds and confidences come from the rule's YAML."""

from __future__ import annotations

from collections.abc import Iterator

from nofame.analysis import Analysis
from nofame.article import image_index
from nofame.report import Suggestion
from nofame.ruleset.findings import DISPLAY_ONLY, Match
from nofame.ruleset.pointers import mentions_any, pointer
from nofame.ruleset.schema import Rule


def perpetrator_photo(rule: Rule, analysis: Analysis) -> Iterator[Match]:
    """A caption or alt text naming the perpetrator, or calling the pictured person the suspect: case
    `lead` for the lead image, `inline` for the others."""
    photo_words = analysis.terms(rule.id, "photo_words")
    nouns = analysis.lexicon["perpetrator_nouns"]
    named = {m.field for m in analysis.perpetrator_mentions}
    for field_name, doc in analysis.docs.items():
        index = image_index(field_name)
        if index is None:
            continue
        text = analysis.texts[field_name].lower()
        shows_noun = analysis.context.attack and nouns.found(doc, text) and photo_words.found(doc, text)
        if field_name not in named and not shows_noun:
            continue
        yield Match(
            field_name,
            0,
            len(analysis.texts[field_name]),
            "lead" if analysis.article.images[index].lead else "inline",
            suggestions=DISPLAY_ONLY,
            confidence=float(rule.params["named_confidence" if field_name in named else "noun_confidence"]),
        )


def perpetrator_posts(rule: Rule, analysis: Analysis) -> Iterator[Match]:
    """The attacker's own words: quotations he is the speaker of, and embedded posts naming him."""
    min_words = int(rule.params["min_quoted_words"])
    for quote in analysis.cast.quotes:
        words = len(analysis.texts[quote.field][quote.start : quote.end].split())
        if quote.speaker_role == "perpetrator" and words >= min_words:
            yield Match(quote.field, quote.start, quote.end, suggestions=(Suggestion("", "unsafe"),))
    if not analysis.context.attack:
        return
    names = tuple(m.text.lower() for m in analysis.perpetrator_mentions)
    kinds = rule.lexicons["embed_kinds"]
    for embed in analysis.article.embeds:
        if embed.kind in kinds and mentions_any(embed.text, names):
            yield pointer(analysis, embed.text, "embed", (("kind", embed.kind),))


def manifesto_excerpts(rule: Rule, analysis: Analysis) -> Iterator[Match]:
    """A multi-sentence excerpt from the attacker's writings: critical, it publishes his propaganda."""
    if not analysis.context.attack:
        return
    words = analysis.terms(rule.id, "document_words")
    min_sentences, min_words = int(rule.params["min_sentences"]), int(rule.params["min_words"])
    for quote in analysis.cast.quotes:
        doc = analysis.docs[quote.field]
        inner = doc.char_span(quote.start, quote.end, alignment_mode="contract")
        if inner is None:
            continue
        sentences = sum(1 for t in inner if t.text in (".", "!", "?") and t.i < inner.end - 1) + 1
        long_enough = sentences >= min_sentences or sum(1 for t in inner if t.is_alpha) >= min_words
        if not long_enough:
            continue
        sent = analysis.sentence_at(quote.field, quote.start)
        around = doc[max(0, sent.start - 1) : inner.end]  # the sentence before, and the quote's own
        from_writings = words.found(around, around.text.lower())
        # A quotation someone else is named saying ("..., Chief Ana Ortiz wrote") is not his document's,
        # though the sentence mentions him.
        by_perpetrator = quote.speaker_role == "perpetrator" or (
            quote.speaker is None and analysis.refers_to_perpetrator(quote.field, sent)
        )
        if from_writings and by_perpetrator:
            yield Match(quote.field, quote.start, quote.end, "excerpt", suggestions=DISPLAY_ONLY)
