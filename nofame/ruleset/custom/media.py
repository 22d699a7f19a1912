"""Python rules about the attacker's own material: his photo in captions, his quoted words and posts,
excerpts of his writings. Each needs who is who (the cast's mentions, the speaker of each quotation), so
it is computation; the word lists, thresholds and confidences come from the rule's YAML."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Token

from nofame.actors.types import Mention
from nofame.analysis import Analysis
from nofame.article import image_index
from nofame.report import Suggestion
from nofame.ruleset.findings import DISPLAY_ONLY, Match
from nofame.ruleset.pointers import mentions_any, pointer
from nofame.ruleset.schema import Rule
from nofame.sources.captions import caption_kind


def perpetrator_photo(rule: Rule, analysis: Analysis) -> Iterator[Match]:
    """A caption or alt text naming the perpetrator, or calling the pictured person the suspect: case
    `lead` for the lead image, `inline` for the others."""
    if not analysis.naming_applies:  # a hunting accident's shooter is not a fame-seeking attacker
        return
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
    yield from _body_captions(rule, analysis)


def _body_captions(rule: Rule, analysis: Analysis) -> Iterator[Match]:
    """A caption that a pasted or scraped text kept among its paragraphs (`Article.body_captions`) and that
    shows the perpetrator: he, or "the suspect" in a photo's words, is who it is about. A line that is only
    a name is his portrait's caption when the name is all his."""
    doc = analysis.docs.get("body")
    if doc is None:
        return
    text = analysis.texts["body"]
    photo_words = analysis.terms(rule.id, "photo_words")
    nouns = analysis.lexicon["perpetrator_nouns"]
    body_mentions = [(a.role, m) for a in analysis.cast.actors for m in a.mentions if m.field == "body"]
    for start, end in analysis.article.body_captions:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        caption, lower = text[start:end], text[start:end].lower()
        victims = [m for role, m in body_mentions if role == "victim" and start <= m.start < end]
        own = [m for role, m in body_mentions if role == "perpetrator" and start <= m.start and m.end <= end]
        if caption_kind(caption) == "name-line":
            confidence = rule.params["name_line_confidence"] if own and _only_names(caption, start, own) else None
        elif own:
            # About him: named before any victim (not his victim's portrait), not in a side clause (not the
            # street where he drove), and not only as an owner unless of a photo ("NAME's profile photo").
            shown = not any(v.start < own[0].start for v in victims) and any(
                _shown(doc, m.start, m.end) and (not m.possessive or photo_words.found(span, lower)) for m in own
            )
            confidence = rule.params["named_confidence"] if shown else None
        elif analysis.context.attack and photo_words.found(span, lower) and not victims:
            hits = nouns.token_hits(span)
            shown = any(hit and not _in_clause(t) for t, hit in zip(span, hits.tolist(), strict=True))
            confidence = rule.params["noun_confidence"] if shown else None
        else:
            confidence = None
        if confidence is not None:
            yield Match("body", start, end, "inline", suggestions=DISPLAY_ONLY, confidence=float(confidence))


# The clauses a caption says things in about someone other than who is pictured: "after two gunmen went on
# a rampage", "the street where NAME drove", "experts concluded that NAME has".
_SIDE_CLAUSES = frozenset({"advcl", "relcl", "ccomp"})
# ... but what a photo shows is who is pictured: "the photo shows NAME wearing black".
_SHOWING = frozenset({"show", "depict", "feature", "see"})


def _shown(doc: Doc, start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and not _in_clause(span.root)


def _in_clause(token: Token) -> bool:
    while token.head.i != token.i:
        if token.dep_ in _SIDE_CLAUSES and token.head.lemma_.lower() not in _SHOWING:
            return True
        token = token.head
    return False


def _only_names(paragraph: str, start: int, own: list[Mention]) -> bool:
    """Nothing on the line but his name, once or twice, and a credit in brackets: "NAME (Twitter)"."""
    rest = list(paragraph)
    for m in own:
        rest[m.start - start : m.end - start] = " " * (m.end - m.start)
    # the credit first: read left to right, the blanks before it would take its opening bracket
    return not re.sub(r"[\W_]+", "", re.sub(r"\([^()]*\)", "", "".join(rest)))


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
    """An excerpt from the attacker's writings (several sentences, or a line the story says he wrote): critical,
    it publishes his propaganda."""
    if not analysis.context.attack:
        return
    words = analysis.terms(rule.id, "document_words")
    min_sentences, min_words = int(rule.params["min_sentences"]), int(rule.params["min_words"])
    min_line = int(rule.params["min_words_of_his_line"])
    for quote in analysis.cast.quotes:
        doc = analysis.docs[quote.field]
        inner = doc.char_span(quote.start, quote.end, alignment_mode="contract")
        if inner is None:
            continue
        # A full stop before the closing quotation mark ends the quote, not a sentence of it.
        last_word = max((t.i for t in inner if t.is_alpha), default=inner.start)
        sentences = sum(1 for t in inner if t.text in (".", "!", "?") and t.i < last_word) + 1
        alpha = sum(1 for t in inner if t.is_alpha)
        long_enough = sentences >= min_sentences or alpha >= min_words
        # A line the story says he wrote ("the gunman wrote: ...") is from his writings though it is one sentence;
        # a quotation with no speaker in a sentence about him is his only when it is long: short ones are mostly
        # officials' and reporters' phrases. One someone else is named saying ("..., Chief Ana Ortiz wrote") is not.
        his = quote.speaker_role == "perpetrator" and alpha >= min_line
        if not (his or (long_enough and quote.speaker is None)):
            continue
        sent = analysis.sentence_at(quote.field, quote.start)
        if not (his or analysis.refers_to_perpetrator(quote.field, sent)):
            continue
        around = doc[max(0, sent.start - 1) : inner.end]  # the sentence before, and the quote's own
        if words.found(around, around.text.lower()):
            yield Match(quote.field, quote.start, quote.end, "excerpt", suggestions=DISPLAY_ONLY)
