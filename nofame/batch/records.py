"""What flows through a batch audit: input records in, one row per article (and per finding) out.

A `Record` is what a reader found, not yet parsed: the raw bytes or text of one article plus the
metadata its container knew (a CSV column, a WARC header, a line of a URL list). Extraction and
checking happen in the workers, so readers stay cheap and records stay small enough to pickle.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any

from nofame.report import SEVERITIES

if TYPE_CHECKING:
    import pyarrow as pa

# A column: its name, its Arrow type, and False when it may not be null.
Column = tuple[str, str] | tuple[str, str, bool]

# What a record's data is. `url` is fetched by the audit's polite fetcher before it reaches a worker;
# `error` is a record a reader could not read at all (the row carries the error, the run goes on).
KINDS = ("text", "markdown", "html", "json", "url", "error", "skipped")
# Why a record was not checked (the `skipped` column): readers skip what is not an article, workers
# skip articles in other languages and, with the gate, articles not about an attack.
SKIP_REASONS = ("not-response", "http-status", "not-html", "non-http", "language", "gate")


@dataclass(frozen=True)
class Record:
    id: str  # stable across runs: `--resume` skips ids already in the output
    source: str  # where it came from: a path, path:line, path@offset (WARC) or the URL list line
    kind: str
    data: bytes | str = b""  # bytes are decoded in the worker, so bad encodings become error rows
    charset: str = ""  # declared by the container (an HTTP Content-Type header in a WARC record)
    headline: str = ""  # explicit metadata (columns, WARC headers) wins over what extraction finds
    url: str = ""
    outlet: str = ""
    published: str = ""
    error: str = ""
    skipped: str = ""  # kind "skipped": one of SKIP_REASONS; `error` then says what the record was

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown record kind {self.kind!r}")


# One row per article. Columns after these are one int16 per rule id (the count of its findings; null
# when the rule did not run on the article: not checked, disabled, preview, or not checkable, e.g.
# image rules on plain text).
BASE_FIELDS: tuple[Column, ...] = (
    ("id", "string", False),
    ("source", "string", False),
    ("url", "string"),
    ("outlet", "string"),
    ("published", "string"),  # as the input gave it
    ("published_date", "date32"),  # parsed from `published` when it is a recognisable date
    ("headline", "string"),
    ("words", "int32"),
    ("language", "string"),  # detected (ISO 639-1); articles in other languages than English are not checked
    ("skipped", "string"),  # why a record was not checked: one of SKIP_REASONS; null when checked
    ("relevant", "bool"),  # the relevance gate's verdict (computed even with --no-gate)
    ("gate_score", "float32"),  # the gate's score behind that verdict (its threshold is in the metadata)
    ("checked", "bool", False),  # the full pipeline ran
    ("about_attack", "bool"),  # the engine's own verdict (stats.about_attack)
    ("at_large", "bool"),
    ("perpetrator_names", "list<string>"),
    ("perpetrator_mentions", "int32"),
    ("victim_mentions", "int32"),
    ("perpetrator_attention", "int32"),
    ("name_in_headline", "bool"),
    ("findings", "int32"),
    ("highest_severity", "string"),
    ("score", "int16"),
    ("not_checkable", "list<string>"),
    ("error", "string"),
)
BASE_COLUMNS = tuple(f[0] for f in BASE_FIELDS)

FINDING_FIELDS: tuple[Column, ...] = (
    ("id", "string", False),  # the article's id
    ("rule", "string", False),
    ("severity", "string", False),
    ("field", "string", False),
    ("start", "int32", False),
    ("end", "int32", False),
    ("text", "string"),
    ("message", "string"),
    ("suggestion", "string"),  # the first replacement ("" deletes the text); null: advice only
    ("confidence", "float32"),
)
FINDING_COLUMNS = tuple(f[0] for f in FINDING_FIELDS)


def row_schema(rule_ids: Sequence[str]) -> pa.Schema:
    clash = set(rule_ids) & set(BASE_COLUMNS)
    if clash:
        raise ValueError(f"rule ids clash with row columns: {', '.join(sorted(clash))}")
    return _schema([*BASE_FIELDS, *((rule_id, "int16") for rule_id in rule_ids)])


def findings_schema() -> pa.Schema:
    return _schema(FINDING_FIELDS)


def _schema(columns: Sequence[Column]) -> pa.Schema:
    import pyarrow as pa  # here, not at import: worker processes make rows, never tables (50 MB each)

    types = {"string": pa.string(), "date32": pa.date32(), "int32": pa.int32(), "int16": pa.int16()}
    types |= {"bool": pa.bool_(), "float32": pa.float32(), "list<string>": pa.list_(pa.string())}
    return pa.schema([pa.field(c[0], types[c[1]], nullable=len(c) < 3 or bool(c[2])) for c in columns])


def rule_columns(schema: pa.Schema) -> list[str]:
    """The rule-count columns of a results table (every column after the base ones)."""
    return [name for name in schema.names if name not in BASE_COLUMNS]


@dataclass(frozen=True)
class Result:
    """What a worker returns for one record: its row and the rows of its findings."""

    row: dict[str, Any]
    findings: tuple[dict[str, Any], ...] = ()


def empty_row(record: Record, **values: Any) -> dict[str, Any]:
    """A row with nothing checked: for errors and for articles the gate skipped."""
    row: dict[str, Any] = dict.fromkeys(BASE_COLUMNS)
    row.update(
        id=record.id,
        source=record.source,
        url=record.url or None,
        outlet=record.outlet or None,
        published=record.published or None,
        published_date=parse_date(record.published),
        headline=record.headline or None,
        checked=False,
    )
    row.update(values)
    return row


def skipped_result(record: Record) -> Result:
    """A row for a record that is not an article (a WARC request, an image, a redirect): never lost."""
    return Result(empty_row(record, skipped=record.skipped, relevant=None))


def error_result(record: Record, message: str) -> Result:
    return Result(empty_row(record, error=message or "unknown error"))


_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})")
_SLASHED = re.compile(r"^\s*(\d{4})/(\d{1,2})/(\d{1,2})")
_TEXT_FORMATS = ("%d %B %Y", "%B %d, %Y", "%B %d %Y", "%d %b %Y", "%b %d, %Y", "%b %d %Y", "%Y%m%d")


def parse_date(value: str | None) -> date | None:
    """A publication date from ISO 8601, YYYY/MM/DD, RFC 2822 (RSS, HTTP) or "5 March 2024"; None otherwise."""
    if not value or not value.strip():
        return None
    text = value.strip()
    for pattern in (_ISO, _SLASHED):
        match = pattern.match(text)
        if match:
            try:
                return date(*(int(part) for part in match.groups()))
            except ValueError:
                return None
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    for fmt in _TEXT_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def severity_rank(severity: str | None) -> int:
    """critical=5 ... info=1, none=0: sortable in tables and reports."""
    return len(SEVERITIES) - SEVERITIES.index(severity) if severity in SEVERITIES else 0
