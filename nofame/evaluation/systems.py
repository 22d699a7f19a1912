"""The systems scored on the corpus: the engine as shipped, the engine without its trained models, and
the keyword floor (a rule's cue words anywhere in the text, no context, no actors)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from nofame.article import MEDIA_IMAGES, Article, Image
from nofame.checker import PIPE_BATCH, Checker, check_many
from nofame.errors import NofameError
from nofame.evaluation.corpus import CorpusError, Gold
from nofame.evaluation.score import ALARM_SEVERITIES, RAISED_SEVERITIES, Outcome
from nofame.language import UnsupportedLanguage
from nofame.report import Report
from nofame.sources.captions import CAPTION_LABEL, CREDIT_LINE, caption_kind
from nofame.sources.text import article_from_text


@dataclass(frozen=True)
class Sample:
    """One corpus text, ready to check: the headline and body as the gold delimits them."""

    id: str
    text: str
    article: Article


# A line above the story that is about a picture: a caption, not a standfirst.
_CAPTION = re.compile(
    r"\b(?:photo|photograph|image|picture|pictured|caption|screen ?grab|footage|still|getty|reuters|afp|ap|pa|"
    r"shutterstock|credit|file)\b",
    re.IGNORECASE,
)


# An encyclopedia infobox ("- Perpetrator: NAME") is page data, not display text a reader scans; its
# entries ("- Weapons: ...") are read after the story, as part of the page, so that they cannot open it.
_ENTRY = r"[-*•]\s*[\w ]{1,30}:\s"
_DATA_LINE = re.compile(rf"\s*(?:infobox\s*$|<[^>]*>\s*$|{_ENTRY})", re.IGNORECASE)
_DATA_ENTRY = re.compile(rf"\s*{_ENTRY}")


def sample_of(doc_id: str, text: str, gold: Gold) -> Sample:
    """The article a newsroom would check: the headline, the body, and the display text the page shows
    between them (standfirst, subheads and captions) as the dek and image captions."""
    headline = text[gold.headline[0] : gold.headline[1]] if gold.headline else ""
    if gold.body_start is not None:
        start = gold.body_start
    else:
        start = gold.headline[1] if gold.headline else 0
    above = text[:start]
    if gold.headline:
        above = text[: gold.headline[0]] + "\n" + text[gold.headline[1] : start]
    rows = above.splitlines()
    entries = [line.strip() for line in rows if _DATA_ENTRY.match(line)]
    article = article_from_text("\n\n".join([text[start:], *entries]), headline=headline)
    lines = [line.strip() for line in rows if line.strip() and not _DATA_LINE.match(line)]
    marked = list(zip(lines, _captions(lines), strict=True))
    captions = tuple(Image(caption=line, lead=True) for line, caption in marked if caption)
    dek = "\n\n".join(line for line, caption in marked if not caption)  # one paragraph a line
    media = article.media | {MEDIA_IMAGES} if captions else article.media
    return Sample(doc_id, text, replace(article, dek=dek, images=captions, media=media))


def _captions(lines: Sequence[str]) -> list[bool]:
    """Which lines above the story a page shows under a picture: words about a picture, or a caption's form
    as the engine reads it in pasted text ("NAME has been in custody since June.(Supplied)"). A name alone
    counts only with a credit in brackets or printed twice (caption and alt text): above the story a bare
    name is as often a display line or a byline."""
    found = []
    for i, line in enumerate(lines):
        kind = caption_kind(line)
        if kind == "name-line":
            found.append("(" in line or line in lines[max(0, i - 1) : i] or line in lines[i + 1 : i + 2])
        else:
            # "Image caption," or a photographer's credit ("Pool photo by NAME/Paper"), then the caption
            labelled = i > 0 and bool(CAPTION_LABEL.search(lines[i - 1]) or CREDIT_LINE.match(lines[i - 1]))
            found.append(kind is not None or labelled or bool(_CAPTION.search(line)))
    return found


def run_engine(checker: Checker, samples: Sequence[Sample]) -> dict[str, Outcome]:
    """The engine's outcome for every sample; batches of PIPE_BATCH, one at a time when a batch fails."""
    outcomes: dict[str, Outcome] = {}
    for start in range(0, len(samples), PIPE_BATCH):
        batch = samples[start : start + PIPE_BATCH]
        try:
            reports: list[Report | NofameError] = list(check_many(checker, [s.article for s in batch]))
        except NofameError:
            reports = [_check_one(checker, s.article) for s in batch]
        for sample, report in zip(batch, reports, strict=True):
            outcomes[sample.id] = _outcome(sample.id, report)
    return outcomes


def _check_one(checker: Checker, article: Article) -> Report | NofameError:
    try:
        return check_many(checker, [article])[0]
    except NofameError as exc:
        return exc


def _outcome(doc_id: str, report: Report | NofameError) -> Outcome:
    if isinstance(report, UnsupportedLanguage):
        return Outcome(doc_id, language=report.guess.code, skipped="language")
    if isinstance(report, NofameError):
        return Outcome(doc_id, skipped=str(report))
    return Outcome(
        doc_id,
        rules=frozenset(f.rule for f in report.findings if f.severity in RAISED_SEVERITIES),
        alarms=frozenset(f.rule for f in report.findings if f.severity in ALARM_SEVERITIES),
        perpetrators=tuple(a.name for a in report.actors if a.role == "perpetrator"),
        perpetrator_forms=tuple(a.aliases for a in report.actors if a.role == "perpetrator"),
        language=report.language,
    )


@dataclass(frozen=True)
class KeywordFloor:
    """Per rule: fire when any cue occurs (`any`), or when none does (`none`, for absences)."""

    present: dict[str, re.Pattern[str]]
    absent: dict[str, re.Pattern[str]]

    def outcome(self, sample: Sample) -> Outcome:
        text = sample.text
        rules = {rule for rule, cue in self.present.items() if cue.search(text)}
        rules |= {rule for rule, cue in self.absent.items() if not cue.search(text)}
        return Outcome(sample.id, rules=frozenset(rules), alarms=frozenset(rules))


def load_floor(path: Path) -> KeywordFloor:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise CorpusError(f"{path}: cannot read the keyword floor ({exc})") from None
    if not isinstance(raw, dict):
        raise CorpusError(f"{path}: expected a mapping of rule id to cues")
    present, absent = {}, {}
    for rule, spec in raw.items():
        if not isinstance(spec, dict) or set(spec) - {"any", "none"}:
            raise CorpusError(f"{path}: {rule}: give `any:` or `none:` with a list of cue words")
        for key, target in (("any", present), ("none", absent)):
            if key in spec:
                target[rule] = _cue_pattern(spec[key], f"{path}: {rule}")
    return KeywordFloor(present, absent)


def _cue_pattern(cues: object, where: str) -> re.Pattern[str]:
    if not isinstance(cues, list) or not cues or not all(isinstance(c, str) for c in cues):
        raise CorpusError(f"{where}: cues must be a non-empty list of strings")
    alternatives = "|".join(re.escape(cue) for cue in sorted(cues, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def run_floor(floor: KeywordFloor, samples: Iterable[Sample]) -> dict[str, Outcome]:
    return {sample.id: floor.outcome(sample) for sample in samples}
