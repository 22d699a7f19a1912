"""Per-mention helpers cost what the sentence costs, not what the text before it costs."""

from __future__ import annotations

import random
import time

from nofame.model.features import _SENTENCE_END, sentence_bounds


def _reference(text: str, start: int, end: int) -> tuple[int, int]:
    left = 0
    for match in _SENTENCE_END.finditer(text, 0, start):
        left = match.end()
    while left < start and text[left].isspace():
        left += 1
    right = _SENTENCE_END.search(text, end)
    return left, (right.end() if right else len(text))


def test_sentence_bounds_as_before_on_random_text() -> None:
    rng = random.Random(11)
    pieces = ["word ", "a", ". ", '." ', "...", "\n", "! ", "? ", "”", " ", "x" * 700]
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 300)))
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        assert sentence_bounds(text, start, end) == _reference(text, start, end)


def test_sentence_bounds_cost_does_not_grow_with_the_offset() -> None:
    sentence = "Police said the suspect, John Quokkaman, was arrested on Friday. "
    text = sentence * (1_000_000 // len(sentence))
    offsets = range(len(sentence) + 24, len(text) - 100, len(text) // 3000)
    started = time.perf_counter()
    for offset in offsets:
        sentence_bounds(text, offset, offset + 14)
    # Scanning from the start of the text each time took minutes here; the sentence alone, milliseconds.
    assert time.perf_counter() - started < 2
