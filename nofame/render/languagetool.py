"""A Report as a LanguageTool `/v2/check` response, so LanguageTool clients can point at nofame.

LanguageTool counts offsets in UTF-16 code units (Java chars); nofame counts code points per field.
The client sent one text (or an annotated document, markup included); nofame checked fields made
from it (headline, body), normalised. `ClientText` and `align` carry each field offset back to the
client's own text, and `Utf16Index` converts it to UTF-16.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from nofame import __version__
from nofame.report import Finding, Report
from nofame.rewrite.edits import swallow_space

CATEGORY = {"id": "NOFAME", "name": "No Notoriety (nofame)"}
CONTEXT_CHARS = 40  # characters of context on each side, as LanguageTool does
# LanguageTool issue types (LocQualityIssueType): breaches of the guidelines vs. wording advice.
ISSUE_TYPES = {
    "critical": "non-conformance",
    "high": "non-conformance",
    "medium": "style",
    "low": "style",
    "info": "style",
}
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*(?=\s)|\n\s*\n")


class Utf16Index:
    """Code point offset -> UTF-16 code unit offset in one text (astral characters count twice)."""

    def __init__(self, text: str) -> None:
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]

    def __call__(self, index: int) -> int:
        return index + bisect_left(self._astral, index)


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@dataclass(frozen=True)
class ClientText:
    """The text a client sent, and the plain text nofame read from it.

    For `text=` both are the same. For `data=` (annotated text) `original` holds markup and text in
    order and `plain` replaces each markup part by its `interpretAs`. `starts[i]` / `ends[i]` are the
    original offsets where plain character i begins and ends (a markup character spans its markup);
    empty for plain text, where they are the identity.
    """

    original: str
    plain: str
    starts: tuple[int, ...] = ()
    ends: tuple[int, ...] = ()

    @classmethod
    def of_text(cls, text: str) -> ClientText:
        return cls(text, text)

    @classmethod
    def of_annotation(cls, parts: Sequence[tuple[str, str | None]]) -> ClientText:
        """parts: (text, None) for text, (markup, interpret_as) for markup."""
        original: list[str] = []
        plain: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        cursor = 0
        for part, interpret_as in parts:
            if interpret_as is None:
                plain.append(part)
                starts.extend(range(cursor, cursor + len(part)))
                ends.extend(range(cursor + 1, cursor + len(part) + 1))
            else:
                plain.append(interpret_as)
                starts.extend([cursor] * len(interpret_as))
                ends.extend([cursor + len(part)] * len(interpret_as))
            original.append(part)
            cursor += len(part)
        return cls("".join(original), "".join(plain), tuple(starts), tuple(ends))

    def span(self, start: int, end: int) -> tuple[int, int]:
        """A [start, end) span of the plain text as a span of the original text."""
        if not self.starts:
            return start, end
        size = len(self.original)
        o_start = self.starts[start] if start < len(self.starts) else size
        if end <= start:
            return o_start, o_start
        return o_start, self.ends[end - 1]


def align(normalised: str, source: str, offset: int = 0, skip: Sequence[tuple[int, int]] = ()) -> list[int]:
    """Where each character of `normalised` sits in `source` (shifted by `offset`), plus the end.

    `normalised` is `source` with whitespace collapsed, invisible characters dropped and paragraph
    breaks rewritten, so every other character occurs in `source`, in order. Whitespace in
    `normalised` maps to the gap after the previous character. `skip` lists (start, end) spans of
    `source` that were dropped whole (suppression comments) and must never match.
    """
    view = list(source)
    for start, end in skip:
        view[start:end] = ["\x00"] * (end - start)
    positions = []
    j = 0
    for ch in normalised:
        if ch.isspace():
            positions.append(offset + min(j, len(view)))
            continue
        k = j
        while k < len(view) and view[k] != ch:
            k += 1
        if k == len(view):  # not found: keep the last good position rather than run off the end
            positions.append(offset + min(j, len(view)))
            continue
        positions.append(offset + k)
        j = k + 1
    positions.append(offset + min(j, len(view)))
    return positions


def render_languagetool(
    report: Report,
    client: ClientText,
    field_positions: Mapping[str, Sequence[int]],
    *,
    titles: Mapping[str, str],
    language: Mapping[str, Any],
) -> dict[str, Any]:
    """The LanguageTool response: one match per finding in a field the client's text holds.

    field_positions maps a report field to the plain-text offset of each of its characters (plus
    the end). titles maps rule ids to rule titles. Findings in fields the client did not send
    (a URL slug, say) have no place in its text and are left out.
    """
    utf16 = Utf16Index(client.original)
    matches = []
    for finding in report.findings:
        positions = field_positions.get(finding.field)
        if positions is None:
            continue
        matches.append(_match(finding, client, positions, utf16, titles.get(finding.rule, finding.rule)))
    matches.sort(key=lambda m: (m["offset"], m["length"]))
    return {
        "software": {
            "name": "nofame",
            "version": __version__,
            "buildDate": None,
            "apiVersion": 1,
            "premium": False,
            "status": "",
        },
        "warnings": {"incompleteResults": False},
        "language": dict(language),
        "matches": matches,
    }


def _match(finding: Finding, client: ClientText, positions: Sequence[int], utf16: Utf16Index, title: str) -> dict:
    plain = client.plain
    start = positions[finding.start]
    end = positions[finding.end - 1] + 1 if finding.end > finding.start else start
    replacements = [s.replacement for s in finding.suggestions if s.safety != "display-only"]
    if start == end:
        start, end, replacements = _widen_insertion(plain, start, replacements)
    elif not replacements:
        start, end = _trim(plain, start, end)
    elif replacements == [""]:
        start, end = swallow_space(plain, start, end)
    o_start, o_end = client.span(start, end)
    offset, length = utf16(o_start), utf16(o_end) - utf16(o_start)
    context, context_offset = _context(plain, start, end)
    severity = finding.severity
    return {
        "message": finding.message,
        "shortMessage": f"{title} ({severity})",
        "replacements": [{"value": value} for value in dict.fromkeys(replacements)],
        "offset": offset,
        "length": length,
        "context": {"text": context, "offset": context_offset, "length": utf16_len(plain[start:end])},
        "sentence": _sentence(plain, start, end),
        "type": {"typeName": "Hint" if severity == "info" else "Other"},
        "rule": {
            "id": finding.rule,
            "description": title,
            "issueType": ISSUE_TYPES[severity],
            "category": dict(CATEGORY),
            "urls": [{"value": finding.source}] if finding.source else [],
        },
        "ignoreForIncompleteSentence": False,
        "contextForSureMatch": 0,
        "nofame": {"severity": severity, "field": finding.field, "confidence": round(finding.confidence, 2)},
    }


def _widen_insertion(text: str, at: int, replacements: list[str]) -> tuple[int, int, list[str]]:
    """A zero-width insertion (a help box at the end) becomes an edit of the word next to it:
    clients do not show empty matches, and the replacement keeps that word."""
    end = at
    while end > 0 and text[end - 1].isspace():
        end -= 1
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    if start < end:
        word = text[start:at]
        return start, at, [word + r for r in replacements]
    start = at
    while start < len(text) and text[start].isspace():
        start += 1
    end = start
    while end < len(text) and not text[end].isspace():
        end += 1
    word = text[at:end]
    return at, end, [r + word for r in replacements]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _context(text: str, start: int, end: int) -> tuple[str, int]:
    """About 40 characters either side, on one line, "..." where cut; the offset in UTF-16 units."""
    left = max(0, start - CONTEXT_CHARS)
    right = min(len(text), end + CONTEXT_CHARS)
    prefix = "..." if left > 0 else ""
    suffix = "..." if right < len(text) else ""
    before = _one_line(text[left:start])
    return prefix + before + _one_line(text[start:right]) + suffix, utf16_len(prefix + before)


def _one_line(text: str) -> str:
    return text.replace("\r", " ").replace("\n", " ").replace("\t", " ")


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence (or, for a long span, the sentences) around a match."""
    begin = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        begin = m.end()
    stop = len(text)
    m = _SENTENCE_END.search(text, max(end, start + 1) - 1 if end > start else start)
    if m is not None:
        stop = m.end() if not m.group().startswith("\n") else m.start()
    return " ".join(text[begin:stop].split())
