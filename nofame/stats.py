"""Article statistics and the actor summary shown in every report."""

from __future__ import annotations

from typing import Any

from nofame.actors import Cast
from nofame.analysis import Analysis
from nofame.context import token_words
from nofame.doc_arrays import word_count
from nofame.report import ActorSummary


def summarise_actors(cast: Cast, *, about_attack: bool = True) -> tuple[ActorSummary, ...]:
    """The cast as reported. "Perpetrator" means the perpetrator of the attack the article is about: in
    ordinary crime news (one victim, no attack), where naming rules do not apply, the killer is "other"."""
    return tuple(
        ActorSummary(
            id=a.id,
            name=a.name,
            role="other" if a.role == "perpetrator" and not about_attack else a.role,
            aliases=a.aliases,
            mentions=len(a.mentions),
            confidence=a.confidence,
        )
        for a in cast.actors
    )


def attention_counts(analysis: Analysis) -> tuple[int, int]:
    """(perpetrator, victim) attention in the body: names plus role nouns for each side."""
    body = analysis.docs.get("body")
    if body is None:
        return 0, 0
    perpetrator_names = sum(1 for m in analysis.perpetrator_mentions if m.field == "body")
    victim_names = sum(
        1 for a in analysis.cast.actors if a.role in ("victim", "helper") for m in a.mentions if m.field == "body"
    )
    text = analysis.texts["body"].lower()
    words = token_words(body)
    perpetrator_nouns = analysis.lexicon["perpetrator_nouns"].count_in(words, text)
    victim_nouns = analysis.lexicon["victim_nouns"].count_in(words, text)
    return perpetrator_names + perpetrator_nouns, victim_names + victim_nouns


def article_stats(analysis: Analysis) -> dict[str, Any]:
    body = analysis.docs.get("body")
    perpetrator_attention, victim_attention = attention_counts(analysis)
    return {
        "words": word_count(body) if body is not None else 0,
        "about_attack": analysis.context.attack,
        "at_large": analysis.cast.at_large,
        "perpetrator_mentions": len(analysis.perpetrator_mentions),
        "perpetrator_name_in_headline": any(m.field == "headline" for m in analysis.perpetrator_mentions),
        "victim_mentions": victim_attention,
        "perpetrator_attention": perpetrator_attention,
        "role_noun": analysis.role.noun,
    }
