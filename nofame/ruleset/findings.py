"""Build findings the same way for pattern and Python rules, quotations included."""

from __future__ import annotations

from dataclasses import replace

from nofame.analysis import Analysis
from nofame.article import field_kind
from nofame.report import Finding, Suggestion, lower_severity
from nofame.ruleset.schema import Rule


def make_finding(
    rule: Rule,
    analysis: Analysis,
    field_name: str,
    start: int,
    end: int,
    *,
    severity: str | None = None,
    suggestions: tuple[Suggestion, ...] = (),
    confidence: float = 0.9,
    message: str | None = None,
) -> Finding:
    text = analysis.texts.get(field_name, "")[start:end]
    severity = severity or rule.severity_in(field_kind(field_name))
    quote = analysis.quote_at(field_name, start)
    if quote is not None and severity != "critical":
        if quote.speaker_role == "official":
            # An official's words are news, but republishing the label still amplifies it.
            severity = lower_severity(severity)
            suggestions = tuple(replace(s, safety="unsafe") for s in suggestions)
        elif _in_critique(analysis, field_name, start):
            severity = lower_severity(severity, 2)
    return Finding(
        rule=rule.id,
        severity=severity,
        field=field_name,
        start=start,
        end=end,
        text=text,
        message=(message or rule.message).replace("{text}", text),
        rationale=rule.rationale,
        source=rule.source,
        suggestions=suggestions,
        confidence=confidence,
    )


def _in_critique(analysis: Analysis, field_name: str, start: int) -> bool:
    return analysis.is_critique(field_name, analysis.sentence_at(field_name, start))
