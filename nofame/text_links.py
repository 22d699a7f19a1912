"""Links written into text: Markdown links and bare URLs, with their offsets in the field.

HTML and Markdown files give nofame their links as markup; a CMS `body`, a caption or text sent by a
LanguageTool client carries them as text: `[the post](https://pastebin.com/abc)`, `https://...`,
`www.example.org/...` or a host with a path, `8kun.top/pol/...`. The rules that judge links read
these the same way as HTML anchors.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_MARKDOWN = re.compile(r"\[([^\[\]\n]{0,300})\]\(\s*<?([^()\s<>]{1,2000})>?(?:\s+\"[^\"\n]{0,300}\")?\s*\)")
_BARE = re.compile(
    r"(?<![\w@/.-])(?:https?://|www\.|(?:[a-z0-9][a-z0-9-]{0,62}\.)+[a-z]{2,24}/)[^\s<>\"'()\[\]{}]{0,2000}",
    re.IGNORECASE,
)
_TRAILING = ".,;:!?"


@dataclass(frozen=True)
class TextLink:
    start: int  # the whole link as written: `[text](href)` or the URL
    end: int
    href: str
    text: str  # the Markdown link's text, or the URL itself


def text_links(text: str) -> Iterator[TextLink]:
    """Markdown links, then the bare URLs outside them, in order of position within each kind."""
    if "." not in text and "](" not in text:
        return
    taken: list[tuple[int, int]] = []
    for match in _MARKDOWN.finditer(text):
        taken.append(match.span())
        yield TextLink(match.start(), match.end(), match.group(2), match.group(1).strip())
    for match in _BARE.finditer(text):
        url = match.group().rstrip(_TRAILING)
        start, end = match.start(), match.start() + len(url)
        if len(url) < 6 or any(a <= start < b for a, b in taken):
            continue
        yield TextLink(start, end, url, url)
