"""Framing: does a sentence glorify the attacker in words no lexicon lists?

Heroic, record, fame, mythologising and attacker-centred framing, against neutral reporting (facts
such as the toll, the weapon type and the motive as investigators state it are neutral; so are
heroes who stopped an attack, and records in sport or weather). Runs as the python rule
`model-framing` (rules/framing/model-framing.yml), which stays at `preview` unless its measured
precision on the test split is at least 0.9. The checker registers it as needing the `framing` model
and gives the loaded model in `analysis.models`; without it the rule finds nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from nofame.analysis import Analysis
from nofame.article import field_kind
from nofame.model.bundle import Bundle
from nofame.model.features import mention_spans, sentence_input
from nofame.model.pipeline import PipelineSpec, TextFeatures
from nofame.ruleset.findings import Match
from nofame.ruleset.schema import Rule

POSITIVE = "glorifying"
CLASSES = ("glorifying", "neutral")


PIPELINE = PipelineSpec(
    features=(
        TextFeatures("words", {"ngram_range": (1, 2), "sublinear_tf": True}),
        TextFeatures("chars", {"analyzer": "char_wb", "ngram_range": (2, 5), "min_df": 2, "sublinear_tf": True}),
    ),
    c=5.0,
)


def glorifying_probability(pipeline: Any, sentences: list[str]) -> list[float]:
    if not sentences:
        return []
    classes = [str(c) for c in pipeline.classes_]
    return [float(p) for p in pipeline.predict_proba(sentences)[:, classes.index(POSITIVE)]]


def model_framing(rule: Rule, analysis: Analysis) -> Iterator[Match]:
    """Flag whole sentences the framing model scores at or above its threshold, in attack stories,
    among the sentences about the attacker (his name, a role noun, or he/his right after) or about
    the attack (attack words): the framing is always of him or of his act."""
    bundle: Bundle | None = analysis.models.get("framing")
    if bundle is None or not analysis.context.attack:
        return
    if analysis.context.commentary:
        return  # an op-ed about coverage discusses glorifying words; it does not glorify
    threshold = bundle.threshold("decision")
    min_words = int(rule.params["min_words"])  # shorter sentences carry too few words to judge
    places: list[tuple[str, int, int]] = []
    inputs: list[str] = []
    for field_name, sentences in analysis.sentences.items():
        if field_kind(field_name) not in rule.scope:
            continue
        text = analysis.texts[field_name]
        mentions = mention_spans(analysis.cast.actors, field_name)
        for sent in sentences:
            start, end = sent.start_char, sent.end_char
            words = text[start:end].split()
            if len(words) < min_words:
                continue
            if "quote" not in rule.scope and analysis.quote_at(field_name, start) is not None:
                continue
            about_attacker = analysis.refers_to_perpetrator(field_name, sent)
            if not about_attacker and not analysis.has(field_name, sent, analysis.lexicon["attack_any"]):
                continue  # victims' life stories and vigils are not the attacker's framing
            places.append((field_name, start, end))
            inputs.append(sentence_input(text[start:end], start, mentions))
    for (field_name, start, end), p in zip(places, glorifying_probability(bundle.pipeline, inputs), strict=True):
        if p >= threshold:
            yield Match(field_name, start, end, confidence=p)
