"""Imports flow down: no module of nofame/ imports from a layer above its own (lazy imports included).

The layers, bottom to top; README.md ("How it works") draws the same picture. A module belongs to the
layer of the longest prefix listed for it.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "nofame"

LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # values and data every layer uses; `nofame.model` alone is the package's list of model names
    (
        "foundation",
        (
            "nofame",
            "nofame.errors",
            "nofame.resources",
            "nofame.fold",
            "nofame.offsets",
            "nofame.article",
            "nofame.text_links",
            "nofame.report",
            "nofame.profiles",
            "nofame.settings",
            "nofame.language",
            "nofame.model",
            "nofame.extras",
        ),
    ),
    (
        "reading",
        (
            "nofame.nlp",
            "nofame.partial_parse",
            "nofame.fast_attributes",
            "nofame.fast_lemmas",
            "nofame.doc_arrays",
            "nofame.sources",
            "nofame.actors",
            "nofame.context",
        ),
    ),
    ("analysis", ("nofame.analysis", "nofame.roles", "nofame.stats")),
    ("rules", ("nofame.ruleset", "nofame.parse_needs")),
    (
        "models",
        (
            "nofame.model.pipeline",
            "nofame.model.bundle",
            "nofame.model.features",
            "nofame.model.predict",
            "nofame.model.relevance",
            "nofame.model.roles",
            "nofame.model.framing",
        ),
    ),
    ("engine", ("nofame.checker",)),
    ("services", ("nofame.rewrite", "nofame.render", "nofame.rulepacks")),
    ("tools", ("nofame.batch", "nofame.evaluation", "nofame.model.train", "nofame.server")),
    ("faces", ("nofame.cli", "nofame.api", "nofame.spacy_component")),
)
RANK = {prefix: rank for rank, (_, prefixes) in enumerate(LAYERS) for prefix in prefixes}
NAMES = [name for name, _ in LAYERS]


def layer_of(module: str) -> int:
    if module == "nofame":
        return RANK[module]
    parts = module.split(".")
    for end in range(len(parts), 1, -1):  # the root package is no prefix: a new module must be placed
        prefix = ".".join(parts[:end])
        if prefix in RANK:
            return RANK[prefix]
    raise AssertionError(f"{module} is in no layer: add it to LAYERS")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every nofame import in the file, at any depth; imports for type checkers only
    (`if TYPE_CHECKING:`) never run, so they are no dependency."""
    out = []
    for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            out.extend((node.lineno, alias.name) for alias in node.names)
    return [(line, name) for line, name in out if name == "nofame" or name.startswith("nofame.")]


def _runtime_nodes(node: ast.AST) -> Iterator[ast.AST]:
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and isinstance(child.test, ast.Name) and child.test.id == "TYPE_CHECKING":
            yield from (n for branch in child.orelse for n in (branch, *_runtime_nodes(branch)))
            continue
        yield child
        yield from _runtime_nodes(child)


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_no_module_imports_from_a_layer_above(path: Path) -> None:
    own = layer_of(module_name(path))
    upward = [
        f"{path.name}:{line} imports {target} ({NAMES[layer_of(target)]}, above {NAMES[own]})"
        for line, target in imports(path)
        if layer_of(target) > own
    ]
    assert not upward, "\n".join(upward)


def test_the_walk_sees_lazy_imports_not_type_checking_ones(tmp_path: Path) -> None:
    source = tmp_path / "m.py"
    source.write_text(
        "if TYPE_CHECKING:\n    from nofame.api import check\ndef f():\n    from nofame.checker import check\n",
        encoding="utf-8",
    )
    assert imports(source) == [(4, "nofame.checker")]
