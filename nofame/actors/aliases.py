"""Names given as the name someone went by: "NAME, who is also known as ALIAS", "He goes by the name ALIAS".

The words after an alias phrase are a name even where the small model tags nothing, but only when the
phrase follows a person: "the Islamic State, also known as ISIS" and "the mosque, also known as NAME"
name no one.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from nofame.actors.fields import Field
from nofame.actors.lexicon import ActorLexicon, role_of

# Who may stand before "also known as": a person's pronoun, or his age after his name ("NAME, 48, who was").
_PERSON_BEFORE = re.compile(r"(?:\b(?:he|she|who)\b[^,.;:]{0,30}|,\s*\d{1,3},?\s*)$")
_REACH = 80  # characters looked back for the phrase and for its owner


def alias_phrase_before(f: Field, start: int, lex: ActorLexicon) -> tuple[int, int] | None:
    """Where an alias phrase ("also known as", "goes by the name") ends right before `start`, quotes aside."""
    base = max(0, start - _REACH)
    head = f.folded[base:start].rstrip(" '\"‘’“”")
    phrase = next((m for m in lex.alias_re.finditer(head) if m.end() == len(head)), None)
    return None if phrase is None else (base + phrase.start(), base + phrase.end())


def alias_of_person(f: Field, start: int, lex: ActorLexicon) -> bool:
    """The words at `start` follow an alias phrase that follows a person: his name, his pronoun, his age, or
    a person's noun ("the attacker used the name")."""
    phrase = alias_phrase_before(f, start, lex)
    return phrase is not None and _owned_by_person(f, phrase, lex)


def alias_of_thing(f: Field, start: int, lex: ActorLexicon) -> bool:
    """The words at `start` follow an alias phrase that follows no person: a place's or a group's other name
    ("the mosque, also known as NAME")."""
    phrase = alias_phrase_before(f, start, lex)
    return phrase is not None and not _owned_by_person(f, phrase, lex)


def _owned_by_person(f: Field, phrase: tuple[int, int], lex: ActorLexicon) -> bool:
    base = max(0, phrase[0] - _REACH)
    if _PERSON_BEFORE.search(f.folded[base : phrase[0]].rstrip()):
        return True
    first, last = f.token_at(phrase[0]), f.token_at(phrase[1] - 1)
    if "known as" in f.folded[phrase[0] : phrase[1]] or f.doc[first].lower_ in _DESCRIBING:
        # "NAME, also known as", "the mosque, also known as": the words before describe whose name it is
        owner = first - 1
        while owner >= 0 and f.doc[owner].is_punct:
            owner -= 1
        return owner >= 0 and _person(f.doc[owner], lex)
    # "the suspect posted propaganda under the name", "the attacker used the name": the clause's subject
    inside = range(first, last + 1)
    head = next((t.head for t in f.doc[first : last + 1] if t.head.i not in inside), f.doc[first])
    if head.pos_ in {"VERB", "AUX"}:
        head = next((c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}), head)
    return _person(head, lex)


_DESCRIBING = frozenset({"alias", "aka", "a.k.a."})


def _person(tok: Token, lex: ActorLexicon) -> bool:
    return tok.ent_type_ == "PERSON" or tok.lower_ in {"he", "she", "who"} or role_of(tok, lex) != ""
