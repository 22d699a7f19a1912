"""The actors lexicon: word lists and weights from rules/lexicons/actors.yml, validated and compiled once."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import yaml
from spacy.tokens import Token

from nofame.actors.names import fold
from nofame.actors.types import ROLES
from nofame.errors import RuleError


class LexiconError(RuleError):
    """The actors lexicon is malformed; the message names the file, the key and the line."""


_VERB_KEYS = (
    "agency",
    "agency_phrases",
    "agency_event",
    "vehicle",
    "pedestrian_ways",
    "harm",
    "die",
    "legal_passive",
    "legal_active",
    "legal_phrases",
    "not_legal_phrases",
    "helper",
    "helper_against",
    "helper_people",
    "helper_phrases",
    "not_helper_phrases",
    "victim_phrases",
    "speech",
    "remember",
    "praise",
    "identify",
    "as_role",
    "search",
    "self_harm",
    "suicide_weapons",
    "custody",
    "armed_with",
    "ammunition",
    "fight_with",
    "abet",
    "witness",
    "bomb_placing",
    "bombs",
    "blame",
    "sentence_handing",
    "weapon_holding",
    "weapon_buying",
    "weapon_selling",
    "life_taking",
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
    "supplier",
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
        "group_nouns",
        "member_nouns",
        "attack_cells",
        "lesser_charges",
        "helper_occupations",
        "occupations",
        "prior_attacker_phrases",
        "alias_phrases",
        "fighter_alias_phrases",
        "dock_phrases",
        "not_roles",
        "trade_nouns",
        "ranks",
        "at_large",
        "event_nouns",
        "not_people",
        "place_nouns",
        "outlet_nouns",
        "deeds",
        "weights",
        "thresholds",
    }
)

_GENDERS = ("female", "male", "neutral")


def norm_word(word: str) -> str:
    """Lexicon and token keys: folded, dots dropped per word ("Lt. Gov." -> "lt gov")."""
    return " ".join(w.strip(".") for w in fold(word).split())


def _phrase_re(phrases: Iterable[str], unless: Iterable[str] = ()) -> re.Pattern[str]:
    """Any of the phrases as whole words; not where one of `unless` starts ("charged with handling")."""
    alternatives = _alternatives(phrases) or "(?!)"
    exceptions = _alternatives(unless)
    guard = rf"(?!(?:{exceptions})(?![\w]))" if exceptions else ""
    return re.compile(rf"(?<![\w-]){guard}(?:{alternatives})(?![\w])")


def _alternatives(phrases: Iterable[str]) -> str:
    words = sorted({norm_word(p) if "." in p else fold(p).strip() for p in phrases}, key=lambda w: (-len(w), w))
    return "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in words if p)


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
    not_helper_re: re.Pattern[str]  # "called 911 to pledge allegiance": the attacker's call, no help
    victim_re: re.Pattern[str]
    prior_re: re.Pattern[str]
    alias_re: re.Pattern[str]  # "under the name of", "pseudonym": a name the person went by
    fighter_alias_re: re.Pattern[str]  # "his jihadi pseudonym", "nom de guerre": an attacker's alias
    dock_re: re.Pattern[str]  # "in the dock", "the defendants": a list of names there is of the accused
    people_nouns: frozenset[str]
    group_nouns: frozenset[str]  # "the couple", "the brothers": several people named just before
    member_nouns: frozenset[str]  # "Harqat Jund militants": a name before these, in the plural, is a group's
    attack_cells: frozenset[str]  # "the members of the cell": the group that carried out the attack
    lesser_re: re.Pattern[str]  # "convicted of obstruction": a court step for something other than the attack
    grave_re: re.Pattern[str]  # "... and of murder": a charge that is the attack's
    helper_occupations: frozenset[str]
    occupations: frozenset[str]  # job nouns: a title before a name, no role ("cashier Marisol Vega")
    not_roles: frozenset[str]
    trade_nouns: frozenset[str]  # "driver": with a noun before it ("a UPS driver", "taxi-driver") a job
    ranks: frozenset[str]  # "sergeant": a grade in uniform, which an attacker may hold too
    victim_list_re: re.Pattern[str]
    institutions: frozenset[str]
    at_large_re: re.Pattern[str]
    search_objects: frozenset[str]
    resolved_re: re.Pattern[str]
    hunted_others_re: re.Pattern[str]
    negator_re: re.Pattern[str]
    event_nouns: frozenset[str]
    not_people: frozenset[str]  # folded
    deed_re: re.Pattern[str]  # what a clause-opening name did, read after it (deeds.attack)
    deed_legal_re: re.Pattern[str]  # ... or what a court found (deeds.legal)
    owned_deeds: frozenset[str]  # "NAME's rampage": nouns whose owner did them (deeds.owned)
    involving_deeds: frozenset[str]  # "was involved in the attack": taking part in them (deeds.involved)
    owned_legal: frozenset[str]  # "NAME's trial": court steps only a defendant owns (deeds.owned_legal)
    done_by: frozenset[str]  # "the shooting by NAME": deeds the agent owns only with "by" (deeds.done_by)
    against: frozenset[str]  # "the case against NAME": what a court brings (deeds.against)
    faced: frozenset[str]  # "faces murder charges": what a defendant faces (deeds.faced)
    sentences: frozenset[str]  # "received 20 years": what a convict receives (deeds.sentences)
    court_groups: frozenset[str]  # "defendants, including A and B" (deeds.court_groups)
    authors: frozenset[str]  # "the architect of the attack": its perpetrator (deeds.authors)
    participants: frozenset[str]  # "a participant in the attack": one of its perpetrators (deeds.participants)
    place_nouns: frozenset[str]  # "Way" in "Martin Luther King Jr. Way": the name before it is a place
    outlet_nouns: frozenset[str]  # "news site Spiegel Online": the name after it is an outlet
    weights: Mapping[str, float]
    min_perpetrator: float
    min_role: float
    # Words removed from the front of a PERSON entity: courtesy titles, one-word role nouns, occupations.
    title_words: frozenset[str] = frozenset()

    def noun_role(self, tok: Token) -> tuple[str, str] | None:
        """(role, word) for a role noun token; two-word nouns first ("police chief", "first responder").

        Relatives come back as role "relative" (an "other" actor, but kept apart for gender and weight).
        """
        word, lemma = tok.lower_.strip("."), tok.lemma_.lower().strip(".")
        if tok.i > 0:
            prev = tok.doc[tok.i - 1].lower_.strip(".")
            if prev == "-" and tok.i > 1:
                first, joiner = tok.doc[tok.i - 2].lower_, "-"  # "hostage-taker", split in three by the tokenizer
            else:
                first, joiner = prev, " "
            pairs = (f"{first}{joiner}{word}", f"{first}{joiner}{lemma}")
            for two in pairs:
                if two in self.not_roles:
                    return None
                if two in self.role_nouns:
                    return self.role_nouns[two], two
        if (word in self.trade_nouns or lemma in self.trade_nouns) and (_after_a_noun(tok) or _one_of_several(tok)):
            return None  # "a UPS driver", "a taxi-driver", "a third driver": a trade, not the driver of the attack
        for one in (word, lemma):
            if one in self.role_nouns:
                return self.role_nouns[one], one
            if one in self.family:
                return "relative", one
        return None


# Words that make a noun one of several alike: "another driver", "a fellow driver", "a third driver".
_ONE_OF_SEVERAL = frozenset({"another", "fellow", "other", "second", "third", "fourth", "fifth"})


def _one_of_several(tok: Token) -> bool:
    return tok.i > 0 and tok.doc[tok.i - 1].lower_ in _ONE_OF_SEVERAL


def _after_a_noun(tok: Token) -> bool:
    """A noun (or a hyphen joining one) right before the token modifies it: "UPS driver", "taxi-driver"."""
    if tok.i == 0:
        return False
    prev = tok.doc[tok.i - 1]
    return prev.text in {"-", "‐"} or (prev.pos_ in {"NOUN", "PROPN"} and prev.dep_ == "compound" and prev.head == tok)


def role_of(tok: Token | None, lex: ActorLexicon) -> str:
    found = lex.noun_role(tok) if tok is not None else None
    return found[0] if found else ""


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
        ("at_large", ("phrases", "search_objects", "resolved", "others", "negators")),
        ("lesser_charges", ("lesser", "grave")),
        (
            "deeds",
            (
                "attack",
                "legal",
                "owned",
                "involved",
                "owned_legal",
                "done_by",
                "against",
                "faced",
                "sentences",
                "court_groups",
                "authors",
                "participants",
            ),
        ),
    ):
        r.only(allowed, key)

    def gendered(key: str, genders: Sequence[str]) -> dict[str, str]:
        return {norm_word(w): g for g in genders for w in r.strings(key, g)}

    role_nouns = {norm_word(w): role for role in ROLES for w in r.strings("role_nouns", role)}
    occupations = frozenset(norm_word(w) for w in r.strings("occupations"))
    verbs = {key: frozenset(fold(v) for v in r.strings("verbs", key)) for key in _VERB_KEYS}
    weights = {key: r.number("weights", key) for key in _WEIGHT_KEYS}
    return ActorLexicon(
        source=str(path),
        courtesy=MappingProxyType(gendered("courtesy_titles", _GENDERS)),
        suffixes=frozenset(norm_word(w) for w in r.strings("name_suffixes")),
        particles=frozenset(fold(w) for w in r.strings("surname_particles")),
        role_nouns=MappingProxyType(role_nouns),
        family=MappingProxyType(gendered("family", _GENDERS)),
        pronouns=MappingProxyType(gendered("pronouns", ("female", "male"))),
        verbs=MappingProxyType(verbs),
        agency_re=_phrase_re(verbs["agency_phrases"]),
        legal_re=_phrase_re(verbs["legal_phrases"], unless=verbs["not_legal_phrases"]),
        helper_re=_phrase_re(verbs["helper_phrases"]),
        not_helper_re=_phrase_re(verbs["not_helper_phrases"]),
        victim_re=_phrase_re(verbs["victim_phrases"]),
        prior_re=_phrase_re(r.strings("prior_attacker_phrases")),
        alias_re=_phrase_re(r.strings("alias_phrases")),
        fighter_alias_re=_phrase_re(r.strings("fighter_alias_phrases")),
        dock_re=_phrase_re(r.strings("dock_phrases")),
        people_nouns=frozenset(fold(w) for w in r.strings("people_nouns")),
        group_nouns=frozenset(fold(w) for w in r.strings("group_nouns")),
        member_nouns=frozenset(fold(w) for w in r.strings("member_nouns")),
        attack_cells=frozenset(fold(w) for w in r.strings("attack_cells")),
        lesser_re=_phrase_re(r.strings("lesser_charges", "lesser")),
        grave_re=_phrase_re(r.strings("lesser_charges", "grave")),
        helper_occupations=frozenset(norm_word(w) for w in r.strings("helper_occupations")),
        occupations=occupations,
        not_roles=frozenset(norm_word(w) for w in r.strings("not_roles")),
        trade_nouns=frozenset(norm_word(w) for w in r.strings("trade_nouns")),
        ranks=frozenset(norm_word(w) for w in r.strings("ranks")),
        victim_list_re=_phrase_re(r.strings("victim_list_triggers")),
        institutions=frozenset(fold(w) for w in r.strings("institutions")),
        at_large_re=_phrase_re(r.strings("at_large", "phrases")),
        search_objects=frozenset(fold(w) for w in r.strings("at_large", "search_objects")),
        resolved_re=_phrase_re(r.strings("at_large", "resolved")),
        hunted_others_re=_phrase_re(r.strings("at_large", "others")),
        negator_re=_phrase_re(r.strings("at_large", "negators")),
        event_nouns=frozenset(fold(w) for w in r.strings("event_nouns")),
        not_people=frozenset(" ".join(fold(w).split()) for w in r.strings("not_people")),
        deed_re=_phrase_re(r.strings("deeds", "attack")),
        deed_legal_re=_phrase_re(r.strings("deeds", "legal")),
        owned_deeds=frozenset(fold(w) for w in r.strings("deeds", "owned")),
        involving_deeds=frozenset(fold(w) for w in r.strings("deeds", "involved")),
        owned_legal=frozenset(fold(w) for w in r.strings("deeds", "owned_legal")),
        done_by=frozenset(fold(w) for w in r.strings("deeds", "done_by")),
        against=frozenset(fold(w) for w in r.strings("deeds", "against")),
        faced=frozenset(fold(w) for w in r.strings("deeds", "faced")),
        sentences=frozenset(fold(w) for w in r.strings("deeds", "sentences")),
        court_groups=frozenset(fold(w) for w in r.strings("deeds", "court_groups")),
        authors=frozenset(fold(w) for w in r.strings("deeds", "authors")),
        participants=frozenset(fold(w) for w in r.strings("deeds", "participants")),
        place_nouns=frozenset(norm_word(w) for w in r.strings("place_nouns")),
        outlet_nouns=frozenset(norm_word(w) for w in r.strings("outlet_nouns")),
        weights=MappingProxyType(weights),
        min_perpetrator=r.number("thresholds", "min_perpetrator"),
        min_role=r.number("thresholds", "min_role"),
        title_words=frozenset(gendered("courtesy_titles", _GENDERS))
        | {w for w in role_nouns if " " not in w}
        | {form for w in occupations for form in (w, f"{w}s")},
    )
