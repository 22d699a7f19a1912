"""The corpus manifest and gold labels in the repository, and the text cache outside it.

Texts are third-party and never committed: the manifest records where each one comes from and the
sha256 of the text as cached; gold evidence is offsets into that text.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from nofame import resources
from nofame.errors import NofameError

MANIFEST_FIELDS = (
    "id", "url", "query", "sha256", "outlet", "country", "date", "event", "topic", "kind", "split", "language",
)  # fmt: skip
TOPICS = frozenset({"attack", "control"})
SPLITS = frozenset({"dev", "test"})
# About a third of the events go to test; the split is a function of the event id alone, so it is
# reproducible and no event can have articles on both sides.
TEST_SHARE = 0.3


class CorpusError(NofameError):
    """The manifest, the gold or a cached text is missing, malformed or inconsistent."""


@dataclass(frozen=True)
class Document:
    """One manifest row: where the text comes from and what it is about."""

    id: str
    url: str
    query: str
    sha256: str
    outlet: str
    country: str
    date: str | None
    event: str
    topic: str
    kind: str
    split: str
    language: str


@dataclass(frozen=True)
class Gold:
    """What a careful reader found in one text; every span is (start, end) into the cached text."""

    id: str
    perpetrators: tuple[str, ...] = ()
    prior_attackers: tuple[str, ...] = ()
    at_large: bool = False
    headline: tuple[int, int] | None = None
    body_start: int | None = None
    labels: dict[str, tuple[tuple[int, int], ...]] = field(default_factory=dict)
    note: str = ""


def default_cache() -> Path:
    """`NOFAME_CORPUS_CACHE`, else `~/.cache/nofame/corpus` (XDG_CACHE_HOME honoured)."""
    if env := os.environ.get("NOFAME_CORPUS_CACHE"):
        return Path(env).expanduser()
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "nofame" / "corpus"


def default_corpus_dir() -> Path:
    """The `corpus/` folder of the checkout this package runs from."""
    return Path(__file__).resolve().parents[2] / "corpus"


def normalise(text: str) -> str:
    """The one form texts are cached and hashed in: NFC, `\\n` line ends, no trailing spaces, no blank runs."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [line.rstrip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def split_for(event: str) -> str:
    """dev or test, from a hash of the event id."""
    bucket = int(hashlib.sha256(event.encode("utf-8")).hexdigest()[:8], 16) / 0xFFFFFFFF
    return "test" if bucket < TEST_SHARE else "dev"


def text_path(cache: Path, doc_id: str) -> Path:
    return cache / f"{doc_id}.txt"


def read_text(cache: Path, doc: Document) -> str:
    """The cached text of `doc`, refused unless it matches the manifest's sha256."""
    path = text_path(cache, doc.id)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CorpusError(f"{doc.id}: not in the cache ({path})") from None
    if sha256_text(text) != doc.sha256:
        raise CorpusError(f"{doc.id}: cached text differs from the manifest's sha256 ({path})")
    return text


def load_manifest(path: Path) -> list[Document]:
    return [_document(row, path, line) for line, row in read_jsonl(path)]


def load_gold(path: Path) -> dict[str, Gold]:
    golds = (_gold(row, path, line) for line, row in read_jsonl(path))
    return {gold.id: gold for gold in golds}


def write_manifest(path: Path, documents: Iterable[Document]) -> None:
    rows = sorted((asdict(doc) for doc in documents), key=lambda row: row["id"])
    write_jsonl(path, rows)


def write_gold(path: Path, golds: Iterable[Gold]) -> None:
    rows = []
    for gold in sorted(golds, key=lambda g: g.id):
        row = asdict(gold)
        row["labels"] = {rule: [list(span) for span in spans] for rule, spans in sorted(gold.labels.items())}
        row["headline"] = list(gold.headline) if gold.headline else None
        row["perpetrators"] = list(gold.perpetrators)
        row["prior_attackers"] = list(gold.prior_attackers)
        rows.append(row)
    write_jsonl(path, rows)


def write_jsonl(path: Path, rows: Iterable[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = (json.dumps(row, ensure_ascii=False, sort_keys=False) for row in rows)
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def read_jsonl(path: Path) -> Iterator[tuple[int, dict]]:
    """(line number, object) for every non-blank line; CorpusError with file:line on anything else."""
    return resources.read_jsonl(path, CorpusError)


def _document(row: dict, path: Path, line: int) -> Document:
    missing = [name for name in MANIFEST_FIELDS if name not in row]
    unknown = sorted(set(row) - set(MANIFEST_FIELDS))
    if missing or unknown:
        raise CorpusError(f"{path}:{line}: missing {missing or '-'}, unknown {unknown or '-'}")
    doc = Document(**row)
    if doc.topic not in TOPICS or doc.split not in SPLITS:
        raise CorpusError(f"{path}:{line}: topic must be attack/control and split dev/test")
    if doc.split != split_for(doc.event):
        raise CorpusError(f"{path}:{line}: {doc.id} is in {doc.split}, but its event belongs to {split_for(doc.event)}")
    return doc


def _gold(row: dict, path: Path, line: int) -> Gold:
    try:
        labels = {rule: tuple((int(s), int(e)) for s, e in spans) for rule, spans in row.get("labels", {}).items()}
        headline = tuple(row["headline"]) if row.get("headline") else None
        return Gold(
            id=row["id"],
            perpetrators=tuple(row.get("perpetrators", ())),
            prior_attackers=tuple(row.get("prior_attackers", ())),
            at_large=bool(row.get("at_large", False)),
            headline=headline,  # type: ignore[arg-type]
            body_start=row.get("body_start"),
            labels=labels,
            note=row.get("note", ""),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise CorpusError(f"{path}:{line}: malformed gold record ({exc})") from None
