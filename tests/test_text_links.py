"""Links written as text (Markdown links, bare URLs, hosts with a path) in every field reach the link rules."""

from __future__ import annotations

import json
from typing import Any

import pytest
from flask import Flask

from nofame.server import create_app
from nofame.settings import Settings
from nofame.text_links import text_links

LEDE = "A gunman killed nine people at the Riverside Mall on Saturday, police said. The suspect was arrested. "
MARKDOWN = "Before the attack he posted a long document online ([see the post](https://pastebin.com/abc123))."
BARE = "He posted his manifesto at https://example.org/files/doc.html an hour before the shooting."
POINTER = "Police said the gunman wrote a manifesto, which can be downloaded from several forums."


def test_text_links_are_found_with_their_offsets() -> None:
    text = f"{MARKDOWN} Mirror: https://8kun.top/pol/1.html. Also www.example.org/x and 8kun.top/pol/2; e.g. 3.5 km."
    found = [(text[link.start : link.end], link.href) for link in text_links(text)]
    assert found == [
        ("[see the post](https://pastebin.com/abc123)", "https://pastebin.com/abc123"),
        ("https://8kun.top/pol/1.html", "https://8kun.top/pol/1.html"),
        ("www.example.org/x", "www.example.org/x"),
        ("8kun.top/pol/2", "8kun.top/pol/2"),
    ]
    assert list(text_links("Mr.Smith said the U.S. team won 3.5 to 2.")) == []


@pytest.fixture(scope="module")
def app(checker: Any) -> Flask:
    config = {"NOFAME_CHECKER": checker, "NOFAME_READ_ENV": False, "NOFAME_SETTINGS": Settings()}
    return create_app({**config, "NOFAME_RATE_LIMIT": "10000 per minute"})


def _rules(report: dict[str, Any], field: str) -> list[tuple[str, str]]:
    return [(f["rule"], f["text"]) for f in report["findings"] if f["field"] == field]


@pytest.mark.parametrize(
    ("pointer", "expected"),
    [
        (MARKDOWN, "[see the post](https://pastebin.com/abc123)"),
        (BARE, "https://example.org/files/doc.html"),
        (POINTER, "manifesto, which can be downloaded"),
    ],
)
def test_pointers_in_body_dek_and_captions(app: Flask, pointer: str, expected: str) -> None:
    client = app.test_client()
    headline = "Nine killed in Riverside Mall shooting"
    for article, field in [
        ({"body": LEDE + pointer}, "body"),
        ({"body": LEDE, "dek": pointer}, "dek"),
        ({"body": LEDE, "captions": [pointer]}, "caption[0]"),
    ]:
        report = client.post("/api/v1/check", json={"headline": headline, **article}).get_json()
        assert ("manifesto-link", expected) in _rules(report, field), (field, report["findings"])
        hit = next(f for f in report["findings"] if f["rule"] == "manifesto-link")
        assert hit["severity"] == "critical" and report["score"] <= 70


def test_languagetool_data_with_a_bare_url(app: Flask) -> None:
    data = {"annotation": [{"text": LEDE}, {"markup": "<p>"}, {"text": BARE}]}
    response = app.test_client().post("/v2/check", data={"data": json.dumps(data), "language": "en-US"})
    matches = response.get_json()["matches"]
    hit = [m for m in matches if m["rule"]["id"] == "manifesto-link"]
    assert hit, [m["rule"]["id"] for m in matches]


def test_a_link_to_a_video_host_with_footage_words(app: Flask) -> None:
    body = LEDE + "The attack video the gunman made was shared at https://streamable.com/abc123 by users."
    report = app.test_client().post("/api/v1/check", json={"headline": "Nine killed", "body": body}).get_json()
    assert ("attack-video", "https://streamable.com/abc123") in _rules(report, "body")
