"""Python rules: article-level logic the declarative kinds cannot express. Metadata stays in YAML."""

from __future__ import annotations

from nofame.ruleset.custom.media import manifesto_excerpts, perpetrator_photo, perpetrator_posts
from nofame.ruleset.custom.naming import past_perpetrator_names
from nofame.ruleset.registry import Needs, RuleFunctions


def builtin_functions() -> RuleFunctions:
    """The rule functions shipped with the engine; the checker adds the ones that need models."""
    registry = RuleFunctions()
    for name, function, needs in (
        ("past_perpetrator_names", past_perpetrator_names, Needs(("lead_sentences",), ("not_mass_attackers",))),
        ("perpetrator_photo", perpetrator_photo, Needs(("named_confidence", "noun_confidence"), ("photo_words",))),
        (
            "manifesto_excerpts",
            manifesto_excerpts,
            Needs(("min_sentences", "min_words", "min_words_of_his_line"), ("document_words",)),
        ),
        ("perpetrator_posts", perpetrator_posts, Needs(("min_quoted_words",), ("embed_kinds",))),
    ):
        registry = registry.register(name, function, needs=needs)
    return registry
