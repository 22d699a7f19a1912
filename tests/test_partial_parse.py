"""The table attribute ruler, the cached lemmatizer and partial parsing against spaCy's full pipeline, on the
56 test articles.

Findings are compared at run time, with partial and with full parsing, not against a stored snapshot:
the rules keep changing, and what must hold is that the two modes agree.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from pathlib import Path

import pytest
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.language import Language

from nofame.article import Article
from nofame.checker import PIPE_BATCH, Checker, check_many
from nofame.fast_attributes import TableAttributeRuler
from nofame.fast_lemmas import CachedLemmatizer
from nofame.nlp import load_pipeline, parse
from nofame.parse_needs import rule_needs
from nofame.partial_parse import Matching, SentenceNeeds, word_forms
from nofame.sources import article_from_markdown

ARTICLES = sorted(p for p in (Path(__file__).parent / "data" / "articles").glob("*.md") if p.name != "README.md")
COMPARED = [TAG, POS, MORPH, LEMMA, DEP, HEAD]


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    return [article_from_markdown(p.read_text(encoding="utf-8")) for p in ARTICLES]


@pytest.fixture(scope="module")
def partial(checker: Checker) -> Checker:
    """The session's checker with partial parsing (off by default)."""
    return replace(checker, parse_needs=rule_needs(checker.nlp, checker.compiled))


@pytest.fixture(scope="module")
def shipped() -> Language:
    return load_pipeline(fast=False)


def _ruler_differences(nlp: Language, texts: list[str]) -> tuple[int, int]:
    """(tokens, tokens that differ) after spaCy's attribute ruler and the table one on the same parses."""
    ruler = nlp.get_pipe("attribute_ruler")
    table = TableAttributeRuler(ruler)  # type: ignore[arg-type]
    tokens = differ = 0
    with nlp.select_pipes(enable=["tok2vec", "tagger", "nofame_paragraph_breaks", "parser"]):
        for doc in nlp.pipe(texts, batch_size=PIPE_BATCH):
            expected, got = ruler(doc.copy()), table(doc.copy())
            tokens += len(doc)
            differ += int((expected.to_array(COMPARED) != got.to_array(COMPARED)).any(axis=1).sum())
    return tokens, differ


def test_table_ruler_gives_spacys_output_token_by_token(shipped: Language, articles: list[Article]) -> None:
    texts = [text for a in articles for text in a.fields().values() if text.strip()]
    tokens, differ = _ruler_differences(shipped, texts)
    assert tokens > 20_000 and differ == 0


def test_table_ruler_handles_two_token_and_dependency_patterns(shipped: Language) -> None:
    # "gon na", "y' all", "ai n't", "let 's" are two-token patterns; "There is" reads DEP expl.
    texts = ["I'm gonna go, y'all ain't ready. Let's c'mon! There is a man. It said I was there. But he left."]
    assert _ruler_differences(shipped, texts) == (sum(len(shipped.make_doc(t)) for t in texts), 0)


def test_cached_lemmatizer_gives_spacys_lemmas_token_by_token(shipped: Language, articles: list[Article]) -> None:
    lemmatizer = shipped.get_pipe("lemmatizer")
    cached = CachedLemmatizer(lemmatizer)  # type: ignore[arg-type]
    texts = [text for a in articles for text in a.fields().values() if text.strip()]
    tokens = differ = 0
    with shipped.select_pipes(disable=["lemmatizer"]):
        for doc in shipped.pipe(texts, batch_size=PIPE_BATCH):
            expected, got = lemmatizer(doc.copy()), cached(doc.copy())
            tokens += len(doc)
            differ += int((expected.to_array([LEMMA]) != got.to_array([LEMMA])).sum())
    assert tokens > 20_000 and differ == 0


def test_word_forms_come_from_the_lemmatizers_rules_and_exceptions(checker: Checker) -> None:
    forms = word_forms(checker.nlp, ["shoot", "kill", "rampage"])
    assert {"shoot", "shoots", "shooting", "shot", "kill", "killed", "kills", "rampages"} <= forms


def test_rules_declare_the_words_that_need_the_parse(checker: Checker) -> None:
    needs = rule_needs(checker.nlp, checker.compiled)
    assert needs is not None and "PERSON" in needs.labels and needs.all_of
    # every entry is what one required token of a pattern reading LEMMA/POS/TAG/DEP/MORPH may be: words or a regex
    assert all(
        sets and all(isinstance(s, Matching) or (isinstance(s, frozenset) and s) for s in sets) for sets in needs.all_of
    )
    # method-detail's timestamps ("At 9:42 a.m. he entered") need the time, not only "he" or "the"
    assert any(Matching(r"^\d{1,2}:\d{2}$") in sets for sets in needs.all_of)


def test_a_regex_requirement_selects_only_sentences_with_a_matching_token(checker: Checker) -> None:
    text = "The gunman entered the hall. At 9:42 he entered the school. He left at noon."
    requirement = (Matching(r"^\d{1,2}:\d{2}$"), frozenset({"he"}))
    needs = SentenceNeeds(labels=frozenset(), words=frozenset(), quotes=False, mentions=False, all_of=(requirement,))
    doc = next(parse(checker.nlp, [text], PIPE_BATCH, needs))
    parsed = [sent.text.strip() for sent in doc.sents if all(t.tag_ for t in sent)]
    assert parsed == ["At 9:42 he entered the school."]


def test_only_selected_sentences_are_parsed(checker: Checker) -> None:
    text = "The weather was fine.\n\nMaria Lopez said she saw it. The shops were closed. It rained."
    needs = SentenceNeeds(labels=frozenset({"PERSON"}), words=frozenset(), quotes=False, mentions=False)
    doc = next(parse(checker.nlp, [text], PIPE_BATCH, needs))
    parsed = {sent.text.strip(): all(t.tag_ for t in sent) for sent in doc.sents}
    assert parsed["Maria Lopez said she saw it."]
    assert not any(done for sent, done in parsed.items() if "Maria" not in sent)
    assert [t.dep_ for t in doc if t.text == "said"] == ["ROOT"]
    full = next(parse(checker.nlp, [text], PIPE_BATCH))
    assert doc.text == full.text == text and [e.text for e in doc.ents] == [e.text for e in full.ents]


def test_partial_parse_keeps_tags_and_dependencies_of_the_full_parse(partial: Checker, articles: list[Article]) -> None:
    texts = [a.fields()["body"] for a in articles]
    same = total = 0
    for part, full in zip(
        parse(partial.nlp, texts, PIPE_BATCH, partial.parse_needs), parse(partial.nlp, texts, PIPE_BATCH), strict=True
    ):
        done = part.to_array([TAG]).reshape(-1) != 0
        total += int(done.sum())
        same += int((part.to_array(COMPARED)[done] == full.to_array(COMPARED)[done]).all(axis=1).sum())
    # Context around each run keeps the tags; a run's parse may still differ where the full parse joins it
    # to the sentence before (a few percent of tokens).
    assert same / total > 0.95


def _findings(checker: Checker, articles: list[Article]) -> list[set[tuple[str, str, int, int]]]:
    reports = []
    for start in range(0, len(articles), PIPE_BATCH):
        reports.extend(check_many(checker, articles[start : start + PIPE_BATCH]))
    return [{(f.rule, f.field, f.start, f.end) for f in r.findings} for r in reports]


def test_partial_parsing_gives_the_findings_of_full_parsing(
    checker: Checker, partial: Checker, articles: list[Article]
) -> None:
    assert checker.parse_needs is None and partial.parse_needs is not None
    with_partial = _findings(partial, articles)
    full = _findings(checker, articles)
    differing = {p.stem: (f ^ q) for p, f, q in zip(ARTICLES, full, with_partial, strict=True) if f != q}
    assert not differing
    assert sum(len(f) for f in full) > 200  # the articles do have findings to compare


def test_sentences_cover_the_text_in_both_modes(partial: Checker, articles: list[Article]) -> None:
    text = articles[0].fields()["body"]
    doc = next(parse(partial.nlp, [text], PIPE_BATCH, partial.parse_needs))
    bounds = [(s.start, s.end) for s in doc.sents]
    assert bounds[0][0] == 0 and bounds[-1][1] == len(doc)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(bounds))
    assert any(not s[0].tag_ for s in doc.sents) and any(s[0].tag_ for s in doc.sents)
