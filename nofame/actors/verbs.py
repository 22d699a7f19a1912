"""Role cues from the verbs a name is the subject or object of: agency, harm, legal, help, speech."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span, Token

from nofame.actors.cues import Cue, harm_agent_cue
from nofame.actors.grammar import (
    ADMISSIONS,
    SUBJECT_DEPS,
    acting_node,
    agency_phrase,
    attack_objects,
    attacks,
    clause_text,
    first_conjunct,
    group_of,
    harm_agents,
    is_official,
    is_people,
    legal_act,
    objects_of,
    of_attack,
    owned_deed,
    participle_after,
    prep_objects,
    snippet,
    subject_of,
    titled_name,
    vehicle_attack,
)
from nofame.actors.lexicon import ActorLexicon, role_of
from nofame.actors.names import fold

_REFLEXIVE = frozenset({"himself", "herself", "themselves", "itself"})
# A weapon's seller whom the court calls an accomplice is one of the perpetrators.
_ACCOMPLICE_CUE = "legal:accomplice"
_COMPLICITY = frozenset(
    {"accomplice", "accomplices", "complicity", "conspiracy", "conspirator", "co-conspirator", "conspiring", "abetting"}
)
# What a court or an inquest finds a person: the words after "found NAME".
_VERDICTS = frozenset({"guilty", "responsible"})
_RELATIVE_PRONOUNS = frozenset({"that", "who", "which"})

# A suspect the investigation let go: "authorities cleared NAME in the case". Not "acquitted" nor "cleared
# of" a charge: a court often clears a defendant of one charge and convicts him of another.
_CLEARED = frozenset({"clear", "exonerate"})


def _cleared(verb: Token) -> bool:
    return verb.lemma_.lower() in _CLEARED and not any(c.dep_ == "prep" and c.lower_ == "of" for c in verb.children)


def _org_context(head: Token, lex: ActorLexicon) -> bool:
    """An official speaks: "Ortiz, a spokeswoman for the police," / "Ortiz of the sheriff's office"."""
    for tok in list(head.subtree)[:20]:
        if tok.dep_ == "relcl":
            break
        if fold(tok.text) in lex.institutions:
            return True
    return False


def _helped_subjects(verb: Token) -> list[Token]:
    """ "helped the gunmen buy weapons": the parser makes the helped the subject of the clause after."""
    return [s for c in verb.children if c.dep_ in {"ccomp", "xcomp"} for s in c.children if s.dep_ == "nsubj"]


def _responsible_for_attack(adjective: Token, lex: ActorLexicon) -> bool:
    """ "NAME, who was responsible for the shooting at the base,": not "was not responsible", not "responsible
    for security"."""
    if adjective.lower_ != "responsible" or any(c.dep_ == "neg" for c in (adjective, *adjective.head.children)):
        return False
    objects = prep_objects(adjective, "for")
    objects += [o for p in objects for o in prep_objects(p)]  # "the string of bombings"
    return any(fold(p.text) in lex.event_nouns for p in objects)


def _lesser_charge(verb: Token, lex: ActorLexicon) -> bool:
    """A court verb whose sentence names only charges for something other than the attack: "were convicted of
    involuntary manslaughter", "was found guilty of lying to the FBI" (not "of murder and obstruction")."""
    court = verb.lemma_.lower() in lex.verbs["legal_passive"] or lex.legal_re.search(snippet(verb, 4))
    return bool(court) and _lesser_sentence(verb.sent, lex)


def _lesser_sentence(sent: Span, lex: ActorLexicon) -> bool:
    """The sentence names a lesser charge and no grave one."""
    sentence = fold(sent.text)
    return bool(lex.lesser_re.search(sentence)) and not lex.grave_re.search(sentence)


def _owns_responsibility(clause: Token, lex: ActorLexicon) -> bool:
    """ "he is responsible for the bombings": the clause an admission reports, about its own speaker."""
    speaker = any(c.dep_ == "nsubj" and c.lower_ in {"he", "she"} for c in clause.children)
    return (
        speaker
        and clause.lemma_ == "be"
        and any(c.dep_ == "acomp" and _responsible_for_attack(c, lex) for c in clause.children)
    )


def _spoken_by_appos(node: Token) -> bool:
    """ "was student NAME, police Chief Ann Roe said": the parser makes NAME the subject of "said" and the
    titled name his apposition; she said it."""
    return any(c.dep_ == "appos" and titled_name(c) for c in node.children)


def _the_attacker(tok: Token, lex: ActorLexicon) -> bool:
    """ "shot the gunman", "tackled the driver"; not "killed three fellow drivers": a count, or fellows,
    are people the attacker harmed; nor "hijacked a truck and shot its driver"."""
    return role_of(tok, lex) == "perpetrator" and not any(
        c.dep_ == "nummod" or c.lower_ in {"fellow", "its"} for c in tok.children
    )


def _helps(lemma: str, objects: Sequence[Token], against_attacker: bool, lex: ActorLexicon) -> bool:
    """A helper's act: "tackled", "stopped the gunman", "led 40 children out", "saved lives"."""
    v_ = lex.verbs
    if lemma in v_["helper"] or (lemma in v_["helper_against"] and against_attacker):
        return True
    if lemma not in v_["helper_people"]:
        return False
    return lemma in {"save", "rescue", "shield", "protect"} or any(is_people(o, lex) for o in objects)


def _active_cues(verb: Token, clause: str, self_harm: bool, node: Token, lex: ActorLexicon) -> list[Cue]:
    """Cues for a person who is the active subject of `verb`."""
    w, v_ = lex.weights, lex.verbs
    lemma = verb.lemma_.lower()
    objects = objects_of(verb)
    # "shot the gunman"; "Officer Alan Doe shot and killed NAME": police shooting a named person end an attack
    against_attacker = any(_the_attacker(o, lex) for o in objects) or (
        is_official(node, lex) and any(o.ent_type_ == "PERSON" for o in objects)
    )
    out: list[Cue] = []
    if lemma == "be":
        if _among_attackers(verb, lex):  # "NAME was among those who attacked sites in Derbent"
            out.append(Cue("perpetrator", "agency:among-attackers", w["agency"]))
        for c in verb.children:
            if c.dep_ == "acomp" and c.lemma_.lower() in v_["legal_passive"]:
                out.append(Cue("perpetrator", f"legal:{c.lemma_.lower()}", w["legal"]))
            if c.dep_ == "acomp" and _responsible_for_attack(c, lex):
                out.append(Cue("perpetrator", "agency:responsible", w["agency"]))
            if c.dep_ == "attr" and any(
                t.lemma_.lower() in v_["harm"] | v_["die"]
                and t.tag_ in {"VBN", "VBD"}
                and not (
                    t.lemma_.lower() in v_["harm"]
                    and any(s.dep_ == "nsubj" and s.lower_ in _RELATIVE_PRONOUNS for s in t.children)
                )
                for t in c.subtree
            ):  # "Kessler was the first of four people killed" (not "a member of the unit that attacked")
                out.append(Cue("victim", "harmed:among", w["harmed"]))
    if lemma in ADMISSIONS and any(c.dep_ == "ccomp" and _owns_responsibility(c, lex) for c in verb.children):
        # "NAME admits he is responsible for the bombings"
        out.append(Cue("perpetrator", "agency:responsible", w["agency"]))
    own_objects = [c for c in verb.children if c.dep_ in {"dobj", "dative"}]
    opened_fire = agency_phrase(verb, lex)
    if lemma in v_["agency"] and not opened_fire:
        objects = attack_objects(verb, lex)  # "fired at worshippers", not "fired a shot into the top corner"
    if lemma in v_["agency"] or opened_fire:
        if against_attacker:  # "shot the gunman", "opened fire on the attacker": a helper
            out.append(Cue("helper", f"helper:{lemma}-attacker", w["helper_act"]))
        elif opened_fire or (objects and not any(o.lower_ in _REFLEXIVE for o in objects)):
            out.append(Cue("perpetrator", "agency:open fire" if opened_fire else f"agency:{lemma}", w["agency"]))
    elif vehicle_attack(verb, lex):
        out.append(Cue("perpetrator", f"agency:{lemma}-into", w["agency"]))
    elif _placed_bomb(verb, lex):  # "Zougam, who planted at least one bomb", "left two bombs on the train"
        out.append(Cue("perpetrator", f"agency:{lemma}-bomb", w["agency"]))
    elif _took_lives(verb, lex):  # "a troubled young man, NAME, took nine lives"
        out.append(Cue("perpetrator", "agency:took-lives", w["agency"]))
    elif lemma in v_["agency_event"] and any(
        fold(t.text) in lex.event_nouns
        for o in (*objects, *_to_objects(verb), *_named_what(verb))
        for t in (o, *group_of(o))  # "planned one of the deadliest attacks"
    ):
        out.append(Cue("perpetrator", f"agency:{lemma}-attack", w["agency"]))
    elif lemma in v_["abet"] and any(_the_attacker(o, lex) for o in (*own_objects, *_helped_subjects(verb))):
        # "Prosecutors say Doe helped the gunmen buy weapons": helping the attacker is the accomplice's part
        # (its own object: "saw the gunman but helped his classmates out" helped the classmates)
        out.append(Cue("perpetrator", f"legal:{lemma}-attacker", w["legal"]))
    elif _helps(lemma, own_objects or objects, against_attacker, lex):
        out.append(Cue("helper", f"helper:{lemma}", w["helper_act"]))
    elif legal_act(verb, lex):
        # "NAME faced charges of providing a dangerous weapon to a minor": his own court step, not for the attack
        lesser = _lesser_sentence(verb.sent, lex)
        out.append(
            Cue("other", "lesser-charge", w["legal"]) if lesser else Cue("perpetrator", f"legal:{lemma}", w["legal"])
        )
    elif lemma in v_["die"] and not self_harm:
        out.append(Cue("victim", "died", w["died"]))
    elif lemma in v_["speech"] and node.dep_ == "nsubj" and _org_context(node, lex) and not _spoken_by_appos(node):
        out.append(Cue("official", "speaker-org", w["speaker_org"]))
    if (
        lemma not in v_["speech"]
        and not any(c.role == "helper" for c in out)
        and (
            lex.helper_re.search(clause) or lex.helper_re.search(snippet(verb, 4))  # "applied pressure to"
        )
        and not lex.not_helper_re.search(clause)
    ):
        out.append(Cue("helper", "helper:act", w["helper_act"]))
    return out


def verb_cues(
    span: Span, head: Token, verbs: Sequence[tuple[Token, bool]], self_harm: bool, lex: ActorLexicon
) -> list[Cue]:
    """Agency, harm, legal, helper, speech and search cues from the verbs around the name.

    `verbs` is `subject_verbs(head)`, computed once per occurrence; `self_harm` says the sentence tells of
    the attacker's own death ("turned the gun on himself"), so that a death in it is no victim's."""
    w, v_ = lex.weights, lex.verbs
    out: list[Cue] = []
    first = first_conjunct(head)
    node = acting_node(first)
    if node.dep_ == "nsubj" and node.head.lower_ == "guilty":  # "a jury found Doe guilty of murder"
        lesser = _lesser_sentence(node.sent, lex)  # "found Doe guilty of making false statements"
        out.append(
            Cue("other", "lesser-charge", w["legal"]) if lesser else Cue("perpetrator", "legal:find-guilty", w["legal"])
        )
    for verb, passive in verbs:
        lemma = verb.lemma_.lower()
        if sold := _sold_weapon(verb, {head.i, node.i, first.i}, lex):
            # "found guilty of being an accomplice by selling him the weapons": the court's word decides
            complicit = any(t.lower_ in _COMPLICITY for t in verb.sent)
            out.append(
                Cue("perpetrator", _ACCOMPLICE_CUE, w["legal"])
                if complicit
                else Cue("other", f"supplier:{sold}", w["supplier"])
            )
        # (not a relative who bought the gun: "His mother, Ann Doe, bought the rifle")
        if _armed(verb, lex) or (_bought_weapon(verb, lex) and fold(node.text) not in lex.family):
            out.append(Cue("perpetrator", "agency:armed", w["agency"]))
        if _own_bomb_went_off(verb, lex):
            out.append(Cue("perpetrator", "agency:own-bomb", w["agency"]))
        clause = clause_text(verb)
        # "Doe remains at large", "Doe is wanted": the verb with its auxiliaries, not its clauses.
        first_aux = min([c.i for c in verb.children if c.dep_ in {"aux", "auxpass", "neg"}] + [verb.i])
        if lex.at_large_re.search(fold(span.doc[first_aux : verb.i + 5].text)):  # "were dangerous and at large"
            out.append(Cue("perpetrator", "at-large", w["at_large"]))
        # "was never charged", "has not been arrested": no court step
        negated = any(c.dep_ == "neg" for c in verb.children)
        if passive and _cleared(verb) and not negated:
            out.append(Cue("other", "cleared", w["legal"]))
            continue
        if _lesser_charge(verb, lex):
            # "Tazhayakov was convicted of obstruction of justice": a court step, but not for the attack
            out.append(Cue("other", "lesser-charge", w["legal"]))
            continue
        # (a court step in a clause of someone else's is his: "Doe spoke before NAME was sentenced")
        if lemma not in v_["speech"] and lex.legal_re.search(clause_text(verb, others=False)) and not negated:
            out.append(Cue("perpetrator", f"legal:{lemma}", w["legal"]))
            continue
        if _own_death(verb, lex):
            # "killed himself": weak (survivors, too, die by suicide), but no victim of the attack; with the
            # gun in hand ("put a pistol to his head and killed himself", "shot himself") it is the
            # attacker's end.
            reflexive = any(  # "killed himself", "took his own life"
                c.dep_ == "dobj" and (c.lower_ in _REFLEXIVE or c.lemma_.lower() == "life") for c in verb.children
            )
            weapon = any(t.lemma_.lower() in lex.verbs["suicide_weapons"] for t in verb.sent)
            gunshot = any(t.lower_ == "gunshot" for t in verb.subtree)  # "died of a self-inflicted gunshot wound"
            # His own clause, not one a list shares ("A and the gunman, who killed himself with a pistol")
            own = verb == node.head or verb in node.head.conjuncts
            armed = own and (gunshot or (reflexive and (lemma == "shoot" or weapon)))
            suicide = Cue("perpetrator", "suicide", w["shot_by_police"])
            out.append(Cue("perpetrator", "suicide:armed", w["agency"]) if armed else suicide)
            if lemma == "find" and any(t.lower_ == "manhunt" for t in verb.sent):
                out.append(Cue("perpetrator", "at-large:manhunt", w["at_large"]))  # "after a two-day manhunt"
        if lemma not in v_["speech"] and lex.victim_re.search(clause) and not self_harm:
            out.append(Cue("victim", "victim-state", w["victim_state"]))
        if passive:
            if lemma in v_["legal_passive"]:
                if not negated:
                    out.append(Cue("perpetrator", f"legal:{lemma}", w["legal"]))
            elif _sentence_handed(verb, lex, "dobj"):
                out.append(Cue("perpetrator", "legal:sentence", w["legal"]))
            elif lemma == "involve" and _involved_in_deed(verb, lex):
                out.append(Cue("perpetrator", "agency:involved", w["agency"]))
            elif lemma in v_["harm"]:  # "was shot", "was attacked", "gunned down"
                agents = harm_agents(verb, lex)
                if any(is_official(a, lex) for a in agents):
                    out.append(Cue("perpetrator", "shot-by-police", w["shot_by_police"]))
                elif not agents and _harmed_while_attacking(verb, lex):
                    out.append(Cue("perpetrator", "agency:participle", w["agency"]))
                elif not self_harm:
                    out.append(Cue("victim", f"harmed:{lemma}", w["harmed"]))
            elif lemma in v_["remember"]:
                out.append(Cue("victim", "remembered", w["remembered"]))
            elif lemma in v_["praise"] and any(c.dep_ == "prep" and c.lower_ in {"for", "with"} for c in verb.children):
                # "was credited with keeping 30 people inside", "was praised for leading pupils out"
                out.append(Cue("helper", f"helper:{lemma}", w["helper_act"]))
            continue
        out += _active_cues(verb, clause, self_harm, node, lex)
        if lemma not in v_["speech"] and _attacks_after(verb, lex):
            out.append(Cue("perpetrator", "agency:participle", w["agency"]))
    out += _object_cues(node, lex)
    # "Doe's rampage", "Doe's attack on the mosque": the owner of the deed did it.
    if deed := owned_deed(head, lex):
        out.append(Cue("perpetrator", f"agency:{deed}", w["agency"]))
    # "NAME, whose rampage ended at the mall": the same, through a relative clause.
    deeds = (
        deed.lemma_.lower()
        for c in head.children
        if c.dep_ == "relcl"
        for deed in c.children
        if any(t.dep_ == "poss" and t.lower_ == "whose" for t in deed.children)
    )
    out += [Cue("perpetrator", f"agency:{deed}", w["agency"]) for deed in deeds if deed in lex.owned_deeds]
    # What the name owns: "Doe's trial", "the trial of Doe", "Doe's family", "the family of Doe".
    owner = head.head if head.dep_ == "poss" else None
    holder = head.head if head.dep_ == "appos" else head  # "the trial of a friend of the gunman, NAME"
    if holder.dep_ == "pobj" and holder.head.lower_ == "of":
        owner = holder.head.head
    owned = owner is not None and (fold(owner.text) in lex.owned_legal or owner.lemma_.lower() in lex.owned_legal)
    # "Doe's trial", "at the sentencing of Doe", "the case against Doe": he is the defendant.
    for court in (owner if owned else None, _court_against(first, lex)):
        if court is not None and court.pos_ == "NOUN" and not _public_appeal(court, head):
            # "the trial of NAME, charged with illegally possessing guns": a court step for something else
            lesser = _lesser_sentence(court.sent, lex)
            out.append(
                Cue("other", "lesser-charge", w["legal"])
                if lesser
                else Cue("perpetrator", f"legal:{fold(court.text)}", w["legal"])
            )
    # "Doe's defence lawyers": only a defendant has a defence
    if head.dep_ == "poss" and any(c.lower_ in {"defence", "defense"} for c in head.head.children):
        out.append(Cue("perpetrator", "legal:defence", w["legal"]))
    # "Diaz's family said" / "the family of Diaz said" (not "Doe's mother, Mary Doe, said": hers).
    if (
        owner is not None
        and owner.lemma_.lower() in lex.family
        and not any(c.dep_ == "appos" for c in owner.children)
        and owner.dep_ == "nsubj"
        and owner.head.lemma_.lower() in v_["speech"]
    ):
        out.append(Cue("victim", "family-said", w["family_said"]))
    return out


def _court_against(name: Token, lex: ActorLexicon) -> Token | None:
    """The noun of "the case against NAME", also through a title ("against the Islamist preacher NAME") and a
    verb ("the prison sentences sought against NAME", "sentences were sought against NAME"); with "for", only
    a sentence ("20 years in prison for NAME", "life sentences were pronounced for A and B")."""
    holder = name.head if name.dep_ == "appos" and name.head.pos_ == "NOUN" else name
    if holder.dep_ != "pobj" or holder.head.lower_ not in {"against", "for"}:
        return None
    nouns = lex.against if holder.head.lower_ == "against" else lex.sentences
    court = holder.head.head
    if court.pos_ != "VERB":
        return court if court.lemma_.lower() in nouns or fold(court.text) in nouns else None
    subjects = [court.head] if court.dep_ == "acl" else []
    subjects += [c for c in court.children if c.dep_ in {"nsubj", "nsubjpass"}]
    return next((n for n in subjects if n.lemma_.lower() in nouns), None)


def _involved_in_deed(verb: Token, lex: ActorLexicon) -> bool:
    """ "were involved in the attack" (not "the officers involved in the shooting": the police's own)."""
    return any(fold(p.text) in lex.involving_deeds for p in prep_objects(verb, "in"))


def _public_appeal(court: Token, name: Token) -> bool:
    """An appeal that is no court step: "the appeal of NAME" (his pull), "NAME's appeal for witnesses"."""
    if court.lemma_.lower() != "appeal":
        return False
    return name.dep_ != "poss" or any(c.dep_ == "prep" and c.lower_ in {"for", "to"} for c in court.children)


def _sentence_handed(verb: Token, lex: ActorLexicon, sentence_dep: str) -> bool:
    """A passive "give" or "hand" whose `sentence_dep` is a sentence: the subject's ("was given a 20-year
    sentence", "were handed jail terms": dobj) or the people's after "to" ("Death sentences were handed
    down to A and B": nsubjpass)."""
    return verb.lemma_.lower() in lex.verbs["sentence_handing"] and any(
        c.dep_ == sentence_dep and c.lemma_.lower() in lex.sentences for c in verb.children
    )


def _own_death(verb: Token, lex: ActorLexicon) -> bool:
    """A death or harm whose own words say it was self-inflicted: "killed himself", "died of a
    self-inflicted wound", "was found dead of a self-inflicted gunshot wound"."""
    lemma = verb.lemma_.lower()
    if lemma in lex.verbs["life_taking"]:  # "had taken his own life"
        lives = (c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() == "life")
        return any(m.lower_ == "own" for life in lives for m in life.children)
    if lemma not in lex.verbs["harm"] | lex.verbs["die"] | {"find"}:
        return False
    if lemma == "find" and not any(c.lower_ == "dead" for c in verb.children):
        return False
    # Not the subject's words: "Suicide bombers A and B attacked the airport" is their attack.
    words = [t.lower_ for c in verb.children if c.dep_ not in {"nsubj", "nsubjpass"} for t in c.subtree]
    # The tokenizer splits "self-inflicted" into three tokens.
    joined = {"".join(words[k : k + 3]) for k, w in enumerate(words) if w == "self"}
    return bool((set(words) | joined) & set(lex.verbs["self_harm"]))


def _armed(verb: Token, lex: ActorLexicon) -> bool:
    """ "arming himself with a kitchen knife", "entered, armed with a knife", "X, armed with a rifle,",
    "was carrying a semiautomatic handgun"."""
    arming = [verb] + [c for c in verb.children if c.dep_ in {"advcl", "acl"} and not _after_another_clause(verb, c)]
    weapons = lex.verbs["armed_with"]
    return any(
        (
            a.lemma_.lower() == "arm"
            and any(
                p.dep_ == "pobj" and p.lemma_.lower() in weapons
                for c in a.children
                if c.dep_ == "prep" and c.lower_ == "with"
                for p in c.children
            )
        )
        or (
            a.lemma_.lower() in lex.verbs["weapon_holding"]
            and any(c.dep_ == "dobj" and c.lemma_.lower() in weapons for c in a.children)
        )
        for a in arming
    )


def _after_another_clause(verb: Token, participle: Token) -> bool:
    """ "NAME watched the screen as it showed her son follow the gunman, carrying a rifle": a participle
    after a clause with a subject of its own tells of the people of that clause, not of the verb's subject
    (a relative clause tells of a place or thing: "walked into the canteen, where pupils ate, carrying a rifle")."""
    between = verb.doc[verb.i + 1 : participle.i]
    return participle.i > verb.i and any(
        t.dep_ in {"nsubj", "nsubjpass"} and t.head.i != verb.i and t.head.dep_ != "relcl" for t in between
    )


def _sold_weapon(verb: Token, name: set[int], lex: ActorLexicon) -> str:
    """The selling word when the clause has him sell a weapon ("admitted selling the pistol", "accused of
    having sold the rifle to the killer", "dealing firearms", "illegal arms sales"), or ""."""
    # (explosives supplied for a bombing are part of making the bomb: "found guilty of supplying explosives")
    weapons = (lex.verbs["armed_with"] - lex.verbs["bombs"]) | {"arms", "ammunition"}
    for tok in verb.subtree:
        if tok.lemma_.lower() not in lex.verbs["weapon_selling"] and tok.lower_ not in lex.verbs["weapon_selling"]:
            continue
        if any(_own_subject(node) or (node.pos_ == "PROPN" and node.i not in name) for node in _between(tok, verb)):
            # another's clause: "X was convicted, whilst Y was found guilty of selling X weapons",
            # "X met Y, who sold him the rifle"
            continue
        goods = [c for t in (tok, *tok.conjuncts) for c in t.children if c.dep_ in {"dobj", "compound", "prep"}]
        goods += [p for c in goods if c.dep_ == "prep" and c.lower_ in {"of", "with"} for p in c.children]
        if tok.dep_ in {"amod", "compound"}:
            goods.append(tok.head)  # "dealing firearms", read as an adjective
        if any(g.lemma_.lower() in weapons or g.lower_ in weapons for g in goods):
            return tok.lemma_.lower()
    return ""


def _own_subject(verb: Token) -> bool:
    """A subject of its own, not a relative pronoun standing for the noun it hangs on ("who", "that")."""
    return any(c.dep_ in SUBJECT_DEPS and c.tag_ not in {"WP", "WDT"} for c in verb.children)


def _between(tok: Token, top: Token) -> list[Token]:
    """The token and its ancestors below `top`."""
    out = []
    while tok.i != top.i and tok.head.i != tok.i:
        out.append(tok)
        tok = tok.head
    return out


def _bought_weapon(verb: Token, lex: ActorLexicon) -> bool:
    """A weapon bought for himself: "bought a rifle online"; not for someone else ("bought
    him a pistol", "bought the rifle for his son") nor one a clause ties to another ("the gun his son used")."""
    if verb.lemma_.lower() not in lex.verbs["weapon_buying"]:
        return False
    if any(c.dep_ == "dative" or (c.dep_ == "prep" and c.lower_ == "for") for c in verb.children):
        return False
    return any(
        c.dep_ == "dobj"
        and c.lemma_.lower() in lex.verbs["armed_with"]
        and not any(d.dep_ in {"relcl", "acl"} for d in c.children)
        for c in verb.children
    )


def _placed_bomb(verb: Token, lex: ActorLexicon) -> bool:
    """A bomb put somewhere, in the active voice: "planted at least one bomb", "left two bombs"."""
    return verb.lemma_.lower() in lex.verbs["bomb_placing"] and any(
        c.dep_ == "dobj" and any(t.lemma_.lower() in lex.verbs["bombs"] for t in c.subtree) for c in verb.children
    )


def _own_bomb_went_off(verb: Token, lex: ActorLexicon) -> bool:
    """ "NAME was among the 13 killed when his bomb exploded", "... when his homemade device went off"."""
    return any(
        c.dep_ == "advcl"
        and c.lemma_.lower() in {"explode", "detonate", "go"}
        and _within_clause(c.head, verb)
        and any(
            s.dep_ == "nsubj"
            and s.lemma_.lower() in lex.verbs["bombs"] | {"device"}
            and any(p.dep_ == "poss" and p.lower_ in {"his", "her"} for p in s.children)
            for s in c.children
        )
        for c in verb.subtree
    )


def _within_clause(tok: Token, verb: Token) -> bool:
    """`tok` is `verb` or hangs on it through its objects and their modifiers ("was among the 13 killed"),
    not through a clause with a subject of its own ("said the man was killed")."""
    while tok.i != verb.i:
        if tok.dep_ not in {"acl", "pobj", "prep", "attr", "dobj"} or tok.head.i == tok.i:
            return False
        tok = tok.head
    return True


def _among_attackers(verb: Token, lex: ActorLexicon) -> bool:
    """ "was among those who attacked", "was among the men who opened fire", "is the only surviving member of
    the unit that attacked the city"."""
    groups = [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "among" for p in c.children]
    members = [c for c in verb.children if c.dep_ == "attr" and c.lemma_.lower() == "member"]
    groups += [p for m in members for p in prep_objects(m)]
    return any(
        r.dep_ == "relcl" and (r.lemma_.lower() in lex.verbs["agency"] or agency_phrase(r, lex))
        for p in groups
        if p.dep_ == "pobj"
        for r in p.children
    )


def _took_lives(verb: Token, lex: ActorLexicon) -> bool:
    """ "took nine lives", "claimed the lives of two officers"; not "took his own life"."""
    return verb.lemma_.lower() in lex.verbs["life_taking"] and any(
        c.dep_ == "dobj" and c.lemma_.lower() == "life" and not any(t.lower_ == "own" for t in c.children)
        for c in verb.children
    )


def _passive_deed(agent: Token, deed: Token, lex: ActorLexicon) -> bool:
    """The passive deed is what `agent`, after "by", "to" or "on", did: "the shooting was carried out by
    NAME" (not "filmed by a passer-by"), "an explosive device was left at the bakery by NAME", "the bomb
    planted by NAME", "the bombing was attributed to NAME"; never an official's."""
    v_, lemma = lex.verbs, deed.lemma_.lower()
    done = [c for c in deed.children if c.dep_ == "nsubjpass"]  # the attack, or the bomb
    # "the bomb planted by NAME went off": the participle's noun
    named = [deed.head] if deed.dep_ == "acl" and deed.tag_ == "VBN" else []
    if deed.dep_ == "advcl" and deed.tag_ == "VBN":
        named = [c for c in deed.head.children if c.dep_ in SUBJECT_DEPS]  # "Led by NAME, the bombings killed 250"
    event = any(fold(c.text) in lex.event_nouns for c in done + named)
    if agent.head.dep_ == "agent":
        bomb = any(fold(t.text) in v_["armed_with"] for c in done for t in c.subtree) or any(
            fold(c.text) in v_["armed_with"] for c in named
        )
        # "the bombings were led by NAME" (not "the vigil was led by a pastor": the attack itself)
        led = lemma == "lead" and any(fold(c.text) in lex.involving_deeds for c in done + named)
        did = (lemma in v_["agency_event"] - v_["witness"] and event) or (lemma in v_["bomb_placing"] and bomb) or led
    else:
        did = agent.head.lower_ in {"to", "on"} and lemma in v_["blame"] and event
    return did and not is_official(agent, lex)


def _to_objects(verb: Token) -> list[Token]:
    """ "admitted to the attack", "confessed to the killings": the deed after "to"."""
    return [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "to" for p in c.children if p.dep_ == "pobj"]


def _named_what(verb: Token) -> list[Token]:
    """ "carried out what officials are calling the deadliest attack", "committed what police described as
    a hate crime": the deed a free relative clause names."""
    clauses = [
        c for c in verb.children if c.dep_ == "ccomp" and any(w.lower_ == "what" for w in c.children if w.i < c.i)
    ]
    named = [n for c in clauses for n in c.children if n.dep_ in {"oprd", "attr", "dobj"} and n.lower_ != "what"]
    return named + [n for c in clauses for n in prep_objects(c, "as")]


def _attacks_after(verb: Token, lex: ActorLexicon) -> bool:
    """A participle clause after the act says it was an attack: "drove a truck down a bike path, killing
    eight people", "walked along the beach, pulling out a rifle and opening fire"."""
    clauses = [c for c in verb.children if participle_after(c)]
    if not clauses:
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if any(is_people(o, lex) or role_of(o, lex) or o.ent_type_ == "PERSON" for o in objects):
        return False  # "remembered a man on top of him, stabbing him": the participle is the man's
    return any(attacks(v, lex) for c in clauses for v in (c, *c.conjuncts))


def _harmed_while_attacking(verb: Token, lex: ActorLexicon) -> bool:
    """ "NAME was killed after entering a police station armed with a knife, seriously wounding two officers":
    the participle clause is what the one killed did (not "was shot in the head, killing her instantly")."""
    clauses = [c for c in verb.children if participle_after(c)]
    objects = [o for c in clauses for o in c.children if o.dep_ == "dobj"]
    return (
        bool(objects)
        and not any(o.lower_ in {"him", "her", "them"} for o in objects)
        and any(attacks(v, lex) for c in clauses for v in (c, *c.conjuncts))
    )


def _attacked_before(node: Token, lex: ActorLexicon) -> bool:
    """ "officers shot Doe seconds after he opened fire": the first "he" or "she" after the name, as the
    subject of a time clause that attacks, is the person the police shot."""
    pronoun = next((t for t in node.doc[node.i + 1 : node.sent.end] if t.lower_ in {"he", "she"}), None)
    if pronoun is None or pronoun.dep_ != "nsubj" or pronoun.head.dep_ != "advcl":
        return False
    return any(c.dep_ == "mark" for c in pronoun.head.children) and attacks(pronoun.head, lex)


def _at_the_hands_of(node: Token, lex: ActorLexicon) -> bool:
    """ "were killed at the hands of NAME", "it came at the hands of NAME": deaths the name dealt (not "years
    of abuse at the hands of his stepfather": no death in the sentence)."""
    hands = node.head.head
    if not (node.dep_ == "pobj" and node.head.lower_ == "of" and hands.lower_ == "hands" and hands.head.lower_ == "at"):
        return False
    deaths = lex.verbs["harm"] | lex.verbs["die"] | {"come", "death", "life"}
    deeds = (lex.owned_deeds | lex.done_by) - {"manifesto"}
    return any(t.lemma_.lower() in deaths or fold(t.text) in deeds for t in node.sent)


def _object_cues(node: Token, lex: ActorLexicon) -> list[Cue]:
    """The person as object: "Doe shot Diaz", "remembered Diaz as", "police arrested Doe"."""
    w, v_ = lex.weights, lex.verbs
    if node.dep_ == "pobj" and node.head.dep_ == "agent" and node.head.head.lemma_.lower() in v_["harm"]:
        # "Diaz was shot by her former husband, Mark Diaz": the agent of the harm
        cue = harm_agent_cue(node, lex)
        return [cue] if cue is not None else []
    deed = node.head.head
    if (
        node.dep_ == "pobj"
        and node.head.dep_ == "agent"
        and deed.lemma_.lower() in v_["abet"]
        and any(c.dep_ == "nsubjpass" and _the_attacker(c, lex) for c in deed.children)
    ):  # "The bombers were helped by A and B": the attackers' helpers are accomplices
        return [Cue("perpetrator", f"legal:{deed.lemma_.lower()}-attacker", w["legal"])]
    if node.dep_ == "pobj" and _passive_deed(node, deed, lex):
        return [Cue("perpetrator", f"agency:{deed.lemma_.lower()}-{node.head.lower_}", w["agency"])]
    if (
        node.dep_ == "pobj"
        and node.head.lower_ == "of"
        and deed.lemma_.lower() == "life"
        and deed.dep_ == "dobj"
        and _took_lives(deed.head, lex)
    ):
        return [Cue("victim", "harmed:took-lives", w["harmed"])]  # "a gunman took the lives of A, B and C"
    if _at_the_hands_of(node, lex):
        return [Cue("perpetrator", "agency:at-the-hands", w["agency"])]
    handed = node.dep_ == "pobj" and node.head.lower_ == "to"
    if handed and (_sentence_handed(deed, lex, "nsubjpass") or _sentence_handed(deed, lex, "dobj")):
        # "Death sentences were handed down to NAME", "the court gave the life sentence to NAME"
        return [Cue("perpetrator", "legal:sentence", w["legal"])]
    if (
        node.dep_ == "pobj"
        and node.head.lower_ == "by"
        and node.head.head.pos_ == "NOUN"
        and (node.head.head.lemma_.lower() in lex.owned_deeds or fold(node.head.head.text) in lex.done_by)
        and role_of(node, lex) != "official"
    ):  # "the attack by Ana Doe", "the massacre by Ana Doe", "the mass shooting by Ana Doe"
        return [Cue("perpetrator", f"agency:{node.head.head.lemma_.lower()}-by", w["agency"])]
    if node.dep_ not in {"dobj", "pobj"}:
        return []
    verb = node.head if node.dep_ == "dobj" else node.head.head
    prep = node.head.lower_ if node.dep_ == "pobj" else ""
    lemma = verb.lemma_.lower()
    subject = subject_of(verb)
    if node.dep_ == "dobj" and lemma in v_["remember"]:
        return [Cue("victim", "remembered", w["remembered"])]
    if node.dep_ == "dobj" and _cleared(verb):
        return [Cue("other", "cleared", w["legal"])]
    if node.dep_ == "dobj" and lemma in v_["legal_passive"]:
        return [Cue("perpetrator", f"legal:{lemma}", w["legal"])]
    if (
        node.dep_ == "dobj"
        and lemma == "suspect"
        and verb.pos_ == "VERB"
        and (of_attack(verb, lex) or of_attack(node, lex))
    ):
        return [Cue("perpetrator", "legal:suspect", w["legal"])]  # "Investigators suspect NAME of detonating a bomb"
    if node.dep_ == "dobj" and lemma == "find":
        # "a jury found Doe guilty of murder", "the inquest found Doe responsible for the deaths"
        verdict = next((c.lower_ for c in (*verb.children, *node.children) if c.lower_ in _VERDICTS), None)
        if verdict is not None:
            return [Cue("perpetrator", f"legal:find-{verdict}", w["legal"])]
    if node.dep_ == "dobj" and lemma == "hunt" and (subject is None or role_of(subject, lex) == "official"):
        return [Cue("perpetrator", "at-large:search", w["at_large"])]  # "police are hunting two brothers"
    if prep == "for" and lemma in v_["search"]:
        # "police are searching for Doe" (not "he searched online for Doe")
        if subject is None or role_of(subject, lex) == "official" or subject.lower_ in {"they", "we"}:
            return [Cue("perpetrator", "at-large:search", w["at_large"])]
        return []
    if node.dep_ == "dobj" and node.pos_ == "PROPN" and (lemma in v_["helper"] or lemma == "thwart"):
        # "passers-by tackled NAME", "those who tried to thwart NAME": the one stopped is the attacker, unless
        # the attacker did it ("the gunman overpowered NAME")
        stopper = subject.head.head if subject is not None and subject.lower_ in {"who", "that"} else subject
        if stopper is None or role_of(stopper, lex) != "perpetrator":
            return [Cue("perpetrator", "agency:stopped", w["agency"])]
    harmful = lemma in v_["harm"] or lemma in v_["agency"] or (lemma == "open" and prep)
    if harmful and (node.dep_ == "dobj" or prep in {"on", "at"}):
        if subject is not None and subject.lower_ in {"who", "that"} and subject.head.dep_ == "relcl":
            subject = subject.head.head  # "the officers who shot and wounded Doe"
        if is_official(subject, lex):
            stopped = [Cue("perpetrator", "shot-by-police", w["shot_by_police"])]
            if _attacked_before(node, lex):
                stopped.append(Cue("perpetrator", "agency:before-shot", w["agency"]))
            return stopped
        if role_of(node, lex) != "perpetrator":
            return [Cue("victim", f"harmed:{lemma}", w["harmed"])]
    return []
