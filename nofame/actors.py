"""Who is who in an article: perpetrator, victims, officials, helpers, others.

CONTRACT (implemented by the actors engineer; the rule engine depends on exactly this):

    find_cast(docs: Mapping[str, Doc], *, perpetrator_names: Sequence[str] = (),
              lexicon: ActorLexicon) -> Cast

`docs` maps field names ("headline", "dek", "title", "slug", "body", "caption[0]", "alt[0]")
to spaCy Docs of that field's text, in article order. Offsets in Mention are code points
into the field's text (token.idx based).

Also here: `load_actor_lexicon(path) -> ActorLexicon` (rules/lexicons/actors.yml, validated once)
and `find_quotes(doc, field, *, lexicon=None, cast=None) -> tuple[Quote, ...]`.

How it works, in order: PERSON entities (plus names the small model misses: after a title, or
with an age) are clustered into actors by folded first and last name; every occurrence of a known
full name or surname is then found by string matching in every field; a bare surname shared by
two actors is settled by context and recency; each occurrence gets weighted cues from the words
around it (apposition, titles, verbs it is subject or object of, lists); the strongest role wins.
Word lists and weights live in the lexicon, not here.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

import yaml
from spacy.attrs import HEAD, IDX, LEMMA, LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from nofame.article import DISPLAY_KINDS, field_kind
from nofame.errors import RuleError
from nofame.names import PersonName, fold, form_pattern, parse_name, possessive_after
from nofame.quotes import QuoteSpan, attribute_quotes, quote_spans

ROLES = ("perpetrator", "victim", "official", "helper", "other")


@dataclass(frozen=True)
class Quote:
    """A span inside quotation marks, with who said it when that can be told."""

    field: str
    start: int  # code points, including the quotation marks
    end: int
    speaker: str | None = None  # actor id
    speaker_role: str | None = None


@dataclass(frozen=True)
class Mention:
    field: str
    start: int
    end: int
    text: str  # as written: "John Doe", "Doe's", "DOE"
    possessive: bool = False  # "Doe's" / "Doe'": the span covers the whole token incl. 's
    quote: Quote | None = None  # the quotation this mention sits in


@dataclass(frozen=True)
class Actor:
    id: str  # a1, a2, ...
    name: str  # the fullest form seen
    role: str
    aliases: tuple[str, ...]  # other forms seen ("Doe")
    mentions: tuple[Mention, ...]  # name mentions only, all fields, in article order
    confidence: float
    cues: tuple[str, ...] = ()  # why this role, for explanations and debugging


@dataclass(frozen=True)
class Cast:
    actors: tuple[Actor, ...]
    at_large: bool = False  # the suspect is at large / wanted: naming him helps capture
    quotes: tuple[Quote, ...] = ()

    @property
    def perpetrators(self) -> tuple[Actor, ...]:
        return tuple(a for a in self.actors if a.role == "perpetrator")

    def by_role(self, role: str) -> tuple[Actor, ...]:
        return tuple(a for a in self.actors if a.role == role)


class LexiconError(RuleError):
    """The actors lexicon is malformed; the message names the file, the key and the line."""


# ---------------------------------------------------------------------------------------------
# Lexicon: word lists from rules/lexicons/actors.yml, validated and compiled once.

_VERB_KEYS = (
    "agency",
    "agency_phrases",
    "agency_event",
    "harm",
    "die",
    "legal_passive",
    "legal_active",
    "legal_phrases",
    "helper",
    "helper_against",
    "helper_people",
    "helper_phrases",
    "victim_phrases",
    "speech",
    "remember",
    "identify",
    "as_role",
    "search",
    "self_harm",
)
_WEIGHT_KEYS = (
    "other_noun",
    "helper_occupation",
    "title",
    "apposition",
    "predicate",
    "relative",
    "identified",
    "victim_list",
    "agency",
    "legal",
    "at_large",
    "harmed",
    "victim_state",
    "victim_context",
    "prior_attacker",
    "shot_by_police",
    "died",
    "remembered",
    "family_said",
    "helper_act",
    "speaker_org",
    "override",
)
_TOP_KEYS = frozenset(
    {
        "schema",
        "courtesy_titles",
        "name_suffixes",
        "surname_particles",
        "role_nouns",
        "family",
        "pronouns",
        "verbs",
        "victim_list_triggers",
        "institutions",
        "people_nouns",
        "helper_occupations",
        "prior_attacker_phrases",
        "not_roles",
        "at_large",
        "event_nouns",
        "not_people",
        "weights",
        "thresholds",
    }
)
_GENDERS = ("female", "male", "neutral")


def _norm_word(word: str) -> str:
    """Lexicon and token keys: folded, dots dropped per word ("Lt. Gov." -> "lt gov")."""
    return " ".join(w.strip(".") for w in fold(word).split())


def _phrase_re(phrases: Iterable[str]) -> re.Pattern[str]:
    words = sorted({_norm_word(p) if "." in p else fold(p).strip() for p in phrases}, key=lambda w: (-len(w), w))
    alternatives = "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in words if p)
    return re.compile(rf"(?<![\w-])(?:{alternatives or '(?!)'})(?![\w])")


@dataclass(frozen=True)
class ActorLexicon:
    """Word lists for actor detection; build with `load_actor_lexicon`."""

    source: str
    courtesy: Mapping[str, str]  # "mrs" -> "female"; "dr" -> "neutral"
    suffixes: frozenset[str]
    particles: frozenset[str]
    role_nouns: Mapping[str, str]  # "police chief" -> "official"
    family: Mapping[str, str]  # "mother" -> "female"
    pronouns: Mapping[str, str]  # "she" -> "female"
    verbs: Mapping[str, frozenset[str]]  # lemma sets by _VERB_KEYS
    agency_re: re.Pattern[str]
    legal_re: re.Pattern[str]
    helper_re: re.Pattern[str]
    victim_re: re.Pattern[str]
    prior_re: re.Pattern[str]
    people_nouns: frozenset[str]
    helper_occupations: frozenset[str]
    not_roles: frozenset[str]
    victim_list_re: re.Pattern[str]
    institutions: frozenset[str]
    at_large_re: re.Pattern[str]
    search_objects: frozenset[str]
    resolved_re: re.Pattern[str]
    negator_re: re.Pattern[str]
    event_nouns: frozenset[str]
    not_people: frozenset[str]  # folded
    weights: Mapping[str, float]
    min_perpetrator: float
    min_role: float
    # Words removed from the front of a PERSON entity: courtesy titles and one-word role nouns.
    title_words: frozenset[str] = frozenset()

    def noun_role(self, tok: Token) -> tuple[str, str] | None:
        """(role, word) for a role noun token; two-word nouns first ("police chief", "first responder").

        Relatives come back as role "relative" (an "other" actor, but kept apart for gender and weight).
        """
        word, lemma = tok.lower_.strip("."), tok.lemma_.lower().strip(".")
        if tok.i > 0:
            prev = tok.doc[tok.i - 1].lower_.strip(".")
            for two in (f"{prev} {word}", f"{prev} {lemma}"):
                if two in self.not_roles:
                    return None
                if two in self.role_nouns:
                    return self.role_nouns[two], two
        for one in (word, lemma):
            if one in self.role_nouns:
                return self.role_nouns[one], one
            if one in self.family:
                return "relative", one
        return None


def _line(node: yaml.Node | None, path: Sequence[str | int]) -> int | None:
    """1-based line of the YAML node at `path`, for error messages."""
    for step in path:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == step), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
        else:
            break
    return node.start_mark.line + 1 if node is not None else None


class _Reader:
    """Typed access to the parsed YAML that fails with the file, key path and line."""

    def __init__(self, path: Path, data: object, root: yaml.Node | None) -> None:
        self.path, self.data, self.root = path, data, root

    def fail(self, where: Sequence[str | int], problem: str) -> LexiconError:
        line = _line(self.root, where)
        key = ".".join(str(w) for w in where) or "<top>"
        at = f", line {line}" if line else ""
        return LexiconError(f"{self.path}{at}: {key}: {problem}")

    def get(self, *where: str) -> object:
        node: object = self.data
        for i, step in enumerate(where):
            if not isinstance(node, dict) or step not in node:
                raise self.fail(where[: i + 1], "missing")
            node = node[step]
        return node

    def strings(self, *where: str) -> tuple[str, ...]:
        value = self.get(*where)
        if not isinstance(value, list) or not value:
            raise self.fail(where, "must be a non-empty list of strings")
        for i, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                raise self.fail(
                    (*where, i),
                    f"entry {item!r} is not a string (quote words YAML reads as booleans: no, yes, on, off)",
                )
        return tuple(item.strip() for item in value)

    def only(self, allowed: Iterable[str], *where: str) -> None:
        """A typo in a key must not silently drop a word list."""
        value = self.get(*where)
        if not isinstance(value, dict):
            raise self.fail(where, "must be a mapping")
        unknown = sorted(set(value) - set(allowed))
        if unknown:
            raise self.fail((*where, unknown[0]), f"unknown key (expected one of {', '.join(sorted(allowed))})")

    def number(self, *where: str) -> float:
        value = self.get(*where)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(where, f"must be a number, got {value!r}")
        return float(value)


def load_actor_lexicon(path: Path) -> ActorLexicon:
    """Read and validate the actors lexicon; raises LexiconError naming the file when malformed."""
    try:
        text = Path(path).read_text(encoding="utf-8")
        data = yaml.safe_load(text)
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise LexiconError(f"{path}: cannot read actors lexicon: {exc}".replace("\n", " ")) from exc
    r = _Reader(Path(path), data, root)
    if not isinstance(data, dict):
        raise r.fail((), "must be a mapping")
    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        raise r.fail((unknown[0],), f"unknown key (expected one of {', '.join(sorted(_TOP_KEYS))})")

    for key, allowed in (
        ("courtesy_titles", _GENDERS),
        ("family", _GENDERS),
        ("pronouns", ("female", "male")),
        ("role_nouns", ROLES),
        ("verbs", _VERB_KEYS),
        ("weights", _WEIGHT_KEYS),
        ("thresholds", ("min_perpetrator", "min_role")),
        ("at_large", ("phrases", "search_objects", "resolved", "negators")),
    ):
        r.only(allowed, key)

    def gendered(key: str, genders: Sequence[str]) -> dict[str, str]:
        return {_norm_word(w): g for g in genders for w in r.strings(key, g)}

    role_nouns = {_norm_word(w): role for role in ROLES for w in r.strings("role_nouns", role)}
    verbs = {key: frozenset(fold(v) for v in r.strings("verbs", key)) for key in _VERB_KEYS}
    weights = {key: r.number("weights", key) for key in _WEIGHT_KEYS}
    return ActorLexicon(
        source=str(path),
        courtesy=MappingProxyType(gendered("courtesy_titles", _GENDERS)),
        suffixes=frozenset(_norm_word(w) for w in r.strings("name_suffixes")),
        particles=frozenset(fold(w) for w in r.strings("surname_particles")),
        role_nouns=MappingProxyType(role_nouns),
        family=MappingProxyType(gendered("family", _GENDERS)),
        pronouns=MappingProxyType(gendered("pronouns", ("female", "male"))),
        verbs=MappingProxyType(verbs),
        agency_re=_phrase_re(verbs["agency_phrases"]),
        legal_re=_phrase_re(verbs["legal_phrases"]),
        helper_re=_phrase_re(verbs["helper_phrases"]),
        victim_re=_phrase_re(verbs["victim_phrases"]),
        prior_re=_phrase_re(r.strings("prior_attacker_phrases")),
        people_nouns=frozenset(fold(w) for w in r.strings("people_nouns")),
        helper_occupations=frozenset(_norm_word(w) for w in r.strings("helper_occupations")),
        not_roles=frozenset(_norm_word(w) for w in r.strings("not_roles")),
        victim_list_re=_phrase_re(r.strings("victim_list_triggers")),
        institutions=frozenset(fold(w) for w in r.strings("institutions")),
        at_large_re=_phrase_re(r.strings("at_large", "phrases")),
        search_objects=frozenset(fold(w) for w in r.strings("at_large", "search_objects")),
        resolved_re=_phrase_re(r.strings("at_large", "resolved")),
        negator_re=_phrase_re(r.strings("at_large", "negators")),
        event_nouns=frozenset(fold(w) for w in r.strings("event_nouns")),
        not_people=frozenset(" ".join(fold(w).split()) for w in r.strings("not_people")),
        weights=MappingProxyType(weights),
        min_perpetrator=r.number("thresholds", "min_perpetrator"),
        min_role=r.number("thresholds", "min_role"),
        title_words=frozenset(gendered("courtesy_titles", _GENDERS)) | {w for w in role_nouns if " " not in w},
    )


# ---------------------------------------------------------------------------------------------
# Fields: one parsed Doc per article field, with the lookups every step needs.

_CAPS_EXEMPT = frozenset({"headline", "title", "slug"})  # names may be any case there
_NON_PERSON_LABELS = frozenset({"GPE", "LOC", "FAC", "ORG", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_LIST_POS = frozenset({"PROPN", "NUM", "PUNCT", "CCONJ", "DET", "ADJ", "NOUN", "ADP", "SPACE", "X"})
_PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "from", "of", "outside", "to", "into"})
_COURTESY_RE = re.compile(r"(?i)\b([a-z]{2,4})\.?\s+$")


@dataclass(frozen=True)
class _Field:
    name: str
    order: int
    doc: Doc
    text: str  # doc.text, kept: spaCy rebuilds it from the tokens on every access
    folded: str
    any_case: bool  # headline / title / slug: a lower-case or ALL-CAPS name still counts
    parsed: bool  # the parse is worth reading for cues (not a slug, not ALL CAPS)
    starts: tuple[int, ...]  # token start offsets, for bisect
    sent_starts: tuple[int, ...]  # token index of each sentence start
    quotes: tuple[QuoteSpan, ...]
    # Token indices found in the one pass over the tokens, so that later steps need not walk them all.
    hurt: tuple[int, ...] = ()  # lemma is a harm verb or "die"
    fors: tuple[int, ...] = ()  # "for" after a search verb: "searching for"

    def tokens_in(self, index: Sequence[int], sent: Span) -> list[Token]:
        lo, hi = bisect.bisect_left(index, sent.start), bisect.bisect_left(index, sent.end)
        return [self.doc[i] for i in index[lo:hi]]

    def token_at(self, char: int) -> int:
        return max(bisect.bisect_right(self.starts, char) - 1, 0)

    def sent_of(self, token_i: int) -> Span:
        k = bisect.bisect_right(self.sent_starts, token_i) - 1
        end = self.sent_starts[k + 1] if k + 1 < len(self.sent_starts) else len(self.doc)
        return self.doc[self.sent_starts[k] : end]

    def quote_at(self, char: int) -> QuoteSpan | None:
        for quote in self.quotes:
            if quote.start <= char < quote.end:
                return quote
        return None


def _is_caps(text: str) -> bool:
    letters = sum(map(str.isalpha, text))
    return letters >= 8 and sum(map(str.isupper, text)) / letters > 0.8


def _make_fields(docs: Mapping[str, Doc], lex: ActorLexicon) -> tuple[_Field, ...]:
    # Read token attributes as arrays of string hashes: making a Token object per token per step is
    # what costs time on long articles.
    hurt_ids = {get_string_id(w) for w in lex.verbs["harm"] | lex.verbs["die"]}
    search_ids = {get_string_id(w) for w in lex.verbs["search"]}
    for_id = get_string_id("for")
    out = []
    for order, (name, doc) in enumerate(docs.items()):
        kind = field_kind(name)
        text = doc.text
        table = doc.to_array([IDX, LEMMA, LOWER, HEAD])
        starts = table[:, 0].tolist()
        lemmas, lowers = table[:, 1].tolist(), table[:, 2].tolist()
        heads = table[:, 3].astype("int64").tolist()  # relative offsets
        hurt = [i for i, lemma in enumerate(lemmas) if lemma in hurt_ids]
        fors = [i for i, low in enumerate(lowers) if low == for_id and lemmas[i + heads[i]] in search_ids]
        parsed = kind != "slug" and not _is_caps(text) and len(doc) > 0
        out.append(
            _Field(
                name=name,
                order=order,
                doc=doc,
                text=text,
                folded=fold(text),
                any_case=kind in _CAPS_EXEMPT,
                parsed=parsed,
                starts=tuple(starts),
                sent_starts=tuple(s.start for s in doc.sents) if len(doc) else (0,),
                quotes=(
                    attribute_quotes(doc, lex.verbs["speech"], text=text, starts=starts)
                    if parsed  # ALL-CAPS display text: the spans, without a parse to find speakers
                    else tuple(QuoteSpan(s, e) for s, e in quote_spans(text))
                ),
                hurt=tuple(hurt),
                fors=tuple(fors),
            )
        )
    return tuple(out)


# ---------------------------------------------------------------------------------------------
# People: PERSON entities clustered into actors, then every string occurrence of their names.


@dataclass
class _Draft:
    """An actor under construction (local to one find_cast call)."""

    name: PersonName
    forms: set[str] = field(default_factory=set)
    ner: int = 0  # PERSON entities that named it
    events: int = 0  # ... of which were event names ("the Sandy Hook shooting")
    override: bool = False

    @property
    def key(self) -> tuple[str, str, str]:
        return self.name.key


@dataclass(frozen=True)
class _Raw:
    """One name occurrence before its actor is settled."""

    field: int
    start: int  # span start, courtesy title included
    end: int  # span end, possessive included
    name_start: int
    name_end: int
    possessive: bool
    courtesy: str  # gender of a courtesy title before the name ("female", "male", "neutral", "")
    candidates: tuple[int, ...]  # draft indices
    full: bool  # the full name, not a surname or first name alone

    @property
    def order(self) -> tuple[int, int]:
        return (self.field, self.start)


def _event_like(doc: Doc, end_token: int, lex: ActorLexicon) -> bool:
    """A name before an attack noun is an event: "Columbine shooting", "Christchurch mosque attacks"."""
    for tok in doc[end_token : end_token + 3]:
        if fold(tok.text) in lex.event_nouns or tok.lemma_.lower() in lex.event_nouns:
            return True
        if tok.pos_ not in {"NOUN", "PROPN"} or tok.is_punct:
            return False
    return False


def _place_evidence(fields: Sequence[_Field]) -> dict[str, int]:
    """How often each folded text is tagged as a place, organisation or thing."""
    counts: dict[str, int] = defaultdict(int)
    for f in fields:
        for ent in f.doc.ents:
            if ent.label_ in _NON_PERSON_LABELS:
                counts[" ".join(fold(ent.text).split())] += 1
    return counts


@dataclass(frozen=True)
class _Candidate:
    """A stretch of text that names a person, before clustering."""

    name: PersonName
    event: bool  # "the Sandy Hook shooting": an event name
    field: int
    start: int
    end: int
    strong: bool = False  # an age or a title says it is a person, whatever the NER label


def _candidate(f: _Field, toks: Span, lex: ActorLexicon, *, strong: bool) -> _Candidate | None:
    titles = lex.title_words
    name = parse_name(toks.text, titles=titles, suffixes=lex.suffixes, particles=lex.particles)
    if name is None or (len(name.parts) == 1 and name.parts[0].rstrip(".") in titles):
        return None
    if " ".join(name.parts) in lex.not_people or not name.display[:1].isupper():
        return None
    if any(p in lex.institutions or p in lex.event_nouns for p in name.parts):
        return None
    offset = toks.text.find(name.display.split()[0])
    start = toks.start_char + max(offset, 0)
    return _Candidate(name, _event_like(f.doc, toks.end, lex), f.order, start, start + len(name.display), strong)


def _is_name_token(tok: Token) -> bool:
    return tok.text[:1].isupper() and tok.text.rstrip(".").replace("-", "").replace("'", "").isalpha()


_AGE_FOLLOWERS = frozenset({"and", "of", "from", "who", "was", "were", "is", "had", "a", "an"})


def _role_context(root: Token, lex: ActorLexicon) -> bool:
    """A role noun or an identification says a two-word name is a person, whatever the small model
    tagged it (often ORG): "the gunman, Darrel Vickers," / "Darrel Vickers, the gunman," /
    "identified the suspect as Darrel Vickers"."""
    if root.ent_type_ in {"GPE", "LOC", "FAC"}:
        return False
    if root.dep_ == "appos" and _role_of(root.head, lex):
        return True
    if any(c.dep_ == "appos" and _role_of(c, lex) for c in root.children):
        return True
    return root.dep_ == "pobj" and root.head.lower_ == "as" and _identify_verb(root.head, lex) is not None


def _pattern_candidates(f: _Field, lex: ActorLexicon) -> list[_Candidate]:
    """Names the NER misses: after a title ("Detective Superintendent Aroha Ngata") or with an age
    ("Jonah Mbeki, 16,", tagged as a place by the small model)."""
    doc, out = f.doc, []
    text = f.text
    # Only capitalised tokens can start or continue a name: decided on the text, before making tokens.
    flags = [text[i].isupper() for i in f.starts]
    if not any(flags):
        return out
    toks = doc  # indexed only around capitalised words
    flags = [flag and _is_name_token(toks[k]) for k, flag in enumerate(flags)]
    i = 0
    while i < len(toks):
        if not flags[i]:
            i += 1
            continue
        j = i
        while j < len(toks) and (flags[j] or (toks[j].lower_ in lex.particles and j > i)):
            j += 1
        start, i = i, j
        followed = j < len(toks) and text[f.starts[j]] in ",("
        preceded = start > 0 and (text[f.starts[start - 1]].islower() or text[f.starts[start - 1]] == ",")
        words = [toks[k].lower_.strip(".") for k in range(start, j)]
        if not followed and not preceded and not any(w in lex.title_words for w in words):
            continue  # neither an age nor a title: the entity recogniser's call stands
        last_title = max((k for k, w in enumerate(words) if w in lex.title_words), default=-1)
        first = start + last_title + 1
        while first < j and toks[first].pos_ != "PROPN":
            first += 1  # "Yesterday John Doe, 28,"
        if not 1 <= j - first <= 4 or any(t.pos_ != "PROPN" and t.lower_ not in lex.particles for t in toks[first:j]):
            continue
        if start > 0 and toks[start - 1].text in {"-", "–"}:
            continue  # "Anti-Terrorist Hotline"
        before = toks[first - 1] if first > 0 else None
        titled = last_title >= 0 or (
            before is not None and before.is_lower and before.dep_ == "compound" and _role_of(before, lex) != ""
        )
        # The small model sometimes swallows title and name into one ORG ("Spokeswoman Sabine Krohn").
        title_in_org = last_title >= 0 and toks[first - 1].ent_type_ == "ORG"
        titled = titled and all(
            t.ent_type_ in {"", "PERSON"} or (title_in_org and t.ent_type_ == "ORG") for t in toks[first:j]
        )
        nxt = toks[j : j + 3]
        aged = (
            len(nxt) == 3
            and nxt[0].text in {",", "("}
            and nxt[1].text.isdigit()
            and 0 < int(nxt[1].text) < 111
            and (nxt[2].is_punct or nxt[2].lower_ in _AGE_FOLLOWERS)
        )
        if not (titled or aged) and j - first > 1:
            titled = _role_context(toks[j - 1], lex)
        if titled or aged:  # places do not have ages: "Bouzeghar, 26," is a person even if tagged GPE
            cand = _candidate(f, doc[first:j], lex, strong=True)
            if cand is not None:
                out.append(cand)
    return out


def _person_candidates(fields: Sequence[_Field], lex: ActorLexicon) -> list[_Candidate]:
    """Every usable PERSON entity, plus names found by title and age patterns."""
    out = []
    for f in fields:
        kind = field_kind(f.name)
        if not f.parsed:
            continue  # ALL-CAPS display text and slugs: NER is unreliable there; names come from matching
        for ent in f.doc.ents:
            if ent.label_ != "PERSON" or any(c.isdigit() for c in ent.text):
                continue
            if kind in _CAPS_EXEMPT and (len(ent) < 2 or any(t.pos_ != "PROPN" for t in ent)):
                continue  # title-case headlines make spaCy see people everywhere
            if len(ent) == 1 and ent.start > 0 and f.doc[ent.start - 1].lower_ in _PLACE_PREPOSITIONS:
                continue  # "of Gresham", "in Uvalde": a one-word PERSON after these is a place
            cand = _candidate(f, ent, lex, strong=False)
            if cand is not None:
                out.append(cand)
        if kind not in _CAPS_EXEMPT:
            out += _pattern_candidates(f, lex)
    return out


def _build_drafts(
    fields: Sequence[_Field], lex: ActorLexicon, perpetrator_names: Sequence[str]
) -> tuple[list[_Draft], list[_Raw]]:
    """Actors from PERSON entities and user-given names; first-name-only entity mentions."""
    candidates = _person_candidates(fields, lex)
    places = _place_evidence(fields)
    person_votes: dict[str, int] = defaultdict(int)
    for c in candidates:
        person_votes[" ".join(c.name.parts)] += 1
    drafts: list[_Draft] = []
    by_key: dict[tuple[str, str, str], int] = {}

    def add(name: PersonName) -> int:
        if name.key not in by_key:
            by_key[name.key] = len(drafts)
            drafts.append(_Draft(name))
        draft = drafts[by_key[name.key]]
        draft.forms.update(name.forms())
        if len(name.parts) > len(draft.name.parts):
            draft.name = name
        return by_key[name.key]

    singles = []
    for c in candidates:
        folded = " ".join(c.name.parts)
        if not c.strong and places.get(folded, 0) >= person_votes[folded]:
            continue  # "Las Vegas" tagged PERSON once and GPE twice is a place
        if not c.name.is_full:
            singles.append(c)
            continue
        draft = drafts[add(c.name)]
        draft.ner += 1
        draft.events += c.event
    surnames = _surname_index(drafts)
    first_names: dict[str, set[int]] = defaultdict(set)
    for i, d in enumerate(drafts):
        first_names[d.name.first].add(i)
    first_only: list[_Raw] = []
    for c in singles:
        part = c.name.parts[0]
        if part in surnames:
            for i in surnames[part]:
                drafts[i].ner += 1
                drafts[i].events += c.event
        elif len(first_names.get(part, ())) == 1 and not c.event:
            i = next(iter(first_names[part]))
            first_only.append(_Raw(c.field, c.start, c.end, c.start, c.end, False, "", (i,), False))
        else:
            draft = drafts[add(c.name)]
            draft.ner += 1
            draft.events += c.event
    _extend_singles(fields, drafts, lex)
    drafts = _merge_suffixes(drafts)
    # An actor named only in event names ("the Sandy Hook shooting") is no person.
    kept = [d for d in drafts if d.ner == 0 or d.events < d.ner]
    for given in perpetrator_names:
        _add_override(given, kept, lex)
    remap = {id(d): i for i, d in enumerate(kept)}
    first_only = [
        _Raw(r.field, r.start, r.end, r.name_start, r.name_end, False, "", (remap[id(drafts[r.candidates[0]])],), False)
        for r in first_only
        if id(drafts[r.candidates[0]]) in remap
    ]
    return kept, first_only


def _merge_suffixes(drafts: list[_Draft]) -> list[_Draft]:
    """Merge "John Doe" into "John Doe Jr." when there is no "John Doe Sr." as well."""
    out = []
    for d in drafts:
        if not d.name.suffix:
            variants = [v for v in drafts if v.name.suffix and v.key[:2] == d.key[:2]]
            if len(variants) == 1:
                variants[0].forms |= d.forms
                variants[0].ner += d.ner
                variants[0].events += d.events
                continue
        out.append(d)
    return out


def _extend_singles(fields: Sequence[_Field], drafts: Sequence[_Draft], lex: ActorLexicon) -> None:
    """A one-word actor ("Bouzeghar, 26,") gets the first name written before it elsewhere ("Yanis
    Bouzeghar", which the small model took for a place), so that the full name is matched too."""
    singles = {d.name.surname: d for d in drafts if not d.name.is_full}
    pattern = form_pattern(singles)
    if pattern is None:
        return
    for f in fields:
        if not f.parsed:
            continue
        for m in pattern.finditer(f.folded):
            draft = singles[m.group()]
            i = f.token_at(m.start())
            if draft.name.is_full or i == 0 or f.starts[i] != m.start():
                continue
            tok, prev = f.doc[i], f.doc[i - 1]
            same_entity = prev.ent_type_ and tok.ent_iob_ == "I"
            if (
                prev.pos_ == "PROPN"
                and _is_name_token(prev)
                and prev.lower_.strip(".") not in lex.title_words
                and (not prev.ent_type_ or same_entity)
            ):
                name = parse_name(f"{prev.text} {tok.text}", suffixes=lex.suffixes, particles=lex.particles)
                if name is not None and name.is_full:
                    draft.name = name
                    draft.forms.update(name.forms())


def _surname_index(drafts: Sequence[_Draft]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = defaultdict(list)
    for i, d in enumerate(drafts):
        for form in {d.name.surname, d.name.surname.split()[-1]}:
            if i not in out[form]:
                out[form].append(i)
    return out


def _add_override(given: str, drafts: list[_Draft], lex: ActorLexicon) -> None:
    """Mark (or create) the actor a user-given perpetrator name refers to."""
    name = parse_name(given, titles=lex.title_words, suffixes=lex.suffixes, particles=lex.particles)
    if name is None:
        return
    if name.is_full:
        match = [d for d in drafts if d.key == name.key]
        if not match:  # "John Michael Doe" given, "John Doe" written: first and last name decide
            match = [d for d in drafts if d.name.surname == name.surname and d.name.first == name.first]
    else:
        match = [d for d in drafts if name.surname in (d.name.surname, d.name.surname.split()[-1])]
        match = match[:1] if len(match) > 1 and not any(d.override for d in match) else match
    if not match:
        match = [_Draft(name)]
        drafts.append(match[0])
    for d in match:
        d.override = True
        d.forms.update(name.forms())


def _string_mentions(fields: Sequence[_Field], drafts: Sequence[_Draft], lex: ActorLexicon) -> list[_Raw]:
    """Every occurrence of a known actor's full name or surname, in every field."""
    full_forms: dict[str, list[int]] = defaultdict(list)
    for i, d in enumerate(drafts):
        for form in sorted(d.forms):
            if " " in form or (form == " ".join(d.name.parts) and d.name.is_full):
                full_forms[form].append(i)
    surnames = _surname_index(drafts)
    pattern = form_pattern([*full_forms, *surnames])
    if pattern is None:
        return []
    out = []
    for f in fields:
        text = f.text
        for m in pattern.finditer(f.folded):
            start, end = m.span()
            form = " ".join(m.group().split())
            written = text[start:end]
            tok = f.doc[f.token_at(start)]
            if form in full_forms:
                # "John Doe" is ambiguous when "John Doe Jr." and "John Doe Sr." are both known
                cands, full = tuple(full_forms[form]), len(full_forms[form]) == 1
            else:
                cands, full = tuple(surnames[form]), False
            if not f.any_case:
                if not written[:1].isupper():
                    continue  # "wood" is no "Wood"
                modifier = tok.dep_ in {"amod", "compound", "nmod", "det", "advmod"} and tok.head.i > tok.i
                if not full and tok.is_sent_start and tok.pos_ != "PROPN" and modifier:
                    continue  # "Young people gathered": a capitalised word at a sentence start
                if (
                    not full
                    and all(not drafts[c].name.is_full for c in cands)
                    and _event_like(f.doc, f.token_at(end - 1) + 1, lex)
                ):
                    continue  # "the Columbine shooting" when "Columbine" was once taken for a person
            poss = possessive_after(text, end, written)
            span_start, courtesy = start, ""
            cm = _COURTESY_RE.search(text[max(0, start - 6) : start])
            if cm and _norm_word(cm.group(1)) in lex.courtesy:
                span_start = start - (len(cm.group()))
                courtesy = lex.courtesy[_norm_word(cm.group(1))]
            out.append(_Raw(f.order, span_start, end + poss, start, end, poss > 0, courtesy, cands, full))
    return out


def _merge_raw(string_raw: list[_Raw], ner_raw: list[_Raw]) -> list[_Raw]:
    """String matches first; entity-only mentions (first names) where no string match overlaps."""
    taken: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for r in string_raw:
        taken[r.field].append((r.start, r.end))
    out = list(string_raw)
    for r in ner_raw:
        if not any(s < r.end and r.start < e for s, e in taken[r.field]):
            out.append(r)
    return sorted(out, key=lambda r: r.order)


# ---------------------------------------------------------------------------------------------
# Cues: what the words around one name occurrence say about the person's role.

_CLAUSE_BREAK = frozenset({"ccomp", "relcl", "conj", "parataxis", "xcomp"})
_REFLEXIVE = frozenset({"himself", "herself", "themselves", "itself"})


@dataclass(frozen=True)
class _Cue:
    role: str  # one of ROLES
    name: str  # "apposition:gunman", "agency:shoot", ...
    weight: float
    gender: str = ""  # what the cue says about gender ("mother" -> female)


def _noun_gender(word: str, lex: ActorLexicon) -> str:
    if word in lex.family:
        return lex.family[word] if lex.family[word] != "neutral" else ""
    if word.endswith(("woman", "women")):
        return "female"
    if word.endswith(("man", "men")):
        return "male"
    return ""


def _noun_cue(tok: Token | None, kind: str, lex: ActorLexicon) -> _Cue | None:
    found = lex.noun_role(tok) if tok is not None else None
    if found is None:
        return None
    role, word = found
    gender = _noun_gender(word, lex)
    if role == "relative":
        return _Cue("other", f"relative:{word}", lex.weights["relative"], gender)
    if word in lex.helper_occupations:
        weight = lex.weights["helper_occupation"]
    else:
        weight = lex.weights["other_noun"] if role == "other" else lex.weights[kind]
    return _Cue(role, f"{kind}:{word}", weight, gender)


def _role_of(tok: Token | None, lex: ActorLexicon) -> str:
    found = lex.noun_role(tok) if tok is not None else None
    return found[0] if found else ""


def _first_conjunct(head: Token) -> Token:
    """The first name of a list: in "Ana Diaz and Mark Lee were killed" Lee shares Diaz's verbs. Lists with
    appositions ("Dev Raman, 36, a pharmacist, Lachlan Moss, 19, ...") chain through the nouns."""
    first = node = head
    for _ in range(8):
        if node.dep_ in {"conj", "appos"} and node.head.pos_ in {"PROPN", "NOUN"} and node.head.i < node.i:
            node = node.head
            if node.pos_ == "PROPN":
                first = node
        else:
            break
    return first


def _clause_text(verb: Token, limit: int = 40) -> str:
    """The verb's own clause: its subtree without reported speech, relative or conjoined clauses."""
    picked = []
    stack = [verb]
    while stack and len(picked) < limit:
        tok = stack.pop()
        picked.append(tok)
        stack.extend(c for c in tok.children if c.dep_ not in _CLAUSE_BREAK)
    picked.sort(key=lambda t: t.i)
    return fold(" ".join(t.text for t in picked))


def _title_cues(span: Span, head: Token, lex: ActorLexicon) -> list[_Cue]:
    """Role nouns modifying the name: "Police Chief Ana Ortiz", "suspect John Doe", "his mother Mary"."""
    doc = span.doc
    first = _first_conjunct(head)
    j = span.start - 1 if first is head else first.left_edge.i - 1
    lowest = max(span.sent.start, j - 6)
    while j >= lowest:
        tok = doc[j]
        if tok.lower_.strip(".") in lex.courtesy:
            j -= 1
            continue
        if tok.is_punct or tok.dep_ not in {"compound", "amod", "nmod", "flat"}:
            break
        cue = _noun_cue(tok, "title", lex)
        if cue is not None:
            return [cue]  # the nearest role noun counts: "gunman's mother Mary" is a relative
        j -= 1
    return []


def _apposition_cues(span: Span, head: Token, lex: ActorLexicon) -> list[_Cue]:
    """Appositions: "the gunman, John Doe," / "John Doe, the suspected shooter," / "his mother, Mary Doe,"."""
    out = []
    doc = span.doc
    # Only appositions next to the name, set off by a comma: the parser hangs far-away nouns on names.
    noun = head.head
    if head.dep_ == "appos" and noun.ent_type_ != "PERSON" and noun.i < span.start <= noun.i + 3:
        cue = _noun_cue(noun, "apposition", lex)
        if cue is not None and doc[span.start - 1].text in {",", "("}:
            out.append(cue)
    for child in head.children:
        edge = child.left_edge.i
        if child.dep_ == "appos" and child.ent_type_ != "PERSON" and span.end < edge <= span.end + 5:
            cue = _noun_cue(child, "apposition", lex)
            if cue is not None and doc[edge - 1].text in {",", "("}:
                out.append(cue)
    if out:
        return out
    # The small parser misses some appositions; the comma pattern is a safe second look.
    after = span.end
    while after < len(doc) and doc[after].text in {"'s", "’s"}:
        after += 1
    closes = after >= len(doc) or doc[after].text in {",", ".", "(", ";", "—"}
    if closes and span.start >= 2 and doc[span.start - 1].text == ",":
        cue = _noun_cue(doc[span.start - 2], "apposition", lex)
        if cue is not None and doc[span.start - 2].dep_ != "poss":
            out.append(cue)
    if after < len(doc) and doc[after].text == ",":
        k = after + 1
        if k + 1 < len(doc) and doc[k].like_num and doc[k + 1].text == ",":
            k += 2  # "John Doe, 28, a nurse"
        for tok in doc[k : k + 8]:
            if tok.text == "-" or tok.like_num:
                continue  # "the 29-year-old accused"
            if tok.is_punct or tok.pos_ in {"AUX", "PRON", "ADP"} or (tok.pos_ == "VERB" and tok.dep_ != "amod"):
                break
            cue = _noun_cue(tok, "apposition", lex)
            if cue is not None:
                out.append(cue)
                break
    return out


def _subject_verbs(head: Token) -> list[tuple[Token, bool]]:
    """Verbs the person is the subject of, with passive voice: own, conjoined, relative clauses."""
    first = _first_conjunct(head)
    node = first.head if first.dep_ == "appos" else first  # "the gunman, John Doe, opened fire"
    out: list[tuple[Token, bool]] = []

    def add_with_conj(verb: Token, passive: bool) -> None:
        out.append((verb, passive))
        # "began planning the attack", "tried to kill": the same subject acts
        out.extend((c, False) for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB")
        for conj in verb.conjuncts:
            if conj.i > verb.i and not any(c.dep_ in _SUBJECT_DEPS for c in conj.children):
                out.append((conj, any(c.dep_ == "auxpass" for c in conj.children)))

    if node.dep_ in _SUBJECT_DEPS and node.head.pos_ in {"VERB", "AUX"}:
        add_with_conj(node.head, node.dep_ == "nsubjpass")
    for holder in dict.fromkeys((head, first, node)):
        for child in holder.children:
            if child.dep_ == "relcl":
                rel = next((c for c in child.children if c.dep_ in _SUBJECT_DEPS), None)
                if rel is not None and rel.lower_ in {"who", "that"}:
                    add_with_conj(child, rel.dep_ == "nsubjpass")
            elif child.dep_ == "acl" and child.tag_ in {"VBN", "VBD"}:
                # "Cairnie, charged with murder": passive; "Morrow, the bartender, called 911": a
                # misparsed active verb, told by its object
                has_object = any(c.dep_ in {"dobj", "oprd"} for c in child.children)
                add_with_conj(child, child.tag_ == "VBN" and not has_object)
    if not out:
        # The parser lost an appositive subject ("after a passer-by, Harvey Cole, pinned him"):
        # a verb right after the name's closing comma, with no subject of its own, is the name's.
        doc, k = head.doc, head.i + 1
        if k + 1 < len(doc) and doc[k].text == "," and doc[k + 1].pos_ == "VERB":
            verb = doc[k + 1]
            if not any(c.dep_ in _SUBJECT_DEPS for c in verb.children):
                add_with_conj(verb, any(c.dep_ == "auxpass" for c in verb.children))
    return out


def _objects(verb: Token) -> list[Token]:
    """Objects of a verb and of the verbs conjoined with it ("shot and killed three people")."""
    out = []
    for v in (verb, *verb.conjuncts):
        out += [c for c in v.children if c.dep_ in {"dobj", "dative"}]
        for prep in v.children:
            if prep.dep_ == "prep" and prep.lower_ in {"on", "at", "toward", "towards", "upon", "into"}:
                out.extend(c for c in prep.children if c.dep_ == "pobj")
    return out


def _has_self_harm(sent: Span, lex: ActorLexicon) -> bool:
    return any(fold(t.text) in lex.verbs["self_harm"] for t in sent)


def _org_context(head: Token, lex: ActorLexicon) -> bool:
    """An official speaks: "Ortiz, a spokeswoman for the police," / "Ortiz of the sheriff's office"."""
    for tok in list(head.subtree)[:20]:
        if tok.dep_ == "relcl":
            break
        if fold(tok.text) in lex.institutions:
            return True
    return False


def _is_people(tok: Token, lex: ActorLexicon) -> bool:
    return (
        fold(tok.text) in lex.people_nouns
        or tok.lemma_.lower() in lex.people_nouns
        or tok.like_num
        or any(c.like_num for c in tok.children)
        or tok.ent_type_ == "PERSON"
    )


def _helps(lemma: str, objects: Sequence[Token], against_attacker: bool, lex: ActorLexicon) -> bool:
    """A helper's act: "tackled", "stopped the gunman", "led 40 children out", "saved lives"."""
    v_ = lex.verbs
    if lemma in v_["helper"] or (lemma in v_["helper_against"] and against_attacker):
        return True
    if lemma not in v_["helper_people"]:
        return False
    return lemma in {"save", "rescue", "shield", "protect"} or any(_is_people(o, lex) for o in objects)


def _active_cues(verb: Token, clause: str, sent: Span, node: Token, lex: ActorLexicon) -> list[_Cue]:
    """Cues for a person who is the active subject of `verb`."""
    w, v_ = lex.weights, lex.verbs
    lemma = verb.lemma_.lower()
    objects = _objects(verb)
    against_attacker = any(_role_of(o, lex) == "perpetrator" for o in objects)
    out: list[_Cue] = []
    if lemma == "be":
        for c in verb.children:
            if c.dep_ == "acomp" and c.lemma_.lower() in v_["legal_passive"]:
                out.append(_Cue("perpetrator", f"legal:{c.lemma_.lower()}", w["legal"]))
            if c.dep_ == "attr" and any(
                t.lemma_.lower() in v_["harm"] | v_["die"] and t.tag_ in {"VBN", "VBD"} for t in c.subtree
            ):  # "Kessler was the first of four people killed"
                out.append(_Cue("victim", "harmed:among", w["harmed"]))
    opened_fire = bool(lex.agency_re.search(_snippet(verb, 4)))
    if lemma == "fire" and not opened_fire:
        # "fired at worshippers", not "fired a shot into the top corner"
        objects = [o for o in objects if o.dep_ == "pobj" and _is_people(o, lex)]
    if lemma in v_["agency"] or opened_fire:
        if against_attacker:  # "shot the gunman", "opened fire on the attacker": a helper
            out.append(_Cue("helper", f"helper:{lemma}-attacker", w["helper_act"]))
        elif opened_fire or (objects and not any(o.lower_ in _REFLEXIVE for o in objects)):
            out.append(_Cue("perpetrator", "agency:open fire" if opened_fire else f"agency:{lemma}", w["agency"]))
    elif lemma in v_["agency_event"] and any(fold(o.text) in lex.event_nouns for o in objects):
        out.append(_Cue("perpetrator", f"agency:{lemma}-attack", w["agency"]))
    elif _helps(lemma, objects, against_attacker, lex):
        out.append(_Cue("helper", f"helper:{lemma}", w["helper_act"]))
    elif lemma in v_["legal_active"]:
        out.append(_Cue("perpetrator", f"legal:{lemma}", w["legal"]))
    elif lemma in v_["die"] and not _has_self_harm(sent, lex):
        out.append(_Cue("victim", "died", w["died"]))
    elif lemma in v_["speech"] and node.dep_ == "nsubj" and _org_context(node, lex):
        out.append(_Cue("official", "speaker-org", w["speaker_org"]))
    if lemma not in v_["speech"] and not any(c.role == "helper" for c in out) and lex.helper_re.search(clause):
        out.append(_Cue("helper", "helper:act", w["helper_act"]))
    return out


def _verb_cues(span: Span, head: Token, lex: ActorLexicon) -> list[_Cue]:
    """Agency, harm, legal, helper, speech and search cues from the verbs around the name."""
    w, v_ = lex.weights, lex.verbs
    out: list[_Cue] = []
    sent = span.sent
    first = _first_conjunct(head)
    node = first.head if first.dep_ == "appos" else first
    for verb, passive in _subject_verbs(head):
        lemma = verb.lemma_.lower()
        clause = _clause_text(verb)
        # "Doe remains at large", "Doe is wanted": the verb with its auxiliaries, not its clauses.
        first_aux = min([c.i for c in verb.children if c.dep_ in {"aux", "auxpass", "neg"}] + [verb.i])
        if lex.at_large_re.search(fold(span.doc[first_aux : verb.i + 4].text)):
            out.append(_Cue("perpetrator", "at-large", w["at_large"]))
        if lemma not in v_["speech"] and lex.legal_re.search(clause):
            out.append(_Cue("perpetrator", f"legal:{lemma}", w["legal"]))
            continue
        if lemma not in v_["speech"] and lex.victim_re.search(clause) and not _has_self_harm(sent, lex):
            out.append(_Cue("victim", "victim-state", w["victim_state"]))
        if passive:
            if lemma in v_["legal_passive"]:
                out.append(_Cue("perpetrator", f"legal:{lemma}", w["legal"]))
            elif lemma in v_["harm"]:  # "was shot", "was attacked", "gunned down"
                agent = [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
                if any(_role_of(a, lex) == "official" for a in agent):
                    out.append(_Cue("perpetrator", "shot-by-police", w["shot_by_police"]))
                elif not _has_self_harm(sent, lex):
                    out.append(_Cue("victim", f"harmed:{lemma}", w["harmed"]))
            elif lemma in v_["remember"]:
                out.append(_Cue("victim", "remembered", w["remembered"]))
            continue
        out += _active_cues(verb, clause, sent, node, lex)
    out += _object_cues(node, lex)
    # "Diaz's family said" / "the family of Diaz said" (not "Doe's mother, Mary Doe, said": hers).
    owner = head.head if head.dep_ == "poss" else None
    if head.dep_ == "pobj" and head.head.lower_ == "of":
        owner = head.head.head
    if (
        owner is not None
        and owner.lemma_.lower() in lex.family
        and not any(c.dep_ == "appos" for c in owner.children)
        and owner.dep_ == "nsubj"
        and owner.head.lemma_.lower() in v_["speech"]
    ):
        out.append(_Cue("victim", "family-said", w["family_said"]))
    return out


def _subject_of(verb: Token) -> Token | None:
    """The active subject, shared along conjoined verbs ("Police shot and killed Doe")."""
    for _ in range(4):
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None or verb.dep_ != "conj":
            return subject
        verb = verb.head
    return None


def _object_cues(node: Token, lex: ActorLexicon) -> list[_Cue]:
    """The person as object: "Doe shot Diaz", "remembered Diaz as", "police arrested Doe"."""
    w, v_ = lex.weights, lex.verbs
    if node.dep_ == "pobj" and node.head.dep_ == "agent" and node.head.head.lemma_.lower() in v_["harm"]:
        # "Diaz was shot by her former husband, Mark Diaz": the agent of the harm
        if _role_of(node, lex) != "official" and not lex.institutions & {fold(node.text)}:
            return [_Cue("perpetrator", f"agency:{node.head.head.lemma_.lower()}-by", w["agency"])]
        return []
    if node.dep_ not in {"dobj", "pobj"}:
        return []
    verb = node.head if node.dep_ == "dobj" else node.head.head
    prep = node.head.lower_ if node.dep_ == "pobj" else ""
    lemma = verb.lemma_.lower()
    subject = _subject_of(verb)
    if node.dep_ == "dobj" and lemma in v_["remember"]:
        return [_Cue("victim", "remembered", w["remembered"])]
    if node.dep_ == "dobj" and lemma in v_["legal_passive"]:
        return [_Cue("perpetrator", f"legal:{lemma}", w["legal"])]
    if prep == "for" and lemma in v_["search"]:
        # "police are searching for Doe" (not "he searched online for Doe")
        if subject is None or _role_of(subject, lex) == "official" or subject.lower_ in {"they", "we"}:
            return [_Cue("perpetrator", "at-large:search", w["at_large"])]
        return []
    harmful = lemma in v_["harm"] or lemma in v_["agency"] or (lemma == "open" and prep)
    if harmful and (node.dep_ == "dobj" or prep in {"on", "at"}):
        if _role_of(subject, lex) == "official":
            return [_Cue("perpetrator", "shot-by-police", w["shot_by_police"])]
        if _role_of(node, lex) != "perpetrator":
            return [_Cue("victim", f"harmed:{lemma}", w["harmed"])]
    return []


def _snippet(tok: Token, size: int) -> str:
    return fold(tok.doc[tok.i : tok.i + size].text)


def _predicate_cues(span: Span, head: Token, lex: ActorLexicon, quotes: Sequence[QuoteSpan]) -> list[_Cue]:
    """Predicates: "Doe was the gunman", "hailed as a hero", "identified Doe as the suspect", "The suspect is Doe"."""
    out = []
    targets: list[tuple[Token, str]] = []
    for verb, _passive in _subject_verbs(head):
        lemma = verb.lemma_.lower()
        kind = "identified" if lemma in lex.verbs["identify"] else "predicate"
        for child in verb.children:
            if child.dep_ == "attr" and lemma == "be":
                targets.append((child, kind))
            elif child.dep_ == "prep" and child.lower_ == "as" and lemma in lex.verbs["as_role"]:
                targets += [(c, kind) for c in child.children if c.dep_ == "pobj"]
    first = _first_conjunct(head)
    verb = first.head
    if first.dep_ == "dobj" and verb.lemma_.lower() in lex.verbs["as_role"]:
        # "identified Nathaniel Ridley, 36, as the suspect"; "named X as the man they want to trace"
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ == "as":
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        targets.append((pobj, "identified"))
                        if lex.at_large_re.search(fold(span.doc[pobj.i : pobj.right_edge.i + 1].text)):
                            out.append(_Cue("perpetrator", "at-large", lex.weights["at_large"]))
    if first.dep_ == "attr" and verb.lemma_.lower() == "be":  # "The suspect is Brent Sowerby"
        for subject in (c for c in verb.children if c.dep_ == "nsubj"):
            targets.append((subject, "predicate"))
            if any(
                c.dep_ == "relcl" and c.lemma_.lower() in lex.verbs["legal_passive"] for c in subject.children
            ):  # "The man we arrested is Trent Voss"
                out.append(_Cue("perpetrator", "legal:arrest", lex.weights["legal"]))
    for target, kind in targets:
        if any(q.start <= target.idx < q.end for q in quotes) and target.i > span.end:
            continue  # "known as 'the Sniper'": a nickname, not a role
        cue = _noun_cue(target, kind, lex)
        if cue is not None:
            out.append(cue)
    return out


def _in_list(doc: Doc, after: int, before: int, lex: ActorLexicon) -> bool:
    """Tokens between an anchor and a name are only a list of names, ages and places."""
    if before > 0 and before - 1 >= after and doc[before - 1].pos_ == "ADP":
        return False  # "Derek Stroud, 29, of Gresham": a place, not another name on the list
    for tok in doc[after:before]:
        if tok.pos_ not in _LIST_POS and tok.lemma_.lower() not in {"be", "include", *lex.verbs["identify"]}:
            return False
        if tok.lower_ in {"who", "which", "that", "whom"}:
            return False
    return True


def _casualty_clause(f: _Field, sent: Span, lex: ActorLexicon) -> Token | None:
    """The subject of "three people were killed" / "all four died" / "the six people who were killed"."""
    for tok in f.tokens_in(f.hurt, sent):
        if tok.pos_ not in {"VERB", "AUX"}:
            continue
        passive = tok.tag_ == "VBN" or any(c.dep_ == "auxpass" for c in tok.children)
        if not passive and tok.lemma_.lower() not in lex.verbs["die"]:
            continue
        subject = next((c for c in tok.children if c.dep_ in _SUBJECT_DEPS), None)
        if (subject is not None and subject.lower_ in {"who", "that"}) or tok.dep_ == "acl":
            subject = tok.head
        if subject is not None and (
            subject.tag_ in {"NNS", "CD"} or subject.like_num or any(c.like_num for c in subject.children)
        ):
            return subject
    return None


@dataclass(frozen=True)
class _Paragraph:
    start: int
    end: int
    casualty: bool  # "Three people were killed ..."
    recap: bool  # "All four were killed ...": about the people named just before


def _paragraph_map(f: _Field, lex: ActorLexicon) -> tuple[_Paragraph, ...]:
    out = []
    start = 0
    for line in f.text.split("\n"):
        end = start + len(line)
        if line.strip():
            first, last = bisect.bisect_left(f.starts, start), bisect.bisect_left(f.starts, end)
            casualty = recap = False
            for sent in f.doc[first:last].sents if last > first else ():
                subject = _casualty_clause(f, sent, lex)
                if subject is not None:
                    casualty = True
                    recap |= subject.lower_ in {"all", "both", "they", "those"} or any(
                        c.lower_ in {"all", "both"} for c in subject.children
                    )
            out.append(_Paragraph(start, end, casualty, recap))
        start = end + 1
    return tuple(out)


def _victim_context(
    fields: Sequence[_Field], raws: Sequence[_Raw], maps: Mapping[int, tuple[_Paragraph, ...]], lex: ActorLexicon
) -> set[int]:
    """Occurrences that introduce someone next to a casualty statement: the victim-first profile
    ("Three people were killed ..." + "Kayla Dunning, 24, was celebrating her birthday ...")."""
    out = set()
    for k, r in enumerate(raws):
        paragraphs = maps.get(r.field)
        if not paragraphs or not r.full:
            continue
        f = fields[r.field]
        if f.quote_at(r.name_start) is not None:
            continue
        p = next((i for i, para in enumerate(paragraphs) if para.start <= r.name_start < para.end), None)
        if p is None:
            continue
        near = paragraphs[p].casualty or (p > 0 and paragraphs[p - 1].casualty)
        near |= p + 1 < len(paragraphs) and paragraphs[p + 1].recap
        head = f.doc[f.token_at(r.name_end - 1)]
        speaks = head.dep_ == "nsubj" and head.head.lemma_.lower() in lex.verbs["speech"]
        if near and not speaks:
            out.add(k)
    return out


def _identify_verb(as_tok: Token, lex: ActorLexicon) -> Token | None:
    """The verb of "identified ... as" / "named by police as" (where "as" may hang off "police")."""
    for anc in [as_tok.head, *as_tok.head.ancestors][:4]:
        if anc.lemma_.lower() in lex.verbs["identify"]:
            return anc  # "identified the gunman who killed three people ... as Trent Voss"
    for tok in as_tok.doc[max(as_tok.sent.start, as_tok.i - 4) : as_tok.i]:
        if tok.pos_ == "VERB" and tok.lemma_.lower() in lex.verbs["identify"]:
            return tok
    return None


def _list_cues(f: _Field, span: Span, lex: ActorLexicon) -> list[_Cue]:
    """Lists: "police identified the suspect as John Doe", "the victims were identified as A, B and C"."""
    out = []
    sent, doc = span.sent, span.doc
    for tok in sent:
        if tok.i >= span.start:
            break
        verb = _identify_verb(tok, lex) if tok.lower_ == "as" else None
        if verb is not None:
            role_tok = next((c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}), None)
            if role_tok is None and verb.i >= 2:
                # "the suspect, identified by prosecutors as Mathis Roubaud" (parsed as acl or advcl)
                role_tok = doc[verb.i - 2] if doc[verb.i - 1].text == "," else doc[verb.i - 1]
            cue = _noun_cue(role_tok, "identified", lex)
            if cue is not None and _in_list(doc, tok.i + 1, span.start, lex):
                out.append(cue)
        if tok.text == ":" and _casualty_clause(f, doc[sent.start : tok.i], lex) is not None:
            # "Two people were killed: A, 81, who played the organ, and B, 59": all names after the colon
            out.append(_Cue("victim", "victim-list", lex.weights["victim_list"]))
    for m in lex.victim_list_re.finditer(f.folded, sent.start_char, sent.end_char):
        anchor = bisect.bisect_left(f.starts, m.end())
        trigger = bisect.bisect_left(f.starts, m.start())
        # "the dead included A and B" / "A and B were among those killed"
        before = anchor <= span.start and _in_list(doc, anchor, span.start, lex)
        if before or (trigger >= span.end and _in_list(doc, span.end, trigger, lex)):
            out.append(_Cue("victim", "victim-list", lex.weights["victim_list"]))
            break
    # "inspired by Gideon Stahl", "the next Stahl": the phrase shortly before the name.
    before_name = f.folded[max(sent.start_char, span.start_char - 60) : span.start_char]
    prior = [
        m for m in lex.prior_re.finditer(before_name) if m.group() != "the next" or m.end() >= len(before_name) - 1
    ]
    if prior and span.root.dep_ not in _SUBJECT_DEPS:
        out.append(_Cue("other", "prior-attacker", lex.weights["prior_attacker"]))
    return out


def _cues(f: _Field, raw: _Raw, lex: ActorLexicon) -> list[_Cue]:
    if not f.parsed:
        return []
    span = f.doc.char_span(raw.name_start, raw.name_end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return []
    head = span.root
    cues = _title_cues(span, head, lex)
    cues += _apposition_cues(span, head, lex)
    cues += _predicate_cues(span, head, lex, f.quotes)
    cues += _list_cues(f, span, lex)
    verb_cues = _verb_cues(span, head, lex)
    if cues:  # "Lopez, a researcher at the University of Colorado, said": her noun says more than "said"
        verb_cues = [c for c in verb_cues if c.name != "speaker-org"]
    return cues + verb_cues


# ---------------------------------------------------------------------------------------------
# Shared surnames: which of several actors a bare "Doe" means.


def _sentence_key(fields: Sequence[_Field], raw: _Raw) -> tuple[int, int]:
    f = fields[raw.field]
    return (raw.field, f.sent_of(f.token_at(raw.name_start)).start)


def _pronoun_gender(sent: Span, lex: ActorLexicon) -> str:
    """The gender of subject and possessive pronouns in a sentence, when only one is used."""
    seen = {
        lex.pronouns[t.lower_] for t in sent if t.lower_ in lex.pronouns and t.dep_ in {"nsubj", "nsubjpass", "poss"}
    }
    return seen.pop() if len(seen) == 1 else ""


def _genders(
    fields: Sequence[_Field], raws: Sequence[_Raw], cues: Mapping[int, list[_Cue]], lex: ActorLexicon
) -> dict[int, str]:
    """Each actor's gender from courtesy titles, gendered role nouns and pronouns near its full name."""
    votes: dict[int, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    per_sentence: dict[tuple[int, int], set[int]] = defaultdict(set)
    for r in raws:
        if len(r.candidates) == 1:
            per_sentence[_sentence_key(fields, r)].add(r.candidates[0])
    for k, r in enumerate(raws):
        if len(r.candidates) != 1:
            continue
        actor = r.candidates[0]
        if r.courtesy in {"female", "male"}:
            votes[actor][r.courtesy] += 3
        for cue in cues.get(k, ()):
            if cue.gender:
                votes[actor][cue.gender] += 3
        f = fields[r.field]
        if f.parsed and per_sentence[_sentence_key(fields, r)] == {actor}:
            gender = _pronoun_gender(f.sent_of(f.token_at(r.name_start)), lex)
            if gender:
                votes[actor][gender] += 1
    out = {}
    for actor, v in votes.items():
        if v.get("female", 0) != v.get("male", 0):
            out[actor] = "female" if v.get("female", 0) > v.get("male", 0) else "male"
    return out


def _resolve(
    fields: Sequence[_Field],
    raws: Sequence[_Raw],
    cues: Mapping[int, list[_Cue]],
    provisional: Mapping[int, str],
    genders: Mapping[int, str],
    lex: ActorLexicon,
) -> list[int]:
    """The actor of every occurrence; bare shared surnames by context, then by the latest full name."""
    full_in_sentence: dict[tuple[int, int], set[int]] = defaultdict(set)
    full_count: dict[int, int] = defaultdict(int)
    for r in raws:
        if r.full:
            full_in_sentence[_sentence_key(fields, r)].add(r.candidates[0])
            full_count[r.candidates[0]] += 1
    out: list[int] = []
    last_full: dict[int, tuple[int, int]] = {}
    for k, r in enumerate(raws):
        if r.full:
            last_full[r.candidates[0]] = r.order
        cands = list(r.candidates)
        if len(cands) > 1:
            cands = _narrow(fields, r, cands, cues.get(k, []), provisional, genders, full_in_sentence, lex)
        if len(cands) > 1:
            before = [c for c in cands if c in last_full]
            if before:
                cands = [max(before, key=lambda c: last_full[c])]
            else:  # a headline before any full name: the actor named most often in full
                cands = [max(cands, key=lambda c: (full_count[c], -c))]
        out.append(cands[0])
    return out


def _narrow(
    fields: Sequence[_Field],
    r: _Raw,
    cands: list[int],
    cues: Sequence[_Cue],
    provisional: Mapping[int, str],
    genders: Mapping[int, str],
    full_in_sentence: Mapping[tuple[int, int], set[int]],
    lex: ActorLexicon,
) -> list[int]:
    def keep(filtered: list[int]) -> list[int]:
        return filtered if filtered else cands

    key = _sentence_key(fields, r)
    # "Doe's mother, Mary Doe, said": a surname next to someone's full name is somebody else.
    cands = keep([c for c in cands if c not in full_in_sentence.get(key, set())])
    if r.courtesy in {"female", "male"}:
        cands = keep([c for c in cands if genders.get(c) == r.courtesy])
    strong = [c for c in cues if c.weight >= 2.0 and c.role != "other"]
    if len(cands) > 1 and strong:
        cands = keep([c for c in cands if provisional.get(c) == strong[0].role])
    f = fields[r.field]
    if len(cands) > 1 and f.parsed:
        gender = _pronoun_gender(f.sent_of(f.token_at(r.name_start)), lex)
        if gender:
            cands = keep([c for c in cands if genders.get(c) == gender])
    return cands


# ---------------------------------------------------------------------------------------------
# Roles: weighted cues compete; the strongest role wins.

_VIOLENCE_CUES = frozenset(
    {"agency", "harmed", "legal", "at-large", "victim-list", "died", "shot-by-police", "victim-state", "identified"}
)
_TIE_ORDER = ("victim", "official", "helper", "perpetrator", "other")  # a tie never makes a perpetrator


def _score(cues: Iterable[_Cue]) -> dict[str, float]:
    """Weights summed per role; the same cue again adds half as much, up to twice its weight
    (a nurse called a nurse in every paragraph is no more a helper for it)."""
    scores: dict[str, float] = defaultdict(float)
    seen: dict[str, int] = defaultdict(int)
    for cue in cues:
        seen[cue.name] += 1
        n = seen[cue.name]
        scores[cue.role] += cue.weight if n == 1 else (cue.weight / 2 if n <= 3 else 0.0)
    return scores


def _role(scores: Mapping[str, float], lex: ActorLexicon, *, allow_perpetrator: bool) -> tuple[str, float]:
    usable = {
        role: s
        for role, s in scores.items()
        if s >= (lex.min_perpetrator if role == "perpetrator" else lex.min_role)
        and (allow_perpetrator or role != "perpetrator")
    }
    if not usable:
        return "other", 0.5
    best = max(_TIE_ORDER, key=lambda role: (usable.get(role, 0.0), -_TIE_ORDER.index(role)))
    total = sum(s for role, s in scores.items() if allow_perpetrator or role != "perpetrator")
    return best, round(min(0.99, usable[best] / (total + 1.0)), 2)


# ---------------------------------------------------------------------------------------------
# At large: the suspect is being hunted and no later sentence says he was caught or died.


def _at_large(fields: Sequence[_Field], perp_spans: Mapping[int, list[tuple[int, int]]], lex: ActorLexicon) -> bool:
    first_hunt: tuple[int, int] | None = None
    resolved: list[tuple[int, int]] = []
    display_resolved = False
    for f in fields:
        if field_kind(f.name) == "slug":
            continue
        sentences = f.doc.sents if f.parsed else [f.doc[:]]
        for sent in sentences:
            text = f.folded[sent.start_char : sent.end_char]
            where = (f.order, sent.start)
            hunted = bool(lex.at_large_re.search(text)) or _searched_for(f, sent, perp_spans.get(f.order, []), lex)
            if hunted and first_hunt is None:
                first_hunt = where
            if lex.resolved_re.search(text) and not lex.negator_re.search(text):
                resolved.append(where)
                display_resolved |= field_kind(f.name) in DISPLAY_KINDS
    if first_hunt is None:
        return False
    return not display_resolved and not any(r >= first_hunt for r in resolved)


def _searched_for(f: _Field, sent: Span, perp_spans: Sequence[tuple[int, int]], lex: ActorLexicon) -> bool:
    """A manhunt: "police are searching for the gunman" / "... for John Doe"."""
    for tok in f.tokens_in(f.fors, sent):
        subject = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
        if subject is not None and _role_of(subject, lex) != "official" and subject.lower_ != "they":
            continue  # "he searched online for the gunman" is no manhunt
        for obj in tok.children:
            if obj.dep_ != "pobj":
                continue
            if obj.lower_ in lex.search_objects or obj.lemma_.lower() in lex.search_objects:
                return True
            if any(s <= obj.idx < e for s, e in perp_spans):
                return True
    return False


# ---------------------------------------------------------------------------------------------
# Quotes: who said them, resolved against the actors.


@dataclass(frozen=True)
class _Named:
    """A resolved name occurrence, as quotation speakers are looked up."""

    start: int
    end: int
    actor: str  # actor id
    role: str
    gender: str = ""


def _speaker(
    doc: Doc, q: QuoteSpan, quotes: Sequence[QuoteSpan], named: Sequence[_Named], lex: ActorLexicon
) -> tuple[str | None, str | None]:
    """(actor id, role) of a quotation's speaker; only a role for "police said", "a witness said"."""
    if q.speaker_start is None or q.speaker_end is None or q.speaker_head is None:
        return None, None
    for n in named:
        if n.start < q.speaker_end and q.speaker_start < n.end:
            return n.actor, n.role
    head = doc[q.speaker_head]
    if head.lower_ in lex.pronouns:
        # "she said": the person named last before the quotation, outside quotations.
        gender = lex.pronouns[head.lower_]
        earlier = [
            n
            for n in named
            if n.start < q.start and not any(o.start <= n.start < o.end for o in quotes) and n.gender in {"", gender}
        ]
        if earlier:
            last = max(earlier, key=lambda n: n.start)
            return last.actor, last.role
        return None, None
    first = bisect.bisect_right([t.idx for t in doc], q.speaker_start) - 1
    phrase = doc[max(first, 0) : head.i + 1]
    # The nearest role noun in the phrase: "police", "a witness", "Chief Ana Ortiz", "his mother".
    for tok in reversed(phrase):
        found = lex.noun_role(tok)
        if found is not None:
            return None, "other" if found[0] == "relative" else found[0]
    # "according to a statement from the sheriff's office"
    widened = doc[max(first, 0) : min(head.right_edge.i + 1, head.i + 8)]
    if any(fold(t.text) in lex.institutions for t in widened):
        return None, "official"
    return None, None


# ---------------------------------------------------------------------------------------------
# Public API.


def find_quotes(
    doc: Doc, field: str, *, lexicon: ActorLexicon | None = None, cast: Cast | None = None
) -> tuple[Quote, ...]:
    """Quotations in one field's Doc.

    Without a lexicon: spans only. With a lexicon: speakers attributed by verbs of saying; with a cast
    as well, a named speaker is resolved to its actor id and role. `find_cast` already returns the
    quotations of every field in `Cast.quotes`, with their speakers resolved.
    """
    if lexicon is None:
        return tuple(Quote(field, s, e) for s, e in quote_spans(doc.text))
    spans = attribute_quotes(doc, lexicon.verbs["speech"])
    named = [
        _Named(m.start, m.end, a.id, a.role)
        for a in (cast.actors if cast else ())
        for m in a.mentions
        if m.field == field
    ]
    named.sort(key=lambda n: n.start)
    out = []
    for q in spans:
        speaker, role = _speaker(doc, q, spans, named, lexicon)
        out.append(Quote(field, q.start, q.end, speaker, role))
    return tuple(out)


def find_cast(docs: Mapping[str, Doc], *, perpetrator_names: Sequence[str] = (), lexicon: ActorLexicon) -> Cast:
    """Who is who in an article: actors with roles and name mentions, quotations, at-large state."""
    lex = lexicon
    fields = _make_fields(docs, lex)
    drafts, first_only = _build_drafts(fields, lex, perpetrator_names)
    raws = _merge_raw(_string_mentions(fields, drafts, lex), first_only)
    cues = {k: _cues(fields[r.field], r, lex) for k, r in enumerate(raws)}
    maps = {f.order: _paragraph_map(f, lex) for f in fields if f.parsed and field_kind(f.name) == "body"}
    for k in _victim_context(fields, raws, maps, lex):
        cues[k].append(_Cue("victim", "victim-context", lex.weights["victim_context"]))
    # Without any violence in the article ("Iron Meridian is a clever shooter", a game review) role
    # nouns alone make nobody a perpetrator.
    violent = any(p.casualty for paragraphs in maps.values() for p in paragraphs) or any(
        c.name.split(":")[0] in _VIOLENCE_CUES for found in cues.values() for c in found
    )

    # Roles from unambiguous occurrences first: they help to tell apart actors sharing a surname.
    sure: dict[int, list[_Cue]] = defaultdict(list)
    for k, r in enumerate(raws):
        if len(r.candidates) == 1:
            sure[r.candidates[0]] += cues[k]
    provisional = {a: _role(_score(c), lex, allow_perpetrator=True)[0] for a, c in sure.items()}
    genders = _genders(fields, raws, cues, lex)
    owners = _resolve(fields, raws, cues, provisional, genders, lex)

    by_actor: dict[int, list[int]] = defaultdict(list)
    for k, a in enumerate(owners):
        by_actor[a].append(k)
    overrides = {i for i, d in enumerate(drafts) if d.override}
    order = sorted(by_actor, key=lambda a: raws[by_actor[a][0]].order)
    ids = {a: f"a{n}" for n, a in enumerate(order, start=1)}
    roles: dict[int, tuple[str, float, tuple[str, ...]]] = {}
    for a in order:
        actor_cues = [c for k in by_actor[a] for c in cues[k]]
        if any(c.role == "perpetrator" for c in actor_cues):
            # Context is the weakest evidence; and an attacker, too, can die or end up in hospital.
            actor_cues = [c for c in actor_cues if c.name not in {"victim-context", "victim-state", "died"}]
        names = tuple(dict.fromkeys(c.name for c in actor_cues))
        if a in overrides:
            roles[a] = ("perpetrator", 1.0, ("override", *names))
        else:
            role, confidence = _role(_score(actor_cues), lex, allow_perpetrator=violent and not overrides)
            roles[a] = (role, confidence, names)

    perp_spans: dict[int, list[tuple[int, int]]] = defaultdict(list)
    named: dict[int, list[_Named]] = defaultdict(list)
    for k, a in enumerate(owners):
        r = raws[k]
        named[r.field].append(_Named(r.start, r.end, ids[a], roles[a][0], genders.get(a, "")))
        if roles[a][0] == "perpetrator":
            perp_spans[r.field].append((r.name_start, r.name_end))

    quotes: dict[int, list[Quote]] = {}
    for f in fields:
        quotes[f.order] = [
            Quote(f.name, q.start, q.end, *_speaker(f.doc, q, f.quotes, named[f.order], lex)) for q in f.quotes
        ]

    actors = []
    for a in order:
        mentions = tuple(_mention(fields[raws[k].field], raws[k], quotes[raws[k].field]) for k in by_actor[a])
        name, aliases = _names(fields, [raws[k] for k in by_actor[a]])
        role, confidence, cue_names = roles[a]
        actors.append(Actor(ids[a], name, role, aliases, mentions, confidence, cue_names))
    return Cast(
        actors=tuple(actors),
        at_large=_at_large(fields, perp_spans, lex),
        quotes=tuple(q for f in fields for q in quotes[f.order]),
    )


def _mention(f: _Field, r: _Raw, quotes: Sequence[Quote]) -> Mention:
    quote = next((q for q in quotes if q.start <= r.name_start < q.end), None)
    return Mention(f.name, r.start, r.end, f.text[r.start : r.end], r.possessive, quote)


def _names(fields: Sequence[_Field], raws: Sequence[_Raw]) -> tuple[str, tuple[str, ...]]:
    """The fullest well-cased form as the name; other forms seen as aliases."""
    forms: dict[str, str] = {}
    for r in raws:
        written = fields[r.field].text[r.name_start : r.name_end]
        written = " ".join(written.split())
        key = fold(written)
        cased = written[:1].isupper() and not written.isupper()
        if key not in forms or (cased and not (forms[key][:1].isupper() and not forms[key].isupper())):
            forms[key] = written

    def rank(item: tuple[str, str]) -> tuple[int, int, int]:
        key, written = item
        return (len(key.split()), written[:1].isupper() and not written.isupper(), len(key))

    best_key, best = max(forms.items(), key=rank)
    return best, tuple(w for k, w in forms.items() if k != best_key)
