"""Plain text, Markdown, CMS JSON and file loading."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from nofame.article import Embed, Image, Link, Suppression
from nofame.errors import InputError
from nofame.sources import (
    article_from_json,
    article_from_markdown,
    article_from_text,
    decode_bytes,
    load_article,
    sniff_format,
)
from nofame.sources.captions import caption_kind


def _write(tmp_path: Path, name: str, data: bytes | str) -> str:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return str(path)


# --- bytes -------------------------------------------------------------------------------------


def test_invalid_utf8_names_the_byte_offset(tmp_path: Path) -> None:
    data = b"Police said the caf" + b"\xe9" + b" was closed."
    with pytest.raises(InputError, match=r"not valid UTF-8 at byte 19"):
        decode_bytes(data)
    path = _write(tmp_path, "draft.txt", data)
    with pytest.raises(InputError, match=r"draft\.txt is not valid UTF-8 at byte 19"):
        load_article(path)


def test_binary_files_are_refused(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    with pytest.raises(InputError, match=r"binary file, not text \(NUL byte at byte 8\)"):
        load_article(_write(tmp_path, "photo.txt", png))
    noisy = bytes([1, 2, 3, 4, 5, 6, 7, 8, 65]) * 50
    with pytest.raises(InputError, match="binary file"):
        decode_bytes(noisy)


@pytest.mark.parametrize("content", ["", "   \n\n\t  \n"])
def test_empty_draft(tmp_path: Path, content: str) -> None:
    with pytest.raises(InputError, match=r"^the draft is empty$"):
        load_article(_write(tmp_path, "draft.txt", content))
    with pytest.raises(InputError, match=r"^the draft is empty$"):
        article_from_text(content)
    with pytest.raises(InputError, match=r"^the draft is empty$"):
        article_from_markdown(content)


def test_bom_and_crlf(tmp_path: Path) -> None:
    data = "\ufeffFirst paragraph here.\r\n\r\nSecond one.\r\n".encode()
    assert decode_bytes(data) == "First paragraph here.\n\nSecond one.\n"
    article = load_article(_write(tmp_path, "draft.txt", data))
    assert article.body == "First paragraph here.\n\nSecond one."
    assert not article.body.startswith("\ufeff")


def test_utf16_with_bom_is_accepted() -> None:
    assert decode_bytes("Vigil tonight.\r\n".encode("utf-16")) == "Vigil tonight.\n"


def test_oversized_file_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: no 50 MB written to disk
        handle.seek(50_000_001)
        handle.write(b"x")
    with pytest.raises(InputError, match="larger than 50 MB"):
        load_article(str(path))


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_article(str(tmp_path / "nope.txt"))
    with pytest.raises(InputError, match="is a directory"):
        load_article(str(tmp_path))


def test_unknown_format() -> None:
    with pytest.raises(InputError, match="unknown format 'docx'"):
        load_article("-", fmt="docx", stdin=io.BytesIO(b"text"))


# --- plain text --------------------------------------------------------------------------------


def test_text_paragraphs_and_spaces() -> None:
    article = article_from_text(
        "  The suspect   was arrested\non Monday.\n\n\n Police  thanked\tthe public. \n", headline="Arrest made"
    )
    assert article.headline == "Arrest made"
    assert article.body == "The suspect was arrested on Monday.\n\nPolice thanked the public."
    assert article.media == frozenset()
    assert article.suppressions == ()


def test_text_without_blank_lines_has_one_paragraph_per_line() -> None:
    article = article_from_text("One line.\nAnother line.\nThird.")
    assert article.body == "One line.\n\nAnother line.\n\nThird."


def test_text_strips_invisible_word_breakers() -> None:
    assert article_from_text("Ro\u00adbert Smith\u200b said.").body == "Robert Smith said."


def test_text_suppression_comments() -> None:
    text = "<!-- nofame ignore graphic-detail -->\nFirst.\n\n<!-- nofame ignore name-repetition -->\nSecond."
    article = article_from_text(text)
    assert article.body == "First.\n\nSecond."
    assert article.suppressions == (
        Suppression(frozenset({"graphic-detail"})),
        Suppression(frozenset({"name-repetition"}), "body", 8, 15),
    )


def test_headline_only_text_is_not_empty() -> None:
    assert article_from_text("", headline="Shooting at mall").headline == "Shooting at mall"


def test_stdin(tmp_path: Path) -> None:
    article = load_article("-", stdin=io.BytesIO(b"From a pipe.\n"), headline="Piped")
    assert (article.headline, article.body) == ("Piped", "From a pipe.")


# --- Markdown ----------------------------------------------------------------------------------

MARKDOWN = """\
<!-- nofame ignore perpetrator-photo -->
# Three killed in Riverside Mall shooting

![Candles outside Riverside Mall](https://cdn.example/vigil.jpg)
*Mourners light candles outside the mall on Saturday night.*

Three people were killed when a gunman opened fire near the food court, [police said](https://police.example/0511).

<!-- nofame ignore name-repetition, shooter-name -->
The suspect, a 24-year-old man, was booked on three counts of murder.

![Chief Maria Delgado](/img/chief.jpg "Police Chief Maria Delgado speaks at a briefing.")

## Where to get help

Anyone needing support can call the county crisis line.

<iframe src="https://www.youtube.com/embed/abc123" title="Police briefing"></iframe>
"""


def test_markdown_fields() -> None:
    article = article_from_markdown(MARKDOWN)
    assert article.headline == "Three killed in Riverside Mall shooting"
    assert article.dek == ""
    assert article.body == (
        "Three people were killed when a gunman opened fire near the food court, police said.\n\n"
        "The suspect, a 24-year-old man, was booked on three counts of murder.\n\n"
        "Where to get help\n\n"
        "Anyone needing support can call the county crisis line."
    )
    assert article.images == (
        Image(
            src="https://cdn.example/vigil.jpg",
            alt="Candles outside Riverside Mall",
            caption="Mourners light candles outside the mall on Saturday night.",
            lead=True,
        ),
        Image(
            src="/img/chief.jpg",
            alt="Chief Maria Delgado",
            caption="Police Chief Maria Delgado speaks at a briefing.",
            lead=False,
        ),
    )
    assert article.links == (Link("https://police.example/0511", "police said"),)
    assert article.embeds == (Embed("video", "https://www.youtube.com/embed/abc123", "Police briefing"),)
    assert article.media == frozenset({"images", "links", "embeds"})


def test_markdown_suppression_offsets() -> None:
    article = article_from_markdown(MARKDOWN)
    whole, paragraph = article.suppressions
    assert whole == Suppression(frozenset({"perpetrator-photo"}))
    assert paragraph == Suppression(frozenset({"name-repetition", "shooter-name"}), "body", 86, 155)
    assert article.body[paragraph.start : paragraph.end] == (
        "The suspect, a 24-year-old man, was booked on three counts of murder."
    )
    assert article.is_suppressed("shooter-name", "body", 90)
    assert not article.is_suppressed("shooter-name", "body", 10)
    assert article.is_suppressed("perpetrator-photo", "caption[0]", 0)


def test_markdown_comment_after_headline_covers_first_paragraph() -> None:
    article = article_from_markdown("# Headline\n\n<!-- nofame ignore all -->\n\nFirst.\n\nSecond.")
    assert article.suppressions == (Suppression(frozenset({"all"}), "body", 0, 6),)


def test_markdown_italic_caption_in_next_paragraph_and_no_headline() -> None:
    article = article_from_markdown("![A vigil](v.jpg)\n\n_Hundreds attend a vigil._\n\nStory text.")
    assert article.headline == ""
    assert article.body == "Story text."
    assert article.images == (Image("v.jpg", "A vigil", "Hundreds attend a vigil.", lead=True),)


def test_markdown_image_after_text_is_not_lead() -> None:
    article = article_from_markdown("# H\n\nText first.\n\n![Alt](a.jpg)")
    assert article.images == (Image("a.jpg", "Alt", "", lead=False),)


def test_markdown_file_by_extension(tmp_path: Path) -> None:
    article = load_article(_write(tmp_path, "draft.md", "# Title here\n\nBody *text*."))
    assert (article.headline, article.body) == ("Title here", "Body text.")


# --- format sniffing ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ('{"body": "x"}', "json"),
        ("<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
        ("<p>Fragment</p>", "html"),
        ("# Headline\n\nBody", "markdown"),
        ("See [the report](https://example.org).", "markdown"),
        ("Just a draft. #1 priority.", "text"),
    ],
)
def test_sniff_format(text: str, fmt: str) -> None:
    assert sniff_format(text) == fmt


def test_sniffed_file_without_extension(tmp_path: Path) -> None:
    article = load_article(_write(tmp_path, "draft", "# Sniffed headline\n\nBody."))
    assert article.headline == "Sniffed headline"


# --- CMS JSON ----------------------------------------------------------------------------------


def test_json_fields() -> None:
    article = article_from_json(
        {
            "headline": "Vigil  held for victims",
            "dek": "Hundreds attend",
            "body": "First paragraph.\n\nSecond paragraph.",
            "captions": ["Mourners at the vigil.", "  "],
            "url": "https://news.example/2024/vigil-held-for-victims",
            "published": "2024-05-12",
            "outlet": "The Valley Ledger",
            "profile": "ignored by the source layer",
        }
    )
    assert article.headline == "Vigil held for victims"
    assert article.body == "First paragraph.\n\nSecond paragraph."
    assert article.images == (Image(caption="Mourners at the vigil."),)
    assert article.media == frozenset({"images"})
    assert article.slug == "vigil held for victims"
    assert (article.published, article.outlet) == ("2024-05-12", "The Valley Ledger")


def test_json_body_only_has_no_media() -> None:
    assert article_from_json({"body": "Text."}).media == frozenset()


def test_json_html_fragment_with_overrides() -> None:
    html = (
        "<h1>From the CMS</h1><figure><img src='a.jpg' alt='Scene'><figcaption>Police at the scene."
        "</figcaption></figure><p>Story <a href='https://x.example/'>link</a>.</p>"
        "<blockquote class='twitter-tweet'><p>Stay away from the area.</p></blockquote>"
    )
    article = article_from_json(
        {"html": html, "headline": "Edited headline", "captions": ["Police at the scene.", "Second."]}
    )
    assert article.headline == "Edited headline"
    assert article.body == "Story link."
    assert article.images == (
        Image("a.jpg", "Scene", "Police at the scene.", lead=True),
        Image(caption="Second."),
    )
    assert article.embeds == (Embed("tweet", "", "Stay away from the area."),)
    assert article.media == frozenset({"images", "links", "embeds"})


@pytest.mark.parametrize(
    ("obj", "message"),
    [
        ({"headline": "No body"}, "needs a 'body', 'html' or 'url' field"),
        ({"body": 12}, "'body' must be a string, not a number"),
        ({"body": "x", "captions": "one"}, "'captions' must be a list of strings"),
        ({"body": "x", "captions": [1]}, "'captions' must be a list of strings"),
        ({"body": "x", "headline": ["a"]}, "'headline' must be a string, not a list"),
        ({"body": "  "}, "the draft is empty"),
    ],
)
def test_json_errors(obj: dict[str, object], message: str) -> None:
    with pytest.raises(InputError, match=message):
        article_from_json(obj)


def test_json_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "story.json", json.dumps({"headline": "H", "body": "B."}))
    assert load_article(path).body == "B."
    with pytest.raises(InputError, match="invalid JSON at line 1 column 2"):
        load_article(_write(tmp_path, "bad.json", "{oops"))
    with pytest.raises(InputError, match="must be an object"):
        load_article(_write(tmp_path, "list.json", "[1, 2]"))


@pytest.mark.parametrize(
    ("paragraph", "kind"),
    [
        ("Mourners at the vigil on Sunday. (AP Photo/Jane Roe)", "credit"),
        ("Flowers at the scene on Monday. Picture: PA", "credit"),
        ("Candles outside the church. Photograph: Jane Roe/Reuters", "credit"),
        ("Jane Roe/AFP", "credit"),
        ("The suspect pictured in a police mugshot", "phrase"),
        ("Police identify the man in this photo as the gunman.", "phrase"),
        ("Darrel Vickers", "name-line"),
        ("Darrel Vickers Darrel Vickers", "name-line"),  # the caption, then the same words as alt text
        ("Darrel Vickers (Twitter)", "name-line"),
        ("Candles outside the church on Sunday Candles outside the church on Sunday", "doubled"),
        ("This undated photo provided by his brother shows Darrel Vickers", "phrase"),
        ("Darrel Vickers, left, in court on March 4", "phrase"),
        ("Darrel Vickers (right) with his lawyer", "phrase"),
        ("A yearbook photo of Darrel Vickers", "phrase"),
        # what the photo shows him doing, in a caption's present tense
        ("Darrel Vickers arrives at the courthouse in Akron", "phrase"),
        ("Darrel Vickers, 41, is escorted into court", "phrase"),
        ("Darrel Vickers in court", "phrase"),
        ("Darrel Vickers after being taken into custody on Friday", "phrase"),
        # story text, not captions
        ("Darrel Vickers appeared in court on Monday.", None),
        ("Police said Darrel Vickers arrives at work at nine.", None),
        ("Police said the gunman turned left, then right, at the junction.", None),
        ("Police released a booking photo of the suspect on Tuesday.", None),
        ("Police confirmed the arrest to AFP.", None),
        ("The gunman killed four people. " * 12 + "(AP Photo/Jane Roe)", None),  # too long for a caption
        ("Four people were killed at the bar on Friday night, police said.", None),
    ],
)
def test_caption_kinds(paragraph: str, kind: str | None) -> None:
    assert caption_kind(paragraph) == kind


def test_a_caption_kept_in_pasted_text_means_an_image() -> None:
    with_caption = article_from_text("Four people were killed.\n\nMourners at the vigil. (AP Photo/Jane Roe)\n\nMore.")
    assert with_caption.media == frozenset({"images"})
    assert "Mourners at the vigil" in with_caption.body  # kept in place: findings point into the text pasted
    assert article_from_text("Four people were killed.\n\nThe victims were named.").media == frozenset()


def test_a_name_alone_is_a_caption_only_between_whole_paragraphs() -> None:
    portrait = article_from_text("Four people were killed.\n\nDarrel Vickers\n\nPolice said he acted alone.")
    assert [portrait.body[s:e] for s, e in portrait.body_captions] == ["Darrel Vickers"]
    # A link's text cut out of a sentence is a fragment of it, not a caption.
    fragment = article_from_text("It was in prison that\n\nDarrel Vickers\n\n, sentenced in 2005, changed.")
    assert fragment.body_captions == ()


def test_the_paragraph_after_a_pages_caption_label_is_a_caption() -> None:
    article = article_from_text(
        "Four people were killed.\n\nImage source, Reuters\nImage caption,\n\nDarrel Vickers was arrested on Monday"
        "\n\nPolice said he acted alone."
    )
    assert [article.body[s:e] for s, e in article.body_captions] == ["Darrel Vickers was arrested on Monday"]
    sale = article_from_text(
        "Four people were killed.\n\nEnlarge Image Request to buy this photo\n\nDarrel Vickers was sentenced on "
        "Monday\n\nPolice said he acted alone."
    )
    assert "Darrel Vickers was sentenced on Monday" in [sale.body[s:e] for s, e in sale.body_captions]


def test_a_caption_in_a_json_body_is_read_too() -> None:
    article = article_from_json({"headline": "Four killed", "body": "Four died.\n\nCandles. (AP Photo/Jane Roe)"})
    assert [article.body[s:e] for s, e in article.body_captions] == ["Candles. (AP Photo/Jane Roe)"]
    assert "images" in article.media
