"""One parsed Doc per article field, with the lookups every step needs, computed once per Doc.

spaCy rebuilds `doc.text` and `doc.sents` on every access: read them here only, and use `Field.text`,
`Field.sent_starts` / `Field.sent_of` everywhere else.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from spacy.attrs import HEAD, IDX, LEMMA, LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from nofame.actors.lexicon import ActorLexicon
from nofame.actors.names import fold
from nofame.actors.quotes import QuoteSpan, attribute_quotes, quote_spans
from nofame.article import field_kind
from nofame.doc_arrays import sentences

CAPS_EXEMPT = frozenset({"headline", "title", "slug"})  # names may be any case there


@dataclass(frozen=True)
class Field:
    name: str
    order: int
    doc: Doc
    text: str  # doc.text, kept: spaCy rebuilds it from the tokens on every access
    folded: str
    any_case: bool  # headline / title / slug: a lower-case or ALL-CAPS name still counts
    parsed: bool  # the parse is worth reading for cues (not a slug, not ALL CAPS)
    starts: tuple[int, ...]  # token start offsets, for bisect
    sents: tuple[Span, ...]  # doc.sents, kept: spaCy finds the boundaries again on every access
    sent_starts: tuple[int, ...]  # token index of each sentence start
    ents: tuple[Span, ...]  # doc.ents, kept for the same reason
    quotes: tuple[QuoteSpan, ...]
    # Token indices found in the one pass over the tokens, so that later steps need not walk them all.
    hurt: tuple[int, ...] = ()  # lemma is a harm verb or "die"
    fors: tuple[int, ...] = ()  # "for" after a search verb: "searching for"
    marks: tuple[int, ...] = ()  # "as" and ":", where lists of names begin
    self_harm: tuple[int, ...] = ()  # "himself", "suicide": a death in the sentence is the attacker's own
    pronouns: tuple[int, ...] = ()  # "she", "his": gendered pronouns

    def has_in(self, index: Sequence[int], sent: Span) -> bool:
        return bisect.bisect_left(index, sent.end) > bisect.bisect_left(index, sent.start)

    def tokens_in(self, index: Sequence[int], sent: Span) -> list[Token]:
        lo, hi = bisect.bisect_left(index, sent.start), bisect.bisect_left(index, sent.end)
        return [self.doc[i] for i in index[lo:hi]]

    def token_at(self, char: int) -> int:
        return max(bisect.bisect_right(self.starts, char) - 1, 0)

    def sent_of(self, token_i: int) -> Span:
        """The sentence of a token (use this, not `Span.sent`, which walks the tokens on every call)."""
        if not self.sents:
            return self.doc[:]
        return self.sents[max(bisect.bisect_right(self.sent_starts, token_i) - 1, 0)]

    def sent_before(self, sent: Span) -> Span | None:
        """The sentence before `sent`, if any."""
        k = bisect.bisect_right(self.sent_starts, sent.start) - 1
        return self.sents[k - 1] if k >= 1 else None

    def sent_after(self, sent: Span) -> Span | None:
        """The sentence after `sent`, if any."""
        k = bisect.bisect_right(self.sent_starts, sent.start)
        return self.sents[k] if 0 < k < len(self.sents) else None

    def sents_over(self, first: int, last: int) -> tuple[Span, ...]:
        """The sentences that overlap tokens [first, last), as `doc[first:last].sents` gives them."""
        if not self.sents or last <= first:
            return ()
        lo = max(bisect.bisect_right(self.sent_starts, first) - 1, 0)
        hi = bisect.bisect_left(self.sent_starts, last)
        return self.sents[lo:hi]

    def quote_at(self, char: int) -> QuoteSpan | None:
        for quote in self.quotes:
            if quote.start <= char < quote.end:
                return quote
        return None


_ASCII_UPPER, _ASCII_LOWER = bytes(range(ord("A"), ord("Z") + 1)), bytes(range(ord("a"), ord("z") + 1))
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")


def _is_caps(text: str) -> bool:
    """ALL-CAPS display text ("GUNMAN KILLS TWO"): more than 80% of at least 8 letters are capitals.

    Counted by C code (bytes.translate, a regex for the few non-ASCII characters): a Python loop over the
    characters of a long body costs more than everything else in this module."""
    raw = text.encode("ascii", "ignore")
    upper = len(raw) - len(raw.translate(None, _ASCII_UPPER))
    letters = upper + len(raw) - len(raw.translate(None, _ASCII_LOWER))
    if not text.isascii():
        others = _NON_ASCII_RE.findall(text)
        upper += sum(map(str.isupper, others))
        letters += sum(map(str.isalpha, others))
    return letters >= 8 and upper / letters > 0.8


def make_fields(
    docs: Mapping[str, Doc], lex: ActorLexicon, texts: Mapping[str, str] | None = None
) -> tuple[Field, ...]:
    # Read token attributes as arrays of string hashes: making a Token object per token per step is
    # what costs time on long articles.
    hurt_ids = {get_string_id(w) for w in lex.verbs["harm"] | lex.verbs["die"]}
    search_ids = {get_string_id(w) for w in lex.verbs["search"]}
    for_id = get_string_id("for")
    mark_ids = {get_string_id("as"), get_string_id(":")}
    self_harm_ids = {get_string_id(w) for w in lex.verbs["self_harm"]}
    pronoun_ids = {get_string_id(w) for w in lex.pronouns}
    out = []
    for order, (name, doc) in enumerate(docs.items()):
        kind = field_kind(name)
        text = texts[name] if texts is not None else doc.text
        table = doc.to_array([IDX, LEMMA, LOWER, HEAD])
        starts = table[:, 0].tolist()
        lemmas, lowers = table[:, 1].tolist(), table[:, 2].tolist()
        heads = table[:, 3].astype("int64").tolist()  # relative offsets
        hurt = [i for i, lemma in enumerate(lemmas) if lemma in hurt_ids]
        fors = [i for i, low in enumerate(lowers) if low == for_id and lemmas[i + heads[i]] in search_ids]
        marks = [i for i, low in enumerate(lowers) if low in mark_ids]
        self_harm = [i for i, low in enumerate(lowers) if low in self_harm_ids]
        pronouns = [i for i, low in enumerate(lowers) if low in pronoun_ids]
        parsed = kind != "slug" and not _is_caps(text) and len(doc) > 0
        sents = sentences(doc)
        out.append(
            Field(
                name=name,
                order=order,
                doc=doc,
                text=text,
                folded=fold(text),
                any_case=kind in CAPS_EXEMPT,
                parsed=parsed,
                starts=tuple(starts),
                sents=sents,
                sent_starts=tuple(s.start for s in sents) if sents else (0,),
                ents=tuple(doc.ents),
                quotes=(
                    attribute_quotes(doc, lex.verbs["speech"], text=text, starts=starts)
                    if parsed  # ALL-CAPS display text: the spans, without a parse to find speakers
                    else tuple(QuoteSpan(s, e) for s, e in quote_spans(text))
                ),
                hurt=tuple(hurt),
                fors=tuple(fors),
                marks=tuple(marks),
                self_harm=tuple(self_harm),
                pronouns=tuple(pronouns),
            )
        )
    return tuple(out)
