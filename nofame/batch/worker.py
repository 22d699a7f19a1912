"""What a worker process does with a batch of records: extract, gate, check, and make rows.

The same function runs in-process (`--jobs 1`), in a multiprocessing worker and on a Dask worker, so
the three engines produce the same rows. Each process builds its Checker once (`checker_for`) and
keeps it for every batch after: spaCy takes seconds and hundreds of MB to load.
"""

from __future__ import annotations

import importlib.abc
import json
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from nofame.article import Article
from nofame.batch.gate import AllRelevant, Gate, decide
from nofame.batch.records import Record, Result, empty_row, error_result, parse_date, skipped_result
from nofame.checker import Checker, build_checker, check_many
from nofame.errors import NofameError
from nofame.language import LanguageDetector, load_language_detector
from nofame.model.predict import Models
from nofame.report import Report
from nofame.settings import Settings
from nofame.sources import article_from_html, article_from_json, article_from_markdown, article_from_text, decode_bytes
from nofame.sources.fetch import decode_page, sniff_meta_charset
from nofame.sources.html import is_full_page
from nofame.sources.markdown import FrontMatter, split_front_matter
from nofame.sources.text import collapse

_WORD = re.compile(r"\w+(?:['’-]\w+)*")

# One Checker per process and per settings: built on first use, kept for the life of the process.
_CHECKERS: dict[Settings, Checker] = {}


def limit_native_threads(threads: int = 1) -> bool:
    """One BLAS/OpenMP thread per worker process: numpy's OpenBLAS starts one thread per core in every
    process, and N workers x N threads spinning on N cores is slower than N workers alone.
    (threadpoolctl ships with scikit-learn; without it, nothing changes.)"""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        return False
    threadpool_limits(limits=threads)
    return True


class _NoPandas(importlib.abc.MetaPathFinder):
    """Finds pandas nowhere: `import pandas` raises ImportError, as where it is not installed."""

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name == "pandas" or name.startswith("pandas."):
            raise ModuleNotFoundError(f"{name} is not loaded in nofame worker processes", name=name)
        return None


def keep_pandas_out() -> bool:
    """In a worker process, before the models load: scikit-learn imports pandas whenever it is installed
    (with pyarrow, about 100 MB in every worker), and a worker never handles a DataFrame; scikit-learn
    does without it where pandas is not installed. Never in the main process: `nofame.audit(to="pandas")`
    needs it. Returns False when pandas is already imported here."""
    if "pandas" in sys.modules:
        return False
    if not any(isinstance(finder, _NoPandas) for finder in sys.meta_path):
        sys.meta_path.insert(0, _NoPandas())
    return True


def checker_for(settings: Settings, models: Models | None = None) -> Checker:
    """This process's checker for `settings`; `models`: already loaded (else loaded from their files)."""
    checker = _CHECKERS.get(settings)
    if checker is None:
        checker = _CHECKERS[settings] = build_checker(settings, models=models)
    return checker


@dataclass(frozen=True)
class Job:
    """Everything a worker needs besides the records; small and picklable."""

    settings: Settings
    gate: Gate
    check_all: bool = False  # --no-gate: the gate still records its verdict, but everything is checked
    findings: bool = True  # also return one row per finding


_ToCheck = tuple[int, Record, Article, bool, float | None]  # index, record, article, gate verdict, gate score


def audit_batch(job: Job, records: Sequence[Record], checker: Checker | None = None) -> list[Result]:
    """One result per record, in order; no record can make the batch fail.

    Extraction, language and the gate come first and need no spaCy: the checker (spaCy, rules,
    models) is built only when an article of the batch passes the gate, so a process that sees only
    articles not about attacks never loads it."""
    # A pool worker built its checker in its initializer: its language model serves here too (a second
    # copy of py3langid's model is 75 MB).
    checker = checker or _CHECKERS.get(job.settings)
    detector = checker.language if checker is not None else language_detector()
    results: list[Result | None] = [None] * len(records)
    to_check: list[_ToCheck] = []
    for i, record in enumerate(records):
        try:
            if record.kind == "error":
                results[i] = error_result(record, record.error)
                continue
            if record.kind == "skipped":
                results[i] = skipped_result(record)
                continue
            article = to_article(record)
            language = detector.detect(article)
            if not language.supported:
                results[i] = Result(
                    _base_row(record, article, words=count_words(article), language=language.code, skipped="language")
                )
                continue
            relevant, score = decide(job.gate, article)
        except NofameError as exc:
            results[i] = error_result(record, str(exc))
            continue
        except Exception as exc:  # an extraction bug must not end an unattended run
            results[i] = error_result(record, f"internal error: {type(exc).__name__}: {exc}")
            continue
        if relevant or job.check_all or isinstance(job.gate, AllRelevant):
            to_check.append((i, record, article, relevant, score))
        else:
            row = _base_row(record, article, relevant=False, gate_score=score, words=count_words(article))
            results[i] = Result({**row, "language": language.code, "skipped": "gate"})
    if to_check:
        checker = checker or checker_for(job.settings)
        reports = _reports(checker, job, to_check)
        for (i, record, article, relevant, score), report in zip(to_check, reports, strict=True):
            if isinstance(report, str):
                row = _base_row(record, article, relevant=relevant, gate_score=score, words=count_words(article))
                results[i] = Result({**row, "error": report})
            else:
                results[i] = _result(checker, job, record, article, relevant, report, score)
    return [r for r in results if r is not None]


@cache
def language_detector() -> LanguageDetector:
    """This process's language detector (py3langid: a small model, no spaCy)."""
    return load_language_detector()


def _reports(checker: Checker, job: Job, items: list[_ToCheck]) -> list[Report | str]:
    """check_many on the whole batch (one nlp.pipe stream); one article at a time if any fails."""
    articles = [item[2] for item in items]
    if not articles:
        return []
    try:
        return list(check_many(checker, articles, job.settings))
    except Exception:
        pass
    reports: list[Report | str] = []
    for article in articles:
        try:
            reports.append(check_many(checker, [article], job.settings)[0])
        except NofameError as exc:
            reports.append(str(exc))
        except Exception as exc:
            reports.append(f"internal error: {type(exc).__name__}: {exc}")
    return reports


def to_article(record: Record) -> Article:
    """The record's article; explicit metadata from the container overrides what extraction found."""
    if record.kind == "url":
        raise NofameError("URL records must be fetched before they reach a worker")
    kind, text = record.kind, record.data
    if isinstance(text, bytes):
        text = _decode(record, text)
    front = FrontMatter()
    if kind == "markdown":
        front, text = split_front_matter(text)
    if kind == "text":
        article = article_from_text(text, record.headline)
    elif kind == "markdown":
        article = article_from_markdown(text)
    elif kind == "html":
        article = article_from_html(text, url=record.url, whole_document=not is_full_page(text))
    else:
        article = _from_json(text)
    overrides = {
        "headline": collapse(record.headline or front.headline),
        "url": record.url.strip() or front.url,
        "outlet": collapse(record.outlet or front.outlet),
        "published": collapse(record.published or front.published),
    }
    article = replace(article, **{key: value for key, value in overrides.items() if value})
    if not article.outlet and article.url:
        article = replace(article, outlet=outlet_from_url(article.url))
    return article


def _decode(record: Record, data: bytes) -> str:
    if record.kind == "html":
        if record.charset == "utf-8":
            # Declared UTF-8 but not UTF-8: an error row, as in every other reader (no silent mojibake).
            return decode_bytes(data, name=record.source)
        if record.charset:  # a WARC response: its HTTP header said what the bytes are
            return decode_page(data, record.charset, html=True, url=record.url or record.source)[0]
        return decode_bytes(data, name=record.source, fallback=sniff_meta_charset(data))
    return decode_bytes(data, name=record.source)


def _from_json(text: str) -> Article:
    try:
        obj = json.loads(text)
    except ValueError as exc:
        where = f" at line {exc.lineno} column {exc.colno}" if isinstance(exc, json.JSONDecodeError) else ""
        raise NofameError(f"invalid JSON{where}") from None
    if isinstance(obj, dict) and not obj.get("body") and not obj.get("html") and obj.get("url"):
        # Workers never fetch: list URLs in a text file, where the polite fetcher handles them.
        raise NofameError("the JSON has only a 'url'; batch audits fetch URLs only from URL lists")
    return article_from_json(obj)


def outlet_from_url(url: str) -> str:
    """The host of the article's URL without `www.`: the outlet when the page does not say."""
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""
    return host.removeprefix("www.")


def count_words(article: Article) -> int:
    """Body words by regex: for articles the full pipeline did not parse."""
    return len(_WORD.findall(article.body))


def _base_row(record: Record, article: Article, **values: Any) -> dict[str, Any]:
    row = empty_row(record)
    row.update(
        url=article.url or None,
        outlet=article.outlet or None,
        published=article.published or None,
        published_date=parse_date(article.published),
        headline=article.headline or None,
    )
    row.update(values)
    return row


def _suggestion(finding: Any) -> str | None:
    """The first replacement an editor could apply ("" deletes the text); None when there is only advice."""
    usable = [s for s in finding.suggestions if s.safety != "display-only"]
    return usable[0].replacement if usable else None


def _result(
    checker: Checker, job: Job, record: Record, article: Article, relevant: bool, report: Report, score: float | None
) -> Result:
    stats = report.stats
    not_run = set(report.not_checkable) | set(job.settings.disabled_rules)
    if not job.settings.include_preview:
        not_run |= {rule.id for rule in checker.rules if rule.status == "preview"}
    counts = {rule.id: 0 for rule in checker.rules if rule.id not in not_run}
    for finding in report.findings:
        counts[finding.rule] = counts.get(finding.rule, 0) + 1
    row = _base_row(
        record,
        article,
        words=stats.get("words"),
        language=report.language,
        relevant=relevant,
        gate_score=score,
        checked=True,
        about_attack=stats.get("about_attack"),
        at_large=stats.get("at_large"),
        perpetrator_names=[a.name for a in report.actors if a.role == "perpetrator"],
        perpetrator_mentions=stats.get("perpetrator_mentions"),
        victim_mentions=stats.get("victim_mentions"),
        perpetrator_attention=stats.get("perpetrator_attention"),
        name_in_headline=stats.get("perpetrator_name_in_headline"),
        findings=len(report.findings),
        highest_severity=report.highest_severity,
        score=report.score,
        not_checkable=list(report.not_checkable),
    )
    row.update(counts)
    findings: tuple[dict[str, Any], ...] = ()
    if job.findings:
        findings = tuple(
            {
                "id": record.id,
                "rule": f.rule,
                "severity": f.severity,
                "field": f.field,
                "start": f.start,
                "end": f.end,
                "text": f.text,
                "message": f.message,
                "suggestion": _suggestion(f),
                "confidence": f.confidence,
            }
            for f in report.findings
        )
    return Result(row, findings)
