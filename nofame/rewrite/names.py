"""The perpetrator's name out of the draft, one whole noun phrase at a time.

Which mentions stay is the profile's call (`keep_plan`); how each other mention goes is read from the
parse and the words around it: "the 24-year-old Doe" -> "the 24-year-old gunman", "the Doe home" -> "the
gunman's home", "the Doe trial" -> "the trial", "a Doe family friend" -> "a family friend of the gunman",
"Doe's" -> "the gunman's" or "his", "the gunman, John Doe," -> "the gunman", "Mr Doe" -> "the gunman",
first names and surnames alone, headline style, and "[the gunman]" inside quotations.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from nofame.actors import Actor, Mention
from nofame.actors.names import fold
from nofame.analysis import Analysis
from nofame.article import field_kind
from nofame.rewrite.edits import Edit, capitalise, starts_sentence
from nofame.roles import DESCRIPTIVE, LEGAL, Role
from nofame.ruleset.custom.naming import lede_end

FAMILY_OF = ("son", "brother", "nephew", "grandson", "stepson", "husband", "boyfriend")  # "her son, John Doe,"
ROLE_WORDS = (
    *DESCRIPTIVE,
    *LEGAL,
    "perpetrator",
    "shooter",
    "killer",
    "terrorist",
    "man",
    "woman",
    "teenager",
    "teen",
    "driver",
)
_TITLE_WORD = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Dr|Mx)\.?\s+")
_TITLE = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Miss|Dr|Mx)\.?\s+)$")
_ROLE_TITLE = re.compile(
    rf"(?:\b(the|a|an)\s+)?\b((?:suspected\s+|alleged\s+|accused\s+)?(?:{'|'.join(ROLE_WORDS)}))\s+$",
    re.I,
)
_APPOSITION_BEFORE = re.compile(rf"\b(?:{'|'.join(ROLE_WORDS + FAMILY_OF)})(\s*,\s*|\s*\(\s*)$", re.IGNORECASE)
_APPOSITION_AFTER = re.compile(rf"^,\s+((?:the|a|an)\s+(?:[\w-]+\s+){{0,2}}?(?:{'|'.join(ROLE_WORDS)}))\s*,", re.I)
_IDENTIFIED_BY = re.compile(r"(,?\s+(?:who\s+was\s+)?(?:identified|named)\s+by\s+(?:\w+\s+){1,3}as\s+)$", re.I)
_IDENTIFIED_AS = re.compile(r"\b(?:identified|named|identify|name|identifies|names)\b[^.!?]{0,60}?(\s+as\s+)$", re.I)
_NAMED_VERB = re.compile(r"\b(?:identified|named|identify|name|identifies|names)\s+$", re.IGNORECASE)
_AGE_AFTER = re.compile(r"^,\s+(\d{1,3})(?=[,.;\s])(,?)")
_EVENT_NOUNS = frozenset(
    {"trial", "case", "hearing", "sentencing", "shooting", "attack", "attacks", "killings", "inquest", "investigation",
     "massacre", "rampage", "bombing", "stabbing", "stabbings", "murders", "verdict", "appeal", "retrial"}
)  # fmt: skip
_COMPOUND_HEADS = frozenset(
    {"family", "families", "home", "house", "household", "residence", "apartment", "property", "relatives",
     "parents", "lawyer", "lawyers", "attorney", "attorneys", "defence", "defense", "camp", "account", "accounts"}
)  # fmt: skip
FAMILY = (
    "mother", "father", "brother", "sister", "wife", "husband", "son", "daughter", "uncle", "aunt",
    "grandmother", "grandfather", "cousin", "stepfather", "stepmother", "parents", "girlfriend", "boyfriend",
)  # fmt: skip


@dataclass(frozen=True)
class Site:
    """One mention of the perpetrator: where it is and what kind of phrase holds it."""

    mention: Mention
    full: bool  # two name parts or more ("John Doe"), not a surname or first name alone


def name_parts(actor: Actor) -> frozenset[str]:
    return frozenset(fold(p) for n in (actor.name, *actor.aliases) for p in n.split() if len(p) > 1)


def sites(analysis: Analysis, actor: Actor) -> list[Site]:
    """Every mention of the actor, plus the name parts the actor step does not count as mentions (a first
    name alone, a first name beside the surname it did match), merged into whole names."""
    parts = name_parts(actor)
    # A name given as the one he went by ("also known as NAME") goes with its phrase, which the nickname
    # rule removes whole; replacing it first would leave "also known as the gunman".
    taken = other_people(analysis, actor) + [(m.field, m.start, m.end) for m in actor.mentions if m.alias]
    spans: dict[str, list[list[int]]] = {}
    for m in actor.mentions:
        if not m.alias:
            spans.setdefault(m.field, []).append([m.start, m.end])
    for field_name, doc in analysis.docs.items():
        for token in doc:
            if not token.text[:1].isupper() or fold(token.text) not in parts:
                continue
            if token.i > 0 and not starts_sentence(doc.text, token.idx) and _is_other_name(doc, token, parts):
                continue
            if any(f == field_name and s <= token.idx < e for f, s, e in taken):
                continue
            spans.setdefault(field_name, []).append([token.idx, token.idx + len(token.text)])
    found: list[Site] = []
    for field_name, ranges in spans.items():
        text = analysis.texts[field_name]
        doc = analysis.docs[field_name]
        for start, end in _merge(text, ranges):
            start, end = _whole_name(doc, text, start, end, [(s, e) for f, s, e in taken if f == field_name])
            end = _with_possessive(text, end)
            words = text[start:end]
            possessive = bool(re.search(r"['’]s?$", words))
            quote = analysis.quote_at(field_name, start)
            mention = Mention(field_name, start, end, words, possessive, quote)
            found.append(Site(mention, len(re.sub(r"['’]s?$", "", words).split()) > 1))
    order = {name: i for i, name in enumerate(analysis.texts)}
    return sorted(found, key=lambda s: (order[s.mention.field], s.mention.start))


def other_people(analysis: Analysis, actor: Actor) -> list[tuple[str, int, int]]:
    """Other people's mentions, except a bare name part the actor step gave to someone who is not a victim,
    official or helper ("Doe" after "his mother, Mary Doe"): in a story about him, a bare "Doe" is him."""
    parts = name_parts(actor)
    given = actor.id.startswith("given")  # the newsroom named him: his name parts are his

    def his(m: Mention) -> bool:
        return all(fold(w) in parts for w in _TITLE_WORD.sub("", re.sub(r"['’]s?$", "", m.text)).split())

    return [
        (m.field, m.start, m.end)
        for a in analysis.cast.actors
        if a is not actor
        for m in a.mentions
        if not his(m)
        or (not given and a.role in ("victim", "official", "helper"))
        or (not given and _TITLE.search(analysis.texts[m.field][: m.start]))
    ]


def _is_other_name(doc: Doc, token: Token, parts: frozenset[str]) -> bool:
    """ "Anna" in "Anna Doe": a capitalised word right before or after makes it another person's name."""
    neighbours = [doc[token.i - 1]] if token.i > 0 else []
    neighbours += [doc[token.i + 1]] if token.i + 1 < len(doc) else []
    return any(n.text[:1].isupper() and n.ent_type_ == "PERSON" and fold(n.text) not in parts for n in neighbours)


def _merge(text: str, ranges: list[list[int]]) -> Iterator[tuple[int, int]]:
    ranges = sorted(ranges)
    current: list[int] | None = None
    for start, end in ranges:
        if current and start <= current[1] + 1 and text[current[1] : start].strip() == "":
            current[1] = max(current[1], end)
            continue
        if current:
            yield current[0], current[1]
        current = [start, end]
    if current:
        yield current[0], current[1]


def _whole_name(doc: Doc, text: str, start: int, end: int, others: list[tuple[int, int]]) -> tuple[int, int]:
    """The first names the parser saw before a known surname ("Darrel Vickers" where only "Vickers" was known),
    and the full stop of a final initial ("Stephan B. was") when the sentence goes on."""
    for ent in doc.ents:
        if ent.label_ != "PERSON" or ent.end_char <= start or ent.start_char >= end:
            continue
        if any(ent.start_char <= s < ent.end_char for s, _ in others):
            continue
        words = text[ent.start_char : start].split()  # leftwards only: Title Case headlines run on
        if ent.start_char < start and all(w[:1].isupper() and w.isalpha() for w in words):
            start = ent.start_char
    if re.search(r"(?:^|\s)[A-Z]$", text[start:end]) and re.match(r"\.(?=\s+[a-z]|,)", text[end:]):
        end += 1
    return start, end


def _with_possessive(text: str, end: int) -> int:
    match = re.match(r"['’]s?(?!\w)", text[end:])
    return end + match.end() if match else end


@dataclass(frozen=True)
class Keep:
    """Which mentions the profile keeps, and an identification sentence to add when none can stay."""

    kept: frozenset[tuple[str, int]]  # (field, start) of the mentions left in place
    insert: Edit | None = None


def keep_plan(analysis: Analysis, found: list[Site], role: Role, actor: Actor) -> Keep:
    if analysis.cast.at_large:  # naming him helps capture
        return Keep(frozenset((s.mention.field, s.mention.start) for s in found))
    profile = analysis.profile
    body = [s for s in found if s.mention.field == "body" and s.mention.quote is None]
    if profile.body_names == 0 or not body:
        return Keep(frozenset())
    lede = 0 if profile.lede_name_allowed else lede_end(analysis)
    if profile.lede_name_allowed:
        return Keep(frozenset((s.mention.field, s.mention.start) for s in body[: profile.body_names]))
    later = [s for s in body if s.mention.start >= lede]
    full = [s for s in later if s.full and not s.mention.possessive]
    if full:
        return Keep(frozenset({("body", full[0].mention.start)}))
    if later and " " not in actor.name:
        return Keep(frozenset({("body", later[0].mention.start)}))
    return Keep(frozenset(), _identification(analysis, role, actor, lede))


def _identification(analysis: Analysis, role: Role, actor: Actor, at: int) -> Edit | None:
    """ "The suspect was identified as John Doe, 24.": the one reference point, after the lede."""
    if " " not in actor.name:
        return None
    text = analysis.texts["body"]
    name = re.escape(actor.name)
    age = re.search(rf"{name},\s+(\d{{1,2}})\b", text) or re.search(rf"\b(\d{{1,2}})-year-old\s+{name}", text)
    sentence = f"{capitalise(role.noun)} was identified as {actor.name}{', ' + age.group(1) if age else ''}."
    while at < len(text) and text[at] in '"”’) ':
        at += 1
    at = len(text[:at].rstrip(" "))
    return Edit("body", at, at, " " + sentence, "safe", "name-in-lede", "the name once, out of the lede")


class Replacer:
    """The edit for one mention that goes, read from the words around it."""

    def __init__(self, analysis: Analysis, role: Role, actor: Actor) -> None:
        self.analysis = analysis
        self.role = role
        self.others = other_people(analysis, actor)
        self.referred: set[tuple[str, int]] = set()  # sentences (field, start) already about him

    def edit(self, site: Site, rule: str) -> Edit:
        m = site.mention
        text = self.analysis.texts[m.field]
        kind = field_kind(m.field)
        sent = self.analysis.sentence_at(m.field, m.start)
        key = (m.field, sent.start_char)
        earlier = key in self.referred
        self.referred.add(key)
        if kind == "slug":
            return Edit(m.field, m.start, m.end, "", "needs-review", rule, "a slug without the name")
        if m.quote is not None:
            noun = self.role.possessive if m.possessive else self.role.noun
            if starts_sentence(text, m.start):
                noun = capitalise(noun)
            return Edit(m.field, m.start, m.end, f"[{noun}]", "safe", rule, "the role noun inside the quotation")
        if kind != "body":
            return self._display(site, text, rule)
        return self._body(site, text, rule, earlier)

    def _display(self, site: Site, text: str, rule: str) -> Edit:
        m = site.mention
        before = text[: m.start]
        # "Police name John Doe as Dayton gunman" -> "Police name Dayton gunman"
        if _NAMED_VERB.search(before) and (as_ := re.match(r"^\s+as\s+", text[m.end :])):
            return Edit(m.field, m.start, m.end + as_.end(), "", "safe", rule, "display text without the name")
        start = m.start
        if role_title := _ROLE_TITLE.search(before):
            start = role_title.start(2)
            replacement = role_title.group(2)
        else:
            replacement = self.role.bare
        replacement += "'s" if m.possessive else ""
        replacement = _display_case(replacement, text[start : m.end], text, start)
        return Edit(m.field, start, m.end, replacement, "safe", rule, "role noun")

    def _body(self, site: Site, text: str, rule: str, earlier: bool) -> Edit:
        m = site.mention
        before, after = text[: m.start], text[m.end :]
        role = self.role
        # "the gunman, John Doe," / "the gunman (John Doe)": the name only repeats the noun.
        if apposition := _APPOSITION_BEFORE.search(before):
            start = m.start - len(apposition.group(1))
            end = m.end
            if "(" in apposition.group(1):
                close = re.match(r"\s*\)", after)
                end += close.end() if close else 0
            elif after.startswith(",") and not _AGE_AFTER.match(after):
                end += 1
            return Edit(m.field, start, end, "", "safe", rule, "the appositive name dropped")
        # "John Doe, the suspected gunman, left": the noun phrase alone.
        if (noun := _APPOSITION_AFTER.match(after)) and not m.possessive:
            return Edit(m.field, m.start, m.end + noun.end(), noun.group(1), "safe", rule, "the role noun alone")
        # "a gunman identified by police as John Doe killed" -> "a gunman killed"
        if by := _IDENTIFIED_BY.search(before):
            start = by.start(1)
            end = m.end + (1 if after.startswith(",") and by.group(1).startswith(",") else 0)
            return Edit(m.field, start, end, "", "safe", rule, "the identification dropped")
        # "identified the gunman as John Doe, 31" -> "identified the gunman as a 31-year-old"
        if ident := _IDENTIFIED_AS.search(before):
            if age := _AGE_AFTER.match(after):
                return Edit(
                    m.field, m.start, m.end + len(age.group(0)) - len(age.group(2)), f"a {age.group(1)}-year-old",
                    "safe", rule, "the age without the name",
                )  # fmt: skip
            return Edit(m.field, ident.start(1), m.end, "", "safe", rule, "the identification without the name")
        # "police identified John Doe, 24, as the suspect" -> "... identified a 24-year-old as the suspect"
        if _NAMED_VERB.search(before):
            age = _AGE_AFTER.match(after)
            if age and re.match(r"^,?\s+as\s", after[age.end() :]):
                end = m.end + len(age.group(0))
                return Edit(m.field, m.start, end, f"a {age.group(1)}-year-old", "safe", rule, "the age, no name")
            if as_ := re.match(r"^\s+as\s+", after):
                return Edit(m.field, m.start, m.end + as_.end(), "", "safe", rule, "identified, without the name")
        # "Mr Doe", "suspect John Doe", "the 24-year-old Doe"
        start = m.start
        if title := _TITLE.search(before):
            start = title.start()
            before = text[:start]
        if role_title := _ROLE_TITLE.search(before):
            article = role_title.group(1)
            if article:  # "the gunman John Doe" -> "the gunman"
                return Edit(m.field, role_title.end(2), m.end, "", "safe", rule, "the name after the role noun")
            # "suspect John Doe" -> "the suspect"; "confessed killer John Doe" -> "the confessed killer"
            start = _modifiers_before(self.analysis.docs[m.field], text, role_title.start(2))
            noun = text[start : role_title.end(2)]
            noun = noun[:1].lower() + noun[1:] if not noun[:2].isupper() else noun.lower()
            return Edit(m.field, start, m.end, f"the {noun}", "safe", rule, "the role noun")
        # "the Doe-owned truck" -> "the gunman-owned truck": the determiner is already there.
        if re.match(r"-\w", after) and re.search(r"\b(?:the|a|an|this|that)\s+$", before, re.IGNORECASE):
            return Edit(m.field, start, m.end, role.bare, "safe", rule, "the role noun in a hyphenated compound")
        doc = self.analysis.docs[m.field]
        head = _name_head(doc, m)
        modifiers = re.search(r"\b(the|a|an|this)\s+((?:[\w-]+\s+){1,3})$", before, re.IGNORECASE)
        if modifiers and all(_is_modifier(doc, text, modifiers.start(2) + i) for i in _offsets(modifiers.group(2))):
            noun = role.bare + ("'s" if m.possessive else "")
            return Edit(m.field, start, m.end, noun, "safe", rule, "the role noun after the modifiers")
        if head is not None and _is_compound(head) and not m.possessive:
            return self._compound(m, head, start, text, rule)
        if m.possessive:
            pronoun = role.possessive_pronoun if earlier and not self._others_in(m) else ""
            return Edit(m.field, start, m.end, pronoun or role.possessive, "safe", rule, "possessive")
        if (
            role.subject_pronoun
            and head is not None
            and head.dep_ in ("nsubj", "nsubjpass")
            and starts_sentence(text, start)
            and self._previous_about_him(m)
        ):
            return Edit(m.field, start, m.end, role.subject_pronoun, "safe", rule, "pronoun")
        return Edit(m.field, start, m.end, role.noun, "safe", rule, "role noun")

    def _compound(self, m: Mention, head: Token, start: int, text: str, rule: str) -> Edit:
        """ "the Doe home" -> "the gunman's home"; "the Doe trial" -> "the trial"; "a Doe family friend" ->
        "a family friend of the gunman"."""
        noun = head.head
        while noun.dep_ == "compound" and noun.head.i > noun.i:
            noun = noun.head
        det = next((c for c in noun.children if c.dep_ == "det" and c.i < head.i), None)
        if det is None and head.i > 0 and head.doc[head.i - 1].lower_ in ("the", "a", "an"):
            det = head.doc[head.i - 1]
        if noun.lower_ in _EVENT_NOUNS:
            if det is not None:
                return Edit(m.field, start, m.end, "", "safe", rule, "the event without the name")
            return Edit(m.field, start, m.end, "the", "safe", rule, "the event without the name")
        if det is not None and det.lower_ in ("a", "an"):
            end = noun.idx + len(noun.text)
            rest = text[m.end : end].strip()
            return Edit(m.field, det.idx, end, f"{det.text} {rest} of {self.role.noun}", "safe", rule, "of the role")
        if det is not None and det.lower_ == "the":
            return Edit(m.field, det.idx, m.end, self.role.possessive, "safe", rule, "the role noun's")
        return Edit(m.field, start, m.end, self.role.possessive, "safe", rule, "the role noun's")

    def _others_in(self, m: Mention) -> bool:
        """Another named person in the sentence: "his" could mean him."""
        sent = self.analysis.sentence_at(m.field, m.start)
        return any(f == m.field and sent.start_char <= start < sent.end_char for f, start, _ in self.others)

    def _previous_about_him(self, m: Mention) -> bool:
        """The sentence before, in the same paragraph, is about him and names nobody else."""
        sent = self.analysis.sentence_at(m.field, m.start)
        if sent.start_char == 0:
            return False
        previous = self.analysis.sentence_at(m.field, sent.start_char - 1)
        text = self.analysis.texts[m.field]
        if "\n" in text[previous.end_char : sent.start_char] or self._others_in(m):
            return False
        if (m.field, previous.start_char) not in self.referred:
            return False
        people = [e for e in previous.ents if e.label_ == "PERSON"] + [e for e in sent.ents if e.label_ == "PERSON"]
        parts = {p for a in self.analysis.cast.perpetrators for p in name_parts(a)}
        subject = next((t for t in previous if t.dep_ in ("nsubj", "nsubjpass")), None)
        about = subject is not None and (fold(subject.text) in parts or subject.lower_ in ROLE_WORDS)
        return about and all(all(fold(w) in parts for w in e.text.split()) for e in people)


def _modifiers_before(doc: Doc, text: str, start: int) -> int:
    """Where the lowercase modifiers of a role noun begin ("confessed killer", "alleged mass shooter")."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None:
        return start
    noun = span[0]
    i = noun.i - 1
    while i >= 0 and doc[i].text.islower() and doc[i].dep_ in ("amod", "compound", "nmod") and doc[i].head.i > i:
        if doc[i].pos_ not in ("ADJ", "VERB", "NOUN"):
            break
        i -= 1
    return doc[i + 1].idx if i + 1 < noun.i else start


def _is_compound(head: Token) -> bool:
    """ "the Doe home", "Doe family members": the name modifies a noun after it."""
    noun = head.head
    if head.dep_ != "compound" or noun.i <= head.i or noun.pos_ not in ("NOUN", "PROPN"):
        return False
    if noun.lower_.endswith("ing") and noun.lower_ not in _EVENT_NOUNS:
        return False
    # Without an article the parse often takes a verb for a noun ("Doe fires at ..."): known heads only.
    det = head.i > 0 and head.doc[head.i - 1].lower_ in ("the", "a", "an")
    following = head.doc[head.i + 1] if head.i + 1 < len(head.doc) else noun
    return det or following.lower_ in _COMPOUND_HEADS or following.lower_ in _EVENT_NOUNS


def _name_head(doc: Doc, m: Mention) -> Token | None:
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return None
    names = [t for t in span if t.text not in ("'s", "’s", "'", "’")]
    return names[-1] if names else None


def _offsets(words: str) -> Iterator[int]:
    for match in re.finditer(r"[\w-]+", words):
        yield match.start()


def _is_modifier(doc: Doc, text: str, char: int) -> bool:
    """An adjective or an age ("24-year-old", "troubled"), not a verb or a noun of its own."""
    token = doc.char_span(char, char + 1, alignment_mode="expand")
    if token is None:
        return False
    word = text[char:].split(" ", 1)[0]
    return bool(re.search(r"\d+-year-old", word)) or token[0].pos_ in ("ADJ", "NUM")


def _display_case(replacement: str, original: str, text: str, start: int) -> str:
    """Display text keeps its style: ALL CAPS, Title Case, or sentence case with a capital at its start."""
    letters = [c for c in original if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    rest = text[:start] + text[start + len(original) :]
    words = [w for w in rest.split() if w[:1].isalpha() and len(w) > 3]
    if words and sum(w[0].isupper() for w in words) >= 0.8 * len(words):
        return " ".join(w[:1].upper() + w[1:] for w in replacement.split(" "))
    return capitalise(replacement) if starts_sentence(text, start) else replacement


def relative_edits(analysis: Analysis, actor: Actor, role: Role) -> Iterator[Edit]:
    """Relatives who carry his surname ("his mother, Mary Doe,") become "his mother" everywhere."""
    surname = fold(actor.name.split()[-1]) if actor.name.split() else ""
    pronoun = role.possessive_pronoun or role.possessive
    for other in analysis.cast.actors:
        if other is actor or other.role in ("perpetrator", "victim", "official", "helper"):
            continue
        if not other.name.split() or fold(other.name.split()[-1]) != surname or fold(other.name) == fold(actor.name):
            continue
        relation = _relation(analysis, other)
        if relation is None:
            continue
        for m in other.mentions:
            text = analysis.texts[m.field]
            before, after = text[: m.start], text[m.end :]
            if re.search(rf"\b{relation}\s*,\s*$", before, re.IGNORECASE):  # "his mother, Mary Doe," -> "his mother,"
                comma = re.search(r"\s*,\s*$", before)
                assert comma is not None
                end = m.end + (1 if after.startswith(",") else 0)
                yield Edit(m.field, comma.start(), end, "", "safe", "name-repetition", "the relative's name dropped")
                continue
            if apposition := re.match(rf"^,\s+({_POSSESSOR}\s+(?:[\w-]+\s+){{0,2}}?{relation})\s*,?", after, re.I):
                # "Evan Doe, John Doe's younger brother, said" -> "The suspect's younger brother said"
                phrase = re.sub(rf"^{_POSSESSOR}", lambda p: _possessor(p.group(0), actor, role), apposition.group(1))
                end = m.end + apposition.end()
                yield Edit(m.field, m.start, end, phrase, "safe", "name-repetition", "the relative by relation")
                continue
            start = m.start
            if title := _TITLE.search(before):
                start = title.start()
            noun = f"{pronoun} {relation}" + ("'s" if m.possessive else "")
            yield Edit(m.field, start, m.end, noun, "safe", "name-repetition", "the relative by relation")


_POSSESSOR = r"(?:his|her|the\s+\w+['’]s|(?:[A-Z][\w-]+\s+){0,2}[A-Z][\w-]+['’]s)"


def _possessor(words: str, actor: Actor, role: Role) -> str:
    """ "his" stays; the perpetrator's own name ("John Doe's") becomes the role noun's."""
    parts = name_parts(actor)
    names = re.sub(r"['’]s$", "", words).split()
    if names and all(fold(w) in parts for w in names):
        return role.possessive
    return words


def _relation(analysis: Analysis, other: Actor) -> str | None:
    """The family word stated next to a relative's name: "his mother, Mary Doe" / "Mary Doe, his mother"."""
    family = "|".join(FAMILY)
    for m in other.mentions:
        text = analysis.texts[m.field]
        window = text[max(0, m.start - 40) : m.end + 60]
        name = re.escape(m.text)
        found = re.search(rf"\b({family})\s*,\s*{name}", window, re.I) or re.search(
            rf"{name}\s*,\s*{_POSSESSOR}\s+(?:[\w-]+\s+){{0,2}}?({family})\b", window, re.I
        )
        if found:
            return found.group(1).lower()
    return None
