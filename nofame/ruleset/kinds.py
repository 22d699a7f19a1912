"""Rule kinds written as data, beyond patterns: what a story lacks (`absence`) and whom it gives its
attention to (`balance`), judged on news reports about an attack, not on op-eds about coverage itself;
where the perpetrator's name may not stand (`mentions`, in nofame.ruleset.custom.naming), and which links
and embeds lead to the attacker's material (`links`, in nofame.ruleset.pointers)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from types import MappingProxyType

from nofame.analysis import Analysis
from nofame.context import token_words
from nofame.doc_arrays import word_count
from nofame.report import Suggestion
from nofame.ruleset.custom.naming import name_mentions
from nofame.ruleset.findings import DISPLAY_ONLY, Match
from nofame.ruleset.pointers import links
from nofame.ruleset.schema import Rule
from nofame.stats import attention_counts


def _judged(analysis: Analysis) -> bool:
    return analysis.context.attack and not analysis.context.commentary and "body" in analysis.docs


def _lede(analysis: Analysis) -> tuple[str, int, int]:
    """Article-level findings point at the lede, where the story's focus is set."""
    sent = analysis.sentences["body"][0]
    return "body", sent.start_char, sent.end_char


def absence(rule: Rule, analysis: Analysis) -> Iterator[Match]:
    """The body holds none of the lexicon's words (nor, when `roles` are given, an actor in one of them)."""
    spec = rule.absence
    if spec is None or not _judged(analysis):
        return
    body, text = analysis.docs["body"], analysis.texts["body"].lower()
    if spec.min_words and word_count(body) < spec.min_words:
        return  # a three-paragraph news alert cannot have a victims section yet
    if any(a.role in spec.roles for a in analysis.cast.actors):
        return
    if analysis.terms(rule.id, spec.lexicon).found(body, text):
        return
    if spec.repeated and analysis.terms(rule.id, spec.repeated).count_in(token_words(body), text) >= spec.min_repeats:
        return  # "the victims" written once may only say they are not named yet
    case = next((name for name, lexicon in spec.cases if analysis.terms(rule.id, lexicon).found(body, text)), "")
    if spec.at == "end":
        end = len(analysis.texts["body"])
        # A zero-width insertion at the end of the body: the help box goes after the story.
        insert = (Suggestion("\n\n" + analysis.settings.help_text, "safe"),) if spec.insert == "help_text" else ()
        yield Match("body", end, end, case, suggestions=insert or DISPLAY_ONLY)
        return
    field_name, start, end = _lede(analysis)
    yield Match(field_name, start, end, case, suggestions=DISPLAY_ONLY)


def balance(rule: Rule, analysis: Analysis) -> Iterator[Match]:
    """The body refers to the perpetrator `ratio` times as often as to victims, survivors and helpers."""
    spec = rule.balance
    if spec is None or not _judged(analysis):
        return
    perpetrator, victims = attention_counts(analysis)
    if perpetrator >= spec.min_mentions and perpetrator > spec.ratio * max(victims, 1) - 1e-9 and perpetrator > victims:
        field_name, start, end = _lede(analysis)
        yield Match(
            field_name,
            start,
            end,
            values=(("perpetrator", str(perpetrator)), ("victims", str(victims))),
            suggestions=DISPLAY_ONLY,
            confidence=min(0.95, 0.5 + (perpetrator - victims) / (2 * perpetrator)),
        )


KindFunction = Callable[[Rule, Analysis], Iterator[Match]]
DECLARATIVE_KINDS: Mapping[str, KindFunction] = MappingProxyType(
    {"absence": absence, "balance": balance, "mentions": name_mentions, "links": links}
)
