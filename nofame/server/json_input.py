"""Request JSON that is safe to hand to the engine: bounded nesting, no lone surrogates.

`json.loads` accepts `"\\ud800"` (a lone surrogate, which no UTF-8 text can hold and which breaks
encoding later) and recurses once per nesting level (thousands of `[` exhaust the stack). Both are
client errors: they are found here, before any work, and answered with 400.
"""

from __future__ import annotations

import json
import re
from typing import Any

MAX_DEPTH = 32  # an article object is 3 deep (object > captions list > string)
_SURROGATE = re.compile("[\ud800-\udfff]")


class JsonRefused(ValueError):
    """Valid JSON syntax that nofame refuses; the message says why, without quoting the text."""


def loads(data: bytes | str, max_depth: int = MAX_DEPTH) -> Any:
    """Parse a request body; JsonRefused for deep nesting or lone surrogates, JSONDecodeError as json does."""
    try:
        value = json.loads(data)
    except RecursionError:  # CPython's parser stops near 1,000 levels; deeper than that never parses
        raise JsonRefused(f"the JSON is nested more than {max_depth} levels deep") from None
    problem = _problem(value, max_depth)
    if problem is not None:
        raise JsonRefused(problem)
    return value


def _problem(value: Any, max_depth: int) -> str | None:
    """Why the parsed value is refused (too deep, or where a lone surrogate is), or None. No recursion."""
    stack: list[tuple[str, Any, int]] = [("the JSON", value, 0)]
    while stack:
        where, item, depth = stack.pop()
        if isinstance(item, str):
            if _SURROGATE.search(item):
                return f"{where} holds a lone surrogate (\\ud800-\\udfff), which is not valid Unicode text"
            continue
        if not isinstance(item, dict | list):
            continue
        if depth >= max_depth:
            return f"the JSON is nested more than {max_depth} levels deep"
        if isinstance(item, dict):
            for key, child in item.items():
                if _SURROGATE.search(key):
                    return f"a key in {where} holds a lone surrogate (\\ud800-\\udfff), which is not valid Unicode text"
                stack.append((repr(key) if where == "the JSON" else f"{where}[{key!r}]", child, depth + 1))
        else:
            stack.extend((f"{where}[{i}]", child, depth + 1) for i, child in enumerate(item))
    return None
