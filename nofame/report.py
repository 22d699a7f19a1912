"""The one result shape every face renders: findings, actors, stats and a score."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from nofame import __version__

SCHEMA = "nofame.report/v1"
SEVERITIES = ("critical", "high", "medium", "low", "info")
SEVERITY_RANK = {name: rank for rank, name in enumerate(reversed(SEVERITIES))}  # info=0 ... critical=4
SAFETIES = ("safe", "unsafe", "display-only")

# Points a finding costs the score; an article starts at 100. Critical findings hand the attacker
# his goal, so one of them alone pulls the score below 75.
SCORE_COST = {"critical": 30, "high": 12, "medium": 5, "low": 1, "info": 0}


def severity_at_least(severity: str, floor: str) -> bool:
    return SEVERITY_RANK[severity] >= SEVERITY_RANK[floor]


def lower_severity(severity: str, steps: int = 1) -> str:
    return SEVERITIES[min(SEVERITIES.index(severity) + steps, len(SEVERITIES) - 1)]


@dataclass(frozen=True)
class Suggestion:
    replacement: str
    safety: str = "safe"  # safe: applied by `nofame rewrite`; unsafe: needs an editor; display-only: advice


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    field: str
    start: int  # code points into the field's text
    end: int
    text: str
    message: str
    rationale: str
    source: str
    suggestions: tuple[Suggestion, ...] = ()
    confidence: float = 0.9

    def to_dict(self) -> dict[str, Any]:
        """The report JSON's finding: the fields in order, suggestions as objects, confidence to 2 places."""
        return {
            **asdict(self),
            "suggestions": [asdict(s) for s in self.suggestions],
            "confidence": round(self.confidence, 2),
        }


@dataclass(frozen=True)
class ActorSummary:
    id: str
    name: str
    role: str  # perpetrator, victim, official, helper, other
    aliases: tuple[str, ...]
    mentions: int
    confidence: float

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "aliases": list(self.aliases), "confidence": round(self.confidence, 2)}


@dataclass(frozen=True)
class Report:
    profile: str
    fields: dict[str, str]
    actors: tuple[ActorSummary, ...]
    stats: dict[str, Any]
    findings: tuple[Finding, ...]
    not_checkable: tuple[str, ...] = ()
    language: str = "en"  # ISO 639-1, detected (only supported languages get a report)
    score: int = field(init=False)

    def __post_init__(self) -> None:
        cost = sum(SCORE_COST[f.severity] for f in self.findings)
        object.__setattr__(self, "score", max(0, 100 - cost))

    @property
    def highest_severity(self) -> str | None:
        if not self.findings:
            return None
        return max((f.severity for f in self.findings), key=SEVERITY_RANK.__getitem__)

    def counts_by_severity(self) -> dict[str, int]:
        return {s: sum(1 for f in self.findings if f.severity == s) for s in SEVERITIES}

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "nofame_version": __version__,
            "profile": self.profile,
            "language": self.language,
            "score": self.score,
            "fields": dict(self.fields),
            "actors": [a.to_dict() for a in self.actors],
            "stats": dict(self.stats),
            "findings": [f.to_dict() for f in self.findings],
            "not_checkable": list(self.not_checkable),
        }
