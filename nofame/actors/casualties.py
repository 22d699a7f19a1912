"""Casualty statements ("Three people were killed") and the names introduced next to them."""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from spacy.tokens import Span, Token

from nofame.actors.clusters import Raw
from nofame.actors.fields import Field
from nofame.actors.grammar import SUBJECT_DEPS
from nofame.actors.lexicon import ActorLexicon

_RECAP = frozenset({"all", "both", "they", "those", "couple", "pair", "brothers", "sisters", "siblings", "twins"})


def casualty_clause(f: Field, sent: Span, lex: ActorLexicon) -> Token | None:
    """The subject of "three people were killed" / "all four died" / "the six people who were killed"."""
    for tok in f.tokens_in(f.hurt, sent):
        if tok.pos_ not in {"VERB", "AUX"}:
            continue
        passive = tok.tag_ == "VBN" or any(c.dep_ == "auxpass" for c in tok.children)
        if not passive and tok.lemma_.lower() not in lex.verbs["die"]:
            continue
        subject = next((c for c in tok.children if c.dep_ in SUBJECT_DEPS), None)
        if (subject is not None and subject.lower_ in {"who", "that"}) or tok.dep_ == "acl":
            subject = tok.head
        if subject is not None and (
            subject.tag_ in {"NNS", "CD"}
            or subject.like_num
            or subject.lower_ in _RECAP  # "Both died after a fire was started"
            or any(c.like_num for c in subject.children)
        ):
            return subject
    return None


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int
    casualty: bool  # "Three people were killed ..."
    recap: bool  # "All four were killed ...": about the people named just before


def paragraph_map(f: Field, lex: ActorLexicon) -> tuple[Paragraph, ...]:
    out = []
    start = 0
    for line in f.text.split("\n"):
        end = start + len(line)
        if line.strip():
            first, last = bisect.bisect_left(f.starts, start), bisect.bisect_left(f.starts, end)
            casualty = recap = False
            for sent in f.sents_over(first, last):
                subject = casualty_clause(f, sent, lex)
                if subject is not None:
                    casualty = True
                    # "All four were killed", "The couple were two of four people killed"
                    main = [c for c in sent.root.children if c.dep_ in SUBJECT_DEPS]
                    recap |= any(
                        t.lower_ in _RECAP or any(c.lower_ in {"all", "both"} for c in t.children)
                        for t in (subject, *main)
                    )
            out.append(Paragraph(start, end, casualty, recap))
        start = end + 1
    return tuple(out)


def victim_context(
    fields: Sequence[Field], raws: Sequence[Raw], maps: Mapping[int, tuple[Paragraph, ...]], lex: ActorLexicon
) -> set[int]:
    """Occurrences that introduce someone next to a casualty statement: the victim-first profile
    ("Three people were killed ..." + "Kayla Dunning, 24, was celebrating her birthday ...")."""
    out = set()
    for k, r in enumerate(raws):
        paragraphs = maps.get(r.field)
        if not paragraphs or not r.full:
            continue
        f = fields[r.field]
        if f.quote_at(r.name_start) is not None:
            continue
        p = next((i for i, para in enumerate(paragraphs) if para.start <= r.name_start < para.end), None)
        if p is None:
            continue
        near = paragraphs[p].casualty or (p > 0 and paragraphs[p - 1].casualty)
        near |= p + 1 < len(paragraphs) and paragraphs[p + 1].recap
        head = f.doc[f.token_at(r.name_end - 1)]
        speaks = head.dep_ == "nsubj" and head.head.lemma_.lower() in lex.verbs["speech"]
        if near and not speaks:
            out.add(k)
    return out
