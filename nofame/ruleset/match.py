"""Run the compiled pattern rules over an analysed article."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from nofame.analysis import Analysis
from nofame.article import field_kind
from nofame.context import sentence_has
from nofame.report import Finding
from nofame.ruleset.compile import CompiledRules, CompiledVeto
from nofame.ruleset.findings import make_finding
from nofame.ruleset.fixes import fix_suggestions
from nofame.ruleset.schema import Rule


def match_patterns(compiled: CompiledRules, analysis: Analysis, active: frozenset[str]) -> Iterator[Finding]:
    for field_name, doc in analysis.docs.items():
        for rule_id, span in _spans(compiled, doc, active):
            rule = compiled.rules[rule_id]
            if _applies(rule, compiled.vetoes[rule_id], analysis, field_name, span):
                yield _finding(rule, analysis, field_name, span)


def _spans(compiled: CompiledRules, doc: Doc, active: frozenset[str]) -> Iterator[tuple[str, Span]]:
    by_rule: dict[str, list[Span]] = {}
    vocab = doc.vocab.strings
    for match_id, start, end in [*compiled.matcher(doc), *compiled.phrase_matcher(doc)]:
        rule_id = vocab[match_id]
        if rule_id in active:
            by_rule.setdefault(rule_id, []).append(doc[start:end])
    for rule_id, spans in by_rule.items():
        for span in filter_spans(spans):  # overlapping matches of one rule: keep the longest
            trimmed = _trim_quotes(span)
            if trimmed is not None:
                yield rule_id, trimmed


QUOTE_MARKS = frozenset('"“”‘’\'«»')


def _trim_quotes(span: Span) -> Span | None:
    """A pattern may start on a closing quotation mark; the finding is about the words."""
    start, end = span.start, span.end
    while start < end and span.doc[start].text in QUOTE_MARKS:
        start += 1
    while end > start and span.doc[end - 1].text in QUOTE_MARKS:
        end -= 1
    return span.doc[start:end] if end > start else None


def _applies(rule: Rule, veto: CompiledVeto, analysis: Analysis, field_name: str, span: Span) -> bool:
    if field_kind(field_name) not in rule.scope:
        return False
    if "quote" not in rule.scope and analysis.quote_at(field_name, span.start_char):
        return False
    if "attack" in rule.requires and not analysis.context.attack:
        return False
    if "perpetrator" in rule.requires and not analysis.cast.perpetrators:
        return False
    sent = analysis.sentence_at(field_name, span.start_char)
    if "perpetrator-sentence" in rule.contexts and not analysis.refers_to_perpetrator(field_name, sent):
        return False
    if "violence-sentence" in rule.contexts and not sentence_has(sent, analysis.lexicon["violence"]):
        return False
    if "attack-sentence" in rule.contexts and not sentence_has(sent, analysis.lexicon["attack_any"]):
        return False
    return not _vetoed(veto, span, sent)


def _vetoed(veto: CompiledVeto, span: Span, sent: Span) -> bool:
    if veto.sentence.found(sent, sent.text.lower()):
        return True
    doc = span.doc
    before = doc[max(sent.start, span.start - veto.window) : span.start]
    after = doc[span.end : min(sent.end, span.end + veto.window)]
    return any(t.lower_ in veto.before for t in before) or any(t.lower_ in veto.after for t in after)


def _finding(rule: Rule, analysis: Analysis, field_name: str, span: Span) -> Finding:
    sentence_start = span[0].is_sent_start or span.start_char == 0
    display = field_kind(field_name) != "body"
    suggestions = fix_suggestions(rule, span.text, analysis.context.role_noun, sentence_start, display)
    return make_finding(rule, analysis, field_name, span.start_char, span.end_char, suggestions=suggestions)
