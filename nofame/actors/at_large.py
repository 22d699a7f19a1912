"""At large: the suspect is being hunted and nothing in the article says he was caught or died."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from spacy.tokens import Span, Token

from nofame.actors.fields import Field
from nofame.actors.grammar import subject_of
from nofame.actors.lexicon import ActorLexicon, role_of
from nofame.article import field_kind

# "is wanted in Nevada for ...": wanted elsewhere, for something else; not a manhunt for this attack.
_WANTED_ELSEWHERE = re.compile(r"\s+in\s+(?!connection\b)[A-Z]")
# A manhunt told as past: "after a two-day manhunt", "following hours of manhunt", "once the subject of a
# nationwide manhunt" (what ended it may be told in words the resolution phrases miss).
_PAST_HUNT = re.compile(r"\b(?:after|following|subject\s+of)(?:\W+[\w-]+){0,4}?\W+$")


def find_at_large(fields: Sequence[Field], perp_spans: Mapping[int, list[tuple[int, int]]], lex: ActorLexicon) -> bool:
    """A manhunt is told somewhere, and no capture or death is. Stories are not told in order ("he later
    killed himself" may come before the police appeal it quotes): a resolution anywhere ends the hunt."""
    hunted = resolved = False
    for f in fields:
        if field_kind(f.name) == "slug":
            continue
        for sent in f.sents if f.parsed else [f.doc[:]]:
            text = f.folded[sent.start_char : sent.end_char]
            resolution = lex.resolved_re.search(text) and not lex.negator_re.search(text)
            if resolution or ("dead" in text and _found_dead(sent, lex)):
                resolved = True
            elif not hunted:
                hunted = (
                    _hunt_phrase(f, sent.start_char, text, lex)
                    or _searched_for(f, sent, perp_spans.get(f.order, []), lex)
                ) and not lex.hunted_others_re.search(text)
    return hunted and not resolved


def _found_dead(sent: Span, lex: ActorLexicon) -> bool:
    """ "officers found the suspect dead in his car", "the gunman was found dead": the hunted man himself,
    called by his role (not "an attacker whose brother was found dead")."""
    for verb in sent:
        if verb.lemma_ != "find":
            continue
        dead = [c for c in verb.children if c.lower_ == "dead"]
        if not dead:
            continue
        found = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
        found += [s for d in dead for s in d.children if s.dep_ == "nsubj"]  # "found the suspect ... dead"
        if any(role_of(c, lex) == "perpetrator" and _the_one(c) for c in found):
            return True
    return False


def _the_one(noun: Token) -> bool:
    """ "the suspect", not "his brother, a second suspect" nor "the fugitive's accomplice" (one of two hunted)."""
    return any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children) and not any(
        c.dep_ in {"poss", "nmod"} for c in noun.children
    )


def _hunt_phrase(f: Field, offset: int, text: str, lex: ActorLexicon) -> bool:
    for match in lex.at_large_re.finditer(text):
        if "wanted" in match.group() and _WANTED_ELSEWHERE.match(f.text, offset + match.end()):
            continue
        if match.group() == "manhunt" and _PAST_HUNT.search(text, 0, match.start()):
            continue
        return True
    return False


def _searched_for(f: Field, sent: Span, perp_spans: Sequence[tuple[int, int]], lex: ActorLexicon) -> bool:
    """A manhunt: "police are searching for the gunman" / "... for John Doe"."""
    for tok in f.tokens_in(f.fors, sent):
        subject = subject_of(tok.head)  # "she drove to the school and searched for him": the subject of "drove"
        if subject is not None and role_of(subject, lex) != "official" and subject.lower_ != "they":
            continue  # "he searched online for the gunman" is no manhunt
        for obj in tok.children:
            if obj.dep_ != "pobj":
                continue
            if obj.lower_ in lex.search_objects or obj.lemma_.lower() in lex.search_objects:
                return True
            if any(s <= obj.idx < e for s, e in perp_spans):
                return True
    return False
