"""The shipped attribute_ruler's output, computed from a table instead of one Python call per match.

spaCy's AttributeRuler runs a Matcher, then sets each match's attributes in a Python loop: about one
match per token, 15% of the pipeline's time. Nearly all its patterns test one token on TAG, LOWER, DEP
and IS_SPACE, so a token's result depends only on those four values: it is computed once per distinct
key (a few hundred in an article), cached, and written to the Doc with one `from_array`. Patterns of
another shape (two tokens, a regex) run in a small Matcher as before; the later pattern wins, as in spaCy.
The table is derived from the shipped ruler's own patterns and normalised attribute values at load time.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.vocab import Vocab

# The token attributes a table pattern may test, in the order of the key's columns.
KEY_NAMES = ("TAG", "LOWER", "DEP", "IS_SPACE")
KEY_ATTRS = [TAG, LOWER, DEP, IS_SPACE]
# The attributes a pattern may set, in the order of the output columns.
OUT_ATTRS = [TAG, POS, MORPH, LEMMA, DEP]
NONE = -1  # no pattern set this attribute
CACHE_LIMIT = 100_000  # entries per cache, a few MB
OTHER = 2**64 - 1  # stands for every value no test names (no string hashes to it in practice)

Test = Callable[[tuple[int, ...]], bool]


@dataclass(frozen=True)
class TablePattern:
    order: int  # the ruler's pattern number: a later pattern overwrites an earlier one
    test: Test  # on a token key (TAG, LOWER, DEP, IS_SPACE hashes)
    values: dict[int, int]  # output column -> value


@dataclass(frozen=True)
class Mentions:
    """Per key column, the values some table test names; None for a column a test reads otherwise (a regex).
    A value no test names behaves like any other such value, so keys are cached with it replaced."""

    values: list[set[int] | None]


def _condition(vocab: Vocab, name: str, spec: Any, mentions: Mentions | None = None) -> Test | None:
    """One token condition as a test on the key, or None when the table cannot express it; the values it
    names are added to `mentions`."""
    column = KEY_NAMES.index(name)
    named = mentions.values[column] if mentions is not None else None
    if name == "IS_SPACE":
        if not isinstance(spec, bool):
            return None
        return lambda key: bool(key[column]) == spec

    def ids(words: Iterable[str]) -> frozenset[int]:
        # The Matcher compares the token's string hash; LOWER of the pattern value is not applied.
        found = frozenset(vocab.strings.add(w) if w else 0 for w in words)
        if named is not None:
            named.update(found)
        return found

    if isinstance(spec, str):
        wanted = ids([spec])
        return lambda key: key[column] in wanted
    if isinstance(spec, dict) and len(spec) == 1:
        ((op, words),) = spec.items()
        if op == "REGEX" and isinstance(words, str) and name != "IS_SPACE":
            regex = re.compile(words)
            if mentions is not None:
                mentions.values[column] = None
            return lambda key: bool(regex.search(vocab.strings[key[column]] if key[column] else ""))
        if op == "IN" and all(isinstance(w, str) for w in words):
            allowed = ids(words)
            return lambda key: key[column] in allowed
        if op == "NOT_IN" and all(isinstance(w, str) for w in words):
            barred = ids(words)
            return lambda key: key[column] not in barred
    return None


def _table_pattern(
    vocab: Vocab, order: int, token: dict[str, Any], attrs: dict[int, int], mentions: Mentions
) -> TablePattern | None:
    tests = []
    for name, spec in token.items():
        test = _condition(vocab, name, spec, mentions) if name in KEY_NAMES else None
        if test is None:
            return None
        tests.append(test)
    if set(attrs) - set(OUT_ATTRS):
        return None
    values = {OUT_ATTRS.index(attr): int(value) for attr, value in attrs.items()}
    return TablePattern(order, lambda key: all(t(key) for t in tests), values)


def _first_token_test(vocab: Vocab, pattern: list[dict[str, Any]]) -> Test | None:
    """A test a match's first token must pass, or None when the pattern has operators or other conditions."""
    if any("OP" in token for token in pattern):
        return None
    tests = [_condition(vocab, name, spec) if name in KEY_NAMES else None for name, spec in pattern[0].items()]
    if not tests or any(t is None for t in tests):
        return None
    return lambda key: all(t(key) for t in tests if t is not None)


class TableAttributeRuler:
    """Same output as the AttributeRuler it is built from; see the module docstring."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.vocab = ruler.vocab
        self.table: list[TablePattern] = []
        self.fallback = Matcher(ruler.vocab)
        self.fallback_values: dict[int, tuple[int, dict[int, int]]] = {}  # order -> (token index, values)
        # A fallback match can only start on a token passing one of these first-token tests; None: anywhere.
        self.fallback_starts: list[Test] | None = []
        self.fallback_width = 0
        mentions = Mentions([set() for _ in KEY_NAMES])
        for order, (attrs, index) in enumerate(zip(ruler.attrs, ruler.indices, strict=True)):
            patterns = ruler.matcher.get(str(order))[1]
            one_token = [p[0] for p in patterns if len(p) == 1 and index in (0, -1)]
            singles = [_table_pattern(self.vocab, order, token, attrs, mentions) for token in one_token]
            if len(singles) == len(patterns) and all(s is not None for s in singles):
                self.table.extend(s for s in singles if s is not None)
                continue
            self.fallback.add(str(order), patterns)
            self.fallback_width = max(self.fallback_width, *(len(p) for p in patterns))
            for pattern in patterns:
                first = _first_token_test(self.vocab, pattern)
                if first is None or self.fallback_starts is None:
                    self.fallback_starts = None
                else:
                    self.fallback_starts.append(first)
            self.fallback_values[order] = (index, {OUT_ATTRS.index(a): int(v) for a, v in attrs.items()})
        # Columns whose unnamed values are folded into OTHER before the table lookup (IS_SPACE is 0 or 1).
        self.named = [
            np.array(sorted(v), dtype=np.uint64) if v is not None and KEY_NAMES[c] != "IS_SPACE" else None
            for c, v in enumerate(mentions.values)
        ]
        # folded token key -> (values, orders) over OUT_ATTRS, NONE where no pattern applies
        self.cache: dict[tuple[int, ...], tuple[tuple[int, ...], tuple[int, ...]]] = {}
        self.start_cache: dict[tuple[int, ...], bool] = {}  # token key -> may start a fallback match

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        keys = doc.to_array(KEY_ATTRS)
        folded = keys.copy()
        for column, named in enumerate(self.named):
            if named is not None:
                folded[:, column] = np.where(np.isin(keys[:, column], named), keys[:, column], OTHER)
        unique, inverse = np.unique(folded, axis=0, return_inverse=True)
        found = [self._lookup(tuple(row)) for row in unique.tolist()]
        inverse = inverse.reshape(-1)
        values = np.array([f[0] for f in found], dtype=np.uint64)[inverse]
        orders = np.array([f[1] for f in found], dtype=np.int64)[inverse]
        for match_id, start, end in self._fallback_matches(doc, keys):
            order = int(self.vocab.strings[match_id])
            index, attrs = self.fallback_values[order]
            i = range(start, end)[index]
            for column, value in attrs.items():
                if order > orders[i, column]:
                    values[i, column], orders[i, column] = value, order
        if not (orders != NONE).any():
            return doc
        out = doc.to_array(OUT_ATTRS)
        out = np.where(orders != NONE, values, out)
        doc.from_array(OUT_ATTRS, out)
        return doc

    def _fallback_matches(self, doc: Doc, keys: np.ndarray) -> Iterator[tuple[int, int, int]]:
        """The fallback Matcher's matches, run only from the tokens where one can start."""
        tests = self.fallback_starts
        if tests is None:
            yield from self.fallback(doc, allow_missing=True)
            return
        unique, inverse = np.unique(keys, axis=0, return_inverse=True)
        may_start = []
        for row in unique.tolist():
            key = tuple(row)
            if key not in self.start_cache:
                if len(self.start_cache) >= CACHE_LIMIT:  # keyed by word: grows with a long audit's vocabulary
                    self.start_cache.clear()
                self.start_cache[key] = any(test(key) for test in tests)
            may_start.append(self.start_cache[key])
        starts = np.array(may_start, dtype=bool)[inverse.reshape(-1)]
        for i in np.flatnonzero(starts).tolist():
            for match_id, start, end in self.fallback(doc[i : i + self.fallback_width], allow_missing=True):
                if start == 0:  # a later match inside this window is found from its own start
                    yield match_id, i, i + end

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)

    def _lookup(self, key: tuple[int, ...]) -> tuple[tuple[int, ...], tuple[int, ...]]:
        hit = self.cache.get(key)
        if hit is None:
            if len(self.cache) >= CACHE_LIMIT:
                self.cache.clear()
            values, orders = [0] * len(OUT_ATTRS), [NONE] * len(OUT_ATTRS)
            for pattern in self.table:  # in the ruler's order, so a later pattern overwrites
                if pattern.test(key):
                    for column, value in pattern.values.items():
                        values[column], orders[column] = value, pattern.order
            hit = self.cache[key] = (tuple(values), tuple(orders))
        return hit


TABLE_RULER = "nofame_attribute_ruler"


@Language.factory(TABLE_RULER)
def make_table_ruler(nlp: Language, name: str) -> TableAttributeRuler:
    """Built from the pipeline's own `attribute_ruler`, which `use_table_ruler` then removes."""
    return TableAttributeRuler(nlp.get_pipe("attribute_ruler"))


def use_table_ruler(nlp: Language) -> None:
    """Put the table ruler where the shipped attribute_ruler was."""
    nlp.add_pipe(TABLE_RULER, after="attribute_ruler")
    nlp.remove_pipe("attribute_ruler")


__all__ = ["TABLE_RULER", "TableAttributeRuler", "use_table_ruler"]
