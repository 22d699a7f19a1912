"""Article-level balance: who gets the attention, whether victims are there, whether help is offered."""

from __future__ import annotations

from collections.abc import Iterator

from nofame.analysis import Analysis
from nofame.report import Suggestion
from nofame.ruleset.findings import Match
from nofame.ruleset.schema import Rule
from nofame.stats import attention_counts


def _applies(analysis: Analysis) -> bool:
    """Balance is judged on news reports about an attack, not on op-eds about coverage itself."""
    return analysis.context.attack and not analysis.context.commentary and "body" in analysis.docs


def _first_sentence(analysis: Analysis) -> tuple[str, int, int]:
    """Article-level findings point at the lede, where the story's focus is set."""
    sent = analysis.sentences["body"][0]
    return "body", sent.start_char, sent.end_char


def attention_imbalance(rule: Rule, analysis: Analysis) -> Iterator[Match]:
    if not _applies(analysis):
        return
    perpetrator, victims = attention_counts(analysis)
    minimum = int(rule.params.get("min_perpetrator_mentions", 5))
    ratio = float(rule.params.get("ratio", 1.5))
    if perpetrator >= minimum and perpetrator > ratio * max(victims, 1) - 1e-9 and perpetrator > victims:
        field_name, start, end = _first_sentence(analysis)
        yield Match(
            field_name,
            start,
            end,
            values=(("perpetrator", str(perpetrator)), ("victims", str(victims))),
            suggestions=(Suggestion("", "display-only"),),
            confidence=min(0.95, 0.5 + (perpetrator - victims) / (2 * perpetrator)),
        )


def missing_victim_focus(rule: Rule, analysis: Analysis) -> Iterator[Match]:
    if not _applies(analysis):
        return
    body = analysis.docs["body"]
    words = sum(1 for t in body if not t.is_punct and not t.is_space)
    if words < int(rule.params.get("min_words", 150)):
        return  # a three-paragraph news alert cannot have a victims section yet
    focus = analysis.terms(rule.id, "victim_focus")
    has_victims = any(a.role in ("victim", "helper") for a in analysis.cast.actors)
    if has_victims or focus.found(body, analysis.texts["body"].lower()):
        return
    field_name, start, end = _first_sentence(analysis)
    yield Match(field_name, start, end, suggestions=(Suggestion("", "display-only"),))


def missing_help_resources(rule: Rule, analysis: Analysis) -> Iterator[Match]:
    if not _applies(analysis):
        return
    body = analysis.docs["body"]
    text = analysis.texts["body"].lower()
    if analysis.terms(rule.id, "resources").found(body, text):
        return
    trauma = analysis.terms(rule.id, "suicide_or_trauma").found(body, text)
    end = len(analysis.texts["body"])
    # A zero-width insertion at the end of the body: the help box goes after the story.
    yield Match(
        "body",
        end,
        end,
        "trauma" if trauma else "",
        suggestions=(Suggestion("\n\n" + analysis.settings.help_text, "safe"),),
    )
