"""Tag, lemmatise and parse only the sentences that rules and actors read those annotations in.

The tokenizer, `senter` and `ner` run over the whole text (sentences and entities are read everywhere);
tok2vec, tagger, parser, attribute ruler and lemmatizer run on the runs of selected sentences, each
run parsed as a Doc of its own and its annotations copied back. A sentence is selected when it holds an
entity of a declared label or a name from one, a declared word, or a quotation mark (`SentenceNeeds`). Outside them
tokens have no tag, POS, lemma or dependency; sentence boundaries there are `senter`'s.
"""

from __future__ import annotations

import itertools
import re
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
CACHE_LIMIT = 100_000  # token texts remembered per regex requirement: a long audit's vocabulary must not grow it


@dataclass(frozen=True)
class Matching:
    """A required pattern token given by a regular expression ("^\\d{1,2}:\\d{2}$" for a time) rather than
    by words: a sentence can match only if one of its tokens' text (lower-cased with `lower`) matches."""

    regex: str
    lower: bool = False


# One required token of a pattern: the lower-cased words it may be, or a regex its text must match.
Required = frozenset[str] | Matching


@dataclass(frozen=True)
class SentenceNeeds:
    """Which sentences need tags, lemmas and the parse: declared by the rule engine and the actors."""

    labels: frozenset[str]  # entity labels (PERSON: actors read the grammar around names)
    words: frozenset[str]  # lower-cased word forms
    quotes: bool = True  # sentences with a quotation mark (speakers are found from the parse)
    mentions: bool = True  # sentences repeating a capitalised word of such an entity (a surname alone)
    # Requirements a sentence must all meet: one entry per token pattern, one per required token.
    all_of: tuple[tuple[Required, ...], ...] = ()

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
        made = [_runs_doc(doc, text, selector.runs(doc), context) for doc, text in zip(docs, batch, strict=True)]
        parsed = [runs_doc for _, runs_doc in made]
        for proc in parts:
            parsed = list(_pipe(proc, parsed, batch_size))
        for doc, (positions, runs_doc) in zip(docs, made, strict=True):
            _copy_back(doc, positions, runs_doc)
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


def _runs_doc(doc: Doc, text: str, runs: list[tuple[int, int]], context: int) -> tuple[np.ndarray, Doc]:
    """All runs of `doc`, each with `context` tokens either side, one after another as one Doc (one Doc per
    text, not per run: the pipes' cost per Doc is paid once); and, for each of its tokens, the position in
    `doc` of the run token it is, -1 for context. A run's first token and the token after it start sentences,
    so the parser keeps the run apart from its context and decides the sentences inside it; a token sees
    only `context` tokens either side through the tok2vec, so a run's neighbours in this Doc change nothing.
    Words are sliced from `text` (the Doc's text: spaCy rebuilds `doc.text` token by token)."""
    idx, length, space = doc.to_array([IDX, LENGTH, SPACY]).T.tolist()
    words: list[str] = []
    spaces: list[bool] = []
    sent_starts: list[bool | None] = []
    positions: list[int] = []
    for start, end in runs:
        lo, hi = max(0, start - context), min(len(doc), end + context)
        first = len(words)
        words.extend(text[i : i + n] for i, n in zip(idx[lo:hi], length[lo:hi], strict=True))
        spaces.extend(bool(s) for s in space[lo:hi])
        sent_starts.extend([None] * (hi - lo))
        sent_starts[first] = True
        sent_starts[first + start - lo] = True
        if end < hi:
            sent_starts[first + end - lo] = True
        positions.extend([-1] * (start - lo) + list(range(start, end)) + [-1] * (hi - end))
    return np.array(positions, dtype=np.int64), Doc(doc.vocab, words=words, spaces=spaces, sent_starts=sent_starts)


@dataclass(frozen=True)
class TextTest:
    """A `Matching` requirement compiled, with the verdict per token text remembered."""

    regex: re.Pattern[str]
    lower: bool
    seen: dict[int, bool]  # ORTH id -> whether the text matches

    def ids(self, doc: Doc, orth: np.ndarray, lower: np.ndarray) -> frozenset[int]:
        """The LOWER ids of the tokens of `doc` that match (the sentence test compares LOWER ids)."""
        strings = doc.vocab.strings
        if len(self.seen) >= CACHE_LIMIT:
            self.seen.clear()
        hits = set()
        for o, lo in set(zip(orth.tolist(), lower.tolist(), strict=True)):
            found = self.seen.get(o)
            if found is None:
                text = strings[o]
                found = self.seen[o] = self.regex.search(text.lower() if self.lower else text) is not None
            if found:
                hits.add(lo)
        return frozenset(hits)


@dataclass(frozen=True)
class Selector:
    """`SentenceNeeds` as string ids, to select sentences from token arrays rather than Token objects."""

    needs: SentenceNeeds
    words: np.ndarray
    quotes: np.ndarray
    all_of: tuple[tuple[frozenset[int] | TextTest, ...], ...]

    @classmethod
    def of(cls, needs: SentenceNeeds) -> Selector:
        def ids(words: Iterable[str]) -> np.ndarray:
            return np.array(sorted({get_string_id(w) for w in words}), dtype=np.uint64)

        def compiled(required: Required) -> frozenset[int] | TextTest:
            if isinstance(required, Matching):
                return TextTest(re.compile(required.regex), required.lower, {})
            return frozenset(get_string_id(w) for w in required)

        all_of = tuple(tuple(compiled(r) for r in sets) for sets in needs.all_of)
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
        # Patterns whose requirements all hold somewhere in the Doc; then checked sentence by sentence.
        patterns = []
        for sets in self.all_of:
            here_sets = []
            for required in sets:
                if isinstance(required, TextTest):
                    required = required.ids(doc, orth, lower)
                if required.isdisjoint(in_doc):
                    break
                here_sets.append(required)
            else:
                patterns.append(here_sets)
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


def _copy_back(doc: Doc, positions: np.ndarray, parsed: Doc) -> None:
    """Tags, lemmas and dependencies of the parsed runs (`positions`: each parsed token's place in `doc`, -1
    for context) into the whole Doc; sentence starts from the parser inside runs and from `senter` outside."""
    values = np.zeros((len(doc), len(PARSE_ATTRS)), dtype=np.uint64)
    starts = doc.to_array([SENT_START]).reshape(-1)
    run = positions >= 0
    values[positions[run]] = parsed.to_array(PARSE_ATTRS)[run]
    starts[positions[run]] = parsed.to_array([SENT_START]).reshape(-1)[run]
    doc.from_array(PARSE_ATTRS, values)
    doc.from_array([SENT_START], starts)  # after HEAD: from_array sets sentence starts from the trees
