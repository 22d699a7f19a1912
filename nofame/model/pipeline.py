"""The one scikit-learn pipeline every model trains: TF-IDF text features, then a balanced logistic
regression calibrated with sigmoid scaling. Each model declares only what differs (its features and C)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class TextFeatures:
    """One TF-IDF block: `column` picks a column of a 2-D input (None: the input is one text per row)."""

    name: str
    options: Mapping[str, Any] = field(default_factory=dict)
    column: int | None = None


@dataclass(frozen=True)
class PipelineSpec:
    features: tuple[TextFeatures, ...]
    c: float  # inverse regularisation of the logistic regression


def build_pipeline(spec: PipelineSpec, folds: int = 5, seed: int = 0) -> Any:
    """An unfitted pipeline; `folds` is the calibration's cross-validation, `seed` the solver's."""
    # scikit-learn loads in a second or so: only the commands that train or load models pay for it.
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.compose import ColumnTransformer
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline

    columns = {block.column is None for block in spec.features}
    if len(columns) != 1:
        raise ValueError("a pipeline's text features either all name a column or none does")
    vectorizers = [(block.name, TfidfVectorizer(**block.options)) for block in spec.features]
    if columns == {True}:
        features: Any = FeatureUnion(vectorizers)
    else:
        features = ColumnTransformer(
            [
                (name, vectorizer, block.column)
                for (name, vectorizer), block in zip(vectorizers, spec.features, strict=True)
            ]
        )
    classifier = LogisticRegression(
        C=spec.c, solver="newton-cg", max_iter=3000, class_weight="balanced", random_state=seed
    )
    calibrated = CalibratedClassifierCV(classifier, method="sigmoid", cv=folds, ensemble=False)
    return Pipeline([("features", features), ("classifier", calibrated)])
