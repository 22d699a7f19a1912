"""Inputs -> Article: plain text, Markdown, HTML, CMS JSON and URLs (fetched safely)."""

from nofame.sources.cms import article_from_json
from nofame.sources.fetch import DEFAULT_FETCH_SETTINGS, FetchedPage, FetchSettings, fetch_url
from nofame.sources.html import article_from_html
from nofame.sources.load import FORMATS, load_article, sniff_format
from nofame.sources.markdown import article_from_markdown
from nofame.sources.text import MAX_INPUT_BYTES, article_from_text, decode_bytes

__all__ = [
    "DEFAULT_FETCH_SETTINGS",
    "FORMATS",
    "MAX_INPUT_BYTES",
    "FetchSettings",
    "FetchedPage",
    "article_from_html",
    "article_from_json",
    "article_from_markdown",
    "article_from_text",
    "decode_bytes",
    "fetch_url",
    "load_article",
    "sniff_format",
]
