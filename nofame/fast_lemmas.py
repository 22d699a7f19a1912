"""The shipped lemmatizer's output, looked up per distinct (word, POS, morphology) instead of per token.

spaCy's rule lemmatizer sets each token's lemma in a Python loop over Token objects, and its own cache
skips the commonest case (base forms). A token's lemma depends only on its ORTH, POS and MORPH (and is
left alone when the attribute ruler already set one), so here the lemma is computed once per distinct
key by the shipped lemmatizer itself, cached, and written to the Doc with one `from_array`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.lookups import Lookups
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

KEY_ATTRS = [ORTH, POS, MORPH, LEMMA]
CACHE_LIMIT = 200_000  # entries, keyed by word: a long audit's vocabulary must not grow it forever


class CachedLemmatizer:
    """Same lemmas as the Lemmatizer it wraps; see the module docstring."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        self.overwrite = bool(lemmatizer.overwrite)
        self.cache: dict[tuple[int, int, int], int] = {}

    @property
    def lookups(self) -> Lookups:
        """The wrapped lemmatizer's tables (nofame.partial_parse reads its rules and exceptions)."""
        return self.lemmatizer.lookups

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        table = doc.to_array(KEY_ATTRS)
        todo = np.ones(len(doc), dtype=bool) if self.overwrite else table[:, 3] == 0
        if not todo.any():
            return doc
        rows = np.flatnonzero(todo)
        keys, first, inverse = np.unique(table[rows, :3], axis=0, return_index=True, return_inverse=True)
        strings = doc.vocab.strings
        found = []
        for key, i in zip(map(tuple, keys.tolist()), first.tolist(), strict=True):
            lemma = self.cache.get(key)
            if lemma is None:
                if len(self.cache) >= CACHE_LIMIT:
                    self.cache.clear()
                lemma = self.cache[key] = strings.add(self.lemmatizer.lemmatize(doc[int(rows[i])])[0])
            found.append(lemma)
        lemmas = table[:, 3].copy()
        lemmas[rows] = np.array(found, dtype=np.uint64)[inverse.reshape(-1)]
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


CACHED_LEMMATIZER = "nofame_lemmatizer"


@Language.factory(CACHED_LEMMATIZER)
def make_cached_lemmatizer(nlp: Language, name: str) -> CachedLemmatizer:
    """Built from the pipeline's own `lemmatizer`, which `use_cached_lemmatizer` then removes."""
    return CachedLemmatizer(nlp.get_pipe("lemmatizer"))  # type: ignore[arg-type]


def use_cached_lemmatizer(nlp: Language) -> None:
    """Put the cached lemmatizer where the shipped lemmatizer was."""
    nlp.add_pipe(CACHED_LEMMATIZER, after="lemmatizer")
    nlp.remove_pipe("lemmatizer")


__all__ = ["CACHED_LEMMATIZER", "CachedLemmatizer", "use_cached_lemmatizer"]
