"""HTML pages and fragments -> Article, on small news pages written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from nofame.article import Article, Embed, Image, Link, Suppression
from nofame.errors import InputError
from nofame.sources import article_from_html, article_from_json, load_article

DATA = Path(__file__).parent / "data" / "sources"
URL = "https://www.valleyledger.example/news/2024/05/11/three-killed-riverside-mall/"


def _page(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def riverside() -> Article:
    return article_from_html(_page("riverside_shooting.html"), url=URL)


def test_riverside_display_fields(riverside: Article) -> None:
    assert riverside.headline == "Three killed in Riverside Mall shooting, police say"  # JSON-LD
    assert riverside.title == "Three killed in Riverside Mall shooting, police say - The Valley Ledger"
    assert riverside.dek == "Two people remain in hospital after the attack near the food court."
    assert riverside.published == "2024-05-11T18:05:00Z"  # JSON-LD wins over article:published_time
    assert riverside.outlet == "The Valley Ledger"
    assert riverside.language == "en"
    assert riverside.url == URL
    assert riverside.slug == "three killed riverside mall"
    assert riverside.media == frozenset({"images", "links", "embeds"})


def test_riverside_body_has_story_only(riverside: Article) -> None:
    paragraphs = riverside.body.split("\n\n")
    assert paragraphs[0] == (
        "Three people were killed and two others wounded when a gunman opened fire near the food "
        "court of Riverside Mall on Saturday afternoon, police said."
    )
    assert len(paragraphs) == 5
    assert paragraphs[-1].endswith("our guide to coping with traumatic news lists more resources.")
    for boilerplate in ("Subscribe", "Most read", "All rights reserved", "By Jordan Ellis", "heartbroken"):
        assert boilerplate not in riverside.body
    for display in (riverside.headline, riverside.dek, "Mourners light candles"):
        assert display not in riverside.body
    assert "  " not in riverside.body and "\n\n\n" not in riverside.body


def test_riverside_images(riverside: Article) -> None:
    assert riverside.images == (
        Image(
            src="https://cdn.valleyledger.example/img/vigil-lead.jpg",
            alt="Candles at a vigil outside Riverside Mall",
            caption="Mourners light candles outside Riverside Mall on Saturday night. (Photo: Priya Nair)",
            lead=True,
        ),
        Image(
            src="https://www.valleyledger.example/img/delgado-briefing.jpg",
            alt="Police Chief Maria Delgado at a podium",
            caption="Police Chief Maria Delgado speaks at a briefing on Saturday evening.",
            lead=False,
        ),
    )


def test_riverside_links_skip_navigation(riverside: Article) -> None:
    assert riverside.links == (
        Link("https://police.valley.example/releases/0511", "a statement from the police department"),
        Link("https://www.valleyledger.example/resources/grief", "our guide to coping with traumatic news"),
    )


def test_riverside_embeds(riverside: Article) -> None:
    assert riverside.embeds == (
        Embed(
            "tweet",
            "https://twitter.com/ValleyRedCross/status/1789",
            "We are heartbroken by the news from Riverside Mall tonight. Please give blood if you can. "
            "— Valley Red Cross (@ValleyRedCross) May 11, 2024",
        ),
        Embed("video", "https://www.youtube.com/embed/abc123XYZ", "Police briefing on Riverside Mall shooting"),
    )


def test_riverside_suppression_covers_the_next_paragraph(riverside: Article) -> None:
    (suppression,) = riverside.suppressions
    assert suppression.rules == frozenset({"name-in-headline", "shooter-name"})
    assert (suppression.field, suppression.start, suppression.end) == ("body", 382, 519)
    assert riverside.body[suppression.start : suppression.end] == (
        "The suspect, a 24-year-old man from Eastfield, was booked on three counts of murder, "
        "according to a statement from the police department."
    )


def test_harbor_page_without_article_element() -> None:
    article = article_from_html(_page("harbor_vigil.html"), url="https://northcoast.example/local/vigil.html")
    assert article.headline == "Hundreds gather at Harbor Park to remember victims"  # og:title
    assert article.title == "Hundreds gather at Harbor Park to remember victims | North Coast Courier"
    assert article.dek == "Families asked that the six people killed be remembered for how they lived"  # h2
    assert article.published == "2023-09-02T21:00:00-07:00"
    assert article.outlet == "North Coast Courier"
    assert article.body.startswith("Hundreds of people filled Harbor Park")
    assert "Copyright" not in article.body and "Weather" not in article.body
    assert "A post shared by" not in article.body
    assert article.images == (
        Image(
            src="https://northcoast.example/local/photos/harbor-candles.jpg",
            alt="People holding candles at Harbor Park",
            caption="A candlelight vigil at Harbor Park on Friday.",  # img title, no figcaption
            lead=True,  # first image above the story text
        ),
    )
    assert [e.kind for e in article.embeds] == ["instagram", "video", "iframe"]
    assert article.embeds[0] == Embed(
        "instagram", "https://www.instagram.com/p/Cx1/", "A post shared by North Coast Courier"
    )
    assert article.links == (Link("https://988lifeline.org/", "988 Suicide and Crisis Lifeline"),)


def test_short_brief_is_kept() -> None:
    article = article_from_html(_page("short_brief.html"))
    assert article.headline == "Man charged after stabbing at bus depot"
    assert article.body == (
        "A 31-year-old man was charged with assault on Monday after two people were hurt at the "
        "Central bus depot.\n\nBoth victims are expected to recover, police said."
    )


def test_truncated_page_still_parses() -> None:
    article = article_from_html(_page("truncated_page.html"))
    assert article.headline == "School lockdown lifted after threat"
    assert article.body.startswith("Lakeside High School lifted a two-hour lockdown")
    assert "Superintendent Karen Wu praised students" in article.body
    assert article.images[0].alt == "Students leaving Lakeside High"
    assert article.images[0].caption.startswith("Students leave Lakeside High on Tuesday")


def test_page_without_article_text() -> None:
    with pytest.raises(InputError, match=r"^no article text found in the HTML$"):
        article_from_html(_page("section_index.html"))


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><title>x</title></head></html>",
        "<!-- just a comment -->",
        "<html><body><nav><a href='/'>Home</a></nav><footer>(c) Paper</footer></body></html>",
        "<html><body><script>var x = 1;</script></body></html>",
        "  \n ",
    ],
)
def test_junk_html_gives_input_error(html: str) -> None:
    with pytest.raises(InputError):
        article_from_html(html)


def test_whole_document_keeps_everything_and_comments() -> None:
    html = """<!-- nofame ignore all -->
    <h1>Draft headline</h1>
    <nav>Kept: a draft has no site furniture</nav>
    <p>First <b>bold</b>&nbsp;paragraph.</p>
    <!-- nofame ignore graphic-detail -->
    <div>Second<br>third</div>
    <p>Text with a <!-- nofame ignore name-repetition --> comment inside.</p>
    """
    article = article_from_html(html, whole_document=True)
    assert article.headline == "Draft headline"
    assert article.body == (
        "Kept: a draft has no site furniture\n\nFirst bold paragraph.\n\nSecond\n\nthird\n\nText with a comment inside."
    )
    assert article.body[60:66] == "Second"
    assert article.suppressions == (
        Suppression(frozenset({"all"})),
        Suppression(frozenset({"graphic-detail"}), "body", 60, 66),
        Suppression(frozenset({"name-repetition"}), "body", 75, 102),
    )


def test_meta_fallbacks_and_og_image_not_in_page() -> None:
    html = """<html lang="en-GB"><head><title>Page title</title>
    <meta property="og:image" content="/share/card.jpg"><meta property="og:image:alt" content="Share card">
    <meta name="description" content="Meta description dek.">
    <link rel="canonical" href="https://paper.example/2024/gunman-kills-eight">
    <script type="application/ld+json">{"@graph": [{"@type": "WebSite"},
      {"@type": ["NewsArticle"], "headline": "Graph headline", "publisher": [{"name": "Paper"}]}]}</script>
    </head><body><article><p>Only paragraph of the story, long enough to count as text.</p>
    <div class="fb-post" data-href="https://www.facebook.com/police/posts/1">Police update</div>
    <blockquote class="tiktok-embed" cite="https://www.tiktok.com/@x/video/1"><p>clip</p></blockquote>
    <script async src="https://telegram.org/js/telegram-widget.js" data-telegram-post="news/43"></script>
    <iframe src="https://rumble.com/embed/v1"></iframe>
    </article></body></html>"""
    article = article_from_html(html)
    assert article.headline == "Graph headline"
    assert article.title == "Page title"
    assert article.dek == "Meta description dek."
    assert article.outlet == "Paper"
    assert article.language == "en"
    assert article.url == "https://paper.example/2024/gunman-kills-eight"
    assert article.slug == "gunman kills eight"
    assert article.images == (Image("https://paper.example/share/card.jpg", "Share card", "", lead=True),)
    assert article.embeds == (
        Embed("facebook", "https://www.facebook.com/police/posts/1", "Police update"),
        Embed("tiktok", "https://www.tiktok.com/@x/video/1", "clip"),
        Embed("telegram", "https://t.me/news/43", ""),
        Embed("video", "https://rumble.com/embed/v1", ""),
    )
    assert article.body == "Only paragraph of the story, long enough to count as text."


def test_xml_declaration_and_entities() -> None:
    html = '<?xml version="1.0" encoding="utf-8"?><html><body><h1>A &amp; B</h1><p>Caf&eacute; &#8212; ok.</p>'
    article = article_from_html(html, whole_document=True)
    assert (article.headline, article.body) == ("A & B", "Café — ok.")


def test_html_file_with_declared_latin1_charset(tmp_path: Path) -> None:
    html = '<html><head><meta charset="iso-8859-1"><title>T</title></head><body><h1>Fire</h1>'
    html += "<article><p>The café owner spoke to reporters on Monday evening.</p></article></body></html>"
    path = tmp_path / "page.html"
    path.write_bytes(html.encode("latin-1"))
    article = load_article(str(path))
    assert article.body == "The café owner spoke to reporters on Monday evening."


def test_load_html_fixture_by_extension() -> None:
    article = load_article(str(DATA / "riverside_shooting.html"), headline="Override headline")
    assert article.headline == "Override headline"
    assert article.dek == "Two people remain in hospital after the attack near the food court."


def test_cms_json_with_full_page_html_uses_page_extraction() -> None:
    article = article_from_json({"html": _page("riverside_shooting.html"), "outlet": "Ledger"})
    assert article.outlet == "Ledger"
    assert article.body.startswith("Three people were killed")
    assert "Subscribe" not in article.body


def test_html_file_mislabelled_latin1_but_utf8(tmp_path: Path) -> None:
    html = '<html><head><meta charset="iso-8859-1"></head><body><p>The café reopened on Tuesday.</p></body></html>'
    path = tmp_path / "page.html"
    path.write_bytes(html.encode("utf-8"))
    assert load_article(str(path)).body == "The café reopened on Tuesday."


def test_teaser_articles_outside_the_story_are_not_the_article_area() -> None:
    html = """<html><body><div class="story"><h1>Lockdown lifted</h1>
    <p>Police found no weapon at the school, the district said on Tuesday afternoon.</p>
    <p>Read the <a href="/district-statement">district statement</a> for details.</p></div>
    <section><article><p><a href="/other">Other story teaser</a> with a longer blurb under it for readers.</p>
    </article></section></body></html>"""
    article = article_from_html(html, url="https://paper.example/news/lockdown")
    assert Link("https://paper.example/district-statement", "district statement") in article.links
    assert "Police found no weapon at the school" in article.body


def test_logo_h1_does_not_hide_the_story_article() -> None:
    html = """<html><body><header><h1><a href="/">Lakeside Daily</a></h1></header>
    <article><h2>Lockdown lifted</h2><p>Police found no weapon at the school, the district said.</p>
    <p>See the <a href="/statement">statement</a>.</p></article></body></html>"""
    article = article_from_html(html, url="https://paper.example/news/lockdown")
    assert article.links == (Link("https://paper.example/statement", "statement"),)
