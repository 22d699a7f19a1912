"""Run the compiled pattern rules over an analysed article."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from nofame.analysis import Analysis
from nofame.article import field_kind
from nofame.report import Finding
from nofame.ruleset.compile import CompiledRules, CompiledVeto, RuleMatcher
from nofame.ruleset.findings import make_finding
from nofame.ruleset.fixes import fix_suggestions
from nofame.ruleset.schema import Rule


def match_patterns(compiled: CompiledRules, analysis: Analysis, active: frozenset[str]) -> Iterator[Finding]:
    # Rules whose article-level requirements fail need not be matched at all.
    active = frozenset(
        rule_id for rule_id in active & compiled.rules.keys() if requirements_met(compiled.rules[rule_id], analysis)
    )
    if not active:
        return
    for field_name, doc in analysis.docs.items():
        for rule_id, span in _spans(compiled, doc, analysis.sentences[field_name], active):
            rule = compiled.rules[rule_id]
            if _applies(rule, compiled.vetoes[rule_id], analysis, field_name, span):
                yield _finding(rule, analysis, field_name, span)


def _spans(
    compiled: CompiledRules, doc: Doc, sentences: tuple[Span, ...], active: frozenset[str]
) -> Iterator[tuple[str, Span]]:
    by_rule: dict[str, list[Span]] = {}
    vocab = doc.vocab.strings
    for match_id, start, end in compiled.phrase_matcher(doc):
        rule_id = vocab[match_id]
        if rule_id in active:
            by_rule.setdefault(rule_id, []).append(doc[start:end])
    words = doc.to_array([LOWER, LEMMA])
    present = set(words.ravel().tolist())
    sentence_starts = np.array([s.start for s in sentences])
    for rule_matcher in compiled.token_matchers:
        if rule_matcher.rule_id not in active or (
            rule_matcher.lower_anchors is not None and rule_matcher.anchors.isdisjoint(present)
        ):
            continue
        for region in _regions(rule_matcher, doc, words, sentences, sentence_starts):
            for match_id, start, end in rule_matcher.matcher(region):
                if match_id == rule_matcher.look_ahead_key:
                    end -= 1  # the look-ahead word is checked, not part of the finding
                by_rule.setdefault(rule_matcher.rule_id, []).append(doc[region.start + start : region.start + end])
    for rule_id, spans in by_rule.items():
        for span in filter_spans(spans):  # overlapping matches of one rule: keep the longest
            trimmed = _trim_quotes(span)
            if trimmed is not None:
                yield rule_id, trimmed


QUOTE_MARKS = frozenset("\"“”‘’'«»")


def _trim_quotes(span: Span) -> Span | None:
    """A pattern may start on a closing quotation mark; the finding is about the words. A comma or full stop
    set inside the closing mark ("a “genius,” he said") belongs to the sentence, not to the words."""
    start, end = span.start, span.end
    while start < end and span.doc[start].text in QUOTE_MARKS:
        start += 1
    closed = end
    while end > start and span.doc[end - 1].text in QUOTE_MARKS:
        end -= 1
    if end < closed and end - 1 > start and span.doc[end - 1].text in (",", "."):
        end -= 1
    return span.doc[start:end] if end > start else None


def _regions(
    rule_matcher: RuleMatcher, doc: Doc, words: np.ndarray, sentences: tuple[Span, ...], starts: np.ndarray
) -> list[Span]:
    """The sentences holding one of the rule's anchor words, or the whole doc for a rule without."""
    if rule_matcher.lower_anchors is None or rule_matcher.lemma_anchors is None:
        return [doc[:]]
    hits = np.isin(words[:, 0], rule_matcher.lower_anchors) | np.isin(words[:, 1], rule_matcher.lemma_anchors)
    tokens = np.flatnonzero(hits)
    if not tokens.size:
        return []
    # A couple of tokens past the sentence: sentence splits fall inside quotations ("wrote: “...").
    return [
        doc[sentences[i].start : min(len(doc), sentences[i].end + REGION_SPILL)]
        for i in np.unique(np.searchsorted(starts, tokens, side="right") - 1)
    ]


REGION_SPILL = 2


def requirements_met(rule: Rule, analysis: Analysis) -> bool:
    """A rule's article-level `requires` (an attack story, a perpetrator), for pattern and Python rules alike."""
    if "attack" in rule.requires and not analysis.context.attack:
        return False
    return not ("perpetrator" in rule.requires and not analysis.cast.perpetrators)


def _applies(rule: Rule, veto: CompiledVeto, analysis: Analysis, field_name: str, span: Span) -> bool:
    # Article-level requirements were settled in match_patterns, before any matching.
    if field_kind(field_name) not in rule.scope:
        return False
    if "quote" not in rule.scope and analysis.quote_at(field_name, span.start_char):
        return False
    sent = analysis.sentence_at(field_name, span.start_char)
    if "perpetrator-sentence" in rule.contexts and not analysis.refers_to_perpetrator(field_name, sent):
        return False
    if "violence-sentence" in rule.contexts and not analysis.has(field_name, sent, analysis.lexicon["violence"]):
        return False
    if "attack-sentence" in rule.contexts and not analysis.has(field_name, sent, analysis.lexicon["attack_any"]):
        return False
    return not _vetoed(veto, span, sent, analysis.texts[field_name])


def _vetoed(veto: CompiledVeto, span: Span, sent: Span, text: str) -> bool:
    if veto.sentence.found(sent, text[sent.start_char : sent.end_char].lower()):
        return True
    doc = span.doc
    before = doc[max(sent.start, span.start - veto.window) : span.start]
    after = doc[span.end : min(sent.end, span.end + veto.window)]
    return any(t.lower_ in veto.before for t in before) or any(t.lower_ in veto.after for t in after)


def _finding(rule: Rule, analysis: Analysis, field_name: str, span: Span) -> Finding:
    sentence_start = span[0].is_sent_start or span.start_char == 0
    display = field_kind(field_name) != "body"
    suggestions = fix_suggestions(rule, span.text, analysis.role.noun, sentence_start, display)
    return make_finding(rule, analysis, field_name, span.start_char, span.end_char, suggestions=suggestions)
