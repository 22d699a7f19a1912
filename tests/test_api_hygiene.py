"""Hostile input to the real app: lone surrogates, deep nesting, oversized bodies at the server, log
forging. Every answer is a JSON error with the right status, never a 500 or plain text."""

from __future__ import annotations

import http.client
import json
import logging
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from nofame.server.serve import BackgroundServer

BODY = "Police said a gunman killed three people at the market on Saturday. The suspect was arrested."


@pytest.fixture(scope="module")
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def _post(client: FlaskClient, raw: str, path: str = "/api/v1/check") -> Any:
    return client.post(path, data=raw.encode("ascii"), content_type="application/json")


def _error(response: Any, status: int) -> dict[str, str]:
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    assert response.mimetype == "application/json"
    return response.get_json()["error"]


@pytest.mark.parametrize(
    ("raw", "where"),
    [
        ('{"body": "The gunman \\ud800 fired."}', "'body'"),
        ('{"body": "ok", "headline": "\\udfff"}', "'headline'"),
        ('{"body": "ok", "captions": ["fine", "bad \\udc00"]}', "'captions'[1]"),
        ('{"body": "ok", "\\ud83d": 1}', "a key"),
    ],
)
def test_lone_surrogates_are_400(client: FlaskClient, raw: str, where: str) -> None:
    for path in ("/api/v1/check", "/api/v1/rewrite"):
        error = _error(_post(client, raw, path), 400)
        assert error["code"] == "malformed_json"
        assert where in error["message"] and "lone surrogate" in error["message"]


def test_a_proper_surrogate_pair_is_fine(client: FlaskClient) -> None:
    response = _post(client, '{"body": "Mourners left flowers \\ud83d\\udc90 at the market. ' + BODY + '"}')
    assert response.status_code == 200


@pytest.mark.parametrize("depth", [33, 500, 5_000, 100_000])
def test_deep_nesting_is_400(client: FlaskClient, depth: int) -> None:
    raw = '{"body": "x", "captions": ' + "[" * depth + "]" * depth + "}"
    error = _error(_post(client, raw), 400)
    assert error == {"code": "malformed_json", "message": "the JSON is nested more than 32 levels deep"}


def test_deep_nesting_in_languagetool_data_is_400(client: FlaskClient) -> None:
    data = '{"annotation": ' + "[" * 50_000 + "]" * 50_000 + "}"
    response = client.post("/v2/check", data={"data": data, "language": "en-US"})
    assert "nested more than 32 levels" in _error(response, 400)["message"]
    data = json.dumps({"annotation": [{"text": "ok"}]}).replace("ok", "\\ud800")
    response = client.post("/v2/check", data={"data": data, "language": "en-US"})
    assert "lone surrogate" in _error(response, 400)["message"]


def test_control_characters_in_the_path_do_not_forge_log_lines(
    client: FlaskClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="nofame.server.access")
    client.get("/api/v1/x%0a2026-12-04 INFO request id=forged status=200%0d%1b[2J")
    lines = [r.getMessage() for r in caplog.records if r.name == "nofame.server.access"]
    assert len(lines) == 1
    assert "\n" not in lines[0] and "\r" not in lines[0] and "\x1b" not in lines[0]
    assert "path=/api/v1/x\\n2026-12-04 INFO request id=forged status=200\\r\\x1b[2J" in lines[0]


def _raw_post(url: str, headers: dict[str, str], body: bytes = b"") -> tuple[int, str, bytes]:
    host, port = url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        conn.putrequest("POST", "/api/v1/check")
        for name, value in headers.items():
            conn.putheader(name, value)
        conn.endheaders()
        if body:
            conn.send(body)
        response = conn.getresponse()
        return response.status, response.getheader("Content-Type", ""), response.read()
    finally:
        conn.close()


def test_bodies_over_the_limit_get_json_413_from_the_server_itself(app: Flask) -> None:
    with BackgroundServer(app, threads=1) as url:
        # 50 MB declared: refused from the headers, before a byte of the body is read.
        status, content_type, body = _raw_post(url, {"Content-Type": "application/json", "Content-Length": "50000000"})
        assert (status, content_type) == (413, "application/json")
        assert json.loads(body) == {
            "error": {"code": "too_large", "message": "the request is larger than the limit of 1,000,000 bytes"}
        }
        # Chunked, no length declared: refused once it passes the limit.
        chunk = b"x" * 600_000
        chunked = b"".join(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n" for _ in range(2)) + b"0\r\n\r\n"
        status, content_type, body = _raw_post(
            url, {"Content-Type": "application/json", "Transfer-Encoding": "chunked"}, chunked
        )
        assert (status, content_type) == (413, "application/json")
        assert json.loads(body)["error"]["code"] == "too_large"


# ---------- text as written: fullwidth letters, offsets into what the CMS sent ----------

MANIFESTO_BODY = (
    "Police said the gunman who killed nine people at the Riverside Mall posted a 70-page {w} online "
    "before the attack. The victims were mourned at a vigil on Sunday."
)


@pytest.mark.parametrize("word", ["ｍａｎｉｆｅｓｔｏ", "𝐦𝐚𝐧𝐢𝐟𝐞𝐬𝐭𝐨", "Ｍａｎｉｆｅｓｔｏ"])
def test_compatibility_letters_are_matched_with_offsets_into_the_original(client: FlaskClient, word: str) -> None:
    body = MANIFESTO_BODY.format(w=word)
    report = client.post("/api/v1/check", json={"headline": "Nine killed at mall", "body": body}).get_json()
    assert report["fields"]["body"] == body  # shown as written, not folded
    hits = [f for f in report["findings"] if f["rule"] == "manifesto-quote"]
    assert hits, [f["rule"] for f in report["findings"]]
    assert body[hits[0]["start"] : hits[0]["end"]] == word == hits[0]["text"]


def test_offsets_point_into_the_text_as_sent(client: FlaskClient) -> None:
    body = (
        "\ufeffPolice said the gunman, John Quokkaman, 24, opened fire.\r\n\r\n"
        "<!-- nofame ignore sensational-language -->\r\n"
        "Quokkaman   was   arrested.\r\n\r\nQuokkaman had posted online.\r\n\r\n"
        "Investigators said   Quokkaman acted alone.\r\n"
    )
    article = {"headline": "Gunman  kills  three\r\n", "body": body, "perpetrators": ["John Quokkaman"]}
    sent = client.post("/api/v1/check", json=article).get_json()
    assert sent["fields"]["body"] == body and sent["fields"]["headline"] == article["headline"]
    named = [f for f in sent["findings"] if f["field"] == "body" and f["rule"] == "name-repetition"]
    assert len(named) >= 2
    for finding in sent["findings"]:
        text = sent["fields"][finding["field"]]
        if finding["text"]:
            assert " ".join(text[finding["start"] : finding["end"]].split()) == " ".join(finding["text"].split())
    normalised = client.post("/api/v1/check", json={**article, "offsets": "normalised"}).get_json()
    assert "\r" not in normalised["fields"]["body"]
    assert [f["rule"] for f in normalised["findings"]] == [f["rule"] for f in sent["findings"]]
    response = client.post("/api/v1/check", json={**article, "offsets": "utf16"})
    assert _error(response, 422)["code"] == "invalid_option"
