"""nofame: check news drafts about mass attacks against no-notoriety guidelines.

The public Python API (see the README): `check`, `Checker`, `audit`, `read_results`, and the types
they use (`Report`, `Finding`, `Article`, `Settings`). Names load on first use, so `import nofame`
stays light: spaCy, pyarrow and the models load only when a check or an audit needs them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from nofame.api import Checker, audit, check, make_settings, read_results
    from nofame.article import Article
    from nofame.report import Finding, Report
    from nofame.settings import Settings

_LAZY = {
    "check": "nofame.api",
    "Checker": "nofame.api",
    "audit": "nofame.api",
    "read_results": "nofame.api",
    "make_settings": "nofame.api",
    "Report": "nofame.report",
    "Finding": "nofame.report",
    "Article": "nofame.article",
    "Settings": "nofame.settings",
}
__all__ = [
    "Article",
    "Checker",
    "Finding",
    "Report",
    "Settings",
    "__version__",
    "audit",
    "check",
    "make_settings",
    "read_results",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'nofame' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
