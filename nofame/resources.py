"""Where the shipped data lives, and reading its YAML: the bottom layer every other one may use."""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

from nofame.errors import NofameError, RuleError


def data_dir(name: str) -> Path:
    """`rules`, `models` or `web`: inside an installed wheel, else the checkout's top level."""
    packaged = files("nofame") / "_data" / name
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[1] / name


def lexicon_path(name: str, rules_root: Path | None = None) -> Path:
    """A lexicon file of the shipped rule packs (`context`, `actors`, `past-perpetrators`)."""
    return (rules_root or data_dir("rules")) / "lexicons" / f"{name}.yml"


def read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"{path}: cannot read: {exc}") from None


def read_yaml(path: Path) -> Any:
    """A data file's YAML; a syntax error names the file, line and column."""
    try:
        return yaml.safe_load(read_text(path))
    except yaml.YAMLError as exc:
        raise RuleError(f"{yaml_where(path, exc)}: invalid YAML: {getattr(exc, 'problem', None) or exc}") from None


def yaml_where(path: Path, exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    return f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)


def read_jsonl(path: Path, error: type[NofameError]) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) for every non-blank line of a JSON Lines file; `error` with file:line on
    anything else."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise error(f"{path}: no such file") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise error(f"{path}:{number}: not JSON ({exc.msg})") from None
        if not isinstance(row, dict):
            raise error(f"{path}:{number}: expected an object")
        yield number, row
