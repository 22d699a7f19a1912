"""Readable terminal output: each finding with the offending text in its context."""

from __future__ import annotations

import click

from nofame.report import Finding, Report

COLOURS = {"critical": "magenta", "high": "red", "medium": "yellow", "low": "cyan", "info": "blue"}
CONTEXT = 40  # characters shown either side of the offending text


def _context(text: str, finding: Finding) -> str:
    start, end = finding.start, finding.end
    before = text[max(0, start - CONTEXT) : start].replace("\n", " ")
    after = text[end : end + CONTEXT].replace("\n", " ")
    lead = "…" if start > CONTEXT else ""
    tail = "…" if end + CONTEXT < len(text) else ""
    middle = text[start:end].replace("\n", " ") or "⟂"
    return f"{lead}{before}{click.style(middle, bold=True, underline=True)}{after}{tail}"


def render_text(report: Report) -> str:
    lines = []
    perpetrators = [a.name for a in report.actors if a.role == "perpetrator"]
    counts = ", ".join(f"{n} {s}" for s, n in report.counts_by_severity().items() if n)
    lines.append(
        click.style(f"score {report.score}/100", bold=True)
        + f"  profile {report.profile}  findings: {counts or 'none'}"
    )
    lines.append(f"perpetrator: {', '.join(perpetrators) if perpetrators else 'none identified'}")
    if report.stats.get("at_large"):
        lines.append("suspect at large: naming rules report as information only")
    for f in report.findings:
        severity = click.style(f"{f.severity:<8}", fg=COLOURS[f.severity], bold=True)
        lines.append("")
        lines.append(f"{severity} {f.rule}  [{f.field} {f.start}-{f.end}]")
        lines.append(f"  {_context(report.fields[f.field], f)}")
        lines.append(f"  {f.message}")
        for s in f.suggestions:
            if s.safety == "display-only" or (not s.replacement and s.safety == "unsafe"):
                continue
            shown = repr(s.replacement) if s.replacement.strip() else "(delete)"
            lines.append(f"  → {shown}  ({s.safety})")
    if report.not_checkable:
        lines.append("")
        lines.append(f"not checkable on this input: {', '.join(report.not_checkable)}")
    return "\n".join(lines)
