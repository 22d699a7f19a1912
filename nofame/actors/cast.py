"""`find_cast`: runs the steps of actor detection over an article's fields and builds the Cast."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence

from spacy.tokens import Doc

from nofame.actors.aliases import alias_phrase_before
from nofame.actors.at_large import find_at_large
from nofame.actors.casualties import paragraph_map, victim_context
from nofame.actors.clusters import Raw, build_drafts
from nofame.actors.cues import Cue, apposition_cues, gapped_sentence_cue, list_cues, predicate_cues, title_cues
from nofame.actors.deeds import deed_cues
from nofame.actors.fallback import CONFIDENCE, tied_to_attack
from nofame.actors.fallback import CUE as FALLBACK_CUE
from nofame.actors.fields import Field, make_fields
from nofame.actors.grammar import names_members, subject_verbs
from nofame.actors.groups import group_cues
from nofame.actors.lexicon import ActorLexicon
from nofame.actors.lists import list_peer_cues
from nofame.actors.mentions import merge_raw, string_mentions
from nofame.actors.names import PersonName, fold
from nofame.actors.pronouns import pronoun_cues
from nofame.actors.resolve import actor_genders, resolve_owners
from nofame.actors.roles import VIOLENCE_CUES, pick_role, score_cues
from nofame.actors.speakers import Named, quote_speaker, speaker_index
from nofame.actors.spelling import misspelt_perpetrators
from nofame.actors.types import Actor, Cast, Mention, Quote
from nofame.actors.verbs import verb_cues
from nofame.article import field_kind


def find_cast(
    docs: Mapping[str, Doc],
    *,
    perpetrator_names: Sequence[str] = (),
    lexicon: ActorLexicon,
    texts: Mapping[str, str] | None = None,
    attack: bool = False,
) -> Cast:
    """Who is who in an article: actors with roles and name mentions, quotations, at-large state.

    `texts`: each Doc's text, when the caller has it (spaCy rebuilds `doc.text` token by token).
    `attack`: the article's words say it is about an attack (`context.article_context`), so role nouns
    make a perpetrator even where no paragraph states a casualty (an inquest, a profile of the attacker)."""
    lex = lexicon
    fields = make_fields(docs, lex, texts)
    drafts, first_only = build_drafts(fields, lex, perpetrator_names)
    raws = merge_raw(string_mentions(fields, drafts, lex), first_only)
    cues = {k: _cues(fields[r.field], r, lex) for k, r in enumerate(raws)}
    for k, shared in list_peer_cues(fields, raws, cues, lex).items():
        cues[k] += shared
    maps = {f.order: paragraph_map(f, lex) for f in fields if f.parsed and field_kind(f.name) == "body"}
    for k in victim_context(fields, raws, maps, lex):
        cues[k].append(Cue("victim", "victim-context", lex.weights["victim_context"]))
    # Without any violence in the article ("Iron Meridian is a clever shooter", a game review) role
    # nouns alone make nobody a perpetrator.
    violent = (
        attack
        or any(p.casualty for paragraphs in maps.values() for p in paragraphs)
        or any(c.name.split(":")[0] in VIOLENCE_CUES for found in cues.values() for c in found)
    )

    # Roles from unambiguous occurrences first: they help to tell apart actors sharing a surname.
    sure: dict[int, list[Cue]] = defaultdict(list)
    for k, r in enumerate(raws):
        if len(r.candidates) == 1:
            sure[r.candidates[0]] += cues[k]
    provisional = {a: pick_role(score_cues(c), lex, allow_perpetrator=True)[0] for a, c in sure.items()}
    genders = actor_genders(fields, raws, cues, lex)
    relatives = frozenset(a for a, found in sure.items() if any(c.name.startswith("relative:") for c in found))
    owners = resolve_owners(fields, raws, cues, provisional, genders, lex, relatives)

    by_actor: dict[int, list[int]] = defaultdict(list)
    for k, a in enumerate(owners):
        by_actor[a].append(k)
    overrides = {i for i, d in enumerate(drafts) if d.override}
    order = sorted(by_actor, key=lambda a: raws[by_actor[a][0]].order)
    roles: dict[int, tuple[str, float, tuple[str, ...]]] = {}
    allow = violent and not overrides
    cues_of = {a: [c for k in by_actor[a] for c in cues[k]] for a in order}
    # (fullest form, aliases)
    names_of = {a: _names(fields, [raws[k] for k in by_actor[a]], drafts[a].name) for a in order}
    for a in order:
        role, confidence, names = _role_from(cues_of[a], lex, allow_perpetrator=allow)
        if role == "perpetrator" and _common_word(fields, names_of[a][0]):
            role, confidence = "other", 0.5  # as for a name with no cue
        roles[a] = ("perpetrator", 1.0, ("override", *names)) if a in overrides else (role, confidence, names)
    # "His wife, NAME, was arrested": once the attacker is known, his family held for questioning are not
    # attackers too (but "deputies arrested the victim's son, NAME", the only one held, is).
    held = [a for a in order if a not in overrides and roles[a][0] == "perpetrator" and _held_kin(cues_of[a], lex)]
    if any(roles[a][0] == "perpetrator" for a in order if a not in held):
        for a in held:
            roles[a] = _role_from([c for c in cues_of[a] if not _custody(c, lex)], lex, allow_perpetrator=allow)

    if violent and not any(role == "perpetrator" for role, _, _ in roles.values()):
        for a in tied_to_attack(fields, raws, by_actor, roles, lex):
            roles[a] = ("perpetrator", CONFIDENCE, (*roles[a][2], FALLBACK_CUE))

    # "Dale Anders" in a story about "Dale Sanders": the attacker's name spelt another way is his.
    for a, perpetrator in misspelt_perpetrators(order, roles, names_of).items():
        by_actor[perpetrator] = sorted(by_actor[perpetrator] + by_actor.pop(a), key=lambda k: raws[k].order)
        owners = [perpetrator if o == a else o for o in owners]
        order.remove(a)
        names_of[perpetrator] = _names(fields, [raws[k] for k in by_actor[perpetrator]], drafts[perpetrator].name)

    ids = {a: f"a{n}" for n, a in enumerate(order, start=1)}

    perp_spans: dict[int, list[tuple[int, int]]] = defaultdict(list)
    named: dict[int, list[Named]] = defaultdict(list)
    for k, a in enumerate(owners):
        r = raws[k]
        named[r.field].append(Named(r.start, r.end, ids[a], roles[a][0], genders.get(a, "")))
        if roles[a][0] == "perpetrator":
            perp_spans[r.field].append((r.name_start, r.name_end))

    quotes: dict[int, list[Quote]] = {}
    for f in fields:
        index = speaker_index(named[f.order], f.quotes)
        quotes[f.order] = [
            Quote(f.name, q.start, q.end, *quote_speaker(f.doc, f.starts, q, index, lex)) for q in f.quotes
        ]

    actors = []
    for a in order:
        mentions = tuple(_mention(fields[raws[k].field], raws[k], quotes[raws[k].field], lex) for k in by_actor[a])
        name, aliases = names_of[a]
        role, confidence, cue_names = roles[a]
        actors.append(Actor(ids[a], name, role, aliases, mentions, confidence, cue_names))
    return Cast(
        actors=tuple(actors),
        at_large=find_at_large(fields, perp_spans, lex),
        quotes=tuple(q for f in fields for q in quotes[f.order]),
    )


def _cues(f: Field, raw: Raw, lex: ActorLexicon) -> list[Cue]:
    if not f.parsed:
        return []
    span = f.doc.char_span(raw.name_start, raw.name_end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return []
    head = span.root
    if names_members(head, lex):
        return []  # "suspected Harqat Jund militants attacked": what is said is said of the members
    sent = f.sent_of(span.start)
    listed = list_cues(f, span, sent, lex)
    cues = title_cues(span, head, sent, lex)
    if any(c.role == "perpetrator" and c.name.startswith("identified:") for c in listed):
        # "identified as bank official Lorenz Haubrich": the title is his job, the identification his role
        cues = [c for c in cues if c.role in {"perpetrator", "victim"}]
    cues += apposition_cues(span, head, lex)
    verbs = subject_verbs(head)
    cues += predicate_cues(span, head, verbs, lex, f.quotes)
    cues += listed
    if not verbs and (gapped := gapped_sentence_cue(span, sent, lex)):
        cues.append(gapped)
    by_verbs = verb_cues(span, head, verbs, f.has_in(f.self_harm, sent), lex)
    if cues:  # "Lopez, a researcher at the University of Colorado, said": her noun says more than "said"
        by_verbs = [c for c in by_verbs if c.name != "speaker-org"]
    if not any(c.role == "perpetrator" for c in by_verbs):
        by_verbs += deed_cues(f, span, sent, lex) or group_cues(f, span, head, lex)
    if not cues and not by_verbs:
        by_verbs = pronoun_cues(f, head, sent, lex)
    elif not any(c.role == "perpetrator" for c in (*cues, *by_verbs)):
        # "NAME was killed when he detonated the bomb": what he did outweighs what befell him
        by_verbs += [c for c in pronoun_cues(f, head, sent, lex) if c.name.startswith("agency:")]
    return cues + by_verbs


def _role_from(
    actor_cues: list[Cue], lex: ActorLexicon, *, allow_perpetrator: bool
) -> tuple[str, float, tuple[str, ...]]:
    """(role, confidence, cue names) from an actor's cues."""
    if any(c.role == "perpetrator" for c in actor_cues):
        # Context is the weakest evidence; and an attacker, too, can die or end up in hospital.
        actor_cues = [c for c in actor_cues if c.name not in {"victim-context", "victim-state", "died"}]
    if any(c.role == "perpetrator" and c.name.startswith("agency:") for c in actor_cues):
        # and those who knew an attacker remember him too ("a neighbour remembered Doe as polite")
        actor_cues = [c for c in actor_cues if c.name != "remembered"]
    if any(c.role == "perpetrator" and c.name.startswith("legal:") and not _custody(c, lex) for c in actor_cues):
        # a relative on trial is a defendant: "Also in the dock is his brother-in-law, NAME"
        actor_cues = [c for c in actor_cues if not c.name.startswith("relative:")]
    supplied = [c for c in actor_cues if c.name.startswith("supplier:")]
    if supplied and any(c.name.startswith("agency:") or c.name.endswith(_COMPLICIT) for c in actor_cues):
        actor_cues = [c for c in actor_cues if c not in supplied]  # an attacker or accomplice who armed another
    elif supplied:
        # the weapon's seller, on trial for the sale ("a repeat offender who denies selling the rifle")
        actor_cues = [c for c in actor_cues if c.role != "perpetrator"]
    names = tuple(dict.fromkeys(c.name for c in actor_cues))
    role, confidence = pick_role(score_cues(actor_cues), lex, allow_perpetrator=allow_perpetrator)
    return role, confidence, names


# Cues that call him an accomplice ("being tried as NAME's accomplice", "found guilty of being an
# accomplice by selling him the weapons": `legal:accomplice`).
_COMPLICIT = (":accomplice", ":co-conspirator", ":conspirator")


def _held_kin(actor_cues: list[Cue], lex: ActorLexicon) -> bool:
    """A relative whose only perpetrator cues are custody: arrested, detained, released."""
    relative = any(c.name.startswith("relative:") for c in actor_cues)
    return relative and all(_custody(c, lex) for c in actor_cues if c.role == "perpetrator")


def _custody(cue: Cue, lex: ActorLexicon) -> bool:
    kind, _, word = cue.name.partition(":")
    return kind == "legal" and word in lex.verbs["custody"]


def _common_word(fields: Sequence[Field], name: str) -> bool:
    """A one-word name the story also writes in lower case is a word, not a person: "Mall stabbing victim:
    ..." in a story about "the mall"."""
    if not name.isalpha():
        return False
    word = re.compile(rf"\b{re.escape(name.lower())}\b")
    return any(field_kind(f.name) == "body" and word.search(f.text) for f in fields)


def _mention(f: Field, r: Raw, quotes: Sequence[Quote], lex: ActorLexicon) -> Mention:
    quote = next((q for q in quotes if q.start <= r.name_start < q.end), None)
    alias = alias_phrase_before(f, r.start, lex) is not None
    return Mention(f.name, r.start, r.end, f.text[r.start : r.end], r.possessive, quote, alias)


def _names(fields: Sequence[Field], raws: Sequence[Raw], draft: PersonName) -> tuple[str, tuple[str, ...]]:
    """The fullest well-cased form as the name; other forms seen as aliases. A full name never written
    whole ("brothers Karim and Samir El Haddani" gives "Karim El Haddani") is the name when no mention is."""
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
    if " " not in best_key and draft.is_full:
        return draft.display, tuple(forms.values())
    return best, tuple(w for k, w in forms.items() if k != best_key)
