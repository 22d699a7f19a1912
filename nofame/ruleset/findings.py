"""Build findings the same way for pattern and Python rules, quotations included."""

from __future__ import annotations

from dataclasses import dataclass, replace

from nofame.analysis import Analysis
from nofame.article import field_kind
from nofame.errors import RuleError
from nofame.report import Finding, Suggestion, lower_severity
from nofame.ruleset.schema import Case, Rule

# Advice only: the finding needs an editor's judgement, no rewrite is offered.
DISPLAY_ONLY = (Suggestion("", "display-only"),)


@dataclass(frozen=True)
class Match:
    """What a rule function found: where, which of the rule's `cases` it is, and the values its message
    names ({count}, {href}). Severity and wording come from the rule's YAML, never from the function."""

    field: str
    start: int
    end: int
    case: str = ""  # empty: the rule's own severity and message
    values: tuple[tuple[str, str], ...] = ()
    suggestions: tuple[Suggestion, ...] = ()
    confidence: float = 0.9
    display: bool = False  # body text that reads as display text (a crosshead): the display severity


def finding_of(rule: Rule, analysis: Analysis, match: Match) -> Finding:
    """A rule function's match as a finding: the case's severity (per profile) and message, else the rule's;
    the rule's `while_at_large` severity while the suspect is at large."""
    case = Case()
    if match.case:
        if match.case not in rule.cases:
            raise RuleError(f"{rule.path}: the rule function returns case {match.case!r}; add it under 'cases'")
        case = rule.cases[match.case]
    shown_as = "dek" if match.display else field_kind(match.field)
    severity = case.severity_for(analysis.profile.name) or rule.severity_in(shown_as)
    if rule.while_at_large and analysis.cast.at_large:
        severity = rule.while_at_large
    message = case.message or rule.message
    for name, value in match.values:
        message = message.replace(f"{{{name}}}", value)
    return make_finding(
        rule,
        analysis,
        match.field,
        match.start,
        match.end,
        severity=severity,
        suggestions=match.suggestions,
        confidence=match.confidence,
        message=message,
    )


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
