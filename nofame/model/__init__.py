"""Trained models where rules are weak: relevance, roles and framing.

Each model is a scikit-learn pipeline (the vectorisers travel with the estimator) saved with skops in
an immutable folder `models/<name>/vN/` next to its manifest and test metrics. `features` turns engine
objects (fields, actors, sentences) into the pipelines' inputs; `bundle` saves and loads the folders
safely; `train` rebuilds a model from `models/data/<name>/`; `relevance`, `roles` and `framing` apply
the loaded models inside the engine; `predict` holds the loaded models of one Checker.
"""

MODEL_NAMES = ("relevance", "roles", "framing")
