"""Stream records from folders, JSONL, CSV, WARC(.gz) files and URL lists, one at a time.

Nothing here loads an input whole: files are read line by line or record by record, so memory stays
flat on a 1 GB archive. A record that cannot be read (a malformed WARC record, a JSONL line that is
not JSON, a CSV row with bad bytes) becomes an `error` record and reading goes on.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import IO, Any

from nofame.batch.records import Record
from nofame.errors import InputError
from nofame.sources.content_encoding import DecodedTooLarge, decode_body
from nofame.sources.text import MAX_INPUT_BYTES

ARTICLE_SUFFIXES = {
    ".txt": "text", ".text": "text",
    ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".json": "json",
}  # fmt: skip
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
CSV_SUFFIXES = (".csv", ".tsv", ".csv.gz", ".tsv.gz")
WARC_SUFFIXES = (".warc", ".warc.gz")
URL_LIST_SUFFIXES = (".urls",)
MAX_RECORD_BYTES = 5_000_000  # one WARC payload; the safe fetcher's limit for a page
_URL_LINE = re.compile(r"^https?://\S+$", re.IGNORECASE)
_ANY_URL_LINE = re.compile(r"^[a-z][a-z0-9+.-]*://\S+$", re.IGNORECASE)  # a list may hold an ftp:// line too
_WARC_MAGIC = b"WARC/"
_GZIP_MAGIC = b"\x1f\x8b\x08"
_HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True)
class ColumnMap:
    """Which CSV column / JSONL key holds what. None: the first default name present is used."""

    id: str | None = None
    text: str | None = None
    html: str | None = None
    headline: str | None = None
    date: str | None = None
    outlet: str | None = None
    url: str | None = None

    def explicit(self) -> dict[str, str]:
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}

    def candidates(self, name: str) -> tuple[str, ...]:
        given = getattr(self, name)
        return (given,) if given else DEFAULT_COLUMNS[name]


DEFAULT_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id",),
    "text": ("body", "text", "content"),
    "html": ("html",),
    "headline": ("headline", "title"),
    "date": ("published", "date"),
    "outlet": ("outlet",),
    "url": ("url",),
}


def input_kind(path: Path) -> str:
    """folder, jsonl, csv, warc, urls or article; InputError for anything else."""
    if path.is_dir():
        return "folder"
    name = path.name.lower()
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(CSV_SUFFIXES):
        return "csv"
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    if name.endswith(URL_LIST_SUFFIXES):
        return "urls"
    suffix = path.suffix.lower()
    if suffix in ARTICLE_SUFFIXES:
        return "urls" if suffix in (".txt", ".text") and is_url_list(path) else "article"
    raise InputError(
        f"{path}: unknown input type (folders, .jsonl, .csv, .tsv, .warc(.gz), a .txt/.urls list of URLs, "
        f"or one .txt/.md/.html/.json article)"
    )


def check_inputs(paths: Sequence[str], columns: ColumnMap) -> list[tuple[Path, str]]:
    """Fail before any work on a missing input, an unknown type, or a named column a CSV lacks."""
    if not paths:
        raise InputError("no inputs given")
    checked = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise InputError(f"no such file or folder: {raw}")
        kind = input_kind(path)
        if kind == "csv":
            header = _csv_header(path)
            missing = [f"--{key}-col {name}" for key, name in columns.explicit().items() if name not in header]
            if missing:
                raise InputError(f"{raw}: no such column for {', '.join(missing)} (columns: {', '.join(header)})")
            wanted = columns.candidates("text") + columns.candidates("html")
            if header and not any(name in header for name in wanted):
                raise InputError(
                    f"{raw}: no article text column (looked for {', '.join(wanted)}; columns: {', '.join(header)}); "
                    "name it with --text-col or --html-col"
                )
        checked.append((path, kind))
    return checked


def read_inputs(paths: Sequence[str], columns: ColumnMap | None = None) -> Iterator[Record]:
    """Every record of every input, in order: folders sorted by path, files in file order."""
    columns = columns or ColumnMap()
    for path, kind in check_inputs(paths, columns):
        yield from READERS[kind](path, columns)


def estimate_total(paths: Sequence[str]) -> int | None:
    """A cheap record count for the progress bar's ETA (None when an input cannot be counted cheaply)."""
    total = 0
    for raw in paths:
        path = Path(raw)
        kind = input_kind(path)
        if kind == "folder":
            total += sum(1 for _ in _article_files(path))
        elif kind == "article":
            total += 1
        elif kind in ("jsonl", "urls", "csv"):
            with _open_binary(path) as handle:
                lines = sum(chunk.count(b"\n") for chunk in iter(lambda h=handle: h.read(1 << 20), b""))
            total += max(lines - (kind == "csv"), 0)
        else:
            return None
    return total


# --- folders and single files -------------------------------------------------------------------


def read_folder(root: Path, columns: ColumnMap) -> Iterator[Record]:
    """Every .txt/.md/.html/.json file below root, sorted; ids are paths relative to root's parent."""
    base = root.resolve().parent
    for path in _article_files(root):
        yield _file_record(path, path.resolve().relative_to(base).as_posix())


def read_article_file(path: Path, columns: ColumnMap) -> Iterator[Record]:
    yield _file_record(path, path.as_posix())


def _article_files(root: Path) -> Iterator[Path]:
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in ARTICLE_SUFFIXES:
                yield Path(folder) / name


def _file_record(path: Path, record_id: str) -> Record:
    kind = ARTICLE_SUFFIXES[path.suffix.lower()]
    source = path.as_posix()
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            return Record(record_id, source, "error", error=f"{source} is larger than {MAX_INPUT_BYTES // 10**6} MB")
        return Record(record_id, source, kind, data=path.read_bytes())
    except OSError as exc:
        return Record(record_id, source, "error", error=f"cannot read {source}: {exc.strerror or type(exc).__name__}")


# --- JSONL and CSV: one article per line / row, columns mapped ----------------------------------


def read_jsonl(path: Path, columns: ColumnMap) -> Iterator[Record]:
    name = path.as_posix()
    with _open_binary(path) as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            source = f"{name}:{number}"
            try:
                obj = json.loads(line)
            except UnicodeDecodeError as exc:
                message = f"line {number} is not valid UTF-8 at byte {exc.start}"
                yield _undecodable(json_object(line.decode("utf-8", "replace")), columns, source, message)
                continue
            except ValueError as exc:
                yield Record(source, source, "error", error=f"line {number} is not valid JSON: {exc}")
                continue
            if not isinstance(obj, dict):
                yield Record(source, source, "error", error=f"line {number} is not a JSON object")
                continue
            yield mapped_record(obj, columns, source)


def read_csv(path: Path, columns: ColumnMap) -> Iterator[Record]:
    name = path.as_posix()
    _raise_csv_field_limit()
    delimiter = "\t" if ".tsv" in path.name.lower() else ","
    with _open_binary(path) as raw:
        # surrogateescape keeps a row with bad bytes readable; that row alone becomes an error.
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="surrogateescape", newline="")
        reader = csv.reader(text, delimiter=delimiter)
        try:
            header = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Record(f"{name}:1", f"{name}:1", "error", error=f"unreadable CSV header: {exc}")
            return
        failures = 0
        while True:
            line = reader.line_num + 1
            source = f"{name}:{line}"
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                failures += 1
                yield Record(source, source, "error", error=f"unreadable CSV row at line {line}: {exc}")
                if failures > 100:  # a file that is not CSV at all: say so once, not a million times
                    yield Record(f"{name}:*", name, "error", error="more than 100 unreadable rows; file skipped")
                    return
                continue
            if not any(cell.strip() for cell in cells):
                continue
            if any(_has_surrogates(cell) for cell in cells):
                readable = [cell.encode("utf-8", "surrogateescape").decode("utf-8", "replace") for cell in cells]
                message = f"row at line {line} is not valid UTF-8"
                yield _undecodable(dict(zip(header, readable, strict=False)), columns, source, message)
                continue
            yield mapped_record(dict(zip(header, cells, strict=False)), columns, source)


def mapped_record(obj: dict[str, Any], columns: ColumnMap, source: str) -> Record:
    """One JSONL object or CSV row -> a CMS-JSON record (`article_from_json` semantics in the worker)."""
    values = {key: _first(obj, columns.candidates(key)) for key in DEFAULT_COLUMNS}
    record_id = values["id"] or source
    meta = {
        "headline": values["headline"],
        "url": values["url"],
        "outlet": values["outlet"],
        "published": values["date"],
    }
    if not values["text"] and not values["html"]:
        wanted = columns.candidates("text") + columns.candidates("html")
        message = f"no article text (empty or missing: {', '.join(wanted)})"
        return Record(record_id, source, "error", **meta, error=message)
    article: dict[str, Any] = {k: v for k, v in {**meta, "body": values["text"], "html": values["html"]}.items() if v}
    for extra in ("dek", "captions", "language"):  # CMS fields, when an export has them
        if extra in obj and obj[extra] not in (None, ""):
            article[extra] = obj[extra]
    return Record(record_id, source, "json", data=json.dumps(article, ensure_ascii=False), **meta)


def json_object(text: str) -> dict[str, Any]:
    try:
        obj = json.loads(text)
    except ValueError:
        return {}
    return obj if isinstance(obj, dict) else {}


def _undecodable(obj: dict[str, Any], columns: ColumnMap, source: str, message: str) -> Record:
    """An error record that still carries the id and metadata (ids must not depend on bad bytes elsewhere)."""
    record_id = _first(obj, columns.candidates("id"))
    if "\ufffd" in record_id:
        record_id = ""
    return Record(
        record_id or source,
        source,
        "error",
        headline=_first(obj, columns.candidates("headline")),
        outlet=_first(obj, columns.candidates("outlet")),
        published=_first(obj, columns.candidates("date")),
        error=message,
    )


def _first(obj: dict[str, Any], names: Iterable[str]) -> str:
    for name in names:
        value = obj.get(name)
        if value is None or value == "":
            continue
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            continue
        return str(value).strip()
    return ""


def _has_surrogates(cell: str) -> bool:
    return any("\udc80" <= ch <= "\udcff" for ch in cell)


def _raise_csv_field_limit() -> None:
    csv.field_size_limit(min(sys.maxsize, MAX_INPUT_BYTES))


def _csv_header(path: Path) -> list[str]:
    _raise_csv_field_limit()
    delimiter = "\t" if ".tsv" in path.name.lower() else ","
    try:
        with _open_binary(path) as raw:
            text = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="")
            return next(csv.reader(text, delimiter=delimiter), [])
    except (OSError, csv.Error, EOFError) as exc:
        raise InputError(f"{path}: cannot read the CSV header: {exc}") from None


# --- URL lists -------------------------------------------------------------------------------


def is_url_list(path: Path, sample_lines: int = 20) -> bool:
    """A .txt file whose first non-blank, non-comment lines are all URLs."""
    seen = 0
    try:
        with path.open("rb") as handle:
            for raw in handle:
                line = raw.decode("utf-8", "replace").strip()
                if not line or line.startswith("#"):
                    continue
                if not _ANY_URL_LINE.match(line):
                    return False
                seen += 1
                if seen >= sample_lines:
                    break
    except OSError:
        return False
    return seen > 0


def read_url_list(path: Path, columns: ColumnMap) -> Iterator[Record]:
    """One URL per line (blank lines and # comments skipped); the URL is the record's id."""
    name = path.as_posix()
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, 1):
            line = raw.decode("utf-8", "replace").strip()
            if not line or line.startswith("#"):
                continue
            source = f"{name}:{number}"
            if not _URL_LINE.match(line):
                yield Record(line, source, "error", error=f"line {number} is not an http(s) URL")
                continue
            yield Record(line, source, "url", data=line, url=line)


# --- WARC ---------------------------------------------------------------------------------------


def read_warc(path: Path, columns: ColumnMap) -> Iterator[Record]:
    """HTML responses (status 200) and resources of a WARC or WARC.gz file; every other record becomes
    a `skipped` record with its reason (not-response, non-http, http-status, not-html), so it gets a row.

    A malformed record becomes an error record; reading resumes at the next record boundary (the next
    gzip member in a .warc.gz, the next `WARC/` line in a plain WARC). WARC-Date is the crawl time,
    not the publication date, so it is not used.
    """
    from warcio.archiveiterator import ArchiveIterator

    name = path.as_posix()
    magic = _GZIP_MAGIC if path.name.lower().endswith(".gz") else _WARC_MAGIC
    with path.open("rb") as handle:
        start = 0
        while start is not None:
            handle.seek(start)
            iterator = ArchiveIterator(handle, no_record_parse=False)
            position = start
            try:
                for record in iterator:
                    item = _warc_item(record, name)
                    # Offsets come after the payload is read: asking first makes warcio skip the payload.
                    offset = iterator.get_record_offset()  # absolute: warcio starts from handle.tell()
                    position = offset + iterator.get_record_length()
                    where = f"{name}@{offset}"
                    yield replace(item, id=item.id or where, source=where)  # a record without an id or URI
                start = None
            except Exception as exc:  # warcio raises many kinds on broken input; each is one bad record
                where = f"{name}@{position}"
                yield Record(where, where, "error", error=f"malformed WARC record at byte {position}: {_brief(exc)}")
                start = _next_boundary(handle, position + 1, magic)


def _warc_item(record: Any, name: str) -> Record:
    """An HTML record, or a `skipped` record saying why this one is not an article (one row each)."""
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    record_id = record.rec_headers.get_header("WARC-Record-ID") or uri
    kind = record.rec_type or "unknown"

    def skip(reason: str, what: str) -> Record:
        return Record(record_id, name, "skipped", url=uri, skipped=reason, error=what)

    if kind not in ("response", "resource"):
        return skip("not-response", f"WARC {kind} record")
    if uri and not uri.lower().startswith(("http://", "https://")):
        return skip("non-http", f"target is not an http(s) address: {uri.split(':', 1)[0]}:")
    if kind == "response":
        http = record.http_headers
        if http is None:
            return skip("non-http", "response without HTTP headers")
        if http.get_statuscode() != "200":
            return skip("http-status", f"HTTP {http.get_statuscode()}")
        content_type = http.get_header("Content-Type") or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    media, _, params = content_type.partition(";")
    if media.strip().lower() not in _HTML_TYPES:
        return skip("not-html", f"content type {media.strip().lower() or 'missing'}")
    try:
        payload = _warc_payload(record)
    except DecodedTooLarge:
        return Record(record_id, name, "error", url=uri, error=f"payload larger than {MAX_RECORD_BYTES // 10**6} MB")
    except InputError as exc:
        return Record(record_id, name, "error", url=uri, error=f"HTTP payload: {exc}")
    return Record(record_id, name, "html", data=payload, charset=_charset(params), url=uri)


def _warc_payload(record: Any) -> bytes:
    """The HTTP payload de-chunked and decoded (gzip, deflate, br), the cap applied to the decoded size.

    warcio's own decoding reads only some encodings and passes the others through as compressed bytes.
    """
    from warcio.bufferedreaders import ChunkedDataReader

    stream = record.raw_stream
    http = record.http_headers if record.rec_type == "response" else None
    encoding = (http.get_header("Content-Encoding") or "") if http is not None else ""
    if http is not None and (http.get_header("Transfer-Encoding") or "").lower() == "chunked":
        stream = ChunkedDataReader(stream)
    raw = stream.read(MAX_RECORD_BYTES + 1)
    if len(raw) > MAX_RECORD_BYTES:
        raise DecodedTooLarge("payload larger than the cap")
    try:
        return decode_body([raw], encoding, MAX_RECORD_BYTES)
    except DecodedTooLarge:
        raise
    except InputError:
        # Some crawlers store the payload decoded but keep the header: read markup as it is.
        if raw.lstrip()[:1] == b"<":
            return raw
        raise


def _charset(params: str) -> str:
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'")
            try:
                return codecs.lookup(charset).name
            except LookupError:
                return ""
    return ""


def _next_boundary(handle: IO[bytes], offset: int, magic: bytes) -> int | None:
    """The offset of the next record start at or after offset, scanning in 1 MB steps; None at the end."""
    handle.seek(offset)
    carry = b""
    base = offset
    while True:
        chunk = handle.read(1 << 20)
        if not chunk:
            return None
        data = carry + chunk
        search = 0
        while True:
            found = data.find(magic, search)
            if found == -1:
                break
            # A plain WARC record starts a line; a gzip member may start anywhere.
            at_line_start = (found == 0 and base == offset) or data[found - 1 : found] == b"\n"
            if magic == _GZIP_MAGIC or at_line_start:
                return base + found
            search = found + 1
        keep = len(magic) - 1
        base += len(data) - keep
        carry = data[-keep:]


def _brief(exc: BaseException) -> str:
    printable = "".join(ch if ch.isprintable() else " " for ch in str(exc))
    text = " ".join(printable.split())[:200]
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _open_binary(path: Path) -> IO[bytes]:
    return gzip.open(path, "rb") if path.name.lower().endswith(".gz") else path.open("rb")


READERS = {
    "folder": read_folder,
    "article": read_article_file,
    "jsonl": read_jsonl,
    "csv": read_csv,
    "warc": read_warc,
    "urls": read_url_list,
}
