"""Who said each quotation, resolved against the actors."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from nofame.actors.grammar import SUBJECT_DEPS
from nofame.actors.lexicon import ActorLexicon
from nofame.actors.names import fold
from nofame.actors.quotes import QuoteSpan, attribute_quotes, quote_spans
from nofame.actors.types import Cast, Quote


@dataclass(frozen=True)
class Named:
    """A resolved name occurrence, as quotation speakers are looked up."""

    start: int
    end: int
    actor: str  # actor id
    role: str
    gender: str = ""


# How far back a named subject may stand and still be what "he said" refers to: about two sentences.
_RECENT_CHARS = 300


def _subject_first(doc: Doc) -> Callable[[Named], tuple[bool, int]]:
    """Order candidates for "he said": the subject of the latest sentence that has one named wins over a
    name mentioned after it ("Chief Ian Hopkins confirmed the name of NAME ... 'we arrested a man,' he
    added"; "She told NAME that ... 'you failed,' she said")."""

    def key(n: Named) -> tuple[bool, int]:
        span = doc.char_span(n.start, n.end, alignment_mode="expand")
        subject = span is not None and len(span) > 0 and span.root.dep_ in SUBJECT_DEPS
        return (subject, n.start)

    return key


@dataclass(frozen=True)
class SpeakerIndex:
    """A field's name occurrences and quotations, sorted once, so that each quotation's speaker is found
    by bisection (a long draft has thousands of both)."""

    named: tuple[Named, ...]  # by start
    named_starts: tuple[int, ...]
    quote_starts: tuple[int, ...]
    quote_ends: tuple[int, ...]

    def in_quote(self, char: int) -> bool:
        k = bisect.bisect_right(self.quote_starts, char) - 1
        return k >= 0 and char < self.quote_ends[k]


def speaker_index(named: Sequence[Named], quotes: Sequence[QuoteSpan]) -> SpeakerIndex:
    ordered = tuple(sorted(named, key=lambda n: n.start))
    spans = sorted((q.start, q.end) for q in quotes)
    return SpeakerIndex(
        ordered, tuple(n.start for n in ordered), tuple(s for s, _ in spans), tuple(e for _, e in spans)
    )


def quote_speaker(
    doc: Doc, starts: Sequence[int], q: QuoteSpan, index: SpeakerIndex, lex: ActorLexicon
) -> tuple[str | None, str | None]:
    """(actor id, role) of a quotation's speaker; only a role for "police said", "a witness said".

    `starts` are the token start offsets of `doc`, computed once per Doc by the caller."""
    if q.speaker_start is None or q.speaker_end is None or q.speaker_head is None:
        return None, None
    named = index.named
    # A name inside the speaker phrase; names start within the longest name's reach of it.
    for k in range(bisect.bisect_left(index.named_starts, q.speaker_start - 200), len(named)):
        n = named[k]
        if n.start >= q.speaker_end:
            break
        if q.speaker_start < n.end:
            return n.actor, n.role
    head = doc[q.speaker_head]
    if head.lower_ in lex.pronouns:
        # "she said": the person named last before the quotation, outside quotations.
        gender = lex.pronouns[head.lower_]
        recent: list[Named] = []
        last: Named | None = None
        for k in range(bisect.bisect_left(index.named_starts, q.start) - 1, -1, -1):
            n = named[k]
            if index.in_quote(n.start) or n.gender not in {"", gender}:
                continue
            if q.start - n.start > _RECENT_CHARS:
                last = last or n
                break
            recent.append(n)
            last = last or n
        if recent:
            best = max(recent, key=_subject_first(doc))
            return best.actor, best.role
        if last is not None:
            return last.actor, last.role
        return None, None
    first = bisect.bisect_right(starts, q.speaker_start) - 1
    phrase = doc[max(first, 0) : head.i + 1]
    # The nearest role noun in the phrase: "police", "a witness", "Chief Ana Ortiz", "his mother".
    for tok in reversed(phrase):
        found = lex.noun_role(tok)
        if found is not None:
            return None, "other" if found[0] == "relative" else found[0]
    # "according to a statement from the sheriff's office"
    widened = doc[max(first, 0) : min(head.right_edge.i + 1, head.i + 8)]
    if any(fold(t.text) in lex.institutions for t in widened):
        return None, "official"
    return None, None


def find_quotes(
    doc: Doc, field: str, *, lexicon: ActorLexicon | None = None, cast: Cast | None = None
) -> tuple[Quote, ...]:
    """Quotations in one field's Doc.

    Without a lexicon: spans only. With a lexicon: speakers attributed by verbs of saying; with a cast
    as well, a named speaker is resolved to its actor id and role. `find_cast` already returns the
    quotations of every field in `Cast.quotes`, with their speakers resolved.
    """
    if lexicon is None:
        return tuple(Quote(field, s, e) for s, e in quote_spans(doc.text))
    text, starts = doc.text, [t.idx for t in doc]
    spans = attribute_quotes(doc, lexicon.verbs["speech"], text=text, starts=starts)
    named = [
        Named(m.start, m.end, a.id, a.role)
        for a in (cast.actors if cast else ())
        for m in a.mentions
        if m.field == field
    ]
    index = speaker_index(named, spans)
    out = []
    for q in spans:
        speaker, role = quote_speaker(doc, starts, q, index, lexicon)
        out.append(Quote(field, q.start, q.end, speaker, role))
    return tuple(out)
