"""The public result types: frozen dataclasses for quotations, name mentions, actors and the cast."""

from __future__ import annotations

from dataclasses import dataclass

ROLES = ("perpetrator", "victim", "official", "helper", "other")


@dataclass(frozen=True)
class Quote:
    """A span inside quotation marks, with who said it when that can be told."""

    field: str
    start: int  # code points, including the quotation marks
    end: int
    speaker: str | None = None  # actor id
    speaker_role: str | None = None


@dataclass(frozen=True)
class Mention:
    field: str
    start: int
    end: int
    text: str  # as written: "John Doe", "Doe's", "DOE"
    possessive: bool = False  # "Doe's" / "Doe'": the span covers the whole token incl. 's
    quote: Quote | None = None  # the quotation this mention sits in
    alias: bool = False  # another name he went by, given as such ("also known as NAME"): no new naming


@dataclass(frozen=True)
class Actor:
    id: str  # a1, a2, ...
    name: str  # the fullest form seen
    role: str
    aliases: tuple[str, ...]  # other forms seen ("Doe")
    mentions: tuple[Mention, ...]  # name mentions only, all fields, in article order
    confidence: float
    cues: tuple[str, ...] = ()  # why this role, for explanations and debugging


@dataclass(frozen=True)
class Cast:
    actors: tuple[Actor, ...]
    at_large: bool = False  # the suspect is at large / wanted: naming him helps capture
    quotes: tuple[Quote, ...] = ()
    earlier: tuple[str, ...] = ()  # ids of actors known as perpetrators of earlier attacks

    @property
    def perpetrators(self) -> tuple[Actor, ...]:
        return tuple(a for a in self.actors if a.role == "perpetrator")

    def by_role(self, role: str) -> tuple[Actor, ...]:
        return tuple(a for a in self.actors if a.role == role)
