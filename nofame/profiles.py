"""Profiles change thresholds only; critical rules stay critical in every profile."""

from __future__ import annotations

from dataclasses import dataclass

from nofame.errors import ConfigError


@dataclass(frozen=True)
class Profile:
    name: str
    body_names: int  # perpetrator name mentions the body may carry as a reference point
    lede_name_allowed: bool
    description: str


PROFILES = {
    p.name: p
    for p in (
        Profile("strict", 0, False, "No name anywhere unless the suspect is at large; no images."),
        Profile(
            "no-notoriety",
            1,
            False,
            "Default. The name once as a reference point, never in display text or the lede.",
        ),
        Profile(
            "newsroom-minimal",
            2,
            True,
            "Up to two names in the body, none in display text; small, tight images only if needed.",
        ),
    )
}
DEFAULT_PROFILE = "no-notoriety"


def get_profile(name: str) -> Profile:
    try:
        return PROFILES[name]
    except KeyError:
        raise ConfigError(f"unknown profile {name!r}; choose one of {', '.join(PROFILES)}") from None
