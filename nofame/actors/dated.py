"""Earlier attackers the story dates: "In 2008, NAME killed seven people at a station", in a story about
another attack.

A story that compares its attack with earlier ones names their attackers in sentences that carry the
year of those attacks. A perpetrator named less often than the story's own, whose every mention sits in
a sentence with a year that no sentence naming the story's own perpetrator carries, who attacked
(a deed or a perpetrator noun, no court cue: accomplices are tried in the story's own case) and shares
no name with another perpetrator, is an earlier attacker: `prior-attacker-reference` flags him and he is not this
article's perpetrator.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

from nofame.actors.names import name_words
from nofame.actors.types import Actor, Cast

CUE = "earlier-attacker:dated"

_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_ATTACKED = ("agency:", "title:", "apposition:")


def mark_dated_attackers(cast: Cast, texts: Mapping[str, str]) -> Cast:
    """The cast with dated earlier attackers moved out of the perpetrators and listed in `earlier`. Only when
    the story dates its own attack too: a trial report's "in 2017" may be the year of its own attack."""
    own = [a for a in cast.actors if a.role == "perpetrator"]
    if len(own) < 2:
        return cast
    most = max(len(a.mentions) for a in own)
    main = [a for a in own if len(a.mentions) == most]
    own_years = {y for a in main for m in a.mentions for y in sentence_years(texts.get(m.field, ""), m.start)}
    # and the headline and the lede, which date the story's attack
    own_years |= {y for name in ("headline", "body") for y in sentence_years(texts.get(name, ""), 0)}
    if not own_years:
        return cast  # the story dates nothing of its own attack: a year cannot tell another attack apart
    earlier = set()
    for a in own:
        mine = set(name_words(a.name))
        # "Rashid Omari" beside "Rashid Omari Mbuya" is the same man; a shared surname, a brother
        shared = mine & {w for b in own if b is not a for w in name_words(b.name)}
        if len(a.mentions) >= most or shared or not _attacked(a):
            continue
        years = [set(sentence_years(texts.get(m.field, ""), m.start)) for m in a.mentions]
        if all(years) and not set().union(*years) & own_years:
            earlier.add(a.id)
    if not earlier:
        return cast
    actors = tuple(replace(a, role="other", cues=(*a.cues, CUE)) if a.id in earlier else a for a in cast.actors)
    return replace(cast, actors=actors, earlier=tuple(sorted({*cast.earlier, *earlier})))


def _attacked(actor: Actor) -> bool:
    perpetrator = any(c.startswith(_ATTACKED) for c in actor.cues)
    return perpetrator and not any(c.startswith(("legal:", "relative:")) for c in actor.cues)


def sentence_years(text: str, at: int) -> list[str]:
    """The years written in the sentence around `at`."""
    start = max(text.rfind(". ", 0, at), text.rfind("\n", 0, at)) + 1
    ends = [i for i in (text.find(". ", at), text.find("\n", at)) if i != -1]
    return _YEAR.findall(text, start, min(ends) if ends else len(text))
