"""Compatibility folding for matching: fullwidth and other compatibility forms read as plain letters.

"ｍａｎｉｆｅｓｔｏ", "𝐦𝐚𝐧𝐢𝐟𝐞𝐬𝐭𝐨" or a name behind a no-break space should not slip past the rules. Each
code point is replaced by its NFKC form only when that form is exactly one code point, so the folded
text has the same length as the original and every offset found in it points at the same characters
of the text as written. Forms that NFKC expands ("ﬁ" -> "fi", "…" -> "...", "½") stay as written;
emoji and other symbols become spaces.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Emoji and other pictographs, their modifiers and joiners read as spaces: "NAME 😡, 24," and "★NAME★"
# are a name with an age, not a word the model has never seen.
_SPACE_CATEGORIES = frozenset({"So", "Sk"})
_JOINERS = frozenset({"\u200d", "\ufe0e", "\ufe0f", "\u20e3"})


@lru_cache(maxsize=8192)
def _folded_char(char: str) -> str:
    if char in _JOINERS or unicodedata.category(char) in _SPACE_CATEGORIES:
        return " "
    folded = unicodedata.normalize("NFKC", char)
    return folded if len(folded) == 1 else char


def fold(text: str) -> str:
    """`text` with compatibility characters folded one to one (same length, same offsets)."""
    if text.isascii():
        return text
    table = {ord(c): f for c in set(text) if not c.isascii() and (f := _folded_char(c)) != c}
    return text.translate(table) if table else text
