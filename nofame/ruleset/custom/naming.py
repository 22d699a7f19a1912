"""Name rules: the perpetrator's name in display text, in the lede, and repeated in the body."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from nofame.actors import Mention
from nofame.actors.names import fold
from nofame.analysis import Analysis
from nofame.article import field_kind
from nofame.report import Suggestion
from nofame.ruleset.custom.earlier_places import earlier_attacker_phrases
from nofame.ruleset.findings import Match
from nofame.ruleset.schema import Rule

_IDENTIFIED_AS = re.compile(r"\b(identified|named)\b[^.!?]{0,60}\bas\s+$", re.IGNORECASE)
# How far before a mention the patterns above look. Both end at the mention and are short, so a
# window keeps each mention's cost constant; searching the whole text before it made a long draft
# with many mentions quadratic.
_LOOKBEHIND = 200


def _is_official_quote(mention: Mention) -> bool:
    return mention.quote is not None and mention.quote.speaker_role == "official"


def name_fix(analysis: Analysis, mention: Mention) -> tuple[int, int, tuple[Suggestion, ...]]:
    """The span to replace and how: drop an appositive name, else put the role noun in its place."""
    text = analysis.texts[mention.field]
    before = text[max(0, mention.start - _LOOKBEHIND) : mention.start]
    kind = field_kind(mention.field)
    if kind == "slug":
        return mention.start, mention.end, (Suggestion("", "display-only"),)
    # "the gunman, John Doe," / "suspect John Doe" (nouns from rules/lexicons/context.yml)
    if apposition := analysis.lexicon.apposition.search(before):
        start = mention.start - len(apposition.group(2))
        end = mention.end
        # "the gunman, John Doe, opened fire" -> "the gunman opened fire"; keep ", 28," ages.
        after = text[end:]
        if "," in apposition.group(2) and after.startswith(",") and not re.match(r",\s*\d", after):
            end += 1
        return start, end, (Suggestion("", "safe"),)
    if _IDENTIFIED_AS.search(before):
        # "identified the suspect as John Doe": only an editor can rephrase this sentence.
        return mention.start, mention.end, (Suggestion("", "unsafe"),)
    role = analysis.role.noun
    if kind != "body":
        role = role.removeprefix("the ")  # headline style: "Suspect kills 8"
    replacement = role + ("'s" if mention.possessive else "")
    return mention.start, mention.end, (Suggestion(_name_case(replacement, mention, text, kind), "safe"),)


def _name_case(replacement: str, mention: Mention, text: str, kind: str) -> str:
    """Names are always capitalised, so follow the field instead: ALL CAPS, Title Case display text,
    and a capital at a sentence start."""
    letters = [c for c in mention.text if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    words = [w for w in text.split() if w[:1].isalpha()] if kind != "body" else []  # display text is short
    if words and sum(w[0].isupper() for w in words) >= 0.6 * len(words):
        return " ".join(w[:1].upper() + w[1:] for w in replacement.split(" "))
    if _starts_sentence(text, mention.start):
        return replacement[:1].upper() + replacement[1:]
    return replacement


def _starts_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - _LOOKBEHIND) : start].rstrip(" \"“‘'(")
    return (not before and start <= _LOOKBEHIND) or (bool(before) and before[-1] in ".!?\n:")


def _name_match(
    analysis: Analysis, mention: Mention, case: str = "", values: tuple[tuple[str, str], ...] = ()
) -> Match:
    """One mention of the perpetrator's name, with its rewrite."""
    start, end, suggestions = name_fix(analysis, mention)
    confidence = next((a.confidence for a in analysis.cast.perpetrators if _holds(a.mentions, mention)), 0.5)
    return Match(mention.field, start, end, case, values, suggestions, confidence)


def _holds(mentions: tuple[Mention, ...], mention: Mention) -> bool:
    """`mention in mentions` by identity first: equality compares every field of every mention."""
    return any(m is mention for m in mentions) or mention in mentions


def name_mentions(rule: Rule, analysis: Analysis) -> Iterator[Match]:
    """`kind: mentions`: the perpetrator's name where the rule's `mentions.where` says it must not be."""
    spec = rule.mentions
    if spec is None:
        return
    if spec.where == "display":
        yield from _in_display(rule, analysis)
    elif spec.where == "lede":
        yield from _in_lede(analysis)
    else:
        yield from _beyond_allowance(analysis, spec.many_above)


def _in_display(rule: Rule, analysis: Analysis) -> Iterator[Match]:
    if not analysis.naming_applies:
        return
    lede = lede_end(analysis) if "body" in analysis.docs else 0
    for mention in analysis.perpetrator_mentions:
        kind = field_kind(mention.field)
        if kind != "body" and kind in rule.scope:
            yield _name_match(analysis, mention)
        elif kind == "body" and mention.start >= lede and _in_display_body(analysis, mention.start):
            yield replace(_name_match(analysis, mention), display=True)  # a crosshead or caption in the body


def _in_display_body(analysis: Analysis, start: int) -> bool:
    """A crosshead, or a photo's caption that the pasted text kept (`Article.body_captions`)."""
    in_caption = any(s <= start < e for s, e in analysis.article.body_captions)
    return in_caption or in_display_line(analysis.texts["body"], start)


# The longest line that still reads as display text rather than a paragraph of the story, and the longest
# question ("Who is NAME?", not "Was NAME also denied justice by the city?").
_DISPLAY_LINE_WORDS = 12
_DISPLAY_QUESTION_WORDS = 6


def in_display_line(text: str, start: int) -> bool:
    """A crosshead or a caption pasted into the body: a short paragraph of its own, capitalised, without
    closing punctuation ("Gunman identified as NAME", "Attack ringleader NAME"), next to a paragraph of
    prose (table cells, one per paragraph once a table is flattened, have none beside them)."""
    para_start = text.rfind("\n\n", 0, start)
    para_start = 0 if para_start == -1 else para_start + 2
    para_end = text.find("\n\n", start)
    if para_end == -1:
        return False  # the last paragraph: a draft cut short ends without punctuation too
    if not _display_text(text[para_start:para_end]):
        return False
    # The neighbours by offsets, not by splitting the text: this runs once per mention of a long draft.
    before_end = max(para_start - 2, 0)
    previous = text.rfind("\n\n", 0, before_end)
    before = text[0 if previous == -1 else previous + 2 : before_end]
    following = text.find("\n\n", para_end + 2)
    after = text[para_end + 2 : len(text) if following == -1 else following]
    return any(_prose(neighbour) for neighbour in (before, after))


def _display_text(paragraph: str) -> bool:
    line = _NUMBERED.sub("", paragraph.strip().lstrip("(["))  # "3. NAME Left a Note": a list's crosshead
    words = line.split()
    longest = _DISPLAY_QUESTION_WORDS if line.endswith("?") else _DISPLAY_LINE_WORDS
    if _title_case(words):
        longest = _DISPLAY_TITLE_WORDS
    return (
        "\n" not in line
        and "|" not in line  # a table row is data, not display text
        and 0 < len(words) <= longest
        and line[:1].isupper()
        and line[-1] not in ".!:;,\"”’'"
    )


_NUMBERED = re.compile(r"^\d{1,2}\.\s+")
# A crosshead in Title Case may run longer than a plain one ("NAME Had Been Banned From the Bar Weeks Earlier ...").
_DISPLAY_TITLE_WORDS = 24


def _title_case(words: list[str]) -> bool:
    """Most words of four letters or more are capitalised, as in a headline."""
    long = [w for w in words if len(w) >= 4]
    return len(long) >= 4 and sum(w[:1].isupper() for w in long) >= 0.8 * len(long)


def _prose(paragraph: str) -> bool:
    line = paragraph.strip()
    return len(line.split()) > _DISPLAY_LINE_WORDS or (bool(line) and line[-1] in '.!?"”')


# A dateline the sentence splitter cut off from the lede: "COLUMBIA —", "FORT HOOD (April 3, 2014)",
# "FORT LAUDERDALE, Fla. —", "GILROY >>".
_DATELINE = re.compile(r"[A-Z][A-Z .'’-]*(?:,\s*[A-Z][a-z]+\.?)?\s*(?:\([^)]{0,40}\))?\s*(?:[—–-]{1,2}|>>|:)?")


def lede_end(analysis: Analysis) -> int:
    """The lede is the first sentence, its dateline aside: where readers and search snippets meet the story."""
    sentences = analysis.sentences["body"]
    first = sentences[0]
    if len(sentences) > 1 and _DATELINE.fullmatch(first.text.strip()):
        first = sentences[1]
    paragraph_end = analysis.texts["body"].find("\n\n", first.start_char)
    return min(first.end_char, paragraph_end) if paragraph_end != -1 else first.end_char


def _in_lede(analysis: Analysis) -> Iterator[Match]:
    if analysis.profile.lede_name_allowed or "body" not in analysis.docs or not analysis.naming_applies:
        return
    end_of_lede = lede_end(analysis)
    for mention in analysis.perpetrator_mentions:
        if mention.field == "body" and mention.start < end_of_lede and not _is_official_quote(mention):
            yield _name_match(analysis, mention)


def _beyond_allowance(analysis: Analysis, many_above: int) -> Iterator[Match]:
    """Body mentions past the profile's allowance; case `many` when more than `many_above` count."""
    if "body" not in analysis.docs or not analysis.naming_applies:
        return
    allowance = analysis.profile.body_names
    lede = 0 if analysis.profile.lede_name_allowed else lede_end(analysis)
    for actor in analysis.cast.perpetrators:
        # "NAME, who went by the name ALIAS": giving the other name he went by is part of naming him once
        body = [m for m in actor.mentions if m.field == "body" and not m.alias]
        counted = [m for m in body if not _is_official_quote(m)]
        if len(body) <= allowance:
            continue
        # The reference point the profile allows: the first mentions, the lede's included (a name the lede gives
        # is the reference point; the lede rule reports it).
        allowed = {id(m) for m in counted[:allowance]}
        case = "many" if len(counted) > many_above else "few"
        values = (("count", str(len(body))), ("allowance", str(allowance)))
        for mention in body:
            if id(mention) in allowed or (mention.start < lede and not _is_official_quote(mention)):
                continue
            yield _name_match(analysis, mention, case, values)


def past_perpetrator_names(rule: Rule, analysis: Analysis) -> Iterator[Match]:
    """Earlier attackers named, from the newsroom's list and the built-in one, wherever they appear (case
    `named`), or pointed to by the place of their attack (case `pointed`)."""
    if not analysis.context.attack:
        return
    earlier = [a for a in analysis.cast.actors if a.id in analysis.cast.earlier]
    for actor in earlier:
        for mention in actor.mentions:
            yield _earlier(mention.field, mention.start, mention.end)
    not_mass = frozenset(w.lower() for w in rule.lexicons["not_mass_attackers"])
    lead_sentences = int(rule.params["lead_sentences"])
    for field_name, start, end in earlier_attacker_phrases(analysis, lead_sentences=lead_sentences, not_mass=not_mass):
        yield _earlier(field_name, start, end, "pointed")
    if not analysis.settings.past_perpetrators:
        return
    pattern = name_pattern(analysis.settings.past_perpetrators)
    for field_name, text in analysis.texts.items():
        folded = fold(text)
        for match in pattern.finditer(folded):
            if not text[match.start()].isupper():
                continue  # "long" is not the surname Long
            yield _earlier(field_name, match.start(), match.end())


def _earlier(field_name: str, start: int, end: int, case: str = "named") -> Match:
    return Match(field_name, start, end, case, suggestions=(Suggestion("", "display-only"),))


def name_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    """Full names and surnames, possessives included, case- and accent-insensitive."""
    forms = {fold(n).strip() for n in names} | {fold(n).split()[-1] for n in names if n.split()}
    alternatives = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True) if f)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?:['’]s?)?(?!\w)")
