"""Offsets in normalised text mapped back to the text as it was sent.

Reading a draft only removes characters (carriage returns, invisible word breakers, suppression
comments, a byte-order mark) and turns runs of whitespace into one space or a paragraph break, so every
word of the normalised text appears, in order, in the text as sent. `OffsetMap` pairs them word by word
in one pass; a search is bounded, so the cost stays linear however the two texts differ.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

_WORD = re.compile(r"\S+")
_REACH = 4096  # how far past the previous word the next one may start in the sent text


@dataclass(frozen=True)
class OffsetMap:
    """Runs (normalised start, sent start, length) copied one to one; None when the texts do not align."""

    norm_starts: tuple[int, ...]
    sent_starts: tuple[int, ...]
    lengths: tuple[int, ...]
    sent_length: int

    @classmethod
    def build(cls, normalised: str, sent: str) -> OffsetMap | None:
        norm_starts: list[int] = []
        sent_starts: list[int] = []
        lengths: list[int] = []
        cursor = 0
        for match in _WORD.finditer(normalised):
            word = match.group()
            found = sent.find(word, cursor, cursor + len(word) + _REACH)
            if found != -1:
                norm_starts.append(match.start())
                sent_starts.append(found)
                lengths.append(len(word))
                cursor = found + len(word)
                continue
            for offset, char in enumerate(word):  # a word with removed characters inside: one at a time
                found = sent.find(char, cursor, cursor + 1 + _REACH)
                if found == -1:
                    return None
                norm_starts.append(match.start() + offset)
                sent_starts.append(found)
                lengths.append(1)
                cursor = found + 1
        return cls(tuple(norm_starts), tuple(sent_starts), tuple(lengths), len(sent))

    def start(self, offset: int) -> int:
        """Where a span starting at `offset` of the normalised text starts in the sent text."""
        i = bisect.bisect_right(self.norm_starts, offset) - 1
        if i < 0:
            return self.sent_starts[0] if self.sent_starts else 0
        inside = offset - self.norm_starts[i]
        if inside < self.lengths[i]:
            return self.sent_starts[i] + inside
        return self.sent_starts[i + 1] if i + 1 < len(self.sent_starts) else self.sent_length

    def end(self, offset: int) -> int:
        """Where a span ending (exclusive) at `offset` of the normalised text ends in the sent text."""
        i = bisect.bisect_left(self.norm_starts, offset) - 1
        if i < 0:
            return self.start(offset)
        inside = offset - self.norm_starts[i]
        if inside <= self.lengths[i]:
            return self.sent_starts[i] + inside
        return self.sent_starts[i] + self.lengths[i]
