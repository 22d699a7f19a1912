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


def quote_speaker(
    doc: Doc,
    starts: Sequence[int],
    q: QuoteSpan,
    quotes: Sequence[QuoteSpan],
    named: Sequence[Named],
    lex: ActorLexicon,
) -> tuple[str | None, str | None]:
    """(actor id, role) of a quotation's speaker; only a role for "police said", "a witness said".

    `starts` are the token start offsets of `doc`, computed once per Doc by the caller."""
    if q.speaker_start is None or q.speaker_end is None or q.speaker_head is None:
        return None, None
    for n in named:
        if n.start < q.speaker_end and q.speaker_start < n.end:
            return n.actor, n.role
    head = doc[q.speaker_head]
    if head.lower_ in lex.pronouns:
        # "she said": the person named last before the quotation, outside quotations.
        gender = lex.pronouns[head.lower_]
        earlier = [
            n
            for n in named
            if n.start < q.start and not any(o.start <= n.start < o.end for o in quotes) and n.gender in {"", gender}
        ]
        recent = [n for n in earlier if q.start - n.start <= _RECENT_CHARS]
        if earlier:
            last = max(recent, key=_subject_first(doc)) if recent else max(earlier, key=lambda n: n.start)
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
    named.sort(key=lambda n: n.start)
    out = []
    for q in spans:
        speaker, role = quote_speaker(doc, starts, q, spans, named, lexicon)
        out.append(Quote(field, q.start, q.end, speaker, role))
    return tuple(out)
