"""Security of the server: headers on every response, a CSP without inline scripts, no CDN, API keys
kept only as hashes and compared in constant time, the page's same-origin token, request logs without
article text, and the config file's [server] table."""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from nofame.errors import ConfigError
from nofame.ruleset.load import data_dir
from nofame.server import create_app, security
from nofame.server.config import read_config_file
from nofame.server.page_token import issue, normalise_origin, verify
from nofame.server.security import KeyRing, parse_keys
from nofame.settings import Settings
from tests.conftest import make_app

KEY = "nfk_security_test_key_0123456789"
MARKER = "Quokkazebra Unforgettablename"  # would show up in logs if article text leaked
ARTICLE = {
    "headline": f"{MARKER} kills four in Dayton",
    "body": f"Police identified the gunman as {MARKER}. {MARKER} fired a rifle. {MARKER} was arrested.",
}


@pytest.fixture(scope="module")
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture(scope="module")
def keyed(checker: Any) -> Flask:
    return make_app(checker, NOFAME_API_KEYS=[KEY], NOFAME_RATE_LIMIT="10000 per minute")


# ---------- headers ----------


def test_security_headers_on_every_response(client: FlaskClient) -> None:
    responses = {
        "page": client.get("/"),
        "static": client.get("/static/app.js"),
        "report": client.post("/api/v1/check", json=ARTICLE),
        "422": client.post("/api/v1/check", json={"headline": "x"}),
        "413": client.post("/api/v1/check", data=b"x" * 1_100_000, content_type="application/json"),
        "404": client.get("/missing"),
        "405": client.delete("/api/v1/check"),
        "languagetool": client.post("/v2/check", data={"text": "x", "language": "en"}),
        "health": client.get("/healthz"),
    }
    for name, response in responses.items():
        for header, value in security.SECURITY_HEADERS.items():
            assert response.headers.get(header) == value, (name, header)
        assert response.headers["X-Request-Id"], name
        if name != "static":
            assert response.headers["Cache-Control"] == "no-store", name
        assert "Retry-After" not in response.headers, name


def test_csp_forbids_inline_scripts() -> None:
    csp = dict(part.strip().split(" ", 1) for part in security.CSP.split(";"))
    assert csp["script-src"] == "'self'"
    assert csp["default-src"] == "'none'"
    assert csp["frame-ancestors"] == "'none'"
    assert "unsafe" not in security.CSP


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict[str, str | None]] = []
        self.inline_script = False
        self.handlers: list[str] = []
        self.urls: list[str] = []
        self.styles = 0
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.handlers += [name for name in attributes if name.startswith("on")]
        self.urls += [v for k, v in attributes.items() if k in ("src", "href", "action") and v]
        if "style" in attributes:
            self.styles += 1
        if tag == "script":
            self.scripts.append(attributes)
            self._in_script = True
        if tag == "style":
            self.styles += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.inline_script = True


def test_page_has_no_inline_script_and_no_cdn(client: FlaskClient) -> None:
    response = client.get("/")
    assert response.status_code == 200 and response.mimetype == "text/html"
    parser = _PageParser()
    parser.feed(response.get_data(as_text=True))
    assert parser.scripts and all(s.get("src", "").startswith("/static/") for s in parser.scripts)
    assert not parser.inline_script
    assert not parser.handlers
    assert parser.styles == 0  # the CSP allows no inline styles either
    external = [u for u in parser.urls if re.match(r"^(https?:)?//", u)]
    assert external == []


def test_static_assets_load_nothing_from_elsewhere() -> None:
    static = data_dir("web") / "static"
    for path in static.iterdir():
        text = re.sub(r'xmlns="[^"]*"', "", path.read_text(encoding="utf-8"))  # a namespace is not a load
        assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//|(https?:)?//[a-z0-9.-]+\.(com|net|org|io)/", text), (
            path
        )
    js = re.sub(r"/\*.*?\*/", "", (static / "app.js").read_text(encoding="utf-8"), flags=re.DOTALL)
    assert "innerHTML" not in js and "insertAdjacentHTML" not in js and "eval(" not in js
    assert "localStorage" not in js and "sessionStorage" not in js and "document.cookie" not in js


def test_request_id_is_echoed_only_when_safe(client: FlaskClient) -> None:
    assert client.get("/healthz", headers={"X-Request-Id": "abc-123"}).headers["X-Request-Id"] == "abc-123"
    forged = client.get("/healthz", headers={"X-Request-Id": "bad id <script>" + "x" * 80}).headers["X-Request-Id"]
    assert re.fullmatch(r"[0-9a-f]{16}", forged)


# ---------- API keys ----------


def test_keys_are_kept_only_as_hashes(keyed: Flask) -> None:
    state = keyed.extensions["nofame.server"]
    assert state.keys.digests == (hashlib.sha256(KEY.encode()).digest(),)
    assert KEY not in repr(dict(keyed.config))
    assert KEY not in repr(state)


def test_keys_as_one_comma_separated_string(checker: Any) -> None:
    client = make_app(checker, NOFAME_API_KEYS=f"{KEY}, nfk_another_key_0123456789").test_client()
    for key in (KEY, "nfk_another_key_0123456789"):
        headers = {"Authorization": f"Bearer {key}"}
        assert client.post("/api/v1/check", json=ARTICLE, headers=headers).status_code == 200


def test_parse_keys_accepts_hashes_and_refuses_weak_keys() -> None:
    hashed = "sha256:" + hashlib.sha256(KEY.encode()).hexdigest()
    assert parse_keys([hashed, KEY, " ", ""]) == (hashlib.sha256(KEY.encode()).digest(),)
    with pytest.raises(ConfigError):
        parse_keys(["sha256:abc"])
    with pytest.raises(ConfigError):
        parse_keys(["short"])


def test_hashed_key_in_config_works(checker: Any) -> None:
    hashed = "sha256:" + hashlib.sha256(KEY.encode()).hexdigest()
    client = make_app(checker, NOFAME_API_KEYS=[hashed]).test_client()
    assert client.post("/api/v1/check", json=ARTICLE, headers={"Authorization": f"Bearer {KEY}"}).status_code == 200
    assert client.post("/api/v1/check", json=ARTICLE, headers={"Authorization": f"Bearer {hashed}"}).status_code == 401


def test_keys_are_compared_in_constant_time(monkeypatch: pytest.MonkeyPatch) -> None:
    ring = KeyRing(parse_keys(["nfk_first_key_0123456789", "nfk_second_key_0123456789", "nfk_third_key_0123456789"]))
    calls = []
    real = hmac.compare_digest

    def counting(a: bytes, b: bytes) -> bool:
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(security.hmac, "compare_digest", counting)
    assert ring.identify("nfk_first_key_0123456789") == ring.digests[0].hex()[:8]
    assert len(calls) == 3  # every key is compared, even after a match
    calls.clear()
    assert ring.identify("nfk_unknown_key_0123456789") is None
    assert len(calls) == 3


# ---------- the page works same-origin when keys are required ----------


def _token(client: FlaskClient) -> str:
    html = client.get("/").get_data(as_text=True)
    return re.search(r'name="nofame-page-token" content="([^"]+)"', html).group(1)


def test_page_token_lets_the_page_check_same_origin(keyed: Flask) -> None:
    client = keyed.test_client()
    token = _token(client)
    same = {"X-Nofame-Page-Token": token, "Origin": "http://localhost", "Sec-Fetch-Site": "same-origin"}
    assert client.post("/api/v1/check", json=ARTICLE, headers=same).status_code == 200
    cross = {**same, "Origin": "http://evil.example", "Sec-Fetch-Site": "cross-site"}
    assert client.post("/api/v1/check", json=ARTICLE, headers=cross).status_code == 401
    no_origin = {"X-Nofame-Page-Token": token}
    assert client.post("/api/v1/check", json=ARTICLE, headers=no_origin).status_code == 401
    forged = {**same, "X-Nofame-Page-Token": token[:-1] + ("0" if token[-1] != "0" else "1")}
    response = client.post("/api/v1/check", json=ARTICLE, headers=forged)
    assert response.status_code == 401 and "reload" in response.get_json()["error"]["message"]


def test_page_token_taken_from_the_page_is_refused_with_a_forged_origin(keyed: Flask) -> None:
    """The bypass: GET /, take the token, POST it claiming to be another site (Origin and Host)."""
    client = keyed.test_client()
    token = _token(client)
    for origin, host in [
        ("http://evil.example", "localhost"),
        ("http://evil.example", "evil.example"),
        ("http://localhost", "evil.example"),
        ("http://localhost:8080", "localhost:8080"),
        ("https://localhost", "localhost"),
        ("null", "localhost"),
    ]:
        headers = {"X-Nofame-Page-Token": token, "Origin": origin, "Host": host, "Sec-Fetch-Site": "same-origin"}
        response = client.post("/api/v1/check", json=ARTICLE, headers=headers)
        assert response.status_code == 401, (origin, host)
    same = {"X-Nofame-Page-Token": token, "Origin": "http://localhost"}
    for site in ("cross-site", "same-site", "none"):
        assert client.post("/api/v1/check", json=ARTICLE, headers={**same, "Sec-Fetch-Site": site}).status_code == 401
    assert client.post("/api/v1/check", json=ARTICLE, headers=same).status_code == 200  # older browsers


def test_a_token_issued_for_another_host_does_not_work_here(keyed: Flask) -> None:
    client = keyed.test_client()
    html = client.get("/", headers={"Host": "evil.example"}).get_data(as_text=True)
    token = re.search(r'name="nofame-page-token" content="([^"]+)"', html).group(1)
    same_here = {"X-Nofame-Page-Token": token, "Origin": "http://localhost", "Sec-Fetch-Site": "same-origin"}
    assert client.post("/api/v1/check", json=ARTICLE, headers=same_here).status_code == 401


def test_page_tokens_bound_to_the_configured_public_origin(checker: Any) -> None:
    app = make_app(
        checker,
        NOFAME_API_KEYS=[KEY],
        NOFAME_PUBLIC_ORIGIN="HTTPS://Nofame.Example.org:443/",
        NOFAME_RATE_LIMIT="999/minute",
    )
    client = app.test_client()
    # Whatever Host the page was asked for, its token is for the configured origin only.
    token = _token(client)
    here = {"X-Nofame-Page-Token": token, "Sec-Fetch-Site": "same-origin"}
    local = {**here, "Origin": "http://localhost"}
    assert client.post("/api/v1/check", json=ARTICLE, headers=local).status_code == 401
    public = {**here, "Origin": "https://nofame.example.org", "Host": "nofame.example.org"}
    assert client.post("/api/v1/check", json=ARTICLE, headers=public).status_code == 200
    wrong_host = {**public, "Host": "localhost"}
    assert client.post("/api/v1/check", json=ARTICLE, headers=wrong_host).status_code == 401


def test_page_token_is_short_lived_and_says_so(keyed: Flask) -> None:
    secret = keyed.extensions["nofame.server"].secret
    client = keyed.test_client()
    old = issue(secret, "http://localhost", now=1_000_000)
    headers = {"X-Nofame-Page-Token": old, "Origin": "http://localhost", "Sec-Fetch-Site": "same-origin"}
    response = client.post("/api/v1/check", json=ARTICLE, headers=headers)
    assert response.status_code == 401
    assert response.get_json()["error"] == {
        "code": "page_expired",
        "message": "the page has expired: reload it to check again",
    }
    assert keyed.config["NOFAME_PAGE_TOKEN_MINUTES"] == 120


def test_page_token_verification() -> None:
    secret = b"s" * 32
    origin = "http://127.0.0.1:8000"
    token = issue(secret, origin, now=1_000_000)
    ok = {
        "origin": origin,
        "max_age": 3600,
        "origin_header": origin,
        "host_header": "127.0.0.1:8000",
        "fetch_site": None,
    }
    assert verify(secret, token, **ok, now=1_000_000 + 60).ok
    assert verify(secret, token, **ok, now=1_000_000 + 3601).reason == "expired"
    assert verify(b"t" * 32, token, **ok, now=1_000_000).reason == "invalid"
    assert verify(secret, "garbage", **ok).reason == "invalid"
    other = {
        **ok,
        "origin": "http://evil.example",
        "origin_header": "http://evil.example",
        "host_header": "evil.example",
    }
    assert verify(secret, token, **other, now=1_000_000).reason == "invalid"  # the MAC covers the origin
    assert normalise_origin("HTTPS://Example.ORG:443") == "https://example.org"
    assert normalise_origin("http://[::1]:8000") == "http://[::1]:8000"
    with pytest.raises(ConfigError):
        normalise_origin("https://example.org/nofame")


def test_api_keys_from_the_environment_are_hashed_and_cleared(checker: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NOFAME_API_KEYS", f"{KEY}, sha256:{'ab' * 32}")
    app = create_app({"NOFAME_CHECKER": checker, "NOFAME_SETTINGS": Settings()})
    assert "NOFAME_API_KEYS" not in __import__("os").environ
    assert app.extensions["nofame.server"].keys.digests[0] == hashlib.sha256(KEY.encode()).digest()
    client = app.test_client()
    assert client.post("/api/v1/check", json=ARTICLE, headers={"Authorization": f"Bearer {KEY}"}).status_code == 200
    assert client.post("/api/v1/check", json=ARTICLE).status_code == 401


def test_rate_limit_is_shared_by_every_checking_endpoint(checker: Any) -> None:
    app = make_app(checker, NOFAME_API_KEYS=[KEY], NOFAME_RATE_LIMIT="4 per minute")
    client = app.test_client()
    auth = {"Authorization": f"Bearer {KEY}"}
    statuses = [
        client.post("/api/v1/check", json=ARTICLE, headers=auth).status_code,
        client.post("/api/v1/rewrite", json=ARTICLE, headers=auth).status_code,
        client.post("/v2/check", data={"text": "x", "language": "en"}, headers=auth).status_code,
        client.post("/api/v1/check", json=ARTICLE, headers=auth).status_code,
        client.post("/v2/check", data={"text": "x", "language": "en"}, headers=auth).status_code,
        client.post("/api/v1/rewrite", json=ARTICLE, headers=auth).status_code,
    ]
    assert statuses == [200, 200, 200, 200, 429, 429]
    # Another client (by address, without a key) has its own allowance.
    other = client.post("/v2/check", data={"text": "x", "language": "en"}, environ_base={"REMOTE_ADDR": "10.9.9.9"})
    assert other.status_code == 401  # keys are required: refused for that, not for the rate


# ---------- logs ----------


def test_request_logs_never_hold_article_text(client: FlaskClient, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    client.post("/api/v1/check", json=ARTICLE, headers={"X-Request-Id": "log-test-1"})
    client.post("/api/v1/rewrite", json=ARTICLE)
    client.post("/api/v1/check", json={"headline": MARKER})  # 422
    client.post("/api/v1/check", data=f'{{"body": "{MARKER}"', content_type="application/json")  # 400
    client.post("/v2/check", data={"text": ARTICLE["body"], "language": "en"})
    client.post("/api/v1/check", json={"url": f"http://127.0.0.1/{MARKER.replace(' ', '-')}"})  # refused
    access = [r.getMessage() for r in caplog.records if r.name == "nofame.server.access"]
    assert len(access) == 6
    first = access[0]
    assert re.search(r"id=log-test-1 method=POST path=/api/v1/check status=200 in_bytes=\d+ out_bytes=\d+", first)
    assert re.search(r"duration_ms=\d+\.\d", first)
    everything = "\n".join(r.getMessage() for r in caplog.records) + caplog.text
    for word in MARKER.split():
        assert word not in everything


# ---------- config file ----------


def test_config_file_server_table(tmp_path: Path, checker: Any) -> None:
    hashed = "sha256:" + hashlib.sha256(KEY.encode()).hexdigest()
    path = tmp_path / ".nofame.toml"
    path.write_text(
        f'[nofame]\nprofile = "strict"\n\n[server]\napi_keys = ["{hashed}"]\nrate_limit = "1 per minute"\n'
        'max_request_bytes = 5000\npage = false\nrequest_deadline = 7.5\nrate_limit_storage = "memory://"\n'
        'public_origin = "https://nofame.example.org"\npage_token_minutes = 30\n'
    )
    settings, server = read_config_file(path)
    assert settings.profile == "strict"
    assert server["MAX_CONTENT_LENGTH"] == 5000 and server["NOFAME_PAGE"] is False
    assert server["NOFAME_REQUEST_DEADLINE"] == 7.5 and server["RATELIMIT_STORAGE_URI"] == "memory://"
    assert server["NOFAME_PUBLIC_ORIGIN"] == "https://nofame.example.org" and server["NOFAME_PAGE_TOKEN_MINUTES"] == 30
    client = create_app({"NOFAME_CHECKER": checker, "NOFAME_READ_ENV": False, "NOFAME_CONFIG_FILE": path}).test_client()
    headers = {"Authorization": f"Bearer {KEY}"}
    first = client.post("/api/v1/check", json=ARTICLE, headers=headers)
    assert first.status_code == 200 and first.get_json()["profile"] == "strict"
    assert client.post("/api/v1/check", json=ARTICLE, headers=headers).status_code == 429
    assert client.get("/").status_code == 404  # page = false
    assert "/" not in client.get("/api/v1/openapi.json").get_json()["paths"]


def test_config_file_errors(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('[server]\nratelimit = "1 per minute"\n')
    with pytest.raises(ConfigError, match="unknown setting 'ratelimit'"):
        read_config_file(path)
    path.write_text("[server]\nmax_request_bytes = true\n")
    with pytest.raises(ConfigError):
        read_config_file(path)
    with pytest.raises(ConfigError):
        read_config_file(tmp_path / "missing.toml")
