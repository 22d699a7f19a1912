"""`nofame train NAME`: rebuild a model from `models/data/NAME/` into a new immutable `models/NAME/vN/`.

Every model follows the same steps, with a fixed seed:

1. read `train.jsonl` and `test.jsonl` (the test split is only ever used in step 4);
2. out-of-fold predictions on the training split (grouped folds where rows share a story) tune the
   thresholds and, for roles, the policy that combines the model with the rule cues;
3. fit the pipeline (vectorisers + logistic regression, probabilities calibrated with Platt scaling
   in inner folds) on the whole training split;
4. score the model and the rules-only baseline on the test split: precision, recall and F1 per class;
5. write `vN/` (model.skops, manifest.json, metrics.json) and refresh the tables in models/README.md.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

import nofame
from nofame.article import Article
from nofame.batch.gate import lexicon_gate
from nofame.checker import Checker, build_checker, check
from nofame.context import article_context
from nofame.errors import NofameError
from nofame.model import MODEL_NAMES
from nofame.model.bundle import (
    METRICS_FILE,
    ModelError,
    check_name,
    models_root,
    save_bundle,
    sha256_file,
    versions,
)
from nofame.model.features import actor_input, article_text, mask_names
from nofame.model.pipeline import build_pipeline
from nofame.resources import read_jsonl
from nofame.settings import DEFAULT_MODELS, Settings

TASKS = {
    "relevance": "article -> attack | other (is it about a violent attack on people?)",
    "roles": "named person with the contexts of its mentions -> perpetrator | victim | official | helper | other",
    "framing": "sentence -> glorifying | neutral (heroic, record, fame, mythologising, attacker-centred framing)",
}
GRID = tuple(round(float(x), 2) for x in np.arange(0.05, 0.96, 0.05))
FRAMING_PRECISION = 0.9  # the bar for the framing rule to leave preview
# Share of glorifying sentences assumed in the attack-story sentences the rule reads (an upper
# estimate: most coverage has none); the threshold is chosen for precision at this share.
FRAMING_PRIOR = 0.1
# A sentence the baseline reads as part of an attack story, so the attack-only rules may fire on it.
FRAMING_PREAMBLE = "Police said a gunman killed four people and wounded six others at a shopping centre on Saturday."
# Rules in rules/framing that are about glorification (sensational-language is about tone).
GLORIFICATION_RULES = frozenset(
    {"body-count-record", "fame-framing", "leaderboard", "mythologizing-label", "perpetrator-biography-focus"}
)


@dataclass(frozen=True)
class Dataset:
    name: str
    train: list[dict[str, Any]]
    test: list[dict[str, Any]]
    train_path: Path
    test_path: Path


@dataclass(frozen=True)
class TrainResult:
    name: str
    path: Path
    metrics: dict[str, Any]


def data_root() -> Path:
    return models_root() / "data"


REQUIRED = {
    "relevance": {"id": str, "body": str, "label": str},
    "roles": {"id": str, "body": str, "people": dict},
    "framing": {"id": str, "group": str, "text": str, "label": str},
}
LABELS = {"relevance": ("attack", "other"), "framing": ("glorifying", "neutral")}
ROLE_LABELS = ("perpetrator", "victim", "official", "helper", "other")


def _read_jsonl(path: Path, name: str) -> list[dict[str, Any]]:
    if not path.is_file():
        raise ModelError(f"training data {path} not found")
    rows = []
    for number, row in read_jsonl(path, ModelError):
        for key, kind in REQUIRED[name].items():
            if not isinstance(row.get(key), kind):
                raise ModelError(f"{path}:{number}: '{key}' must be a {kind.__name__}")
        if name in LABELS and row["label"] not in LABELS[name]:
            raise ModelError(f"{path}:{number}: label {row['label']!r} not in {LABELS[name]}")
        if name == "roles" and not all(r in ROLE_LABELS for r in row["people"].values()):
            raise ModelError(f"{path}:{number}: roles must be among {ROLE_LABELS}")
        rows.append(row)
    return rows


def load_dataset(name: str, root: Path | None = None) -> Dataset:
    check_name(name)
    folder = (root or data_root()) / name
    train_path, test_path = folder / "train.jsonl", folder / "test.jsonl"
    train, test = _read_jsonl(train_path, name), _read_jsonl(test_path, name)
    shared = {r["id"] for r in train} & {r["id"] for r in test}
    if name == "framing":
        shared |= {r["group"] for r in train} & {r["group"] for r in test}
    if shared:
        raise ModelError(f"{folder}: rows or groups in both splits: {', '.join(sorted(shared)[:5])}")
    return Dataset(name, train, test, train_path, test_path)


# ---------------------------------------------------------------------------------------------
# Scores


def scores(y_true: Sequence[str], y_pred: Sequence[str], labels: Sequence[str]) -> dict[str, Any]:
    from sklearn.metrics import precision_recall_fscore_support

    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, labels=list(labels), zero_division=0)
    per_class = {
        label: {"precision": round(float(p[i]), 3), "recall": round(float(r[i]), 3), "f1": round(float(f[i]), 3),
                "support": int(s[i])}
        for i, label in enumerate(labels)
    }  # fmt: skip
    correct = sum(t == q for t, q in zip(y_true, y_pred, strict=True))
    return {
        "per_class": per_class,
        "macro_f1": round(float(np.mean(f)), 3),
        "accuracy": round(correct / max(len(y_true), 1), 3),
    }


def wilson_lower(successes: int, total: int, z: float = 1.96) -> float:
    """Lower bound of the 95% Wilson interval: how low a measured precision could plausibly be."""
    if total == 0:
        return 0.0
    p = successes / total
    centre = p + z * z / (2 * total)
    margin = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total))
    return round((centre - margin) / (1 + z * z / total), 3)


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _binary_counts(positive: np.ndarray, predicted: np.ndarray) -> tuple[int, int, int]:
    return int(np.sum(positive & predicted)), int(np.sum(~positive & predicted)), int(np.sum(positive & ~predicted))


# ---------------------------------------------------------------------------------------------
# Folds


def _folds(labels: Sequence[str], wanted: int) -> int:
    """As many folds as asked, but no more than the rarest class has rows (tiny test sets)."""
    return max(2, min(wanted, min(Counter(labels).values())))


def _oof_proba(
    make: Callable[[int], Any], x: Any, y: Sequence[str], groups: Sequence[str] | None, folds: int, seed: int
) -> tuple[np.ndarray, list[str]]:
    """Out-of-fold class probabilities on the training split, columns in sorted class order."""
    from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold

    classes = sorted(set(y))
    y_arr = np.array(y)
    out = np.zeros((len(y), len(classes)))
    k = _folds(y, folds)
    if groups is None:
        splitter = StratifiedKFold(n_splits=k, shuffle=True, random_state=seed).split(np.zeros(len(y)), y_arr)
    else:
        splitter = StratifiedGroupKFold(n_splits=k, shuffle=True, random_state=seed).split(
            np.zeros(len(y)), y_arr, np.array(groups)
        )
    for fit_idx, held_idx in splitter:
        inner = _folds(list(y_arr[fit_idx]), folds)
        model = make(inner).fit(_take(x, fit_idx), y_arr[fit_idx])
        proba = model.predict_proba(_take(x, held_idx))
        for j, c in enumerate(model.classes_):
            out[held_idx, classes.index(str(c))] = proba[:, j]
    return out, classes


def _take(x: Any, idx: np.ndarray) -> Any:
    return x[idx] if isinstance(x, np.ndarray) else [x[i] for i in idx]


# ---------------------------------------------------------------------------------------------
# The checker used for baselines (rules only, models off)


def _baseline_checker(checker: Checker | None) -> Checker:
    return checker if checker is not None else build_checker(Settings(models=()))


def _fields(row: Mapping[str, Any]) -> dict[str, str]:
    return {k: row[k] for k in ("headline", "dek", "body") if isinstance(row.get(k), str) and row[k].strip()}


def _parse(checker: Checker, field_sets: Sequence[dict[str, str]]) -> list[dict[str, Any]]:
    texts = [t for fields in field_sets for t in fields.values()]
    docs = iter(checker.nlp.pipe(texts))
    return [{name: next(docs) for name in fields} for fields in field_sets]


# ---------------------------------------------------------------------------------------------
# relevance


def _train_relevance(ds: Dataset, checker: Checker | None, folds: int, seed: int) -> tuple[Any, dict, dict]:
    from nofame.model.relevance import PIPELINE, attack_probability

    base = _baseline_checker(checker)
    x_train = [article_text(_fields(r)) for r in ds.train]
    y_train = [r["label"] for r in ds.train]
    # Cuts and padded copies of one article share its group, so out-of-fold never sees its own text.
    groups = [r.get("group", r["id"]) for r in ds.train]
    oof, classes = _oof_proba(lambda k: build_pipeline(PIPELINE, k, seed), x_train, y_train, groups, folds, seed)
    p_oof = oof[:, classes.index("attack")]
    positive = np.array([y == "attack" for y in y_train])
    lexicon_train = np.array(
        [article_context(d, f, base.context_lexicon).attack for d, f in _with_docs(base, ds.train)]
    )

    decision = max(GRID, key=lambda t: (_f1(*_binary_counts(positive, p_oof >= t)), -abs(t - 0.5)))
    # Recall first for the gate: the highest threshold that keeps every attack article out of fold.
    gate = max([t for t in GRID if np.all(p_oof[positive] >= t)] or [GRID[0]])
    gate = min(gate, decision)
    # The engine's veto keeps every attack the lexicon finds in a whole article (out of fold), with half
    # as margin. Cuts ("#cutN" rows) train the gate, which sees partial text; the engine sees articles.
    whole = np.array(["#cut" not in r["id"] for r in ds.train])
    kept = positive & lexicon_train & whole
    keeps = [t for t in GRID if np.sum(kept & (p_oof >= t)) == np.sum(kept)]
    veto = round((max(keeps) if keeps else GRID[0]) / 2, 3)
    # Where the model alone is sure (no false attack out of fold at or above it), it overrules the lexicon.
    sure = [t for t in GRID if t >= decision and np.any(p_oof >= t) and np.all(positive[p_oof >= t])]
    assertive = min(sure) if sure else 1.01
    thresholds = {"decision": decision, "gate": gate, "veto": veto, "assert": assertive}

    pipeline = build_pipeline(PIPELINE, _folds(y_train, folds), seed).fit(x_train, y_train)
    x_test = [article_text(_fields(r)) for r in ds.test]
    y_test = [r["label"] for r in ds.test]
    p_test = attack_probability(pipeline, x_test)
    lexicon_test = [article_context(d, f, base.context_lexicon).attack for d, f in _with_docs(base, ds.test)]
    gate_rules = lexicon_gate()
    gate_test = [gate_rules(Article(**_fields(r))) for r in ds.test]

    def label(flags: Sequence[bool]) -> list[str]:
        return ["attack" if f else "other" for f in flags]

    labels = ("attack", "other")
    model = scores(y_test, label(p_test >= decision), labels)
    baseline = scores(y_test, label(lexicon_test), labels)
    systems = {
        "engine, veto only: rules context AND p >= veto": scores(
            y_test, label([a and p >= veto for a, p in zip(lexicon_test, p_test, strict=True)]), labels
        ),
        "engine as shipped: (rules context AND p >= veto) OR p >= assert": scores(
            y_test,
            label([(a and p >= veto) or p >= assertive for a, p in zip(lexicon_test, p_test, strict=True)]),
            labels,
        ),
        "gate: model at the recall-first threshold": scores(y_test, label(p_test >= gate), labels),
        "gate: lexicon gate (rules)": scores(y_test, label(gate_test), labels),
    }
    metrics = _metrics(
        "relevance", ds, model, baseline, "rules: ArticleContext.attack (context lexicon)", thresholds, systems
    )
    metrics["errors"] = _relevance_errors(ds.test, p_test, decision)
    return pipeline, {"thresholds": thresholds, "classes": list(labels)}, metrics


def _with_docs(checker: Checker, rows: Sequence[Mapping[str, Any]]) -> list[tuple[dict, dict]]:
    field_sets = [_fields(r) for r in rows]
    return list(zip(_parse(checker, field_sets), field_sets, strict=True))


def _relevance_errors(rows: Sequence[Mapping[str, Any]], p: np.ndarray, t: float) -> list[dict[str, Any]]:
    return [
        {"id": r["id"], "label": r["label"], "p_attack": round(float(q), 3)}
        for r, q in zip(rows, p, strict=True)
        if (q >= t) != (r["label"] == "attack")
    ]


# ---------------------------------------------------------------------------------------------
# roles


@dataclass(frozen=True)
class _Person:
    story: str
    name: str
    gold: str
    rule_role: str
    rule_confidence: float
    cues: tuple[str, ...]
    features: tuple[str, str] | None  # None: the engine did not find this person
    attack: bool


def _match(actors: Sequence[Any], name: str) -> Any | None:
    wanted = name.casefold()
    for actor in actors:
        if actor.name.casefold() == wanted or wanted in (a.casefold() for a in actor.aliases):
            return actor
    surname = wanted.split()[-1]
    close = [a for a in actors if a.name.casefold().split()[-1] == surname and a.name.casefold() in wanted]
    return close[0] if len(close) == 1 else None


def role_people(checker: Checker, rows: Sequence[Mapping[str, Any]]) -> list[_Person]:
    """Each labelled person of each story, with what the rules (find_cast) made of it, and every
    other actor the engine found there (places or groups read as names) as "other": the model sees
    all of a cast at run time, so it must learn those too."""
    from nofame.actors import find_cast

    people = []
    for (docs, fields), row in zip(_with_docs(checker, rows), rows, strict=True):
        attack = article_context(docs, fields, checker.context_lexicon).attack
        cast = find_cast(docs, lexicon=checker.actor_lexicon, attack=attack)
        matched = set()
        for name, gold in row["people"].items():
            actor = _match(cast.actors, name)
            if actor is None:
                people.append(_Person(row["id"], name, gold, "other", 0.0, (), None, attack))
                continue
            matched.add(actor.id)
            people.append(
                _Person(row["id"], name, gold, actor.role, actor.confidence, actor.cues,
                        actor_input(actor, fields, cast.actors), attack)
            )  # fmt: skip
        for actor in cast.actors:
            if actor.id not in matched:
                people.append(
                    _Person(row["id"], actor.name, "other", actor.role, actor.confidence, actor.cues,
                            actor_input(actor, fields, cast.actors), attack)
                )  # fmt: skip
    return people


def _combined(people: Sequence[_Person], probas: Sequence[dict[str, float] | None], policy: Any) -> list[str]:
    from nofame.model.roles import decide

    out = []
    for person, proba in zip(people, probas, strict=True):
        if proba is None or not person.attack:  # as in roles.apply_roles
            out.append(person.rule_role)
            continue
        role, _ = decide(
            person.rule_role,
            person.rule_confidence,
            person.cues,
            proba,
            policy,
            attack=person.attack,
            user_named=False,
        )
        out.append(role)
    return out


def _tune_policy(people: Sequence[_Person], oof: np.ndarray, classes: list[str]) -> Any:
    """The policy with the best macro-F1 of rules + model out of fold (vectorised over the people);
    ties go to the more cautious policy (higher thresholds)."""
    from nofame.model.roles import RolePolicy

    labels = list(ROLE_LABELS)
    index = {c: labels.index(c) for c in classes}
    gold = np.array([labels.index(p.gold) for p in people])
    rule = np.array([labels.index(p.rule_role) for p in people])
    confidence = np.array([p.rule_confidence for p in people])
    attack = np.array([p.attack for p in people])
    top = np.array([index[classes[i]] for i in oof.argmax(axis=1)])
    top_p = oof.max(axis=1)
    perpetrator, other = labels.index("perpetrator"), labels.index("other")
    touches_perpetrator = (top == perpetrator) | (rule == perpetrator)
    allowed = (top != rule) & attack  # as in roles.apply_roles: the model acts in attack stories only

    def macro_f1(predicted: np.ndarray) -> float:
        confusion = np.bincount(gold * len(labels) + predicted, minlength=len(labels) ** 2).reshape(len(labels), -1)
        tp = np.diag(confusion)
        denominator = confusion.sum(axis=0) + confusion.sum(axis=1)
        return float(np.mean(np.divide(2 * tp, denominator, out=np.zeros(len(labels)), where=denominator > 0)))

    best, best_key = RolePolicy(), (macro_f1(rule), 2.0, 2.0, 0.0, 2.0, 2.0)
    for weak in (0.3, 0.4, 0.5, 0.6, 0.7):
        for fill in GRID[1::2]:
            for override in GRID[1::2]:
                for strong in (0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.01):
                    need = np.where(rule == other, fill, np.where(confidence < weak, override, strong))
                    for perpetrator_t in GRID[15:]:  # a false perpetrator costs most: never below 0.8
                        needed = np.where(touches_perpetrator, np.maximum(need, perpetrator_t), need)
                        predicted = np.where(allowed & (top_p >= needed), top, rule)
                        key = (round(macro_f1(predicted), 4), fill, override, -weak, perpetrator_t, strong)
                        if key > best_key:
                            best, best_key = RolePolicy(fill, override, weak, perpetrator_t, strong), key
    return best


def _train_roles(ds: Dataset, checker: Checker | None, folds: int, seed: int) -> tuple[Any, dict, dict]:
    from nofame.model.roles import PIPELINE, inputs, probabilities

    base = _baseline_checker(checker)
    train_people = role_people(base, ds.train)
    found = [p for p in train_people if p.features is not None]
    x = inputs([p.features for p in found])  # type: ignore[misc]
    y = [p.gold for p in found]
    oof, classes = _oof_proba(lambda k: build_pipeline(PIPELINE, k, seed), x, y, [p.story for p in found], folds, seed)

    best = _tune_policy(found, oof, classes)
    pipeline = build_pipeline(PIPELINE, _folds(y, folds), seed).fit(x, y)
    test_people = role_people(base, ds.test)
    test_found = [p for p in test_people if p.features is not None]
    found_probas = iter(probabilities(pipeline, [p.features for p in test_found]))  # type: ignore[misc]
    probas = [next(found_probas) if p.features is not None else None for p in test_people]
    gold = [p.gold for p in test_people]
    model = scores(gold, _combined(test_people, probas, best), ROLE_LABELS)
    baseline = scores(gold, [p.rule_role for p in test_people], ROLE_LABELS)
    alone = [max(q, key=q.__getitem__) if q else "other" for q in probas]
    systems = {"model alone (no rule policy)": scores(gold, alone, ROLE_LABELS)}
    thresholds = best.as_dict()
    metrics = _metrics(
        "roles", ds, model, baseline, "rules: actor cues (find_cast roles)", thresholds, systems,
        note="model = rules combined with the model by the policy; people the engine does not find count as 'other'",
    )  # fmt: skip
    metrics["people"] = {
        "train": len(train_people),
        "train_found_by_engine": len(found),
        "test": len(test_people),
        "test_found_by_engine": len(test_found),
    }
    metrics["changed_on_test"] = [
        {"story": p.story, "name": p.name, "gold": p.gold, "rules": p.rule_role, "combined": c}
        for p, c in zip(test_people, _combined(test_people, probas, best), strict=True)
        if c != p.rule_role
    ]
    return pipeline, {"thresholds": thresholds, "classes": list(ROLE_LABELS)}, metrics


# ---------------------------------------------------------------------------------------------
# framing


def framing_baseline(checker: Checker, rows: Sequence[Mapping[str, Any]], rule_ids: frozenset[str]) -> list[bool]:
    """Whether any of the given pattern rules fires on each sentence, read inside an attack story."""
    disabled = frozenset(r.id for r in checker.rules if r.id not in rule_ids)
    out = []
    for row in rows:
        names = row.get("names", {})
        perpetrators = tuple(n for n, role in names.items() if role == "perpetrator")
        settings = Settings(include_preview=True, disabled_rules=disabled, perpetrators=perpetrators, models=())
        offset = len(FRAMING_PREAMBLE) + 1
        report = check(checker, Article(body=f"{FRAMING_PREAMBLE} {row['text']}"), settings)
        out.append(any(f.field == "body" and f.end > offset and f.rule in rule_ids for f in report.findings))
    return out


def _train_framing(ds: Dataset, checker: Checker | None, folds: int, seed: int) -> tuple[Any, dict, dict]:
    from nofame.model.framing import PIPELINE, glorifying_probability

    x = [mask_names(r["text"], r.get("names", {})) for r in ds.train]
    y = [r["label"] for r in ds.train]
    oof, classes = _oof_proba(
        lambda k: build_pipeline(PIPELINE, k, seed), x, y, [r["group"] for r in ds.train], folds, seed
    )
    p_oof = oof[:, classes.index("glorifying")]
    positive = np.array([label == "glorifying" for label in y])

    # Precision as it would be where glorifying sentences are as rare as in real coverage (the
    # training set has far more of them): positives and negatives reweighted to FRAMING_PRIOR.
    weight_pos = FRAMING_PRIOR / positive.mean()
    weight_neg = (1 - FRAMING_PRIOR) / (1 - positive.mean())

    def precision_at(t: float) -> float:
        tp, fp, _ = _binary_counts(positive, p_oof >= t)
        return tp * weight_pos / (tp * weight_pos + fp * weight_neg) if tp + fp else 0.0

    precise = [t for t in GRID if precision_at(t) >= FRAMING_PRECISION and np.any(positive & (p_oof >= t))]
    if precise:  # the lowest threshold that reaches the precision bar out of fold: most recall
        decision = min(precise)
    else:
        decision = max(GRID, key=lambda t: _f1(*_binary_counts(positive, p_oof >= t)))
    thresholds = {"decision": decision}

    pipeline = build_pipeline(PIPELINE, _folds(y, folds), seed).fit(x, y)
    x_test = [mask_names(r["text"], r.get("names", {})) for r in ds.test]
    y_test = [r["label"] for r in ds.test]
    p_test = np.array(glorifying_probability(pipeline, x_test))

    base = _baseline_checker(checker)
    framing_ids = frozenset(r.id for r in base.rules if r.category == "framing" and r.kind == "pattern")

    def label(flags: Sequence[bool]) -> list[str]:
        return ["glorifying" if f else "neutral" for f in flags]

    labels = ("glorifying", "neutral")
    any_rule = scores(y_test, label(framing_baseline(base, ds.test, framing_ids)), labels)
    glorifying_rules = scores(y_test, label(framing_baseline(base, ds.test, framing_ids & GLORIFICATION_RULES)), labels)
    # The stronger of the two rules-only baselines is the one to beat.
    if glorifying_rules["macro_f1"] > any_rule["macro_f1"]:
        baseline, name = glorifying_rules, "rules: glorification pattern rules of rules/framing fire on the sentence"
        other = {"baseline: any rules/framing pattern rule fires (incl. sensational-language)": any_rule}
    else:
        baseline, name = any_rule, "rules: any rules/framing pattern rule fires on the sentence"
        other = {"baseline: glorification pattern rules only": glorifying_rules}
    model = scores(y_test, label(p_test >= decision), labels)
    metrics = _metrics("framing", ds, model, baseline, name, thresholds, other)
    predicted = p_test >= decision
    tp = int(np.sum(predicted & (np.array(y_test) == "glorifying")))
    flagged = int(np.sum(predicted))
    fp = flagged - tp
    test_pos = int(np.sum(np.array(y_test) == "glorifying"))
    w_pos, w_neg = FRAMING_PRIOR / (test_pos / len(y_test)), (1 - FRAMING_PRIOR) / (1 - test_pos / len(y_test))
    metrics["precision_bar"] = {
        "required": FRAMING_PRECISION,
        "test_precision": round(tp / flagged, 3) if flagged else 0.0,
        "assumed_share_glorifying": FRAMING_PRIOR,
        "test_precision_at_that_share": round(tp * w_pos / (tp * w_pos + fp * w_neg), 3) if flagged else 0.0,
        "wilson_95_lower": wilson_lower(tp, flagged),
        "flagged": flagged,
        "meets_bar": bool(flagged and tp / flagged >= FRAMING_PRECISION),
    }
    metrics["errors"] = [
        {"id": r["id"], "label": r["label"], "p_glorifying": round(float(p), 3)}
        for r, p in zip(ds.test, p_test, strict=True)
        if (p >= decision) != (r["label"] == "glorifying")
    ]
    return pipeline, {"thresholds": thresholds, "classes": list(labels)}, metrics


# ---------------------------------------------------------------------------------------------


def _metrics(
    name: str,
    ds: Dataset,
    model: dict[str, Any],
    baseline: dict[str, Any],
    baseline_name: str,
    thresholds: Mapping[str, float],
    systems: Mapping[str, Any],
    note: str = "",
) -> dict[str, Any]:
    return {
        "model": name,
        "split": "test",
        "test_rows": len(ds.test),
        "thresholds": dict(thresholds),
        "scores": {"model": model, "baseline": baseline},
        "baseline": baseline_name,
        "beats_baseline": model["macro_f1"] > baseline["macro_f1"],
        "other_systems": dict(systems),
        **({"note": note} if note else {}),
    }


def refuse_installed_package(models: Path) -> None:
    """Models are written to a folder the user names, never into the installed package (a read-only
    site-packages, or one the next upgrade replaces)."""
    package = Path(nofame.__file__).resolve().parent
    if models.resolve().is_relative_to(package):
        raise NofameError(f"{models} is inside the installed nofame package; train into a folder of your own")


TRAINERS = {"relevance": _train_relevance, "roles": _train_roles, "framing": _train_framing}


def train(
    name: str,
    *,
    data: Path | None = None,
    models: Path,
    checker: Checker | None = None,
    folds: int = 5,
    seed: int = 0,
    update_readme: bool = True,
) -> TrainResult:
    """Train one model and write it to a new version folder; returns the folder and its metrics."""
    check_name(name)
    refuse_installed_package(models)
    dataset = load_dataset(name, data)
    if len(dataset.train) < 4 or len(dataset.test) < 2:
        raise NofameError(f"model {name}: too little data ({len(dataset.train)} train, {len(dataset.test)} test rows)")
    pipeline, extra, metrics = TRAINERS[name](dataset, checker, folds, seed)
    root = models
    manifest = {
        "task": TASKS[name],
        "seed": seed,
        "folds": folds,
        "data": {
            split: {
                "path": _relative(path),
                "sha256": sha256_file(path),
                "rows": len(rows),
                "classes": dict(sorted(Counter(_row_labels(name, rows)).items())),
            }
            for split, path, rows in (
                ("train", dataset.train_path, dataset.train),
                ("test", dataset.test_path, dataset.test),
            )
        },
        "beats_baseline": metrics["beats_baseline"],
        **extra,
    }
    source = (data or data_root()) / "SOURCE.json"
    if source.is_file():  # sets exported from the real-coverage corpus name the corpus they came from
        manifest["corpus"] = json.loads(source.read_text(encoding="utf-8"))
    path = save_bundle(
        pipeline,
        name=name,
        root=root,
        manifest=manifest,
        metrics=metrics,
        extra_libraries=("spacy",) if name != "relevance" else (),
    )
    if update_readme and (root / "README.md").is_file():
        write_readme_tables(root)
    return TrainResult(name, path, metrics)


def _row_labels(name: str, rows: Sequence[Mapping[str, Any]]) -> list[str]:
    if name == "roles":
        return [role for r in rows for role in r["people"].values()]
    return [r["label"] for r in rows]


def _relative(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(models_root().resolve().parent))
    except ValueError:
        return str(path)


# ---------------------------------------------------------------------------------------------
# models/README.md tables

README_START = "<!-- metrics:start (written by `nofame train`; edit above or below) -->"
README_END = "<!-- metrics:end -->"


def metrics_table(name: str, version: str, metrics: Mapping[str, Any]) -> str:
    model, baseline = metrics["scores"]["model"], metrics["scores"]["baseline"]
    pinned = " (enabled by default)" if (name, version) in DEFAULT_MODELS else ""
    lines = [
        f"#### {name} {version}{pinned}: {'beats' if metrics['beats_baseline'] else 'does NOT beat'} its baseline "
        f"(macro F1 {model['macro_f1']:.3f} vs {baseline['macro_f1']:.3f}, {metrics['test_rows']} test rows)",
        "",
        f"Baseline: {metrics['baseline']}. Thresholds: "
        + ", ".join(f"{k} {v}" for k, v in metrics["thresholds"].items())
        + ".",
        "",
        "| class | support | model P | model R | model F1 | rules P | rules R | rules F1 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for label, m in model["per_class"].items():
        b = baseline["per_class"][label]
        lines.append(
            f"| {label} | {m['support']} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} "
            f"| {b['precision']:.3f} | {b['recall']:.3f} | {b['f1']:.3f} |"
        )
    for system, s in metrics.get("other_systems", {}).items():
        per = ", ".join(f"{k} P {v['precision']:.2f} R {v['recall']:.2f}" for k, v in s["per_class"].items())
        lines.append(f"\n- {system}: macro F1 {s['macro_f1']:.3f} ({per})")
    if "precision_bar" in metrics:
        bar = metrics["precision_bar"]
        lines.append(
            f"\n- precision bar for leaving preview: {bar['required']}; measured {bar['test_precision']:.3f} on "
            f"{bar['flagged']} flagged test sentences (95% Wilson lower bound {bar['wilson_95_lower']:.3f})"
        )
    return "\n".join(lines)


def write_readme_tables(root: Path) -> None:
    readme = root / "README.md"
    text = readme.read_text(encoding="utf-8")
    if README_START not in text or README_END not in text:
        return
    blocks = []
    for name in MODEL_NAMES:
        for version in versions(root, name):
            path = root / name / version / METRICS_FILE
            if path.is_file():
                blocks.append(metrics_table(name, version, json.loads(path.read_text(encoding="utf-8"))))
    head, rest = text.split(README_START, 1)
    _, tail = rest.split(README_END, 1)
    readme.write_text(f"{head}{README_START}\n\n" + "\n\n".join(blocks) + f"\n\n{README_END}{tail}", encoding="utf-8")
