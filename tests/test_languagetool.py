"""The LanguageTool face: a real `language_tool_python` client pointed at a running nofame server, on
text with emoji (offsets in UTF-16 units), annotated text with markup, the protocol's switches and errors."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import language_tool_python
import pytest
import requests
from flask import Flask
from openapi_schema_validator import OAS31Validator

from nofame.checker import Checker, check
from nofame.render.languagetool import ClientText, Utf16Index, _widen_insertion, align
from nofame.server import create_app
from nofame.server.languagetool import article_of_text, split_headline
from nofame.server.serve import BackgroundServer
from nofame.settings import Settings
from nofame.sources.text import article_from_text

HEADLINE = "Lone wolf Darrel Vickers kills four in Dayton 😢"
PARAGRAPHS = [
    "Darrel Vickers opened fire inside the Blue Lantern bar on Friday night, killing four people and wounding six, "
    "police said. 🕯️🕯️",
    "😢 Police identified the gunman as Darrel Vickers, 31, of Springfield. Vickers, a loner who snapped after losing "
    "his job, carried a rifle, investigators said.",
    '📝 Vickers had posted a rambling manifesto online hours before the attack. "They will remember my name," '
    "Vickers wrote in the document. 🇺🇸",
    "The attack was the bloodbath the city had feared, one resident said. Vickers was arrested as officers arrived.",
]
TEXT = HEADLINE + "\n\n" + "\n\n".join(PARAGRAPHS)
SPAN_RULES = {"name-in-headline", "mythologizing-label", "name-repetition", "manifesto-quote", "sensational-language"}


@pytest.fixture(scope="module")
def server_url(app: Flask) -> Iterator[str]:
    with BackgroundServer(app, threads=2) as url:
        yield url


@pytest.fixture(scope="module")
def tool(server_url: str) -> Iterator[language_tool_python.LanguageTool]:
    client = language_tool_python.LanguageTool("en-US", remote_server=server_url)
    yield client
    client.close()


@pytest.fixture(scope="module")
def spec(app: Flask) -> dict[str, Any]:
    return app.test_client().get("/api/v1/openapi.json").get_json()


def utf16_slice(text: str, offset: int, length: int) -> str:
    units = text.encode("utf-16-le")
    return units[2 * offset : 2 * (offset + length)].decode("utf-16-le")


def documented(spec: dict[str, Any], path: str, method: str, response: Any) -> None:
    operation = spec["paths"][path][method]
    schema = operation["responses"][str(response.status_code)]["content"]["application/json"]["schema"]
    OAS31Validator({**schema, "components": spec["components"]}).validate(response.get_json())


def expected_spans(checker: Checker, text: str) -> set[tuple[str, str]]:
    article, _ = article_of_text(text)
    report = check(checker, article, Settings())
    return {(f.rule, f.text.strip()) for f in report.findings if f.rule in SPAN_RULES}


# ---------- a real client ----------


def test_language_tool_python_client_gets_right_offsets_with_emoji(
    tool: language_tool_python.LanguageTool, checker: Checker
) -> None:
    assert str(tool.language) == "en-US"
    matches = tool.check(TEXT)
    assert matches, "nofame found nothing"
    assert {m.category for m in matches} == {"NOFAME"}
    found = set()
    for m in matches:
        # the client converts LanguageTool's UTF-16 offsets back to Python (code point) offsets
        flagged = TEXT[m.offset : m.offset + m.error_length]
        assert flagged.strip(), m
        if m.rule_id in SPAN_RULES:
            found.add((m.rule_id, flagged.strip()))  # a deletion takes the space before it along
    assert found == expected_spans(checker, TEXT)
    assert ("mythologizing-label", "Lone wolf") in found
    assert any(rule == "name-repetition" and text.startswith("Vickers") for rule, text in found)


def test_language_tool_python_correct_applies_replacements(tool: language_tool_python.LanguageTool) -> None:
    corrected = tool.correct(TEXT)
    headline = corrected.split("\n\n", 1)[0]
    assert "Vickers" not in headline
    assert "lone-actor attacker" in corrected.lower()
    for emoji in ("😢", "🕯️", "📝", "🇺🇸"):
        assert corrected.count(emoji) == TEXT.count(emoji)
    assert "1-800-CALL-FBI" in corrected  # the help box was appended after the last word


def test_raw_response_is_languagetool_shaped(server_url: str, spec: dict) -> None:
    response = requests.post(f"{server_url}/v2/check", data={"text": TEXT, "language": "en-US"}, timeout=30)
    assert response.status_code == 200
    data = response.json()
    assert set(data) >= {"software", "language", "matches"}
    assert data["language"]["code"] == "en-US"
    for match in data["matches"]:
        flagged = utf16_slice(TEXT, match["offset"], match["length"])
        context = match["context"]
        in_context = utf16_slice(context["text"], context["offset"], context["length"])
        assert flagged.replace("\n", " ") == in_context
        assert match["rule"]["category"] == {"id": "NOFAME", "name": "No Notoriety (nofame)"}
        assert match["rule"]["issueType"] in ("non-conformance", "style")
        assert match["sentence"]
        assert all(set(r) == {"value"} for r in match["replacements"])
    offsets = [m["offset"] for m in data["matches"]]
    assert offsets == sorted(offsets)
    # the last emoji-bearing paragraphs shift UTF-16 offsets past code point offsets
    last = max(data["matches"], key=lambda m: m["offset"])
    assert last["offset"] > len(TEXT[: TEXT.index("🇺🇸")]) - 1


def test_languages_endpoint(server_url: str, spec: dict, app: Flask) -> None:
    data = requests.get(f"{server_url}/v2/languages", timeout=10).json()
    assert {"name": "English (US)", "code": "en", "longCode": "en-US"} in data
    documented(spec, "/v2/languages", "get", app.test_client().get("/v2/languages"))


# ---------- annotated text (editors that send markup) ----------


def test_annotated_text_offsets_count_markup(app: Flask, spec: dict) -> None:
    parts = [{"markup": "<h1>"}, {"text": HEADLINE}, {"markup": "</h1>", "interpretAs": "\n\n"}]
    for paragraph in PARAGRAPHS:
        parts += [{"markup": '<p class="x">'}, {"text": paragraph}, {"markup": "</p>", "interpretAs": "\n\n"}]
    original = "".join(p.get("text", p.get("markup", "")) for p in parts)
    response = app.test_client().post("/v2/check", data={"data": json.dumps({"annotation": parts}), "language": "en"})
    assert response.status_code == 200
    documented(spec, "/v2/check", "post", response)
    matches = response.get_json()["matches"]
    flagged = {(m["rule"]["id"], utf16_slice(original, m["offset"], m["length"])) for m in matches}
    assert ("mythologizing-label", "Lone wolf") in flagged
    assert any(rule == "name-in-headline" and "Vickers" in text for rule, text in flagged)
    for _, text in flagged:
        assert "<" not in text and ">" not in text  # spans never swallow markup


# ---------- the protocol's switches ----------


def rules_of(app: Flask, **form: str) -> set[str]:
    response = app.test_client().post("/v2/check", data={"text": TEXT, "language": "en-US", **form})
    assert response.status_code == 200, response.get_json()
    return {m["rule"]["id"] for m in response.get_json()["matches"]}


def test_rule_and_category_switches(app: Flask) -> None:
    everything = rules_of(app)
    assert "mythologizing-label" in everything
    assert "mythologizing-label" not in rules_of(app, disabledRules="mythologizing-label,WHITESPACE_RULE")
    assert rules_of(app, disabledCategories="NOFAME") == set()
    assert rules_of(app, enabledOnly="true", enabledRules="name-in-headline") == {"name-in-headline"}
    assert rules_of(app, enabledOnly="true", enabledCategories="NOFAME") == everything
    assert rules_of(app, enabledOnly="true", enabledRules="UPPERCASE_SENTENCE_START") == set()
    assert rules_of(app, language="auto") == everything


def test_nofame_extensions(app: Flask) -> None:
    strict = rules_of(app, profile="strict", perpetrator="Darrel Vickers")
    assert "name-in-headline" in strict


def test_empty_text_has_no_matches(app: Flask) -> None:
    response = app.test_client().post("/v2/check", data={"text": "  \n ", "language": "en-US"})
    assert response.status_code == 200 and response.get_json()["matches"] == []


@pytest.mark.parametrize(
    ("form", "content_type", "status", "code"),
    [
        ({"language": "en-US"}, None, 400, "missing_text"),
        ({"data": "{not json", "language": "en-US"}, None, 400, "malformed_json"),
        ({"data": '{"annotation": "x"}', "language": "en-US"}, None, 400, "malformed_json"),
        ({"data": '{"annotation": [{"foo": 1}]}', "language": "en-US"}, None, 400, "malformed_json"),
        ({"text": "Hallo Welt", "language": "de-DE"}, None, 400, "unsupported_language"),
        ({"text": "x", "language": "en", "profile": "lenient"}, None, 400, "invalid_option"),
    ],
)
def test_check_errors(app: Flask, spec: dict, form: dict, content_type: str | None, status: int, code: str) -> None:
    response = app.test_client().post("/v2/check", data=form)
    assert response.status_code == status
    assert response.get_json()["error"]["code"] == code
    documented(spec, "/v2/check", "post", response)


def test_json_body_is_unsupported_media_type(app: Flask, spec: dict) -> None:
    response = app.test_client().post("/v2/check", json={"text": "x", "language": "en"})
    assert response.status_code == 415
    documented(spec, "/v2/check", "post", response)


def test_api_key_as_bearer_or_form_field(checker: Checker) -> None:
    key = "nfk_languagetool_key_0123456789"
    client = create_app({"NOFAME_CHECKER": checker, "NOFAME_READ_ENV": False, "NOFAME_API_KEYS": [key]}).test_client()
    form = {"text": TEXT, "language": "en-US"}
    assert client.post("/v2/check", data=form).status_code == 401
    assert client.post("/v2/check", data={**form, "apiKey": "nfk_wrong", "username": "x"}).status_code == 401
    assert client.post("/v2/check", data={**form, "apiKey": key, "username": "desk"}).status_code == 200
    assert client.post("/v2/check", data=form, headers={"Authorization": f"Bearer {key}"}).status_code == 200
    assert client.get("/v2/languages").status_code == 200  # clients ask before they check


# ---------- offset plumbing ----------


def test_utf16_index() -> None:
    text = "a😢b🇺🇸c"
    index = Utf16Index(text)
    for i in range(len(text) + 1):
        assert index(i) == len(text[:i].encode("utf-16-le")) // 2


def test_align_maps_normalised_text_back() -> None:
    source = "First  line\nwraps here.\n\n\n<!-- nofame ignore all -->\nSecond\u00ad para😢graph.  "
    article = article_from_text(source)
    positions = align(article.body, source, 10)
    assert len(positions) == len(article.body) + 1
    for i, ch in enumerate(article.body):
        if not ch.isspace():
            assert source[positions[i] - 10] == ch
    start = article.body.index("para😢graph")
    assert source[positions[start] - 10 :].startswith("para😢graph")


def test_split_headline() -> None:
    assert split_headline("# Gunman kills four\n\nBody.") == ((2, 19), 21)
    assert split_headline("Gunman kills four\n\nBody.")[0] == (0, 17)
    assert split_headline("Gunman kills four.\n\nBody.") == (None, 0)  # a sentence, not a headline
    assert split_headline("One paragraph only") == (None, 0)
    assert split_headline("Line one\nline two\n\nBody.") == (None, 0)


def test_client_text_of_annotation() -> None:
    client = ClientText.of_annotation([("<b>", ""), ("Doe", None), ("</b>", ""), ("<br/>", "\n"), ("fled", None)])
    assert client.plain == "Doe\nfled"
    assert client.original == "<b>Doe</b><br/>fled"
    assert client.span(0, 3) == (3, 6)  # "Doe" without its tags
    assert client.span(4, 8) == (15, 19)


def test_insertion_widens_to_the_previous_word() -> None:
    assert _widen_insertion("He fled.", 8, ["\n\nHelp."]) == (3, 8, ["fled.\n\nHelp."])
    assert _widen_insertion("He fled.\n\n", 10, [" Help."]) == (3, 10, ["fled.\n\n Help."])
    assert _widen_insertion("Help", 0, ["Box. "]) == (0, 4, ["Box. Help"])
