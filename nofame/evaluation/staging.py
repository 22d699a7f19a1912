"""Annotators write evidence as quoted snippets in staging files outside the repository; this turns
them into offsets, so that the repository holds labels and never the quoted text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from nofame.evaluation.corpus import (
    TOPICS,
    CorpusError,
    Document,
    Gold,
    normalise,
    sha256_text,
    split_for,
    text_path,
)

KINDS = frozenset({"news", "wire", "broadcast", "regional", "live", "encyclopedia", "opinion", "court", "anniversary"})
ARTICLE_LEVEL = frozenset({"attention-imbalance", "missing-victim-focus", "missing-help-resources"})
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{2,120}$")


@dataclass(frozen=True)
class Staged:
    document: Document
    gold: Gold
    text: str


def stage_dir(staging: Path, cache: Path, rule_ids: frozenset[str]) -> tuple[list[Staged], list[str]]:
    """Every staging record under `staging` resolved against its cached text; errors are collected, not raised."""
    staged: list[Staged] = []
    errors: list[str] = []
    for path in sorted(staging.rglob("*.yml")) + sorted(staging.rglob("*.yaml")):
        try:
            staged.append(stage_file(path, cache, rule_ids))
        except CorpusError as exc:
            errors.append(str(exc))
    seen: set[str] = set()
    for item in staged:
        if item.document.id in seen:
            errors.append(f"{item.document.id}: staged twice")
        seen.add(item.document.id)
    return staged, errors


def stage_file(path: Path, cache: Path, rule_ids: frozenset[str]) -> Staged:
    try:
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise CorpusError(f"{path}: cannot read ({exc})") from None
    if not isinstance(record, dict):
        raise CorpusError(f"{path}: expected a mapping")
    where = f"{path}"
    doc_id = _string(record, "id", where)
    if not _ID.match(doc_id):
        raise CorpusError(f"{where}: id must be lower-case letters, digits and hyphens")
    raw = text_path(cache, doc_id)
    try:
        text = normalise(raw.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CorpusError(f"{where}: no text at {raw}") from None
    except UnicodeDecodeError:
        raise CorpusError(f"{where}: {raw} is not UTF-8") from None
    topic = _string(record, "topic", where)
    if topic not in TOPICS:
        raise CorpusError(f"{where}: topic must be one of {sorted(TOPICS)}")
    kind = _string(record, "kind", where)
    if kind not in KINDS:
        raise CorpusError(f"{where}: kind must be one of {sorted(KINDS)}")
    event = _string(record, "event", where)
    date = record.get("date")
    document = Document(
        id=doc_id,
        url=_string(record, "url", where),
        query=_string(record, "query", where),
        sha256=sha256_text(text),
        outlet=_string(record, "outlet", where),
        country=_string(record, "country", where).upper(),
        date=str(date) if date else None,
        event=event,
        topic=topic,
        kind=kind,
        split=split_for(event),
        language=_string(record, "language", where).lower(),
    )
    labels = record.get("labels") or {}
    if not isinstance(labels, dict):
        raise CorpusError(f"{where}: labels must be a mapping of rule id to snippets")
    unknown = sorted(set(labels) - rule_ids)
    if unknown:
        raise CorpusError(f"{where}: unknown rule id(s) {unknown}")
    resolved = {
        rule: tuple(_span(text, snippet, f"{where}: {rule}") for snippet in (labels[rule] or [])) for rule in labels
    }
    for rule, spans in resolved.items():
        if not spans and rule not in ARTICLE_LEVEL:
            raise CorpusError(f"{where}: {rule} needs at least one evidence snippet")
    headline = _span(text, record["headline"], f"{where}: headline") if record.get("headline") else None
    body_start = _span(text, record["body_start"], f"{where}: body_start")[0] if record.get("body_start") else None
    gold = Gold(
        id=doc_id,
        perpetrators=tuple(_strings(record, "perpetrators", where)),
        prior_attackers=tuple(_strings(record, "prior_attackers", where)),
        at_large=bool(record.get("at_large", False)),
        headline=headline,
        body_start=body_start,
        labels=resolved,
        note=str(record.get("note") or ""),
    )
    return Staged(document, gold, text)


def _span(text: str, snippet: Any, where: str) -> tuple[int, int]:
    nth = 1
    if isinstance(snippet, dict):
        nth = int(snippet.get("nth", 1))
        snippet = snippet.get("text")
    if not isinstance(snippet, str) or not snippet.strip():
        raise CorpusError(f"{where}: evidence must be a non-empty snippet")
    needle = normalise(snippet).rstrip("\n")
    start = -1
    for _ in range(nth):
        start = text.find(needle, start + 1)
        if start < 0:
            raise CorpusError(f"{where}: snippet {needle[:60]!r} (occurrence {nth}) is not in the text")
    return start, start + len(needle)


def _string(record: dict, key: str, where: str) -> str:
    value = record.get(key)
    if not isinstance(value, str | int) or not str(value).strip():
        raise CorpusError(f"{where}: {key} is required")
    return str(value).strip()


def _strings(record: dict, key: str, where: str) -> list[str]:
    value = record.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise CorpusError(f"{where}: {key} must be a list of names")
    return value
