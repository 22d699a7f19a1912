"""Immutable model folders `models/<name>/vN/`: save with skops, load only what the manifest vouches for.

A folder holds `model.skops` (the fitted pipeline), `manifest.json` (what it was trained on, with which
libraries and feature version, and the sha256 of model.skops) and `metrics.json` (test-split scores
next to the rules-only baseline). Folders are written once and never overwritten: retraining makes
`vN+1`, and configuration pins the version in use.

Loading refuses, with one clear line, a missing folder, a manifest for another model or version, a
feature version this code does not produce, another scikit-learn release, a file whose sha256 differs
from the manifest's, and any type in the file outside the explicit trusted list below. skops never
runs code from the file, and `trusted=True` is never used.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import platform
import re
import shutil
import tempfile
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from nofame.errors import NofameError
from nofame.model import MODEL_NAMES
from nofame.model.features import FEATURE_VERSIONS
from nofame.resources import data_dir

SCHEMA = "nofame.model/v1"
MODEL_FILE = "model.skops"
MANIFEST_FILE = "manifest.json"
METRICS_FILE = "metrics.json"
VERSION_RE = re.compile(r"v([1-9][0-9]*)")
LIBRARIES = ("scikit-learn", "skops", "numpy", "scipy")

# Types skops does not trust by default that nofame's pipelines are made of. Everything else a file
# holds must be on skops' own list of safe types (numpy arrays, scikit-learn estimators); a file that
# needs anything more is refused, not loaded.
TRUSTED_TYPES = frozenset(
    {
        "sklearn.calibration._CalibratedClassifier",
        "sklearn.calibration._SigmoidCalibration",
    }
)


class ModelError(NofameError):
    """A model folder is missing, mismatched, altered or unsafe to load."""


@dataclass(frozen=True)
class Bundle:
    name: str
    version: str
    pipeline: Any
    manifest: Mapping[str, Any] = field(default_factory=dict)
    path: Path | None = None

    @property
    def thresholds(self) -> Mapping[str, float]:
        return self.manifest.get("thresholds", {})

    def threshold(self, key: str) -> float:
        try:
            return float(self.thresholds[key])
        except (KeyError, TypeError, ValueError):
            raise ModelError(f"{self.where}: manifest has no numeric threshold {key!r}") from None

    @property
    def where(self) -> str:
        return f"model {self.name} {self.version}"


def models_root() -> Path:
    return data_dir("models")


def library_versions(extra: tuple[str, ...] = ()) -> dict[str, str]:
    found = {"python": platform.python_version()}
    for name in (*LIBRARIES, *extra):
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = "missing"
    return found


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    return sha256_bytes(path.read_bytes())


def versions(root: Path, name: str) -> list[str]:
    """The version folders of one model, oldest first (v2 before v10)."""
    folder = root / name
    if not folder.is_dir():
        return []
    found = [p.name for p in folder.iterdir() if p.is_dir() and VERSION_RE.fullmatch(p.name)]
    return sorted(found, key=lambda v: int(v[1:]))


def _minor(release: str) -> str:
    return ".".join(release.split(".")[:2])


def check_name(name: str) -> None:
    if name not in MODEL_NAMES:
        raise ModelError(f"unknown model {name!r} (known: {', '.join(MODEL_NAMES)})")


def load_bundle(name: str, version: str, root: Path | None = None) -> Bundle:
    """Load `root/name/version` after checking its manifest, hash and types; never a silent fallback."""
    check_name(name)
    root = root or models_root()
    where = f"model {name} {version}"
    if not VERSION_RE.fullmatch(version):
        raise ModelError(f"{where}: a model version looks like 'v1', 'v2', ...")
    folder = root / name / version
    manifest_path = folder / MANIFEST_FILE
    model_path = folder / MODEL_FILE
    if not manifest_path.is_file() or not model_path.is_file():
        raise ModelError(
            f"{where} not found in {root} (need {name}/{version}/{MANIFEST_FILE} and {MODEL_FILE}); "
            f"run `nofame train {name}` or pin another version in the `models` setting"
        )
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ModelError(f"{where}: {manifest_path} is not valid JSON: {exc}") from None
    if not isinstance(manifest, dict) or manifest.get("schema") != SCHEMA:
        raise ModelError(f"{where}: {manifest_path} is not a {SCHEMA} manifest")
    if manifest.get("name") != name or manifest.get("version") != version:
        raise ModelError(
            f"{where}: version mismatch, the manifest in {folder} says {manifest.get('name')} {manifest.get('version')}"
        )
    if manifest.get("feature_version") != FEATURE_VERSIONS[name]:
        raise ModelError(
            f"{where}: version mismatch, trained on feature version {manifest.get('feature_version')} but this "
            f"nofame computes version {FEATURE_VERSIONS[name]}; retrain with `nofame train {name}`"
        )
    trained_with = str(manifest.get("libraries", {}).get("scikit-learn", "?"))
    installed = library_versions().get("scikit-learn", "missing")
    if _minor(trained_with) != _minor(installed):
        raise ModelError(
            f"{where}: version mismatch, trained with scikit-learn {trained_with} but {installed} is installed; "
            f"install scikit-learn=={_minor(trained_with)}.* or retrain with `nofame train {name}`"
        )
    data = model_path.read_bytes()  # hashed and loaded from the same bytes
    digest = sha256_bytes(data)
    if digest != manifest.get("model_sha256"):
        raise ModelError(
            f"{where}: hash mismatch, {model_path} has sha256 {digest[:12]}… but the manifest says "
            f"{str(manifest.get('model_sha256'))[:12]}…; refusing to load an altered model"
        )
    return Bundle(name, version, _load_skops(data, where), manifest, folder)


def _load_skops(data: bytes, where: str) -> Any:
    import skops.io as sio

    try:
        untrusted = sio.get_untrusted_types(data=data)
    except Exception as exc:  # a corrupt zip or schema: skops raises many kinds
        raise ModelError(f"{where}: {MODEL_FILE} is not a readable skops file: {exc}") from None
    unexpected = sorted(set(untrusted) - TRUSTED_TYPES)
    if unexpected:
        raise ModelError(f"{where}: {MODEL_FILE} holds types outside the trusted list: {', '.join(unexpected)}")
    try:
        return sio.load(io.BytesIO(data), trusted=sorted(untrusted))
    except Exception as exc:
        raise ModelError(f"{where}: {MODEL_FILE} could not be loaded: {exc}") from None


def _compact(pipeline: Any) -> Any:
    """Vectoriser vocabularies as plain ints: skops stores every numpy scalar as its own array file,
    which makes a 10,000-word vocabulary slow to save and load and large on disk."""
    estimators = [pipeline, *pipeline.get_params(deep=True).values()] if hasattr(pipeline, "get_params") else []
    for estimator in estimators:
        vocabulary = getattr(estimator, "vocabulary_", None)
        if isinstance(vocabulary, dict):
            estimator.vocabulary_ = {term: int(index) for term, index in vocabulary.items()}
    return pipeline


def save_bundle(
    pipeline: Any,
    *,
    name: str,
    root: Path,
    manifest: Mapping[str, Any],
    metrics: Mapping[str, Any],
    extra_libraries: tuple[str, ...] = (),
) -> Path:
    """Write a new `root/name/vN` (N = latest + 1) and return it; never touches an existing folder.
    The folder is assembled in a temporary directory next to it and renamed into place."""
    import skops.io as sio

    check_name(name)
    base = root / name
    base.mkdir(parents=True, exist_ok=True)
    existing = versions(root, name)
    version_name = f"v{int(existing[-1][1:]) + 1 if existing else 1}"
    staging = Path(tempfile.mkdtemp(prefix=f".{version_name}-", dir=base))
    try:
        model_path = staging / MODEL_FILE
        sio.dump(_compact(pipeline), model_path, compression=zipfile.ZIP_DEFLATED, compresslevel=9)
        untrusted = set(sio.get_untrusted_types(file=model_path))
        if unexpected := sorted(untrusted - TRUSTED_TYPES):
            raise ModelError(f"model {name}: the pipeline holds types outside the trusted list: {unexpected}")
        full = {
            "schema": SCHEMA,
            "name": name,
            "version": version_name,
            "created": datetime.now(UTC).replace(microsecond=0).isoformat(),
            "feature_version": FEATURE_VERSIONS[name],
            "libraries": library_versions(extra_libraries),
            "model_file": MODEL_FILE,
            "model_sha256": sha256_file(model_path),
            **dict(manifest),
        }
        (staging / MANIFEST_FILE).write_text(json.dumps(full, indent=2, sort_keys=False) + "\n", encoding="utf-8")
        (staging / METRICS_FILE).write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
        for path in staging.iterdir():
            os.chmod(path, 0o444)  # immutable by convention, and read-only on disk
        os.chmod(staging, 0o755)
        target = base / version_name
        os.rename(staging, target)  # fails if a concurrent run made the same version: never overwrite
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target
