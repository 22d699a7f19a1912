"""Role cues from the nouns around a name: titles, appositions, predicates and lists.

Each cue is a weighted vote for one role; the weights live in the lexicon.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from nofame.actors.aliases import alias_of_thing
from nofame.actors.casualties import casualty_clause
from nofame.actors.fields import Field
from nofame.actors.grammar import (
    CLOSE_QUOTES,
    LIST_MARKS,
    SUBJECT_DEPS,
    attacks,
    clause_text,
    does_event,
    first_conjunct,
    identify_verb,
    is_official,
    is_people,
    legal_act,
    list_opener,
    objects_of,
    of_attack,
    prep_objects,
    titled_name,
)
from nofame.actors.lexicon import ActorLexicon, role_of
from nofame.actors.names import fold
from nofame.actors.quotes import QuoteSpan

_LIST_POS = frozenset({"PROPN", "NUM", "PUNCT", "CCONJ", "DET", "ADJ", "NOUN", "ADP", "SPACE", "X"})


@dataclass(frozen=True)
class Cue:
    role: str  # one of ROLES
    name: str  # "apposition:gunman", "agency:shoot", ...
    weight: float
    gender: str = ""  # what the cue says about gender ("mother" -> female)


def _noun_gender(word: str, lex: ActorLexicon) -> str:
    if word in lex.family:
        return lex.family[word] if lex.family[word] != "neutral" else ""
    if word.endswith(("woman", "women")):
        return "female"
    if word.endswith(("man", "men")):
        return "male"
    return ""


def _describes(noun: Token) -> bool:
    """A relative noun that describes the person rather than relating them to someone in the story:
    "a mother of two", "father of three", "a grandfather" (not "his mother", "a cousin of the suspect")."""
    of = [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
    if any(p.like_num for p in of):
        return True
    if noun.tag_ == "NNS" and not of and not any(c.dep_ == "poss" for c in noun.children):
        return True  # "brothers Karim and Samir Haddani": the two are brothers, nobody's relatives in the story
    return not of and any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in noun.children)


def _religious_title(noun: Token) -> bool:
    """ "Father Jacques Hamel", "Sister Mary Doe": a capitalised kin word before a full name, owned by no one,
    is a priest's or a nun's title."""
    doc = noun.doc
    if noun.lower_ not in _RELIGIOUS_TITLES or not noun.text[:1].isupper() or noun.i + 2 >= len(doc):
        return False
    owned = any(c.dep_ in {"poss", "det"} for c in noun.children) or (noun.i > 0 and doc[noun.i - 1].tag_ == "PRP$")
    return not owned and doc[noun.i + 1].pos_ == "PROPN" and doc[noun.i + 2].pos_ == "PROPN"


_RELIGIOUS_TITLES = frozenset({"father", "brother", "sister", "mother"})


# "a sacked police sergeant", "a former soldier": a past occupation is background, not the role he acts in.
_FORMER = frozenset({"former", "ex", "ex-", "sacked", "dismissed", "fired", "retired", "disgraced", "expelled"})


def _former(tok: Token) -> bool:
    """A past-tense qualifier within the three words before the noun, in the same clause."""
    for before in reversed(tok.doc[max(0, tok.i - 3) : tok.i]):
        if before.is_punct:
            return False
        if before.lower_ in _FORMER:
            return True
    return False


def noun_cue(tok: Token | None, kind: str, lex: ActorLexicon) -> Cue | None:
    found = lex.noun_role(tok) if tok is not None else None
    if found is None:
        return None
    role, word = found
    if role in {"official", "helper"} and _former(tok):  # type: ignore[arg-type]
        return None
    gender = _noun_gender(word, lex)
    if role == "relative":
        if tok is not None and (_describes(tok) or _religious_title(tok)):
            return None
        return Cue("other", f"relative:{word}", lex.weights["relative"], gender)
    if word in lex.helper_occupations:
        weight = lex.weights["helper_occupation"]
    else:
        weight = lex.weights["other_noun"] if role == "other" else lex.weights[kind]
    if kind == "title" and word in lex.ranks:
        kind = "rank"  # a grade, which the attacker too may hold
    return Cue(role, f"{kind}:{word}", weight, gender)


def title_cues(span: Span, head: Token, sent: Span, lex: ActorLexicon) -> list[Cue]:
    """Role nouns modifying the name: "Police Chief Ana Ortiz", "suspect John Doe", "his mother Mary"."""
    doc = span.doc
    before = _before_age(doc, span.start - 1)  # "the gunman 62-year-old NAME": the title before the age
    if head.dep_ == "appos" and head.head.i == before:
        # "Police Inspector Amy Scott shot him": the parser hangs the name on the title as an apposition.
        cue = noun_cue(head.head, "title", lex)
        if cue is not None:
            return [cue]
    first = first_conjunct(head)
    j = before if first is head else first.left_edge.i - 1
    if j > sent.start and doc[j].text in CLOSE_QUOTES and doc[j - 1].is_lower and lex.noun_role(doc[j - 1]):
        j -= 1  # a role in quotes: "the 'serial sniper' NAME"
    nearest = j
    lowest = max(sent.start, j - 6)
    while j >= lowest:
        tok = doc[j]
        if tok.lower_.strip(".") in lex.courtesy:
            j -= 1
            continue
        # The bare noun right before the name is its title however the parser hangs it ("shooting gunman
        # NAME", parsed as the object of "shooting"); with an article the parser is trusted ("The driver NAME
        # escaped": the noun is the subject, the name another's)
        adjacent = (
            j == nearest
            and (tok.pos_ == "NOUN" or _event_title(tok, lex))
            and tok.text.islower()
            and not any(c.dep_ == "det" for c in tok.children)
        )
        if tok.is_punct or (
            tok.dep_ not in {"compound", "amod", "nmod", "flat"} and not _co_prefixed(tok) and not adjacent
        ):
            break
        cue = noun_cue(tok, "title", lex)
        if cue is not None:
            return [cue]  # the nearest role noun counts: "gunman's mother Mary" is a relative
        if adjacent and tok.dep_ not in {"compound", "amod", "nmod", "flat"}:
            break  # "Police name NAME as suspect": the word before is no title, nor are the words before it
        j -= 1
    return []


def _event_title(tok: Token, lex: ActorLexicon) -> bool:
    """ "marathon bombing suspect NAME": the tagger reads "suspect" after an event noun as a verb."""
    doc = tok.doc
    return tok.i > 0 and fold(doc[tok.i - 1].text) in lex.event_nouns and lex.noun_role(tok) is not None


def _co_prefixed(tok: Token) -> bool:
    """ "co-defendant NAME": the split "co - defendant" throws the parser, which hangs "defendant" anywhere."""
    doc = tok.doc
    return tok.i >= 2 and doc[tok.i - 1].text == "-" and doc[tok.i - 2].lower_ == "co"


_HOLDER_PREPS = frozenset({"of", "in", "at", "behind"})


def _before_age(doc: Doc, i: int) -> int:
    """The token before an age written "62-year-old" that ends at `i` (the tokenizer splits it into five), else `i`."""
    words = [t.lower_ for t in doc[max(0, i - 4) : i + 1]]
    if len(words) == 5 and words[0].isdigit() and words[1:] in (["-", "year", "-", "old"], ["-", "years", "-", "old"]):
        return i - 5
    return i


def apposition_cues(span: Span, head: Token, lex: ActorLexicon) -> list[Cue]:
    """Appositions: "the gunman, John Doe," / "John Doe, the suspected shooter," / "his mother, Mary Doe,"."""
    out = []
    doc = span.doc
    # Only appositions next to the name, set off by a comma: the parser hangs far-away nouns on names.
    # The second of two names shares the first's: "the two assailants, Ana Doe and Mark Lee,".
    # ... also when set close after a noun of its own: "the gunmen, Ana Doe and her sister Mia,".
    member = head.head if head.dep_ == "appos" and head.head.i == head.left_edge.i - 1 else head
    while member.dep_ == "conj" and member.head.dep_ == "conj" and member.head.i < member.i:
        member = member.head  # "the killers, both French citizens, A, B and C,": the list hangs on its first
    listed = member.dep_ == "conj" and member.head.dep_ == "appos" and member.head.i < member.i
    appos = member.head if listed else head
    # Words before the name belong to it: "the driver, 42-year-old Army veteran NAME,"; the parser may hang
    # the opening comma on the name too.
    left = appos.left_edge.i
    while left < appos.i and doc[left].is_punct:
        left += 1
    start = left if listed else min(span.start, max(left, span.start - 12))
    noun = appos.head
    if noun.dep_ == "pobj" and noun.head.lower_ in _HOLDER_PREPS and noun.head.head.pos_ == "NOUN":
        noun = noun.head.head  # "the gunman at the Chesapeake store, NAME,": the parser hangs NAME on the store
    # The noun and the name are close, or only the noun's own phrase stands between them ("the alleged
    # gunman at the Chesapeake store, NAME,").
    near = noun.i < start <= noun.i + 3 or (
        noun.i < start <= noun.i + 10 and all(noun in doc[k].ancestors for k in range(noun.i + 1, start - 1))
    )
    if appos.dep_ == "appos" and noun.ent_type_ != "PERSON" and near:
        cue = _role_or_deed_cue(noun, "apposition", lex)  # "two brothers, A and B, suspected of ... the attack"
        if cue is None and (noun.like_num or noun.lower_ in _SOME):
            # "One of the authors of this attack, NAME,": the group he is one of
            cue = next((c for c in (_role_or_deed_cue(p, "apposition", lex) for p in prep_objects(noun)) if c), None)
        if cue is not None and doc[start - 1].text in {",", "("}:
            out.append(cue)
    for child in head.children:
        edge = child.left_edge.i
        if child.dep_ == "appos" and child.ent_type_ != "PERSON" and span.end < edge <= span.end + 5:
            if titled_name(child):
                continue
            cue = _role_or_deed_cue(child, "apposition", lex)  # "NAME, the man who shot dead 16 children,"
            if cue is None or cue.role == "other":
                # "NAME, a local man and the alleged mastermind of the attack,": the role in a conjunct
                cue = next((c for c in (_role_or_deed_cue(k, "apposition", lex) for k in child.conjuncts) if c), cue)
            marks = {",", "("}
            if cue is None and (child.like_num or child.lower_ in _SOME or child.tag_ in _RANKING_TAGS):
                # "NAME, one of the defendants in the trial,", "NAME — the younger of the two attackers": the
                # group he is one of (after a dash too: a dash before a role noun more often opens a clause)
                groups = [p for p in prep_objects(child) if not _imagined(p)]
                cue = next((c for c in (noun_cue(p, "apposition", lex) for p in groups) if c), None)
                marks |= {"—", "–"}
            if cue is not None and doc[edge - 1].text in marks:
                out.append(cue)
    if out:
        return out
    # The small parser misses some appositions; the comma pattern is a safe second look.
    after = span.end
    while after < len(doc) and doc[after].text in {"'s", "’s"}:
        after += 1
    if after + 1 < len(doc) and doc[after].lower_ == "and" and doc[after + 1].pos_ == "PROPN":
        after += 1  # "the gunmen, brothers A and B Doe,": the list closes after its last name
        while after < len(doc) and doc[after].pos_ == "PROPN":
            after += 1
    closes = (
        after >= len(doc)
        or doc[after].text in {",", ".", "(", ";", "—"}
        or (doc[after].lower_ in {"of", "from"} and after + 1 < len(doc) and doc[after + 1].ent_type_ == "GPE")
    )  # "the suspect, Darrel Vickers of Allen,"
    before = span.start - 1
    if before >= 2 and doc[before].lower_ == "and" and doc[before - 1].pos_ == "PROPN":
        before -= 1  # the second of "A and B Doe" stands where the first does
        while before > 0 and doc[before].pos_ == "PROPN":
            before -= 1
    described = before
    while described > max(span.start - 7, 1) and _describes_name(doc[described]):
        described -= 1  # "The shooter, 17-year-old student NAME,": a description between the comma and the name
    if doc[described].text == "," and described < before:
        before = described
    kin = doc[before].tag_ == "NNS" and doc[before].lemma_.lower() in lex.family
    if before >= 2 and kin and doc[before - 1].text == ",":
        before -= 1  # "The attackers, brothers Karim and Samir Haddani,"
    if closes and before >= 1 and doc[before].text == ",":
        # "The driver of the van, NAME," / "the mother of the victim, NAME," / "the suspect in the attack,
        # NAME,": the noun before the preposition
        of = next((k for k in range(before - 2, max(before - 5, 0), -1) if doc[k].lower_ in _HOLDER_PREPS), None)
        holder = doc[of - 1] if of is not None else doc[before - 1]
        if holder.like_num or holder.lower_ in _SOME:
            holder = doc[before - 1]  # "the parents of one of the killers, NAME,": one of the killers
        cue = harm_agent_cue(holder, lex) or noun_cue(holder, "apposition", lex)
        behind = of is not None and doc[of].lower_ == "behind"
        if cue is None and behind and fold(doc[before - 1].text) in lex.event_nouns:
            cue = _who_attacked(holder, lex)  # "the man behind the attack, NAME,"
        if cue is not None and holder.dep_ != "poss":
            out.append(cue)
    if after < len(doc) and doc[after].text == ",":
        k = after + 1
        if k + 1 < len(doc) and doc[k].like_num and doc[k + 1].text == ",":
            k += 2  # "John Doe, 28, a nurse"
        for tok in doc[k : k + 8]:
            if tok.text == "-" or tok.like_num:
                continue  # "the 29-year-old accused"
            if tok.i + 1 < len(doc) and doc[tok.i + 1].text in {"'s", "’s"}:
                continue  # "NAME, the shooter's orthopedic surgeon,": the owner is someone else
            clause = tok.pos_ in {"AUX", "PRON", "ADP", "CCONJ"} or (tok.pos_ == "VERB" and tok.dep_ != "amod")
            if tok.is_punct or clause:  # ", and the gunman was found": a new clause, not an apposition
                break
            if tok.text[:1].isupper() and tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN":
                break  # "Sentencing NAME, Mr Justice Cave said": the title of the next name
            if _titles_next_name(tok):
                break  # "was student NAME, university police Chief Ann Roe said": her title
            cue = noun_cue(tok, "apposition", lex)
            if cue is not None:
                closed = tok.i + 1 < len(doc) and doc[tok.i + 1].text in {",", ")", "—"}
                if tok.dep_ in SUBJECT_DEPS and tok.head.i > tok.i and not closed:
                    break  # "After targeting NAME, the gunman made his way": the subject of a new clause
                out.append(cue)
                break
    return out


def _imagined(noun: Token) -> bool:
    """ "one of his two made-up accomplices": people who do not exist."""
    return any(t.lower_ in _IMAGINED for t in noun.subtree if t.i < noun.i)


_IMAGINED = frozenset({"made", "made-up", "invented", "imaginary", "fictional", "fictitious", "fake", "non-existent"})


def _titles_next_name(tok: Token) -> bool:
    """The noun is part of the title of a name written after it, before any punctuation."""
    doc = tok.doc
    for nxt in doc[tok.i + 1 : tok.i + 5]:
        if nxt.is_punct:
            return False
        named = nxt.pos_ == "PROPN" and nxt.i + 1 < len(doc) and doc[nxt.i + 1].pos_ == "PROPN"
        if named or nxt.ent_type_ == "PERSON":
            return True
    return False


# Court verbs whose term a clause that leaves them out repeats: "sentenced to 22 years", "jailed for 19 years".
_TERM_VERBS = frozenset({"sentence", "jail", "imprison"})
# Verbs whose charge follows "of": "X was accused of recruiting, and A of being a member".
_CHARGE_VERBS = frozenset({"accuse", "convict", "suspect"})


def gapped_sentence_cue(span: Span, sent: Span, lex: ActorLexicon) -> Cue | None:
    """A name in a clause whose court verb is left out: "X was sentenced to 22 years, and A and B to 19
    years", "X was accused of recruiting for the group, and A of being a member" (A and B: the parser has
    no verb to hang them on)."""
    doc = span.doc
    if span.start == sent.start or doc[span.start - 1].lower_ not in {"and", ","}:
        return None
    k = span.end
    while k < sent.end and (doc[k].pos_ == "PROPN" or doc[k].lower_ in {"and", ","}):
        k += 1  # the other names of the clause: "A and B to 19 years"
    before = doc[sent.start : span.start]
    # (a deed after "of", not a home town: "convicted of killing A and B of Tarsa")
    charged = k + 1 < sent.end and doc[k].lower_ == "of" and doc[k + 1].tag_ == "VBG"
    if charged and any(t.lemma_.lower() in _CHARGE_VERBS for t in before):
        return Cue("perpetrator", "legal:accuse", lex.weights["legal"])
    if k + 1 >= sent.end or doc[k].lower_ not in {"to", "for"}:
        return None
    term = doc[k + 1]
    if not (term.like_num or term.lower_ in {"life", "death", "at"}):
        return None
    if not any(t.lemma_.lower() in _TERM_VERBS for t in before):
        return None
    return Cue("perpetrator", "legal:sentence", lex.weights["legal"])


def harm_agent_cue(noun: Token, lex: ActorLexicon) -> Cue | None:
    """ "were shot at their home by their cousin, NAME": the noun after "by" of a harm verb did it, whatever
    else it says of him (the parser may hang the name on the verb, not on the noun). Not when the one harmed
    is the attacker: "the gunman was shot by a bystander, NAME" stopped him."""
    verb = noun.head.head
    if noun.dep_ != "pobj" or noun.head.dep_ != "agent" or verb.lemma_.lower() not in lex.verbs["harm"]:
        return None
    if is_official(noun, lex) or lex.institutions & {fold(noun.text)}:
        return None  # "was shot by an officer, NAME"
    lemma = verb.lemma_.lower()
    if any(c.dep_ == "nsubjpass" and role_of(c, lex) == "perpetrator" for c in verb.children):
        return Cue("helper", f"helper:{lemma}-attacker", lex.weights["helper_act"])
    return Cue("perpetrator", f"agency:{lemma}-by", lex.weights["agency"])


_REFLEXIVES = frozenset({"himself", "herself"})


def predicate_cues(
    span: Span, head: Token, verbs: Sequence[tuple[Token, bool]], lex: ActorLexicon, quotes: Sequence[QuoteSpan]
) -> list[Cue]:
    """Predicates: "Doe was the gunman", "hailed as a hero", "identified Doe as the suspect", "The suspect is Doe"."""
    out = []
    targets: list[tuple[Token, str]] = []
    for verb, _passive in verbs:
        lemma = verb.lemma_.lower()
        kind = "identified" if lemma in lex.verbs["identify"] else "predicate"
        if lemma in lex.verbs["as_role"] and any(c.dep_ == "dobj" and c.lower_ in _REFLEXIVES for c in verb.children):
            # "called 911 and identified himself as the shooter"
            roles = [p for c in verb.children if c.lower_ == "as" for p in c.children if p.dep_ == "pobj"]
            targets += [(p, "identified") for p in roles]
        # "Doe is believed to be the lone gunman", "Doe appeared to be the shooter"
        for be in (c for c in verb.children if c.dep_ == "xcomp" and c.lemma_.lower() == "be"):
            targets += [(c, kind) for c in be.children if c.dep_ == "attr"]
        for child in verb.children:
            if child.dep_ == "attr" and lemma == "be":
                targets.append((child, kind))
                if child.like_num or child.lower_ in _SOME:
                    # "NAME was one of two suicide bombers who blew himself up": the group he is one of
                    targets += [(p, kind) for p in prep_objects(child)]
            elif child.dep_ == "prep" and child.lower_ == "as" and lemma in lex.verbs["as_role"]:
                targets += [(c, kind) for c in child.children if c.dep_ == "pobj"]
            elif child.dep_ == "prep" and child.lower_ == "among" and lemma == "be":
                # "NAME is among the suspects held", "was among the dead": the group he belongs to
                targets += [(c, "predicate") for c in child.children if c.dep_ == "pobj"]
    # "Among the accused, NAME, ...": a fragment whose group the parser hangs on the name
    targets += [(p, "predicate") for c in head.children if c.dep_ == "prep" and c.lower_ == "among" for p in c.children]
    first = first_conjunct(head)
    verb = first.head
    if first.dep_ in {"dobj", "oprd"} and verb.lemma_.lower() in lex.verbs["as_role"]:
        # "identified Nathaniel Ridley, 36, as the suspect"; "named X as the man they want to trace";
        # "identified Pike, left, and Rooke as the gunmen" (the parser hangs "as" on the last name)
        later = span.doc[span.end : span.end + 10]
        preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"] or [
            t for t in later if t.lower_ == "as" and t.dep_ == "prep" and verb in t.ancestors
        ]
        for pobj in (c for prep in preps for c in prep.children if c.dep_ == "pobj"):
            targets.append((pobj, "identified"))
            if lex.at_large_re.search(fold(span.doc[pobj.i : pobj.right_edge.i + 1].text)):
                out.append(Cue("perpetrator", "at-large", lex.weights["at_large"]))
    if first.dep_ == "nsubj" and (be := _be_before(span)) is not None:
        # "The gunman who killed 30 people was student NAME, police Chief Ann Roe said": the parser makes the
        # name the subject of "said" and leaves "was" without its predicate
        targets += [(c, "predicate") for c in be.children if c.dep_ == "nsubj"]
    if first.dep_ == "attr" and verb.lemma_.lower() == "be":  # "The suspect is Brent Sowerby"
        for name in _names_given(verb):
            # "the gunman's name is NAME", "reported the name of the suspect is NAME": whose name it is
            owners = [c for c in name.children if c.dep_ == "poss"] + prep_objects(name)
            targets += [(o, "identified") for o in owners]
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if not subjects:
            # "The perpetrator, believed to be acting alone, was NAME": the parser joins "was" to "believed", or
            # hangs "believed" on "was", and gives the subject to "believed"
            clauses = [verb.head] if verb.dep_ == "conj" else []
            clauses += [c for c in verb.children if c.dep_ in {"ccomp", "advcl"} and c.i < verb.i]
            subjects = [c for clause in clauses for c in clause.children if c.dep_ == "nsubj" and c.i < verb.i]
        for subject in subjects:
            targets.append((subject, "predicate"))
            if subject.like_num or subject.lower_ in _SOME:
                # "One of the gunmen was NAME", "another of the victims was NAME": the group he is drawn from
                targets += [(p, "predicate") for p in prep_objects(subject)]
            if subject.lower_ in {"he", "she"}:
                # "the name of the 21-year-old attacker, but media say he is NAME": the role noun before "he",
                # not the noun of who says it ("police sources confirm he is NAME")
                sayers = {
                    t.i for c in verb.head.children if verb.dep_ == "ccomp" and c.dep_ == "nsubj" for t in c.subtree
                }
                before = (t for t in reversed(span.doc[subject.sent.start : subject.i]) if t.i not in sayers)
                earlier = (noun_cue(t, "identified", lex) for t in before)
                cue = next((c for c in earlier if c is not None), None)
                if cue is None and verb.dep_ == "ROOT":
                    cue = _arrested_before(subject, lex)  # "Police arrested a man over the attack. He is NAME"
                if cue is not None and cue.role == "perpetrator":
                    out.append(cue)
            # "The man we arrested is Trent Voss", "The man behind the wheel, now accused of the attack, was NAME",
            # "The six other men facing trial for the attacks are A, B, C, D, E and F"
            clauses = [c for c in subject.children if c.dep_ in {"relcl", "acl"}]
            court = [
                c.lemma_.lower()
                for c in clauses
                if c.lemma_.lower() in lex.verbs["legal_passive"] or lex.legal_re.search(clause_text(c, others=False))
            ]
            out += [Cue("perpetrator", f"legal:{v}", lex.weights["legal"]) for v in court[:1]]
    for target, kind in targets:
        if any(q.start <= target.idx < q.end for q in quotes) and target.i > span.end:
            continue  # "known as 'the Sniper'": a nickname, not a role
        # "identified A and B as the two teenagers who opened fire"
        cue = _role_or_deed_cue(target, kind, lex) if kind == "identified" else noun_cue(target, kind, lex)
        if cue is not None:
            out.append(cue)
    return out


# Subjects that stand for some of a group named after "of": "one of the gunmen", "another of the victims".
_SOME = frozenset({"another", "some", "several", "many", "most", "each"})
# ... or that rank one of them: "the younger of the two attackers", "the eldest of the brothers".
_RANKING_TAGS = frozenset({"JJR", "JJS"})


def _be_before(span: Span) -> Token | None:
    """The "was" written just before a name (its description between them) that the parser left without
    a predicate."""
    k = span.start - 1
    while k > span.start - 4 and k >= 0 and _describes_name(span.doc[k]):
        k -= 1
    if k < 0:
        return None
    be = span.doc[k]
    has_predicate = any(c.dep_ in {"attr", "acomp"} for c in be.children)
    return be if be.lemma_ == "be" and be.pos_ == "AUX" and not has_predicate else None


def _arrested_before(pronoun: Token, lex: ActorLexicon) -> Cue | None:
    """ "Police have arrested a man over the attack. He is NAME": the sentence before "he is NAME" has
    someone arrested or charged, or a perpetrator noun as its subject ("The gunman was shot dead. He was
    NAME"), whom the pronoun takes up."""
    start = pronoun.sent.start
    if start == 0:
        return None
    before = [t for t in pronoun.doc[start - 1].sent if t.tag_ == "NN" and t.dep_ in {"nsubj", "nsubjpass", "dobj"}]
    if any(t.head.lemma_.lower() in lex.verbs["harm"] and role_of(t, lex) != "perpetrator" for t in before):
        return None  # "The gunman killed a man at the door. He was NAME": which of them?
    for tok in before:
        if tok.dep_ != "dobj" and role_of(tok, lex) == "perpetrator":
            return Cue("perpetrator", f"identified:{tok.lemma_.lower()}", lex.weights["identified"])
        legal = tok.head.lemma_.lower() in lex.verbs["legal_passive"]
        if legal and tok.dep_ != "nsubj" and is_people(tok, lex):
            return Cue("perpetrator", f"legal:{tok.head.lemma_.lower()}", lex.weights["legal"])
    return None


def _names_given(be: Token) -> list[Token]:
    """The noun "name" that `be` gives: its subject, or the object of the verb that reports it ("media
    reported the gunman's name is NAME": the parser makes "name" the reporting verb's object)."""
    subjects = [c for c in be.children if c.dep_ == "nsubj"]
    if not subjects and be.dep_ == "ccomp":
        subjects = [c for c in be.head.children if c.dep_ == "dobj" and c.i < be.i]
    return [s for s in subjects if s.lemma_.lower() == "name"]


def _in_list(doc: Doc, after: int, before: int, lex: ActorLexicon) -> bool:
    """Tokens between an anchor and a name are only a list of names, ages and places."""
    if before > 0 and before - 1 >= after and doc[before - 1].pos_ == "ADP":
        return False  # "Derek Stroud, 29, of Gresham": a place, not another name on the list
    for tok in doc[after:before]:
        if tok.lower_ == "born" and tok.i > 0 and doc[tok.i - 1].text == "-":
            continue  # "Pakistani-born Khuram Butt"
        if tok.pos_ not in _LIST_POS and tok.lemma_.lower() not in {"be", "include", *lex.verbs["identify"]}:
            return False
        if tok.lower_ in {"who", "which", "that", "whom"}:
            return False
        if tok.lower_ in {"by", "according"}:
            return False  # "identified as Ana Doe by Prime Minister Mark Lee": who identified her
    return True


def _dash_list_cue(doc: Doc, mark: int, name_start: int, lex: ActorLexicon) -> Cue | None:
    """A role noun that opens a list after a dash or colon: "the four perpetrators of the attack - A, B,
    C and D -", "The attackers' accomplices: A, B and C"."""
    if not _in_list(doc, mark + 1, name_start, lex):
        return None
    noun = list_opener(doc, mark)
    if noun is None:
        return _subject_before(doc, mark, lex)
    cue = _role_or_deed_cue(noun, "apposition", lex)  # "the man who opened fire: NAME"
    if cue is None and noun.dep_ == "dobj" and does_event(noun.head, lex):
        cue = _who_attacked(noun, lex)  # "the person they believe masterminded the attack: NAME"
    if cue is None:
        # "extended the arrest of four alleged perpetrators of the attack – A, B and C": the people the
        # court step is about, when the noun the list opens after is the step
        held = (p for p in prep_objects(noun) if p.i < mark)
        cue = next((c for c in (noun_cue(p, "apposition", lex) for p in held) if c is not None), None)
    return cue or _subject_before(doc, mark, lex)


def _subject_before(doc: Doc, mark: int, lex: ActorLexicon) -> Cue | None:
    """The perpetrator noun that is the subject of the clause a dash or colon closes, when that clause
    only says something of him: "The accused shooter was arrested – NAME", "one gunman was responsible
    for the act: NAME" (not "The gunman shot a guard – NAME": the guard is the one named)."""
    last = doc[mark - 1]
    verb = next((t for t in (last, *last.ancestors) if t.pos_ in {"VERB", "AUX"}), None)
    if verb is None or any(c.dep_ in {"dobj", "dative", "attr"} for c in verb.children):
        return None
    if verb.lemma_.lower() != "be" and not any(c.dep_ == "auxpass" for c in verb.children):
        return None
    between = doc[verb.i + 1 : mark]
    if any(t.dep_ == "agent" or is_people(t, lex) or lex.noun_role(t) or t.ent_type_ == "PERSON" for t in between):
        return None  # "The gunman was stopped by a guard – NAME": the guard is the one named
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    cue = noun_cue(subject, "apposition", lex)
    return cue if cue is not None and cue.role == "perpetrator" else None


def _describes_name(tok: Token) -> bool:
    """A word of a description written before a name: an age ("17-year-old"), a job ("student"), a rank."""
    return tok.like_num or tok.text in {"-", "‐"} or (tok.pos_ in {"ADJ", "NOUN"} and tok.ent_type_ != "PERSON")


def _identified_nouns(verb: Token) -> list[Token]:
    """The nouns that may say who was identified, nearest first: "identified the suspect as",
    "identified two of the attackers as", "the suspect, identified by prosecutors as" (acl or advcl),
    "the suspected shooter was also dead, identified as" (the subject of the clause it hangs on)."""
    doc = verb.doc
    nouns = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass", "oprd"}]
    clause = verb.head
    while clause.dep_ == "conj":
        clause = clause.head
    if verb.dep_ == "ccomp" and clause.dep_ == "relcl" and clause.head.pos_ in {"NOUN", "PROPN"}:
        # "a driver who shot and wounded the attacker was identified as NAME": the parser ends the relative
        # clause late and gives "identified" the clause's object; the one identified is the noun it describes.
        nouns = [clause.head]
    if verb.dep_ == "acl" and verb.head.dep_ == "attr":
        # "The attacker was a student, named locally as NAME": the subject the noun describes
        nouns += [c for c in verb.head.head.children if c.dep_ == "nsubj"]
    # "identified the shooter Monday as": the parser takes the day for the object, the noun for its modifier
    nouns += [c for n in nouns if n.ent_type_ in {"DATE", "TIME"} for c in n.children if c.dep_ in {"amod", "compound"}]
    if verb.dep_ == "relcl" and any(n.lower_ in {"who", "that", "whom"} for n in nouns):
        # "The attacker, who has been identified as NAME,", "The shooter, whom the chief identified as NAME,"
        nouns.append(verb.head)
    relative = verb if verb.dep_ == "relcl" else clause if verb.dep_ == "conj" and clause.dep_ == "relcl" else None
    if relative is not None and any(t.lower_ == "whose" for t in relative.subtree):
        # "The gunman, whose name police have not released but a paper confirmed as NAME,": the noun whose name
        nouns.insert(0, relative.head)
    if not nouns and verb.i >= 2:
        nouns = [doc[verb.i - 2] if doc[verb.i - 1].text in {",", "–", "—"} else doc[verb.i - 1]]
        if verb.dep_ in {"advcl", "acl", "conj"}:
            nouns += [c for c in verb.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if verb.dep_ == "acl" and verb.head.pos_ == "NOUN":
            nouns.append(verb.head)  # "the bodies of the two gunmen – named as A and B": the noun it describes
        if verb.dep_ == "appos":
            nouns.append(verb.head)  # "the man, a 26-year-old identified as NAME,"
        root = verb.sent.root
        if root.pos_ in {"NOUN", "PROPN"} and root.i < verb.i:
            nouns.append(root)  # a headline, with no verb of its own: "Man suspected of killing five ... named as NAME"
    of = [
        p
        for n in nouns
        for c in n.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for p in c.children
        if p.dep_ == "pobj"
    ]
    return nouns + of


def _role_or_deed_cue(noun: Token, kind: str, lex: ActorLexicon) -> Cue | None:
    """What a noun beside a name says of him: its role ("the gunman, NAME,"), or, for a plain noun, the
    attack its clause gives it ("NAME, the man who shot dead 16 children,")."""
    if noun.lemma_.lower() in lex.authors and any(fold(p.text) in lex.event_nouns for p in prep_objects(noun)):
        # "one of the authors of the attack, NAME", "NAME, the architect of the bombings"
        return Cue("perpetrator", f"{kind}:{noun.lemma_.lower()}-of-attack", lex.weights[kind])
    taking_part = noun.lemma_.lower() in lex.participants
    if taking_part and any(fold(p.text) in lex.involving_deeds for p in prep_objects(noun, "in")):
        # "NAME, the only surviving participant in the attack"
        return Cue("perpetrator", f"{kind}:participant-in-attack", lex.weights[kind])
    if noun.lower_ == "name":
        # "the terrorist's name, NAME,", "the gunman's name – NAME –": the name is its owner's
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        return noun_cue(owner, kind, lex) if owner is not None else None
    if noun.lemma_.lower() == "member" and any(_cell(p, lex) for p in prep_objects(noun)):
        # "the other members of the cell, A, B and C,"
        return Cue("perpetrator", f"{kind}:member-of-cell", lex.weights[kind])
    cue = noun_cue(noun, kind, lex)
    if cue is None and (stopped := _stopper_cue(noun, kind, noun.lemma_.lower(), lex)):
        return stopped  # "a taxi driver who shot the assailant was identified as NAME"
    # (a nationality is a plain noun here: "NAME, the Palestinian who drove a truck into soldiers,")
    plain = noun.pos_ == "NOUN" or (noun.pos_ == "PROPN" and noun.ent_type_ == "NORP")
    if cue is None and plain and (_described_attacker(noun, lex) or _behind_attack(noun, lex)):
        return _who_attacked(noun, lex)
    if cue is None and (judged := _convicted_by_clause(noun, lex)):
        return Cue("perpetrator", f"legal:{judged}", lex.weights["legal"])  # "two of those sentenced to death"
    return cue


def _cell(noun: Token, lex: ActorLexicon) -> bool:
    """ "the cell", "the jihadist cell", "the terror cell"."""
    words = [c.lower_ for c in noun.children if c.dep_ in {"amod", "compound"}]
    return fold(noun.text) in lex.attack_cells or any(f"{w} {noun.lower_}" in lex.attack_cells for w in words)


def _behind_attack(noun: Token, lex: ActorLexicon) -> bool:
    """ "the person behind the explosion", "the man behind the attacks"."""
    return any(fold(p.text) in lex.event_nouns for p in prep_objects(noun, "behind"))


def _convicted_by_clause(noun: Token, lex: ActorLexicon) -> str:
    """The court verb of a participle that describes the noun ("those sentenced to death", "the men
    charged with the bombing", "the convicted men"), or ""."""
    clauses = (c for c in noun.children if c.dep_ in {"acl", "amod"} and c.tag_ == "VBN")
    return next((c.lemma_.lower() for c in clauses if c.lemma_.lower() in lex.verbs["legal_passive"]), "")


def _stopper_cue(noun: Token, kind: str, word: str, lex: ActorLexicon) -> Cue | None:
    """A helper's cue for a plain noun whose clause turns on the attacker: "a driver who shot the assailant",
    "the man who tackled the gunman"."""
    if noun.pos_ == "NOUN" and any(c.dep_ == "relcl" and _turns_on_attacker(c, lex) for c in noun.children):
        return Cue("helper", f"{kind}:{word}-who-stopped-attacker", lex.weights[kind])
    return None


def _turns_on_attacker(clause: Token, lex: ActorLexicon) -> bool:
    if not any(role_of(o, lex) == "perpetrator" for o in objects_of(clause)):
        return False
    stops = lex.verbs["helper"] | lex.verbs["helper_against"]
    return attacks(clause, lex) or clause.lemma_.lower() in stops


def _described_attacker(noun: Token, lex: ActorLexicon) -> bool:
    """A plain noun that a clause makes the attacker: "the man who opened fire", "a man suspected of
    killing five people", "the driver accused of ploughing into the crowd"."""
    # The clause may hang on a noun of its description: "the two teenagers in black coats who ... opened fire".
    holders = [noun] + [p for c in noun.children if c.dep_ == "prep" and c.lower_ in {"in", "with"} for p in c.children]
    for clause in (c for holder in holders for c in holder.children):
        if clause.dep_ not in {"relcl", "acl"} or _turns_on_attacker(clause, lex):
            continue  # "a driver who shot the assailant" stopped him
        if any(c.dep_ in {"nsubjpass", "auxpass"} for c in clause.children):
            continue  # "a senior who was shot in the library" was shot
        if attacks(clause, lex) or any(attacks(v, lex) for v in _same_subject_verbs(clause)):
            return True
        if clause.lemma_.lower() in {"suspect", "accuse", "believe"} and of_attack(clause, lex):
            return True  # "suspected of carrying out the attack"
    return False


def _same_subject_verbs(verb: Token) -> list[Token]:
    """Verbs joined to a relative clause that keep its subject: "who laughed and hooted as they opened fire",
    "who tried to plant a bomb"."""
    out = []
    for tok in (verb, *verb.conjuncts):
        for child in tok.children:
            subject = next((c for c in child.children if c.dep_ in SUBJECT_DEPS), None)
            pronoun = subject is not None and subject.lower_ in {"he", "she", "they"}
            if (child.dep_ == "advcl" and pronoun) or (child.dep_ == "xcomp" and child.pos_ == "VERB" and not subject):
                out.append(child)
        out.append(tok)
    return out


def _antecedent_role(pronoun: Token, f: Field, lex: ActorLexicon, *, after: bool = False) -> Cue | None:
    """ "He has been identified as X", "The man, identified as X": a perpetrator noun that was a subject in
    the sentence before (or, with `after`, in the one after: "the man, named as X, ... . The suspect had
    confessed"); for "him" or "her", its object too ("The minister described the shooter as a radicalised
    teenager. Local media identified him as X")."""
    deps = {*SUBJECT_DEPS, "attr"} | ({"dobj"} if pronoun.lower_ in {"him", "her"} else set())
    own = f.sent_of(pronoun.i)
    near = [before] if (before := f.sent_before(own)) is not None else []
    following = f.sent_after(own) if after else None
    if following is not None:
        near.append(following)
    for sent in near:
        for tok in sent:
            # ... or its predicate: "deputies found six students wounded, one of whom was the suspect. He was
            # identified as NAME"
            if tok.dep_ in deps and tok.pos_ == "NOUN":
                cue = noun_cue(tok, "identified", lex)
                if cue is not None and cue.role == "perpetrator":
                    return cue
    return None


def _counted_group(number: Token, f: Field, lex: ActorLexicon) -> Cue | None:
    """ "Four gunmen stormed the mall. A spokesman named the four as A, B, C and D", "... named the four as A,
    B, C and D. 'These were the terrorists'": a perpetrator noun with the same count in the sentence before,
    or one the next sentence says "these" or "they" were (not "A gunman killed two women. Police named the
    two as ...")."""
    own = f.sent_of(number.i)
    before = f.sent_before(own)
    for tok in before if before is not None else ():
        counted = any(c.dep_ == "nummod" and c.lower_ == number.lower_ for c in tok.children)
        cue = noun_cue(tok, "identified", lex) if counted else None
        if cue is not None and cue.role == "perpetrator":
            return cue
    after = f.sent_after(own)
    for tok in after if after is not None else ():
        subject = next((c for c in tok.head.children if c.dep_ == "nsubj"), None) if tok.dep_ == "attr" else None
        cue = noun_cue(tok, "identified", lex) if subject is not None and subject.lower_ in {"these", "they"} else None
        if cue is not None and cue.role == "perpetrator":
            return cue
    return None


def _alias_of_antecedent(f: Field, sent: Span, lex: ActorLexicon) -> bool:
    """ "The suspect, NAME, lived nearby. He was formerly known as ALIAS": the name "he" went by is the
    perpetrator's when the sentence before has a perpetrator noun as its subject."""
    before = f.sent_before(sent)
    if before is None or not any(t.lower_ in {"he", "she"} and t.dep_ in SUBJECT_DEPS for t in sent):
        return False
    # the main clause's subject ("the victim ... that the gunman attacked" is the victim's sentence)
    subject = next((t for t in before if t.dep_ in SUBJECT_DEPS and t.head == before.root), None)
    cue = noun_cue(subject, "identified", lex) if subject is not None else None
    return cue is not None and cue.role == "perpetrator"


def _identification_cue(f: Field, verb: Token, lex: ActorLexicon) -> Cue | None:
    """What the identified noun says: a role noun, a clause that makes it the attacker, or, for "he",
    the role noun the sentence before was about."""
    nouns = _identified_nouns(verb)
    cue = next((c for c in (noun_cue(t, "identified", lex) for t in nouns) if c is not None), None)
    if cue is not None:
        return cue
    for noun in nouns:
        if stopped := _stopper_cue(noun, "identified", noun.lower_, lex):
            return stopped
        if noun.pos_ in {"NOUN", "PROPN"} and noun.ent_type_ != "PERSON" and _described_attacker(noun, lex):
            return _who_attacked(noun, lex)
        if noun.pos_ in {"NOUN", "PROPN"} and noun.dep_ == "nsubj" and _subject_attacks(noun, lex):
            # "a man identified as NAME opened fire", "a Tunisian identified as NAME ... went on a shooting spree"
            return _who_attacked(noun, lex)
        if noun.pos_ == "NOUN" and noun.dep_ in {"nsubj", "nsubjpass"} and lex.legal_re.search(clause_text(noun.head)):
            # "The men, identified as A, B and C, face charges of ..."
            return Cue("perpetrator", f"identified:{noun.lower_}-charged", lex.weights["identified"])
        if noun.pos_ == "NOUN" and noun.dep_ == "dobj" and noun.head.lemma_.lower() in lex.verbs["legal_passive"]:
            # "Police arrested the man identified as NAME"
            return Cue("perpetrator", f"identified:{noun.lower_}-{noun.head.lemma_.lower()}", lex.weights["identified"])
        if court := next((c for c in noun.children if c.dep_ == "relcl" and _court_step(c, lex)), None):
            # "The other four who surrendered were identified as A, B, C and D"
            return Cue("perpetrator", f"identified:{noun.lower_}-{court.lemma_.lower()}", lex.weights["identified"])
        if noun.lower_ in {"he", "she"} and noun.dep_ in {"nsubjpass", "nsubj"}:
            return _antecedent_role(noun, f, lex)
        if noun.like_num and noun.dep_ in {"dobj", "oprd", "nsubjpass"}:
            return _counted_group(noun, f, lex)
        if noun.lower_ in {"him", "her"} and noun.dep_ == "dobj":
            # "Police arrested a suspect and identified him as NAME": the role noun before him
            before = f.doc[f.sent_of(noun.i).start : noun.i]
            earlier = (noun_cue(t, "identified", lex) for t in before if t.pos_ == "NOUN")
            cue = next((c for c in earlier if c is not None and c.role == "perpetrator"), None)
            return cue or _antecedent_role(noun, f, lex)
        if (
            (noun.lower_ in {"man", "woman"} or noun.ent_type_ == "NORP")  # "the 27-year-old Syrian, named as"
            and any(c.lower_ == "the" for c in noun.children)
            and not any(c.lower_ in _HARMED_STATES for c in noun.children)
        ):
            # "... the suspect had shot himself. The man, identified as"; "the man, named earlier as NAME, ...
            # . The suspect had confessed to the attack"; not "identified the dead woman as NAME", nor the
            # witness who speaks ("'He was shooting everywhere,' the man, identified as NAME, said")
            if noun.head.lemma_.lower() in lex.verbs["speech"]:
                return None
            if noun.dep_ in SUBJECT_DEPS and noun.head.lemma_.lower() in lex.verbs["harm"] | lex.verbs["die"]:
                return None  # "the woman, named as NAME, was shot as she sunbathed": what befell her
            return _antecedent_role(noun, f, lex, after=True)
        taken_up = noun.pos_ in {"NOUN", "PROPN"} and any(c.lower_ == "the" for c in noun.children)
        if taken_up and noun.ent_type_ != "PERSON" and _same_noun_attacked_before(noun, f, lex):
            # "A soldier took hostages after a shooting spree. The soldier, identified as NAME,"
            return _who_attacked(noun, lex)
    return None


def _same_noun_attacked_before(noun: Token, f: Field, lex: ActorLexicon) -> bool:
    """The sentence before has a noun of the same word attacking: "A Thai soldier went on a shooting spree",
    "The Syrian who bombed the town had been refused asylum"."""
    before = f.sent_before(f.sent_of(noun.i))
    lemma = noun.lemma_.lower()
    return before is not None and any(
        t.lemma_.lower() == lemma and ((t.dep_ == "nsubj" and _subject_attacks(t, lex)) or _described_attacker(t, lex))
        for t in before
    )


def _court_step(verb: Token, lex: ActorLexicon) -> bool:
    """A relative clause's court step: "who surrendered", "who were arrested", "who pleaded guilty"."""
    return verb.lemma_.lower() in lex.verbs["legal_passive"] or legal_act(verb, lex)


# What befell the person a noun stands for: "the dead woman", "the injured man" are no attacker.
_HARMED_STATES = frozenset({"dead", "injured", "wounded", "slain", "murdered", "killed", "deceased", "late", "missing"})


def _described(noun: Token) -> list[Token]:
    """Who a predicate noun may describe, nearest first: "the suspect was a man called NAME" -> suspect;
    "the gunman said he was an Australian called NAME" -> the subjects before "he" in the sentence, which
    the parser may hang on a participle rather than on "said"; "the gunman, a 24-year-old man named NAME,"
    -> man, then the gunman it stands beside."""
    if noun.dep_ == "appos" and noun.head.pos_ == "NOUN":
        return [noun, noun.head]
    if noun.dep_ != "attr":
        return [noun]
    subject = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return [noun]
    if subject.lower_ in {"he", "she"}:
        return [t for t in reversed(noun.doc[noun.sent.start : subject.i]) if t.dep_ == "nsubj"]
    return [subject]


def _known_as_cue(verb: Token, lex: ActorLexicon) -> Cue | None:
    """ "a Tunisian-born man, known as NAME, hijacked a truck", "he was an Australian called NAME": the name
    is given to a perpetrator noun, or to someone the sentence has attack."""
    if verb.lemma_.lower() not in {"know", "call", "name"}:
        return None
    passive = [c for c in verb.children if c.dep_ == "nsubjpass"]  # "The third accused is named NAME"
    if verb.dep_ != "acl" and not passive:
        return None
    described = _described(verb.head) if verb.dep_ == "acl" else passive
    cue = next((c for c in (noun_cue(n, "identified", lex) for n in described) if c is not None), None)
    if cue is not None:
        return cue if cue.role == "perpetrator" else None
    if not described:
        return None
    noun = described[0]
    # The parser can make the noun the root and hang the verbs on it: "a man named NAME shot and killed nine"
    acts = (noun.dep_ == "nsubj" and _subject_attacks(noun, lex)) or (
        noun.dep_ == "ROOT" and any(c.dep_ == "conj" and attacks(c, lex) for c in noun.children)
    )
    if acts or _described_attacker(noun, lex):
        return _who_attacked(noun, lex)
    if noun.dep_ in SUBJECT_DEPS:  # "a 19-year-old named NAME has been identified as the suspected shooter"
        roles = [c for p in noun.head.children if p.dep_ == "prep" and p.lower_ == "as" for c in p.children]
        roles += [c for c in noun.head.children if c.dep_ == "attr"]
        found = (noun_cue(r, "identified", lex) for r in roles if r.dep_ in {"pobj", "attr"})
        return next((c for c in found if c is not None and c.role == "perpetrator"), None)
    return None


def _subject_attacks(noun: Token, lex: ActorLexicon) -> bool:
    """The subject's verb, or a verb joined to it, is an attack: "sprayed bullets ... and opened fire"."""
    return attacks(noun.head, lex) or any(c.dep_ == "conj" and attacks(c, lex) for c in noun.head.children)


def _who_attacked(noun: Token, lex: ActorLexicon) -> Cue:
    """The cue for a name given to a plain noun that the sentence has attack ("the man who opened fire")."""
    return Cue("perpetrator", f"identified:{noun.lower_}-who-attacked", lex.weights["identified"])


def list_cues(f: Field, span: Span, sent: Span, lex: ActorLexicon) -> list[Cue]:
    """Lists: "police identified the suspect as John Doe", "the victims were identified as A, B and C"."""
    out = []
    doc = span.doc
    if span.root.dep_ == "oprd" and span.root.head.lemma_.lower() in {"call", "name"}:
        cue = _known_as_cue(span.root.head, lex)  # "an Australian called NAME"
        if cue is not None:
            out.append(cue)
    for tok in f.tokens_in(f.marks, doc[sent.start : span.start]):
        verb = identify_verb(tok, sent.start, lex) if tok.lower_ == "as" else None
        if verb is None and tok.lower_ == "as" and span.root.head.i == tok.i:
            cue = _known_as_cue(tok.head, lex)
            if cue is not None:
                out.append(cue)
        if verb is not None:
            cue = _identification_cue(f, verb, lex)
            if cue is not None and _in_list(doc, tok.i + 1, span.start, lex):
                out.append(cue)
        if tok.text != ":":
            continue
        if casualty_clause(f, doc[sent.start : tok.i], lex) is not None:
            # "Two people were killed: A, 81, who played the organ, and B, 59": all names after the colon
            out.append(Cue("victim", "victim-list", lex.weights["victim_list"]))
        else:
            cue = _dash_list_cue(doc, tok.i, span.start, lex)  # "The attackers' accomplices: A and B"
            if cue is not None:
                out.append(cue)
    for tok in reversed(doc[sent.start : span.start]):
        if tok.text in LIST_MARKS and tok.text != ":" and tok.whitespace_:
            cue = _dash_list_cue(doc, tok.i, span.start, lex)  # "the four attackers - A, B, C and D -"
            if cue is not None:
                out.append(cue)
            break
    # "Among the defendants are A, 40, and B, 39", "eight accused, including A and B": the group the list is
    # drawn from
    for word in (t for t in doc[sent.start : span.start] if t.lower_ in {"among", "including"}):
        among = word.lower_ == "among"
        pobj = next((c for c in word.children if c.dep_ == "pobj"), None)
        group = pobj if among else word.head  # "among the defendants"; "defendants, including"
        if group is None or group.pos_ != "NOUN" or (pobj is not None and pobj.i >= span.end):
            continue
        if _in_list(doc, group.i + 1 if among else word.i + 1, span.start, lex):
            cue = noun_cue(group, "apposition", lex)
            # "notorious killers, including A and B" names earlier attackers; a court's list is this case's
            court = among or cue is None or cue.role != "perpetrator" or cue.name.partition(":")[2] in lex.court_groups
            if cue is not None and court:
                out.append(cue)
    for m in lex.victim_list_re.finditer(f.folded, sent.start_char, sent.end_char):
        anchor = bisect.bisect_left(f.starts, m.end())
        trigger = bisect.bisect_left(f.starts, m.start())
        # "the dead included A and B" / "A and B were among those killed"
        before = anchor <= span.start and _in_list(doc, anchor, span.start, lex)
        if before or (trigger >= span.end and _in_list(doc, span.end, trigger, lex)):
            out.append(Cue("victim", "victim-list", lex.weights["victim_list"]))
            break
    # "identifying the attacker by his jihadi pseudonym, NAME", "arrived under the name of NAME, helped make
    # explosives for the attacks": a name the attacker went by.
    before_alias = f.folded[max(sent.start_char, span.start_char - 40) : span.start_char]
    if lex.fighter_alias_re.search(before_alias) or (
        lex.alias_re.search(before_alias)
        and not alias_of_thing(f, span.start_char, lex)
        and (
            any(role_of(t, lex) == "perpetrator" or t.lemma_.lower() in lex.verbs["armed_with"] for t in sent)
            or _alias_of_antecedent(f, sent, lex)
        )
    ):
        out.append(Cue("perpetrator", "identified:alias", lex.weights["identified"]))
    # "inspired by Gideon Stahl", "the next Stahl": the phrase shortly before the name.
    before_name = f.folded[max(sent.start_char, span.start_char - 60) : span.start_char]
    prior = [
        m for m in lex.prior_re.finditer(before_name) if m.group() != "the next" or m.end() >= len(before_name) - 1
    ]
    if prior and span.root.dep_ not in SUBJECT_DEPS:
        out.append(Cue("other", "prior-attacker", lex.weights["prior_attacker"]))
    return out
