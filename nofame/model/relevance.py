"""Relevance: is this article about a violent attack on people at all?

Cheap on purpose: word and character n-gram TF-IDF over the raw text and a calibrated logistic
regression, no spaCy parse, so the batch gate can run it on every article of an archive. Inside the
engine it corrects the lexicon's verdict (`ArticleContext.attack`) at two thresholds tuned out of
fold on the training split: below `veto` the attack rules stay quiet even if the lexicon fired
(sport, weather, film, software and war-history stories); at or above `assert` (where the model made
no false attack out of fold) the article is an attack story even if the lexicon missed it (short
court reports, arson, plots, rammings). In between, the lexicon decides.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from nofame.article import Article
from nofame.context import ArticleContext
from nofame.model.bundle import Bundle, ModelError, load_bundle
from nofame.model.features import article_text
from nofame.model.pipeline import PipelineSpec, TextFeatures

POSITIVE = "attack"
CLASSES = ("attack", "other")


PIPELINE = PipelineSpec(
    features=(
        TextFeatures("words", {"ngram_range": (1, 2), "min_df": 2, "sublinear_tf": True, "max_features": 20000}),
        TextFeatures(
            "chars",
            {"analyzer": "char_wb", "ngram_range": (3, 5), "min_df": 2, "sublinear_tf": True, "max_features": 30000},
        ),
    ),
    c=10.0,
)


def attack_probability(pipeline: Any, texts: Sequence[str]) -> np.ndarray:
    """P(attack) for each text (the model's input is `features.article_text`)."""
    classes = list(pipeline.classes_)
    if POSITIVE not in classes:
        raise ModelError(f"relevance model classes are {classes}, expected {list(CLASSES)}")
    return pipeline.predict_proba(list(texts))[:, classes.index(POSITIVE)]


def apply_relevance(
    bundle: Bundle | None,
    fields: Mapping[str, str],
    context: ArticleContext,
    *,
    perpetrator_found: bool = False,
    probability: float | None = None,
) -> tuple[ArticleContext, dict[str, Any]]:
    """The article context with the model's veto applied, and the stats to add to the report.
    `probability`: the model's P(attack) for these fields when the caller computed it (`probabilities`).

    The veto never silences an article that the lexicon and the perpetrator cues both call an attack:
    two independent signals outweigh a bag-of-words model on text unlike its training data.
    """
    if bundle is None:
        return context, {}
    if probability is None:
        probability = float(attack_probability(bundle.pipeline, [article_text(fields)])[0])
    if context.attack and not perpetrator_found and probability < bundle.threshold("veto"):
        context = replace(context, attack=False)
    elif not context.attack and probability >= bundle.threshold("assert"):
        context = replace(context, attack=True)
    return context, {"relevance": round(probability, 3)}


def probabilities(bundle: Bundle | None, field_sets: Sequence[Mapping[str, str]]) -> list[float | None]:
    """P(attack) of several articles in one call (the model's per-call overhead is paid once), or None
    each when the model is off."""
    if bundle is None or not field_sets:
        return [None] * len(field_sets)
    return [float(p) for p in attack_probability(bundle.pipeline, [article_text(f) for f in field_sets])]


@dataclass(frozen=True)
class RelevanceGate:
    """The batch gate (`nofame audit --gate relevance`): P(attack) at the recall-first threshold.
    Picklable, so worker processes receive it like the lexicon gate."""

    pipeline: Any
    threshold: float
    version: str
    name: str = "relevance"

    def __call__(self, article: Article) -> bool:
        return self.probability(article) >= self.threshold

    def decide(self, article: Article) -> tuple[bool, float]:
        """The verdict and P(attack) behind it (recorded as the row's `gate_score`)."""
        probability = self.probability(article)
        return probability >= self.threshold, probability

    def probability(self, article: Article) -> float:
        return float(attack_probability(self.pipeline, [article_text(article.fields())])[0])


def relevance_gate(version: str | None = None, root: Path | None = None) -> RelevanceGate:
    """The gate from the relevance model at `version` (None: the relevance model is switched off in the
    settings) under `root` (None: the models shipped with nofame)."""
    if version is None:
        raise ModelError("the relevance model is disabled in the `models` setting; use --gate lexicon")
    bundle = load_bundle("relevance", version, root)
    return RelevanceGate(bundle.pipeline, bundle.threshold("gate"), bundle.version)
