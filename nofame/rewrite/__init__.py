"""Apply every safe suggestion of a report: the whole suggested draft."""

from __future__ import annotations

from dataclasses import dataclass

from nofame.report import SEVERITY_RANK, Finding, Report


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    replacement: str


def safe_edits(findings: list[Finding]) -> list[Edit]:
    """The first safe suggestion of each finding; on overlap the more severe finding wins."""
    candidates = [f for f in findings if f.suggestions and f.suggestions[0].safety == "safe"]
    candidates.sort(key=lambda f: (-SEVERITY_RANK[f.severity], f.start, f.end))
    chosen: list[Edit] = []
    for f in candidates:
        edit = Edit(f.start, f.end, f.suggestions[0].replacement)
        if not any(_overlaps(edit, other) for other in chosen):
            chosen.append(edit)
    return sorted(chosen, key=lambda e: (e.start, e.end))


def _overlaps(a: Edit, b: Edit) -> bool:
    if a.start == a.end or b.start == b.end:  # insertions clash only at the same point
        return a.start == b.start and a.end == b.end
    return a.start < b.end and b.start < a.end


def apply_edits(text: str, edits: list[Edit]) -> str:
    out = text
    for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        start, end = edit.start, edit.end
        if not edit.replacement and start < end:
            start, end = swallow_space(out, start, end)
        out = out[:start] + edit.replacement + out[end:]
    return out


def swallow_space(text: str, start: int, end: int) -> tuple[int, int]:
    """Deleting a word takes one neighbouring space with it, so no double space is left."""
    if end < len(text) and text[end] == " " and (start == 0 or text[start - 1] in " \n"):
        return start, end + 1
    if start > 0 and text[start - 1] == " " and (end == len(text) or text[end] in " .,;:!?\n"):
        return start - 1, end
    return start, end


def suggested_fields(report: Report) -> dict[str, str]:
    by_field: dict[str, list[Finding]] = {}
    for finding in report.findings:
        by_field.setdefault(finding.field, []).append(finding)
    return {name: apply_edits(text, safe_edits(by_field.get(name, []))) for name, text in report.fields.items()}


def suggested_draft(report: Report) -> str:
    """The rewritten draft as Markdown: headline, dek, then the body."""
    fields = suggested_fields(report)
    parts = []
    if fields.get("headline"):
        parts.append(f"# {fields['headline']}")
    if fields.get("dek"):
        parts.append(f"*{fields['dek']}*")
    if fields.get("body"):
        parts.append(fields["body"])
    return "\n\n".join(parts) + "\n"
