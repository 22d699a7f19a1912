"""One entry point for every input: a file, an http(s) URL, or "-" for standard input."""

from __future__ import annotations

import json
import re
import stat
import sys
from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import BinaryIO
from urllib.parse import urlsplit

from nofame.article import Article
from nofame.errors import InputError
from nofame.sources.cms import article_from_json
from nofame.sources.fetch import (
    DEFAULT_FETCH_SETTINGS,
    TEXT_TYPES,
    FetchSettings,
    fetch_url,
    sniff_meta_charset,
)
from nofame.sources.html import article_from_html
from nofame.sources.markdown import article_from_markdown
from nofame.sources.text import MAX_INPUT_BYTES, collapse, decode_bytes, normalise_newlines
from nofame.sources.text import article_from_text as _article_from_text

FORMATS = ("text", "markdown", "html", "json")
_EXTENSIONS = {
    ".txt": "text", ".text": "text",
    ".md": "markdown", ".markdown": "markdown", ".mdown": "markdown", ".mkd": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".json": "json",
}  # fmt: skip
_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_HTML_START = re.compile(r"^\s*(?:<!doctype html|<html|<\?xml)|<(?:body|article|p|div|h1)\b", re.IGNORECASE)
_MARKDOWN_HINT = re.compile(r"^#{1,6}[ \t]+\S|!?\[[^\]\n]*\]\([^)\n]+\)", re.MULTILINE)


def load_article(
    source: str,
    *,
    headline: str | None = None,
    fmt: str | None = None,
    fetch_settings: FetchSettings = DEFAULT_FETCH_SETTINGS,
    stdin: BinaryIO | None = None,
) -> Article:
    """Read an article; fmt None picks the format by file extension, content type or content."""
    if fmt is not None and fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r} (use one of: {', '.join(FORMATS)})")
    if _URL.match(source):
        article = _from_url(source, fmt, headline, fetch_settings)
    else:
        if source == "-":
            data, name = _read_stream(stdin or sys.stdin.buffer), "standard input"
        else:
            data, name = _read_file(source), source
        fmt = fmt or _EXTENSIONS.get(Path(source).suffix.lower())
        article = _from_bytes(data, name, fmt, headline, fetch_settings)
    if headline is not None:
        article = replace(article, headline=collapse(headline))
    return article


def _from_url(url: str, fmt: str | None, headline: str | None, settings: FetchSettings) -> Article:
    page = fetch_url(url, settings)
    if fmt is None:
        # A text/plain page may still be Markdown or JSON: its path says so (raw files on code hosts).
        suffix = PurePosixPath(urlsplit(page.url).path).suffix.lower()
        fmt = _EXTENSIONS.get(suffix, "text") if page.content_type in TEXT_TYPES else "html"
    article = _from_text(normalise_newlines(page.text), fmt, headline, settings, url=page.url)
    return article if article.url else replace(article, url=page.url)


def _from_bytes(data: bytes, name: str, fmt: str | None, headline: str | None, settings: FetchSettings) -> Article:
    declared = sniff_meta_charset(data) if fmt in ("html", None) else None
    text = decode_bytes(data, name=name, fallback=declared)
    if not text.strip():
        raise InputError("the draft is empty")
    return _from_text(text, fmt or sniff_format(text), headline, settings)


def _from_text(text: str, fmt: str, headline: str | None, settings: FetchSettings, *, url: str = "") -> Article:
    if fmt == "markdown":
        return article_from_markdown(text)
    if fmt == "html":
        return article_from_html(text, url=url)
    if fmt == "json":
        try:
            obj = json.loads(text)
        except ValueError as exc:
            where = f" at line {exc.lineno} column {exc.colno}" if isinstance(exc, json.JSONDecodeError) else ""
            raise InputError(f"invalid JSON{where}") from None
        return article_from_json(obj, settings)
    return _article_from_text(text, headline or "")


def sniff_format(text: str) -> str:
    """Format of an input with no telling extension: JSON object, HTML, Markdown, else plain text."""
    head = text.lstrip()[:2000]
    if head.startswith("{"):
        return "json"
    if _HTML_START.search(head):
        return "html"
    if _MARKDOWN_HINT.search(text):
        return "markdown"
    return "text"


def _read_file(source: str) -> bytes:
    path = Path(source)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError(f"no such file: {source}") from None
    except OSError as exc:
        raise InputError(f"cannot read {source}: {exc.strerror or type(exc).__name__}") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{source} is a directory, not a draft")
    if info.st_size > MAX_INPUT_BYTES:
        raise InputError(f"{source} is larger than {MAX_INPUT_BYTES // 1_000_000} MB")
    try:
        with path.open("rb") as handle:
            return _read_stream(handle, name=source)
    except OSError as exc:
        raise InputError(f"cannot read {source}: {exc.strerror or type(exc).__name__}") from None


def _read_stream(stream: BinaryIO, name: str = "standard input") -> bytes:
    # One byte past the limit tells "too large" apart without reading everything (pipes, FIFOs).
    data = stream.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(f"{name} is larger than {MAX_INPUT_BYTES // 1_000_000} MB")
    return data
