"""Realistic articles (tests/data/articles): what must fire, what must stay quiet, and the rewrite round trip.

The perpetrator is not given: these tests also prove that actor detection finds him.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from nofame.checker import Checker, check
from nofame.report import Report, severity_at_least
from nofame.rewrite import rewrite
from nofame.settings import Settings
from nofame.sources import article_from_markdown

ARTICLES = sorted(p for p in (Path(__file__).parent / "data" / "articles").glob("*.md") if p.name != "README.md")


def _load(path: Path) -> tuple[dict, str]:
    _, front, text = path.read_text(encoding="utf-8").split("---", 2)
    return yaml.safe_load(front), text


# The articles are a regression test of what the engine detects, so rules in preview run too.
DETECT_ALL = Settings(include_preview=True)


def _report(checker: Checker, path: Path) -> tuple[dict, Report]:
    meta, text = _load(path)
    return meta, check(checker, article_from_markdown(text), DETECT_ALL)


def _fired(report: Report) -> set[str]:
    return {f.rule for f in report.findings if f.severity != "info"}


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_expected_rules_fire_and_forbidden_stay_quiet(checker: Checker, path: Path) -> None:
    meta, report = _report(checker, path)
    fired = _fired(report)
    # known_misses: expectations the checker does not meet yet, kept visible in the data
    missing = set(meta.get("expect") or ()) - fired - set(meta.get("known_misses") or ())
    wrong = set(meta.get("forbid") or ()) & fired
    assert not missing, f"expected rules did not fire: {sorted(missing)}"
    assert not wrong, f"forbidden rules fired: {sorted(wrong)}: " + "; ".join(
        f"{f.rule} {f.text!r}" for f in report.findings if f.rule in wrong
    )


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_perpetrator_detected_and_victims_never_perpetrators(checker: Checker, path: Path) -> None:
    meta, report = _report(checker, path)
    detected = {a.name for a in report.actors if a.role == "perpetrator"}
    not_perpetrators = (
        set(meta.get("victims") or ()) | set(meta.get("officials") or ()) | set(meta.get("helpers") or ())
    )
    assert not detected & not_perpetrators, f"wrongly taken for the perpetrator: {detected & not_perpetrators}"
    if meta["kind"] == "control":
        assert not detected, f"a control article has no perpetrator, found {detected}"
    expected = set(meta.get("perpetrators") or ())
    if expected and meta["kind"] == "attack" and meta.get("style") in ("bad", "mixed", "court"):
        assert detected & expected or any(
            alias in detected or any(alias in name for name in detected) for alias in expected
        ), f"perpetrator {expected} not found; actors: {[(a.name, a.role) for a in report.actors]}"


@pytest.mark.parametrize("path", [p for p in ARTICLES if _load(p)[0].get("style") == "good"], ids=lambda p: p.stem)
def test_good_coverage_has_no_high_finding(checker: Checker, path: Path) -> None:
    _, report = _report(checker, path)
    loud = [(f.rule, f.text) for f in report.findings if severity_at_least(f.severity, "high")]
    assert not loud, f"good coverage flagged: {loud}"


@pytest.mark.parametrize("path", [p for p in ARTICLES if _load(p)[0]["kind"] == "attack"], ids=lambda p: p.stem)
def test_rewrite_round_trip_leaves_nothing_fixable(checker: Checker, path: Path) -> None:
    """Checking the rewritten draft again raises no high or critical finding that rewriting can fix."""
    draft = rewrite(checker, article_from_markdown(_load(path)[1]), DETECT_ALL).draft
    again = check(checker, article_from_markdown(draft), DETECT_ALL)
    fixable = [
        (f.rule, f.text)
        for f in again.findings
        if severity_at_least(f.severity, "high") and f.suggestions and f.suggestions[0].safety == "safe"
    ]
    assert not fixable, f"the rewrite left fixable findings: {fixable}"
    rewritten = draft.lower()
    original = _load(path)[1].lower()
    for word in ("killer", "murderer"):
        assert rewritten.count(word) <= original.count(word), f"the rewrite introduced {word!r}"
