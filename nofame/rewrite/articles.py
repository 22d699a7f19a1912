"""Indefinite articles by sound, not by letter: "an 18-year-old", "a university", "an FBI agent", "an hour"."""

from __future__ import annotations

import re

# Vowel letters that sound like a consonant ("a union", "a one-time", "a European").
_CONSONANT_SOUND = (
    "unif", "union", "uniq", "unit", "univ", "unis", "unic", "unil", "usa", "use", "usi", "usu", "uten", "util",
    "ura", "ure", "uri", "uro", "uti", "eu", "ewe", "one", "once", "ouija", "ubiq", "uga", "ukr", "ufo",
)  # fmt: skip
# A silent h ("an hour", "an honest").
_VOWEL_SOUND = ("hour", "honest", "honor", "honour", "heir")
# Letters whose names start with a vowel sound: "an FBI agent", "an AR-15", "an M16".
_VOWEL_LETTERS = frozenset("AEFHILMNORSX")
_WORD = re.compile(r"[\"“‘'(\[]*([\w.&-]+)")
_NUMBER = re.compile(r"\d[\d,]*")


def article_for(phrase: str) -> str:
    """ "a" or "an" for the word a phrase starts with."""
    match = _WORD.match(phrase.strip())
    if not match:
        return "a"
    word = match.group(1)
    if word[0].isdigit():
        return "an" if _eight_or_eleven(word) else "a"
    acronym = re.match(r"[A-Z]+(?![a-z])", word)
    if acronym and not (len(acronym.group(0)) >= 4 and re.search("[AEIOU]", acronym.group(0))):
        # an acronym or a letter, read letter by letter: "an FBI agent", "an M16", "a U.S. official";
        # a longer run with vowels is a word in capitals ("a SWAT team", "A SUSPECT")
        return "an" if acronym.group(0)[0] in _VOWEL_LETTERS else "a"
    lower = word.lower()
    if lower.startswith(_VOWEL_SOUND):
        return "an"
    if lower.startswith(_CONSONANT_SOUND):
        return "a"
    return "an" if lower[:1] in "aeiou" else "a"


def _eight_or_eleven(word: str) -> bool:
    """8, 80, 800; 11 and 18 (and 11,000 or 18-year-old), read "eight..." / "eleven" / "eighteen"."""
    digits = _NUMBER.match(word)
    if not digits:
        return False
    number = digits.group(0)
    if number.startswith("8"):
        return True
    groups = number.split(",")
    lead = groups[0]
    return lead in ("11", "18") and (len(groups) > 1 or len(number) in (2, 4))


def wrong_article(article: str, following: str) -> bool:
    return article.lower() in ("a", "an") and article.lower() != article_for(following)


def with_article(article: str, following: str) -> str:
    """`article` ("a"/"an", any case) corrected for the phrase that follows it."""
    right = article_for(following)
    if article.isupper() and len(article) > 1:
        return right.upper()
    return right.capitalize() if article[:1].isupper() else right
