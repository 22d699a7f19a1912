"""Quotation spans and who said them.

Spans are found on characters (no parse needed), one paragraph at a time: a quotation may run over
sentence boundaries but not over a paragraph break. A double quotation still open at the end of a
paragraph runs to its end (the news convention for quotes continued in the next paragraph).
Speakers are attributed on the parse: a verb of saying next to the quotation and its subject.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from spacy.tokens import Doc, Token

_PAIRS = MappingProxyType({"“": "”", "«": "»", '"': '"'})  # opening mark -> closing mark
_OPENERS_BEFORE_SINGLE = ' \t\n([{—–-/"“'
_STOP_TOKENS = frozenset({".", "!", "?", ";"})
_QUOTE_CHARS = frozenset('"“”«»‘’')
_CLAUSE_END = frozenset(",.!?—–…")
_MARK_RE = re.compile("[\"“”«»‘’']")
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_HEAD_DEPS = frozenset({"compound", "amod", "det", "nummod", "poss", "case", "flat"})


@dataclass(frozen=True)
class QuoteSpan:
    start: int  # code points, quotation marks included
    end: int
    speaker_start: int | None = None  # the speaker phrase ("Police Chief Ana Ortiz", "police")
    speaker_end: int | None = None
    speaker_head: int | None = None  # token index of the phrase's head in the doc
    verb: str = ""  # lemma of the verb of saying, or "according to"
    inherited: bool = False  # no verb of its own: same speaker as the previous quote in the paragraph


def _paragraphs(text: str) -> Iterable[tuple[int, int]]:
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        if end == -1:
            end = len(text)
        if text[start:end].strip():
            yield start, end
        start = end + 1


def _single_opens(text: str, i: int, start: int, end: int) -> bool:
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    # ‘90s and ‘em are elisions, not quotations.
    return before in _OPENERS_BEFORE_SINGLE and not after.isspace() and not after.isdigit()


def _single_closes(text: str, i: int, end: int) -> bool:
    after = text[i + 1] if i + 1 < end else " "
    return not text[i - 1].isspace() and not after.isalnum()  # "don’t", "Doe’s" are apostrophes


def quote_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of every quotation in `text`, marks included, in order."""
    out: list[tuple[int, int]] = []
    for p_start, p_end in _paragraphs(text):
        opened: int | None = None
        closer = ""
        for m in _MARK_RE.finditer(text, p_start, p_end):  # only quotation marks matter: skip the rest
            i, char = m.start(), m.group()
            if opened is None:
                if char == '"' and i > p_start and not text[i - 1].isspace() and text[i - 1] not in "([{—–-/":
                    continue  # a closing mark with no opening one: the quotation began in an earlier paragraph
                if char in _PAIRS:
                    opened, closer = i, _PAIRS[char]
                elif char in "‘'" and _single_opens(text, i, p_start, p_end):
                    opened, closer = i, "’" if char == "‘" else "'"  # British style uses plain ' marks too
            elif char == closer and (closer not in "’'" or _single_closes(text, i, p_end)):
                if i - opened > 1:
                    out.append((opened, i + 1))
                opened = None
        if opened is not None and closer not in "’'":
            end = len(text[p_start:p_end].rstrip()) + p_start
            if end - opened > 1:
                out.append((opened, end))
    return tuple(out)


def _speaker_phrase(doc: Doc, head: Token, floor: int) -> tuple[int, int, int]:
    """Char span of the speaker's noun phrase: the head with its left modifiers, not appositions."""
    first = head
    for left in head.lefts:
        if left.dep_ in _HEAD_DEPS and left.i >= floor:
            first = min(first, left.left_edge if left.left_edge.i >= floor else left, key=lambda t: t.i)
    return first.idx, head.idx + len(head.text), head.i


def _subject(verb: Token, window: Sequence[Token]) -> Token | None:
    for child in verb.children:
        if child.dep_ in _SUBJECT_DEPS:
            return child
    # "said Police Chief Ana Ortiz" is sometimes parsed with the name as object: take the first
    # nominal after the verb.
    for tok in window:
        if tok.i > verb.i and tok.pos_ in {"PROPN", "NOUN", "PRON"}:
            while tok.dep_ in {"compound", "flat"} and tok.head.i > tok.i:
                tok = tok.head
            return tok
    return None


def _according_to(window: Sequence[Token]) -> Token | None:
    for tok in window:
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.nbor().lower_ == "to":
            to = tok.nbor()
            for child in to.children:
                if child.dep_ == "pobj":
                    return child
            return to.nbor() if to.i + 1 < len(tok.doc) else None
    return None


def _attribution_after(doc: Doc, first: int, speech: frozenset[str], stops: set[int]) -> QuoteSpan | None:
    window: list[Token] = []
    for j in range(first, min(first + 10, len(doc))):
        tok = doc[j]
        if tok.i in stops or tok.text in _STOP_TOKENS or "\n" in tok.text:
            break
        window.append(tok)
    according = _according_to(window[:4])
    if according is not None:
        s, e, h = _speaker_phrase(doc, according, first)
        return QuoteSpan(0, 0, s, e, h, "according to")
    for tok in window:
        if tok.lemma_.lower() in speech and tok.pos_ in {"VERB", "AUX"}:
            subject = _subject(tok, window)
            if subject is None or subject.i < first:
                return QuoteSpan(0, 0, verb=tok.lemma_.lower())
            s, e, h = _speaker_phrase(doc, subject, first)
            return QuoteSpan(0, 0, s, e, h, tok.lemma_.lower())
    return None


def _attribution_before(doc: Doc, last: int, speech: frozenset[str], floor: int) -> QuoteSpan | None:
    window: list[Token] = []
    for j in range(last, max(last - 8, floor - 1), -1):
        tok = doc[j]
        if tok.text in _STOP_TOKENS or "\n" in tok.text or tok.text in _QUOTE_CHARS:
            break
        window.insert(0, tok)
    if not window or (window[-1].text not in {":", ","} and not _says(window[-1], speech)):
        return None  # the quotation continues a sentence ("called it a "lone wolf" attack")
    according = _according_to(window)
    if according is not None:
        s, e, h = _speaker_phrase(doc, according, window[0].i)
        return QuoteSpan(0, 0, s, e, h, "according to")
    for tok in reversed(window):
        if _says(tok, speech):
            subject = next((c for c in tok.children if c.dep_ in _SUBJECT_DEPS), None)
            if subject is None and (subject := _governing_subject(tok)) is not None:
                # "lunged at a guard while shouting "...": who lunged shouted
                s, e, h = _speaker_phrase(doc, subject, subject.sent.start)
                return QuoteSpan(0, 0, s, e, h, tok.lemma_.lower())
            if subject is None or subject.i < window[0].i:
                return QuoteSpan(0, 0, verb=tok.lemma_.lower())
            s, e, h = _speaker_phrase(doc, subject, window[0].i)
            return QuoteSpan(0, 0, s, e, h, tok.lemma_.lower())
    return None


def _says(tok: Token, speech: frozenset[str]) -> bool:
    """A verb of saying: right before a quotation it introduces it ("he shouted "..."")."""
    return tok.lemma_.lower() in speech and tok.pos_ in {"VERB", "AUX"}


# The clauses a participle of saying hangs from: "lunged at a guard while shouting", "and yelled".
_PARTICIPLE_DEPS = frozenset({"advcl", "conj", "xcomp", "pcomp"})


def _governing_subject(verb: Token) -> Token | None:
    """The subject of the clause a subjectless verb of saying depends on, in the same sentence."""
    for _ in range(3):
        if verb.dep_ not in _PARTICIPLE_DEPS or verb.head.i == verb.i:
            return None
        verb = verb.head
        subject = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)
        if subject is not None:
            return subject
    return None


def attribute_quotes(
    doc: Doc, speech_verbs: frozenset[str], *, text: str | None = None, starts: Sequence[int] | None = None
) -> tuple[QuoteSpan, ...]:
    """Quotation spans of `doc` with speaker phrases where a verb of saying is adjacent.

    `text` and `starts` (token offsets) may be passed when the caller has them: rebuilding them is
    the costly part on long documents.
    """
    text = doc.text if text is None else text
    spans = quote_spans(text)
    if not spans:
        return ()
    starts = [t.idx for t in doc] if starts is None else starts
    # Tokens that open a quotation: the window after one quotation must not run into the next.
    stops = {bisect.bisect_left(starts, s) for s, _ in spans}
    out: list[QuoteSpan] = []
    previous: QuoteSpan | None = None
    for start, end in spans:
        after = bisect.bisect_left(starts, end)
        before = bisect.bisect_left(starts, start) - 1
        paragraph_start = text.rfind("\n", 0, start) + 1
        floor = bisect.bisect_left(starts, paragraph_start)
        found = None
        # A speaker follows only a quotation that ends a clause: "...," Ortiz said / "..." — she said.
        # A quotation ending in a full stop ends its sentence: what follows is somebody else's.
        closes_clause = text[end - 2 : end - 1] in _CLAUSE_END - {"."} or (
            after < len(doc) and doc[after].text in {",", "—", "–"}
        )
        if closes_clause and after < len(doc):
            found = _attribution_after(doc, after, speech_verbs, stops)
        if found is None and before >= floor:
            found = _attribution_before(doc, before, speech_verbs, floor)
        if found is not None:
            quote = QuoteSpan(start, end, found.speaker_start, found.speaker_end, found.speaker_head, found.verb)
        elif previous is not None and previous.verb and text.rfind("\n", previous.end, start) == -1:
            quote = QuoteSpan(
                start,
                end,
                previous.speaker_start,
                previous.speaker_end,
                previous.speaker_head,
                previous.verb,
                inherited=True,
            )
        else:
            quote = QuoteSpan(start, end)
        out.append(quote)
        previous = quote
    return tuple(out)
