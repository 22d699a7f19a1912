"""The rewrite-output checker: what an editor would reject in a suggested draft.

Grammar problems (doubled determiners, a/an by sound, a determiner before a determiner, a sentence starting
lowercase, a name fragment beside a role noun, a sentence that lost its verb) count only when the rewrite
introduced them: the original draft's own slips are not the rewrite's. Leftover perpetrator names are
counted against the profile's allowance, and facts (numbers, victims' and officials' names) must survive.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from nofame.profiles import get_profile
from nofame.report import Report
from nofame.rewrite.articles import wrong_article

PROBLEM_KINDS = (
    "doubled-determiner",
    "a-an",
    "determiner-determiner",
    "lowercase-start",
    "name-fragment",
    "lost-verb",
    "leftover-name",
    "lost-fact",
)
ROLE_NOUNS = ("suspect", "gunman", "attacker", "accused", "defendant", "shooter", "assailant", "bomber")
_DETERMINERS = r"the|a|an|this|that|these|those|his|her|its|their"
_GAP = r"[^\S\n]+"  # spaces within a line: an article does not reach across a paragraph break
_DOUBLED = re.compile(rf"\b({_DETERMINERS}){_GAP}\1\b", re.IGNORECASE)
# "the the", "a the", and across a hyphenated modifier: "the 24-year-old the attacker"
_DET_DET = re.compile(
    rf"\b(the|a|an){_GAP}(?:\w+(?:-\w+)+{_GAP})?(the|a|an|his|her|its|their|this|that|these|those)\b", re.IGNORECASE
)
_A_AN = re.compile(rf"(?<![\w'’-])(a|an){_GAP}([\"“‘(]?[\w.&-]+)", re.IGNORECASE)
_SENTENCE = re.compile(r"(?:[^.!?\n]|[.!?](?![\"”’)]*(?:\s|$)))+(?:[.!?]+[\"”’)]*|\n|$)")
_ABBREVIATION = re.compile(r"(\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|Sgt|Lt|Gen|Rev|Jr|Sr|Co|Inc|No|vs|a\.m|p\.m|U\.S))\.$")
_NUMBER = re.compile(r"(?<![\w.])\d[\d,.]*\d|(?<![\w.])\d(?![\w])")


@dataclass(frozen=True)
class Problem:
    kind: str  # one of PROBLEM_KINDS
    field: str
    excerpt: str


@dataclass(frozen=True)
class Expectation:
    """What the rewrite of one article must keep and may leave."""

    names: tuple[str, ...]  # the perpetrator's names as the draft writes them ("John Doe", "Doe")
    allowed_body_names: int | None  # name mentions the profile allows in the body; None: any (at large)
    keep: tuple[str, ...] = ()  # victims' and officials' names that must survive
    numbers: frozenset[str] = frozenset()  # numbers of the draft that must survive (tolls, ages, dates)
    allowed_display_names: int = 0
    people: tuple[tuple[str, ...], ...] = ()  # each perpetrator's names: the allowance is per person


def sentences(text: str) -> list[str]:
    """Sentences split on end punctuation and line ends, without splitting after "Mr." or "a.m."."""
    out: list[str] = []
    for match in _SENTENCE.finditer(text):
        piece = match.group(0).strip()
        if not piece:
            continue
        if out and _ABBREVIATION.search(out[-1]) and not match.group(0).startswith("\n"):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out


def grammar_problems(field_name: str, text: str, names: Sequence[str]) -> list[Problem]:
    """Problems visible in one text, whoever introduced them."""
    found = [Problem("doubled-determiner", field_name, m.group(0)) for m in _DOUBLED.finditer(text)]
    found += [
        Problem("determiner-determiner", field_name, m.group(0))
        for m in _DET_DET.finditer(text)
        if (m.group(1).lower() != m.group(2).lower() or len(m.group(0).split()) > 2) and not _is_letter_a(text, m)
    ]
    found += [
        Problem("a-an", field_name, m.group(0))
        for m in _A_AN.finditer(text)
        if wrong_article(m.group(1), m.group(2)) and not _is_letter_a(text, m)
    ]
    for sentence in sentences(text):
        first = sentence.lstrip("\"“‘'([")[:1]
        if first.islower():
            found.append(Problem("lowercase-start", field_name, sentence[:40]))
    parts = sorted({p for n in names for p in n.split() if len(p) > 1}, key=len, reverse=True)
    if parts:
        alternatives = "|".join(re.escape(p) for p in parts)
        nouns = "|".join(ROLE_NOUNS)
        pattern = re.compile(
            rf"\b(?:{alternatives})(?:['’]s)?{_GAP}(?:the{_GAP})?(?:{nouns})\b|\b(?:{nouns})(?:['’]s)?{_GAP}(?:{alternatives})\b",
            re.IGNORECASE,
        )
        found += [Problem("name-fragment", field_name, m.group(0)) for m in pattern.finditer(text)]
    return found


def _is_letter_a(text: str, match: re.Match[str]) -> bool:
    """ "Plan A", "Exhibit A": the letter, not the article."""
    return (
        match.group(1) == "A"
        and match.start() > 0
        and text[match.start() - 1 : match.start()] == " "
        and (
            text[: match.start()].rstrip().split(" ")[-1][:1].isupper()
            and not text[: match.start()].rstrip().endswith((".", ":", "!", "?", '"', "”"))
        )
    )


def name_mentions(text: str, names: Sequence[str], keep: Sequence[str] = (), others: Sequence[str] = ()) -> int:
    """Runs of the perpetrator's name tokens ("Luke Doran", "Doran's", "DORAN"), outside the kept names
    of other people ("Anna Doran" the victim) and the names of other perpetrators ("Ann Doran" his sister
    and accomplice)."""
    # name parts with a capital ("al-Qudwari" too); particles join a run ("Samir El Haddani")
    parts = sorted({p for n in names for p in n.split() if len(p) > 1 and not p.islower()}, key=len, reverse=True)
    if not parts:
        return 0
    # victims and officials keep their names, "Mrs Doe" included when "Anna Doe" is one of them
    surnames = {k.split()[-1] for k in keep if len(k.split()) > 1}
    kept = [*keep, *(f"{title} {s}" for s in surnames for title in ("Mrs", "Ms", "Miss", "Mrs.", "Ms."))]
    protected = [(m.start(), m.end()) for k in kept for m in re.finditer(rf"(?<!\w){re.escape(k)}\b", text)]
    alternatives = "|".join(re.escape(p) for p in parts)
    run = re.compile(rf"\b(?:{alternatives})(?:['’]s?)?(?:\s+(?:{alternatives})(?:['’]s?)?)*\b", re.IGNORECASE)
    theirs = {p.lower() for n in others for p in n.split()} - {p.lower() for p in parts}
    return sum(
        1
        for m in run.finditer(text)
        if not m.group(0).split()[0].islower()
        and not any(s <= m.start() < e for s, e in protected)
        and not (theirs and _word_before(text, m.start()).lower() in theirs)
    )


def _word_before(text: str, start: int) -> str:
    match = re.search(r"(\w+)[^\S\n]+$", text[:start])
    return match.group(1) if match else ""


def _people(found: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], ...]:
    """A surname found on its own ("Qudwari") is the same person as the full name that ends in it."""
    people: list[tuple[str, ...]] = []
    for names in sorted(found, key=lambda n: -len(n[0].split())):
        last = re.split(r"[\s-]", names[0])[-1].lower()
        same = next((i for i, p in enumerate(people) if len(names[0].split()) == 1 and _last(p[0]) == last), None)
        if same is None:
            people.append(names)
        else:
            people[same] = (*people[same], *names)
    return tuple(people)


def _last(name: str) -> str:
    return re.split(r"[\s-]", name)[-1].lower()


def expectation_for(report: Report) -> Expectation:
    """What the rewrite of a checked draft must honour: the profile's allowance, the names to keep, and the
    numbers outside method detail and record framing (whose numbers a generic rewording may drop)."""
    people = _people(tuple((a.name, *a.aliases) for a in report.actors if a.role == "perpetrator"))
    names = tuple(n for person in people for n in person)
    keep = tuple(a.name for a in report.actors if a.role in ("victim", "official") and " " in a.name)
    droppable = ("method-detail", "body-count-record")
    numbers: set[str] = set()
    for name, text in report.fields.items():
        spans = [_sentence_of(text, f.start) for f in report.findings if f.field == name and f.rule in droppable]
        numbers |= numbers_outside(text, spans)
    naming = report.stats.get("about_attack") or any(f.rule.startswith("name-") for f in report.findings)
    allowed = None if report.stats.get("at_large") or not naming else get_profile(report.profile).body_names
    return Expectation(names, allowed, keep, frozenset(numbers), people=people)


def check_rewrite(
    nlp: Language,
    before: Mapping[str, str],
    after: Mapping[str, str],
    expectation: Expectation,
) -> list[Problem]:
    """Every problem the rewrite of `before` into `after` has: introduced grammar slips, leftover names,
    lost facts."""
    problems: list[Problem] = []
    for field_name, new_text in after.items():
        old_text = before.get(field_name, "")
        old = Counter((p.kind, p.excerpt) for p in grammar_problems(field_name, old_text, expectation.names))
        for problem in grammar_problems(field_name, new_text, expectation.names):
            key = (problem.kind, problem.excerpt)
            if old[key]:
                old[key] -= 1
            else:
                problems.append(problem)
        problems += _lost_verbs(nlp, field_name, old_text, new_text)
        problems += _leftover_names(field_name, new_text, expectation)
    problems += _lost_facts(before, after, expectation)
    return problems


def _lost_verbs(nlp: Language, field_name: str, old_text: str, new_text: str) -> list[Problem]:
    """Sentences the rewrite left without a verb, beyond the verbless lines it replaced ("Jane Doe" under a
    photo becoming "The suspect" is not a loss)."""
    old_sentences, new_sentences = sentences(old_text), sentences(new_text)
    added = [s for s in new_sentences if s not in set(old_sentences)]
    removed = [s for s in old_sentences if s not in set(new_sentences)]
    if not added:
        return []
    if field_name != "body":  # display text in Title Case or capitals parses better in sentence case
        added, removed = [_sentence_case(s) for s in added], [_sentence_case(s) for s in removed]
    verbless_new = [s for s, doc in zip(added, nlp.pipe(added), strict=True) if _verbless(s, doc)]
    if not verbless_new:
        return []
    verbless_old = sum(1 for s, doc in zip(removed, nlp.pipe(removed), strict=True) if _verbless(s, doc))
    return [Problem("lost-verb", field_name, s[:60]) for s in verbless_new[verbless_old:]]


def _verbless(sentence: str, doc: Doc) -> bool:
    return any(c.isalpha() for c in sentence) and not any(t.pos_ in ("VERB", "AUX") for t in doc)


def _sentence_case(text: str) -> str:
    return text[:1] + text[1:].lower()


def _leftover_names(field_name: str, text: str, expectation: Expectation) -> list[Problem]:
    if expectation.allowed_body_names is None:
        return []
    allowed = expectation.allowed_body_names if field_name == "body" else expectation.allowed_display_names
    problems = []
    people = expectation.people or (expectation.names,)
    for names in people:
        if not names:
            continue
        others = [n for person in people if person is not names for n in person]
        count = name_mentions(text, names, expectation.keep, others)
        problems += [Problem("leftover-name", field_name, f"{names[0]}: {count} > {allowed}")] * max(0, count - allowed)
    return problems


def _lost_facts(before: Mapping[str, str], after: Mapping[str, str], expectation: Expectation) -> list[Problem]:
    old = "\n".join(before.values())
    new = "\n".join(after.values())
    lost = [Problem("lost-fact", "article", name) for name in expectation.keep if name in old and name not in new]
    new_numbers = set(numbers_in(new))
    lost += [Problem("lost-fact", "article", n) for n in sorted(expectation.numbers) if n not in new_numbers]
    return lost


def _sentence_of(text: str, pos: int) -> tuple[int, int]:
    starts = [m.end() for m in re.finditer(r"[.!?][\"”’)]*\s+|\n", text[:pos])]
    end = re.search(r"[.!?][\"”’)]*(?:\s|$)|\n", text[pos:])
    return (starts[-1] if starts else 0), (pos + end.end() if end else len(text))


def numbers_in(text: str) -> list[str]:
    return [m.group(0).rstrip(".,") for m in _NUMBER.finditer(text)]


def numbers_outside(text: str, spans: Iterable[tuple[int, int]]) -> frozenset[str]:
    """The numbers of a text outside the given spans (method detail and record framing may drop theirs)."""
    spans = list(spans)
    return frozenset(
        m.group(0).rstrip(".,") for m in _NUMBER.finditer(text) if not any(s <= m.start() < e for s, e in spans)
    )


def count_by_kind(problems: Iterable[Problem]) -> dict[str, int]:
    counts = Counter(p.kind for p in problems)
    return {kind: counts.get(kind, 0) for kind in PROBLEM_KINDS}
