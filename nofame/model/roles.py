"""Roles: who each named person is (perpetrator, victim, official, helper, other), with the rules.

The actor rules score weighted cues (apposition, titles, verbs); they are precise where a cue exists
and silent or split where none does. The model reads the words around all of a person's mentions,
the rule cues and the rules' verdict, and the two are combined by a small policy whose thresholds
are tuned on out-of-fold predictions of the training split:

- a role the user fixed (`--perpetrator`, the `perpetrators` setting) is never changed;
- a person the rules left as "other" takes the model's role when the model is confident (`fill`);
- a rule role with low confidence (a near tie) gives way to a confident model (`override` / `weak`),
  a confident rule role only to a very confident one (`strong`, above 1 when that never helped);
- any change to or from perpetrator needs more (`perpetrator`, at least 0.8 by design: a false
  perpetrator is the costliest error), and the model never makes a perpetrator when the user named
  the perpetrator;
- in an article that is not about an attack the model does nothing: it was trained on attack coverage.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from nofame.actors import Actor, Cast
from nofame.model.bundle import Bundle
from nofame.model.features import actor_input
from nofame.model.pipeline import PipelineSpec, TextFeatures

POLICY_KEYS = ("fill", "override", "weak", "perpetrator", "strong")
MODEL_CUE = "model:roles"


# Column 0: the words around the person's mentions; column 1: the rule cues and verdict, as marks.
PIPELINE = PipelineSpec(
    features=(
        TextFeatures("context", {"ngram_range": (1, 2), "sublinear_tf": True}, column=0),
        TextFeatures("marks", {"token_pattern": r"\S+", "lowercase": False, "sublinear_tf": True}, column=1),
    ),
    c=5.0,
)


def inputs(rows: Sequence[tuple[str, str]]) -> np.ndarray:
    """The pipeline's input: one row per actor, columns (context text, marks)."""
    out = np.empty((len(rows), 2), dtype=object)
    for i, (context, marks) in enumerate(rows):
        out[i, 0], out[i, 1] = context, marks
    return out


def probabilities(pipeline: Any, rows: Sequence[tuple[str, str]]) -> list[dict[str, float]]:
    if not rows:
        return []
    proba = pipeline.predict_proba(inputs(rows))
    classes = [str(c) for c in pipeline.classes_]
    return [{c: float(p) for c, p in zip(classes, row, strict=True)} for row in proba]


@dataclass(frozen=True)
class RolePolicy:
    fill: float = 0.6  # rules said "other": the model's role at this probability or more
    override: float = 0.8  # a weak rule role gives way to the model at this probability
    weak: float = 0.5  # rule confidence below which a rule role is weak (a near tie)
    perpetrator: float = 0.85  # any change to or from perpetrator needs this much
    strong: float = 1.01  # a confident rule role gives way only at this probability (above 1: never)

    @classmethod
    def from_thresholds(cls, thresholds: Mapping[str, float]) -> RolePolicy:
        return cls(**{k: float(thresholds[k]) for k in POLICY_KEYS})

    def as_dict(self) -> dict[str, float]:
        return {k: getattr(self, k) for k in POLICY_KEYS}


def decide(
    rule_role: str,
    rule_confidence: float,
    cues: Sequence[str],
    proba: Mapping[str, float],
    policy: RolePolicy,
    *,
    attack: bool,
    user_named: bool,
) -> tuple[str, float]:
    """The combined role and its confidence for one person."""
    if "override" in cues:
        return rule_role, rule_confidence
    best = max(proba, key=proba.__getitem__)
    p = proba[best]
    if best == rule_role:
        return rule_role, rule_confidence
    if rule_role == "other":
        need = policy.fill
    elif rule_confidence < policy.weak:
        need = policy.override
    else:
        need = policy.strong
    if "perpetrator" in (best, rule_role):
        need = max(need, policy.perpetrator)
    # a suspect the story clears, a defendant tried for something other than the attack
    if best == "perpetrator" and (not attack or user_named or "cleared" in cues or "lesser-charge" in cues):
        return rule_role, rule_confidence
    if p >= need:
        return best, round(p, 2)
    return rule_role, rule_confidence


def apply_roles(bundle: Bundle | None, cast: Cast, texts: Mapping[str, str], *, attack: bool) -> Cast:
    """A new Cast with the model's roles where the policy lets them win; the same Cast without a model."""
    if bundle is None or not cast.actors or not attack:
        return cast  # the model is trained on attack coverage: outside it, roles stay the rules' own
    policy = RolePolicy.from_thresholds(bundle.thresholds)
    user_named = any("override" in a.cues for a in cast.actors)
    probas = probabilities(bundle.pipeline, [actor_input(a, texts, cast.actors) for a in cast.actors])
    actors: list[Actor] = []
    changed: dict[str, str] = {}
    for actor, proba in zip(cast.actors, probas, strict=True):
        role, confidence = decide(
            actor.role, actor.confidence, actor.cues, proba, policy, attack=attack, user_named=user_named
        )
        if role == actor.role:
            actors.append(actor)
            continue
        changed[actor.id] = role
        actors.append(replace(actor, role=role, confidence=confidence, cues=(*actor.cues, MODEL_CUE)))
    if not changed:
        return cast
    quotes = tuple(replace(q, speaker_role=changed[q.speaker]) if q.speaker in changed else q for q in cast.quotes)
    return replace(cast, actors=tuple(actors), quotes=quotes)
