"""The article as nofame sees it: text fields with their own offsets, plus what HTML adds."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

# Field kinds. Display text is everything a reader sees before the story: the guidelines are
# strictest there.
DISPLAY_KINDS = frozenset({"headline", "dek", "title", "slug", "caption", "alt"})
FIELD_KINDS = DISPLAY_KINDS | {"body"}

# What an input can show beyond text; rules needing more are reported as not checkable.
MEDIA_IMAGES = "images"
MEDIA_LINKS = "links"
MEDIA_EMBEDS = "embeds"
# Embedded players and posts an HTML page can carry (nofame.sources.html tells them apart).
EMBED_KINDS = ("video", "iframe", "tweet", "instagram", "tiktok", "facebook", "telegram")


@dataclass(frozen=True)
class Image:
    src: str = ""
    alt: str = ""
    caption: str = ""
    lead: bool = False  # the lead image, og:image or the first image above the story


@dataclass(frozen=True)
class Link:
    href: str
    text: str = ""


@dataclass(frozen=True)
class Embed:
    kind: str  # one of EMBED_KINDS
    src: str = ""
    text: str = ""


@dataclass(frozen=True)
class Suppression:
    """`<!-- nofame ignore RULE -->`: silences rules in one span of one field (or all fields)."""

    rules: frozenset[str]
    field: str | None = None  # None: the whole article
    start: int = 0
    end: int = 0

    def covers(self, rule: str, field_name: str, start: int) -> bool:
        if rule not in self.rules and "all" not in self.rules:
            return False
        if self.field is None:
            return True
        return self.field == field_name and self.start <= start < self.end


@dataclass(frozen=True)
class Article:
    headline: str = ""
    dek: str = ""
    body: str = ""
    title: str = ""  # page <title> / og:title / JSON-LD headline when it differs from the headline
    images: tuple[Image, ...] = ()
    links: tuple[Link, ...] = ()
    embeds: tuple[Embed, ...] = ()
    url: str = ""
    published: str = ""
    outlet: str = ""
    language: str = "en"
    media: frozenset[str] = field(default_factory=frozenset)
    suppressions: tuple[Suppression, ...] = ()
    # (start, end) of body paragraphs a plain-text source read as photo captions the page's text kept
    # (nofame.sources.captions): still story text to every rule, and a photo to the image rules.
    body_captions: tuple[tuple[int, int], ...] = ()

    @property
    def slug(self) -> str:
        """The last path segment of the URL, words separated by spaces ("gunman-kills-8" -> ...)."""
        if not self.url:
            return ""
        segments = [s for s in urlsplit(self.url).path.split("/") if s]
        if not segments:
            return ""
        last = unquote(segments[-1]).rsplit(".", 1)[0]
        return " ".join(part for part in last.replace("_", "-").split("-") if part)

    def fields(self) -> dict[str, str]:
        """Every non-empty text field by name; captions and alt texts are numbered by image."""
        named = {"headline": self.headline, "dek": self.dek, "title": self.title, "slug": self.slug}
        out = {name: text for name, text in named.items() if text.strip()}
        if self.body.strip():
            out["body"] = self.body
        for i, image in enumerate(self.images):
            if image.caption.strip():
                out[f"caption[{i}]"] = image.caption
            if image.alt.strip():
                out[f"alt[{i}]"] = image.alt
        return out

    def is_suppressed(self, rule: str, field_name: str, start: int) -> bool:
        return any(s.covers(rule, field_name, start) for s in self.suppressions)


def field_kind(field_name: str) -> str:
    """`caption[2]` -> `caption`."""
    return field_name.split("[", 1)[0]


def image_index(field_name: str) -> int | None:
    """`caption[2]` -> 2; None for fields that are not about an image."""
    if "[" not in field_name:
        return None
    return int(field_name.split("[", 1)[1].rstrip("]"))
