"""The Python API (`import nofame`): check, Checker, audit, read_results, and the spaCy component."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pytest
import spacy

import nofame
from nofame.api import _engine
from nofame.checker import Checker as Engine
from nofame.errors import InputError

ROOT = Path(__file__).resolve().parents[1]
DRAFT = (ROOT / "examples" / "draft.md").read_text(encoding="utf-8")
HEADLINE = DRAFT.split("\n", 1)[0].lstrip("# ").strip()
BODY = DRAFT.split("\n", 1)[1].strip()
CALM = "The council approved the new library budget on Tuesday after a short debate about opening hours."


@pytest.fixture(scope="module")
def api_checker(checker: Engine) -> nofame.Checker:
    """The session's engine wrapped, so that these tests do not load spaCy again."""
    return nofame.Checker._wrap(checker, checker.settings)


def test_import_is_light() -> None:
    code = "import sys, nofame; nofame.__version__; print('spacy' in sys.modules, 'pyarrow' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_public_names_and_types() -> None:
    for name in nofame.__all__:
        assert getattr(nofame, name) is not None, name
    from nofame.report import Report
    from nofame.settings import Settings

    assert nofame.Report is Report and nofame.Settings is Settings
    with pytest.raises(AttributeError):
        nofame.no_such_name  # noqa: B018


def test_checker_checks_text_and_articles(api_checker: nofame.Checker) -> None:
    report = api_checker.check(BODY, headline=HEADLINE)
    assert isinstance(report, nofame.Report)
    assert "name-in-headline" in {f.rule for f in report.findings}
    same = api_checker.check(nofame.Article(headline=HEADLINE, body=BODY))
    assert [f.rule for f in same.findings] == [f.rule for f in report.findings]
    from_mapping = api_checker.check({"headline": HEADLINE, "body": BODY})
    assert from_mapping.score == report.score


def test_settings_per_call_and_immutability(api_checker: nofame.Checker) -> None:
    quiet = api_checker.check(BODY, headline=HEADLINE, disabled_rules=["name-in-headline"])
    assert "name-in-headline" not in {f.rule for f in quiet.findings}
    strict = api_checker.with_settings(profile="strict")
    assert strict.settings.profile == "strict" and strict.engine is api_checker.engine
    with pytest.raises(AttributeError):
        api_checker.settings = None  # type: ignore[misc]
    with pytest.raises(InputError, match="unknown setting"):
        api_checker.check(BODY, colour="red")
    with pytest.raises(InputError, match="models are loaded"):
        api_checker.check(BODY, models={"relevance": "v1"})


def test_check_many_keeps_order(api_checker: nofame.Checker) -> None:
    reports = api_checker.check_many([CALM, {"headline": HEADLINE, "body": BODY}])
    assert len(reports) == 2 and reports[0].score > reports[1].score


def test_check_without_a_checker_builds_one_and_keeps_it(checker: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[object] = []

    def build(settings: object = None, **kwargs: object) -> Engine:
        built.append(settings)
        return checker

    monkeypatch.setattr("nofame.checker.build_checker", build)
    _engine.cache_clear()
    try:
        first = nofame.check(BODY, headline=HEADLINE)
        second = nofame.check(CALM, profile="strict")
        assert first.findings and second.profile == "strict"
        assert len(built) == 1  # the profile is a per-call setting: the same engine serves both
    finally:
        _engine.cache_clear()


def test_audit_returns_a_table(api_checker: nofame.Checker, tmp_path: Path) -> None:
    records = [
        {"id": "a", "headline": HEADLINE, "body": BODY, "outlet": "Ledger", "published": "2024-03-01"},
        {"id": "b", "headline": "Library budget approved", "body": CALM, "outlet": "Ledger"},
    ]
    table = nofame.audit(records, checker=api_checker, findings=tmp_path / "f.parquet")
    assert isinstance(table, pa.Table)
    rows = {row["id"]: row for row in table.to_pylist()}
    assert rows["a"]["checked"] and rows["a"]["name-in-headline"] == 1
    assert rows["b"]["checked"] is False and rows["b"]["skipped"] == "gate"
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    frame = nofame.audit(source, tmp_path / "rows.parquet", checker=api_checker, to="pandas", gate=None)
    assert list(frame["id"]) == ["a", "b"] and bool(frame["checked"].all())
    assert nofame.read_results(tmp_path / "rows.parquet").num_rows == 2
    with pytest.raises(InputError):
        nofame.audit(records, checker=api_checker, to="excel")  # type: ignore[arg-type]


def test_spacy_component_sets_doc_extension(api_checker: nofame.Checker) -> None:
    nlp = spacy.blank("en")
    component = nlp.add_pipe("nofame", config={"profile": "strict"})  # found through the entry point
    component._checker = api_checker.with_settings(profile="strict")  # reuse the session's spaCy
    doc = nlp(f"{HEADLINE}\n\n{BODY}")
    assert isinstance(doc._.nofame, nofame.Report) and doc._.nofame.profile == "strict"
    assert any(f.rule == "name-repetition" for f in doc._.nofame.findings)
    assert nlp("   ")._.nofame is None
    docs = list(nlp.pipe([CALM, BODY]))
    assert docs[0]._.nofame.score >= docs[1]._.nofame.score
    mixed = list(nlp.pipe(["", CALM, "   "]))  # one text that cannot be checked does not cost the others
    assert mixed[0]._.nofame is None and isinstance(mixed[1]._.nofame, nofame.Report)
