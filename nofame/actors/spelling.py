"""The attacker's name misspelt: "Dale Anders" in a story that elsewhere writes "Dale Sanders".

Reports of foreign names spell them several ways, sometimes within one story ("Muhammad Youssef Adbelkarim",
"Mohammod Youssuf Abdelkarim"). A name the story gives no role (its cues too weak for one, or only a victim's
paragraph) and no kinship, each of whose words is the attacker's word but for a letter or two, is the
attacker. A single word must be his surname.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from nofame.actors.names import fold


def misspelt_perpetrators(
    order: Sequence[int],
    roles: Mapping[int, tuple[str, float, tuple[str, ...]]],
    names_of: Mapping[int, tuple[str, tuple[str, ...]]],
) -> dict[int, int]:
    """Actors without a role whose name is a spelling of one perpetrator's name: actor -> that perpetrator."""
    perpetrators = [a for a in order if roles[a][0] == "perpetrator"]
    words_of = {a: [_words(n) for n in (names_of[a][0], *names_of[a][1])] for a in perpetrators}
    out = {}
    for a in order:
        role, _, cues = roles[a]
        if any(c.startswith("relative:") for c in cues) or not (role == "other" or set(cues) <= _WEAK):
            continue
        words = _words(names_of[a][0])
        matches = [p for p in perpetrators if any(_spelling_of(words, known) for known in words_of[p])]
        if len(words) == 1:
            # a given name alone may be someone else's ("the Prophet Muhammad" beside "Mohammed Doe"): one
            # word must be the surname
            matches = [p for p in matches if any(len(k) > 1 and _close(words[0], k[-1]) for k in words_of[p])]
        if len(matches) == 1:
            out[a] = matches[0]
    return out


# A victim's paragraph is the weakest of cues: the attacker's name, too, is written beside the dead.
_WEAK = frozenset({"victim-context"})


def _words(name: str) -> list[str]:
    return [w for w in fold(name).replace(".", " ").split() if w]


def _spelling_of(words: list[str], known: list[str]) -> bool:
    """Every word matches a different word of the known name, at least one of them misspelt."""
    left = list(known)
    misspelt = False
    for w in words:
        hit = next((k for k in left if k == w), None) or next((k for k in left if _close(w, k)), None)
        if hit is None:
            return False
        misspelt = misspelt or hit != w
        left.remove(hit)
    return misspelt


def _close(a: str, b: str) -> bool:
    """A letter or two apart (one in a short word): added, dropped, changed or swapped with the next."""
    shorter = min(len(a), len(b))
    if shorter < 5:
        return False
    return _distance(a, b) <= (2 if shorter >= 8 else 1)


def _distance(a: str, b: str) -> int:
    """Edit distance counting a swap of neighbours as one edit (optimal string alignment)."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[len(b)]
