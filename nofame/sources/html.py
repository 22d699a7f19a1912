"""HTML pages and fragments -> Article.

trafilatura finds the story text on a web page; our own lxml pass reads what it drops (headline,
dek, captions, links, embeds, suppression comments) and stands in for it on whole documents
(Markdown, CMS fragments) and on short pages it returns nothing for.
"""

from __future__ import annotations

import copy
import html as html_lib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urljoin, urlsplit

import lxml.html
import trafilatura
from lxml import etree

from nofame.article import MEDIA_EMBEDS, MEDIA_IMAGES, MEDIA_LINKS, Article, Embed, Image, Link
from nofame.errors import InputError
from nofame.sources.text import BodyBuilder, collapse, join_paragraphs, place_suppressions

HtmlElement = lxml.html.HtmlElement
NO_TEXT = "no article text found in the HTML"
HTML_MEDIA = frozenset({MEDIA_IMAGES, MEDIA_LINKS, MEDIA_EMBEDS})

_INLINE = frozenset({
    "a", "abbr", "acronym", "b", "bdi", "bdo", "big", "cite", "code", "data", "dfn", "em", "font", "i",
    "ins", "kbd", "label", "mark", "nobr", "picture", "q", "s", "samp", "small", "span", "strike",
    "strong", "sub", "sup", "time", "tt", "u", "var", "wbr", "del"
})  # fmt: skip
# Never text a reader sees as part of the story, in any mode.
_TECHNICAL = frozenset({
    "script", "style", "noscript", "template", "svg", "math", "head", "title", "meta", "link",
    "button", "select", "textarea", "input", "option", "canvas", "object", "embed", "audio",
    "figcaption", "dialog"
})  # fmt: skip
# Page furniture, skipped on web pages but kept in whole documents.
_FURNITURE_TAGS = frozenset({"nav", "aside", "footer", "form", "menu"})
_FURNITURE_CLASSES = frozenset({
    "byline", "share", "sharing", "social", "related", "newsletter", "advert", "advertisement", "ad",
    "ads", "promo", "comments", "breadcrumb", "breadcrumbs", "footer", "site-footer", "site-header",
    "masthead", "navbar", "menu", "sr-only", "visually-hidden", "skip-link"
})  # fmt: skip
_FURNITURE_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search"})
_DEK_CLASSES = frozenset({"dek", "subhead", "subheadline", "sub-headline", "standfirst"})
_ARTICLE_TYPES = frozenset(
    {"NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "BlogPosting",
     "LiveBlogPosting", "Report"}
)  # fmt: skip
_VIDEO_HOSTS = (
    "youtube.com", "youtube-nocookie.com", "youtu.be", "vimeo.com", "dailymotion.com", "dai.ly",
    "streamable.com", "rumble.com", "bitchute.com", "liveleak.com",
)  # fmt: skip
_IFRAME_KINDS = (
    ("tweet", ("twitter.com", "x.com")),
    ("instagram", ("instagram.com",)),
    ("tiktok", ("tiktok.com",)),
    ("facebook", ("facebook.com", "fb.com")),
    ("telegram", ("t.me", "telegram.org")),
    ("video", _VIDEO_HOSTS),
)
_EMBED_CLASSES = (
    ("tweet", {"twitter-tweet", "twitter-video"}),
    ("instagram", {"instagram-media"}),
    ("tiktok", {"tiktok-embed"}),
    ("facebook", {"fb-post", "fb-video", "fb-xfbml-parse-ignore"}),
    ("telegram", {"telegram-post"}),
)
_FULL_PAGE = re.compile(r"<(?:html|head|body)\b", re.IGNORECASE)
_TRAFILATURA_INLINE = frozenset({"hi", "ref", "del", "span"})


@dataclass(frozen=True)
class _Mode:
    whole_document: bool  # the whole input is the article: no boilerplate removal
    markdown: bool = False  # only the first h1 is display text, everything else is body


def article_from_html(html: str, url: str = "", whole_document: bool = False) -> Article:
    """A web page (trafilatura finds the story) or, with whole_document, an HTML draft or fragment."""
    return article_from_tree(parse_html(html), url=url, whole_document=whole_document)


def is_full_page(html: str) -> bool:
    """Whether HTML is a page with <html>/<body> rather than a story fragment from a CMS."""
    return _FULL_PAGE.search(html) is not None


def parse_html(html: str) -> HtmlElement:
    if not html.strip():
        raise InputError("the draft is empty")
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=False, remove_pis=True)
    try:
        # Bytes with an explicit parser encoding: lxml refuses str input that has an XML declaration.
        root = lxml.html.document_fromstring(html.encode("utf-8", "replace"), parser=parser)
    except (etree.LxmlError, ValueError):
        raise InputError(NO_TEXT) from None
    if root is None:
        raise InputError(NO_TEXT)
    return root


def article_from_tree(
    root: HtmlElement, *, url: str = "", whole_document: bool = False, markdown: bool = False
) -> Article:
    try:
        return _extract(root, url, _Mode(whole_document=whole_document or markdown, markdown=markdown))
    except InputError:
        raise
    except (etree.LxmlError, ValueError, TypeError, AttributeError) as exc:
        # lxml trees from broken pages can surprise; the user gets a message, not a traceback.
        raise InputError(f"could not read the HTML ({type(exc).__name__})") from None


def _extract(root: HtmlElement, url: str, mode: _Mode) -> Article:
    meta = _meta(root)
    ld = {} if mode.markdown else _json_ld_article(root)
    base_url = url or ("" if mode.whole_document else meta.get("og:url") or _canonical(root))
    body_el = _body(root)
    area = body_el if mode.whole_document else _article_area(body_el)
    headline_el = _first(area, "h1")
    if headline_el is None and not mode.whole_document:
        headline_el = _first(body_el, "h1")
    dek_el = None if mode.markdown else _dek_element(area, headline_el)

    walker = _Walker(area=area, headline_el=headline_el, dek_el=dek_el, base_url=base_url, mode=mode)
    walker.run(root)
    paragraphs = walker.body.paragraphs
    if not mode.whole_document:
        if not paragraphs:
            raise InputError(NO_TEXT)
        paragraphs = _trafilatura_paragraphs(root, walker.dropped, base_url) or paragraphs

    h1_text = visible_text(headline_el) if headline_el is not None else ""
    page_title = "" if mode.markdown else _page_title(root)
    if mode.markdown:
        headline = h1_text
    else:
        headline = _ld_text(ld.get("headline")) or meta.get("og:title") or h1_text or page_title
    title = next((t for t in (page_title, meta.get("og:title", "")) if t and t != headline), "")
    dek = visible_text(dek_el) if dek_el is not None else ""
    if not dek and not mode.whole_document:
        dek = meta.get("og:description") or meta.get("description") or ""
    if dek == headline:
        dek = ""
    paragraphs = _drop_leading(paragraphs, {headline, h1_text, title, page_title, dek})
    if not paragraphs and not headline:
        raise InputError(NO_TEXT)

    images = walker.images
    if not mode.whole_document and meta.get("og:image"):
        images = _with_og_image(images, urljoin(base_url, meta["og:image"]), meta.get("og:image:alt", ""))
    return Article(
        headline=headline,
        dek=dek,
        body=join_paragraphs(paragraphs),
        title=title,
        images=tuple(images),
        links=tuple(dict.fromkeys(walker.links)),
        embeds=tuple(walker.embeds),
        url=base_url,
        published=_ld_text(ld.get("datePublished")) or meta.get("article:published_time", ""),
        outlet=meta.get("og:site_name") or _publisher(ld.get("publisher")),
        language=_language(root, ld),
        media=HTML_MEDIA,
        suppressions=place_suppressions(paragraphs, walker.body.suppressions),
    )


class _Walker:
    """One document-order pass: body paragraphs, images, links, embeds and suppression comments.

    Mutable state, local to one call of _extract.
    """

    def __init__(
        self,
        *,
        area: HtmlElement,
        headline_el: HtmlElement | None,
        dek_el: HtmlElement | None,
        base_url: str,
        mode: _Mode,
    ) -> None:
        self.area = area
        self.headline_el = headline_el
        self.dek_el = dek_el
        self.base_url = base_url
        self.mode = mode
        # Link-only blocks on web pages are menus and "more stories" lists, not story text.
        self.body = BodyBuilder(max_link_share=1.0 if mode.whole_document else 0.5)
        self.images: list[Image] = []
        self.links: list[Link] = []
        self.embeds: list[Embed] = []
        self.dropped: list[HtmlElement] = []  # what trafilatura must not see either

    def run(self, root: HtmlElement) -> None:
        for sibling in reversed(list(root.itersiblings(preceding=True))):
            if sibling.tag is etree.Comment:
                self.body.comment(sibling.text)
        self._visit(root, in_area=False, in_link=False)
        self.body.flush()

    def _visit(self, el: Any, *, in_area: bool, in_link: bool) -> None:
        if el.tag is etree.Comment:
            self.body.comment(el.text)
            return
        if not isinstance(el.tag, str):
            return
        tag = el.tag.lower()
        in_area = in_area or el is self.area
        if el is self.headline_el:
            self._drop(el)
            return
        embed = _embed_of(el, tag, self.base_url) if in_area else None
        if embed is not None:
            self.embeds.append(embed)
            self._drop(el)
            return
        if el is self.dek_el or self._is_skipped(el, tag, in_area):
            self._drop(el)
            return
        if tag == "figure" and in_area and el.find(".//img") is not None:
            self._figure(el)
            return
        if tag == "img":
            if in_area:
                self._add_image(el, "")
            return
        if tag == "br":
            self.body.flush()
            return
        if tag == "a" and in_area:
            self._add_link(el)
        in_link = in_link or tag == "a"
        block = tag not in _INLINE
        if block:
            self.body.flush()
        if in_area:
            self.body.add(el.text, in_link=in_link)
        for child in el:
            self._visit(child, in_area=in_area, in_link=in_link)
            if in_area:
                self.body.add(child.tail, in_link=in_link)
        if block:
            self.body.flush()

    def _drop(self, el: HtmlElement) -> None:
        """Leave an element out of the body; still honour the headline and comments inside it."""
        self.body.flush()
        self.dropped.append(el)
        for node in el.iter():
            if node is self.headline_el:
                self.body.mark_started()
            elif node.tag is etree.Comment:
                self.body.comment(node.text)

    def _is_skipped(self, el: HtmlElement, tag: str, in_area: bool) -> bool:
        if tag in _TECHNICAL or el.get("hidden") is not None:
            return True
        if self.mode.whole_document:
            return False
        if tag in _FURNITURE_TAGS or (el.get("role") or "").lower() in _FURNITURE_ROLES:
            return True
        if tag == "header" and not (in_area and self.area.tag != "body"):
            return True  # the site header; a header inside the story holds its headline and image
        return bool(_classes(el) & _FURNITURE_CLASSES)

    def _figure(self, el: HtmlElement) -> None:
        caption_el = el.find(".//figcaption")
        caption = visible_text(caption_el) if caption_el is not None else ""
        for index, img in enumerate(el.iter("img")):
            # One caption for a gallery: attach it once so it is checked once.
            self._add_image(img, caption if index == 0 else "")
        for node in el.iter("a"):
            self._add_link(node)
        self._drop(el)

    def _add_image(self, img: HtmlElement, caption: str) -> None:
        if img.get("width") in ("0", "1") or img.get("height") in ("0", "1"):
            return  # tracking pixel
        src = _image_src(img)
        if src:
            src = urljoin(self.base_url, src)
        # The first image above the story text is what readers see first: the lead.
        lead = not self.images and not self.body.paragraphs
        caption = caption or collapse(img.get("title") or "")
        self.images.append(Image(src=src, alt=collapse(img.get("alt") or ""), caption=caption, lead=lead))

    def _add_link(self, el: HtmlElement) -> None:
        href = (el.get("href") or "").strip()
        if not href or href.startswith("#") or href.lower().startswith("javascript:"):
            return
        self.links.append(Link(href=urljoin(self.base_url, href), text=visible_text(el)))


def visible_text(el: HtmlElement) -> str:
    """The text of an element as a reader sees it: words split by blocks stay apart ("can. — Red")."""
    parts: list[str] = []
    _text_parts(el, parts)
    return collapse("".join(parts))


def _text_parts(el: Any, parts: list[str]) -> None:
    """Text of el without its tail; blocks are padded with spaces, inline elements are not."""
    tag = el.tag.lower() if isinstance(el.tag, str) else ""
    if not tag or (tag in _TECHNICAL and tag != "figcaption"):
        return
    pad = "" if tag in _INLINE else " "
    parts.append(pad + (el.text or ""))
    for child in el:
        _text_parts(child, parts)
        parts.append(child.tail or "")
    parts.append(pad)


def _image_src(img: HtmlElement) -> str:
    src = (img.get("src") or "").strip()
    if not src or src.startswith("data:"):
        # Lazy loading keeps the real address in a data attribute or the srcset.
        src = (img.get("data-src") or img.get("data-lazy-src") or "").strip()
        if not src and img.get("srcset"):
            src = img.get("srcset", "").strip().split(",")[0].split()[0]
    return src


def _embed_of(el: HtmlElement, tag: str, base_url: str) -> Embed | None:
    if tag == "iframe":
        src = urljoin(base_url, (el.get("src") or el.get("data-src") or "").strip())
        return Embed(kind=_iframe_kind(src), src=src, text=_accessible_name(el))
    if tag == "video":
        source = el.find(".//source")
        src = el.get("src") or (source.get("src") if source is not None else "") or ""
        return Embed(kind="video", src=urljoin(base_url, src.strip()), text=_accessible_name(el))
    if tag == "script" and el.get("data-telegram-post"):
        return Embed(kind="telegram", src=f"https://t.me/{el.get('data-telegram-post')}")
    classes = _classes(el)
    for kind, names in _EMBED_CLASSES:
        if classes & names:
            return Embed(kind=kind, src=_embed_src(el, base_url), text=visible_text(el))
    return None


def _embed_src(el: HtmlElement, base_url: str) -> str:
    for attribute in ("cite", "data-instgrm-permalink", "data-href", "data-telegram-post"):
        if el.get(attribute):
            return urljoin(base_url, el.get(attribute, "").strip())
    anchors = [a.get("href") for a in el.iter("a") if a.get("href")]
    return urljoin(base_url, anchors[-1].strip()) if anchors else ""


def _iframe_kind(src: str) -> str:
    host = (urlsplit(src).hostname or "").lower()
    for kind, domains in _IFRAME_KINDS:
        if any(host == d or host.endswith("." + d) for d in domains):
            return kind
    return "iframe"


def _accessible_name(el: HtmlElement) -> str:
    return collapse(el.get("title") or el.get("aria-label") or "")


def _classes(el: HtmlElement) -> set[str]:
    return set((el.get("class") or "").lower().split())


def _body(root: HtmlElement) -> HtmlElement:
    body = root.find("body")
    return body if body is not None else root


def _first(el: HtmlElement, tag: str) -> HtmlElement | None:
    return next(el.iter(tag), None)


def _article_area(body: HtmlElement) -> HtmlElement:
    """The element holding the story, for images, links, embeds and the fallback body.

    The <article>/<main> around the h1; else an <article> with most of the page's paragraph text
    (some sites make the logo the h1); else <main>; else <body>. Small <article>s are teaser cards.
    """
    mains = body.xpath(".//main | .//*[@role='main']")
    h1 = _first(body, "h1")
    if h1 is not None:
        holding = [el for el in h1.iterancestors() if el.tag == "article" or el in mains]
        if holding:
            return holding[0]
    articles = list(body.iter("article"))
    if articles:
        best = max(articles, key=_paragraph_chars)
        if 2 * _paragraph_chars(best) >= _paragraph_chars(body):
            return best
    return mains[0] if mains else body


def _paragraph_chars(el: HtmlElement) -> int:
    return sum(len(p.text_content()) for p in el.iter("p"))


def _dek_element(area: HtmlElement, headline_el: HtmlElement | None) -> HtmlElement | None:
    for el in area.iter():
        if isinstance(el.tag, str) and _classes(el) & _DEK_CLASSES:
            return el
    if headline_el is None:
        return None
    following = headline_el.getnext()
    while following is not None and not isinstance(following.tag, str):
        following = following.getnext()
    return following if following is not None and following.tag == "h2" else None


def _meta(root: HtmlElement) -> dict[str, str]:
    out: dict[str, str] = {}
    for el in root.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        content = collapse(el.get("content") or "")
        if key and content and key not in out:
            out[key] = content
    return out


def _page_title(root: HtmlElement) -> str:
    head = root.find("head")
    title = head.find("title") if head is not None else None
    return collapse(title.text_content()) if title is not None else ""


def _canonical(root: HtmlElement) -> str:
    for el in root.iter("link"):
        if "canonical" in (el.get("rel") or "").lower().split() and el.get("href"):
            return el.get("href", "").strip()
    return ""


def _json_ld_article(root: HtmlElement) -> dict[str, Any]:
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        for obj in _ld_objects(data):
            types = obj.get("@type")
            types = types if isinstance(types, list) else [types]
            if any(t in _ARTICLE_TYPES for t in types if isinstance(t, str)):
                return obj
    return {}


def _ld_objects(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _ld_objects(item)
    elif isinstance(data, dict):
        yield data
        yield from _ld_objects(data.get("@graph"))


def _ld_text(value: Any) -> str:
    if isinstance(value, list) and value:
        value = value[0]
    # JSON-LD is written by templates that often HTML-escape it ("Smith &amp; Co").
    return collapse(html_lib.unescape(value)) if isinstance(value, str) else ""


def _publisher(value: Any) -> str:
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, dict):
        return _ld_text(value.get("name"))
    return _ld_text(value)


def _language(root: HtmlElement, ld: dict[str, Any]) -> str:
    tag = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang") or ""
    tag = tag or _ld_text(ld.get("inLanguage"))
    primary = tag.strip().replace("_", "-").split("-")[0].lower()
    return primary if primary.isalpha() else "en"


def _with_og_image(images: list[Image], src: str, alt: str) -> list[Image]:
    """og:image is the picture social cards show: always a lead image."""
    if any(image.src == src for image in images):
        return [replace(image, lead=True) if image.src == src else image for image in images]
    return [Image(src=src, alt=alt, lead=True), *images]


def _drop_leading(paragraphs: list[str], display: set[str]) -> list[str]:
    """Extractors often repeat the headline or dek as the first lines of the body."""
    display_keys = {text.casefold() for text in display if text}
    out = list(paragraphs)
    while out and out[0].casefold() in display_keys:
        out.pop(0)
    return out


def _trafilatura_paragraphs(root: HtmlElement, dropped: list[HtmlElement], url: str) -> list[str]:
    # trafilatura gets a copy without what our pass already took out (headline, dek, figures,
    # embeds, page furniture), so tweets and captions are not counted twice as story text.
    marker = "data-nofame-drop"
    for el in dropped:
        el.set(marker, "")
    try:
        trimmed = copy.deepcopy(root)
    finally:
        for el in dropped:
            el.attrib.pop(marker, None)
    for el in list(trimmed.iter()):
        if isinstance(el.tag, str) and el.get(marker) is not None and el.getparent() is not None:
            el.drop_tree()
    try:
        document = trafilatura.bare_extraction(
            trimmed,
            url=url or None,
            favor_recall=True,  # short news briefs must survive; the furniture is already gone
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            with_metadata=False,
        )
    except Exception:  # trafilatura has many failure modes on odd pages; our own pass stands in
        return []
    body = getattr(document, "body", None)
    if body is None:
        return []
    builder = BodyBuilder()
    _xml_paragraphs(body, builder)
    builder.flush()
    return builder.paragraphs


def _xml_paragraphs(el: Any, builder: BodyBuilder) -> None:
    """Paragraphs of trafilatura's XML body (p, head, quote, list/item, table/cell, lb, hi, ref)."""
    if not isinstance(el.tag, str):
        return
    block = el.tag not in _TRAFILATURA_INLINE
    if el.tag == "lb" or block:
        builder.flush()
    builder.add(el.text)
    for child in el:
        _xml_paragraphs(child, builder)
        builder.add(child.tail)
    if block:
        builder.flush()
