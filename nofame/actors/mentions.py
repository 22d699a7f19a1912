"""Every occurrence of a known actor's full name or surname, found by string matching in every field."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from nofame.actors.candidates import dateline, event_like
from nofame.actors.clusters import Draft, Raw, surname_index
from nofame.actors.fields import Field
from nofame.actors.lexicon import ActorLexicon, norm_word
from nofame.actors.names import form_pattern, matched_form, possessive_after

_COURTESY_RE = re.compile(r"(?i)\b([a-z]{2,4})\.?\s+$")


def string_mentions(fields: Sequence[Field], drafts: Sequence[Draft], lex: ActorLexicon) -> list[Raw]:
    """Every occurrence of a known actor's full name or surname, in every field."""
    full_forms: dict[str, list[int]] = defaultdict(list)
    for i, d in enumerate(drafts):
        for form in sorted(d.forms):
            if " " in form or (form == " ".join(d.name.parts) and d.name.is_full):
                full_forms[form].append(i)
    surnames = surname_index(drafts)
    pattern = form_pattern([*full_forms, *surnames])
    if pattern is None:
        return []
    out = []
    for f in fields:
        text = f.text
        for m in pattern.finditer(f.folded):
            start, end = m.span()
            form = " ".join(m.group().split())
            if form not in full_forms and form not in surnames:
                form = matched_form(form)  # "darnell e. brooks" for the form "darnell e brooks"
                if form not in full_forms and form not in surnames:
                    continue
            written = text[start:end]
            tok = f.doc[f.token_at(start)]
            if form in full_forms:
                # "John Doe" is ambiguous when "John Doe Jr." and "John Doe Sr." are both known
                cands, full = tuple(full_forms[form]), len(full_forms[form]) == 1
            else:
                cands, full = tuple(surnames[form]), False
            if not f.any_case:
                if not written[:1].isupper():
                    continue  # "wood" is no "Wood"
                if " " in written and written.isupper() and dateline(text, start, end):
                    continue  # "PORT HALE, Ruritania —" when the story also names a place Port Hale (not "F., he said")
                modifier = tok.dep_ in {"amod", "compound", "nmod", "det", "advmod"} and tok.head.i > tok.i
                if not full and tok.is_sent_start and tok.pos_ != "PROPN" and modifier:
                    continue  # "Young people gathered": a capitalised word at a sentence start
                if (
                    not full
                    and all(not drafts[c].name.is_full for c in cands)
                    and event_like(f.doc, f.token_at(end - 1) + 1, lex)
                ):
                    continue  # "the Columbine shooting" when "Columbine" was once taken for a person
            poss = possessive_after(text, end, written)
            span_start, courtesy = start, ""
            cm = _COURTESY_RE.search(text[max(0, start - 6) : start])
            if cm and norm_word(cm.group(1)) in lex.courtesy:
                span_start = start - (len(cm.group()))
                courtesy = lex.courtesy[norm_word(cm.group(1))]
            out.append(Raw(f.order, span_start, end + poss, start, end, poss > 0, courtesy, cands, full))
    return out


def merge_raw(string_raw: list[Raw], ner_raw: list[Raw]) -> list[Raw]:
    """String matches first; entity-only mentions (first names) where no string match overlaps."""
    taken: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for r in string_raw:
        taken[r.field].append((r.start, r.end))
    out = list(string_raw)
    for r in ner_raw:
        if not any(s < r.end and r.start < e for s, e in taken[r.field]):
            out.append(r)
    return sorted(out, key=lambda r: r.order)
