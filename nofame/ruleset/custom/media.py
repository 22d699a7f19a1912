"""Rules about what HTML adds: images of the perpetrator, links to his writings, embedded footage."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from nofame.analysis import Analysis
from nofame.article import image_index
from nofame.report import Finding, Suggestion
from nofame.ruleset.custom.naming import at_large_severity
from nofame.ruleset.findings import make_finding
from nofame.ruleset.schema import Rule
from nofame.text_links import TextLink, text_links


def perpetrator_photo(rule: Rule, analysis: Analysis) -> Iterator[Finding]:
    """A caption or alt text naming the perpetrator, or calling the pictured person the suspect."""
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
        image = analysis.article.images[index]
        severity = "high" if image.lead else analysis.profile.inline_photo_severity
        if analysis.profile.name == "strict":
            severity = "high"
        yield make_finding(
            rule,
            analysis,
            field_name,
            0,
            len(analysis.texts[field_name]),
            severity=at_large_severity(analysis, severity),
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


def _pointer_finding(
    rule: Rule, analysis: Analysis, shown_as: str, message: str | None = None, severity: str = "critical"
) -> Finding:
    """A finding for a link or embed, placed where its text shows; advice only, no rewrite."""
    field_name, start, end = _anchor(analysis, shown_as)
    return make_finding(
        rule,
        analysis,
        field_name,
        start,
        end,
        severity=severity,
        suggestions=(Suggestion("", "display-only"),),
        message=message,
    )


def _text_link_findings(
    rule: Rule, analysis: Analysis, judge: Callable[[TextLink, str], bool], message: str
) -> Iterator[Finding]:
    """Markdown links and bare URLs written in any field, judged with the sentence around them."""
    vetoes = [re.compile(rf"\b{re.escape(word.lower())}\b") for word in rule.unless.sentence]
    for field_name, text in analysis.texts.items():
        for link in text_links(text):
            sent = analysis.sentence_at(field_name, link.start)
            sentence = text[min(sent.start_char, link.start) : max(sent.end_char, link.end)].lower()
            if judge(link, sentence) and not any(v.search(sentence) for v in vetoes):
                yield make_finding(
                    rule,
                    analysis,
                    field_name,
                    link.start,
                    link.end,
                    severity="critical",
                    suggestions=(Suggestion("", "unsafe"),),
                    message=message.format(href=link.href),
                )


def manifesto_link(rule: Rule, analysis: Analysis) -> Iterator[Finding]:
    """Links to the document or to the sites it circulates on; critical in every profile."""
    if not analysis.context.attack:
        return
    hosts = rule.lexicons.get("hosts", ())
    words = rule.lexicons.get("document_words", ())
    for link in analysis.article.links:
        if _mentions_any(link.href, hosts) or _mentions_any(f"{link.text} {link.href}", words):
            message = f"Link to the attacker's document or where it circulates: {link.href}"
            yield _pointer_finding(rule, analysis, link.text, message)
    yield from _text_link_findings(
        rule,
        analysis,
        lambda link, sentence: _mentions_any(link.href, hosts) or _mentions_any(sentence, words),
        "Link to the attacker's document or where it circulates: {href}",
    )


def attack_video(rule: Rule, analysis: Analysis) -> Iterator[Finding]:
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
            message = f"Embedded video that may be the attacker's own footage: {embed.src or embed.kind}"
            yield _pointer_finding(rule, analysis, embed.text, message)
    for link in analysis.article.links:
        if _mentions_any(link.href, hosts) and _mentions_any(f"{link.text} {link.href}", words):
            yield _pointer_finding(rule, analysis, link.text, f"Link to the attacker's own footage: {link.href}")
    footage = (*words, "video", "footage", "stream")
    yield from _text_link_findings(
        rule,
        analysis,
        lambda link, sentence: (
            _mentions_any(sentence, words) or (_mentions_any(link.href, hosts) and _mentions_any(sentence, footage))
        ),
        "Link to the attacker's own footage: {href}",
    )


MIN_QUOTED_WORDS = 3


def perpetrator_posts(rule: Rule, analysis: Analysis) -> Iterator[Finding]:
    """The attacker's own words: quotations he is the speaker of, and embedded posts naming him."""
    for quote in analysis.cast.quotes:
        words = len(analysis.texts[quote.field][quote.start : quote.end].split())
        # A quoted one- or two-word handle or nickname is the nickname rule's business, not his words.
        if quote.speaker_role == "perpetrator" and words >= MIN_QUOTED_WORDS:
            yield make_finding(
                rule, analysis, quote.field, quote.start, quote.end, suggestions=(Suggestion("", "unsafe"),)
            )
    if not analysis.context.attack:
        return
    names = tuple(m.text.lower() for m in analysis.perpetrator_mentions)
    for embed in analysis.article.embeds:
        if embed.kind in ("tweet", "instagram", "tiktok", "facebook", "telegram") and _mentions_any(embed.text, names):
            message = f"Embedded {embed.kind} post by or about the attacker republishes his words."
            yield _pointer_finding(rule, analysis, embed.text, message, severity=rule.severity)


def manifesto_excerpts(rule: Rule, analysis: Analysis) -> Iterator[Finding]:
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
            yield make_finding(
                rule,
                analysis,
                quote.field,
                quote.start,
                quote.end,
                severity="critical",
                suggestions=(Suggestion("", "display-only"),),
                message="A multi-sentence excerpt from the attacker's writings publishes his propaganda.",
            )
