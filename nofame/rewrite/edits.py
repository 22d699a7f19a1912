"""Edits that compose: each one leaves clean text on its own (no double space, no orphaned comma, a/an
agreeing with the word that now follows, a capital at a sentence start), and no two edits overlap."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from nofame.rewrite.articles import with_article

SAFETIES = ("safe", "needs-review")


@dataclass(frozen=True)
class Edit:
    field: str
    start: int  # code points into the field's text
    end: int
    replacement: str
    safety: str = "safe"  # safe: meaning-preserving and grammatical, applied by "Apply all"; or needs-review
    rule: str = ""  # the rule whose finding this fixes ("" for a rewrite-only edit: a first name alone)
    note: str = ""  # what the edit does, for the page and the CLI

    def to_dict(self) -> dict[str, object]:
        return {**asdict(self), "rule": self.rule or None}


_ARTICLE_BEFORE = re.compile(r"(?<![\w'’-])(an?|AN?)\s+$")
_ARTICLE_START = re.compile(r"^(an?|AN?)\s+(?=\S)")


def starts_sentence(text: str, start: int) -> bool:
    """Whether `start` is the first word of a sentence (or of a paragraph or quotation after a colon)."""
    before = text[:start].rstrip(" \"“‘'([")
    return not before or before[-1] in ".!?\n:"


def capitalise(text: str) -> str:
    for i, c in enumerate(text):
        if c.isalpha():
            return text[:i] + c.upper() + text[i + 1 :]
        if c not in "\"“‘'([":
            return text
    return text


def tidy(text: str, edit: Edit) -> Edit:
    """The edit widened and adjusted so that applying it alone leaves clean text."""
    start, end, replacement = edit.start, edit.end, edit.replacement
    if not replacement:
        start, end = swallow_space(text, start, end)
        start, end = _orphaned_punctuation(text, start, end)
    # A sentence that starts where the edit starts keeps its capital.
    if starts_sentence(text, start):
        if replacement:
            replacement = capitalise(replacement)
        else:
            nxt = re.match(r"\s*[\"“‘(]?([a-z])", text[end:])
            if nxt:
                cut = end + nxt.end(1)
                replacement = capitalise(text[end:cut])
                end = cut
    # "a" / "an" before the edit agrees with what now follows it.
    if article := _ARTICLE_BEFORE.search(text[:start]):
        following = replacement + text[end:] if replacement.strip() else text[end:]
        right = with_article(article.group(1), following.lstrip())
        if right != article.group(1):
            replacement = right + text[article.end(1) : start] + replacement
            start = article.start()
    # An article the replacement starts with agrees with the text it now runs into.
    if inner := _ARTICLE_START.match(replacement):
        rest = replacement[inner.end() :] + text[end:]
        replacement = with_article(inner.group(1), rest) + replacement[len(inner.group(1)) :]
    return Edit(edit.field, start, end, replacement, edit.safety, edit.rule, edit.note)


def swallow_space(text: str, start: int, end: int) -> tuple[int, int]:
    """Deleting words takes one neighbouring space with it, so no double space is left."""
    while end < len(text) and start > 0 and text[start - 1] == " " and text[end] == " ":
        end += 1
    if end < len(text) and text[end] == " " and (start == 0 or text[start - 1] in " \n"):
        return start, end + 1
    if start > 0 and text[start - 1] == " " and (end == len(text) or text[end] in " .,;:!?\n)”\"'’"):
        return start - 1, end
    return start, end


def _orphaned_punctuation(text: str, start: int, end: int) -> tuple[int, int]:
    """A deleted clause takes its comma with it: "Doe, 24, left" minus ", 24" keeps one comma only."""
    before = text[:start].rstrip(" ")
    after = text[end:]
    if before.endswith(",") and after.lstrip(" ")[:1] in (",", ".", ";", ":", ")"):
        return len(before) - 1, end
    if before.endswith("(") and after.lstrip(" ")[:1] == ")":
        close = end + after.index(")") + 1
        return swallow_space(text, len(before) - 1, close)
    return start, end


def overlaps(a: Edit, b: Edit) -> bool:
    if a.field != b.field:
        return False
    if a.start == a.end or b.start == b.end:  # insertions clash only at the same point
        return a.start == b.start
    return a.start < b.end and b.start < a.end


def choose(edits: Iterable[Edit]) -> list[Edit]:
    """Edits in priority order, each kept unless it overlaps one kept before; returned in text order."""
    chosen: list[Edit] = []
    for edit in edits:
        if not any(overlaps(edit, other) for other in chosen):
            chosen.append(edit)
    return sorted(chosen, key=lambda e: (e.field, e.start, e.end))


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    out = text
    for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        out = out[: edit.start] + edit.replacement + out[edit.end :]
    return out


_OPEN_QUOTES = "“‘"
_CLOSE_QUOTES = "”’"


def sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """The sentence around `pos`, quotation-aware: a full stop inside quotation marks does not end it
    (`He wrote: "We are here. We stay."` is one sentence). End excludes trailing whitespace."""
    para_start = text.rfind("\n", 0, pos) + 1
    para_end = text.find("\n", pos)
    para_end = len(text) if para_end == -1 else para_end
    start = para_start
    depth = 0
    i = para_start
    while i < para_end:
        c = text[i]
        if c in _OPEN_QUOTES[:1] or (c == '"' and depth == 0):
            depth += 1
        elif c in _CLOSE_QUOTES[:1] or (c == '"' and depth > 0):
            depth = max(0, depth - 1)
            nxt = text[i + 1 : i + 3]
            if depth == 0 and text[i - 1] in ".!?" and (i + 1 >= para_end or (nxt[:1] == " " and nxt[1:].isupper())):
                if i + 1 > pos:
                    return start, i + 1
                start = i + 2
        elif c in ".!?" and depth == 0:
            j = i + 1
            while j < para_end and text[j] in '.!?"”’)':
                j += 1
            if j >= para_end or text[j] == " ":
                if _abbreviation_before(text, i):
                    i = j
                    continue
                if j > pos:
                    return start, j
                start = j + 1 if j < para_end else j
                i = j
                continue
        i += 1
    return start, para_end


def _abbreviation_before(text: str, dot: int) -> bool:
    word = re.search(r"(\b\w+)$", text[:dot])
    if not word or text[dot] != ".":
        return False
    return word.group(1) in ("Mr", "Mrs", "Ms", "Dr", "St", "Sgt", "Lt", "Gen", "Rev", "Jr", "Sr", "a.m", "p.m") or (
        len(word.group(1)) == 1 and word.group(1).isupper()
    )
