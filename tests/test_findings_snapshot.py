"""The findings on the 56 test articles, under every profile and with the framing model, match the
committed snapshot. After a deliberate change to what rules detect, regenerate it:

    .venv/bin/python -m tests.findings_snapshot --write
"""

from __future__ import annotations

from nofame.checker import Checker, build_checker
from nofame.settings import Settings
from tests.findings_snapshot import SNAPSHOT, SYSTEMS, read, synthetic_rows


def test_findings_match_the_snapshot(checker: Checker) -> None:
    with_framing = build_checker(Settings(models=SYSTEMS[-1][1].models), nlp=checker.nlp)
    rows, expected = synthetic_rows(with_framing), read(SNAPSHOT)
    changed = [f"{a}\n  != {b}" for a, b in zip(rows, expected, strict=False) if a != b]
    assert len(rows) == len(expected) and not changed, (
        f"{len(rows)} findings, {len(expected)} in the snapshot; first differences:\n" + "\n".join(changed[:5])
    )
