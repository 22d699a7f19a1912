"""At large: the suspect is being hunted and no later sentence says he was caught or died."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from spacy.tokens import Span

from nofame.actors.fields import Field
from nofame.actors.lexicon import ActorLexicon, role_of
from nofame.article import DISPLAY_KINDS, field_kind


def find_at_large(fields: Sequence[Field], perp_spans: Mapping[int, list[tuple[int, int]]], lex: ActorLexicon) -> bool:
    first_hunt: tuple[int, int] | None = None
    resolved: list[tuple[int, int]] = []
    display_resolved = False
    for f in fields:
        if field_kind(f.name) == "slug":
            continue
        sentences = f.sents if f.parsed else [f.doc[:]]
        for sent in sentences:
            text = f.folded[sent.start_char : sent.end_char]
            where = (f.order, sent.start)
            hunted = bool(lex.at_large_re.search(text)) or _searched_for(f, sent, perp_spans.get(f.order, []), lex)
            if hunted and first_hunt is None:
                first_hunt = where
            if lex.resolved_re.search(text) and not lex.negator_re.search(text):
                resolved.append(where)
                display_resolved |= field_kind(f.name) in DISPLAY_KINDS
    if first_hunt is None:
        return False
    return not display_resolved and not any(r >= first_hunt for r in resolved)


def _searched_for(f: Field, sent: Span, perp_spans: Sequence[tuple[int, int]], lex: ActorLexicon) -> bool:
    """A manhunt: "police are searching for the gunman" / "... for John Doe"."""
    for tok in f.tokens_in(f.fors, sent):
        subject = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
        if subject is not None and role_of(subject, lex) != "official" and subject.lower_ != "they":
            continue  # "he searched online for the gunman" is no manhunt
        for obj in tok.children:
            if obj.dep_ != "pobj":
                continue
            if obj.lower_ in lex.search_objects or obj.lemma_.lower() in lex.search_objects:
                return True
            if any(s <= obj.idx < e for s, e in perp_spans):
                return True
    return False
