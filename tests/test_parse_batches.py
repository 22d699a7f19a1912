"""`nlp.pipe` batches are bounded in texts and in characters; every text comes back once, in order."""

from __future__ import annotations

from nofame.checker import Checker
from nofame.nlp import _batches, parse


def test_batches_are_bounded_in_texts_and_characters() -> None:
    texts = ["a" * 10, "b" * 10, "c" * 25, "d" * 5, "e" * 5, "f" * 5]
    assert list(_batches(texts, 2, 20)) == [["a" * 10, "b" * 10], ["c" * 25], ["d" * 5, "e" * 5], ["f" * 5]]
    assert list(_batches([], 8, 20)) == []


def test_parse_returns_one_doc_per_text_in_order(checker: Checker) -> None:
    texts = [f"Paragraph {i} of a text.\n\n" * (i * 200) or "Short." for i in range(6)]
    docs = list(parse(checker.nlp, texts, batch_size=8))
    assert [doc.text for doc in docs] == texts
