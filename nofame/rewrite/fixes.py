"""Fixes for the findings other than names: record framing, the attacker's words and writings, method
detail, labels and sensational words. Sentence-level fixes are computed on the sentence with its name
edits already applied, so one edit carries both and nothing overlaps."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from nofame.analysis import Analysis
from nofame.article import field_kind
from nofame.report import SEVERITY_RANK, Finding
from nofame.rewrite.edits import Edit, apply_edits, capitalise, sentence_bounds
from nofame.roles import Role

NUMBER_WORDS = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
]
_COUNT = rf"(?:(?:at least|more than|nearly|almost|about)\s+)?(?:\d[\d,]*|{'|'.join(NUMBER_WORDS)}|dozens of)"
_VICTIMS = r"people|persons|worshippers|students|children|shoppers|concertgoers|others|men|women|pupils|victims"
_TOLL = (
    re.compile(rf"\b(?:killing|killed|kills|kill|left)\s+({_COUNT})\s+({_VICTIMS})\b", re.I),
    re.compile(rf"\b({_COUNT})\s+({_VICTIMS})\s+(?:were|was|have been|had been)\s+killed\b", re.I),
    re.compile(rf"\b({_COUNT})\s+({_VICTIMS})\s+(?:died|dead)\b", re.I),
)
_ATTRIBUTION = re.compile(
    r",\s+((?:police|officials|authorities|prosecutors|investigators|the (?:police|sheriff|mayor|coroner)[\w ]{0,20}?)"
    r"\s+(?:said|say|says))\s*[.!]?[\"”]?\s*$",
    re.I,
)
_RECORD_CLAUSE = re.compile(
    r"(,\s+(?:making it|marking|in what (?:was|is|became|police called)|which (?:was|is|became|made it)|the)\b[^,]*?|"
    r"\s+in\s+(?:what (?:was|is|became)\s+)?(?:the|a|[\w.'’]+['’]s)\s+(?:[\w-]+\s+){0,3}?)$",
    re.I,
)
_COPULA = re.compile(
    r"^(?:[\"“]?)(?:it|this|that|the (?:attack|shooting|bombing|stabbing|massacre|killings?|rampage)(?: [\w-]+){0,4})"
    r"\s+(?:was|is|became|has become|marked|ranks as|remains)\s+",
    re.I,
)
_POINTER = re.compile(
    r"https?://|www\.|\b[\w-]+\.(?:com|org|net|io|me|to|onion)\b|\bread (?:the|it) (?:full|whole)|\bdownload|"
    r"\bmirror|\blinked\b|\bavailable (?:at|on|online)",
    re.IGNORECASE,
)
_QUOTE = re.compile(r"[“\"][^”\"]{3,}[”\"]")
_SAID_AFTER = re.compile(
    r"^[“\"][^”\"]+[”\"]\s*,?\s+(.+?\b(?:wrote|said|posted|added|texted|told|declared|typed)\b.*)$"
)
_SPEECH = re.compile(r"\b(?:wrote|writes|said|says|posted|added|declared|texted)\b", re.IGNORECASE)
_COLON_QUOTE = re.compile(r"\s*:\s*[“\"][^”\"]+[”\"]\s*([.!?]?)$")
# Method detail: the detail goes, the type stays.
_CALIBRE = r"\b(?:\.\d{2,3}|\d+(?:\.\d+)?)\s*-?\s*(?:caliber|calibre|cal\.?|mm|millimeter|millimetre)\s+(?=[a-z])"
_ABOUT = r"(?:more than|over|nearly|about|at least)"
_SOME = r"(?:two|three|four|five|six|seven|eight|nine|ten|\d+)"
_METHOD = (
    (re.compile(_CALIBRE, re.I), ""),
    (re.compile(r"\b\d+\s*-?\s*gauge\s+(?=[a-z])", re.I), ""),
    (re.compile(r"(?<!\w)\.\d{2,3}\s+(?=(?:rifle|handgun|pistol|revolver)s?\b)", re.I), ""),
    (re.compile(rf"\b{_ABOUT}\s+\d[\d,]*\s+(rounds|shots|bullets|cartridges)\b", re.I), r"many \1"),
    (re.compile(r"\b\d[\d,]*\s+(rounds|shots|bullets|cartridges)\b", re.I), r"several \1"),
    (re.compile(rf"\b{_SOME}\s+\d+-round\s+(magazines)\b", re.I), r"several \1"),
    (re.compile(r"\b\d+-round\s+(?=magazines?\b|drum)", re.I), ""),
    (re.compile(rf"\b{_SOME}\s+(magazines)\b", re.I), r"several \1"),
    # the model to its type: "an AR-15-style rifle" -> "a semi-automatic rifle"
    (re.compile(r"\bAR-?15(?:-style|\s+style)?(?:\s+(?:semi-?automatic|assault))?\s+(rifles?)\b"),
     r"semi-automatic \1"),
    (re.compile(r"\bAR-?15s\b"), "semi-automatic rifles"),
    (re.compile(r"\bAR-?15\b(?!-)"), "semi-automatic rifle"),
)  # fmt: skip
SENTENCE_RULES = ("body-count-record", "manifesto-quote", "perpetrator-own-words", "manifesto-link")
NOTICES = {
    "manifesto-quote": "The document is not quoted here.",
    "manifesto-link": "The document is not reproduced here.",
}


@dataclass(frozen=True)
class Toll:
    count: str
    noun: str

    def sentence(self, attribution: str) -> str:
        singular = self.count.lower() in ("one", "1")
        noun = {"people": "person", "persons": "person"}.get(self.noun.lower(), self.noun) if singular else self.noun
        verb = "was" if singular else "were"
        clause = f"{self.count} {noun} {verb} killed"
        return f"{capitalise(attribution)} {clause}." if attribution else f"{capitalise(clause)}."


def find_toll(analysis: Analysis) -> Toll | None:
    text = analysis.texts.get("body", "") or " ".join(analysis.texts.values())
    for pattern in _TOLL:
        if match := pattern.search(text):
            return Toll(match.group(1), match.group(2).lower())
    return None


def attribution_of(analysis: Analysis) -> str:
    """Who the draft says gave the toll: "police said" when police speak in it, else nobody."""
    body = analysis.texts.get("body", "")
    if match := re.search(r"\b(police|officials|authorities)\s+(?:said|say|says)\b", body, re.I):
        return f"{match.group(1).lower()} said"
    return ""


class Fixer:
    def __init__(self, analysis: Analysis, role: Role, name_edits: list[Edit]) -> None:
        self.analysis = analysis
        self.role = role
        self.name_edits = name_edits
        self.absorbed: set[Edit] = set()  # name edits now carried by a sentence edit
        self.toll = find_toll(analysis)
        self._his_words_go_on = False
        self.notices: set[tuple[str, int, str]] = set()  # (field, paragraph start, notice) already given

    def edits(self, findings: Iterable[Finding]) -> Iterator[Edit]:
        findings = sorted(findings, key=lambda f: -SEVERITY_RANK[f.severity])
        for finding in findings:
            if finding.rule.startswith("name-"):
                continue
            if finding.rule in SENTENCE_RULES and self._whole_sentence(finding):
                edit = self._sentence_fix(finding)
            elif finding.rule == "method-detail":
                edit = self._method(finding)
            elif finding.rule == "nickname":
                edit = self._nickname(finding)
            else:
                edit = self._suggested(finding)
            if edit is not None:
                yield edit

    # ---- whole sentences: record framing, the attacker's words ----

    def _whole_sentence(self, finding: Finding) -> bool:
        """Record framing and links are fixed by sentence; the attacker's words only when the finding is the
        quotation or its attribution ("the gunman wrote:"), not the word "manifesto" alone."""
        if finding.rule == "body-count-record":
            return True
        if finding.rule == "manifesto-link":  # a sentence that points readers to the document, not one about it
            start, end = sentence_bounds(self.analysis.texts[finding.field], finding.start)
            return bool(_POINTER.search(self.analysis.texts[finding.field][start:end]))
        return bool(re.search(r"[“”\"]|\b(?:wrote|writes|said|says|posted)\b", finding.text))

    def _sentence_fix(self, finding: Finding) -> Edit | None:
        field_name = finding.field
        text = self.analysis.texts[field_name]
        quote = self.analysis.quote_at(field_name, finding.start)
        speaker = quote.speaker_role if quote is not None else None
        if finding.rule != "body-count-record" and speaker not in (None, "perpetrator"):
            return None  # someone else's words: a victim's relative addressing him in court
        if field_kind(field_name) != "body":
            return self._display_record(finding, text)
        start, end = sentence_bounds(text, finding.start)
        inner = [e for e in self.name_edits if e.field == field_name and start <= e.start and e.end <= end]
        local = [Edit(e.field, e.start - start, e.end - start, e.replacement, e.safety, e.rule) for e in inner]
        sentence = apply_edits(text[start:end], local)
        # where the finding now sits inside the name-fixed sentence
        shift = sum(len(e.replacement) - (e.end - e.start) for e in inner if e.end <= finding.start)
        f_start, f_end = finding.start - start + shift, finding.end - start + shift
        if finding.rule == "body-count-record":
            fixed = self._record(sentence, f_start, f_end)
        elif finding.rule == "manifesto-link":
            fixed = NOTICES["manifesto-link"], "safe", "the pointer to the document removed"
        else:
            self._his_words_go_on = speaker == "perpetrator" or self._after_his_words(field_name, start)
            fixed = self._words(sentence, finding.rule)
        if fixed is None:
            return self._suggested(finding)
        new_text, safety, note = fixed
        if safety != "safe":
            return Edit(field_name, start, end, new_text, safety, finding.rule, note)
        for notice in (*NOTICES.values(), self._words_notice()):
            if new_text == notice:
                paragraph = (field_name, text.rfind("\n", 0, start) + 1, notice)
                new_text = "" if paragraph in self.notices else notice
                self.notices.add(paragraph)
        self.absorbed.update(inner)
        return Edit(field_name, start, end, new_text, safety, finding.rule, note)

    def _after_his_words(self, field_name: str, start: int) -> bool:
        """The sentence before, in the same paragraph, has him writing or saying something."""
        text = self.analysis.texts[field_name]
        if start == 0 or "\n" in text[max(0, start - 2) : start]:
            return False
        previous = self.analysis.sentence_at(field_name, start - 2)
        words = text[previous.start_char : previous.end_char]
        names = [re.escape(p) for a in self.analysis.cast.perpetrators for p in a.name.split() if len(p) > 1]
        who = "|".join([r"\bhe", r"\bthe (?:gunman|suspect|attacker|shooter|accused|defendant|bomber)", *names])
        return bool(re.search(rf"(?:{who})\b[^.!?]{{0,40}}?{_SPEECH.pattern}", words, re.IGNORECASE))

    def _words_notice(self) -> str:
        whose = self.role.possessive_pronoun or self.role.possessive
        return f"{capitalise(whose)} words are not quoted here."

    def _record(self, sentence: str, f_start: int, f_end: int) -> tuple[str, str, str] | None:
        before, after = sentence[:f_start], sentence[f_end:]
        if (clause := _RECORD_CLAUSE.search(before)) and re.match(r"^\s*(?:[,.;!?]|$)", after):
            rest = after
            if clause.group(0).startswith(",") and rest.startswith(",") and not _ATTRIBUTION.search(rest):
                rest = rest[1:].lstrip()
                rest = (", " + rest) if rest and rest[0].isalpha() else rest
            return before[: clause.start()] + rest, "safe", "the toll without the ranking"
        if _COPULA.match(sentence) and self.toll is not None:
            attribution = _ATTRIBUTION.search(sentence)
            who = attribution.group(1) if attribution else attribution_of(self.analysis)
            return self.toll.sentence(who), "safe", "the plain toll, attributed"
        return None

    def _display_record(self, finding: Finding, text: str) -> Edit | None:
        if finding.rule != "body-count-record":
            return self._suggested(finding)
        after = text[finding.end :]
        if finding.start == 0 and (colon := re.match(r"^\s*[:—–-]\s*", after)):
            return Edit(finding.field, 0, finding.end + colon.end(), "", "safe", finding.rule, "headline without rank")
        # "Gunman kills four in deadliest Dayton shooting" -> "... in Dayton shooting"
        if word := re.match(r"(?:\w+-)?(?:deadliest|worst|bloodiest)\s+(?=\w)", finding.text, re.IGNORECASE):
            start = finding.start
            return Edit(finding.field, start, start + word.end(), "", "safe", finding.rule, "no superlative")
        return None

    def _words(self, sentence: str, rule: str) -> tuple[str, str, str] | None:
        """The quotation goes; who wrote or said it, where and when, stays when there is more than that."""
        if not _QUOTE.search(sentence):
            return None
        notice = NOTICES["manifesto-quote"] if rule == "manifesto-quote" else self._words_notice()
        if said := _SAID_AFTER.match(sentence.strip()):
            rest = said.group(1).rstrip().rstrip(".!?")
            if len(rest.split()) > 3:  # "Doe wrote in a message to a friend an hour before the attack"
                return f"{capitalise(rest)}. {notice}", "safe", "the quotation removed"
            return notice, "safe", "the quotation replaced by a notice"
        if _COLON_QUOTE.search(sentence):
            return notice, "safe", "the quotation replaced by a notice"
        if _QUOTE.fullmatch(sentence.strip().rstrip(".")):  # a quotation standing alone: whose is it?
            return (notice, "safe" if self._his_words_go_on else "needs-review", "the quotation replaced by a notice")
        return notice, "needs-review", "the sentence replaced by a notice"

    # ---- method detail and word lists ----

    def _method(self, finding: Finding) -> Edit | None:
        text = self.analysis.texts[finding.field]
        start, end = sentence_bounds(text, finding.start)
        for pattern, replacement in _METHOD:
            for match in pattern.finditer(text, start, end):
                if match.start() <= finding.start < match.end() or finding.start <= match.start() < finding.end:
                    new = match.expand(replacement)
                    return Edit(finding.field, match.start(), match.end(), new, "safe", finding.rule, "generic")
        return self._suggested(finding)

    def _nickname(self, finding: Finding) -> Edit | None:
        """ "The gunman, known online as X, posted" -> "The gunman posted": the clause holding the nickname."""
        text = self.analysis.texts[finding.field]
        start, end = sentence_bounds(text, finding.start)
        open_comma = text.rfind(",", start, finding.start)
        close_comma = text.find(",", finding.end, end)
        if open_comma == -1 or close_comma == -1 or close_comma - open_comma > 80:
            return self._suggested(finding)
        clause = text[open_comma + 1 : close_comma].strip().lower()
        if not clause.startswith(
            ("known", "also known", "who ", "a self-styled", "self-styled", "nicknamed", "dubbed", "calling")
        ):
            return self._suggested(finding)
        return Edit(finding.field, open_comma, close_comma + 1, "", "safe", finding.rule, "the nickname clause removed")

    def _suggested(self, finding: Finding) -> Edit | None:
        if not finding.suggestions:
            return None
        suggestion = finding.suggestions[0]
        if suggestion.safety == "display-only":
            return None
        safety = "safe" if suggestion.safety == "safe" else "needs-review"
        return Edit(finding.field, finding.start, finding.end, suggestion.replacement, safety, finding.rule)
