"""Optional parts of nofame and the modules each needs: `pip install nofame` checks, rewrites and
serves; batch audits, Dask and HTML reports come with extras. Commands call `require_extra` first, so a
missing extra is one line naming it rather than an ImportError deep in a worker."""

from __future__ import annotations

import importlib

from nofame.errors import NofameError

# extra -> the importable modules it installs (as pyproject.toml's optional-dependencies list them).
EXTRAS: dict[str, tuple[str, ...]] = {
    "audit": ("pyarrow", "warcio", "tqdm"),
    "dask": ("pyarrow", "warcio", "tqdm", "dask", "distributed"),
    "report": ("pyarrow", "matplotlib", "jinja2"),
}


class MissingExtra(NofameError):
    """A command needs an extra that is not installed."""


def missing_modules(extra: str) -> list[str]:
    missing = []
    for module in EXTRAS[extra]:
        try:
            importlib.import_module(module)
        except ImportError:
            missing.append(module)
    return missing


def require_extra(extra: str, command: str) -> None:
    """Raise MissingExtra, naming the extra and how to install it, when any of its modules is missing."""
    missing = missing_modules(extra)
    if missing:
        raise MissingExtra(
            f"`nofame {command}` needs the {extra} extra ({', '.join(missing)} not installed): "
            f"pip install 'nofame[{extra}]'"
        )
