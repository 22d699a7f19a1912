"""A rule pack's own word lists: `lexicons/*.yml` in a folder of `rules_dirs`, each a mapping of list
name -> words, so that a standards editor can keep a list once and use it in several rules.

A rule finds a list by name where it names a lexicon (`patterns: - lexicon: NAME`, `absence`, `links`)
and does not define the list under its own `lexicons:`. The packs' lists are merged in the order of
`rules_dirs`: a later pack's list replaces an earlier one of the same name, as its rules replace rules.
The shipped pack's `lexicons/` folder holds the engine's own lexicons (context, actors, earlier
attackers), which have their own formats and are not shared this way.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from nofame.ruleset.validate import Problem, read_document

LEXICON_SCHEMA = "nofame.lexicon/v1"
SharedLexicons = Mapping[str, tuple[str, ...]]


def pack_lexicons(pack: Path) -> tuple[dict[str, tuple[str, ...]], list[Problem]]:
    """The word lists of one pack's `lexicons/*.yml`, and every problem found in them."""
    found: dict[str, tuple[str, ...]] = {}
    problems: list[Problem] = []
    for path in sorted((pack / "lexicons").glob("*.yml")):
        doc = read_document(path)
        if isinstance(doc, Problem):
            problems.append(doc)
            continue
        if not isinstance(doc.data, dict):
            problems.append(doc.problem((), "a lexicon file is a mapping of list name -> list of words"))
            continue
        for name, words in doc.data.items():
            if name == "schema":
                if words != LEXICON_SCHEMA:
                    problems.append(doc.problem((name,), f"schema: expected {LEXICON_SCHEMA!r}"))
                continue
            if not isinstance(words, list) or not words:
                problems.append(doc.problem((name,), f"{name}: a non-empty list of words"))
                continue
            bad = [i for i, word in enumerate(words) if not isinstance(word, str) or not word.strip()]
            for i in bad:
                hint = " (quote yes/no/on/off/true/null in YAML)" if not isinstance(words[i], str) else ""
                problems.append(doc.problem((name, i), f"{name}.{i}: {words[i]!r} is not a word{hint}"))
            if not bad:
                found[str(name)] = tuple(words)
    return found, problems
