"""Tag, lemmatise and parse only the sentences that rules and actors read those annotations in.

The tokenizer, `senter` and `ner` run over the whole text (sentences and entities are read everywhere);
tok2vec, tagger, parser, attribute ruler and lemmatizer run on the runs of selected sentences, each
run parsed as a Doc of its own and its annotations copied back. A sentence is selected when it holds an
entity of a declared label or a name from one, a declared word, or a quotation mark (`SentenceNeeds`). Outside them
tokens have no tag, POS, lemma or dependency; sentence boundaries there are `senter`'s.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np
from spacy.attrs import DEP, HEAD, IDX, LEMMA, LENGTH, LOWER, MORPH, ORTH, POS, SENT_START, SPACY, TAG
from spacy.language import Language
from spacy.strings import get_string_id
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
    mentions: bool = True  # sentences repeating a capitalised word of such an entity (a surname alone)
    # Word sets a sentence must all hit: one entry per token pattern, one set per required literal token.
    all_of: tuple[tuple[frozenset[str], ...], ...] = ()

    def merged(self, other: SentenceNeeds) -> SentenceNeeds:
        return SentenceNeeds(
            self.labels | other.labels,
            self.words | other.words,
            self.quotes or other.quotes,
            self.mentions or other.mentions,
            self.all_of + other.all_of,
        )


def word_forms(nlp: Language, lemmas: Iterable[str]) -> frozenset[str]:
    """The lower-cased forms whose lemma may be one of `lemmas`, from the lemmatizer's own suffix rules and
    exceptions (a superset: "kills", "killed", "killing" for "kill", "shot" for "shoot")."""
    name = "lemmatizer" if "lemmatizer" in nlp.pipe_names else "nofame_lemmatizer"
    lookups = nlp.get_pipe(name).lookups  # type: ignore[attr-defined]
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
    selector = Selector.of(needs)
    context = context_tokens(nlp)
    for batch in minibatch(texts, size=batch_size):
        docs: list[Doc] = [nlp.make_doc(text) for text in batch]  # doc.text == text
        for proc in whole:
            docs = list(_pipe(proc, docs, batch_size))
        runs = [selector.runs(doc) for doc in docs]
        made = [_run_doc(d, text, s, e, context) for d, text, r in zip(docs, batch, runs, strict=True) for s, e in r]
        parsed = [doc for _, doc in made]
        for proc in parts:
            parsed = list(_pipe(proc, parsed, batch_size))
        found = iter(zip((offset for offset, _ in made), parsed, strict=True))
        for doc, doc_runs in zip(docs, runs, strict=True):
            _copy_back(doc, [(start, end, *next(found)) for start, end in doc_runs])
            yield doc


def _pipe(proc: object, docs: list[Doc], batch_size: int) -> Iterator[Doc]:
    if hasattr(proc, "pipe"):
        return proc.pipe(docs, batch_size=batch_size)  # type: ignore[attr-defined]
    return (proc(doc) for doc in docs)  # type: ignore[operator]


def context_tokens(nlp: Language) -> int:
    """How far the shared tok2vec sees: `window_size` tokens each side, once per layer. With that many
    tokens of context around a run, the run's vectors, and so its tags, are those of the whole text."""
    encode = nlp.config["components"]["tok2vec"]["model"]["encode"]
    return int(encode.get("window_size", 1)) * int(encode.get("depth", 4))


def _run_doc(doc: Doc, text: str, start: int, end: int, context: int) -> tuple[int, Doc]:
    """Tokens start..end with `context` tokens either side as a Doc of their own, and the run's offset in it.
    The run's first token and the token after it start sentences, so the parser keeps the run apart from
    its context and decides the sentences inside it. Words are sliced from `text` (the Doc's text: spaCy
    rebuilds `doc.text` token by token)."""
    lo, hi = max(0, start - context), min(len(doc), end + context)
    idx, length, space = doc.to_array([IDX, LENGTH, SPACY])[lo:hi].T.tolist()
    words = [text[i : i + n] for i, n in zip(idx, length, strict=True)]
    sent_starts: list[bool | None] = [None] * (hi - lo)
    sent_starts[0] = True
    sent_starts[start - lo] = True
    if end < hi:
        sent_starts[end - lo] = True
    return start - lo, Doc(doc.vocab, words=words, spaces=[bool(s) for s in space], sent_starts=sent_starts)


@dataclass(frozen=True)
class Selector:
    """`SentenceNeeds` as string ids, to select sentences from token arrays rather than Token objects."""

    needs: SentenceNeeds
    words: np.ndarray
    quotes: np.ndarray
    all_of: tuple[tuple[frozenset[int], ...], ...]

    @classmethod
    def of(cls, needs: SentenceNeeds) -> Selector:
        def ids(words: Iterable[str]) -> np.ndarray:
            return np.array(sorted({get_string_id(w) for w in words}), dtype=np.uint64)

        all_of = tuple(tuple(frozenset(get_string_id(w) for w in s) for s in sets) for sets in needs.all_of)
        return cls(needs, ids(needs.words), ids(QUOTE_MARKS if needs.quotes else ()), all_of)

    def runs(self, doc: Doc) -> list[tuple[int, int]]:
        """Token ranges of consecutive selected sentences; the whole Doc when no sentence is selected, so
        that a field always carries tags (the Matcher refuses POS patterns on a Doc without them)."""
        if not len(doc):
            return []
        lower, orth, sent_start = doc.to_array([LOWER, ORTH, SENT_START]).T
        hit = np.isin(lower, self.words) | np.isin(orth, self.quotes)
        names: set[int] = set()
        for ent in doc.ents:
            if ent.label_ in self.needs.labels:
                hit[ent.start : ent.end] = True
                names.update(t.orth for t in ent if t.is_title)
        if self.needs.mentions and names:  # "Petrakis was declared dead": a name again, without its entity
            hit |= np.isin(orth, np.array(sorted(names), dtype=np.uint64))
        lower_ids = lower.tolist()
        in_doc = set(lower_ids)
        # Patterns whose required words all occur in the Doc; then checked sentence by sentence.
        patterns = [sets for sets in self.all_of if all(not s.isdisjoint(in_doc) for s in sets)]
        bounds = [*np.flatnonzero(sent_start == 1).tolist(), len(doc)]
        if bounds[0] != 0:
            bounds.insert(0, 0)
        runs: list[tuple[int, int]] = []
        for start, end in itertools.pairwise(bounds):
            selected = bool(hit[start:end].any())
            if not selected and patterns:
                here = set(lower_ids[start:end])
                selected = any(all(not s.isdisjoint(here) for s in sets) for sets in patterns)
            if selected:
                if runs and runs[-1][1] == start:
                    runs[-1] = (runs[-1][0], end)
                else:
                    runs.append((start, end))
        return runs or [(0, len(doc))]


def _copy_back(doc: Doc, runs: list[tuple[int, int, int, Doc]]) -> None:
    """Tags, lemmas and dependencies of each parsed run (start, end, its offset in its Doc, that Doc) into the
    whole Doc; sentence starts from the parser inside runs and from `senter` outside them."""
    values = np.zeros((len(doc), len(PARSE_ATTRS)), dtype=np.uint64)
    starts = doc.to_array([SENT_START]).reshape(-1)
    for start, end, offset, parsed in runs:
        values[start:end] = parsed.to_array(PARSE_ATTRS)[offset : offset + end - start]
        starts[start:end] = parsed.to_array([SENT_START]).reshape(-1)[offset : offset + end - start]
    doc.from_array(PARSE_ATTRS, values)
    doc.from_array([SENT_START], starts)  # after HEAD: from_array sets sentence starts from the trees
