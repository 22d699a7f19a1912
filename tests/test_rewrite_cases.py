"""The rewrite test set (tests/data/rewrite/cases.yml): each short draft, rewritten, reads as an editor
would accept and passes the rewrite-output checker."""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
import yaml

from nofame.article import Article
from nofame.checker import Checker
from nofame.profiles import get_profile
from nofame.rewrite import Rewrite, rewrite
from nofame.rewrite.edits import apply_edits
from nofame.rewrite.quality import check_rewrite, expectation_for, name_mentions
from nofame.settings import Settings

DATA = yaml.safe_load((Path(__file__).parent / "data" / "rewrite" / "cases.yml").read_text(encoding="utf-8"))


def _fill(value: Any, names: dict[str, str]) -> Any:
    if isinstance(value, str):
        for key, name in [*names.items(), *((f"{k}_UP", v.upper()) for k, v in names.items())]:
            value = value.replace("{" + key + "}", name)
        return value
    if isinstance(value, list):
        return [_fill(v, names) for v in value]
    return value


def _cases() -> list[Any]:
    out = []
    for case in DATA["cases"]:
        for i, names in enumerate(DATA["names"][:1] if case.get("once") else DATA["names"]):
            filled = {k: _fill(v, names) for k, v in {**DATA["defaults"], **case}.items()}
            filled["full"] = names["FULL"]
            out.append(pytest.param(filled, id=f"{case['id']}-{i}"))
    return out


CASES = _cases()


def _run(checker: Checker, case: dict[str, Any]) -> tuple[Rewrite, str, str]:
    lede = case.get("lede", DATA["default_lede"])
    body = f"{lede}\n\n{case['text']}" if lede else case["text"]
    perpetrator = case.get("perpetrator", case["full"])
    settings = Settings(
        profile=case["profile"],
        perpetrators=() if perpetrator == "detect" else (perpetrator,),
        include_preview=case.get("preview", False),
    )
    result = rewrite(checker, Article(headline=case.get("headline", ""), body=body), settings, case.get("role"))
    out = result.fields["body"].removesuffix("\n\n" + settings.help_text)
    rest = out.split("\n\n", 1)[1] if lede and "\n\n" in out else out
    return result, out, rest


def test_the_set_is_large_enough() -> None:
    assert len(CASES) >= 150


@pytest.mark.parametrize("case", CASES)
def test_rewrite_case(checker: Checker, case: dict[str, Any]) -> None:
    result, body, rest = _run(checker, case)
    headline = result.fields.get("headline", "")
    whole = f"{headline}\n{body}"
    if "expect" in case:
        assert rest == case["expect"]
    if "any_of" in case:
        assert rest in case["any_of"]
    if "headline_expect" in case:
        assert headline == case["headline_expect"]
    for text in case.get("contains", []):
        assert text in whole, f"{text!r} missing from {whole!r}"
    for text in case.get("absent", []):
        assert text not in whole, f"{text!r} left in {whole!r}"
    reviewed = apply_edits(result.report.fields["body"], [e for e in result.edits if e.field == "body"])
    reviewed_rest = reviewed.removesuffix("\n\n" + Settings().help_text).split("\n\n", 1)[-1]
    if "review_expect" in case:
        assert reviewed_rest == case["review_expect"]
    for text in case.get("review_absent", []):
        assert text not in reviewed, f"{text!r} left in {reviewed!r}"
    if "names" in case:
        assert name_mentions(body, (case["full"],)) == case["names"], body
    if "role_nouns" in case:
        used = {e.replacement.lower().removeprefix("the ").removesuffix("'s") for e in result.safe_edits if e.rule}
        used = {u for u in used if u in ("suspect", "gunman", "attacker", "accused", "defendant", "shooter")}
        assert used <= set(case["role_nouns"]), used
    expectation = expectation_for(result.report)
    allowed = None if result.report.stats.get("at_large") else get_profile(case["profile"]).body_names
    expectation = replace(expectation, names=(case["full"], *expectation.names), allowed_body_names=allowed)
    problems = check_rewrite(checker.nlp, result.report.fields, result.fields, expectation)
    assert not problems, f"{problems}\n{whole}"


@pytest.mark.parametrize("case", [c for c in CASES if c.values[0]["id"].startswith("draft-")])
def test_edits_never_overlap_and_each_applies_alone(checker: Checker, case: dict[str, Any]) -> None:
    result, _, _ = _run(checker, case)
    edits = sorted(result.edits, key=lambda e: (e.field, e.start))
    for a, b in pairwise(edits):
        assert a.field != b.field or a.end <= b.start, (a, b)
    for edit in result.edits:
        text = result.report.fields[edit.field]
        alone = text[: edit.start] + edit.replacement + text[edit.end :]
        assert not re.search(r"[^\S\n]{2}", alone) or re.search(r"[^\S\n]{2}", text), edit
        assert " ," not in alone or " ," in text, edit
