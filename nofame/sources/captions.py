"""Photo captions that a page's text kept among its paragraphs.

Text copied out of a web page or a CMS keeps each photo's caption and credit as a short paragraph of
its own ("Mourners at the vigil on Sunday. (AP Photo/Jane Roe)", "Picture: PA", the caption printed
twice as caption and alt text, a name alone under a portrait). Such a paragraph means the page shows an
image there. Only the form is read here; whether the pictured person is the attacker is the rules' call.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# Longer than this, a paragraph is story text, whatever it ends with.
MAX_CAPTION_CHARS = 320

_LABELS = r"photo(?:graph)?s?|pictures?|images?|credit|photo credit"
# Agencies and platforms that credit news photos.
_SOURCES = (
    r"AP|AFP|Reuters|Getty(?: Images)?|PA(?: Wire| Media)?|AAP|EPA(?:-EFE)?|Shutterstock|Alamy|Bloomberg|ANI|PTI|"
    r"Xinhua|Yonhap|Anadolu(?: Agency)?|NurPhoto|SOPA Images|dpa|Supplied|Handout|Facebook|Twitter|Instagram|"
    r"Associated Press|Press Association"
)
# A credit closing the paragraph.
_CREDIT = re.compile(
    rf"(?:\b(?:{_LABELS})\s*:\s*[^\n(),;]{{1,60}}"  # "Photo: Jane Roe/AP", "Credit:Eddie Jim"
    rf"|\((?:[^()\n]{{0,60}}/)?(?:{_SOURCES})(?:\s+photo)?(?:/[^()\n]{{1,60}})?\)"  # "(AAP)", "(AP Photo/Jane Roe)"
    rf"|\([^()\n]{{0,40}}\b(?:{_LABELS})\b[^()\n]{{0,60}}\)"  # "(Picture: PA)", "(Photo by Jane Roe)"
    rf"|\w/(?:{_SOURCES})"  # "Jane Roe/Reuters"
    rf"|(?:^|[.!?]\s)\s*(?:{_SOURCES}))\s*$",  # "... at the station. AFP"
    re.IGNORECASE,
)
# What a caption says and a sentence about a photo does not ("police released a photo" shows none).
_CAPTION_PHRASE = re.compile(
    r"\b(?:pictured|in an undated (?:photo|picture|image)|undated handout|handout (?:photo|picture|image)|"
    r"file (?:photo|picture)|in this (?:photo|picture|image)|this (?:photo|picture|image) shows|"
    r"seen in (?:a|an|this) (?:photo|picture|image)|(?:photo|picture|image|mugshot) released by|police mugshot|"
    r"in a (?:booking|police) photo|(?:photo|picture|image)s? (?:provided|obtained|issued|supplied) by|"
    r"yearbook (?:photo|picture)|screen ?grab|court(?:room)? sketch)\b|\(above\)|"
    # who is where in the picture: "Ann Roe, left, in court", "(L-R)", "Ann Bly (right)"
    r",\s(?:left|right|centre|center)\b,|\((?:left|right|centre|center|l|r|l-r|r-l|from left|left to right)\)",
    re.IGNORECASE,
)
# A name, then what the photo shows him doing, in the present tense a caption uses and a story does not:
# "Ann Roe arrives at the court house", "Ann Roe, 41, is escorted into court", "Ann Roe in court".
_SNAPSHOT = re.compile(
    r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){1,4}(?:,? \d{1,3},)? (?:(?:arrives|is escorted|is led|is taken|sits|stands|"
    r"appears|attends|leaves|enters|walks|looks on|listens|waits|makes (?:a|his|her) (?:first )?court appearance)\b"
    r"|in court$|after being (?:arrested|taken into custody)\b)"
)
# Two to five capitalised words and nothing else, but for a credit in brackets: a name under a portrait.
_NAME_LINE = re.compile(r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){1,4}(?: \([^()]{1,40}\))?")


def caption_kind(paragraph: str) -> str | None:
    """How `paragraph` reads as a caption: "credit", "phrase", "doubled", "name-line", or None (story text)."""
    if not paragraph or len(paragraph) > MAX_CAPTION_CHARS:
        return None
    half = _repeated_half(paragraph)
    if _NAME_LINE.fullmatch(half or paragraph):
        return "name-line"
    if _CREDIT.search(paragraph):
        return "credit"
    if _CAPTION_PHRASE.search(paragraph) or _SNAPSHOT.match(paragraph):
        return "phrase"
    return "doubled" if half else None


def caption_indices(paragraphs: Sequence[str]) -> list[int]:
    """The paragraphs that are captions. A name alone counts only between whole paragraphs: after a link's
    text was cut out of a sentence ("It was in prison that / NAME / , sentenced in 2005") it is a fragment."""
    found = []
    for i, paragraph in enumerate(paragraphs):
        kind = caption_kind(paragraph)
        if kind == "name-line":
            before = paragraphs[i - 1].rstrip() if i else "."
            after = paragraphs[i + 1].lstrip() if i + 1 < len(paragraphs) else "A"
            if not (_ENDS_SENTENCE.search(before) and _STARTS_SENTENCE.match(after)):
                continue
        if kind or (i and CAPTION_LABEL.search(paragraphs[i - 1]) and len(paragraph) <= MAX_CAPTION_CHARS):
            found.append(i)
    return found


# A page's label before its caption, kept as text: "Image source, Reuters / Image caption," or "Enlarge
# Image Request to buy this photo" (the caption is the next paragraph).
CAPTION_LABEL = re.compile(r"\b(?:image caption,?|buy this (?:photo|image))\s*$", re.IGNORECASE)


# A line that is only a photo's credit: "Pool photo by Jane Roe/The Post", "Photo: Jane Roe".
CREDIT_LINE = re.compile(r"(?:pool |file )?photo(?:graph)?(?: by|:)\s*[^.!?]{1,60}$", re.IGNORECASE)


_ENDS_SENTENCE = re.compile(r"[.!?:\"”’')\]]$")
_STARTS_SENTENCE = re.compile(r"[\"“‘'(\[]?[A-Z0-9]")


def _repeated_half(paragraph: str) -> str | None:
    """The caption of a paragraph that is one caption printed twice (caption and alt text), else None."""
    half = len(paragraph) // 2
    first, second = paragraph[:half].strip(), paragraph[half:].strip()
    return first if len(first) >= 8 and first == second else None
