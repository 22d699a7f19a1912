"""Person candidates: stretches of text that name a person, before they are clustered into actors.

PERSON entities, plus names the small model misses: after a title ("Detective Superintendent Aroha
Ngata"), with an age ("Jonah Mbeki, 16,"), next to a role noun, or as the subject of an attack or arrest.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from spacy.attrs import DEP, LEMMA
from spacy.tokens import Doc, Span, Token

from nofame.actors.aliases import alias_of_person
from nofame.actors.fields import CAPS_EXEMPT, Field
from nofame.actors.grammar import (
    CLOSE_QUOTES,
    LIST_MARKS,
    attacks,
    group_of,
    harm_agents,
    identify_verb,
    is_official,
    legal_act,
    list_opener,
    names_members,
    owned_deed,
)
from nofame.actors.lexicon import ActorLexicon, role_of
from nofame.actors.names import HYPHENS, PersonName, fold, parse_name
from nofame.article import field_kind

_NON_PERSON_LABELS = frozenset({"GPE", "LOC", "FAC", "ORG", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART"})

_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})

_POSSESSIVE_END = re.compile(r"'s?$")

# French place names join their words with a lowercase particle: "Joué-lès-Tours", "Boulogne-sur-Mer".
_HYPHENED_PLACE = re.compile(r"[A-Z][^\W\d_]*-(?:sur|sous|les|lès|lez|en|aux|du)-[A-Z]")

_PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "from", "of", "outside", "to", "into"})
_HOME_NOUNS = frozenset({"resident", "native", "town", "city", "village", "province", "region", "suburb"})


def event_like(doc: Doc, end_token: int, lex: ActorLexicon) -> bool:
    """A name before an attack noun is an event: "Columbine shooting", "Christchurch mosque attacks"; not
    one that owns it ("Darrel Vickers's attack")."""
    if end_token > 0 and doc[end_token - 1].lower_ in {"'s", "’s", "'", "’"}:
        return False
    k = end_token
    while k + 1 < len(doc) and doc[k].lower_ in {"and", "&"} and doc[k + 1].pos_ == "PROPN":
        k += 2  # "the Toulouse and Montauban shootings"
        while k < len(doc) and doc[k].pos_ == "PROPN" and doc[k].ent_iob_ == "I":
            k += 1
    for tok in doc[k : k + 3]:
        if tok.pos_ not in {"NOUN", "PROPN"} or tok.is_punct:
            return False  # "NAME attacked the airport": a verb, however like a noun it looks
        if fold(tok.text) in lex.event_nouns or tok.lemma_.lower() in lex.event_nouns:
            return True
    return False


# "in Toulouse", "near Montauban", "in downtown Kalamazoo": one capitalised word after a place preposition,
# not a possessive ("at Doe's home") and not the start of a longer name; "Kalamazoo resident Ann Doe", "a
# Kalamazoo rampage", "Kalamazoo, which": a place's company.
_PLACED_WORDS = (
    re.compile(
        r"\b(?:in|at|near|outside)\s+(?:downtown\s+|central\s+|suburban\s+|nearby\s+|rural\s+)?"
        r"([A-Z][a-z]+)\b(?!['’]|\s+[A-Z]|-)"
    ),
    re.compile(r"\b([A-Z][a-z]+)\s+(?:residents?|native)\b"),
    re.compile(r"\b(?:an?)\s+([A-Z][a-z]+)\s+(?:movie|theater|theatre|rampage|mall|suburb|neighbou?rhood|community)\b"),
    re.compile(r"\b([A-Z][a-z]+),\s+which\b"),
    # "in Kestow, Marby, Hale and Dunmore": every one-word name of a list after a place preposition
    re.compile(r"\b(?:in|at|near)\s+((?:[A-Z][a-z]+,\s+)+[A-Z][a-z]+,?\s+and\s+[A-Z][a-z]+)\b(?!['’]|\s+[A-Z]|-)"),
)
# A storm's name: "Hurricane Ian", and "Ian" alone in the same story ("Ian's victims").
_STORM = re.compile(r"\b(Hurricane|Typhoon|Cyclone|Tropical Storm)\s+([A-Z][a-z]+)\b")
_LIST_SEPARATORS = re.compile(r",\s+(?:and\s+)?|\s+and\s+")


def place_evidence(fields: Sequence[Field]) -> dict[str, float]:
    """How often each folded text is tagged as a place, organisation or thing, or written as a place ("in
    Toulouse"). An organisation tag counts half: the small model tags many people it does not know as
    organisations, places seldom."""
    counts: dict[str, float] = defaultdict(float)
    for f in fields:
        for ent in f.ents:
            if ent.label_ in _NON_PERSON_LABELS:
                key = _POSSESSIVE_END.sub("", " ".join(fold(ent.text).split()))  # "Sri Lanka's" is "Sri Lanka"
                counts[key] += 1.0 if ent.label_ in _PLACE_LABELS else 0.5
        for placed in _PLACED_WORDS:
            for m in placed.finditer(f.text):
                for place in _LIST_SEPARATORS.split(m.group(1)):  # one place, or a list of them
                    counts[fold(place)] += 1.0
    return counts


def storm_names(fields: Sequence[Field]) -> frozenset[str]:
    """The folded names of storms the story names, with their title and without."""
    found = (m for f in fields for m in _STORM.finditer(f.text))
    return frozenset(form for m in found for form in (fold(m.group(0)), fold(m.group(2))))


@dataclass(frozen=True)
class Candidate:
    """A stretch of text that names a person, before clustering."""

    name: PersonName
    event: bool  # "the Sandy Hook shooting": an event name
    field: int
    start: int
    end: int
    strong: bool = False  # an age or a title says it is a person, whatever the NER label


def _beside_place(doc: Doc, start: int, end: int) -> bool:
    """Places written as "Town, Region": "Purvis, Mississippi, tornado kills 143" (the name before a
    region) and "at home in Levenshulme, Greater Manchester, on ..." (the region between commas)."""
    n = len(doc)
    if end + 1 < n and doc[end].text == "," and doc[end + 1].ent_type_ == "GPE" and doc[end + 1].ent_iob_ == "B":
        k = end + 1
        while k + 1 < n and doc[k + 1].ent_iob_ == "I":
            k += 1
        after = doc[k + 1] if k + 1 < n else None
        if after is None or (after.is_punct and after.text not in {"'s", "’s"}) or after.pos_ == "CCONJ":
            return True
    return (
        start >= 2
        and doc[start - 1].text == ","
        and doc[start - 2].ent_type_ in _PLACE_LABELS
        and end + 1 < n
        and doc[end].text == ","
        and not doc[end + 1].like_num  # "In Dayton, Darrel Vickers, 28, ..."
    )


_STREET_ABBREVIATIONS = frozenset({"st", "rd", "ave", "blvd", "hwy"})


def _candidate(f: Field, toks: Span, lex: ActorLexicon, *, strong: bool) -> Candidate | None:
    half = len(toks) // 2
    if half >= 2 and [t.text for t in toks[:half]] == [t.text for t in toks[half:]]:
        toks = toks[:half]  # a full name the page wrote twice in a row: one mention, then the next
    titles = lex.title_words
    name = parse_name(toks.text, titles=titles, suffixes=lex.suffixes, particles=lex.particles)
    if name is None or (len(name.parts) == 1 and name.parts[0].rstrip(".") in titles):
        return None
    if " ".join(name.parts) in lex.not_people or not name.display[:1].isupper():
        return None
    if name.parts[-1] in _DESCRIPTIONS:
        return None  # "a Chechen Islamist", "the Iranian Islamist": a description written in capitals
    if len(name.parts) == 1 and name.parts[0] in lex.people_nouns:
        return None  # "Boy, 15, stabbed": a headline's common noun, capitalised
    if len(name.parts) == 1 and any(c.dep_ == "det" for c in toks[-1].children):
        return None  # "the 21-year-old ethnic Chechen was found guilty": a noun, not a name
    if any(p in lex.institutions or p in lex.event_nouns for p in name.parts):
        return None
    if _HYPHENED_PLACE.search(toks.text):
        return None
    if names_members(toks[-1], lex):
        return None  # "suspected Harqat Jund militants": a group
    after = f.doc[toks.end] if toks.end < len(f.doc) else None
    if after is not None and after.text[:1].isupper() and fold(after.text).strip(".") in lex.place_nouns:
        return None  # "Martin Luther King Jr. Way", "Lincoln High School"
    if toks.start > 1 and f.doc[toks.start - 1].lower_ == "of" and f.doc[toks.start - 2].lemma_ in _HOME_NOUNS:
        return None  # "a resident of Jalal-Abad", "a native of Port Hale"
    if after is not None and after.lower_ in _VENUES and toks[-1].head == after:
        return None  # "the Kehilat Yaakov synagogue", "the famed Jamaa el-Fna square"
    if _beside_place(f.doc, toks.start, toks.end) and not _listed_after_role(
        f.doc, toks.start, f.sent_of(toks.start).start, lex
    ):
        return None
    if name.parts[-1] in lex.place_nouns and (toks[-1].pos_ == "NOUN" or len(name.parts) > 2):
        return None  # the same, all in one entity ("Harbour View Mall"; two words may be "Anna Hall")
    if len(name.parts) > 1 and name.parts[-1].rstrip(".") in _STREET_ABBREVIATIONS:
        return None  # "Bourke St", "Canal Rd": no surname is written so
    offset = toks.text.find(name.display.split()[0])
    start = toks.start_char + max(offset, 0)
    return Candidate(name, event_like(f.doc, toks.end, lex), f.order, start, start + len(name.display), strong)


# Words that end a description, never a name: "Chechen Islamist", "the Iranian Jihadist".
_DESCRIPTIONS = frozenset({"islamist", "islamists", "jihadist", "jihadists", "extremist", "extremists", "terrorist"})

# Lower-case venue nouns that make the capitalised words before them the venue's name, not a person's
# (unlike "memorial", "school" or "house", which a person's name may stand before).
_VENUES = frozenset(
    {
        "synagogue",
        "mosque",
        "church",
        "temple",
        "cathedral",
        "chapel",
        "square",
        "market",
        "cafe",
        "café",
        "restaurant",
        "nightclub",
        "mall",
        "supermarket",
        "station",
        "airport",
        "promenade",
    }
)

# A day written after a name ("... and 19-year-old Jo Roe Monday.") is when, not part of the name.
_WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})


def is_name_token(tok: Token) -> bool:
    return (
        tok.text[:1].isupper()
        and tok.text.rstrip(".").replace("-", "").replace("'", "").isalpha()
        and tok.lower_ not in _WEEKDAYS
    )


def _may_start_name(tok: Token) -> bool:
    """A proper noun, or an unknown word the tagger misread: at a sentence start (a Vietnamese given name
    opening "NAME Can NAME, the suspect," came out as SCONJ; not "Yesterday", "When" or "Police"), or a
    capitalised adjective inside a sentence."""
    if tok.pos_ == "PROPN":
        return True
    if tok.pos_ == "ADJ" and not tok.is_sent_start and not tok.ent_type_:
        return True  # "26-year-old Dimitrious Gargasoulas": a given name read as an adjective
    return tok.pos_ in {"SCONJ", "X", "INTJ"} and not tok.is_stop and not tok.ent_type_


_AGE_APPOSITION = re.compile(r",\s+(?:the|a|an)\s+\d{1,3}-year-old\b")  # "Elena Marsh, the 17-year-old ..."
_AGE_FOLLOWERS = frozenset({"and", "of", "from", "who", "was", "were", "is", "had", "a", "an"})


def _role_context(root: Token, sent: Span, lex: ActorLexicon) -> bool:
    """A role noun or an identification says a name of two words or more is a person, whatever the small
    model tagged it (ORG, and a place for names it does not know): "the gunman, Darrel Vickers," /
    "Darrel Vickers, the gunman," / "identified the suspect as Darrel Vickers", "a man named Darrel
    Vickers", a list of people."""
    if root.ent_type_ == "FAC" and not _initial(root):
        return False  # ("Anouar Walid H.": places do not end in an initial)
    if root.dep_ == "appos" and role_of(root.head, lex):
        return True
    if any(c.dep_ == "appos" and role_of(c, lex) for c in root.children):
        return True
    if any(c.dep_ == "appos" and any(role_of(g, lex) for g in group_of(c)) for c in root.children):
        return True  # "Darrel Vickers, one of the main accused in the case,"
    if root.dep_ == "appos" and _aged(root.head):
        return True  # "a 22-year-old Kyrgyz-born citizen, Darrel Vickers,": an age makes the noun a person
    if root.dep_ == "conj" and root.head.ent_type_ == "PERSON" and root.head.ent_iob_ == "I":
        return True  # the last of a list of full names: "Hiroshi Sato and Patrice Weller"
    if root.dep_ == "conj" and root.head.i < root.i and _role_context(root.head, sent, lex):
        return True  # the rest of a list the role opens: "his accomplices, Ivo Marsh and Tal Orren,"
    if any(c.dep_ == "conj" and c.ent_type_ == "PERSON" and c.ent_iob_ == "I" for c in root.children):
        return True  # the first of a list of full names the model tagged apart: "Iva Orne and Tal Weller"
    if root.dep_ == "oprd" and _names_a_person(root.head, lex):
        return True
    if root.dep_ == "attr" and any(c.dep_ == "nsubj" and role_of(c, lex) for c in root.head.children):
        return True  # "The third attacker was Darrel Vickers"
    if any(
        c.dep_ == "relcl"
        and (attacks(c, lex) or legal_act(c, lex) or c.lemma_.lower() in lex.verbs["legal_passive"])
        and any(w.lower_ == "who" for w in c.children)
        for c in root.children
    ):
        return True  # "Darrel Vickers, who shot dead 17 people", "..., who is accused of murder": "who", not "which"
    if _judged_as(root, lex):
        return True
    return root.dep_ == "pobj" and root.head.lower_ == "as" and identify_verb(root.head, sent.start, lex) is not None


def _aged(noun: Token) -> bool:
    """A noun given an age: "a 22-year-old citizen", "a 22 year old citizen"."""
    doc = noun.doc
    return noun.pos_ == "NOUN" and any(
        c.lower_ == "old" and c.i > 0 and doc[c.i - 1].lower_ in {"-", "year", "years"} for c in noun.children
    )


def _judged_as(root: Token, lex: ActorLexicon) -> bool:
    """The object of a verb that says what a person was: "praised NAME as a holy man", "remembered NAME as"."""
    verb = root.head
    if root.dep_ != "dobj" or verb.lemma_.lower() not in lex.verbs["praise"] | lex.verbs["remember"]:
        return False
    return any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children)


def _initial(tok: Token) -> bool:
    """A surname written as its initial, as German and French reports do: "Stephan B."."""
    return len(tok.text) == 2 and tok.text[0].isupper() and tok.text[1] == "."


def _names_a_person(verb: Token, lex: ActorLexicon) -> bool:
    """ "a 21-year-old man named NAME", "a woman called NAME", "an Australian called NAME": a name given to
    a person noun or a nationality."""
    noun = verb.head
    person = noun.pos_ == "NOUN" and (noun.lower_ in lex.people_nouns or role_of(noun, lex) != "")
    named = verb.dep_ == "acl" and verb.lemma_.lower() in {"name", "call", "know", "surname"}
    return named and (person or noun.ent_type_ == "NORP")


def _listed_after_role(doc: Doc, first: int, sent_start: int, lex: ActorLexicon) -> bool:
    """A name in a list a role noun opens with a dash or colon: "the four perpetrators of the attack - A,
    B, C and D -"."""
    k = first - 1
    while k > sent_start and (doc[k].pos_ in {"PROPN", "CCONJ", "NUM"} or doc[k].text in {",", "-", "‐"}):
        if doc[k].text in LIST_MARKS and doc[k].whitespace_:
            break
        k -= 1
    if doc[k].text not in LIST_MARKS:
        return False
    noun = list_opener(doc, k)
    return noun is not None and role_of(noun, lex) != ""


def _comma_role(doc: Doc, first: int, end: int, lex: ActorLexicon) -> bool:
    """A role noun set off by commas next to the name, however the parser hung it: "the suspect, NAME"
    and "NAME, the suspected gunman,"; not "on London Bridge, the killers ran" nor "the gunman, New York
    police said"."""
    n = len(doc)
    if first >= 2 and doc[first - 1].text == "," and (end == n or doc[end].pos_ not in {"NOUN", "PROPN"}):
        noun = doc[first - 2]
        if noun.pos_ == "NOUN" and role_of(noun, lex) != "" and noun.dep_ != "pobj":
            return True
    if end + 2 >= n or doc[end].text != "," or doc[end + 1].lower_ not in {"the", "a"}:
        return False
    k = end + 2
    while k < min(n - 1, end + 4) and doc[k].pos_ in {"ADJ", "VERB"} and doc[k].dep_ == "amod":
        k += 1  # "the suspected gunman"
    # ... or a noun only a person is: "NAME, a Tunisian man,", "NAME, a Tunisian national,", "NAME, the man who"
    person = doc[k].lower_ in _ONE_PERSON
    closed = k + 1 >= n or doc[k + 1].text in {",", ".", ";", ")", "—"} or (person and doc[k + 1].lower_ == "who")
    return closed and doc[k].pos_ == "NOUN" and (role_of(doc[k], lex) != "" or person)


_ONE_PERSON = frozenset({"man", "woman", "national", "citizen", "teenager", "migrant", "refugee", "immigrant"})


def _acts_as_person(root: Token, lex: ActorLexicon) -> bool:
    """What the sentence says the name did or underwent makes it a person, whatever the small model
    tagged it (often ORG): "Darrel Vickers opened fire", "... stabbed two guards", "... drove a van into
    the crowd", "Darrel Vickers was arrested / charged / shot dead by police", "Darrel Vickers' rampage"."""
    verb = root.head
    lemma = verb.lemma_.lower()
    if owned_deed(root, lex):
        return True  # "Darrel Vickers' siege of the cafe"
    if root.dep_ == "nsubj" and verb.pos_ == "VERB":
        return attacks(verb, lex) or legal_act(verb, lex)  # "... pleaded guilty"
    if root.dep_ == "nsubjpass" and verb.pos_ == "VERB":
        # "... was arrested / charged", "... has been found guilty", "... was killed by police"
        return (
            lemma in lex.verbs["legal_passive"]
            or (lemma == "find" and any(c.lower_ == "guilty" for c in verb.children))
            or (lemma in lex.verbs["harm"] and any(is_official(a, lex) for a in harm_agents(verb, lex)))
        )
    return False


def _surname_acts(f: Field, tok: Token, lex: ActorLexicon) -> bool:
    """A surname alone that is sentenced, charged or pleads guilty and is named again or is "he" or "she"
    nearby ("Doe will be sentenced to life after pleading guilty"), or that attacks and is "he" or "she"
    nearby ("Doe first shot his mother. He then ..."), whatever the small model tagged it. Not a group
    ("Hamas fired rockets"): groups are not "he"; not an acronym or a nationality."""
    if (
        tok.ent_type_ == "NORP"
        or not tok.text[1:].islower()
        or any(c.dep_ in {"det", "amod"} for c in tok.children)  # "The 28-year-old German was charged"
    ):
        return False
    verb = tok.head
    lemma = verb.lemma_.lower()
    on_trial = (tok.dep_ == "nsubjpass" and lemma in lex.verbs["legal_passive"] and lemma != "book") or (
        tok.dep_ == "nsubj" and verb.pos_ == "VERB" and legal_act(verb, lex)
    )
    attacking = tok.dep_ == "nsubj" and verb.pos_ == "VERB" and attacks(verb, lex)
    if not (on_trial or attacking):
        return False
    if on_trial and _times_written(f.text, tok.text) > 1:
        return True
    return _pronoun_soon(f, tok.i, tok.i + 1, {"he", "she", "his", "her"})


def _times_written(text: str, word: str) -> int:
    """How often `word` stands in `text` as a whole word (not inside "Doe-Smith")."""
    return len(re.findall(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text))


def _pronoun_soon(f: Field, token: int, after: int, pronouns: set[str]) -> bool:
    """One of `pronouns` stands after token `after`, in the sentence of `token` or the next one."""
    k = max(bisect.bisect_right(f.sent_starts, token) - 1, 0)
    end = f.sent_starts[k + 2] if k + 2 < len(f.sent_starts) else len(f.doc)
    return any(t.lower_ in pronouns for t in f.doc[after:end])


def _referred_to_as_person(f: Field, name: Span) -> bool:
    """A person is referred to again by surname alone ("Vickers was arrested") or as "he" / "she" in the
    same or the next sentence; an organisation said to attack ("Golden Dawn attacked migrants") is not.
    (Organisations are not said to be arrested: that needs no second look.)"""
    last = re.escape(name[-1].text)
    alone = _times_written(f.text, name[-1].text)
    with_first = len(re.findall(rf"(?<![\w-]){re.escape(name[-2].text)}\s+{last}(?![\w-])", f.text))
    if alone > with_first:
        return True
    return _pronoun_soon(f, name.start, name.end, {"he", "she"})


def _common_noun_start(ent: Span, lex: ActorLexicon) -> bool:
    """The entity starts with a capitalised common noun at a sentence start, which the small model took
    for a name: "Vigils were held", "Classmates said", "Neighbours described him", "Witnesses heard"."""
    tok = ent[0]
    if not tok.is_sent_start:
        return False
    if tok.pos_ != "PROPN" or _verb_opener(tok, lex):
        return True
    if len(ent) > 1 and tok.tag_ != "NNPS":
        return False  # "Officer Jane Ruiz", "Major Tom Hardy": titles, removed later
    return _common_noun(tok, lex)


def _verb_opener(tok: Token, lex: ActorLexicon) -> bool:
    """A court or speech verb in "-ing" that opens the sentence, taken into the name: "Sentencing NAME,
    the judge said", "Jailing NAME, ..."."""
    word = tok.lower_
    if not word.endswith("ing") or len(word) < 6:
        return False
    verbs = lex.verbs["legal_passive"] | lex.verbs["speech"]
    return word[:-3] in verbs or word[:-3] + "e" in verbs


def _common_noun(tok: Token, lex: ActorLexicon) -> bool:
    """A people, role, family, event or job noun, whatever its case: "Witnesses", "Brothers", "Gunman"."""
    word = fold(tok.text).strip(".")
    forms = {word, tok.lemma_.lower(), word[:-1] if word.endswith("s") else word}
    return any(
        w in lex.people_nouns or w in lex.role_nouns or w in lex.family or w in lex.event_nouns or w in lex.occupations
        for w in forms
    )


def _joins(toks: Doc, flags: Sequence[bool], k: int) -> bool:
    """A hyphen inside a double-barrelled name: "Marsh-Whitaker" is three tokens."""
    return (
        0 < k < len(flags) - 1
        and flags[k - 1]
        and flags[k + 1]
        and toks[k].text in HYPHENS
        and not toks[k - 1].whitespace_
        and not toks[k].whitespace_
    )


_OPEN_QUOTES = frozenset({'"', "“", "‘", "'"})


def _in_nickname(toks: Doc, flags: Sequence[bool], k: int) -> bool:
    """A quotation mark around a one-word nickname inside a name: 'Dimitrious "Jimmy" Gargasoulas'."""
    n = len(flags)
    # (a straight quotation mark opens and closes: it may be either)
    return _opens_nickname(toks, flags.__getitem__, k) or (
        toks[k].text in CLOSE_QUOTES
        and 2 < k < n - 1
        and flags[k - 3]
        and flags[k - 1]
        and toks[k - 2].text in _OPEN_QUOTES
        and flags[k + 1]
    )


def _opens_nickname(toks: Doc, is_name: Callable[[int], bool], k: int) -> bool:
    """The quotation mark at `k` opens a one-word nickname between two words of a name."""
    return (
        0 < k < len(toks) - 3
        and toks[k].text in _OPEN_QUOTES
        and is_name(k - 1)
        and is_name(k + 1)
        and toks[k + 2].text in CLOSE_QUOTES
        and is_name(k + 3)
    )


def _with_nickname(ent: Span) -> Span:
    """The whole name when the recogniser stopped at a nickname in quotation marks: 'James Edward "Pop"
    Doe' (tagged "James Edward"), the marks set close around it."""
    doc, end = ent.doc, ent.end
    opens = len(ent) > 0 and _opens_nickname(doc, lambda k: is_name_token(doc[k]), end)
    if opens and not doc[end].whitespace_ and not doc[end + 1].whitespace_:
        return doc[ent.start : end + 4]
    return ent


def _one_word_name_ok(f: Field, titles: Sequence[str], word: str, lex: ActorLexicon) -> bool:
    """One word after a title is a surname ("Sheriff Okoro", "Mrs Justice Penrose", "suspect Doe") unless
    it is the only time the word is written and nothing else says it is a name: "Victim Support", "Police
    Scotland", "the Youth Criminal Justice Act" are organisations and laws."""
    if any(w in lex.courtesy or lex.role_nouns.get(w) == "perpetrator" for w in titles):
        return True
    return _times_written(f.text, word) > 1


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
    n = len(flags)
    i = 0
    for start in [k for k, flag in enumerate(flags) if flag]:
        if start < i:
            continue  # inside the previous name
        j = start + 1
        while j < n and (
            flags[j] or _joins(toks, flags, j) or toks[j].lower_ in lex.particles or _in_nickname(toks, flags, j)
        ):
            j += 1
        i = j
        followed = j < n and text[f.starts[j]] in ",("
        preceded = start > 0 and (text[f.starts[start - 1]].islower() or text[f.starts[start - 1]] in ",0123456789")
        # a role in quotes before the name: "the 'serial sniper' NAME"
        preceded = preceded or (start > 1 and toks[start - 1].text in CLOSE_QUOTES and toks[start - 2].is_lower)
        words = [toks[k].lower_.strip(".") for k in range(start, j)]
        acts = _acts_as_person(toks[j - 1], lex) if j - start > 1 else _surname_acts(f, toks[start], lex)
        kin = _has_kin(toks, j, lex)
        if not (followed or preceded or acts or kin) and not any(w in lex.title_words for w in words):
            continue  # neither an age, a title nor a person's act: the entity recogniser's call stands
        last_title = max((k for k, w in enumerate(words) if w in lex.title_words), default=-1)
        first = start + last_title + 1
        while (
            last_title < 0
            and first < j
            and ((not _may_start_name(toks[first]) and not kin) or _common_noun(toks[first], lex))
        ):
            first += 1  # "Yesterday John Doe, 28,", "Brothers John and Jim Doe"
        if last_title < 0 and first + 1 < j and toks[first].ent_type_ == "NORP" and toks[first + 1].ent_iob_ != "I":
            first += 1  # "Australian John Doe, 28,": a nationality of its own, before the name
        k = j - 1
        while k > first and toks[k].ent_iob_ == "I":
            k -= 1
        if k > first and j - k >= 2 and toks[k].ent_iob_ == "B" and toks[k].ent_type_ == "PERSON":
            first = k  # "Chief Censor Simon Carver": the recogniser knows where the name starts
        # After a title, any capitalised word is part of the name ("Volunteers Precious Adeyemi", tagged ADJ).
        name_pos = {"PROPN", "ADJ", "NOUN"} if last_title >= 0 else {"PROPN", "NOUN"} if kin else {"PROPN"}
        # "Marc-Antoine": one; the quotation marks around a nickname: none
        words_in_name = sum(1 for k in range(first, j) if not (_joins(toks, flags, k) or toks[k].is_punct))
        if (
            not 1 <= words_in_name <= 5
            or any(
                t.pos_ not in name_pos
                and not (t.i == first and _may_start_name(t))
                and t.lower_ not in lex.particles
                and not _joins(toks, flags, t.i)
                and not _in_nickname(toks, flags, t.i)
                and not (first < t.i < j - 1 and t.tag_ == "MD" and toks[j - 1].pos_ == "PROPN")  # "Duc Can Ferris"
                and not (t.i > first and t.tag_ == "VBD")  # "Abdesalem Darroued shot": "-ed" read as a verb
                for t in toks[first:j]
            )
        ):
            continue
        after_dash = start > 0 and toks[start - 1].text in {"-", "–"}
        if (after_dash and not _listed_after_role(doc, start, f.sent_of(start).start, lex)) or any(
            _joins(toks, flags, k) and not _title_join(toks, k, lex) for k in range(start, first)
        ):
            continue  # "Anti-Terrorist Hotline"
        before = toks[first - 1] if first > 0 else None
        if before is not None and first > 1 and before.text in CLOSE_QUOTES and j - first > 1:
            before = toks[first - 2]  # a role in quotes: "the 'serial sniper' NAME"
            quoted_role = before.is_lower and role_of(before, lex) != ""
        else:
            quoted_role = False
        titled = (
            last_title >= 0
            or quoted_role
            or (
                before is not None
                and before.is_lower
                and before.dep_ == "compound"
                and (role_of(before, lex) != "" or before.lower_ in lex.title_words)  # "technician Curtis Faye"
            )
        )
        # The small model swallows a title and a name into one ORG ("Spokeswoman Sabine Krohn", "Mrs Justice
        # Penrose") and tags many two-word names ORG ("nurse Fiona Delaney").
        title_in_org = last_title >= 0 and toks[first - 1].ent_type_ == "ORG"
        titled = titled and all(
            t.ent_type_ in {"", "PERSON"} or (t.ent_type_ == "ORG" and (title_in_org or j - first > 1))
            for t in toks[first:j]
        )
        nxt = toks[j : j + 3]
        aged = (
            len(nxt) == 3
            and nxt[0].text in {",", "("}
            and nxt[1].text.isdigit()
            and 0 < int(nxt[1].text) < 111
            and ((nxt[2].is_punct and nxt[2].text not in HYPHENS) or nxt[2].lower_ in _AGE_FOLLOWERS)
        ) or (j < len(toks) and bool(_AGE_APPOSITION.match(text, f.starts[j])))
        # "72-year-old Duc Can Ferris", "18yo Duc Ferris": an age before a full name, whatever the small
        # model tagged it (not "the 28-year-old German", nor "a 21-year-old New York man")
        aged = aged or (
            j - first > 1 and _age_before(toks, first) and (j == len(toks) or toks[j].pos_ not in {"NOUN", "PROPN"})
        )
        if not (titled or aged) and j - first > 1:
            titled = (
                _role_context(toks[j - 1], f.sent_of(j - 1), lex)
                or _comma_role(doc, first, j, lex)
                or _listed_after_role(doc, first, f.sent_of(first).start, lex)
                or (
                    acts
                    and all(
                        t.ent_type_ in {"", "PERSON", "ORG", "NORP", "FAC"} or (t.ent_type_ == "GPE" and t.i < j - 1)
                        for t in toks[first:j]
                    )  # some Slavic names are tagged NORP; a given name as a place or a building ("Abdesalem Darroued")
                    and (toks[j - 1].dep_ == "nsubjpass" or _referred_to_as_person(f, doc[first:j]))
                )
            )
        if not (titled or aged) and j - first == 1 and last_title < 0:
            titled = acts if first == start else _surname_acts(f, toks[first], lex)
            # "the 62-year-old driver, surnamed Fan,": Chinese reports give the surname alone
            titled = titled or (toks[first].head.lemma_.lower() == "surname" and _names_a_person(toks[first].head, lex))
        if not (titled or aged) and last_title < 0 and toks[j - 1].ent_type_ not in _PLACE_LABELS:
            titled = kin
        titled = titled or alias_of_person(f, f.starts[first], lex)  # "NAME, also known as Farouk"
        if (
            titled
            and not aged
            and j - first == 1
            and last_title >= 0
            and not _one_word_name_ok(f, words[: last_title + 1], toks[j - 1].text, lex)
        ):
            continue
        if titled or aged:  # places do not have ages: "Bouzeghar, 26," is a person even if tagged GPE
            cand = _candidate(f, doc[first:j], lex, strong=True)
            if cand is not None:
                out.append(cand)
    return out


def _title_join(toks: Doc, k: int, lex: ActorLexicon) -> bool:
    """A hyphen between two titles: "Sergeant-Major NAME", "Lieutenant-Colonel NAME"."""
    return 0 < k < len(toks) - 1 and toks[k - 1].lower_ in lex.title_words and toks[k + 1].lower_ in lex.title_words


def _has_kin(toks: Doc, end: int, lex: ActorLexicon) -> bool:
    """ "NAME's family released a statement", "NAME’s mother": only a person has a family."""
    if end + 1 >= len(toks) or toks[end].text not in {"'s", "’s", "'", "’"}:
        return False
    word = toks[end + 1].lower_
    return word in lex.family and not word.endswith("s")  # not "Texas' families": a place's


_AGE_WORD = re.compile(r"\d{1,3}-?yo")


def _age_before(toks: Doc, first: int) -> bool:
    """ "... 72-year-old NAME", "... 18yo NAME" """
    if first >= 1 and _AGE_WORD.fullmatch(toks[first - 1].lower_):
        return True
    return first >= 3 and toks[first - 1].lower_ == "old" and toks[first - 3].lower_ in {"year", "years"}


def _in_story(fields: Sequence[Field], word: str) -> bool:
    """A display-text word is a name only if the story's own text uses it, capitalised."""
    story = [f.text for f in fields if field_kind(f.name) not in CAPS_EXEMPT]
    if not story:
        return True  # a headline alone: nothing to check it against
    pattern = re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])")
    return any(pattern.search(text) for text in story)


# Page furniture: "Photo: NAME", "NAME/AFP/Getty Images", a "By NAME" byline. Credits and bylines name
# the people who made the page, not people in the story.
_CREDIT_BEFORE = re.compile(
    r"(?i)(?:^|\n)\s*by\s+$|\b(?:photo(?:graph)?s?|pictures?|images?|credit|video)(?:\s+by)?\s*[:|]\s*$"
)
_CREDIT_AFTER = re.compile(r"\s*/\s*[A-Z]")


def page_credit(text: str, start: int, end: int) -> bool:
    """The name is a photo credit or a byline ("NAME / Agency", which the recogniser may tag as one name)."""
    return bool(
        _CREDIT_BEFORE.search(text[max(0, start - 24) : start])
        or _CREDIT_AFTER.match(text, end)
        or text.find("/", start, end) >= 0
    )


_DATELINE_DASH = re.compile(r"\s+[—–-]\s")
_DATELINE_TOWN = re.compile(r"(?:^|\n)[^\S\n]*[A-Z][A-Z .'-]*,[^\S\n]*$")
_DATELINE_END = re.compile(r"\.?[^\S\n]*(?:\([^()\n]{1,24}\)[^\S\n]*)?[—–-]\s")


def dateline(text: str, start: int, end: int) -> bool:
    """One word opening a paragraph before a dash is the dateline's place: "Kalamazoo — A year after ...",
    and so are words in capitals before a comma or a dash: "AURORA, Colo. (AP) —", "PORT HALE, Ruritania —"."""
    words = text[start:end]
    if _DATELINE_TOWN.search(text[max(0, start - 40) : start]) and _DATELINE_END.match(text, end):
        return True  # "WAUKEGAN, Ill (AP) —": the state after the dateline's town
    if not (start == 0 or text[start - 1] == "\n"):
        return False
    dash = bool(_DATELINE_DASH.match(text, end))
    if words.isupper():
        return dash or text[end : end + 1] == ","
    return dash and " " not in words


_MARKUP = re.compile(r"[^\w.'’-]|[\d_]")


def _without_markup(ent: Span) -> Span:
    """ "==Trial== Sokolov": a wiki heading the tokenizer glued to the name that follows it is no part of it."""
    start = ent.start
    while start < ent.end and _MARKUP.search(ent.doc[start].text):
        start += 1
    return ent.doc[start : ent.end]


def person_candidates(fields: Sequence[Field], lex: ActorLexicon) -> list[Candidate]:
    """Every usable PERSON entity, plus names found by title and age patterns."""
    out = []
    for f in fields:
        kind = field_kind(f.name)
        if not f.parsed:
            continue  # ALL-CAPS display text and slugs: NER is unreliable there; names come from matching
        for ent in f.ents:
            if ent.label_ != "PERSON" or any(c.isdigit() for c in ent.text):
                continue
            ent = _with_nickname(_without_markup(ent))
            if not len(ent):
                continue
            if kind in CAPS_EXEMPT and (len(ent) < 2 or any(t.pos_ != "PROPN" and t.text not in HYPHENS for t in ent)):
                continue  # title-case headlines make spaCy see people everywhere
            if kind in CAPS_EXEMPT and not _in_story(fields, ent.text.split()[-1]):
                continue  # "Gunman Kills Two": a Title Case word is a name only if the story uses it as one
            if len(ent) == 1 and ent.start > 0 and f.doc[ent.start - 1].lower_ in _PLACE_PREPOSITIONS:
                continue  # "of Gresham", "in Uvalde": a one-word PERSON after these is a place
            if _owned_thing(ent):
                continue  # "stopped his grey Citroen Picasso": what someone owns is no person
            if len(ent) == 1 and ent[0].tag_ == "VBZ":
                continue  # "Jihadist Leader Confesses to ...": a Title Case headline's verb, repeated in the body
            if _common_noun_start(ent, lex):
                if len(ent) == 1:
                    continue
                ent = ent[1:]  # "Witnesses Mary Poe and ..."
            if page_credit(f.text, ent.start_char, ent.end_char) or dateline(f.text, ent.start_char, ent.end_char):
                continue
            cand = _candidate(f, ent, lex, strong=False)
            if (
                cand is not None
                and len(cand.name.parts) == 1
                and cand.name.titles
                and not _one_word_name_ok(f, cand.name.titles, cand.name.display, lex)
            ):
                continue  # "Victim Support" tagged PERSON
            if cand is not None:
                out.append(cand)
        if kind not in CAPS_EXEMPT:
            out += _pattern_candidates(f, lex)
    places = _named_places(fields, lex)
    peoples = _peoples(fields)
    return [c for c in out if c.name.display.split()[-1] not in places and c.name.display not in peoples]


def _peoples(fields: Sequence[Field]) -> frozenset[str]:
    """Peoples and their countries, which the small model sometimes tags as persons: a people in one plural
    word it tags as one elsewhere ("Kiwis of all backgrounds"; not "Ullah", a surname it also tags so), the
    people of a place the story names ("Sri Lankan" beside "Sri Lanka", whatever that was tagged) and the
    place whose people's adjective the story writes ("Sri Lanka" beside "Sri Lankan authorities")."""
    ents = [e for f in fields if f.parsed for e in f.ents]
    named = {e.text for e in ents if e.label_ != "NORP"}  # the small model tags some countries PERSON
    stems: set[str] = set()  # what comes before the "n" of each capitalised adjective: "Sri Lanka", "Lanka"
    for found in _PEOPLE_ADJECTIVE.finditer("\n".join(f.text for f in fields)):
        words = found.group(1).split(" ")
        stems.update(" ".join(words[k:]) for k in range(len(words)))
    return frozenset(
        {e.text for e in ents if e.label_ == "NORP" and " " not in e.text and e.text.endswith("s")}
        | {f"{place}{end}" for place in named for end in ("n", "ns")}
        | (named & stems)
    )


_PEOPLE_ADJECTIVE = re.compile(r"((?:[A-Z][\w'’-]* )*[A-Z][\w'’-]*)n (?=[a-z])")
_PLACE_DEPS = ("appos", "compound")


def _named_places(fields: Sequence[Field], lex: ActorLexicon) -> frozenset[str]:
    """Names the story calls a place or an outlet, in an apposition ("Reina, a popular Istanbul nightclub") or
    before the name ("satirical newspaper Charlie Hebdo"): every mention of them is the place's or the outlet's
    ("why he attacked Reina", "staff at Charlie Hebdo"); not a photo's "(center)"."""
    out: set[str] = set()
    parsed = [f for f in fields if f.parsed]
    if not parsed:
        return frozenset()
    # read in one pass over arrays: a Python loop over every token costs too much here
    strings = parsed[0].doc.vocab.strings
    dep_ids = [strings[d] for d in _PLACE_DEPS]
    noun_ids = [strings[n] for n in lex.place_nouns | lex.outlet_nouns]
    for f in parsed:
        deps, lemmas = f.doc.to_array([DEP, LEMMA]).T
        for i in np.flatnonzero(np.isin(deps, dep_ids) & np.isin(lemmas, noun_ids)):
            tok = f.doc[int(i)]
            if not tok.is_lower or tok.head.pos_ != "PROPN":
                continue
            # (the lemma is a place or outlet noun: only those passed the arrays)
            if (tok.dep_ == "appos" and any(c.dep_ == "det" for c in tok.children)) or (
                tok.dep_ == "compound" and tok.i < tok.head.i and tok.lemma_ in lex.outlet_nouns
            ):
                out.add(tok.head.text)
    return frozenset(out)


def _owned_thing(ent: Span) -> bool:
    """A possessive pronoun before the name, past its adjectives: "his grey Citroen Picasso" (not "his wife
    Mary", where a noun stands between)."""
    k = ent.start - 1
    while k >= 0 and (ent.doc[k].pos_ == "ADJ" or ent.doc[k].lower_ in _COLOURS):
        k -= 1
    return k >= 0 and ent.doc[k].lower_ in {"his", "her", "their", "its"}


# Colours the tagger reads as nouns before a car's make ("his grey Citroen Picasso").
_COLOURS = frozenset({"black", "white", "grey", "gray", "silver", "red", "blue", "green", "dark", "light"})
