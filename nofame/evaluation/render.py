"""`nofame eval` output: the per-rule table, the averages, perpetrators, control alarms and the ids
behind every miss and false alarm; and the same as JSON for before/after comparisons."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from nofame.evaluation.score import Counts, Scores


def _f(value: float | None) -> str:
    return "   -" if value is None else f"{value:.2f}"


def _prf(counts: Counts) -> str:
    return f"{_f(counts.precision)} {_f(counts.recall)} {_f(counts.f1)}"


def render_table(
    main: Scores,
    floor: Scores,
    others: tuple[Scores, ...] = (),
    *,
    ids: bool = True,
    statuses: Mapping[str, str] | None = None,
) -> str:
    statuses = statuses or {}
    floor_rules = {r.rule: r for r in floor.rules}
    lines = [
        f"{main.documents} English documents ({main.controls} controls); "
        f"{len(main.skipped)} not checked: " + (", ".join(f"{i} ({why})" for i, why in main.skipped) or "none"),
        "",
        f"{'rule':30} {'status':7} {'gold':>4} {'tp':>3} {'fp':>3} {'fn':>3}    P    R   F1 | floor P    R   F1",
    ]
    for rule in main.rules:
        c = rule.counts
        floor_counts = floor_rules[rule.rule].counts
        status = statuses.get(rule.rule, "")
        lines.append(
            f"{rule.rule:30} {status:7} {rule.gold:4} {c.tp:3} {c.fp:3} {c.fn:3} {_prf(c)} |       {_prf(floor_counts)}"
        )
    lines += [
        "",
        f"{'system':28} {'micro P    R   F1':>17}   {'macro P    R   F1':>17}   "
        "perpetrator P    R  articles found  control alarms",
    ]
    for scores in (main, *others, floor):
        p = scores.perpetrators
        macro = " ".join(_f(v) for v in scores.macro)
        perp = f"{_f(p.counts.precision)} {_f(p.counts.recall)}" if scores is not floor else "   -    -"
        found = f"{p.articles_found}/{p.articles_naming}" if scores is not floor else "-"
        lines.append(
            f"{scores.system:28} {_prf(scores.micro):>17}   {macro:>17}   {perp:>15}  {found:>14}  "
            f"{len(scores.control_alarms)}/{scores.controls}"
        )
    if ids:
        lines += ["", f"Misses and false alarms ({main.system}):"]
        for rule in main.rules:
            if rule.misses:
                lines.append(f"  {rule.rule} missed: {' '.join(rule.misses)}")
            if rule.false_alarms:
                lines.append(f"  {rule.rule} false alarm: {' '.join(rule.false_alarms)}")
        p = main.perpetrators
        lines.append(f"  perpetrator missed: {' '.join(p.misses) or '-'}")
        lines.append("  perpetrator wrong: " + (" ".join(f"{i}[{name}]" for i, name in p.wrong) or "-"))
        lines.append(
            "  control alarms: " + (" ".join(f"{i}[{','.join(rules)}]" for i, rules in main.control_alarms) or "-")
        )
    return "\n".join(lines)


def weakest(scores: Scores, n: int = 5, min_gold: int = 1) -> list[str]:
    """The n rules with the lowest F1 among those with gold labels (ties: more gold first)."""
    ranked = sorted(
        (r for r in scores.rules if r.gold >= min_gold), key=lambda r: (r.counts.f1 or 0.0, -r.gold, r.rule)
    )
    return [r.rule for r in ranked[:n]]


def scores_to_dict(scores: Scores) -> dict[str, Any]:
    def counts(c: Counts) -> dict[str, Any]:
        return {"tp": c.tp, "fp": c.fp, "fn": c.fn, "precision": c.precision, "recall": c.recall, "f1": c.f1}

    p = scores.perpetrators
    return {
        "system": scores.system,
        "documents": scores.documents,
        "skipped": [list(item) for item in scores.skipped],
        "rules": {
            r.rule: {**counts(r.counts), "gold": r.gold, "misses": list(r.misses), "false_alarms": list(r.false_alarms)}
            for r in scores.rules
        },
        "micro": counts(scores.micro),
        "macro": dict(zip(("precision", "recall", "f1"), scores.macro, strict=True)),
        "perpetrators": {
            **counts(p.counts),
            "articles_naming": p.articles_naming,
            "articles_found": p.articles_found,
            "misses": list(p.misses),
            "wrong": [list(item) for item in p.wrong],
        },
        "controls": scores.controls,
        "control_alarms": [[i, list(rules)] for i, rules in scores.control_alarms],
        "weakest": weakest(scores),
    }
