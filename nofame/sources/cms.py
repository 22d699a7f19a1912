"""CMS JSON: `{"headline", "dek", "body", "captions": [], "html", "url", "published", "outlet", "language"}`."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from nofame.article import MEDIA_IMAGES, Article, Image
from nofame.errors import InputError
from nofame.sources.fetch import DEFAULT_FETCH_SETTINGS, HTML_TYPES, FetchSettings, fetch_url
from nofame.sources.html import HTML_MEDIA, article_from_html, is_full_page
from nofame.sources.text import collapse, text_body

_TEXT_FIELDS = ("headline", "dek", "body", "html", "url", "published", "outlet", "language")
_DISPLAY_FIELDS = ("headline", "dek", "url", "published", "outlet", "language")


def article_from_json(obj: Any, fetch_settings: FetchSettings = DEFAULT_FETCH_SETTINGS) -> Article:
    """Explicit fields win over what html (or the page at url, fetched when nothing else is given) says.

    Unknown keys are ignored: API requests carry options (profile, names, rules) next to the article.
    """
    if not isinstance(obj, dict):
        raise InputError("the article JSON must be an object")
    fields = _text_fields(obj)
    captions = _captions(obj.get("captions"))
    if not any(name in fields for name in ("body", "html", "url")):
        raise InputError("the article JSON needs a 'body', 'html' or 'url' field")

    if "html" in fields:
        html = fields["html"]
        base = article_from_html(html, url=fields.get("url", ""), whole_document=not is_full_page(html))
    elif "url" in fields and "body" not in fields:
        page = fetch_url(fields["url"], fetch_settings)
        if page.content_type in HTML_TYPES:
            base = article_from_html(page.text, url=page.url)
        else:
            base = replace(text_body(page.text), url=page.url, media=HTML_MEDIA)
    else:
        base = Article(media=frozenset({MEDIA_IMAGES}) if captions else frozenset())

    if "body" in fields:
        text_article = text_body(fields["body"])
        whole_article = tuple(s for s in base.suppressions if s.field is None)
        base = replace(
            base,
            body=text_article.body,
            suppressions=whole_article + text_article.suppressions,
            body_captions=text_article.body_captions,
            media=base.media | text_article.media,
        )
    overrides = {name: collapse(fields[name]) for name in _DISPLAY_FIELDS if name in fields}
    if "url" in overrides:
        overrides["url"] = fields["url"].strip()
    known = {image.caption for image in base.images}
    extra = tuple(Image(caption=c) for c in captions if c not in known)
    article = replace(base, **overrides, images=base.images + extra)
    if not article.body.strip() and not article.headline:
        raise InputError("the draft is empty")
    return article


def _text_fields(obj: dict[str, Any]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for name in _TEXT_FIELDS:
        value = obj.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            raise InputError(f"the JSON field {name!r} must be a string, not {_json_type(value)}")
        fields[name] = value
    return fields


def _captions(value: Any) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise InputError("the JSON field 'captions' must be a list of strings")
    return [c for c in (collapse(item) for item in value) if c]


def _json_type(value: Any) -> str:
    names = {bool: "a boolean", int: "a number", float: "a number", list: "a list", dict: "an object"}
    return names.get(type(value), type(value).__name__)
