"""Actors under construction: person candidates clustered by folded first and last name, plus user-given
perpetrator names."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise

from spacy.tokens import Doc

from nofame.actors.candidates import is_name_token, person_candidates, place_evidence, storm_names
from nofame.actors.fields import Field
from nofame.actors.lexicon import ActorLexicon
from nofame.actors.names import PersonName, fold, form_pattern, matched_form, one_edit_apart, parse_name


@dataclass
class Draft:
    """An actor under construction (local to one find_cast call)."""

    name: PersonName
    forms: set[str] = field(default_factory=set)
    ner: int = 0  # PERSON entities that named it
    events: int = 0  # ... of which were event names ("the Sandy Hook shooting")
    override: bool = False
    spellings: set[str] = field(default_factory=set)  # the surname misspelt as the story prints it

    @property
    def key(self) -> tuple[str, str, str]:
        return self.name.key


@dataclass(frozen=True)
class Raw:
    """One name occurrence before its actor is settled."""

    field: int
    start: int  # span start, courtesy title included
    end: int  # span end, possessive included
    name_start: int
    name_end: int
    possessive: bool
    courtesy: str  # gender of a courtesy title before the name ("female", "male", "neutral", "")
    candidates: tuple[int, ...]  # draft indices
    full: bool  # the full name, not a surname or first name alone

    @property
    def order(self) -> tuple[int, int]:
        return (self.field, self.start)


def build_drafts(
    fields: Sequence[Field], lex: ActorLexicon, perpetrator_names: Sequence[str]
) -> tuple[list[Draft], list[Raw]]:
    """Actors from PERSON entities and user-given names; first-name-only entity mentions."""
    candidates = person_candidates(fields, lex)
    places = place_evidence(fields)
    storms = storm_names(fields)
    person_votes: dict[str, int] = defaultdict(int)
    for c in candidates:
        person_votes[" ".join(c.name.parts)] += 1
    drafts: list[Draft] = []
    by_key: dict[tuple[str, str, str], int] = {}

    def add(name: PersonName) -> int:
        if name.key not in by_key:
            by_key[name.key] = len(drafts)
            drafts.append(Draft(name))
        draft = drafts[by_key[name.key]]
        draft.forms.update(name.forms())
        if len(name.parts) > len(draft.name.parts):
            draft.name = name
        return by_key[name.key]

    singles = []
    for c in candidates:
        folded = " ".join(c.name.parts)
        if not c.strong and places.get(folded, 0) >= person_votes[folded]:
            continue  # "Las Vegas" tagged PERSON once and GPE twice is a place
        if folded in storms:
            continue  # "Hurricane Ian", "Ian's victims"
        if not c.name.is_full:
            singles.append(c)
            continue
        draft = drafts[add(c.name)]
        draft.ner += 1
        draft.events += c.event
    # Names the newsroom gave come before the one-word mentions, so that "Doran" and "Luke" written alone
    # join the given "Luke Doran" rather than becoming actors of their own.
    for given in perpetrator_names:
        _add_override(given, drafts, lex)
    by_key.update({d.key: i for i, d in enumerate(drafts) if d.key not in by_key})
    surnames = surname_index(drafts)
    first_names: dict[str, set[int]] = defaultdict(set)
    for i, d in enumerate(drafts):
        first_names[d.name.first].add(i)
    first_only: list[tuple[Raw, Draft]] = []  # with the draft itself: merges below reorder the list
    for c in singles:
        part = c.name.parts[0]
        if part in surnames:
            for i in surnames[part]:
                drafts[i].ner += 1
                drafts[i].events += c.event
        elif len(first_names.get(part, ())) == 1 and not c.event:
            i = next(iter(first_names[part]))
            first_only.append((Raw(c.field, c.start, c.end, c.start, c.end, False, "", (), False), drafts[i]))
        else:
            draft = drafts[add(c.name)]
            draft.ner += 1
            draft.events += c.event
    _extend_singles(fields, drafts, lex)
    drafts = _join_aliases(fields, _join_misspellings(fields, _merge_suffixes(drafts)), lex)
    # An actor named only in event names ("the Sandy Hook shooting") is no person; nor is a one-word name
    # that names an event even once ("the Fairwater killings"): a lone surname seldom does.
    kept = [d for d in drafts if d.override or d.ner == 0 or (d.events < d.ner and (d.name.is_full or not d.events))]
    remap = {id(d): i for i, d in enumerate(kept)}
    given_names = []
    for raw, draft in first_only:
        # a full name merged into another (a suffix variant, an alias) lends its forms to the one it joined
        owner = draft if id(draft) in remap else next((d for d in kept if draft.forms <= d.forms), None)
        if owner is not None:
            given_names.append(replace(raw, candidates=(remap[id(owner)],)))
    for f, start, end, name in [*_shared_surnames(fields, kept, lex), *_family_given_names(fields, lex)]:
        if name.key not in {d.key for d in kept}:
            lone = next((d for d in kept if d.name.parts == name.parts[:1]), None)
            if lone is None:
                kept.append(Draft(name, set(name.forms()), ner=1))
            else:  # "brothers Karim and Samir El Haddani": the recogniser's "Karim" gets his surname
                lone.name = name
                lone.forms.update(name.forms())
        i = next(k for k, d in enumerate(kept) if d.key == name.key)
        given_names.append(Raw(f, start, end, start, end, False, "", (i,), False))
    return kept, given_names


def _shared_surnames(
    fields: Sequence[Field], drafts: Sequence[Draft], lex: ActorLexicon
) -> list[tuple[int, int, int, PersonName]]:
    """Two people named with one surname: in "Karim and Samir El Haddani" the first given name is a
    person of its own, "Karim El Haddani" (brothers, couples), not a stray word."""
    in_full = {part for d in drafts if d.name.is_full for part in d.name.parts}
    lone = {d.name.parts[0] for d in drafts if not d.name.is_full} - in_full
    full = {d.name.display: d for d in drafts if d.name.is_full}
    keys = {d.key for d in full.values()}
    if not full:
        return []
    tails = "|".join(re.escape(name) for name in sorted(full, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w-])([A-Z][\w'-]+)\s+(?:and|&)\s+({tails})(?![\w-])")
    out = []
    for f in fields:
        if not f.parsed:
            continue
        for m in pattern.finditer(f.text):
            d = full[m.group(2)]
            i = f.token_at(m.start(1))
            tok = f.doc[i]
            given = fold(tok.text)
            before = f.doc[i - 1] if i > 0 else None
            if (
                tok.pos_ != "PROPN"
                or given.strip(".") in lex.title_words
                or (
                    before is not None
                    and before.pos_ == "PROPN"
                    and is_name_token(before)
                    and before.lower_ not in _KIN_GROUPS
                )
            ):
                continue  # "Rishi Sunak and Keir Starmer", "Mr and Mrs Doe": no shared surname
            surname = d.name.display.split(maxsplit=1)[1]
            name = parse_name(f"{tok.text} {surname}", suffixes=lex.suffixes, particles=lex.particles)
            if name is None or not name.is_full:
                continue
            # A given name the story also uses on its own is a shared surname's only when it is his first
            # name elsewhere ("Karim El Haddani") or a kin noun says so ("the brothers Karim and ..."):
            # "Farook and Tashfeen Malik" are two surnames.
            if given in in_full | lone and name.key not in keys and not (given in lone and _kin_before(f.doc, i)):
                continue
            out.append((f.order, m.start(1), m.end(1), name))
    return out


# A misspelling is only trusted on a surname this long: short names are one letter from other words.
_MISSPELT_MIN = 5
_CAPITALISED = re.compile(r"(?<![\w-])[A-Z][^\W\d_]{4,}(?![\w-])")


def _join_misspellings(fields: Sequence[Field], drafts: list[Draft]) -> list[Draft]:
    """Reports misspell the surnames they repeat ("Hoffman" beside "Ben Hoffmann"): a lone capitalised
    word one keystroke from the surname of exactly one full name is that person, whether the entity
    recogniser made it an actor of its own or did not tag it at all."""
    full: dict[str, list[Draft]] = defaultdict(list)
    for d in drafts:
        surname = d.name.surname.split()[-1]
        if d.name.is_full and len(surname) >= _MISSPELT_MIN:
            full[surname].append(d)
    if not full:
        return drafts
    known = {part for d in drafts for part in d.name.parts}

    def target(word: str) -> Draft | None:
        close = [ds for surname, ds in full.items() if one_edit_apart(word, surname)]
        return close[0][0] if len(close) == 1 and len(close[0]) == 1 else None

    out = []
    for d in drafts:
        found = None if d.name.is_full or d.override else target(d.name.surname)
        if found is None:
            out.append(d)
            continue
        found.spellings.add(d.name.surname)
        found.ner += d.ner
        found.events += d.events
    for f in fields:
        if not f.parsed:
            continue
        for m in _CAPITALISED.finditer(f.text):
            word = fold(m.group())
            if word in known or (found := target(word)) is None:
                continue
            i = f.token_at(m.start())
            before = f.doc[i - 1] if i > 0 else None
            after = f.doc[i + 1] if i + 1 < len(f.doc) else None
            if f.doc[i].pos_ != "PROPN" or (after is not None and after.pos_ == "PROPN" and is_name_token(after)):
                continue  # "Hoffmann Street", a word of a longer name
            named_before = before is not None and before.pos_ == "PROPN" and is_name_token(before)
            if named_before and fold(before.text) != found.name.first:
                continue  # "Hoffman" after another given name is someone else
            found.spellings.add(word)
    return out


# Between a name and another name it went by: "NAME, also known as ALIAS", "NAME, born ALIAS".
_ALIAS_GAP = 30
_CLAUSE_GAP = 160
_BORN = re.compile(r"\bborn\b")


def _join_aliases(fields: Sequence[Field], drafts: list[Draft], lex: ActorLexicon) -> list[Draft]:
    """ "Emad Doe, also known as Enzo Roe", "Khalid Roe, born Adrian Doe": the second full name is a name the
    first person went by, so its mentions are his."""
    # Most stories have no alias at all: the fields that do are found before any name pattern is built.
    fields = [f for f in fields if lex.alias_re.search(f.folded) or _BORN.search(f.folded)]
    full = {form: d for d in drafts if d.name.is_full for form in d.forms if " " in form}
    # "NAME, who was known as ALIAS" with his surname alone: a surname only one full name has stands for it
    surnames = Counter(d.name.surname for d in drafts if d.name.is_full)
    full |= {d.name.surname: d for d in drafts if d.name.is_full and surnames[d.name.surname] == 1}
    # a one-word alias ("NAME, who is also known as Farouk") joins as a full one does
    singles = {d.name.surname: d for d in drafts if not d.name.is_full and d.name.surname not in full}
    pattern = form_pattern(full | singles) if fields else None
    if pattern is None:
        return drafts
    merged: dict[int, Draft] = {}
    for f in fields:
        found = [
            (m, full.get(m.group()) or full.get(matched_form(m.group())) or singles.get(m.group()))
            for m in pattern.finditer(f.folded)
        ]
        for (m1, d1), (m2, d2) in pairwise(found):
            if d1 is None or d2 is None or d1 is d2 or id(d2) in merged:
                continue
            gap = f.folded[m1.end() : m2.start()]
            if ("." in gap.rstrip(".") or not _alias_gap(gap, lex)) and not _pronoun_alias(gap, lex):
                continue
            owner = merged.get(id(d1), d1)
            owner.forms |= d2.forms
            owner.spellings |= {d2.name.surname, *d2.spellings}
            owner.ner += d2.ner
            owner.override |= d2.override
            merged[id(d2)] = owner
    return [d for d in drafts if id(d) not in merged]


# "NAME ... lived in Brussels. He goes by the name ALIAS": the next sentence opens on his pronoun.
_PRONOUN_ALIAS = re.compile(r"^[^.]*\.\s+(?:he|she)\b[^.]{0,40}$")


def _pronoun_alias(gap: str, lex: ActorLexicon) -> bool:
    """The name before is the subject the next sentence's "he" goes on about, and that sentence gives the
    name he goes by: one sentence break, then "he" and an alias phrase that ends on the alias."""
    return bool(_PRONOUN_ALIAS.search(gap)) and _ends_on_alias(gap, lex)


def _alias_gap(gap: str, lex: ActorLexicon) -> bool:
    """The words between two names say the second is a name the first went by: close ("NAME, also known
    as ALIAS"), or a clause about him that ends on it ("NAME, who came to Britain as a refugee and took on
    the name ALIAS")."""
    if len(gap) <= _ALIAS_GAP:
        return bool(lex.alias_re.search(gap) or _BORN.search(gap))
    return len(gap) <= _CLAUSE_GAP and _ends_on_alias(gap, lex)


def _ends_on_alias(gap: str, lex: ActorLexicon) -> bool:
    """An alias phrase closes the gap, quotes aside: the next name is the one it gives."""
    ends = [m.end() for m in lex.alias_re.finditer(gap)]
    return bool(ends) and not gap[ends[-1] :].strip(" '\"‘’“”")


def _merge_suffixes(drafts: list[Draft]) -> list[Draft]:
    """Merge "John Doe" into "John Doe Jr." when there is no "John Doe Sr." as well."""
    out = []
    for d in drafts:
        if not d.name.suffix:
            variants = [v for v in drafts if v.name.suffix and v.key[:2] == d.key[:2]]
            if len(variants) == 1:
                variants[0].forms |= d.forms
                variants[0].ner += d.ner
                variants[0].events += d.events
                continue
        out.append(d)
    return out


def _extend_singles(fields: Sequence[Field], drafts: Sequence[Draft], lex: ActorLexicon) -> None:
    """A one-word actor ("Bouzeghar, 26,") gets the first name written before it elsewhere ("Yanis
    Bouzeghar", which the small model took for a place), so that the full name is matched too."""
    singles = {d.name.surname: d for d in drafts if not d.name.is_full}
    pattern = form_pattern(singles)
    if pattern is None:
        return
    for f in fields:
        if not f.parsed:
            continue
        for m in pattern.finditer(f.folded):
            draft = singles.get(m.group()) or singles.get(matched_form(m.group()))
            if draft is None:
                continue
            i = f.token_at(m.start())
            if draft.name.is_full or i == 0 or f.starts[i] != m.start():
                continue
            tok, prev = f.doc[i], f.doc[i - 1]
            same_entity = prev.ent_type_ and tok.ent_iob_ == "I"
            if (
                prev.pos_ == "PROPN"
                and is_name_token(prev)
                and prev.lower_ not in _KIN_GROUPS  # "Brothers Karim and ..." at a sentence start
                and prev.lower_.strip(".") not in lex.title_words
                and (not prev.ent_type_ or same_entity)
            ):
                name = parse_name(f"{prev.text} {tok.text}", suffixes=lex.suffixes, particles=lex.particles)
                if name is not None and name.is_full:
                    draft.name = name
                    draft.forms.update(name.forms())


# "the Doe brothers, Karim and Samir,": a family's surname, a kin group, then its members' given names.
_FAMILY_GIVEN_NAMES = re.compile(
    r"(?<![\w-])([A-Z][\w'-]+) (?:brothers|sisters|siblings|twins|cousins),? ([A-Z][\w'-]+),? (?:and|&) "
    r"([A-Z][\w'-]+)(?![\w-])"
)


def _family_given_names(fields: Sequence[Field], lex: ActorLexicon) -> list[tuple[int, int, int, PersonName]]:
    """ "The El Haddani brothers, Karim and Samir, stormed the offices": each given name is a person with
    the family's surname ("Karim El Haddani"), not a stray word."""
    out = []
    for f in fields:
        if not f.parsed:
            continue
        for m in _FAMILY_GIVEN_NAMES.finditer(f.text):
            family = f.doc[f.token_at(m.start(1))]
            if family.pos_ != "PROPN" or fold(family.text) in lex.title_words or family.ent_type_ == "NORP":
                continue  # "the Belgian brothers", "the Chechen brothers": a nationality, no surname
            for group in (2, 3):
                given = f.doc[f.token_at(m.start(group))]
                if given.pos_ != "PROPN" or fold(given.text) in lex.title_words:
                    continue
                name = parse_name(f"{given.text} {family.text}", suffixes=lex.suffixes, particles=lex.particles)
                if name is not None and name.is_full:
                    out.append((f.order, m.start(group), m.end(group), name))
    return out


# Plural kin words before two given names and a surname: the names share it.
_KIN_GROUPS = frozenset({"brothers", "sisters", "siblings", "twins", "cousins", "couple", "parents", "spouses"})


def _kin_before(doc: Doc, i: int) -> bool:
    """ "brothers Karim and ...", "the married couple Karim and ...", "his parents, Karim and ..." """
    k = i - 1
    while k >= 0 and (doc[k].is_punct or doc[k].pos_ in {"DET", "ADJ", "PRON"}):
        k -= 1
    return k >= 0 and doc[k].lower_ in _KIN_GROUPS


def surname_index(drafts: Sequence[Draft]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = defaultdict(list)
    for i, d in enumerate(drafts):
        for form in {d.name.surname, d.name.surname.split()[-1], *d.spellings}:
            if i not in out[form]:
                out[form].append(i)
    return out


def _add_override(given: str, drafts: list[Draft], lex: ActorLexicon) -> None:
    """Mark (or create) the actor a user-given perpetrator name refers to."""
    name = parse_name(given, titles=lex.title_words, suffixes=lex.suffixes, particles=lex.particles)
    if name is None:
        return
    if name.is_full:
        match = [d for d in drafts if d.key == name.key]
        if not match:  # "John Michael Doe" given, "John Doe" written: first and last name decide
            match = [d for d in drafts if d.name.surname == name.surname and d.name.first == name.first]
    else:
        match = [d for d in drafts if name.surname in (d.name.surname, d.name.surname.split()[-1])]
        match = match[:1] if len(match) > 1 and not any(d.override for d in match) else match
    if not match:
        match = [Draft(name)]
        drafts.append(match[0])
    for d in match:
        d.override = True
        d.forms.update(name.forms())
