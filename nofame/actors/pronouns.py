"""What "he" or "she" did next: the sentence after a name, when the parse gives the name no role.

Real coverage often introduces the attacker in one sentence and tells what happened to him in the next
through a pronoun: "NAME, 29, called 911 during the attack. He was killed in a shootout with police."
Only a name that is the subject of its sentence and the only person named there lends the pronoun's
perpetrator or victim cues, so that "he" cannot stand for someone else.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from nofame.actors.cues import Cue
from nofame.actors.fields import Field
from nofame.actors.grammar import SUBJECT_DEPS, subject_verbs
from nofame.actors.lexicon import ActorLexicon
from nofame.actors.verbs import verb_cues


def pronoun_cues(f: Field, head: Token, sent: Span, lex: ActorLexicon) -> list[Cue]:
    """The perpetrator or victim cues of a "he" or "she" that opens the next sentence as its subject."""
    if head.dep_ not in SUBJECT_DEPS or _persons_in(f, sent) != 1:
        return []
    following = f.sent_after(sent)
    if following is None:
        return []
    pronoun = next((t for t in following if t.dep_ in SUBJECT_DEPS), None)
    if pronoun is None or pronoun.lower_ not in {"he", "she"} or pronoun.head.dep_ != "ROOT":
        return []
    found = verb_cues(
        f.doc[pronoun.i : pronoun.i + 1], pronoun, subject_verbs(pronoun), f.has_in(f.self_harm, following), lex
    )
    return [c for c in found if c.role in {"perpetrator", "victim"}]


def _persons_in(f: Field, sent: Span) -> int:
    return sum(1 for e in f.ents if e.label_ == "PERSON" and sent.start <= e.start < sent.end)
