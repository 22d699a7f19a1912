"""Trained models (nofame.model): training, safe loading, clear predictions, and an engine that is
unchanged when a model is switched off."""

from __future__ import annotations

import json
import os
import pickle
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from nofame.article import Article
from nofame.checker import Checker, build_checker, check
from nofame.cli import main
from nofame.errors import ConfigError, NofameError
from nofame.model.bundle import MANIFEST_FILE, MODEL_FILE, ModelError, load_bundle, models_root, versions
from nofame.model.features import actor_input, mask_names, sentence_bounds
from nofame.model.framing import glorifying_probability
from nofame.model.predict import Models
from nofame.model.relevance import attack_probability, relevance_gate
from nofame.model.roles import RolePolicy, decide, probabilities
from nofame.model.train import load_dataset, train
from nofame.settings import DEFAULT_MODELS, Settings, settings_from_mapping

DATA = Path(__file__).parent / "data" / "articles"
NO_MODELS = Settings(models=())

TINY_ATTACK = [
    (
        "Gunman kills three at office",
        "A gunman opened fire at an office on Monday, killing three people, police said. The suspect was arrested.",
    ),
    (
        "Two stabbed at station",
        "Two people were stabbed at a railway station and a man was arrested on suspicion of attempted murder.",
    ),
    ("Bomb wounds ten at market", "A bomb exploded at a market, wounding ten people. Police are hunting the bomber."),
    (
        "Car driven into crowd",
        "A driver rammed a car into a crowd at a festival, killing two people, prosecutors said.",
    ),
    (
        "Shooting at school",
        "A teenager opened fire at his school, killing a teacher and wounding two pupils, police said.",
    ),
    (
        "Arson attack on mosque",
        "A man set fire to a mosque while worshippers were inside; police treat it as attempted murder.",
    ),
    (
        "Vigil for shooting victims",
        "Hundreds gathered at a vigil for the four people shot dead at a bar by a gunman on Friday.",
    ),
    (
        "Attacker jailed for life",
        "The man who stabbed three shoppers to death was jailed for life; the victims' families wept.",
    ),
    ("Gunmen kill five at tavern", "Gunmen opened fire on drinkers at a tavern, killing five people, police said."),
]
TINY_OTHER = [
    (
        "Striker breaks scoring record",
        "The striker broke the club's scoring record with a hat-trick as the side won 4-1.",
    ),
    ("Hurricane is deadliest storm", "The hurricane became the deadliest storm in the state's history as floods rose."),
    ("Film wraps shooting in Bath", "Shooting has wrapped on the period drama after six weeks of filming in Bath."),
    ("Party launches manifesto", "The party launched its election manifesto, promising new homes and lower taxes."),
    ("Heart attack at marathon", "A runner survived a heart attack at the marathon thanks to a nurse who gave CPR."),
    ("Ransomware hits council", "A ransomware cyber attack knocked out the council's online services for a week."),
    ("Record heat in Europe", "Record temperatures were set across Europe as the heatwave moved north."),
    ("Chess champion attacks", "The champion's kingside attack crushed the challenger in 31 moves."),
    (
        "Battle anniversary marked",
        "Historians marked the anniversary of the bloodiest battle of the war with a wreath.",
    ),
]


def _tiny_data(root: Path) -> Path:
    folder = root / "data" / "relevance"
    folder.mkdir(parents=True)
    rows = [
        {"id": f"{label}-{i}", "label": label, "headline": h, "body": b}
        for label, items in (("attack", TINY_ATTACK), ("other", TINY_OTHER))
        for i, (h, b) in enumerate(items)
    ]
    test_ids = {"attack-0", "attack-5", "other-0", "other-5"}
    for split, keep in (("train", lambda r: r["id"] not in test_ids), ("test", lambda r: r["id"] in test_ids)):
        lines = [json.dumps(r) for r in rows if keep(r)]
        (folder / f"{split}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root / "data"


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory, checker: Checker) -> Path:
    """A tiny relevance model trained into a temporary models folder (v1)."""
    root = tmp_path_factory.mktemp("models")
    result = train("relevance", data=_tiny_data(root), models=root / "models", checker=checker, folds=2)
    assert result.path == root / "models" / "relevance" / "v1"
    return root / "models"


def _copy(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst)
    for path in [dst, *dst.rglob("*")]:
        os.chmod(path, 0o755 if path.is_dir() else 0o644)
    return dst


def _edit_manifest(folder: Path, **changes: object) -> None:
    path = folder / "relevance" / "v1" / MANIFEST_FILE
    manifest = json.loads(path.read_text())
    for key, value in changes.items():
        if key == "sklearn":
            manifest["libraries"]["scikit-learn"] = value
        else:
            manifest[key] = value
    path.write_text(json.dumps(manifest))


# --- training and loading ----------------------------------------------------------------------


def test_tiny_model_trains_into_a_versioned_folder_and_loads(tiny: Path) -> None:
    folder = tiny / "relevance" / "v1"
    assert {p.name for p in folder.iterdir()} == {"manifest.json", "model.skops", "metrics.json"}
    manifest = json.loads((folder / MANIFEST_FILE).read_text())
    assert manifest["name"] == "relevance" and manifest["version"] == "v1"
    assert {"scikit-learn", "skops", "numpy", "python"} <= manifest["libraries"].keys()
    assert manifest["data"]["train"]["rows"] == 14 and len(manifest["data"]["train"]["sha256"]) == 64
    assert manifest["feature_version"] == 1 and manifest["created"]
    metrics = json.loads((folder / "metrics.json").read_text())
    assert set(metrics["scores"]) == {"model", "baseline"}
    assert {"precision", "recall", "f1", "support"} <= metrics["scores"]["model"]["per_class"]["attack"].keys()
    bundle = load_bundle("relevance", "v1", tiny)
    p = attack_probability(bundle.pipeline, ["A gunman opened fire and killed four people at a bar, police said."])
    assert 0.0 <= p[0] <= 1.0


def test_training_again_makes_a_new_version_and_leaves_the_old_one(tiny: Path, checker: Checker) -> None:
    models = _copy(tiny, tiny.parent / "again")
    before = (models / "relevance" / "v1" / MODEL_FILE).read_bytes()
    result = train("relevance", data=tiny.parent / "data", models=models, checker=checker, folds=2)
    assert result.path.name == "v2"
    assert versions(models, "relevance") == ["v1", "v2"]
    assert (models / "relevance" / "v1" / MODEL_FILE).read_bytes() == before


def test_cli_train_writes_a_version(tmp_path: Path, tiny: Path) -> None:
    result = CliRunner().invoke(
        main, ["train", "relevance", "--data", str(tiny.parent / "data"), "--models", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "relevance" / "v1" / MODEL_FILE).is_file()
    assert "| attack |" in result.output


def test_hash_mismatch_is_refused(tiny: Path, tmp_path: Path) -> None:
    models = _copy(tiny, tmp_path / "models")
    model = models / "relevance" / "v1" / MODEL_FILE
    model.write_bytes(model.read_bytes() + b"\0")
    with pytest.raises(ModelError, match="hash mismatch"):
        load_bundle("relevance", "v1", models)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"version": "v2"}, "version mismatch"),
        ({"name": "framing"}, "version mismatch"),
        ({"feature_version": 99}, "feature version 99"),
        ({"sklearn": "0.24.2"}, "scikit-learn 0.24.2"),
        ({"schema": "other/v1"}, "not a nofame.model/v1 manifest"),
    ],
)
def test_version_mismatch_is_refused(tiny: Path, tmp_path: Path, changes: dict, message: str) -> None:
    models = _copy(tiny, tmp_path / "models")
    _edit_manifest(models, **changes)
    with pytest.raises(ModelError, match=message):
        load_bundle("relevance", "v1", models)


def test_missing_or_unpinned_version_is_a_clear_error(tiny: Path, checker: Checker) -> None:
    with pytest.raises(ModelError, match="model relevance v9 not found") as info:
        load_bundle("relevance", "v9", tiny)
    assert "\n" not in str(info.value)
    settings = Settings(models=(("relevance", "v9"),))
    with pytest.raises(NofameError, match="nofame train relevance"):
        build_checker(settings, nlp=checker.nlp, models_dir=tiny)


def test_untrusted_types_are_refused(tiny: Path, tmp_path: Path) -> None:
    import hashlib

    import skops.io as sio
    from sklearn.preprocessing import FunctionTransformer

    models = _copy(tiny, tmp_path / "models")
    model = models / "relevance" / "v1" / MODEL_FILE
    sio.dump(FunctionTransformer(shutil.rmtree), model)  # a file that would call an arbitrary function
    _edit_manifest(models, model_sha256=hashlib.sha256(model.read_bytes()).hexdigest())
    with pytest.raises(ModelError, match="outside the trusted list"):
        load_bundle("relevance", "v1", models)


def test_data_splits_do_not_share_rows_or_stories() -> None:
    for name in ("relevance", "roles", "framing"):
        dataset = load_dataset(name)  # refuses shared ids (and shared story groups for framing)
        assert dataset.train and dataset.test


# --- settings ----------------------------------------------------------------------------------


def test_models_setting_pins_and_disables() -> None:
    settings = settings_from_mapping({"models": {"relevance": "v2", "roles": False}}, "test")
    pins = dict(settings.models)
    assert pins.get("relevance") == "v2" and "roles" not in pins
    assert settings_from_mapping({}, "test").models == DEFAULT_MODELS
    with pytest.raises(ConfigError, match="unknown model 'sentiment'"):
        settings_from_mapping({"models": {"sentiment": "v1"}}, "test")
    with pytest.raises(ConfigError, match='like "v1"'):
        settings_from_mapping({"models": {"roles": "latest"}}, "test")


def test_request_enabling_a_model_the_checker_did_not_load_is_an_error(checker: Checker) -> None:
    bare = build_checker(NO_MODELS, nlp=checker.nlp)
    with pytest.raises(ModelError, match="checker loaded none"):
        check(bare, Article(body="Police said a gunman killed two people."), Settings(models=(("roles", "v1"),)))


# --- predictions on clear cases (the shipped models) -------------------------------------------


def _shipped(name: str):
    pinned = dict(DEFAULT_MODELS).get(name) or versions(models_root(), name)[-1]
    return load_bundle(name, pinned)


def test_relevance_clear_cases() -> None:
    bundle = _shipped("relevance")
    attack = [
        "Gunman kills five at Ohio warehouse\nA gunman opened fire at a warehouse on Tuesday, killing five workers "
        "and wounding three before he was arrested, police said. Two of the wounded are in critical condition.",
        "Three dead in knife attack at station\nThree people were stabbed to death at a railway station on Friday "
        "evening. A 29-year-old man has been charged with murder, police said. Flowers were laid at the entrance.",
    ]
    other = [
        "Striker's hat-trick breaks club record\nThe striker scored three times in eleven minutes to break the club's "
        "scoring record as the home side won 4-1. The manager praised his finishing.",
        "Hurricane becomes deadliest storm in state history\nThe death toll from the hurricane rose to 142, making it "
        "the deadliest storm in the state's history, officials said. Hundreds are missing after floods.",
        "Party launches manifesto\nThe party launched its election manifesto on Thursday, promising new homes and "
        "shorter hospital waiting lists. Opponents attacked the costings.",
    ]
    p = attack_probability(bundle.pipeline, attack + other)
    decision = bundle.threshold("decision")
    assert all(p[: len(attack)] >= decision), p
    assert all(p[len(attack) :] < decision), p


def test_relevance_gate_is_picklable_and_sorts_clear_cases() -> None:
    gate = pickle.loads(pickle.dumps(relevance_gate(dict(Settings().models)["relevance"])))
    assert gate.name == "relevance" and gate.version
    assert gate(
        Article(headline="Gunman kills four at bar", body="A gunman shot dead four people at a bar, police said.")
    )
    assert not gate(Article(headline="Sprinter breaks record", body="The sprinter broke the national 100m record."))


ROLE_STORY = Article(
    headline="Three killed in shooting at Dayton print shop",
    body=(
        "A gunman killed three people at a print shop in Dayton on Monday, police said. The suspect, Wade Hollister, "
        "38, was arrested in the parking lot. Police Chief Renata Osei said officers arrived within four minutes. "
        "Among the dead was Carla Benning, 52, who had worked at the shop for two decades. A customer, Luis Ferro, "
        "dragged an injured co-worker into a storeroom and locked the door. Mark Dunne, who lives across the road, "
        "said he heard six shots."
    ),
)
ROLE_GOLD = {
    "Wade Hollister": "perpetrator",
    "Renata Osei": "official",
    "Carla Benning": "victim",
    "Luis Ferro": "helper",
    "Mark Dunne": "other",
}


def test_roles_model_clear_cases(checker: Checker) -> None:
    bundle = _shipped("roles")
    report = check(build_checker(NO_MODELS, nlp=checker.nlp), ROLE_STORY)
    fields = ROLE_STORY.fields()
    docs = {k: checker.nlp(v) for k, v in fields.items()}
    from nofame.actors import find_cast

    cast = find_cast(docs, lexicon=checker.actor_lexicon)
    assert {a.name for a in report.actors} >= set(ROLE_GOLD)
    by_name = {a.name: a for a in cast.actors}
    probas = probabilities(bundle.pipeline, [actor_input(by_name[n], fields, cast.actors) for n in ROLE_GOLD])
    predicted = {name: max(p, key=p.__getitem__) for name, p in zip(ROLE_GOLD, probas, strict=True)}
    assert predicted == ROLE_GOLD


def test_roles_policy_never_overrides_a_user_named_perpetrator_or_makes_one_outside_attacks() -> None:
    policy = RolePolicy(fill=0.5, override=0.5, weak=0.9, perpetrator=0.6, strong=0.6)
    proba = {"perpetrator": 0.05, "victim": 0.9, "official": 0.02, "helper": 0.02, "other": 0.01}
    assert decide("perpetrator", 1.0, ("override",), proba, policy, attack=True, user_named=True)[0] == "perpetrator"
    wants_perpetrator = {"perpetrator": 0.95, "victim": 0.01, "official": 0.02, "helper": 0.01, "other": 0.01}
    assert decide("other", 0.5, (), wants_perpetrator, policy, attack=False, user_named=False)[0] == "other"
    assert decide("other", 0.5, (), wants_perpetrator, policy, attack=True, user_named=True)[0] == "other"
    assert decide("other", 0.5, (), wants_perpetrator, policy, attack=True, user_named=False)[0] == "perpetrator"
    assert decide("other", 0.5, (), proba, policy, attack=True, user_named=False)[0] == "victim"


GLORIFYING = [
    "The gunman strode through the mall like a soldier on a mission, fearless to the end.",
    "With nine dead, he had beaten the toll of every attacker before him, a grim new record.",
    "Overnight the quiet warehouse worker became the most famous man in the country.",
    "The killer was a misunderstood, gentle soul, pushed to breaking point by a cruel world.",
]
NEUTRAL = [
    "Police said four people were killed and the suspect was arrested at the scene.",
    "The victims' families gathered for a vigil outside the church on Sunday night.",
    "The inspector who confronted the attacker has been praised for her courage.",
    "The striker broke the club's scoring record with a hat-trick on Saturday.",
    "The hurricane is now the deadliest storm in the state's history.",
]


def test_framing_model_clear_cases() -> None:
    bundle = _shipped("framing")
    p = glorifying_probability(bundle.pipeline, GLORIFYING + NEUTRAL)
    decision = bundle.threshold("decision")
    assert all(q >= 0.5 for q in p[: len(GLORIFYING)]), p
    assert all(q < decision for q in p[len(GLORIFYING) :]), p


def test_features_mask_names_and_find_sentences() -> None:
    assert mask_names("Doe's rifle. John Doe fled.", {"John Doe": "perpetrator"}) == "perpname rifle. perpname fled."
    text = "First one. Second sentence here! Third."
    assert text[slice(*sentence_bounds(text, 12, 18))] == "Second sentence here!"


# --- the engine with models switched off -------------------------------------------------------


def _articles() -> list[Article]:
    from nofame.sources import load_article

    return [load_article(str(p)) for p in sorted(DATA.glob("*.md"))[::4] if p.name != "README.md"]


def _without(report_dict: dict, rule: str) -> dict:
    return {**report_dict, "findings": [f for f in report_dict["findings"] if f["rule"] != rule], "score": None}


def test_engine_unchanged_with_models_disabled(checker: Checker, monkeypatch: pytest.MonkeyPatch) -> None:
    """No model code runs when every model is off; switching the framing model on changes only the
    model-framing findings; relevance and roles only add the `relevance` stat when their verdicts agree."""
    bare = build_checker(NO_MODELS, nlp=checker.nlp)
    assert bare.models == Models()
    framing_only = replace(NO_MODELS, models=tuple(p for p in DEFAULT_MODELS if p[0] == "framing"))
    with_framing = build_checker(framing_only, nlp=checker.nlp)
    articles = _articles()
    before = {id(a): check(bare, a, replace(NO_MODELS, include_preview=True)).to_dict() for a in articles}

    def boom(*args: object, **kwargs: object) -> None:
        raise AssertionError("a model ran with every model disabled")

    for target in (
        "nofame.model.relevance.attack_probability",
        "nofame.model.roles.probabilities",
        "nofame.model.framing.glorifying_probability",
    ):
        monkeypatch.setattr(target, boom)
    for article in articles:
        again = check(bare, article, replace(NO_MODELS, include_preview=True)).to_dict()
        assert again == before[id(article)]
        assert "relevance" not in again["stats"]
    monkeypatch.undo()
    for article in articles:
        on = check(with_framing, article, replace(framing_only, include_preview=True)).to_dict()
        assert _without(on, "model-framing") == _without(before[id(article)], "model-framing")


# --- the one pipeline builder -------------------------------------------------------------------


@pytest.mark.parametrize("name", ["relevance", "roles", "framing"])
def test_shipped_models_were_built_by_the_shared_pipeline_builder(name: str) -> None:
    """Every parameter of the shipped model (newest version) is what its declared spec builds."""
    import importlib

    from nofame.model.pipeline import build_pipeline

    spec = importlib.import_module(f"nofame.model.{name}").PIPELINE
    shipped = load_bundle(name, versions(models_root(), name)[-1]).pipeline
    built = build_pipeline(spec, folds=shipped.named_steps["classifier"].cv, seed=0)

    def shape(params: dict) -> dict:
        # Estimators compare by identity: keep their class names; their lists of steps are flattened anyway.
        return {
            key: type(value).__name__ if hasattr(value, "get_params") else value
            for key, value in params.items()
            if not isinstance(value, list) and not key.endswith("random_state")
        }

    assert shape(shipped.get_params()) == shape(built.get_params())


def test_pipeline_features_name_all_columns_or_none() -> None:
    from nofame.model.pipeline import PipelineSpec, TextFeatures, build_pipeline

    with pytest.raises(ValueError, match="all name a column or none"):
        build_pipeline(PipelineSpec((TextFeatures("a"), TextFeatures("b", column=1)), c=1.0))


def test_the_audit_gate_reads_its_model_from_models_dir(tmp_path: Path) -> None:
    from nofame.batch.gate import make_gate
    from nofame.model.bundle import ModelError, models_root

    with pytest.raises(ModelError, match=str(tmp_path)):
        make_gate("relevance", Settings(models_dir=tmp_path))  # an empty folder: no silent fallback
    shutil.copytree(models_root() / "relevance", tmp_path / "relevance")
    assert make_gate("lexicon+relevance", Settings(models_dir=tmp_path)).name == "lexicon+relevance"
