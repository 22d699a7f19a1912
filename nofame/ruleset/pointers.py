"""`kind: links`: links and embeds that lead readers to the attacker's own material (his document, his
footage), judged by word lists the rule file gives: the sites it circulates on, and the words naming it.

Three places hold a pointer: an HTML link (its text and address), a link written into the text (a
Markdown link or a bare URL, judged with its sentence) and an embedded player (its address and title).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from nofame.analysis import Analysis
from nofame.report import Suggestion
from nofame.ruleset.findings import DISPLAY_ONLY, Match
from nofame.ruleset.schema import Rule
from nofame.text_links import TextLink, text_links


def mentions_any(text: str, words: tuple[str, ...]) -> bool:
    """A substring test on purpose: hosts are parts of addresses ("t.me/", "pastebin.")."""
    lowered = text.lower()
    return any(w in lowered for w in words)


def _anchor(analysis: Analysis, needle: str) -> tuple[str, int, int]:
    """Where a link or embed shows in the text: its anchor text in the body, else the headline."""
    for field_name in ("body", "dek", "headline"):
        text = analysis.texts.get(field_name)
        if text is not None and needle and (at := text.find(needle)) != -1:
            return field_name, at, at + len(needle)
    field_name = "headline" if "headline" in analysis.docs else next(iter(analysis.docs))
    return field_name, 0, len(analysis.texts[field_name])


def pointer(analysis: Analysis, shown_as: str, case: str, values: tuple[tuple[str, str], ...]) -> Match:
    """A link or embed, placed where its text shows; advice only, no rewrite."""
    field_name, start, end = _anchor(analysis, shown_as)
    return Match(field_name, start, end, case, values, DISPLAY_ONLY)


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


def links(rule: Rule, analysis: Analysis) -> Iterator[Match]:
    """Embedded players (case `embed`), HTML links and links written in the text (case `link`)."""
    spec = rule.links
    if spec is None or not analysis.context.attack:
        return
    hosts, words = rule.lexicons[spec.hosts], rule.lexicons[spec.words]
    near_host = rule.lexicons[spec.near_host] if spec.near_host else ()
    names = tuple(m.text.lower() for m in analysis.perpetrator_mentions)
    for embed in analysis.article.embeds:
        described = f"{embed.src} {embed.text}"
        if embed.kind in spec.embeds and (
            mentions_any(embed.src, hosts) or mentions_any(described, words) or mentions_any(described, names)
        ):
            yield pointer(analysis, embed.text, "embed", (("src", embed.src or embed.kind),))
    for link in analysis.article.links:
        on_host, described = mentions_any(link.href, hosts), mentions_any(f"{link.text} {link.href}", words)
        if (on_host and described) if spec.html_links == "both" else (on_host or described):
            yield pointer(analysis, link.text, "link", (("href", link.href),))
    yield from _text_links(
        rule,
        analysis,
        lambda link, sentence: (
            mentions_any(sentence, words)
            or (mentions_any(link.href, hosts) and (not near_host or mentions_any(sentence, near_host)))
        ),
    )
