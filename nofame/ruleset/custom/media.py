"""Rules about what HTML adds: images of the perpetrator, links to his writings, embedded footage."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from nofame.analysis import Analysis
from nofame.article import image_index
from nofame.report import Suggestion
from nofame.ruleset.findings import Match
from nofame.ruleset.schema import Rule
from nofame.text_links import TextLink, text_links


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
            suggestions=(Suggestion("", "display-only"),),
            confidence=0.9 if field_name in named else 0.7,
        )


def _anchor(analysis: Analysis, needle: str) -> tuple[str, int, int]:
    """Where a link or embed shows in the text: its anchor text in the body, else the headline."""
    for field_name in ("body", "dek", "headline"):
        text = analysis.texts.get(field_name)
        if text is not None and needle and (at := text.find(needle)) != -1:
            return field_name, at, at + len(needle)
    field_name = "headline" if "headline" in analysis.docs else next(iter(analysis.docs))
    return field_name, 0, len(analysis.texts[field_name])


def _mentions_any(text: str, words: tuple[str, ...]) -> bool:
    lowered = text.lower()
    return any(w in lowered for w in words)


def _pointer(analysis: Analysis, shown_as: str, case: str, values: tuple[tuple[str, str], ...]) -> Match:
    """A link or embed, placed where its text shows; advice only, no rewrite."""
    field_name, start, end = _anchor(analysis, shown_as)
    return Match(field_name, start, end, case, values, (Suggestion("", "display-only"),))


def _text_links(rule: Rule, analysis: Analysis, judge: Callable[[TextLink, str], bool]) -> Iterator[Match]:
    """Markdown links and bare URLs written in any field, judged with the sentence around them."""
    vetoes = [re.compile(rf"\b{re.escape(word.lower())}\b") for word in rule.unless.sentence]
    for field_name, text in analysis.texts.items():
        for link in text_links(text):
            sent = analysis.sentence_at(field_name, link.start)
            sentence = text[min(sent.start_char, link.start) : max(sent.end_char, link.end)].lower()
            if judge(link, sentence) and not any(v.search(sentence) for v in vetoes):
                yield Match(
                    field_name, link.start, link.end, "link", (("href", link.href),), (Suggestion("", "unsafe"),)
                )


def manifesto_link(rule: Rule, analysis: Analysis) -> Iterator[Match]:
    """Links to the document or to the sites it circulates on; critical in every profile."""
    if not analysis.context.attack:
        return
    hosts = rule.lexicons.get("hosts", ())
    words = rule.lexicons.get("document_words", ())
    for link in analysis.article.links:
        if _mentions_any(link.href, hosts) or _mentions_any(f"{link.text} {link.href}", words):
            yield _pointer(analysis, link.text, "link", (("href", link.href),))
    yield from _text_links(
        rule, analysis, lambda link, sentence: _mentions_any(link.href, hosts) or _mentions_any(sentence, words)
    )


def attack_video(rule: Rule, analysis: Analysis) -> Iterator[Match]:
    """An embedded or linked copy of the attacker's own footage."""
    if not analysis.context.attack:
        return
    hosts = rule.lexicons.get("hosts", ())
    words = rule.lexicons.get("footage_words", ())
    names = tuple(m.text.lower() for m in analysis.perpetrator_mentions)
    for embed in analysis.article.embeds:
        described = f"{embed.src} {embed.text}"
        if embed.kind in ("video", "iframe") and (
            _mentions_any(embed.src, hosts) or _mentions_any(described, words) or _mentions_any(described, names)
        ):
            yield _pointer(analysis, embed.text, "embed", (("src", embed.src or embed.kind),))
    for link in analysis.article.links:
        if _mentions_any(link.href, hosts) and _mentions_any(f"{link.text} {link.href}", words):
            yield _pointer(analysis, link.text, "link", (("href", link.href),))
    footage = (*words, "video", "footage", "stream")
    yield from _text_links(
        rule,
        analysis,
        lambda link, sentence: (
            _mentions_any(sentence, words) or (_mentions_any(link.href, hosts) and _mentions_any(sentence, footage))
        ),
    )


MIN_QUOTED_WORDS = 3


def perpetrator_posts(rule: Rule, analysis: Analysis) -> Iterator[Match]:
    """The attacker's own words: quotations he is the speaker of, and embedded posts naming him."""
    for quote in analysis.cast.quotes:
        words = len(analysis.texts[quote.field][quote.start : quote.end].split())
        # A quoted one- or two-word handle or nickname is the nickname rule's business, not his words.
        if quote.speaker_role == "perpetrator" and words >= MIN_QUOTED_WORDS:
            yield Match(quote.field, quote.start, quote.end, suggestions=(Suggestion("", "unsafe"),))
    if not analysis.context.attack:
        return
    names = tuple(m.text.lower() for m in analysis.perpetrator_mentions)
    for embed in analysis.article.embeds:
        if embed.kind in ("tweet", "instagram", "tiktok", "facebook", "telegram") and _mentions_any(embed.text, names):
            yield _pointer(analysis, embed.text, "embed", (("kind", embed.kind),))


def manifesto_excerpts(rule: Rule, analysis: Analysis) -> Iterator[Match]:
    """A multi-sentence excerpt from the attacker's writings: critical, it publishes his propaganda."""
    if not analysis.context.attack:
        return
    words = analysis.terms(rule.id, "document_words")
    min_sentences = int(rule.params.get("min_sentences", 2))
    min_words = int(rule.params.get("min_words", 25))
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
        by_perpetrator = quote.speaker_role == "perpetrator" or analysis.refers_to_perpetrator(quote.field, sent)
        if from_writings and by_perpetrator:
            yield Match(quote.field, quote.start, quote.end, "excerpt", suggestions=(Suggestion("", "display-only"),))
