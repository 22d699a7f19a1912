"""Shared surnames: which of several actors a bare "Doe" means, by context, gender and recency."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from spacy.tokens import Span

from nofame.actors.clusters import Raw
from nofame.actors.cues import Cue
from nofame.actors.fields import Field
from nofame.actors.lexicon import ActorLexicon


def _sentence_key(fields: Sequence[Field], raw: Raw) -> tuple[int, int]:
    f = fields[raw.field]
    return (raw.field, f.sent_of(f.token_at(raw.name_start)).start)


def _pronoun_gender(f: Field, sent: Span, lex: ActorLexicon) -> str:
    """The gender of subject and possessive pronouns in a sentence, when only one is used."""
    seen = {
        lex.pronouns[t.lower_]
        for t in f.tokens_in(f.pronouns, sent)
        if t.lower_ in lex.pronouns and t.dep_ in {"nsubj", "nsubjpass", "poss"}
    }
    return seen.pop() if len(seen) == 1 else ""


def actor_genders(
    fields: Sequence[Field], raws: Sequence[Raw], cues: Mapping[int, list[Cue]], lex: ActorLexicon
) -> dict[int, str]:
    """Each actor's gender from courtesy titles, gendered role nouns and pronouns near its full name."""
    votes: dict[int, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    per_sentence: dict[tuple[int, int], set[int]] = defaultdict(set)
    for r in raws:
        if len(r.candidates) == 1:
            per_sentence[_sentence_key(fields, r)].add(r.candidates[0])
    for k, r in enumerate(raws):
        if len(r.candidates) != 1:
            continue
        actor = r.candidates[0]
        if r.courtesy in {"female", "male"}:
            votes[actor][r.courtesy] += 3
        for cue in cues.get(k, ()):
            if cue.gender:
                votes[actor][cue.gender] += 3
        f = fields[r.field]
        if f.parsed and per_sentence[_sentence_key(fields, r)] == {actor}:
            gender = _pronoun_gender(f, f.sent_of(f.token_at(r.name_start)), lex)
            if gender:
                votes[actor][gender] += 1
    out = {}
    for actor, v in votes.items():
        if v.get("female", 0) != v.get("male", 0):
            out[actor] = "female" if v.get("female", 0) > v.get("male", 0) else "male"
    return out


def resolve_owners(
    fields: Sequence[Field],
    raws: Sequence[Raw],
    cues: Mapping[int, list[Cue]],
    provisional: Mapping[int, str],
    genders: Mapping[int, str],
    lex: ActorLexicon,
    relatives: frozenset[int] = frozenset(),
) -> list[int]:
    """The actor of every occurrence; bare shared surnames by context, then by the latest full name.

    `relatives` are actors introduced as someone's relative ("his mother, Dawn Doe"): when the context
    does not settle a bare "Doe", it is the person the relative is related to, not the relative."""
    full_in_sentence: dict[tuple[int, int], set[int]] = defaultdict(set)
    full_count: dict[int, int] = defaultdict(int)
    for r in raws:
        if r.full:
            full_in_sentence[_sentence_key(fields, r)].add(r.candidates[0])
            full_count[r.candidates[0]] += 1
    out: list[int] = []
    last_full: dict[int, tuple[int, int]] = {}
    for k, r in enumerate(raws):
        if r.full:
            last_full[r.candidates[0]] = r.order
        cands = list(r.candidates)
        if len(cands) > 1:
            cands = _narrow(fields, r, cands, cues.get(k, []), provisional, genders, full_in_sentence, lex)
        if len(cands) > 1:
            cands = [c for c in cands if c not in relatives] or cands
        if len(cands) > 1:
            before = [c for c in cands if c in last_full]
            if before:
                cands = [max(before, key=lambda c: last_full[c])]
            else:  # a headline before any full name: the actor named most often in full
                cands = [max(cands, key=lambda c: (full_count[c], -c))]
        out.append(cands[0])
    return out


def _narrow(
    fields: Sequence[Field],
    r: Raw,
    cands: list[int],
    cues: Sequence[Cue],
    provisional: Mapping[int, str],
    genders: Mapping[int, str],
    full_in_sentence: Mapping[tuple[int, int], set[int]],
    lex: ActorLexicon,
) -> list[int]:
    def keep(filtered: list[int]) -> list[int]:
        return filtered if filtered else cands

    key = _sentence_key(fields, r)
    # "Doe's mother, Mary Doe, said": a surname next to someone's full name is somebody else.
    cands = keep([c for c in cands if c not in full_in_sentence.get(key, set())])
    if r.courtesy in {"female", "male"}:
        cands = keep([c for c in cands if genders.get(c) == r.courtesy])
    strong = [c for c in cues if c.weight >= 2.0 and c.role != "other"]
    if len(cands) > 1 and strong:
        cands = keep([c for c in cands if provisional.get(c) == strong[0].role])
    f = fields[r.field]
    if len(cands) > 1 and f.parsed:
        gender = _pronoun_gender(f, f.sent_of(f.token_at(r.name_start)), lex)
        if gender:
            cands = keep([c for c in cands if genders.get(c) == gender])
    return cands
