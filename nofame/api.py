"""The Python API for notebooks and scripts: check a text, keep a Checker for many, audit an archive.

    import nofame
    report = nofame.check("Gunman kills three ...", headline="...")
    checker = nofame.Checker(profile="strict")       # build once, check many
    rows = nofame.audit("archive.jsonl", to="pandas")  # one row per article, as `nofame audit` writes

Settings are keyword arguments named like the fields of `nofame.Settings` (lists are accepted where
the setting is a set or tuple). The engine types (`Report`, `Finding`, `Article`, `Settings`) are the
ones the CLI and the server use, so what a notebook sees is what an editor sees.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import fields
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal

from nofame.article import Article
from nofame.errors import InputError
from nofame.report import Report
from nofame.settings import Settings

if TYPE_CHECKING:
    import pyarrow as pa

    from nofame.checker import Checker as Engine

TextOrArticle = str | Article | Mapping[str, Any]
_SET_FIELDS = frozenset({"disabled_rules", "allow_hosts"})
_TUPLE_FIELDS = frozenset({"perpetrators", "past_perpetrators"})


def make_settings(base: Settings | None = None, **changes: Any) -> Settings:
    """`base` (default settings when None) with `changes`; unknown names fail with the known ones."""
    known = {f.name for f in fields(Settings)}
    unknown = sorted(set(changes) - known)
    if unknown:
        raise InputError(f"unknown setting(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    values: dict[str, Any] = {}
    for name, value in changes.items():
        if name in _SET_FIELDS:
            value = frozenset([value] if isinstance(value, str) else value)
        elif name in _TUPLE_FIELDS:
            value = tuple([value] if isinstance(value, str) else value)
        elif name == "models" and isinstance(value, Mapping):
            value = tuple(sorted(value.items()))
        values[name] = value
    return (base or Settings()).with_overrides(**values) if values else (base or Settings())


def to_article(item: TextOrArticle, headline: str = "") -> Article:
    """An Article from plain text (with an optional headline), a CMS-style mapping, or an Article."""
    from nofame.sources import article_from_json, article_from_text

    if isinstance(item, Article):
        return item
    if isinstance(item, str):
        return article_from_text(item, headline)
    if isinstance(item, Mapping):
        return article_from_json(dict(item))
    raise InputError(f"cannot check a {type(item).__name__}: give text, a mapping or a nofame.Article")


@lru_cache(maxsize=4)
def _engine(models: tuple[tuple[str, str], ...]) -> Engine:
    # Building the engine loads spaCy and the models (seconds): `nofame.check` in a notebook loop must
    # pay that once. Only the models are fixed at build time; other settings apply per call.
    from nofame.checker import build_checker

    return build_checker(Settings(models=models))


class Checker:
    """Everything costly built once (spaCy, compiled rules, models); check as many texts as you like.

    Immutable: `with_settings` returns a new Checker sharing the same engine when it can."""

    __slots__ = ("_engine", "_settings")

    def __init__(self, settings: Settings | None = None, /, **changes: Any) -> None:
        from nofame.checker import build_checker

        chosen = make_settings(settings, **changes)
        object.__setattr__(self, "_settings", chosen)
        object.__setattr__(self, "_engine", build_checker(chosen))

    @classmethod
    def _wrap(cls, engine: Engine, settings: Settings) -> Checker:
        checker = cls.__new__(cls)
        object.__setattr__(checker, "_engine", engine)
        object.__setattr__(checker, "_settings", settings)
        return checker

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("nofame.Checker is immutable; use with_settings()")

    def __repr__(self) -> str:
        return f"nofame.Checker(profile={self._settings.profile!r}, rules={len(self._engine.rules)})"

    @property
    def settings(self) -> Settings:
        return self._settings

    @property
    def engine(self) -> Engine:
        """The engine's own checker (`nofame.checker.Checker`): its spaCy pipeline, rules and lexicons."""
        return self._engine

    def with_settings(self, **changes: Any) -> Checker:
        settings = make_settings(self._settings, **changes)
        if settings.models != self._settings.models:
            return Checker(settings)
        return Checker._wrap(self._engine, settings)

    def check(self, item: TextOrArticle, *, headline: str = "", **changes: Any) -> Report:
        """The report on one text or article; `changes` override this checker's settings for this call."""
        from nofame.checker import check

        return check(self._engine, to_article(item, headline), self._for_call(changes))

    def check_many(self, items: Iterable[TextOrArticle], **changes: Any) -> list[Report]:
        """Reports in input order; the texts are parsed together (faster than one `check` each)."""
        from nofame.checker import check_many

        return check_many(self._engine, [to_article(item) for item in items], self._for_call(changes))

    def _for_call(self, changes: dict[str, Any]) -> Settings:
        settings = make_settings(self._settings, **changes)
        if settings.models != self._settings.models:
            raise InputError("models are loaded when the Checker is built: make a new nofame.Checker(models=...)")
        return settings


def check(item: TextOrArticle, *, headline: str = "", checker: Checker | None = None, **settings: Any) -> Report:
    """Check one text or article. Without `checker`, a shared one is built on first use and kept."""
    if checker is None:
        chosen = make_settings(None, **settings)
        checker = Checker._wrap(_engine(chosen.models), chosen)
        return checker.check(item, headline=headline)
    return checker.check(item, headline=headline, **settings)


def audit(
    inputs: str | Path | Sequence[str | Path] | Iterable[Mapping[str, Any]],
    output: str | Path | None = None,
    *,
    to: Literal["arrow", "pandas"] = "arrow",
    findings: str | Path | None = None,
    gate: str | None = "lexicon+relevance",
    jobs: int = 1,
    checker: Checker | None = None,
    **settings: Any,
) -> pa.Table | Any:
    """Audit an archive like `nofame audit` and return its rows (one per article) as a table.

    `inputs`: paths (folders, JSONL, CSV, WARC, URL lists) or records as mappings (`id`, `headline`,
    `body` or `html`, `url`, `outlet`, `published`). `output`: also keep the rows in that file
    (.parquet, .csv, .jsonl; replaced if it exists); `findings`: write one row per finding there.
    `to="pandas"` needs pandas installed (`pip install nofame[research]`). `gate=None` checks everything.
    """
    from nofame.batch.audit import AuditOptions, run_audit
    from nofame.batch.writers import read_table

    if to not in ("arrow", "pandas"):
        raise InputError(f"to={to!r}: use 'arrow' or 'pandas'")
    chosen = checker.settings if checker is not None else make_settings(None, **settings)
    with tempfile.TemporaryDirectory(prefix="nofame-audit-") as tmp:
        paths = _input_paths(inputs, Path(tmp))
        out = Path(output) if output is not None else Path(tmp) / "rows.parquet"
        found_to = Path(findings) if findings is not None else None
        options = AuditOptions(paths, out, found_to, settings=chosen, gate=gate, jobs=jobs, **_LIBRARY_RUN)
        engine_checker = checker.engine if checker is not None else (_engine(chosen.models) if jobs == 1 else None)
        run_audit(options, checker=engine_checker)
        table = read_table(out)
        table = table.combine_chunks()  # read fully before the temporary folder goes
    if to == "pandas":
        try:
            return table.to_pandas()
        except ImportError:
            raise InputError("to='pandas' needs pandas: pip install 'nofame[research]'") from None
    return table


# An audit run from Python: the output is the caller's to replace, and nothing is printed.
_LIBRARY_RUN: Mapping[str, Any] = MappingProxyType(
    {"overwrite": True, "progress": False, "log_every": None, "command": "nofame.audit()"}
)


def _input_paths(inputs: Any, folder: Path) -> tuple[str, ...]:
    """Paths as given; records (mappings) are written to a JSONL file in `folder` first."""
    if isinstance(inputs, str | Path):
        return (str(inputs),)
    items = list(inputs)
    if not items:
        raise InputError("nothing to audit: give paths or records")
    if all(isinstance(item, str | Path) for item in items):
        return tuple(str(item) for item in items)
    if not all(isinstance(item, Mapping) for item in items):
        raise InputError("give either paths or records (mappings), not both")
    path = folder / "records.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for i, item in enumerate(items):
            record = {"id": str(i), **item}
            handle.write(json.dumps(record, default=str) + "\n")
    return (str(path),)


def read_results(path: str | Path, *, to: Literal["arrow", "pandas"] = "arrow") -> pa.Table | Any:
    """Rows an audit wrote (.parquet, .csv, .jsonl), typed as the audit wrote them."""
    from nofame.batch.writers import read_table

    table = read_table(Path(path))
    return table.to_pandas() if to == "pandas" else table
