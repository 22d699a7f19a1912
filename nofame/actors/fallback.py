"""When no cue names the attacker: the person the story keeps placing beside the attack's role nouns.

Real coverage often introduces the attacker in ways the parse-based cues miss ("a gunman police
identified as NAME", a timeline of what NAME did, a name only in a photo caption). If an article about
violence has no perpetrator after the cues, a named person with no other role who shares sentences with
"the gunman", "the suspect", "the accused" again and again is taken as the perpetrator, with a low
confidence that says how he was found. So is a name written as police write a suspect's ("Alexander S.").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from spacy.tokens import Doc, Token

from nofame.actors.clusters import Raw
from nofame.actors.fields import Field
from nofame.actors.grammar import SUBJECT_DEPS, agency_phrase, figurative, objects_of
from nofame.actors.lexicon import ActorLexicon

# Evidence before a person counts as the attacker: two sentences shared with a perpetrator noun or giving
# him the weapon, or one where he is the subject of an attack verb.
MIN_EVIDENCE = 2
# A given name and the initial of a family name ("Alexander S."): how German, Austrian and French police
# and courts name a suspect whose trial has not ended. In an attack story with no other attacker, the
# form is evidence enough, unless the name stands only beside casualties (a victim may be named so too).
_WITHHELD_SURNAME = re.compile(r"[^\W\d_][\w'-]+ [^\W\d_a-z]\.")
CONFIDENCE = 0.55
# How far up the parse a name may sit below the subject it names ("a man named NAME": name -> named -> man).
_MAX_CLIMB = 3
CUE = "fallback:perpetrator-nouns"
_LEADING_MARKS = re.compile(r"^[\W_]+")  # a bullet before a repeated sentence
# Cues that do not stand against being the attacker (a weak perpetrator cue, shot by police, died, his own death).
_COMPATIBLE = (
    "agency",
    "legal",
    "at-large",
    "shot-by-police",
    "identified",
    "predicate",
    "died",
    "victim-context",
    "suicide",
)


def tied_to_attack(
    fields: Sequence[Field],
    raws: Sequence[Raw],
    by_actor: Mapping[int, Sequence[int]],
    roles: Mapping[int, tuple[str, float, tuple[str, ...]]],
    lex: ActorLexicon,
) -> list[int]:
    """The actors to take as perpetrators: the one or two best tied to perpetrator nouns, if any."""
    scores: dict[int, int] = {}
    noun_sentences: dict[tuple[int, int], bool] = {}  # each sentence is read for role nouns once
    for actor, indices in by_actor.items():
        role, _, cues = roles[actor]
        # A name that is only near a casualty statement ("victim-context") may be the attacker who died.
        near_casualties = role == "victim" and set(cues) == {"victim-context"}
        if (role != "other" and not near_casualties) or not all(_compatible(cue, lex) for cue in cues):
            continue
        written = [fields[raws[k].field].text[raws[k].name_start : raws[k].name_end] for k in indices]
        if max(len(name.split()) for name in written) < 2:
            continue  # a full name somewhere: a lone first name or surname is too little to go on
        evidence: dict[str, int] = {}  # by sentence text: a sentence a page repeats (a summary bullet) is one
        for k in indices:
            if found := _evidence(fields[raws[k].field], raws[k], lex, noun_sentences):
                where, weight = found
                evidence[where] = max(weight, evidence.get(where, 0))
        score = sum(evidence.values())
        if any(_WITHHELD_SURNAME.fullmatch(name) for name in written):
            score += 1 if near_casualties else MIN_EVIDENCE
        if score >= MIN_EVIDENCE:
            scores[actor] = score
    if not scores:
        return []
    best = max(scores.values())
    return sorted(a for a, score in scores.items() if 2 * score >= best)[:2]


def _compatible(cue: str, lex: ActorLexicon) -> bool:
    kind, _, word = cue.partition(":")
    if kind in {"apposition", "title", "identified", "predicate"} and word:
        return lex.role_nouns.get(word) == "perpetrator"
    return kind in _COMPATIBLE


def _evidence(
    f: Field, raw: Raw, lex: ActorLexicon, noun_sentences: dict[tuple[int, int], bool]
) -> tuple[str, int] | None:
    """(the sentence's text, weight) when the mention's sentence has him attack (2) or holds a
    perpetrator noun (1); None otherwise."""
    if not f.parsed:
        return None
    token = f.token_at(raw.name_start)
    sent = f.sent_of(token)
    name = range(f.token_at(raw.name_start), f.token_at(max(raw.name_end - 1, raw.name_start)) + 1)
    where = (f.order, sent.start)
    text = _LEADING_MARKS.sub("", " ".join(sent.text.split()))
    if _does_violence(f.doc[name[-1]], lex):
        return text, 2
    if _weapon_owner(f.doc, name, lex):
        return text, 1
    if where not in noun_sentences:
        # Role nouns the person is quoted saying ("'the perpetrator hasn't been caught,' the organiser
        # said") tie him to the story, not to the attack.
        noun_sentences[where] = any(
            tok.is_alpha
            and (found := lex.noun_role(tok)) is not None
            and found[0] == "perpetrator"
            and not any(q.start <= tok.idx < q.end for q in f.quotes)
            for tok in sent
        )
    return (text, 1) if noun_sentences[where] else None


def _does_violence(token: Token, lex: ActorLexicon) -> bool:
    """The name, or the noun it names ("a man named NAME shot nine people", "the young man, later identified
    as NAME, lifted a rifle and fired into the ceiling"), is the subject of an attack verb."""
    limit = _MAX_CLIMB
    for k, node in enumerate((token, *token.ancestors)):
        if k > limit:
            break
        if node.lemma_.lower() in lex.verbs["identify"]:
            limit = k + _MAX_CLIMB  # an identification passes the name on to the noun it identifies
        if node.dep_ not in SUBJECT_DEPS:
            continue
        # his verb, and the verbs joined to it that have no subject of their own ("lifted a rifle and fired")
        shared = (c for c in node.head.conjuncts if not any(d.dep_ in SUBJECT_DEPS for d in c.children))
        for verb in (node.head, *shared):
            if (
                verb.pos_ == "VERB"
                and verb.lemma_.lower() in lex.verbs["agency"]
                and not figurative(verb, lex)  # "attacked his rival's record"
                and _has_target(verb, lex)
            ):
                return True
    return False


def _weapon_owner(doc: Doc, name: range, lex: ActorLexicon) -> bool:
    """The weapon is his: "one of NAME's bullets", "the handgun NAME used in the shooting" (read on the
    words: the parser makes the name the subject of what follows more often than of "used")."""
    weapons = lex.verbs["armed_with"] | lex.verbs["ammunition"]
    last = doc[name[-1]]
    if last.dep_ == "poss":
        return last.head.lower_ in weapons or last.head.lemma_.lower() in weapons
    after = [t for t in doc[name[-1] + 1 : name[-1] + 3] if t.lower_ != "had"][:1]
    return name[0] > 0 and doc[name[0] - 1].lower_ in weapons and bool(after) and after[0].lemma_.lower() == "use"


# Where shots go: "fired inside the hall", "shot into the crowd" (not "killed in the shooting": a victim's).
_AIMED = frozenset({"inside", "into", "at", "on", "near", "outside", "through", "across", "toward", "towards"})


def _has_target(verb: Token, lex: ActorLexicon) -> bool:
    """The attack verb has someone or somewhere it was done to: an object, an aimed preposition, the noun of
    its relative clause ("the event NAME targeted"), or "opened fire"; not "A, 10, and B, 8, killed Aug. 27"."""
    return bool(
        objects_of(verb)
        or verb.dep_ == "relcl"
        or any(c.dep_ == "prep" and c.lower_ in _AIMED for c in verb.children)
        or agency_phrase(verb, lex)
    )
