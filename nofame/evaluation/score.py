"""Scoring at document level: which rules each system raised on each text, against the gold.

A "system" is anything that maps a document to an Outcome: the engine (with or without its trained
models) or the keyword floor. Every system is scored by the same code on the same documents.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from nofame.actors.names import fold
from nofame.evaluation.corpus import Document, Gold

# A rule counts as raised at low severity or above; info findings (a suspect at large, quoted critique)
# are the engine saying "seen, not a breach". Controls are judged by what an editor would notice:
# findings of medium severity or above.
ALARM_SEVERITIES = frozenset({"critical", "high", "medium"})
RAISED_SEVERITIES = ALARM_SEVERITIES | {"low"}
_POSSESSIVE = re.compile(r"['’]s?$")
# Name tokens too common to tie a guess to a gold name on their own.
_NAME_STOPWORDS = frozenset(
    {"jr", "sr", "ii", "iii", "iv", "de", "van", "von", "al", "el", "bin", "la", "le", "mr", "ms"}
)


@dataclass(frozen=True)
class Outcome:
    """What one system said about one document."""

    id: str
    rules: frozenset[str] = frozenset()  # raised at low or above
    alarms: frozenset[str] = frozenset()  # raised at medium or above
    perpetrators: tuple[str, ...] = ()
    # The other forms the system tied to each perpetrator, in the same order ("Hoffman" for "Ben
    # Hoffmann"): the gold lists every form the text uses, misspellings included.
    perpetrator_forms: tuple[tuple[str, ...], ...] = ()
    language: str = "en"
    skipped: str = ""  # why the document was not checked ("language", or an error), else ""


Outcomes = Mapping[str, Outcome]


@dataclass(frozen=True)
class Counts:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class RuleScore:
    rule: str
    counts: Counts
    misses: tuple[str, ...]  # gold says yes, the system said no
    false_alarms: tuple[str, ...]  # the system said yes, the gold no

    @property
    def gold(self) -> int:
        return self.counts.tp + self.counts.fn


@dataclass(frozen=True)
class PerpetratorScore:
    counts: Counts  # over names: a guess is right when it shares a name token with a gold perpetrator
    articles_naming: int  # articles whose gold names a perpetrator
    articles_found: int  # ... of which the system found at least one
    misses: tuple[str, ...]  # ids where a gold perpetrator was not found
    wrong: tuple[tuple[str, str], ...]  # (id, name) guesses that are neither perpetrator nor earlier attacker


@dataclass(frozen=True)
class Scores:
    system: str
    documents: int  # English documents scored
    skipped: tuple[tuple[str, str], ...]  # (id, reason) of documents the system did not check
    rules: tuple[RuleScore, ...]
    micro: Counts
    macro: tuple[float | None, float | None, float | None]  # mean P, R, F1 over rules with gold or guesses
    perpetrators: PerpetratorScore
    controls: int
    control_alarms: tuple[tuple[str, tuple[str, ...]], ...]  # (id, rules at medium or above) on controls


def score(
    system: str,
    documents: Iterable[Document],
    golds: Mapping[str, Gold],
    outcomes: Mapping[str, Outcome],
    rule_ids: Iterable[str],
) -> Scores:
    """Score `outcomes` on the English `documents`; documents the system skipped count as silent."""
    docs = [doc for doc in documents if doc.language == "en"]
    rule_ids = sorted(rule_ids)
    per_rule = [_rule_score(rule, docs, golds, outcomes) for rule in rule_ids]
    micro = Counts(*(sum(getattr(r.counts, k) for r in per_rule) for k in ("tp", "fp", "fn")))
    scored = [r.counts for r in per_rule if r.counts.tp + r.counts.fp + r.counts.fn]
    controls = [doc for doc in docs if doc.topic == "control"]
    alarms = tuple((doc.id, tuple(sorted(outcomes[doc.id].alarms))) for doc in controls if outcomes[doc.id].alarms)
    return Scores(
        system=system,
        documents=len(docs),
        skipped=tuple((d.id, outcomes[d.id].skipped) for d in docs if outcomes[d.id].skipped),
        rules=tuple(per_rule),
        micro=micro,
        macro=(_mean(c.precision for c in scored), _mean(c.recall for c in scored), _mean(c.f1 for c in scored)),
        perpetrators=_perpetrator_score(docs, golds, outcomes),
        controls=len(controls),
        control_alarms=alarms,
    )


def _rule_score(
    rule: str, docs: list[Document], golds: Mapping[str, Gold], outcomes: Mapping[str, Outcome]
) -> RuleScore:
    misses, false_alarms, tp = [], [], 0
    for doc in docs:
        gold = rule in golds[doc.id].labels
        said = rule in outcomes[doc.id].rules
        if gold and said:
            tp += 1
        elif gold:
            misses.append(doc.id)
        elif said:
            false_alarms.append(doc.id)
    return RuleScore(rule, Counts(tp, len(false_alarms), len(misses)), tuple(misses), tuple(false_alarms))


def _perpetrator_score(
    docs: list[Document], golds: Mapping[str, Gold], outcomes: Mapping[str, Outcome]
) -> PerpetratorScore:
    tp = fp = fn = naming = found = 0
    misses: list[str] = []
    wrong: list[tuple[str, str]] = []
    for doc in docs:
        gold, outcome = golds[doc.id], outcomes[doc.id]
        truth = [name_tokens(name) for name in gold.perpetrators]
        earlier = [name_tokens(name) for name in gold.prior_attackers]
        hit = [False] * len(truth)
        for k, guess in enumerate(outcome.perpetrators):
            forms = outcome.perpetrator_forms[k] if k < len(outcome.perpetrator_forms) else ()
            tokens = name_tokens(guess).union(*(name_tokens(form) for form in forms))
            matches = [i for i, names in enumerate(truth) if tokens & names]
            if matches:
                tp += 1
                for i in matches:
                    hit[i] = True
            elif not any(tokens & names for names in earlier):  # an earlier attacker is neither hit nor miss
                fp += 1
                wrong.append((doc.id, guess))
        fn += hit.count(False)
        if truth:
            naming += 1
            found += any(hit)
            if not all(hit):
                misses.append(doc.id)
    return PerpetratorScore(Counts(tp, fp, fn), naming, found, tuple(misses), tuple(wrong))


def name_tokens(name: str) -> frozenset[str]:
    words = (_POSSESSIVE.sub("", word.strip('.,"()')) for word in fold(name).replace("-", " ").split())
    return frozenset(word for word in words if len(word) > 1 and word not in _NAME_STOPWORDS)


def _mean(values: Iterable[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None
