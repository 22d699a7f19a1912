"""`pip install .` ships the rule packs, models and web assets as package data, found with importlib."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_carries_rules_and_finds_them_without_the_checkout(tmp_path: Path, built_wheel: Path) -> None:
    wheel = built_wheel
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped_rules = {n for n in names if n.startswith("nofame/_data/rules/") and n.endswith(".yml")}
    assert "nofame/_data/rules/naming/name-in-headline.yml" in shipped_rules
    assert "nofame/_data/rules/lexicons/context.yml" in shipped_rules
    assert len(shipped_rules) == len(list((ROOT / "rules").glob("*/*.yml")))
    assert any(n.startswith("nofame/_data/web/") for n in names)
    # The report's templates are package data, and spaCy finds the component through the entry point.
    assert {"nofame/batch/templates/report.html.j2", "nofame/batch/templates/compare.html.j2"} <= names
    entry_points = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith("entry_points.txt"))).decode()
    assert "[spacy_factories]" in entry_points and "nofame.spacy_component:make_nofame" in entry_points

    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    probe = (
        "import nofame.ruleset.load as load; "
        "print(load.data_dir('rules')); print(len(load.load_rules())); print(load.__file__)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe],
        env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout.split("\n")
    assert out[0] == str(site / "nofame" / "_data" / "rules")
    assert int(out[1]) >= 25
    assert out[2].startswith(str(site))
