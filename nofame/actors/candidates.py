"""Person candidates: stretches of text that name a person, before they are clustered into actors.

PERSON entities, plus names the small model misses: after a title ("Detective Superintendent Aroha
Ngata"), with an age ("Jonah Mbeki, 16,"), next to a role noun, or as the subject of an attack or arrest.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from nofame.actors.fields import CAPS_EXEMPT, Field
from nofame.actors.grammar import identify_verb
from nofame.actors.lexicon import ActorLexicon, role_of
from nofame.actors.names import PersonName, fold, parse_name
from nofame.article import field_kind

_NON_PERSON_LABELS = frozenset({"GPE", "LOC", "FAC", "ORG", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART"})

_PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "from", "of", "outside", "to", "into"})


def event_like(doc: Doc, end_token: int, lex: ActorLexicon) -> bool:
    """A name before an attack noun is an event: "Columbine shooting", "Christchurch mosque attacks"."""
    for tok in doc[end_token : end_token + 3]:
        if fold(tok.text) in lex.event_nouns or tok.lemma_.lower() in lex.event_nouns:
            return True
        if tok.pos_ not in {"NOUN", "PROPN"} or tok.is_punct:
            return False
    return False


def place_evidence(fields: Sequence[Field]) -> dict[str, int]:
    """How often each folded text is tagged as a place, organisation or thing."""
    counts: dict[str, int] = defaultdict(int)
    for f in fields:
        for ent in f.doc.ents:
            if ent.label_ in _NON_PERSON_LABELS:
                counts[" ".join(fold(ent.text).split())] += 1
    return counts


@dataclass(frozen=True)
class Candidate:
    """A stretch of text that names a person, before clustering."""

    name: PersonName
    event: bool  # "the Sandy Hook shooting": an event name
    field: int
    start: int
    end: int
    strong: bool = False  # an age or a title says it is a person, whatever the NER label


def _candidate(f: Field, toks: Span, lex: ActorLexicon, *, strong: bool) -> Candidate | None:
    titles = lex.title_words
    name = parse_name(toks.text, titles=titles, suffixes=lex.suffixes, particles=lex.particles)
    if name is None or (len(name.parts) == 1 and name.parts[0].rstrip(".") in titles):
        return None
    if " ".join(name.parts) in lex.not_people or not name.display[:1].isupper():
        return None
    if any(p in lex.institutions or p in lex.event_nouns for p in name.parts):
        return None
    offset = toks.text.find(name.display.split()[0])
    start = toks.start_char + max(offset, 0)
    return Candidate(name, event_like(f.doc, toks.end, lex), f.order, start, start + len(name.display), strong)


def is_name_token(tok: Token) -> bool:
    return tok.text[:1].isupper() and tok.text.rstrip(".").replace("-", "").replace("'", "").isalpha()


_AGE_FOLLOWERS = frozenset({"and", "of", "from", "who", "was", "were", "is", "had", "a", "an"})


def _role_context(root: Token, lex: ActorLexicon) -> bool:
    """A role noun or an identification says a two-word name is a person, whatever the small model
    tagged it (often ORG): "the gunman, Darrel Vickers," / "Darrel Vickers, the gunman," /
    "identified the suspect as Darrel Vickers"."""
    if root.ent_type_ in {"GPE", "LOC", "FAC"}:
        return False
    if root.dep_ == "appos" and role_of(root.head, lex):
        return True
    if any(c.dep_ == "appos" and role_of(c, lex) for c in root.children):
        return True
    return root.dep_ == "pobj" and root.head.lower_ == "as" and identify_verb(root.head, lex) is not None


def _pattern_candidates(f: Field, lex: ActorLexicon) -> list[Candidate]:
    """Names the NER misses: after a title ("Detective Superintendent Aroha Ngata") or with an age
    ("Jonah Mbeki, 16,", tagged as a place by the small model)."""
    doc, out = f.doc, []
    text = f.text
    # Only capitalised tokens can start or continue a name: decided on the text, before making tokens.
    flags = [text[i].isupper() for i in f.starts]
    if not any(flags):
        return out
    toks = doc  # indexed only around capitalised words
    flags = [flag and is_name_token(toks[k]) for k, flag in enumerate(flags)]
    i = 0
    while i < len(toks):
        if not flags[i]:
            i += 1
            continue
        j = i
        while j < len(toks) and (flags[j] or (toks[j].lower_ in lex.particles and j > i)):
            j += 1
        start, i = i, j
        followed = j < len(toks) and text[f.starts[j]] in ",("
        preceded = start > 0 and (text[f.starts[start - 1]].islower() or text[f.starts[start - 1]] == ",")
        words = [toks[k].lower_.strip(".") for k in range(start, j)]
        if not followed and not preceded and not any(w in lex.title_words for w in words):
            continue  # neither an age nor a title: the entity recogniser's call stands
        last_title = max((k for k, w in enumerate(words) if w in lex.title_words), default=-1)
        first = start + last_title + 1
        while first < j and toks[first].pos_ != "PROPN":
            first += 1  # "Yesterday John Doe, 28,"
        if not 1 <= j - first <= 4 or any(t.pos_ != "PROPN" and t.lower_ not in lex.particles for t in toks[first:j]):
            continue
        if start > 0 and toks[start - 1].text in {"-", "–"}:
            continue  # "Anti-Terrorist Hotline"
        before = toks[first - 1] if first > 0 else None
        titled = last_title >= 0 or (
            before is not None and before.is_lower and before.dep_ == "compound" and role_of(before, lex) != ""
        )
        # The small model sometimes swallows title and name into one ORG ("Spokeswoman Sabine Krohn").
        title_in_org = last_title >= 0 and toks[first - 1].ent_type_ == "ORG"
        titled = titled and all(
            t.ent_type_ in {"", "PERSON"} or (title_in_org and t.ent_type_ == "ORG") for t in toks[first:j]
        )
        nxt = toks[j : j + 3]
        aged = (
            len(nxt) == 3
            and nxt[0].text in {",", "("}
            and nxt[1].text.isdigit()
            and 0 < int(nxt[1].text) < 111
            and (nxt[2].is_punct or nxt[2].lower_ in _AGE_FOLLOWERS)
        )
        if not (titled or aged) and j - first > 1:
            titled = _role_context(toks[j - 1], lex)
        if titled or aged:  # places do not have ages: "Bouzeghar, 26," is a person even if tagged GPE
            cand = _candidate(f, doc[first:j], lex, strong=True)
            if cand is not None:
                out.append(cand)
    return out


def person_candidates(fields: Sequence[Field], lex: ActorLexicon) -> list[Candidate]:
    """Every usable PERSON entity, plus names found by title and age patterns."""
    out = []
    for f in fields:
        kind = field_kind(f.name)
        if not f.parsed:
            continue  # ALL-CAPS display text and slugs: NER is unreliable there; names come from matching
        for ent in f.doc.ents:
            if ent.label_ != "PERSON" or any(c.isdigit() for c in ent.text):
                continue
            if kind in CAPS_EXEMPT and (len(ent) < 2 or any(t.pos_ != "PROPN" for t in ent)):
                continue  # title-case headlines make spaCy see people everywhere
            if len(ent) == 1 and ent.start > 0 and f.doc[ent.start - 1].lower_ in _PLACE_PREPOSITIONS:
                continue  # "of Gresham", "in Uvalde": a one-word PERSON after these is a place
            cand = _candidate(f, ent, lex, strong=False)
            if cand is not None:
                out.append(cand)
        if kind not in CAPS_EXEMPT:
            out += _pattern_candidates(f, lex)
    return out
