"""Markdown drafts: rendered with markdown-it-py, then read like an HTML draft."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
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
    front, text = split_front_matter(text)
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
    return _with_front_matter(article, front)


# Jekyll, Hugo and most CMS exports: a YAML block fenced by `---` lines at the very top.
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)


@dataclass(frozen=True)
class FrontMatter:
    """The article metadata a draft's YAML front matter gives; empty strings where it says nothing."""

    headline: str = ""
    dek: str = ""
    published: str = ""
    outlet: str = ""
    url: str = ""

    @classmethod
    def of(cls, meta: dict[str, Any]) -> FrontMatter:
        def text(*keys: str) -> str:
            for key in keys:
                value = meta.get(key)
                # Scalars only (YAML reads a bare date as a date); lists and mappings are no field text.
                if isinstance(value, str | int | float) or hasattr(value, "isoformat"):
                    shown = str(value).strip()
                    if shown:
                        return shown
            return ""

        return cls(
            headline=text("headline", "title"),
            dek=text("dek", "description", "subtitle", "summary"),
            published=text("published", "date"),
            outlet=text("outlet", "publication"),
            url=text("url", "canonical"),
        )


def split_front_matter(text: str) -> tuple[FrontMatter, str]:
    """The front matter and the text after it. Front matter that is not a YAML mapping is left in the
    text: a `---` line may be a horizontal rule."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return FrontMatter(), text
    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return FrontMatter(), text
    if not isinstance(meta, dict):
        return FrontMatter(), text
    return FrontMatter.of(meta), text[match.end() :]


def _with_front_matter(article: Article, front: FrontMatter) -> Article:
    return replace(
        article,
        headline=article.headline or front.headline,
        dek=article.dek or front.dek,
        published=article.published or front.published,
        outlet=article.outlet or front.outlet,
        url=article.url or front.url,
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
