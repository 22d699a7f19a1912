"""Per-mention helpers cost what the sentence costs, not what the text before it costs; a long text is
parsed in pieces that join into the Doc a whole parse would give."""

from __future__ import annotations

import random
import time

from nofame.checker import Checker
from nofame.model.features import _SENTENCE_END, sentence_bounds
from nofame.nlp import PIECE_CHARS, _pieces, parse


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


def test_a_long_text_is_parsed_in_pieces_into_the_same_doc(checker: Checker) -> None:
    paragraphs = [
        "Police said the gunman, Darrel Vickers, 31, opened fire at the bar on Friday and killed four people.",
        "Maria Lopez, 34, was a nurse who sang in her church choir, her sister said.",
        "Chief Ana Ortiz said officers arrived within three minutes\n\n\n",
    ]
    count = 1
    while len("\n\n".join(paragraphs[i % 3] for i in range(count))) < 2.5 * PIECE_CHARS:
        count += 25
    text = "\n\n".join(paragraphs[i % 3] for i in range(count))
    assert len(_pieces(text)) > 2 and "".join(_pieces(text)) == text
    (pieced,) = parse(checker.nlp, [text], batch_size=8)
    whole = checker.nlp(text)
    assert pieced.text == text
    assert [(t.idx, t.text, t.dep_, t.head.i, t.ent_type_) for t in pieced] == [
        (t.idx, t.text, t.dep_, t.head.i, t.ent_type_) for t in whole
    ]
    assert [s.start for s in pieced.sents] == [s.start for s in whole.sents]
