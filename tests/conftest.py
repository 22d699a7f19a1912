"""Shared fixtures: the checker is costly (spaCy + compiled rules), so it is built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from nofame.checker import Checker, build_checker

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def checker() -> Checker:
    return build_checker()
