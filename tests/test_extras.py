"""Optional extras and model folders: a command whose extra is missing says which one in one line;
`models_dir` points check, serve and audit at models kept outside the package; training never writes
into the installed package."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import nofame
from nofame.checker import Checker, build_checker
from nofame.cli import main
from nofame.errors import NofameError
from nofame.extras import EXTRAS, MissingExtra, require_extra
from nofame.model.bundle import models_root
from nofame.model.train import refuse_installed_package
from nofame.settings import DEFAULT_MODELS, load_settings

ROOT = Path(__file__).resolve().parents[1]


def test_every_extra_is_declared_in_pyproject_and_none_is_required() -> None:
    import re
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert set(EXTRAS) <= set(project["optional-dependencies"])
    required = {re.match(r"[A-Za-z0-9_.-]+", dep).group().lower() for dep in project["dependencies"]}  # type: ignore[union-attr]
    assert required.isdisjoint({"pyarrow", "matplotlib", "dask", "warcio", "tqdm"})


def test_a_missing_module_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    require_extra("audit", "audit")  # installed in the dev environment: no error
    monkeypatch.setitem(sys.modules, "warcio", None)  # None in sys.modules: importing it raises ImportError
    with pytest.raises(
        MissingExtra, match=r"needs the audit extra \(warcio not installed\): pip install 'nofame\[audit\]'"
    ):
        require_extra("audit", "audit")


@pytest.mark.parametrize(
    ("args", "module", "extra"),
    [
        (["audit", "in.jsonl", "-o", "out.parquet"], "pyarrow", "audit"),
        (["audit", "in.jsonl", "-o", "out.parquet", "--engine", "dask"], "distributed", "dask"),
        (["report", "results.parquet", "-o", "report.html"], "matplotlib", "report"),
    ],
)
def test_cli_says_which_extra_a_command_needs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], module: str, extra: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in.jsonl").write_text('{"body": "x"}\n')
    (tmp_path / "results.parquet").write_bytes(b"")
    monkeypatch.setitem(sys.modules, module, None)
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert lines == [f"nofame: error: `nofame {args[0]}` needs the {extra} extra ({module} not installed): "
                     f"pip install 'nofame[{extra}]'"]  # fmt: skip


def test_training_refuses_the_installed_package(tmp_path: Path) -> None:
    package = Path(nofame.__file__).resolve().parent
    with pytest.raises(NofameError, match="inside the installed nofame package"):
        refuse_installed_package(package / "_data" / "models")
    refuse_installed_package(tmp_path / "models")  # a folder of the user's: fine


def test_models_dir_setting_loads_models_from_that_folder(tmp_path: Path, checker: Checker) -> None:
    folder = tmp_path / "newsroom-models"
    for name, version in DEFAULT_MODELS:
        shutil.copytree(models_root() / name / version, folder / name / version)
    config = tmp_path / "conf" / ".nofame.toml"
    config.parent.mkdir()
    config.write_text('models_dir = "../newsroom-models"\n')
    settings = load_settings(config)
    assert settings.models_dir == config.parent / "../newsroom-models"  # relative to the config file
    built = build_checker(settings, nlp=checker.nlp)
    for bundle in built.models.bundles.values():
        assert bundle.path is not None and bundle.path.resolve().is_relative_to(folder.resolve())


def test_serve_reads_models_dir_from_its_config_file(tmp_path: Path) -> None:
    from nofame.server.config import read_config_file

    config = tmp_path / "serve.toml"
    config.write_text('models_dir = "models"\n[server]\nrate_limit = "10 per minute"\n')
    settings, _ = read_config_file(config)
    assert settings.models_dir == tmp_path / "models"


def test_models_dir_without_the_pinned_version_is_a_clear_error(tmp_path: Path, checker: Checker) -> None:
    config = tmp_path / ".nofame.toml"
    config.write_text(f'models_dir = "{tmp_path / "empty"}"\n')
    with pytest.raises(NofameError, match="relevance"):
        build_checker(load_settings(config), nlp=checker.nlp)
