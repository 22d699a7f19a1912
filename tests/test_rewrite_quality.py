"""The pieces under the rewrite: a/an by sound, tidy edits, quotation-aware sentences, and the checker that
judges rewrite output (each problem kind is caught, and the draft's own slips are not blamed on the rewrite)."""

from __future__ import annotations

import pytest

from nofame.checker import Checker
from nofame.rewrite.articles import article_for
from nofame.rewrite.edits import Edit, apply_edits, choose, sentence_bounds, tidy
from nofame.rewrite.quality import Expectation, check_rewrite, count_by_kind, grammar_problems, name_mentions


@pytest.mark.parametrize(
    ("phrase", "article"),
    [
        ("18-year-old", "an"), ("8", "an"), ("11-year-old", "an"), ("80", "an"), ("24-year-old", "a"),
        ("hour", "an"), ("honest", "an"), ("union", "a"), ("unidentified", "an"), ("one-time", "a"),
        ("European", "a"), ("FBI agent", "an"), ("AR-15", "an"), ("M16", "an"), ("U.S. official", "a"),
        ("SWAT team", "a"), ("attack", "an"), ("rifle", "a"), ("“attack”", "an"),
    ],
)  # fmt: skip
def test_article_by_sound(phrase: str, article: str) -> None:
    assert article_for(phrase) == article


def _apply(text: str, start: int, end: int, replacement: str) -> str:
    return apply_edits(text, [tidy(text, Edit("body", start, end, replacement))])


def test_tidy_fixes_the_article_before_a_deletion_and_a_replacement() -> None:
    text = "It was a horrific attack."
    assert _apply(text, text.index("horrific"), text.index(" attack"), "") == "It was an attack."
    text = "Witnesses said it was a bloodbath."
    assert _apply(text, text.index("bloodbath"), text.index("."), "attack") == "Witnesses said it was an attack."
    text = "Police identified an unnamed man as the suspect."
    assert _apply(text, text.index("unnamed"), text.index(" man"), "") == "Police identified a man as the suspect."


def test_tidy_keeps_capitals_spaces_and_commas_right() -> None:
    text = "Chillingly, he left. He had no record."
    assert _apply(text, 0, text.index(" he"), "") == "He left. He had no record."
    text = "The gunman, known online as Reaper, had posted threats."
    assert _apply(text, text.index(", known"), text.index(" had"), "") == "The gunman had posted threats."
    text = "Doe had no record."
    assert _apply(text, 0, 3, "the suspect") == "The suspect had no record."


def test_choose_drops_overlaps_and_keeps_priority() -> None:
    first, clash, later = Edit("body", 0, 10, "a"), Edit("body", 5, 12, "b"), Edit("body", 12, 14, "c")
    assert choose([first, clash, later]) == [first, later]
    assert choose([Edit("body", 3, 3, "x"), Edit("body", 3, 3, "y")]) == [Edit("body", 3, 3, "x")]


def test_sentence_bounds_do_not_split_quotations_or_titles() -> None:
    text = 'Mr. Doe wrote: "We are here. We stay." Police said so.'
    start, end = sentence_bounds(text, 3)
    assert text[start:end] == 'Mr. Doe wrote: "We are here. We stay."'
    start, end = sentence_bounds(text, len(text) - 3)
    assert text[start:end] == "Police said so."


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The the suspect fled.", "doubled-determiner"),
        ("It was a attack.", "a-an"),
        ("He was an rifleman.", "a-an"),
        ("The 24-year-old the attacker had bought it.", "determiner-determiner"),
        ("He left. the suspect stayed.", "lowercase-start"),
        ("Luke attacker kills nine.", "name-fragment"),
        ("The suspect Doran fled.", "name-fragment"),
    ],
)
def test_each_grammar_problem_is_caught(text: str, kind: str) -> None:
    assert kind in {p.kind for p in grammar_problems("body", text, ("Luke Doran",))}


def test_clean_text_has_no_grammar_problem() -> None:
    text = "An 18-year-old was arrested. A union official said the suspect, 24, had an FBI file. Plan A failed."
    assert grammar_problems("body", text, ("Luke Doran",)) == []


def test_checker_blames_the_rewrite_only_for_what_it_introduced(checker: Checker) -> None:
    before = {"body": "It was a attack. Doran fled."}
    after = {"body": "It was a attack. The suspect fled."}
    assert check_rewrite(checker.nlp, before, after, Expectation(("Luke Doran",), 0)) == []
    after = {"body": "It was a attack. The the suspect fled."}
    assert [p.kind for p in check_rewrite(checker.nlp, before, after, Expectation(("Luke Doran",), 0))] == [
        "doubled-determiner"
    ]


def test_checker_counts_names_against_the_allowance_per_person(checker: Checker) -> None:
    before = {"body": "Police named Luke Doran and Ann Bly. Doran and Bly fled. Doran was caught."}
    after = {"body": "Police named Luke Doran and Ann Bly. The suspects fled. Doran was caught."}
    people = (("Luke Doran", "Doran"), ("Ann Bly", "Bly"))
    expectation = Expectation(("Luke Doran", "Ann Bly"), 1, people=people)
    assert count_by_kind(check_rewrite(checker.nlp, before, after, expectation))["leftover-name"] == 1
    at_large = Expectation(("Luke Doran", "Ann Bly"), None, people=people)
    assert check_rewrite(checker.nlp, before, after, at_large) == []


def test_checker_finds_lost_facts_and_lost_verbs(checker: Checker) -> None:
    before = {"body": "Doran killed four people. Police Chief Ana Ortiz said 11 were hurt."}
    after = {"body": "The suspect killed four people. The suspect."}
    expectation = Expectation(("Luke Doran",), 1, keep=("Ana Ortiz",), numbers=frozenset({"11"}))
    kinds = [p.kind for p in check_rewrite(checker.nlp, before, after, expectation)]
    assert sorted(kinds) == ["lost-fact", "lost-fact", "lost-verb"]


def test_name_mentions_protect_other_people_with_the_surname() -> None:
    text = "Anna Doran, 40, was killed. Mrs Doran was a nurse. Luke Doran's car was found. DORAN fled."
    assert name_mentions(text, ("Luke Doran",), keep=("Anna Doran",)) == 2
