"""Plain text drafts, and the text plumbing every source shares.

Every source ends in the same shape: paragraphs of collapsed text joined with "\\n\\n", so that the
0-based code-point offsets findings use are stable and free of markup.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import accumulate

from nofame.article import MEDIA_IMAGES, Article, Suppression
from nofame.errors import InputError
from nofame.sources.captions import caption_indices

MAX_INPUT_BYTES = 50_000_000
PARAGRAPH_SEPARATOR = "\n\n"

# Invisible characters that split words ("Ro\u00adbert") and would hide names from the matchers.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_SUPPRESSION = re.compile(r"^\s*nofame\s+ignore\b(.*)$", re.IGNORECASE | re.DOTALL)
_RULE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_COMMENT_LINE = re.compile(r"^\s*<!--(.*?)-->\s*$", re.DOTALL)
# Bytes that never occur in text files (everything below 0x20 except tab, LF, FF, CR, and DEL).
_CONTROL_BYTES = frozenset(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D} | {0x7F}


def decode_bytes(data: bytes, *, name: str = "the input", fallback: str | None = None) -> str:
    """Bytes of a draft -> text: UTF-8 (UTF-16 with a BOM is tolerated), no BOM, LF line ends.

    fallback is a charset the file declares itself (an HTML <meta charset>); it is used only when
    the bytes are not UTF-8, because mislabelled UTF-8 pages are more common than real Latin-1 ones.
    """
    if data.startswith(_UTF16_BOMS):
        # Windows editors save "Unicode" text as UTF-16 with a BOM; it is unambiguous, so accept it.
        try:
            return normalise_newlines(data.decode("utf-16"))
        except UnicodeDecodeError as exc:
            raise InputError(f"{name} is not valid UTF-16 at byte {exc.start}") from None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    reject_binary(data, name=name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if fallback is not None:
            return _decode_fallback(data, fallback, name, exc.start)
        raise InputError(f"{name} is not valid UTF-8 at byte {exc.start} (save it as UTF-8)") from None
    return normalise_newlines(text)


def _decode_fallback(data: bytes, charset: str, name: str, utf8_error: int) -> str:
    try:
        return normalise_newlines(data.decode(charset))
    except LookupError:
        raise InputError(f"{name} is not valid UTF-8 at byte {utf8_error} (save it as UTF-8)") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{name} is not valid {charset} at byte {exc.start}") from None


def reject_binary(data: bytes, *, name: str = "the input") -> None:
    """Refuse images, PDFs, archives and other binary files before trying to decode them."""
    nul = data.find(b"\x00")
    if nul != -1:
        raise InputError(f"{name} looks like a binary file, not text (NUL byte at byte {nul})")
    sample = data[:8192]
    if sample and sum(byte in _CONTROL_BYTES for byte in sample) > len(sample) // 10:
        raise InputError(f"{name} looks like a binary file, not text")


def normalise_newlines(text: str) -> str:
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def collapse(text: str) -> str:
    """One line, single spaces, no invisible word breakers."""
    return " ".join(text.translate(_INVISIBLE).split())


def parse_suppression(comment: str) -> frozenset[str] | None:
    """The rule ids of a `nofame ignore RULE[, RULE...]` comment body, or None if it is not one."""
    match = _SUPPRESSION.match(comment)
    if match is None:
        return None
    tokens = re.split(r"[\s,]+", match.group(1).strip().lower())
    rules = frozenset(token for token in tokens if _RULE_ID.match(token))
    return rules or None


@dataclass(frozen=True)
class PendingSuppression:
    """A suppression comment tied to the text of the paragraph it precedes (None: whole article)."""

    rules: frozenset[str]
    paragraph: str | None


class BodyBuilder:
    """Collects paragraphs and suppression comments in reading order.

    Mutable on purpose, but only ever local to one extraction call. A comment before any text
    (headline included) covers the whole article; any other comment covers the next paragraph that
    is flushed, which for a comment inside a paragraph is the paragraph around it.
    """

    def __init__(self, max_link_share: float = 1.0) -> None:
        self.paragraphs: list[str] = []
        self.suppressions: list[PendingSuppression] = []
        self.started = False
        self._max_link_share = max_link_share
        self._parts: list[str] = []
        self._link_chars = 0
        self._pending: list[frozenset[str]] = []

    def add(self, text: str | None, *, in_link: bool = False) -> None:
        if text:
            self._parts.append(text)
            if in_link:
                self._link_chars += len(collapse(text))

    def flush(self) -> None:
        paragraph = collapse("".join(self._parts))
        link_chars, self._parts, self._link_chars = self._link_chars, [], 0
        if not paragraph or link_chars > self._max_link_share * len(paragraph):
            return
        self.started = True
        self.paragraphs.append(paragraph)
        self.suppressions.extend(PendingSuppression(rules, paragraph) for rules in self._pending)
        self._pending.clear()

    def mark_started(self) -> None:
        """Text outside the body (the headline) was seen: later comments are paragraph-level."""
        self.started = True

    def comment(self, comment: str | None) -> None:
        rules = parse_suppression(comment or "")
        if rules is None:
            return
        if self.started or collapse("".join(self._parts)):
            self._pending.append(rules)
        else:
            self.suppressions.append(PendingSuppression(rules, None))


def join_paragraphs(paragraphs: Iterable[str]) -> str:
    return PARAGRAPH_SEPARATOR.join(paragraphs)


def place_suppressions(paragraphs: Sequence[str], pending: Iterable[PendingSuppression]) -> tuple[Suppression, ...]:
    """Turn pending suppressions into spans of the final body.

    Paragraphs are found by text, in order, because the final body may come from a different
    extractor (trafilatura) than the pass that saw the comments; a paragraph the final body dropped
    has nothing left to suppress.
    """
    starts: list[int] = []
    offset = 0
    for paragraph in paragraphs:
        starts.append(offset)
        offset += len(paragraph) + len(PARAGRAPH_SEPARATOR)
    placed: list[Suppression] = []
    cursor = 0
    for item in pending:
        if item.paragraph is None:
            placed.append(Suppression(rules=item.rules))
            continue
        index = _find_paragraph(paragraphs, item.paragraph, cursor)
        if index is None:
            continue
        cursor = index
        start = starts[index]
        placed.append(Suppression(item.rules, "body", start, start + len(paragraphs[index])))
    return tuple(placed)


def _find_paragraph(paragraphs: Sequence[str], target: str, cursor: int) -> int | None:
    order = [*range(cursor, len(paragraphs)), *range(cursor)]
    for index in order:
        if paragraphs[index] == target:
            return index
    for index in order:
        if target in paragraphs[index] or (len(paragraphs[index]) >= 20 and paragraphs[index] in target):
            return index
    return None


def paragraphs_of_text(text: str) -> BodyBuilder:
    """Blank lines separate paragraphs; a text with no blank line has one paragraph per line.

    Hard-wrapped text (e-mail, terminals) keeps its sentences whole; pasted word-processor text
    with one line per paragraph keeps its paragraphs. Lines that are only a suppression comment
    (`<!-- nofame ignore RULE -->`) work as in Markdown.
    """
    lines = normalise_newlines(text).strip().split("\n")
    one_per_line = all(line.strip() for line in lines)
    builder = BodyBuilder()
    for line in lines:
        comment = _COMMENT_LINE.match(line)
        if comment is not None and parse_suppression(comment.group(1)) is not None:
            builder.comment(comment.group(1))
            continue
        if not line.strip():
            builder.flush()
            continue
        builder.add(line + "\n")
        if one_per_line:
            builder.flush()
    builder.flush()
    return builder


def article_from_text(text: str, headline: str = "") -> Article:
    """A pasted plain-text draft. The headline is never guessed from the text: pass it explicitly."""
    article = text_body(text)
    headline = collapse(headline)
    if not article.body and not headline:
        raise InputError("the draft is empty")
    return replace(article, headline=headline)


def text_body(text: str) -> Article:
    """The body of a plain text, with its suppressions and the photo captions the text kept."""
    builder = paragraphs_of_text(text)
    starts = list(accumulate((len(p) + len(PARAGRAPH_SEPARATOR) for p in builder.paragraphs), initial=0))
    captions = [(starts[i], starts[i] + len(builder.paragraphs[i])) for i in caption_indices(builder.paragraphs)]
    return Article(
        body=join_paragraphs(builder.paragraphs),
        suppressions=place_suppressions(builder.paragraphs, builder.suppressions),
        body_captions=tuple(captions),
        media=frozenset({MEDIA_IMAGES}) if captions else frozenset(),  # a caption is a photo on the page
    )
