"""Python rules: article-level logic the YAML patterns cannot express. Metadata stays in YAML."""

from __future__ import annotations

from nofame.ruleset.custom.media import (
    attack_video,
    manifesto_excerpts,
    manifesto_link,
    perpetrator_photo,
    perpetrator_posts,
)
from nofame.ruleset.custom.naming import past_perpetrator_names
from nofame.ruleset.registry import RuleFunctions


def builtin_functions() -> RuleFunctions:
    """The rule functions shipped with the engine; the checker adds the ones that need models."""
    registry = RuleFunctions()
    for name, function in (
        ("past_perpetrator_names", past_perpetrator_names),
        ("perpetrator_photo", perpetrator_photo),
        ("manifesto_link", manifesto_link),
        ("manifesto_excerpts", manifesto_excerpts),
        ("attack_video", attack_video),
        ("perpetrator_posts", perpetrator_posts),
    ):
        registry = registry.register(name, function)
    return registry
