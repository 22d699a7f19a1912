"""Names written as one list share what the sentence says of the list.

"The men, identified as A, B, C and D, face charges": the small parser often breaks a long list of foreign
names apart (one name made the subject, another an apposition), so a cue reaches only some of the names.
A run of names with nothing but commas, "and" and ages between them is one list whatever the parse.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from itertools import pairwise

from nofame.actors.clusters import Raw
from nofame.actors.cues import Cue
from nofame.actors.fields import Field
from nofame.actors.lexicon import ActorLexicon

# What a list says of all its names: a charge, an identification, a deed. Not a title or an apposition,
# which belongs to the one name it is written beside ("A, the gunman, and B").
_SHARED = ("legal:", "identified:", "agency:", "at-large:")
_BESIDE = ("apposition:", "predicate:")
_CONJUNCTIONS = frozenset({"and", "&"})
_SEPARATORS = frozenset({",", ";", *_CONJUNCTIONS})


def list_peer_cues(
    fields: Sequence[Field], raws: Sequence[Raw], cues: Mapping[int, list[Cue]], lex: ActorLexicon
) -> dict[int, list[Cue]]:
    """For each name without a cue of its own, the perpetrator cues its list peers have; for a list no name
    of which has one, a defendant's cue where the sentence seats it in the dock."""
    # By field, not by sentence: the parser that breaks the list may also end a sentence inside it.
    by_field: dict[int, list[int]] = defaultdict(list)
    for k, r in enumerate(raws):
        if fields[r.field].parsed:
            by_field[r.field].append(k)
    out: dict[int, list[Cue]] = {}
    for field, members in by_field.items():
        f = fields[field]
        for run in _runs(f, sorted(members, key=lambda k: raws[k].start), raws):
            shared = list(dict.fromkeys(c for k in run for c in cues[k] if _is_shared(c)))
            if not shared and _seated_in_dock(f, raws[run[0]], raws[run[-1]], lex):
                shared = [Cue("perpetrator", "legal:listed", lex.weights["legal"])]
            beside = _set_beside_all(f, run, raws, cues)
            for k in run:
                # (being named near the casualties is no cue of one's own: "A, 27, B, 30, and C, 22, were
                # confronted and shot dead by police" after the victims were named)
                if shared and all(c.name == "victim-context" for c in cues[k]):
                    out[k] = shared
                elif beside and not any(c.name.startswith(_BESIDE) for c in cues[k]) and not _attacked(f, raws[k], lex):
                    # the noun the list is set beside outweighs what the parse made of its last names
                    out[k] = beside
    return out


def _attacked(f: Field, raw: Raw, lex: ActorLexicon) -> bool:
    """The name is whom a perpetrator noun attacked: "friends of the assassin of Professor A, B and C," (A, the
    victim, ends the phrase the list of B and C follows)."""
    name = f.doc[f.token_at(raw.name_end - 1)]
    of = name.head
    found = lex.noun_role(of.head) if name.dep_ == "pobj" and of.lower_ == "of" else None
    return found is not None and found[0] == "perpetrator"


def _seated_in_dock(f: Field, first: Raw, last: Raw, lex: ActorLexicon) -> bool:
    """The list opens a clause (after a comma, colon or dash: not "the murders of A and B") in a sentence that
    says where the accused sit."""
    before = f.text[max(0, first.start - 3) : first.start].strip()
    if before and before[-1] not in ",:-–—":
        return False
    start = f.sent_of(f.token_at(first.name_start)).start_char
    end = f.sent_of(f.token_at(last.name_start)).end_char
    return lex.dock_re.search(f.folded, start, end) is not None


def _set_beside_all(f: Field, run: list[int], raws: Sequence[Raw], cues: Mapping[int, list[Cue]]) -> list[Cue]:
    """A perpetrator's apposition that two names of the list carry is the list's: "the convicts, A, B, C and
    D, were in court" (the parser seats only the first names beside the noun). One name's alone is his:
    "A, the gunman, and B"; but not a plural noun's beside the last name ("A, 27, B, 30, and C, 22, the
    attackers, were shot dead"), nor what is set beside one of two given names sharing a surname, which are
    one phrase ("the attackers were brothers Samir and Karim Belkadi")."""

    def beside(k: int) -> list[Cue]:
        return [c for c in cues[k] if c.role == "perpetrator" and c.name.startswith(_BESIDE)]

    counts = Counter(c for k in run for c in set(beside(k)))
    out = [c for c, n in counts.items() if n >= 2]
    if _plural_after(f, raws[run[-1]]):
        out += beside(run[-1])
    for a, b in pairwise(run):
        if _share_surname(f, raws[a], raws[b]):
            out += beside(a) + beside(b)
    return list(dict.fromkeys(out))


def _plural_after(f: Field, last: Raw) -> bool:
    """A plural noun stands beside the list's last name: "C, 22, the attackers,"."""
    doc, start = f.doc, f.token_at(last.end)
    k = start
    while k < min(len(doc), start + 6) and (doc[k].is_punct or doc[k].like_num or doc[k].pos_ == "DET"):
        k += 1
    return start < k < len(doc) and doc[k].tag_ == "NNS"


def _share_surname(f: Field, first: Raw, second: Raw) -> bool:
    """A lone given name and "and" before a full name: "Samir and Karim Belkadi"."""
    return (
        not first.full
        and second.full
        and " " not in f.text[first.name_start : first.name_end]
        and f.text[first.end : second.start].strip() in _CONJUNCTIONS
    )


def _is_shared(cue: Cue) -> bool:
    return cue.role == "perpetrator" and cue.name.startswith(_SHARED)


def _runs(f: Field, members: list[int], raws: Sequence[Raw]) -> list[list[int]]:
    """Maximal runs of names with only list separators between neighbours, joined by "and" somewhere: a
    comma alone may end a clause ("According to NAME, NAME had been convicted")."""
    runs: list[list[int]] = []
    joined: list[bool] = []
    for k in members:
        last = raws[runs[-1][-1]] if runs else None
        gap = _separators(f.text[last.end : raws[k].start]) if last is not None else None
        if gap is not None and not _attributed(f, last):
            runs[-1].append(k)
            joined[-1] = joined[-1] or bool(gap & _CONJUNCTIONS)
        else:
            runs.append([k])
            joined.append(False)
    return [run for run, conj in zip(runs, joined, strict=True) if conj]


def _separators(between: str) -> set[str] | None:
    """The separator words between two names, or None if anything else is written there."""
    # "A and B, as well as C and D": one list
    words = between.lower().replace("as well as", "and").replace(",", " , ").replace(";", " ; ").split()
    if not words or not all(w in _SEPARATORS or w.isdigit() for w in words):
        return None
    return set(words)


def _attributed(f: Field, raw: Raw) -> bool:
    """The name is the source of what follows: "according to NAME, ..."."""
    return f.folded[max(0, raw.start - 14) : raw.start].rstrip().endswith("according to")
