"""Perpetrators of earlier, widely covered attacks, recognised by name.

The names are kept only as salted SHA-256 hashes of their normalised form, so that neither the
repository nor the package prints a roll of attackers' names; `nofame past-perpetrator-hash NAME`
prints the line to add one. A person on the list named less often than a perpetrator of the article's
own, who is not on the list and no relative of his, is an earlier attacker: `prior-attacker-reference`
flags him and he does not count as this article's perpetrator. In a story about a listed attack, other
listed people with nothing that ties them to it are earlier attackers too. One the story introduces as a
relative ("his wife, NAME") attacked alongside its perpetrator. A story in attack words that finds no
perpetrator of its own is about the listed attacker it names most, unless it says its attacker is unnamed:
then the listed names are earlier attackers.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from nofame.actors.dated import sentence_years
from nofame.actors.names import name_words
from nofame.actors.types import Actor, Cast
from nofame.context import ArticleContext
from nofame.errors import RuleError

CUE = "earlier-attacker:listed"
PARTNER_CUE = "listed-attacker:relative"
NAMED_CUE = "listed-attacker:named"
# Roles a listed attacker is promoted from: "victim" too, as a name beside the toll reads as a victim.
_PROMOTABLE = frozenset({"other", "victim"})


@dataclass(frozen=True)
class PastPerpetrators:
    salt: str
    hashes: frozenset[str]

    def knows(self, name: str) -> bool:
        return any(name_hash(self.salt, form) in self.hashes for form in name_forms(name))


EMPTY = PastPerpetrators("", frozenset())


def name_forms(name: str) -> set[str]:
    """The folded full name and its first-and-last form ("John A. Doe Jr." -> "john a doe", "john doe")."""
    words = [w for w in name_words(name) if len(w) > 1]
    if len(words) < 2:
        return set()  # a surname alone is too common to say who is meant
    return {" ".join(words), f"{words[0]} {words[-1]}"}


def name_hash(salt: str, form: str) -> str:
    return hashlib.sha256(f"{salt}:{form}".encode()).hexdigest()


def load_past_perpetrators(path: Path) -> PastPerpetrators:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise RuleError(f"{path}: cannot read the list of past perpetrators ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("salt"), str) or not isinstance(data.get("hashes"), list):
        raise RuleError(f"{path}:1: needs `salt` (a string) and `hashes` (a list of sha256 hex digests)")
    hashes = data["hashes"]
    if not all(isinstance(h, str) and re.fullmatch(r"[0-9a-f]{64}", h) for h in hashes):
        raise RuleError(f"{path}: every entry of `hashes` must be a sha256 hex digest")
    return PastPerpetrators(data["salt"], frozenset(hashes))


def mark_earlier_attackers(
    cast: Cast, known: PastPerpetrators, texts: Mapping[str, str], *, attacker_unnamed: bool = False
) -> Cast:
    """Listed people become earlier attackers when the article has a perpetrator of its own, not on the list,
    who is named more often than they are and is no relative of theirs (brothers, accomplices and this
    attack's own perpetrator, whatever else the engine thought, stay), or when the story says its attacker is
    unnamed."""
    listed = [a for a in cast.actors if _listed(known, a)]
    own = [a for a in cast.actors if a.role == "perpetrator" and a not in listed]
    if not own and attacker_unnamed:
        # "Police have not named the gunman, who had praised NAME": the listed names are earlier attackers, but
        # not one the engine found attacking here (a story can name one attacker and withhold another).
        return _as_earlier(cast, {a.id for a in listed if a.role != "perpetrator" and not _relative(a)})
    if not own:
        # A story about a listed attack: its perpetrator is the listed one it names most, as its perpetrator; the
        # other listed names are earlier attackers only when no cue ties them to this attack, as his accomplices
        # are often listed too (a year is no help here: the story dates its own attack).
        own = _most_named([a for a in listed if a.role == "perpetrator"])
        listed = [a for a in listed if a not in own and not a.cues]
    if not listed or not own:
        return cast
    most = max(len(a.mentions) for a in own)
    surnames = {_surname(a.name) for a in own}
    years = {a.id: _years(a, texts) for a in (*listed, *own)}
    dated = {a.id for a in listed if years[a.id]}
    # A listed attacker named as often as the story's own is an earlier one when his years are never its own
    # ("Norway 2011: ... Breivik" in a story of a 1980 bombing).
    own_years = set().union(*(years[a.id] for a in own))
    other_years = {a.id for a in listed if own_years and years[a.id] and not years[a.id] & own_years}
    # A listed attacker the story introduces as a relative ("his wife, NAME") attacked with its own perpetrator.
    partners = {a.id for a in listed if a.id not in dated and _relative(a)}
    earlier = {
        a.id
        for a in listed
        if (len(a.mentions) < most or (len(a.mentions) == most and a.id in other_years))
        and _surname(a.name) not in surnames
        and a.id not in partners
        # The engine's own perpetrator stays one unless a year places him in another attack ("in 2015").
        and (a.role != "perpetrator" or a.id in dated)
    }
    cast = replace(
        cast,
        actors=tuple(
            replace(a, role="perpetrator", cues=(*a.cues, PARTNER_CUE)) if a.id in partners else a for a in cast.actors
        ),
    )
    return _as_earlier(cast, earlier)


def _as_earlier(cast: Cast, earlier: set[str]) -> Cast:
    if not earlier:
        return cast
    actors = tuple(replace(a, role="other", cues=(*a.cues, CUE)) if a.id in earlier else a for a in cast.actors)
    return replace(cast, actors=actors, earlier=tuple(sorted(earlier)))


def name_listed_perpetrator(cast: Cast, known: PastPerpetrators, context: ArticleContext) -> Cast:
    """A story in attack words that found no perpetrator of its own but names a listed attacker is about his
    attack ("Details on NAME are surfacing"): the listed person it names most is its perpetrator. Not when it
    says its attacker is unnamed; a story with a perpetrator of its own is left to `mark_earlier_attackers`."""
    if cast.perpetrators or context.attacker_unnamed or not (context.attack_words or context.attack):
        return cast
    listed = [a for a in cast.actors if a.role in _PROMOTABLE and _listed(known, a)]
    chosen = {a.id for a in _most_named(listed)}
    if not chosen:
        return cast
    actors = tuple(
        replace(a, role="perpetrator", cues=(*a.cues, NAMED_CUE)) if a.id in chosen else a for a in cast.actors
    )
    return replace(cast, actors=actors)


def _years(actor: Actor, texts: Mapping[str, str]) -> set[str]:
    """The years written in the sentences that name the actor."""
    return {y for m in actor.mentions for y in sentence_years(texts.get(m.field, ""), m.start)}


def _relative(actor: Actor) -> bool:
    return any(c.startswith("relative:") for c in actor.cues)


def _listed(known: PastPerpetrators, actor: Actor) -> bool:
    return known.knows(actor.name) or any(known.knows(alias) for alias in actor.aliases)


def _most_named(actors: list[Actor]) -> list[Actor]:
    most = max((len(a.mentions) for a in actors), default=0)
    return [a for a in actors if len(a.mentions) == most]


def _surname(name: str) -> str:
    words = name_words(name)
    return words[-1] if words else ""
