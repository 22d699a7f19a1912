"""Per-Doc facts read from token arrays instead of Token objects.

Iterating a Doc makes one Python Token per token: on long articles that, not the rules' logic, is what
the checks after the parse spend their time on. These helpers give the same answers from `to_array`.
"""

from __future__ import annotations

import itertools

import numpy as np
from spacy.attrs import IS_PUNCT, IS_SPACE, SENT_START
from spacy.tokens import Doc, Span


def sentences(doc: Doc) -> tuple[Span, ...]:
    """`tuple(doc.sents)`: a sentence starts at every token after the first whose SENT_START is 1."""
    if not len(doc):
        return ()
    if not doc.has_annotation("SENT_START"):
        return tuple(doc.sents)  # raises spaCy's own error, as `doc.sents` would
    starts = np.flatnonzero(doc.to_array([SENT_START]).reshape(-1)[1:] == 1) + 1
    bounds = [0, *starts.tolist(), len(doc)]
    return tuple(doc[start:end] for start, end in itertools.pairwise(bounds))


def word_count(tokens: Doc | Span) -> int:
    """Tokens that are neither punctuation nor whitespace."""
    if not len(tokens):
        return 0
    flags = tokens.to_array([IS_PUNCT, IS_SPACE])
    return int(np.count_nonzero(flags.sum(axis=1) == 0))
