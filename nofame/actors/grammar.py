"""Reading the dependency parse: subjects, objects, conjuncts and clauses around a name."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from nofame.actors.lexicon import ActorLexicon, role_of
from nofame.actors.names import fold

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})

_CLAUSE_BREAK = frozenset({"ccomp", "relcl", "conj", "parataxis", "xcomp"})
_REFLEXIVE = frozenset({"himself", "herself", "themselves", "itself"})


_POSSESSIVE_MARKS = frozenset({"'s", "’s", "'", "’"})
_DEED_MODIFIERS = frozenset({"ADJ", "NUM", "ADV"})


def owned_deed(name: Token, lex: ActorLexicon) -> str:
    """The deed a name's last token owns: "Doe's rampage" as parsed; or, where the parser loses the
    possessive after a name ending in s ("Man Doris’ almost 17 hour siege", parsed as a closing quote),
    the first noun after the mark, past its modifiers. "" for none."""
    if name.dep_ == "poss":
        return _deed(name.head, lex)
    doc = name.doc
    if name.i + 1 >= len(doc) or doc[name.i + 1].text not in _POSSESSIVE_MARKS:
        return ""
    for tok in doc[name.i + 2 : name.i + 7]:
        if deed := _deed(tok, lex):
            return deed
        if not (tok.pos_ in _DEED_MODIFIERS or tok.dep_ == "compound" or tok.text in {"-", "‐"}):
            return ""
    return ""


def _deed(tok: Token, lex: ActorLexicon) -> str:
    owned = tok.pos_ == "NOUN" and (fold(tok.text) in lex.owned_deeds or tok.lemma_.lower() in lex.owned_deeds)
    return tok.lemma_.lower() if owned else ""


def prep_objects(tok: Token, prep: str = "of") -> list[Token]:
    """The objects of the token's preposition `prep`: "the authors of the attack", "the man behind it"."""
    return [p for c in tok.children if c.dep_ == "prep" and c.lower_ == prep for p in c.children if p.dep_ == "pobj"]


def first_conjunct(head: Token) -> Token:
    """The first name of a list: in "Ana Diaz and Mark Lee were killed" Lee shares Diaz's verbs. Lists with
    appositions ("Dev Raman, 36, a pharmacist, Lachlan Moss, 19, ...") chain through the nouns; a title
    the parser hangs the name on ("Superintendent Claire Dunmore") is no list."""
    first = node = head
    for _ in range(8):
        gap = node.doc[node.left_edge.i - 1] if node.left_edge.i > 0 else node
        listed = gap.is_punct or gap.dep_ == "cc"  # not "Chief Superintendent Claire Dunmore": a title
        # "Karim Doe and his brother Samir opened fire": a name set close after a noun ("brother Samir") is
        # that noun, which may itself be on the list.
        close = node.dep_ == "appos" and node.head.pos_ == "NOUN" and node.head.i == node.left_edge.i - 1
        if (
            (listed or close)
            and node.dep_ in {"conj", "appos"}
            and node.head.pos_ in {"PROPN", "NOUN"}
            and node.head.i < node.i
            and not _verb_between(node.head, node)
        ):
            node = node.head
            if node.pos_ == "PROPN":
                first = node
        else:
            break
    return first


def _verb_between(head: Token, node: Token) -> bool:
    """A verb stands between a name and the word the parser hung it on: "Doe is accused of killing A, 49;
    B, 44" makes B no apposition of Doe, but one of the names Doe is accused of killing."""
    return any(t.pos_ in {"VERB", "AUX"} for t in head.doc[head.i + 1 : node.left_edge.i])


def acting_node(first: Token) -> Token:
    """The token that stands for a name (the first of its list) in the clause: the noun it is in apposition
    to ("the gunman, John Doe, opened fire"), or a title the parser made its head ("Volunteers Precious
    Adeyemi and Callum Reid guided ...", with the name as the title's object)."""
    if first.dep_ == "appos" and not _verb_between(first.head, first):
        return first.head
    head = first.head
    if (
        first.dep_ in {"nmod", "compound"}
        and first.ent_type_ == head.ent_type_ == "PERSON"
        and any(c.dep_ == "cc" for c in first.children)
    ):
        return head  # "Karim Dawi and Farid Malo were convicted": the parser hangs the first name on the last
    if head.i == first.left_edge.i - 1 and head.pos_ in {"NOUN", "PROPN"} and head.dep_ in SUBJECT_DEPS:
        return head
    return first


def clause_text(verb: Token, limit: int = 40, *, others: bool = True) -> str:
    """The verb's own clause: its subtree without reported speech, relative or conjoined clauses; without
    `others`, nor an adverbial clause with a subject of its own ("Doe spoke before NAME was sentenced")."""
    picked = []
    stack = [verb]
    while stack and len(picked) < limit:
        tok = stack.pop()
        picked.append(tok)
        stack.extend(c for c in tok.children if c.dep_ not in _CLAUSE_BREAK and (others or not _own_subject_clause(c)))
    picked.sort(key=lambda t: t.i)
    return fold(" ".join(t.text for t in picked))


def _own_subject_clause(tok: Token) -> bool:
    return tok.dep_ == "advcl" and any(c.dep_ in SUBJECT_DEPS for c in tok.children)


def _purpose(clause: Token) -> bool:
    return (
        clause.dep_ == "advcl"
        and clause.tag_ == "VB"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
        and not any(c.dep_ in SUBJECT_DEPS for c in clause.children)
    )


def _participle(clause: Token) -> bool:
    return (
        clause.dep_ == "advcl"
        and clause.tag_ == "VBN"
        and any(c.dep_ == "agent" for c in clause.children)
        and not any(c.dep_ in SUBJECT_DEPS or c.dep_ in {"aux", "auxpass"} for c in clause.children)
    )


# Verbs that own up to a deed: "admitted to filming the killings", "admits he is responsible for the bombings".
ADMISSIONS = frozenset({"admit", "confess", "acknowledge"})
_TIME_PREPOSITIONS = frozenset({"after", "before", "while", "when", "since", "by", "upon", "on"})


def participle_after(clause: Token) -> bool:
    """A present participle set off after its verb with no subject of its own: ", killing eight people"."""
    return (
        clause.dep_ == "advcl"
        and clause.tag_ == "VBG"
        and clause.i > clause.head.i
        and clause.doc[clause.left_edge.i - 1].text == ","
        and not any(c.dep_ in SUBJECT_DEPS for c in clause.children)
    )


def _gerunds(verb: Token) -> list[Token]:
    """Gerunds with no subject of their own that say what the verb's subject did around it: after a time
    preposition ("after carrying out the massacre"), after an admission ("admitted to filming the killings"),
    or hung from the place he went into ("walked into the store shooting four women", which the parser reads
    as the store shooting)."""
    out = []
    for prep in verb.children:
        if prep.dep_ != "prep":
            continue
        for c in prep.children:
            admitted = prep.lower_ == "to" and verb.lemma_.lower() in ADMISSIONS  # "admitted to filming the killings"
            if (prep.lower_ in _TIME_PREPOSITIONS or admitted) and c.dep_ == "pcomp" and c.tag_ == "VBG":
                # "after entering a police station and attacking three officers": each gerund of the list
                out += [c, *(g for g in c.conjuncts if g.tag_ == "VBG")]
            elif c.dep_ == "pobj" and c.ent_type_ != "PERSON" and c.pos_ == "NOUN":
                out.extend(g for g in c.children if g.dep_ == "acl" and g.tag_ == "VBG")
    return [g for g in out if not any(c.dep_ in SUBJECT_DEPS for c in g.children)]


def subject_verbs(head: Token) -> list[tuple[Token, bool]]:
    """Verbs the person is the subject of, with passive voice: own, conjoined, relative clauses."""
    first = first_conjunct(head)
    node = acting_node(first)
    out: list[tuple[Token, bool]] = []

    def add_with_conj(verb: Token, passive: bool) -> None:
        out.append((verb, passive))
        # "began planning the attack", "tried to kill": the same subject acts
        out.extend((c, False) for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB")
        # "appeared before a court to admit the attack": a purpose clause with no subject of its own
        out.extend((c, False) for c in verb.children if _purpose(c))
        # "Doe was dead, shot by a police officer": a passive participle clause says what befell him
        out.extend((c, True) for c in verb.children if _participle(c))
        # "killed himself after carrying out the massacre", "walked into the store shooting four women"
        out.extend((c, False) for c in _gerunds(verb))
        for conj in verb.conjuncts:
            if conj.i > verb.i and not any(c.dep_ in SUBJECT_DEPS for c in conj.children):
                # "was shot and killed": a participle with no auxiliary of its own shares the passive one
                shared = passive and conj.tag_ == "VBN" and not any(c.dep_ in {"aux", "auxpass"} for c in conj.children)
                out.append((conj, shared or any(c.dep_ == "auxpass" for c in conj.children)))
                # "emerged from the car and began attacking people"
                out.extend((c, False) for c in conj.children if c.dep_ == "xcomp" and c.pos_ == "VERB")

    # (not a verb whose clause opens after the name: "King A and Queen B lead silence a year after fanatics
    # murdered 32", the parser giving the murders two subjects)
    if (
        node.dep_ in SUBJECT_DEPS
        and node.head.pos_ in {"VERB", "AUX"}
        and not any(c.dep_ == "mark" and node.i < c.i < node.head.i for c in node.head.children)
    ):
        verb = node.head
        if verb.dep_ in {"aux", "auxpass"} and verb.head.pos_ == "VERB":
            # "Also convicted was NAME", "His sons, A and B, were likely involved in the attack": the parser
            # makes the name (or the noun it stands beside) the subject of the auxiliary, not of its verb
            add_with_conj(verb.head, verb.dep_ == "auxpass")
        else:
            add_with_conj(verb, node.dep_ == "nsubjpass")
    elif (
        node.dep_ == "attr" and node.head.lemma_ == "be" and not any(c.dep_ in SUBJECT_DEPS for c in node.head.children)
    ):
        add_with_conj(node.head, False)  # "Also in the dock is his brother-in-law, NAME": an inverted copula
    if (shared := _companion_verb(first)) is not None:
        add_with_conj(shared, any(c.dep_ == "auxpass" for c in shared.children))
    # "A and B, who were killed": the clause after the last of a list is every member's.
    last = first.conjuncts[-1] if first.conjuncts and first == head else first
    # "Doe and his brother Jon Doe, who was given ten years": the clause hangs on the noun the name is beside
    beside = head.head if head.dep_ == "appos" else head
    for holder in dict.fromkeys((head, beside, first, node, last)):
        for child in holder.children:
            if child.dep_ == "relcl":
                rel = next((c for c in child.children if c.dep_ in SUBJECT_DEPS), None)
                if rel is not None and rel.lower_ in {"who", "that"}:
                    add_with_conj(child, rel.dep_ == "nsubjpass")
            elif child.dep_ == "acl" and child.tag_ in {"VBN", "VBD"}:
                # "Cairnie, charged with murder": passive; "Morrow, the bartender, called 911": a
                # misparsed active verb, told by its object
                has_object = any(c.dep_ in {"dobj", "oprd"} for c in child.children)
                add_with_conj(child, child.tag_ == "VBN" and not has_object)
    if not out and (passive := _being_done(head)) is not None:
        # "which ended with NAME being charged with murder": the parser hangs the clause on the verb before
        add_with_conj(passive, True)
    if not out and head.dep_ != "pobj":
        # The parser lost an appositive subject ("after a passer-by, Harvey Cole, pinned him"):
        # a verb right after the name's closing comma, with no subject of its own, is the name's
        # (not one after "according to NAME,").
        doc, k = head.doc, head.i + 1
        # (not an "-ing" clause: "attacked her partner, Ann Roe, slashing her" is the attacker's)
        if k + 1 < len(doc) and doc[k].text == "," and doc[k + 1].pos_ == "VERB" and doc[k + 1].tag_ != "VBG":
            verb = doc[k + 1]
            if not any(c.dep_ in SUBJECT_DEPS for c in verb.children):
                add_with_conj(verb, any(c.dep_ == "auxpass" for c in verb.children))
    return out


def _being_done(head: Token) -> Token | None:
    """The passive participle right after a name through "being": "NAME being charged", "with NAME being
    shot by police"; a participle with no subject of its own."""
    doc, k = head.doc, head.i + 1
    if k + 1 >= len(doc) or doc[k].lower_ != "being" or doc[k].dep_ != "auxpass":
        return None
    verb = doc[k].head
    if verb.i != k + 1 or verb.tag_ != "VBN" or any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return None
    return verb


def _companion_verb(first: Token) -> Token | None:
    """The verb a name shares as a companion of its subject: "A was sentenced, along with B and C",
    "A was convicted of murder together with B" (the parser may hang "with" on the verb's complement)."""
    with_ = first.head
    if first.dep_ != "pobj" or with_.lower_ != "with":
        return None
    if with_.head.lower_ != "along" and not any(c.lower_ == "together" for c in with_.children):
        return None
    verb = with_.head
    for _ in range(3):
        if verb.pos_ == "VERB":
            # "killed A and B along with C": with an object of an active verb, the companion is the object's
            active = not any(c.dep_ == "auxpass" for c in verb.children)
            return None if active and objects_of(verb) else verb
        verb = verb.head
    return None


def objects_of(verb: Token) -> list[Token]:
    """Objects of a verb and of the verbs conjoined with it ("shot and killed three people")."""
    out = []
    for v in (verb, *verb.conjuncts):
        out += [c for c in v.children if c.dep_ in {"dobj", "dative"}]
        for prep in v.children:
            if prep.dep_ == "prep" and prep.lower_ in {"on", "at", "toward", "towards", "upon", "into"}:
                out.extend(c for c in prep.children if c.dep_ == "pobj")
    return out


def subject_of(verb: Token, deps: frozenset[str] = frozenset({"nsubj"})) -> Token | None:
    """The active subject (or, with `deps`, any), shared along conjoined verbs ("Police shot and killed Doe")."""
    for _ in range(4):
        subject = next((c for c in verb.children if c.dep_ in deps), None)
        if subject is not None or verb.dep_ != "conj":
            return subject
        verb = verb.head
    return None


def identify_verb(as_tok: Token, sent_start: int, lex: ActorLexicon) -> Token | None:
    """The verb of "identified ... as" / "named by police as" (where "as" may hang off "police")."""
    for anc in [as_tok.head, *as_tok.head.ancestors][:4]:
        if anc.lemma_.lower() in lex.verbs["identify"]:
            return anc  # "identified the gunman who killed three people ... as Trent Voss"
        if anc.pos_ == "VERB" and anc.lemma_.lower() == "know":
            return None  # "The group known as NAME identified the gunmen as ...": the "as" of "known"
    for tok in as_tok.doc[max(sent_start, as_tok.i - 4) : as_tok.i]:
        if tok.pos_ == "VERB" and tok.lemma_.lower() in lex.verbs["identify"]:
            return tok
    return None


def snippet(tok: Token, size: int) -> str:
    return fold(tok.doc[tok.i : tok.i + size].text)


def agency_phrase(verb: Token, lex: ActorLexicon) -> bool:
    """The verb opens an attack phrase: "opened fire", "planted a bomb" (not "said officers opened fire":
    the phrase of another clause in the words after it)."""
    found = lex.agency_re.search(snippet(verb, 4))
    return found is not None and found.start() == 0


def names_members(tok: Token, lex: ActorLexicon) -> bool:
    """The name qualifies a group's members ("suspected Harqat Jund militants"): the group's, no person's."""
    return tok.dep_ == "compound" and fold(tok.head.text) in lex.member_nouns


def titled_name(tok: Token) -> bool:
    """A name with its title that the parser sets as an apposition of another: "was student NAME, police
    Chief Ann Roe said" (hers is the title, and hers the saying)."""
    return tok.pos_ == "PROPN" and any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in tok.children)


def is_people(tok: Token, lex: ActorLexicon) -> bool:
    """People as the object of an act: "40 children", "the customers", "dozens of shoppers", "Ana Diaz"."""
    if (
        fold(tok.text) in lex.people_nouns
        or tok.lemma_.lower() in lex.people_nouns
        or tok.like_num
        or tok.ent_type_ == "PERSON"
    ):
        return True
    for child in tok.children:
        if child.like_num:
            return True
        of = child.dep_ == "prep" and child.lower_ == "of"  # "dozens of shoppers", "some of the children"
        if of and any(p.dep_ == "pobj" and fold(p.text) in lex.people_nouns for p in child.children):
            return True
    return False


_AIRCRAFT = frozenset({"plane", "airplane", "aeroplane", "aircraft", "jet", "airliner"})


def vehicle_attack(verb: Token, lex: ActorLexicon) -> bool:
    """ "drove a van into the crowd", "ploughed into shoppers", "drove onto a crowded sidewalk", "drove a
    van down a cycle path", "along the promenade"."""
    if verb.lemma_.lower() not in lex.verbs["vehicle"]:
        return False
    ways = lex.verbs["pedestrian_ways"]
    preps = {"into", "onto", "through", "down", "along"}
    # (the parser may read "down" in "drove a van down a cycle path" as a particle, with the path its
    # object or the verb's)
    targets = [
        t
        for p in verb.children
        if p.dep_ in {"prep", "prt"} and p.lower_ in preps
        for t in p.children
        if t.dep_ == "pobj"
    ]
    if any(c.dep_ == "prt" and c.lower_ in preps for c in verb.children):
        targets += [c for c in verb.children if c.dep_ == "dobj"]
    # an aircraft flown into a building: "slammed his plane into the building" (not "flew a jet into Heathrow")
    aircraft = any(c.dep_ == "dobj" and c.lemma_.lower() in _AIRCRAFT for c in verb.children)
    for target in targets:
        if aircraft and target.pos_ == "NOUN":
            return True
        if is_people(target, lex) or any(c.lower_ in {"crowded", "packed", "busy"} for c in target.children):
            return True
        if target.lemma_.lower() in ways or any(
            c.dep_ == "compound" and c.lemma_.lower() in ways for c in target.children
        ):
            return True
    return False


def attacks(verb: Token, lex: ActorLexicon) -> bool:
    """The subject of `verb` attacked people: "opened fire", "shot three people", "stabbed a guard",
    "drove a van into the crowd", "carried out the attack" (not "fired a shot into the top corner", not
    "shot himself")."""
    if agency_phrase(verb, lex):
        return True
    if vehicle_attack(verb, lex):
        return True
    if verb.lemma_.lower() in lex.verbs["agency_event"] and any(
        fold(t.text) in lex.event_nouns for o in objects_of(verb) for t in (o, *group_of(o))
    ):
        return True  # "carried out a mass shooting", "launched the attack", "planned one of the deadliest attacks"
    if verb.lemma_.lower() not in lex.verbs["agency"]:
        return False
    objects = attack_objects(verb, lex)
    return bool(objects) and not any(o.lower_ in _REFLEXIVE for o in objects)


def group_of(noun: Token) -> list[Token]:
    """The group a number is drawn from: "one of the deadliest attacks", "one of the main accused" (which the
    parser reads as a clause)."""
    return [*prep_objects(noun), *(c for c in noun.children if c.dep_ == "acl")] if noun.like_num else []


def attack_objects(verb: Token, lex: ActorLexicon) -> list[Token]:
    """Who or what an attack verb is done to. After a preposition only people count: "shot into the
    crowd", "fired at worshippers", not "shot into the side netting"; "fired" needs people after a
    preposition ("fired a shot into the top corner", "fired 300 workers" are no attacks)."""
    lemma = verb.lemma_.lower()
    fire = lemma == "fire"
    figurative = lemma in _FIGURATIVE
    return [
        o
        for o in objects_of(verb)
        if (o.dep_ != "pobj" and not fire and (not figurative or _concrete(o, lex)))
        or (o.dep_ == "pobj" and (is_people(o, lex) or role_of(o, lex)))
    ]


# Verbs that take abstract objects in other news ("attacked his rival's record", "targeted voters' worries",
# "injured his knee", "wounded her pride"): an attack only when done to people or a place.
_FIGURATIVE = frozenset({"attack", "target", "injure", "wound"})


def figurative(verb: Token, lex: ActorLexicon) -> bool:
    """ "attacked his rival's record", "targeted young voters": an attack verb whose objects are none of
    people, a place or a building."""
    objects = objects_of(verb)
    return verb.lemma_.lower() in _FIGURATIVE and bool(objects) and not any(_concrete(o, lex) for o in objects)


_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC", "ORG"})
_PERSONAL_OBJECTS = frozenset({"him", "her"})  # ("them" is among the people nouns)


def _concrete(obj: Token, lex: ActorLexicon) -> bool:
    """People, a place or a building: what an attack is done to."""
    return (
        is_people(obj, lex)
        or obj.lower_ in _PERSONAL_OBJECTS  # "attacking him with knives": the verb's object is a person
        or bool(role_of(obj, lex))
        or obj.ent_type_ in _PLACE_LABELS
        or fold(obj.text) in lex.place_nouns
        or obj.lemma_.lower() in lex.place_nouns
    )


def legal_act(verb: Token, lex: ActorLexicon) -> bool:
    """ "pleaded guilty", "confessed", "surrendered", "faces murder charges"; not "pleaded with the gunman"
    or "pleaded for help"."""
    lemma = verb.lemma_.lower()
    if lemma == "face":  # "is facing special circumstances murder charges", "faces trial"
        faced = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in lex.faced]
        # not "does not face any charges", "faces no charges": no defendant
        negated = any(c.dep_ == "neg" for c in verb.children) or any(
            d.lower_ == "no" for o in faced for d in o.children if d.dep_ == "det"
        )
        return bool(faced) and not negated
    if lemma in {"receive", "get"}:  # "received 20 years", "got a life sentence"
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        # "received 101 counts of aggravated life imprisonment": the sentence is counted
        counted = [o for o in objects if o.lemma_.lower() == "count"]
        objects += [p for o in counted for c in o.children if c.lower_ == "of" for p in c.children]
        return any(o.lemma_.lower() in lex.sentences for o in objects)
    if lemma not in lex.verbs["legal_active"]:
        return False
    if lemma != "plead":
        return True
    pleas = {"guilty", "innocent", "contest"}
    return any(c.lower_ in pleas or (c.dep_ == "prep" and c.lower_ == "to") for c in verb.subtree)


LIST_MARKS = frozenset({"-", "–", "—", ":"})
# Quotation marks that close a quoted word: "the 'serial sniper' NAME", a nickname in quotes.
CLOSE_QUOTES = frozenset({'"', "”", "’", "'"})


def list_opener(doc: Doc, mark: int) -> Token | None:
    """The noun a dash or colon opens a list after: "the four perpetrators of the attack - A, B and C",
    "The attackers' accomplices: A and B" (the noun, not the object of its "of")."""
    if mark < 1:
        return None
    noun = doc[mark - 1]
    # (not past "with": in "the police chief, with a picture of the family behind the bombings: A and B"
    # the list is the family, not the chief)
    while (
        noun.dep_ == "pobj"
        and noun.head.dep_ == "prep"
        and noun.head.lower_ != "with"
        and noun.head.head.pos_ == "NOUN"
    ):
        noun = noun.head.head
    return noun if noun.pos_ == "NOUN" else None


def is_official(person: Token | None, lex: ActorLexicon) -> bool:
    """An official noun, or a name under an official's title: "police", "Officer Alan Doe"."""
    if person is None:
        return False
    return role_of(person, lex) == "official" or (
        person.pos_ == "PROPN" and any(c.dep_ == "compound" and role_of(c, lex) == "official" for c in person.children)
    )


def harm_agents(verb: Token, lex: ActorLexicon) -> list[Token]:
    """Who a passive harm came from: "was shot by police", "was killed in a raid by police", "was killed
    in a firefight with police" (the parser hangs "with" on the fight or on the verb), "was killed when
    police stormed the building"."""
    # "was shot and wounded by another policeman": the agent of the last of joined verbs is every one's
    agents = [
        p
        for v in (verb, *verb.conjuncts)
        for c in v.children
        if c.dep_ == "agent"
        for p in c.children
        if p.dep_ == "pobj"
    ]
    # "shot by one of the police surveillance team": the group the agent belongs to
    agents += [p for a in agents for c in a.children if c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
    # "killed by a police-controlled explosive device", "by police gunfire": the police who used it
    agents += [m for a in agents if a.pos_ == "NOUN" for m in a.subtree if m.i < a.i and role_of(m, lex) == "official"]
    events = [
        event
        for prep in verb.children
        if prep.dep_ == "prep" and prep.lower_ in {"in", "during", "after"}
        for event in prep.children
        if event.dep_ == "pobj"
    ]
    # "were killed when police stormed the building"
    agents += [
        subject
        for clause in verb.children
        if clause.dep_ == "advcl" and (clause.lemma_.lower() in lex.verbs["agency"] or clause.lemma_.lower() == "raid")
        for subject in clause.children
        if subject.dep_ == "nsubj"
    ]
    fights = [e for e in events if e.lemma_.lower() in lex.verbs["fight_with"]]
    by = [(e, "by") for e in events] + [(h, "with") for h in (verb, *fights) if fights]
    return agents + [
        other
        for holder, word in by
        for prep in holder.children
        if prep.dep_ == "prep" and prep.lower_ == word
        for other in prep.children
        if other.dep_ == "pobj"
    ]


def of_attack(verb: Token, lex: ActorLexicon) -> bool:
    """The deed after "of" is the attack: "suspected of killing five people", "accuse NAME of detonating a
    bomb", "suspected of carrying out the attack"."""
    deeds = [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children]
    return any(
        p.pos_ == "VERB" and (attacks(p, lex) or p.lemma_.lower() in lex.verbs["harm"] or does_event(p, lex))
        for p in deeds
    )


def does_event(verb: Token, lex: ActorLexicon) -> bool:
    """ "carrying out the attack", "planning the bombing": an event verb with an attack noun as object."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in lex.verbs["agency_event"]:
        return False
    return any(c.dep_ == "dobj" and fold(c.text) in lex.event_nouns for c in verb.children)
