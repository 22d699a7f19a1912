"""`/api/v1/check` with `"offsets": "sent"` (the default): findings point into the text the CMS sent.

nofame reads a draft normalised (line endings, whitespace runs, invisible characters, suppression
comments); a CMS that highlights findings in its own copy needs offsets into that copy. The fields the
client sent as text (`headline`, `dek`, `body`, `captions`) are returned as sent, with every finding's
offsets mapped into them; fields nofame extracted itself (from `html` or `url`) stay as extracted.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from nofame.offsets import OffsetMap
from nofame.report import Finding, Report
from nofame.sources.text import collapse

MODES = ("sent", "normalised")


def sent_texts(obj: dict[str, Any], report: Report) -> dict[str, str]:
    """Report field name -> the text the client sent for it, where there is one."""
    out = {name: obj[name] for name in ("headline", "dek", "body") if isinstance(obj.get(name), str)}
    captions = [c for c in obj.get("captions") or () if isinstance(c, str)]
    used: set[int] = set()
    for name, text in report.fields.items():
        if not name.startswith("caption["):
            continue
        for j, caption in enumerate(captions):
            if j not in used and " ".join(caption.split()) == " ".join(text.split()):
                out[name] = caption
                used.add(j)
                break
    return out


def to_sent(report: Report, sent: dict[str, str]) -> Report:
    """The report with each sent field as sent and its findings' offsets mapped into it."""
    fields = dict(report.fields)
    maps: dict[str, OffsetMap] = {}
    for name, original in sent.items():
        normalised = report.fields.get(name)
        if normalised is None or normalised == original:
            continue
        mapping = OffsetMap.build(normalised, original)
        if mapping is not None and all(_agrees(f, mapping, original) for f in report.findings if f.field == name):
            maps[name] = mapping
            fields[name] = original
    if not maps:
        return report
    findings = tuple(_moved(f, maps[f.field]) if f.field in maps else f for f in report.findings)
    return replace(report, fields=fields, findings=findings)


def _span(finding: Finding, mapping: OffsetMap) -> tuple[int, int]:
    start = mapping.start(finding.start)
    return (start, start) if finding.end <= finding.start else (start, mapping.end(finding.end))


def _agrees(finding: Finding, mapping: OffsetMap, original: str) -> bool:
    start, end = _span(finding, mapping)
    return not finding.text or _letters(original[start:end]) == _letters(finding.text)


def _letters(text: str) -> str:
    return collapse(text).replace(" ", "")


def _moved(finding: Finding, mapping: OffsetMap) -> Finding:
    start, end = _span(finding, mapping)
    return replace(finding, start=start, end=end)
