"""Array-based shortcuts give what spaCy's token-by-token answers give, on the 56 test articles; how
compiled patterns are anchored and cut."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.tokens import Doc

from nofame.checker import PIPE_BATCH, Checker, analyse
from nofame.context import Terms
from nofame.doc_arrays import sentences, word_count
from nofame.ruleset.compile import _anchor
from nofame.sources import article_from_markdown, article_from_text

ARTICLES = sorted(p for p in (Path(__file__).parent / "data" / "articles").glob("*.md") if p.name != "README.md")


@pytest.fixture(scope="module")
def docs(checker: Checker) -> list[Doc]:
    texts = [
        text
        for path in ARTICLES
        for text in article_from_markdown(path.read_text(encoding="utf-8")).fields().values()
        if text.strip()
    ]
    return list(checker.nlp.pipe(texts, batch_size=PIPE_BATCH))


def test_sentences_are_spacys(docs: list[Doc]) -> None:
    for doc in docs:
        assert [(s.start, s.end) for s in sentences(doc)] == [(s.start, s.end) for s in doc.sents]


def test_word_count_skips_punctuation_and_space(docs: list[Doc]) -> None:
    for doc in docs:
        assert word_count(doc) == sum(1 for t in doc if not t.is_punct and not t.is_space)


def test_token_hits_match_the_token_by_token_test(docs: list[Doc]) -> None:
    terms = Terms.of(["gunman", "shooter", "kill", "suspect", "police"])
    hits = 0
    for doc in docs:
        expected = [t.lower_ in terms.words or t.lemma_.lower() in terms.words for t in doc]
        assert terms.token_hits(doc).tolist() == expected
        for sent in sentences(doc):
            assert terms.found(sent, "") == any(expected[sent.start : sent.end])
        hits += sum(expected)
    assert hits > 100


def test_a_pattern_of_common_words_is_anchored_on_its_rarest_looking_one() -> None:
    pattern = [{"LOWER": "this"}, {"LEMMA": "be"}, {"LOWER": "what"}, {"LOWER": {"IN": ["happens", "you"]}}]
    assert _anchor(pattern) == ("LOWER", frozenset({"this"}))  # one word of four letters beats two
    assert _anchor([{"LOWER": "the"}, {"LOWER": "gunman"}]) == ("LOWER", frozenset({"gunman"}))
    assert _anchor([{"IS_PUNCT": True}]) is None


def test_a_look_ahead_token_is_checked_but_left_out_of_the_finding(checker: Checker) -> None:
    def spans(text: str, rule: str) -> list[str]:
        return [f.text for f in analyse(checker, article_from_text(text))[1].findings if f.rule == rule]

    before = "Two gunmen killed three worshippers in the church. The gunmen filmed themselves before the attack."
    during = "Two gunmen killed three worshippers in the church. The gunmen filmed themselves as they fired."
    assert spans(before, "perpetrator-self-image") == ["filmed themselves"]
    assert spans(during, "perpetrator-self-image") == []  # "as" follows: the footage rule's words
    assert spans(during, "attack-video") == ["filmed themselves as"]
