"""Tag, lemmatise and parse only the sentences that rules and actors read those annotations in.

The tokenizer, `senter` and `ner` run over the whole text (sentences and entities are read everywhere);
tok2vec, tagger, parser, attribute ruler and lemmatizer run on the runs of selected sentences, each
run parsed as a Doc of its own and its annotations copied back. A sentence is selected when it holds an
entity of a declared label, a declared word, or a quotation mark (`SentenceNeeds`). Outside them
tokens have no tag, POS, lemma or dependency; sentence boundaries there are `senter`'s.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np
from spacy.attrs import DEP, HEAD, LEMMA, LOWER, MORPH, POS, SENT_START, TAG
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

# What the parse adds, copied from each run back to the whole Doc.
PARSE_ATTRS = [TAG, POS, MORPH, LEMMA, HEAD, DEP]
# Run over every text; `senter` is switched off in the shipped model and only called from here.
WHOLE_TEXT_PIPES = ("nofame_paragraph_breaks", "senter", "ner")
QUOTE_MARKS = frozenset('"“”«»')


@dataclass(frozen=True)
class SentenceNeeds:
    """Which sentences need tags, lemmas and the parse: declared by the rule engine and the actors."""

    labels: frozenset[str]  # entity labels (PERSON: actors read the grammar around names)
    words: frozenset[str]  # lower-cased word forms
    quotes: bool = True  # sentences with a quotation mark (speakers are found from the parse)
    # Word sets a sentence must all hit: one entry per token pattern, one set per required literal token.
    all_of: tuple[tuple[frozenset[str], ...], ...] = ()

    def merged(self, other: SentenceNeeds) -> SentenceNeeds:
        return SentenceNeeds(
            self.labels | other.labels,
            self.words | other.words,
            self.quotes or other.quotes,
            self.all_of + other.all_of,
        )


def word_forms(nlp: Language, lemmas: Iterable[str]) -> frozenset[str]:
    """The lower-cased forms whose lemma may be one of `lemmas`, from the lemmatizer's own suffix rules and
    exceptions (a superset: "kills", "killed", "killing" for "kill", "shot" for "shoot")."""
    lookups = nlp.get_pipe("lemmatizer").lookups  # type: ignore[attr-defined]
    rules = lookups.get_table("lemma_rules")
    exceptions = lookups.get_table("lemma_exc")
    wanted = {lemma.lower() for lemma in lemmas}
    forms = set(wanted)
    for pos in rules:
        for old, new in rules[pos]:
            forms.update(lemma[: len(lemma) - len(new)] + old for lemma in wanted if lemma.endswith(new))
    for pos in exceptions:
        forms.update(form for form, found in exceptions[pos].items() if wanted.intersection(found))
    return frozenset(forms)


def parse_partially(nlp: Language, texts: Iterable[str], needs: SentenceNeeds, batch_size: int) -> Iterator[Doc]:
    """One Doc per text, annotated as described in the module docstring."""
    whole = [nlp.get_pipe(name) for name in WHOLE_TEXT_PIPES]
    # Paragraph breaks again before the runs' parser: it decides the sentences inside a run.
    parts = [nlp.get_pipe(name) for name in nlp.pipe_names if name not in WHOLE_TEXT_PIPES[1:]]
    words = np.array(sorted(nlp.vocab.strings.add(w) for w in needs.words), dtype=np.uint64)
    for batch in minibatch(texts, size=batch_size):
        docs: list[Doc] = [nlp.make_doc(text) for text in batch]
        for proc in whole:
            docs = list(_pipe(proc, docs, batch_size))
        runs = [_selected_runs(doc, needs, words) for doc in docs]
        pieces = [doc[start:end] for doc, doc_runs in zip(docs, runs, strict=True) for start, end in doc_runs]
        parsed: list[Doc] = [Doc(nlp.vocab, [t.text for t in p], [bool(t.whitespace_) for t in p]) for p in pieces]
        for proc in parts:
            parsed = list(_pipe(proc, parsed, batch_size))
        found = iter(parsed)
        for doc, doc_runs in zip(docs, runs, strict=True):
            _copy_back(doc, [(start, next(found)) for start, _ in doc_runs])
            yield doc


def _pipe(proc: object, docs: list[Doc], batch_size: int) -> Iterator[Doc]:
    if hasattr(proc, "pipe"):
        return proc.pipe(docs, batch_size=batch_size)  # type: ignore[attr-defined]
    return (proc(doc) for doc in docs)  # type: ignore[operator]


def _selected_runs(doc: Doc, needs: SentenceNeeds, words: np.ndarray) -> list[tuple[int, int]]:
    """Token ranges of consecutive selected sentences; the whole Doc when no sentence is selected, so that
    a field always carries tags (the Matcher refuses POS patterns on a Doc without them)."""
    if not len(doc):
        return []
    hit = np.isin(doc.to_array([LOWER]).reshape(-1), words)
    for ent in doc.ents:
        if ent.label_ in needs.labels:
            hit[ent.start : ent.end] = True
    if needs.quotes:
        hit |= np.array([t.text in QUOTE_MARKS for t in doc], dtype=bool)
    lower = [t.lower_ for t in doc]
    in_doc = set(lower)
    # Patterns whose required words all occur in the Doc; then checked sentence by sentence.
    patterns = [sets for sets in needs.all_of if all(not s.isdisjoint(in_doc) for s in sets)]
    runs: list[tuple[int, int]] = []
    for sent in doc.sents:
        selected = bool(hit[sent.start : sent.end].any())
        if not selected and patterns:
            here = set(lower[sent.start : sent.end])
            selected = any(all(not s.isdisjoint(here) for s in sets) for sets in patterns)
        if selected:
            if runs and runs[-1][1] == sent.start:
                runs[-1] = (runs[-1][0], sent.end)
            else:
                runs.append((sent.start, sent.end))
    return runs or [(0, len(doc))]


def _copy_back(doc: Doc, runs: list[tuple[int, Doc]]) -> None:
    """Tags, lemmas and dependencies of each parsed run into the whole Doc; sentence starts from the parser
    inside runs and from `senter` outside them."""
    values = np.zeros((len(doc), len(PARSE_ATTRS)), dtype=np.uint64)
    starts = doc.to_array([SENT_START]).reshape(-1)
    for start, parsed in runs:
        values[start : start + len(parsed)] = parsed.to_array(PARSE_ATTRS)
        starts[start : start + len(parsed)] = parsed.to_array([SENT_START]).reshape(-1)
    doc.from_array(PARSE_ATTRS, values)
    doc.from_array([SENT_START], starts)  # after HEAD: from_array sets sentence starts from the trees
