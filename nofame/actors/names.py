"""Name normalisation and matching: "John Doe", "Doe's", "DOE", "Dóe" are one person.

Folding keeps one output character per input character, so offsets found in folded text are
valid in the original text: regexes run on the folded text and report spans for the original.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from types import MappingProxyType

HYPHENS = frozenset({"-", "‐"})  # tokens inside double-barrelled names ("Haddad-Brissac") and ages

APOSTROPHES = "'’ʼ"
_POSSESSIVE_RE = re.compile(r"(?:['’ʼ][sS]|['’ʼ])$")


# Letters that do not decompose into a base letter plus accents ("Øystein" ~ "Oystein").
_PLAIN = MappingProxyType({"ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ħ": "h", "ı": "i"})


def _fold_char(char: str) -> str:
    if char in _PLAIN:
        return _PLAIN[char]
    decomposed = unicodedata.normalize("NFKD", char)
    base = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    if char in APOSTROPHES:
        return "'"
    if len(base) == 1:
        return base
    lower = char.lower()
    return lower if len(lower) == 1 else char  # keep length: offsets must survive folding


_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")
_FOLDED: dict[str, str] = {}  # _fold_char of each non-ASCII character met


def fold(text: str) -> str:
    """Lower-case, accent-free, apostrophes unified; same length as `text`."""
    if text.isascii():
        return text.lower()
    lowered = text.lower()
    if len(lowered) != len(text):  # "İ" lower-cases to two characters: fold one at a time
        return "".join(c.lower() if c.isascii() else _fold_char(c) for c in text)
    # Only the few non-ASCII characters need a Python step; str.lower() did the rest in place.
    out, last = [], 0
    for m in _NON_ASCII_RE.finditer(text):
        i, char = m.start(), m.group()
        folded = _FOLDED.get(char)
        if folded is None:
            folded = _FOLDED[char] = _fold_char(char)
        out += (lowered[last:i], folded)
        last = i + 1
    out.append(lowered[last:])
    return "".join(out)


def strip_possessive(text: str) -> tuple[str, bool]:
    """`Doe's` -> (`Doe`, True); `Jones'` -> (`Jones`, True); other text unchanged."""
    stripped = _POSSESSIVE_RE.sub("", text)
    if stripped != text and stripped:
        return stripped, True
    return text, False


def _clean_part(part: str) -> str:
    return part.strip(".,;:()[]\"“”‘’'")


@dataclass(frozen=True)
class PersonName:
    """A person's name split into parts, titles and suffixes removed."""

    display: str  # as written, titles removed: "John A. Doe"
    parts: tuple[str, ...]  # folded parts without suffixes: ("john", "a.", "doe")
    surname: str  # folded, particles included: "doe", "de la cruz"
    titles: tuple[str, ...] = ()  # folded titles that were removed: ("chief",)
    suffix: str = ""  # "jr", "sr", "iii": tells a father from his son

    @property
    def first(self) -> str:
        return self.parts[0] if len(self.parts) > 1 else ""

    @property
    def key(self) -> tuple[str, str, str]:
        """Identity of a full name: first and last name (and Jr./Sr.); middle names do not count, nor does a
        hyphen in the surname ("al-Qudwari" and "Al Qudwari" are one name)."""
        return (self.first, self.surname.replace("-", " "), self.suffix)

    @property
    def is_full(self) -> bool:
        return len(self.parts) > 1

    def forms(self) -> tuple[str, ...]:
        """Folded surface forms to look for in text, longest first."""
        out = {" ".join(self.parts), self.surname}
        if self.is_full:
            out.add(f"{self.first} {self.surname}")
        if self.suffix:  # "John Doe Jr.", "Doe Sr."
            for base in (" ".join(self.parts), self.surname):
                out |= {f"{base} {self.suffix}", f"{base} {self.suffix}."}
        bare = self.surname.split()[-1]
        out.add(bare)
        return tuple(sorted(out, key=lambda s: (-len(s), s)))


def parse_name(
    text: str,
    *,
    titles: Collection[str] = frozenset(),
    suffixes: Collection[str] = frozenset(),
    particles: Collection[str] = frozenset(),
) -> PersonName | None:
    """Split `text` into a PersonName, or None when nothing name-like is left.

    `titles`, `suffixes` and `particles` are folded words without dots ("dr", "jr", "de"), as the
    actors lexicon holds them.

    Titles are removed up to the last one ("Dayton Police Chief Ana Ortiz" -> "Ana Ortiz"), so that a
    place or agency before a title does not become a first name.
    """
    text, _ = strip_possessive(_name_segment(text.strip()))
    # A part that folds to nothing (a symbol: "¯") is no part of the name.
    pairs = [(p, fold(_clean_part(p)).strip()) for p in text.split() if _clean_part(p)]
    raw, folded = [p for p, f in pairs if f], [f for _, f in pairs if f]
    last_title = -1
    for i, part in enumerate(folded):
        if part.rstrip(".") in titles and i < len(folded) - 1:
            last_title = i
    removed = tuple(p.rstrip(".") for p in folded[: last_title + 1] if p.rstrip(".") in titles)
    raw, folded = raw[last_title + 1 :], folded[last_title + 1 :]
    suffix = ""
    while len(folded) > 1 and folded[-1].rstrip(".") in suffixes:
        suffix = suffix or folded[-1].rstrip(".")
        raw, folded = raw[:-1], folded[:-1]
    if not folded or not any(ch.isalpha() for ch in "".join(folded)):
        return None
    display = " ".join(_clean_part(p) if i in (0, len(raw) - 1) else p for i, p in enumerate(raw))
    # Surname: the last part plus lower-case particles before it ("Maria de la Cruz" -> "de la cruz").
    start = len(folded) - 1
    while start > 1 and folded[start - 1] in particles:
        start -= 1
    surname = " ".join(folded[start:])
    return PersonName(display=display, parts=tuple(folded), surname=surname, titles=removed, suffix=suffix)


_SPACED_DASH = re.compile(r"\s+[-–—](?:\s+|$)")


def _name_segment(text: str) -> str:
    """A spaced dash never stands inside a name: of "Ana Doe - were" or "DAYTON - Ana Doe", the part with
    the most Title Case words."""
    segments = _SPACED_DASH.split(text)
    if len(segments) == 1:
        return text
    return max(segments, key=lambda seg: sum(w[:1].isupper() and not w.isupper() for w in seg.split()))


_NOT_LETTERS = re.compile(r"[^a-z ]+")


def name_words(name: str) -> list[str]:
    """The folded words of a name, letters only: "Jean-Luc O. Doe Jr." -> jean, luc, o, doe, jr."""
    return _NOT_LETTERS.sub(" ", fold(name).replace("-", " ")).split()


def one_edit_apart(a: str, b: str) -> bool:
    """Two spellings one keystroke apart after the first letter: a letter added, dropped or changed, or
    two neighbours swapped ("hoffman" / "hoffmann", "marlowe" / "malrowe")."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if i == 0:
        return False
    if len(a) < len(b):
        return a[i:] == b[i + 1 :]
    swapped = i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
    return a[i + 1 :] == b[i + 1 :] or swapped


def form_pattern(forms: Iterable[str]) -> re.Pattern[str] | None:
    """One regex over folded text for all forms: whole words, longest alternative first.

    A hyphen joined to a letter counts as part of the word, so "doe" does not match "Doe-Smith".
    """
    unique = sorted(set(forms), key=lambda s: (-len(s), s))
    if not unique:
        return None
    alternatives = "|".join(_form_re(form) for form in unique)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w]|-\w)")


def matched_form(matched: str) -> str:
    """The form a `form_pattern` match stands for: spaces collapsed, a middle initial's stop dropped."""
    return re.sub(r"(?<![\w.])(\w)\.(?=\s|$)", r"\1", " ".join(matched.split()))


def _form_re(form: str) -> str:
    """One form; "Riaz A." is "A." alone too, as German police name a suspect, but "A" without its stop is
    the article."""
    if len(form) == 1:
        return re.escape(form) + r"\."
    return r"\s+".join(_word_re(w) for w in form.split())


def _word_re(word: str) -> str:
    """A word of a name form; a middle initial with or without its full stop ("Darnell E. Brooks")."""
    return re.escape(word) + r"\.?" if len(word) == 1 and word.isalpha() else re.escape(word)


def possessive_after(text: str, end: int, name: str) -> int:
    """Length of a possessive ending right after a name at `end` ("'s", "’s", or a bare "'")."""
    nxt = text[end : end + 3]
    if len(nxt) >= 2 and nxt[0] in APOSTROPHES and nxt[1] in "sS" and not nxt[2:3].isalnum():
        return 2
    # A bare apostrophe is possessive after s/x/z ("Jones'") or before a following noun
    # ("Doe' car"); otherwise it is more likely a closing single quotation mark.
    bare = bool(nxt) and nxt[0] in APOSTROPHES and not nxt[1:2].isalnum()
    if bare and (name[-1:].lower() in "sxz" or re.match(r"['’ʼ] [a-z]", text[end : end + 3])):
        return 1
    return 0
