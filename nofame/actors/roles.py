"""Roles from cues: weighted cues compete, the strongest role wins; a tie never makes a perpetrator."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from nofame.actors.cues import Cue
from nofame.actors.lexicon import ActorLexicon

VIOLENCE_CUES = frozenset(
    {"agency", "harmed", "legal", "at-large", "victim-list", "died", "shot-by-police", "victim-state", "identified"}
)

# Cues of a perpetrator noun given to the name: "the suspect, NAME", "gunman NAME", "identified as the attacker".
_ROLE_NOUN_CUES = ("apposition:", "title:", "identified:", "predicate:")

_TIE_ORDER = ("victim", "official", "helper", "perpetrator", "other")  # a tie never makes a perpetrator


def score_cues(cues: Iterable[Cue]) -> dict[str, float]:
    """Weights summed per role; the same cue again adds half as much, up to twice its weight
    (a nurse called a nurse in every paragraph is no more a helper for it)."""
    cues = list(cues)
    # Someone who attacked people and was then shot or died is the attacker at his end, not a victim:
    # "NAME slashed his way through the crowd. ... NAME was shot and killed."
    attacked = any(c.role == "perpetrator" and c.name.startswith("agency:") for c in cues)
    # A defendant's call to 911 ("who called 911 moments after the rampage") is no rescue.
    on_trial = any(c.role == "perpetrator" and c.name.startswith("legal:") for c in cues)
    # "The suspect, NAME, was shot dead when officers stopped his car": a role noun says whose end it was.
    named = any(c.role == "perpetrator" and c.name.startswith(_ROLE_NOUN_CUES) for c in cues)
    # "Officers had been hunting for NAME since the attack. NAME was shot dead": the hunted man's end.
    hunted = any(c.name.startswith("at-large:") for c in cues)
    # "Authorities cleared NAME": what made him a suspect no longer counts; only what he did would.
    cleared = any(c.name == "cleared" for c in cues)
    # "NAME was convicted of obstruction of justice": his court steps are for something else; unless a court
    # step of his names the attack ("charged with murder"), only what he did would make him the attacker.
    lesser = any(c.name == "lesser-charge" for c in cues)
    scores: dict[str, float] = defaultdict(float)
    seen: dict[str, int] = defaultdict(int)
    for cue in cues:
        if cleared and cue.role == "perpetrator" and not cue.name.startswith("agency:"):
            continue
        if lesser and cue.role == "perpetrator" and cue.name.startswith("legal:"):
            continue
        if (attacked or on_trial or named or hunted) and (cue.name.startswith("harmed:") or cue.name == "died"):
            continue  # nor is a defendant who was wounded when police stopped him
        if (on_trial or attacked) and cue.name == "helper:act":
            continue  # nor is the call of a man who shot people ("Doe then called police himself")
        if named and cue.name.startswith("rank:"):
            continue  # "The gunman, Sergeant NAME,": the attacker's own grade, no office
        seen[cue.name] += 1
        n = seen[cue.name]
        scores[cue.role] += cue.weight if n == 1 else (cue.weight / 2 if n <= 3 else 0.0)
    return scores


def pick_role(scores: Mapping[str, float], lex: ActorLexicon, *, allow_perpetrator: bool) -> tuple[str, float]:
    usable = {
        role: s
        for role, s in scores.items()
        if s >= (lex.min_perpetrator if role == "perpetrator" else lex.min_role)
        and (allow_perpetrator or role != "perpetrator")
    }
    if not usable:
        return "other", 0.5
    best = max(_TIE_ORDER, key=lambda role: (usable.get(role, 0.0), -_TIE_ORDER.index(role)))
    total = sum(s for role, s in scores.items() if allow_perpetrator or role != "perpetrator")
    return best, round(min(0.99, usable[best] / (total + 1.0)), 2)
