"""Perpetrator names masked in what the report and compare show: they follow the guidelines they measure."""

from __future__ import annotations

import json
import re
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

NAME_RULES = frozenset({"name-in-headline", "name-repetition", "name-in-lede", "prior-attacker-reference", "nickname"})
MASK = "[perpetrator]"


def _names(value: Any) -> list[str]:
    if isinstance(value, str):  # CSV: a JSON list in a cell
        try:
            value = json.loads(value or "[]")
        except ValueError:
            return []
    return [str(name) for name in value or [] if name]


def mask(text: str, names: Any, show: bool = False) -> str:
    """`text` with every part of the article's perpetrator names as [perpetrator]."""
    if show or not text:
        return text
    parts = {part for name in _names(names) for part in re.split(r"\s+", name.strip()) if len(part) > 2}
    for part in sorted(parts, key=len, reverse=True):  # every part: headlines use the full name or the surname
        text = re.sub(rf"\b{re.escape(part)}(?:'s|’s)?(?!\w)", MASK, text, flags=re.IGNORECASE)
    return re.sub(rf"{re.escape(MASK)}(?:\s+{re.escape(MASK)})+", MASK, text)


def name_parts(table: pa.Table) -> frozenset[str]:
    """Every part (3+ letters) of every perpetrator name in the file, lower-cased."""
    if "perpetrator_names" not in table.column_names:
        return frozenset()
    values = table.column("perpetrator_names")
    if pa.types.is_list(values.type):
        names = [n for n in pc.list_flatten(values).unique().to_pylist() if n]
    else:
        names = [n for cell in pc.unique(values).to_pylist() for n in _names(cell)]
    return frozenset(part.lower() for name in names for part in name.split() if len(part) > 2)


def mask_parts(text: str, parts: frozenset[str], show: bool = False) -> str:
    """`text` with any word that is part of a known perpetrator name as [perpetrator] (for rows that
    have no names of their own: gate-skipped articles, phrases)."""
    if show or not parts or not text:
        return text

    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        bare = re.sub(r"(?:'s|’s)$", "", word.lower())
        return MASK if bare in parts else word

    masked = re.sub(r"[\w'’-]+", swap, text)
    return re.sub(rf"{re.escape(MASK)}(?:\s+{re.escape(MASK)})+", MASK, masked)
