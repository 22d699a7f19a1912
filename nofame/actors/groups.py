"""Names that act together: several people named as one subject, and what "the couple" did next.

Coverage of attackers who acted together often names them in one sentence and tells the attack in the
next through a group word: "A, 28, and B, 27, dropped off their baby. By noon the couple had stormed a
party, killing 14 people." Each name of the list gets the attack when the next sentence's subject is a
group word ("they", "the couple", "the two men") and its verb, or one joined to it, is an attack; or
when the group is charged, tried or denies the charges ("They have denied the charges").
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from nofame.actors.cues import Cue
from nofame.actors.fields import Field
from nofame.actors.grammar import (
    SUBJECT_DEPS,
    attack_objects,
    attacks,
    clause_text,
    first_conjunct,
    is_people,
    legal_act,
)
from nofame.actors.lexicon import ActorLexicon, role_of
from nofame.actors.names import fold


def group_cues(f: Field, span: Span, head: Token, lex: ActorLexicon) -> list[Cue]:
    """An agency cue for a name in a list of names that is a subject, when the next sentence's group
    subject attacks."""
    first = first_conjunct(head)
    # "At the heart of the case, two men: A and B.": a list set beside a noun, in a sentence with no verb
    beside_noun = first.dep_ == "appos" and first.head.dep_ == "ROOT" and first.head.pos_ == "NOUN"
    if not (first.dep_ in SUBJECT_DEPS or beside_noun) or first.pos_ != "PROPN":
        return []
    # The parser joins the names, or hangs each on the verb as a subject of its own.
    together = [*first.conjuncts, *(c for c in first.head.children if c.dep_ in SUBJECT_DEPS and c != first)]
    if not any(t.pos_ == "PROPN" for t in together):
        return []
    following = f.sent_after(f.sent_of(span.start))
    if following is None:
        return []
    group = next((t for t in following if t.dep_ in SUBJECT_DEPS and _group_word(t, lex)), None)
    if group is None:
        return []
    for verb in (t for t in following if t.pos_ == "VERB"):
        subject = _subject(verb)
        if (subject == group or not _someone(subject, lex)) and _attacks_people(verb, lex):
            return [Cue("perpetrator", f"agency:{group.lower_}", lex.weights["agency"])]
        if subject == group and _legal(verb, group, lex):
            # "A, B and C knew about the plan. They have denied the charges."
            return [Cue("perpetrator", f"legal:{group.lower_}", lex.weights["legal"])]
    return []


def _subject(verb: Token) -> Token | None:
    """The verb's subject, or that of the verb it is joined to ("..., killing five people" is the gunman's
    in "a gunman opened fire, killing five people")."""
    for _ in range(3):
        subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is not None or verb.dep_ not in {"conj", "advcl", "xcomp"}:
            return subject
        verb = verb.head
    return None


def _legal(verb: Token, subject: Token, lex: ActorLexicon) -> bool:
    """ "They were arrested", "they pleaded guilty", "they have denied the charges"."""
    if subject.dep_ == "nsubjpass" and verb.lemma_.lower() in lex.verbs["legal_passive"]:
        return True
    return legal_act(verb, lex) or bool(lex.legal_re.search(clause_text(verb)))


def _someone(tok: Token | None, lex: ActorLexicon) -> bool:
    """A person as subject ("a gunman", "he", a name), not a word the parser took for one ("the couple had
    donned assault clothing, armed ..." made "clothing" the subject of "armed")."""
    if tok is None:
        return False
    return tok.pos_ in {"PRON", "PROPN"} or bool(role_of(tok, lex)) or fold(tok.text) in lex.people_nouns


def _group_word(tok: Token, lex: ActorLexicon) -> bool:
    """ "they", or a group noun with "the" ("the couple", "the two men"), not "two people"."""
    if tok.lower_ == "they":
        return True
    if tok.pos_ not in {"NOUN", "NUM"} or tok.lower_ not in lex.group_nouns:
        return False
    return any(c.lower_ == "the" for c in tok.children) or (tok.i > 0 and tok.doc[tok.i - 1].lower_ == "the")


def _attacks_people(verb: Token, lex: ActorLexicon) -> bool:
    """An attack ("opened fire", "stormed a party"); an "-ing" clause only on people ("killing 14 people",
    not "killing time")."""
    if verb.tag_ != "VBG":
        return attacks(verb, lex)
    return attacks(verb, lex) and any(is_people(o, lex) for o in attack_objects(verb, lex))
