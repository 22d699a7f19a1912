"""What each model sees, computed from engine objects without a spaCy parse.

The vectorisers live inside the saved pipelines; this module only builds their input strings. Any
change to what these functions return changes what a saved model means: bump the model's entry in
FEATURE_VERSIONS, and `bundle.load_bundle` then refuses the old folders until they are retrained.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from nofame.actors import Actor

FEATURE_VERSIONS = {"relevance": 1, "roles": 1, "framing": 1}

_WORD = re.compile(r"[a-z0-9]+(?:['’-][a-z0-9]+)*")
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s)|\n")
PERPETRATOR_TOKEN = "perpname"
PERSON_TOKEN = "personname"
MAX_MENTIONS = 12  # an actor named forty times says nothing new after the first dozen
WINDOW = 5  # words either side of a name
SELF_TOKEN = "selfname"
OTHER_TOKEN = "othername"


def article_text(fields: Mapping[str, str]) -> str:
    """The relevance model's input: every non-empty field, in article order, one per line."""
    return "\n".join(text.strip() for text in fields.values() if text and text.strip())


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around [start, end) by punctuation and line breaks (no parse needed)."""
    left = _sentence_start(text, start)
    while left < start and text[left].isspace():
        left += 1
    right = _SENTENCE_END.search(text, end)
    return left, (right.end() if right else len(text))


def _sentence_start(text: str, start: int) -> int:
    """Where the last sentence end before `start` ends (0 if none). Looks back in growing windows, so
    the cost follows the sentence's length, not the offset (from 0 it made long texts quadratic)."""
    window = 512
    while True:
        begin = max(0, start - window)
        left = None
        for match in _SENTENCE_END.finditer(text, begin, start):
            left = match.end()
        # A match cut by the window's edge ends where the whole one does; one cut down to its closing
        # quote is not found, and then there is no later one either: the window widens.
        if left is not None:
            return left
        if begin == 0:
            return 0
        window *= 4


def mask_spans(text: str, spans: Iterable[tuple[int, int, str]]) -> str:
    """Replace (start, end, token) spans of `text` (offsets into it) by their tokens."""
    out, last = [], 0
    for start, end, token in sorted(spans):
        if start < last:
            continue
        out.append(text[last:start])
        out.append(f" {token} ")
        last = end
    out.append(text[last:])
    return " ".join("".join(out).split())


def mask_names(text: str, names: Mapping[str, str]) -> str:
    """Replace written names by a role token: perpetrators by `perpname`, everyone else `personname`.
    Used on training sentences, whose names are listed in the data; the engine masks mentions."""
    spans = []
    for name, role in names.items():
        token = PERPETRATOR_TOKEN if role == "perpetrator" else PERSON_TOKEN
        parts = [re.escape(p) for p in name.split()]
        forms = [r"\s+".join(parts), *parts[-1:]]  # the full name and the surname alone
        for form in forms:
            for match in re.finditer(rf"(?<!\w){form}(?:['’]s)?(?!\w)", text):
                spans.append((match.start(), match.end(), token))
    return mask_spans(text, _drop_nested(spans))


def _drop_nested(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    kept: list[tuple[int, int, str]] = []
    for span in sorted(spans, key=lambda s: (s[0], -s[1])):
        if kept and span[0] < kept[-1][1]:
            continue
        kept.append(span)
    return kept


def sentence_input(text: str, start: int, mentions: Sequence[tuple[int, int, bool]]) -> str:
    """The framing model's input: one sentence (starting at `start` in its field) with name
    mentions (field offsets, is-perpetrator) masked."""
    spans = [
        (s - start, e - start, PERPETRATOR_TOKEN if perpetrator else PERSON_TOKEN)
        for s, e, perpetrator in mentions
        if start <= s and e <= start + len(text)
    ]
    return mask_spans(text, spans)


def actor_input(actor: Actor, texts: Mapping[str, str], actors: Sequence[Actor] = ()) -> tuple[str, str]:
    """The roles model's input for one person (the other people of the cast in `actors`):

    - context: for each mention, the five words either side, then its whole sentence once, with this
      person's name as `selfname` and anyone else's as `othername`;
    - marks: the words right before and after each name, the field, quotation and possessive marks,
      the rule cues (`cue_apposition_suspect`) and the role the rules chose (`rule_victim`): the
      model learns when the rules' verdict holds and when the context says otherwise.
    """
    contexts: list[str] = []
    marks: list[str] = [f"rule_{actor.role}"]
    seen: set[tuple[str, int]] = set()
    for mention in actor.mentions[:MAX_MENTIONS]:
        text = texts.get(mention.field, "")
        if not text:
            continue
        marks.append(f"field_{mention.field.split('[', 1)[0]}")
        if mention.quote is not None:
            marks.append("in_quote")
        if mention.possessive:
            marks.append("possessive")
        left, right = sentence_bounds(text, mention.start, mention.end)
        before = _WORD.findall(text[left : mention.start].lower())
        after = _WORD.findall(text[mention.end : right].lower())
        marks.extend(f"l{i}_{w}" for i, w in enumerate(reversed(before[-2:]), start=1))
        marks.extend(f"r{i}_{w}" for i, w in enumerate(after[:2], start=1))
        contexts.append(" ".join([*before[-WINDOW:], SELF_TOKEN, *after[:WINDOW]]))
        if (mention.field, left) in seen:
            continue
        seen.add((mention.field, left))
        names = [
            (m.start - left, m.end - left, SELF_TOKEN if other is actor else OTHER_TOKEN)
            for other in (actor, *(a for a in actors if a is not actor))
            for m in other.mentions
            if m.field == mention.field and left <= m.start and m.end <= right
        ]
        contexts.append(mask_spans(text[left:right], names).lower())
    for cue in actor.cues:
        kind, _, detail = cue.partition(":")
        marks.append(f"cue_{_slug(kind)}")
        if detail:
            marks.append(f"cue_{_slug(kind)}_{_slug(detail)}")
    if len(actor.mentions) == 1:
        marks.append("single_mention")
    return " ".join(contexts), " ".join(marks)


def _slug(text: str) -> str:
    return "_".join(_WORD.findall(text.lower())) or "x"


def mention_spans(actors: Iterable[Actor], field_name: str) -> list[tuple[int, int, bool]]:
    """(start, end, is-perpetrator) of every name mention in one field."""
    return [(m.start, m.end, a.role == "perpetrator") for a in actors for m in a.mentions if m.field == field_name]
