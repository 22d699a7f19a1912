"""The suggested draft: one set of edits, planned from the parse and the findings, shared by every face.

`rewrite(checker, article, settings, role=None)` checks the article, then plans the edits: the
perpetrator's name out of whole noun phrases as the profile asks (`names`), one role noun from the facts
(`roles`), fixes for the other findings (`fixes`). Each edit is tidy on its own and none overlap
(`edits`); "Apply all" applies the safe ones. `quality` checks a rewrite the way an editor would.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from nofame.actors import Actor
from nofame.actors.names import fold
from nofame.analysis import Analysis
from nofame.article import field_kind
from nofame.report import Report
from nofame.rewrite.edits import Edit, apply_edits, choose, tidy
from nofame.rewrite.fixes import SENTENCE_RULES, Fixer
from nofame.rewrite.names import Replacer, keep_plan, relative_edits, sites
from nofame.roles import Role
from nofame.ruleset.custom.naming import lede_end

if TYPE_CHECKING:
    from nofame.article import Article
    from nofame.checker import Checker
    from nofame.settings import Settings

__all__ = ["Edit", "Rewrite", "plan_edits", "rewrite", "suggested_draft"]


@dataclass(frozen=True)
class Rewrite:
    report: Report
    role_noun: str
    edits: tuple[Edit, ...]  # every planned edit, text order; safe ones first in priority, none overlap

    @property
    def safe_edits(self) -> tuple[Edit, ...]:
        return tuple(e for e in self.edits if e.safety == "safe")

    @property
    def fields(self) -> dict[str, str]:
        """Each field with every safe edit applied."""
        return {
            name: apply_edits(text, [e for e in self.safe_edits if e.field == name])
            for name, text in self.report.fields.items()
        }

    @property
    def draft(self) -> str:
        return suggested_draft(self.fields)

    def to_dict(self) -> dict[str, Any]:
        return {
            "role_noun": self.role_noun,
            "edits": [e.to_dict() for e in self.edits],
            "suggested_fields": self.fields,
            "draft": self.draft,
        }


def rewrite(checker: Checker, article: Article, settings: Settings | None = None, role: str | None = None) -> Rewrite:
    """Check the article and plan its rewrite; `role` overrides the role noun ("the shooter")."""
    from nofame.checker import analyse  # the engine's two halves: checking, then rewriting what was read

    settings = settings or checker.settings
    if role:
        settings = settings.with_overrides(role=role)
    analysis, report = analyse(checker, article, settings)
    return Rewrite(report, analysis.role.noun, tuple(plan_edits(analysis, report, analysis.role)))


def plan_edits(analysis: Analysis, report: Report, role: Role) -> list[Edit]:
    texts = analysis.texts
    names = _name_edits(analysis, role) if analysis.naming_applies else []
    fixer = Fixer(analysis, role, names)
    fixes = [tidy(texts[e.field], e) for e in fixer.edits(report.findings)]
    sentence_fixes = [e for e in fixes if e.rule in SENTENCE_RULES]
    others = [e for e in fixes if e not in sentence_fixes]
    names = [e for e in names if e not in fixer.absorbed]
    ordered = [*sentence_fixes, *names, *others]
    safe = choose(e for e in ordered if e.safety == "safe")
    review = choose([*safe, *(e for e in ordered if e.safety != "safe")])
    return sorted(review, key=lambda e: (list(texts).index(e.field), e.start, e.end))


def _name_edits(analysis: Analysis, role: Role) -> list[Edit]:
    edits: list[Edit] = []
    lede = lede_end(analysis) if "body" in analysis.docs and analysis.sentences.get("body") else 0
    for actor in _perpetrators(analysis):
        found = sites(analysis, actor)
        keep = keep_plan(analysis, found, role, actor)
        replacer = Replacer(analysis, role, actor)
        for site in found:
            m = site.mention
            if (m.field, m.start) in keep.kept:
                replacer.referred.add((m.field, analysis.sentence_at(m.field, m.start).start_char))
                continue
            kind = field_kind(m.field)
            rule = "name-repetition" if kind == "body" and m.start >= lede else "name-in-lede"
            rule = rule if kind == "body" else "name-in-headline"
            edits.append(tidy(analysis.texts[m.field], replacer.edit(site, rule)))
        if keep.insert is not None:
            edits.append(keep.insert)
        # a relative's apposition carries his name inside it ("Evan Doe, John Doe's brother,"): one edit
        relatives = [tidy(analysis.texts[e.field], e) for e in relative_edits(analysis, actor, role)]
        inside = [
            e for e in edits if any(r.field == e.field and r.start <= e.start and e.end <= r.end for r in relatives)
        ]
        edits = [*relatives, *(e for e in edits if e not in inside)]
    return edits


def _inside(edit: Edit, outer: Edit) -> bool:
    return edit.field == outer.field and outer.start <= edit.start and edit.end <= outer.end


def _perpetrators(analysis: Analysis) -> tuple[Actor, ...]:
    """The perpetrators the check found; else the names the newsroom gave, found here by their parts
    ("Doe" alone, when the draft never writes "John Doe")."""
    if analysis.cast.perpetrators:
        return _merge_split_names(analysis, analysis.cast.perpetrators)
    given = analysis.settings.perpetrators
    return tuple(Actor(f"given{i}", name, "perpetrator", (), (), 1.0) for i, name in enumerate(given) if name.strip())


def _merge_split_names(analysis: Analysis, actors: tuple[Actor, ...]) -> tuple[Actor, ...]:
    """One person found as two ("Darrel Vickers" and "Lee Vickers" when the draft writes "Darrel Lee Vickers")."""
    text = " ".join(analysis.texts.values())
    merged: list[Actor] = []
    for actor in sorted(actors, key=lambda a: -len(a.name.split())):
        words = actor.name.split()
        fuller = next((m for m in merged if len(words) == 1 and _last_name(m.name) == fold(words[0])), None)
        if fuller is not None:  # "Qudwari" beside "Nasser al-Qudwari"
            index = merged.index(fuller)
            mentions = tuple(sorted((*fuller.mentions, *actor.mentions), key=lambda m: (m.field, m.start)))
            aliases = (*fuller.aliases, actor.name, *actor.aliases)
            merged[index] = Actor(fuller.id, fuller.name, "perpetrator", aliases, mentions, fuller.confidence)
            continue
        twin = next(
            (
                m
                for m in merged
                if len(words) == 2 == len(m.name.split())
                and words[-1] == m.name.split()[-1]
                and (f"{m.name.split()[0]} {actor.name}" in text or f"{words[0]} {m.name}" in text)
            ),
            None,
        )
        if twin is None:
            merged.append(actor)
            continue
        full = f"{twin.name.split()[0]} {actor.name}"
        if full not in text:
            full = f"{words[0]} {twin.name}"
        index = merged.index(twin)
        mentions = tuple(sorted((*twin.mentions, *actor.mentions), key=lambda m: (m.field, m.start)))
        aliases = (*twin.aliases, twin.name, actor.name, *actor.aliases)
        merged[index] = Actor(twin.id, full, "perpetrator", aliases, mentions, max(twin.confidence, actor.confidence))
    return tuple(merged)


def _last_name(name: str) -> str:
    return fold(re.split(r"[\s-]", name.strip())[-1]) if name.strip() else ""


def suggested_draft(fields: dict[str, str]) -> str:
    """The rewritten draft as Markdown: headline, dek, then the body."""
    parts = []
    if fields.get("headline"):
        parts.append(f"# {fields['headline']}")
    if fields.get("dek"):
        parts.append(f"*{fields['dek']}*")
    if fields.get("body"):
        parts.append(fields["body"])
    return "\n\n".join(parts) + "\n"
