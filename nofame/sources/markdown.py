"""Markdown drafts: rendered with markdown-it-py, then read like an HTML draft."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

import lxml.html
import yaml
from lxml import etree
from markdown_it import MarkdownIt

from nofame.article import Article
from nofame.errors import InputError
from nofame.sources.html import HtmlElement, article_from_tree, parse_html
from nofame.sources.text import normalise_newlines


def article_from_markdown(text: str) -> Article:
    """The first `#` heading is the headline; everything else is body. Raw HTML and comments pass through.
    YAML front matter (Jekyll, Hugo, many CMS exports) gives title, description, date and outlet."""
    text = normalise_newlines(text)
    meta, text = split_front_matter(text)
    if not text.strip():
        raise InputError("the draft is empty")
    # A fresh renderer per call: MarkdownIt instances are mutable, and rendering dominates anyway.
    rendered = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(text)
    # Wrapped so that a leading comment stays inside <body> where the reading pass sees it in order.
    root = parse_html(f"<html><body>{rendered}</body></html>")
    _italic_captions(root)
    try:
        article = article_from_tree(root, markdown=True)
    except InputError as exc:
        if str(exc) == "no article text found in the HTML":
            raise InputError("the draft is empty") from None
        raise
    return _with_front_matter(article, meta)


_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---[ \t]*\n", re.DOTALL)


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Front matter that is not a YAML mapping is left in the text: it may be a horizontal rule."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return {}, text
    if not isinstance(meta, dict):
        return {}, text
    return meta, text[match.end() :]


def _with_front_matter(article: Article, meta: dict[str, Any]) -> Article:
    def text(*keys: str) -> str:
        for key in keys:
            value = meta.get(key)
            if isinstance(value, (str, int, float)) or hasattr(value, "isoformat"):
                return str(value).strip()
        return ""

    return replace(
        article,
        headline=article.headline or text("headline", "title"),
        dek=article.dek or text("dek", "description", "subtitle", "summary"),
        published=article.published or text("published", "date"),
        outlet=article.outlet or text("outlet", "publication"),
        url=article.url or text("url", "canonical"),
    )


def _italic_captions(root: HtmlElement) -> None:
    """`![alt](src)` followed by an italic line: turn the pair into <figure> with a <figcaption>.

    Two shapes: the italic line right under the image (same paragraph), or as the next paragraph.
    Images with a title already have their caption.
    """
    for img in list(root.iter("img")):
        paragraph = img.getparent()
        if img.get("title") or paragraph is None or paragraph.tag != "p":
            continue
        others = [child for child in paragraph if child is not img and child.tag != "br"]
        caption_el: HtmlElement | None = None
        consumed: HtmlElement | None = None
        if len(others) == 1 and others[0].tag == "em" and _only(paragraph, {img, others[0]}):
            caption_el = others[0]
        elif not others and _only(paragraph, {img}):
            following = paragraph.getnext()
            if (
                following is not None
                and following.tag == "p"
                and len(following) == 1
                and following[0].tag == "em"
                and _only(following, {following[0]})
            ):
                caption_el, consumed = following[0], following
        if caption_el is None:
            continue
        figure = lxml.html.Element("figure")
        img.tail = None
        figure.append(img)
        etree.SubElement(figure, "figcaption").text = caption_el.text_content()
        figure.tail = paragraph.tail
        paragraph.addprevious(figure)
        paragraph.getparent().remove(paragraph)
        if consumed is not None:
            figure.tail = consumed.tail
            consumed.getparent().remove(consumed)


def _only(paragraph: HtmlElement, children: set[HtmlElement]) -> bool:
    """True when the paragraph has no text outside the given children (whitespace and <br> aside)."""
    texts = [paragraph.text or ""] + [child.tail or "" for child in paragraph]
    return not "".join(texts).strip() and all(c in children or c.tag == "br" for c in paragraph)
