"""What "he" or "she" did next: a later clause of the name's sentence, or the sentences after it.

Real coverage often introduces the attacker in one sentence and tells what happened to him in the next
through a pronoun: "NAME, 29, called 911 during the attack. He was killed in a shootout with police."
Only a name that is the subject of its sentence, with nobody else named there, lends the pronoun's
perpetrator or victim cues, so that "he" cannot stand for someone else.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from nofame.actors.cues import Cue
from nofame.actors.fields import Field
from nofame.actors.grammar import SUBJECT_DEPS, subject_of, subject_verbs
from nofame.actors.lexicon import ActorLexicon
from nofame.actors.names import fold
from nofame.actors.verbs import verb_cues


def pronoun_cues(f: Field, head: Token, sent: Span, lex: ActorLexicon) -> list[Cue]:
    """The perpetrator or victim cues of a "he" or "she" that opens the next sentence as its subject, or
    that is the subject of a later clause of the name's own sentence ("Police said NAME wore a long coat
    and that he opened fire"), or of a "his" that owns a deed later in that sentence."""
    if head.dep_ not in SUBJECT_DEPS:
        return _cues_of(f, _object_pronouns(f, head, sent, lex), lex)
    others = _others_genders(f, sent, head, lex)
    if others and not others <= {"female", "male"}:
        return []  # somebody else is named, and nothing says he or she is not the pronoun
    if _reports_on_someone(head, sent, lex):
        return []  # "Ricard said the suspect planned ... when he came across": "he" is the suspect
    pronouns = [
        (t, sent)
        for t in f.doc[head.i + 1 : sent.end]
        if t.lower_ in {"he", "she"} and t.dep_ in SUBJECT_DEPS and t.head != head.head and t.head.i > head.i
    ][:1]
    # "NAME had been freed on parole months before his killing spree": the deed the pronoun owns is his
    # (not a speaker's: "NAME said the man carried out his attack").
    if head.head.lemma_.lower() not in lex.verbs["speech"]:
        pronouns += [
            (t, sent)
            for t in f.doc[head.i + 1 : sent.end]
            if t.lower_ in {"his", "her"}
            and t.dep_ == "poss"
            and t.head.lemma_.lower() in lex.owned_deeds
            and _clause_subject(t) == head
        ][:1]
    # "A year after he stabbed two men, NAME was ...": a clause before the name, hung on its verb
    pronouns += [
        (t, sent)
        for t in f.doc[sent.start : head.i]
        if t.lower_ in {"he", "she"} and t.dep_ in SUBJECT_DEPS and t.head.dep_ == "advcl" and t.head.head == head.head
    ][:1]
    pronouns += _openers_after(f, sent, lex)
    # "Doe walked into the home he shared with his wife, Meredith. He shot her": "he" is not the wife.
    pronouns = [(p, where) for p, where in pronouns if lex.pronouns.get(fold(p.text)) not in others]
    return _cues_of(f, pronouns, lex)


def _cues_of(f: Field, pronouns: list[tuple[Token, Span]], lex: ActorLexicon) -> list[Cue]:
    """The perpetrator and victim cues of each pronoun's verbs, read in its sentence."""
    found = [
        cue
        for pronoun, where in pronouns
        for cue in verb_cues(
            f.doc[pronoun.i : pronoun.i + 1], pronoun, subject_verbs(pronoun), f.has_in(f.self_harm, where), lex
        )
    ]
    return [c for c in found if c.role in {"perpetrator", "victim"}]


def _object_pronouns(f: Field, head: Token, sent: Span, lex: ActorLexicon) -> list[tuple[Token, Span]]:
    """A name that is the object of a group's verb, the only person named in the sentence, is whoever "he"
    or "she" is later in it: "Mourners praised NAME as a holy man and said he ... when he shot and
    killed 29 worshippers" (not "A neighbour visited NAME after he ...": the neighbour could be "he")."""
    subject = subject_of(head.head, SUBJECT_DEPS) if head.dep_ == "dobj" else None
    if subject is None or not (subject.tag_ in {"NNS", "NNPS"} or subject.lower_ in {"they", "we"}):
        return []
    if _others_genders(f, sent, head, lex):
        return []
    pronouns = [t for t in f.doc[head.i + 1 : sent.end] if t.lower_ in {"he", "she"} and t.dep_ in SUBJECT_DEPS]
    return [(t, sent) for t in pronouns[:3]]


# How many sentences in a row one "he" or "she" may open and still stand for the name: a short account
# told through the pronoun ("NAME entered the school. Then he walked to the gym. He shot ...").
_CHAIN = 3


def _openers_after(f: Field, sent: Span, lex: ActorLexicon) -> list[tuple[Token, Span]]:
    """The "he" (or "she") that opens each of the sentences after `sent` as the main subject, outside
    quotations, while the same pronoun opens them and none of them names anybody (who could be the next
    sentence's "he")."""
    out: list[tuple[Token, Span]] = []
    following = f.sent_after(sent)
    while following is not None and len(out) < _CHAIN:
        opener = next((t for t in following if t.dep_ in SUBJECT_DEPS), None)
        if opener is None or opener.lower_ not in {"he", "she"} or not _main_clause(opener.head, lex):
            break
        if f.quote_at(opener.idx) is not None:
            break  # a witness's "he", inside a quotation, is whoever the witness saw
        if out and opener.lower_ != out[0][0].lower_:
            break
        out.append((opener, following))
        if any(e.label_ == "PERSON" and following.start <= e.start < following.end for e in f.ents):
            break
        following = f.sent_after(following)
    return out


def _reports_on_someone(head: Token, sent: Span, lex: ActorLexicon) -> bool:
    """The name speaks, and what it says has a role noun for its subject ("NAME said the suspect ...",
    "NAME told reporters that the man ..."): the pronouns after it are that person's."""
    if head.head.lemma_.lower() not in lex.verbs["speech"]:
        return False
    return any(
        t.dep_ in SUBJECT_DEPS and t.pos_ == "NOUN" and lex.noun_role(t) is not None
        for t in head.doc[head.i + 1 : sent.end]
    )


def _main_clause(verb: Token, lex: ActorLexicon) -> bool:
    """The sentence's main verb, or a clause the parser hung in front of it ("he fired at them; he also
    shot ..."); not the words of a speaker named after them ("He was ..., said NAME")."""
    if verb.dep_ == "ROOT":
        return True
    front = verb.dep_ in {"ccomp", "parataxis"} and verb.head.dep_ == "ROOT" and verb.i < verb.head.i
    return front and verb.head.lemma_.lower() not in lex.verbs["speech"]


def _clause_subject(tok: Token) -> Token | None:
    """The subject of the verb `tok` hangs from: "his" in "Doe began his rampage" is Doe's, in "Doe said
    Roe carried out his attack" it is Roe's."""
    verb = next((a for a in tok.ancestors if a.pos_ in {"VERB", "AUX"}), None)
    return subject_of(verb, SUBJECT_DEPS) if verb is not None else None


def _others_genders(f: Field, sent: Span, head: Token, lex: ActorLexicon) -> set[str]:
    """The people named in the sentence besides the name at `head`, by gender where a family noun they
    stand beside tells it ("his wife, Meredith", "her brother John"); "unknown" for anyone else."""
    out = set()
    for e in f.ents:
        if e.label_ != "PERSON" or not sent.start <= e.start < sent.end or head in e or _no_one(e):
            continue
        root = e.root
        kin = root.head if root.dep_ == "appos" else next((c for c in root.children if c.dep_ == "compound"), None)
        out.add(lex.family.get(fold(kin.text), "unknown") if kin is not None else "unknown")
    return out


def _no_one(ent: Span) -> bool:
    """A PERSON entity no "he" or "she" can stand for: a plural or a name after "the" ("the Tomb of the
    Patriarchs", "the Kouachis")."""
    return ent.root.tag_ == "NNPS" or (ent.start > 0 and ent.doc[ent.start - 1].lower_ == "the")
