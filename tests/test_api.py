"""The JSON API with Flask's test client: the report, the rewrite, every error status, the OpenAPI
document (validated, and checked against real responses of every status), and `nofame serve`."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import requests
from conftest import make_app, serve_page
from flask import Flask
from flask.testing import FlaskClient
from openapi_schema_validator import OAS31Validator
from openapi_spec_validator import validate as validate_spec

from nofame.checker import Checker, check
from nofame.rewrite import rewrite
from nofame.server.serve import BackgroundServer
from nofame.settings import Settings
from nofame.sources import article_from_json

ROOT = Path(__file__).resolve().parents[1]
HEADLINE = "Lone wolf Darrel Vickers kills four in deadliest bar shooting in Dayton history"
BODY = (
    "Darrel Vickers opened fire inside the Blue Lantern bar on Friday night, killing four people and wounding six, "
    "police said.\n\n"
    "Police identified the gunman as Darrel Vickers, 31, of Springfield. Vickers, a loner who snapped after losing "
    "his job, carried a rifle, investigators said.\n\n"
    'Vickers had posted a rambling manifesto online hours before the attack. "They will remember my name," Vickers '
    "wrote in the document.\n\n"
    "The attack was the bloodbath the city had feared, one resident said. Vickers was arrested as officers arrived."
)
ARTICLE = {"headline": HEADLINE, "body": BODY}


@pytest.fixture(scope="module")
def app(checker: Checker) -> Flask:
    return make_app(checker, NOFAME_RATE_LIMIT="10000 per minute", NOFAME_ALLOW_HOSTS=("127.0.0.1",))


@pytest.fixture(scope="module")
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture(scope="module")
def spec(client: FlaskClient) -> dict[str, Any]:
    return client.get("/api/v1/openapi.json").get_json()


def assert_documented(spec: dict[str, Any], path: str, method: str, response: Any) -> None:
    """The response's status, content type and body are what the OpenAPI document says."""
    operation = spec["paths"][path][method.lower()]
    status = str(response.status_code)
    assert status in operation["responses"], f"{method} {path}: status {status} is not documented"
    documented = operation["responses"][status]
    content_type = response.mimetype
    assert content_type in documented["content"], f"{method} {path} {status}: {content_type} not documented"
    schema = documented["content"][content_type]["schema"]
    body = response.get_json() if content_type == "application/json" else response.get_data(as_text=True)
    OAS31Validator({**schema, "components": spec["components"]}).validate(body)


# ---------- the report ----------


def test_check_returns_the_report(client: FlaskClient, spec: dict, checker: Checker) -> None:
    response = client.post("/api/v1/check", json=ARTICLE)
    assert response.status_code == 200
    assert_documented(spec, "/api/v1/check", "POST", response)
    report = response.get_json()
    assert report["schema"] == "nofame.report/v1"
    assert report["fields"] == {"headline": HEADLINE, "body": BODY}
    rules = {f["rule"] for f in report["findings"]}
    assert {"name-in-headline", "mythologizing-label", "manifesto-quote"} <= rules
    for finding in report["findings"]:
        assert report["fields"][finding["field"]][finding["start"] : finding["end"]] == finding["text"]
    # the same as the engine called directly
    direct = check(checker, article_from_json(ARTICLE), Settings()).to_dict()
    assert report == json.loads(json.dumps(direct))


def test_rewrite_returns_the_suggested_draft(client: FlaskClient, spec: dict, checker: Checker) -> None:
    response = client.post("/api/v1/rewrite", json=ARTICLE)
    assert response.status_code == 200
    assert_documented(spec, "/api/v1/rewrite", "POST", response)
    data = response.get_json()
    assert data["draft"] == rewrite(checker, article_from_json(ARTICLE), Settings()).draft
    assert data["draft"].startswith("# ")
    assert "Vickers" not in data["suggested_fields"]["headline"]
    assert data["role_noun"] and data["edits"]
    for edit in data["edits"]:  # every edit is an offset range into the checked fields
        assert 0 <= edit["start"] <= edit["end"] <= len(data["fields"][edit["field"]])


def test_rewrite_takes_a_role_noun_and_refuses_a_bad_one(client: FlaskClient) -> None:
    data = client.post("/api/v1/rewrite", json={**ARTICLE, "role": "the shooter"}).get_json()
    assert data["role_noun"] == "the shooter"
    assert "the shooter" in data["draft"].lower()
    bad = client.post("/api/v1/rewrite", json={**ARTICLE, "role": "<b>x</b>"})
    assert bad.status_code == 422
    assert bad.get_json()["error"]["code"] == "invalid_option"


def test_request_options_change_the_check(client: FlaskClient) -> None:
    base = client.post("/api/v1/check", json=ARTICLE).get_json()
    strict = client.post("/api/v1/check", json={**ARTICLE, "profile": "strict"}).get_json()
    assert base["profile"] == "no-notoriety" and strict["profile"] == "strict"
    disabled = client.post("/api/v1/check", json={**ARTICLE, "disabled_rules": ["name-in-headline"]}).get_json()
    assert "name-in-headline" not in {f["rule"] for f in disabled["findings"]}
    named = client.post("/api/v1/check", json={**ARTICLE, "perpetrators": ["Darrel Vickers"]}).get_json()
    assert [a["name"] for a in named["actors"] if a["role"] == "perpetrator"] == ["Darrel Vickers"]
    single = client.post("/api/v1/check", json={**ARTICLE, "perpetrators": "Darrel Vickers"})
    assert single.status_code == 200


def test_rules_and_profiles(client: FlaskClient, spec: dict, checker: Checker) -> None:
    response = client.get("/api/v1/rules")
    assert response.status_code == 200
    assert_documented(spec, "/api/v1/rules", "GET", response)
    data = response.get_json()
    assert [r["id"] for r in data["rules"]] == [r.id for r in checker.rules]
    assert {p["name"] for p in data["profiles"]} == {"strict", "no-notoriety", "newsroom-minimal"}
    assert [p["name"] for p in data["profiles"] if p["default"]] == ["no-notoriety"]


def test_healthz(client: FlaskClient, spec: dict) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert_documented(spec, "/healthz", "GET", response)
    assert response.get_json()["status"] == "ok"


def test_page_is_documented(client: FlaskClient, spec: dict) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert_documented(spec, "/", "GET", response)


# ---------- the OpenAPI document ----------


def test_openapi_document_is_valid_3_1(spec: dict) -> None:
    assert spec["openapi"].startswith("3.1")
    validate_spec(spec)


def test_openapi_describes_every_route(app: Flask, spec: dict) -> None:
    routes = {
        (re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", rule.rule), method.lower())
        for rule in app.url_map.iter_rules()
        if rule.endpoint != "static"
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    documented = {(path, method) for path, item in spec["paths"].items() for method in item}
    assert routes == documented


def test_openapi_request_example_is_valid(spec: dict) -> None:
    schema = spec["components"]["schemas"]["CheckRequest"]
    for example in schema["examples"]:
        OAS31Validator({**schema, "components": spec["components"]}).validate(example)


# ---------- errors: JSON with the right status, as documented ----------


def error_of(response: Any) -> dict[str, str]:
    data = response.get_json()
    assert set(data) == {"error"} and set(data["error"]) == {"code", "message"}, data
    assert response.mimetype == "application/json"
    return data["error"]


@pytest.mark.parametrize(
    ("body", "content_type", "status", "code"),
    [
        (b'{"headline": "x", ', "application/json", 400, "malformed_json"),
        (b"", "application/json", 400, "malformed_json"),
        (b"\xff\xfe{}", "application/json", 400, "malformed_json"),
        (b"headline=x&body=y", "application/x-www-form-urlencoded", 415, "unsupported_media_type"),
        (b"Four killed.", "text/plain", 415, "unsupported_media_type"),
        (b"[1, 2]", "application/json", 422, "invalid_article"),
        (b'{"headline": "only a headline"}', "application/json", 422, "invalid_article"),
        (b'{"body": "   "}', "application/json", 422, "invalid_article"),
        (b'{"body": 12}', "application/json", 422, "invalid_article"),
        (b'{"body": "x", "profile": "lenient"}', "application/json", 422, "invalid_option"),
        (b'{"body": "x", "perpetrators": [1]}', "application/json", 422, "invalid_option"),
        (b'{"body": "x", "include_preview": "yes"}', "application/json", 422, "invalid_option"),
        (b'{"body": "x", "disabled_rules": ["no-such-rule"]}', "application/json", 422, "unknown_rule"),
        (b'{"url": "http://169.254.169.254/latest/meta-data/"}', "application/json", 422, "fetch_failed"),
        (b'{"url": "file:///etc/passwd"}', "application/json", 422, "fetch_failed"),
    ],
)
def test_check_errors(client: FlaskClient, spec: dict, body: bytes, content_type: str, status: int, code: str) -> None:
    for path in ("/api/v1/check", "/api/v1/rewrite"):
        response = client.post(path, data=body, content_type=content_type)
        assert response.status_code == status, response.get_json()
        assert error_of(response)["code"] == code
        assert_documented(spec, path, "POST", response)


def test_refused_private_address(checker: Checker) -> None:
    # without allow_hosts, loopback and private addresses are refused (SSRF)
    client = make_app(checker).test_client()
    response = client.post("/api/v1/check", json={"url": "http://127.0.0.1:9/story"})
    assert response.status_code == 422
    assert "refusing" in error_of(response)["message"]


def test_too_large_default_1_mb(client: FlaskClient, spec: dict) -> None:
    big = json.dumps({"body": "word " * 210_000}).encode()
    assert len(big) > 1_000_000
    response = client.post("/api/v1/check", data=big, content_type="application/json")
    assert response.status_code == 413
    assert error_of(response)["code"] == "too_large"
    assert "1,000,000" in error_of(response)["message"]
    assert_documented(spec, "/api/v1/check", "POST", response)


def test_too_large_limit_is_configurable(checker: Checker) -> None:
    client = make_app(checker, MAX_CONTENT_LENGTH=2_000).test_client()
    assert client.post("/api/v1/check", json={"body": "x" * 1_500}).status_code == 200
    response = client.post("/api/v1/check", json={"body": "x" * 2_500})
    assert response.status_code == 413
    assert client.post("/v2/check", data={"text": "x" * 2_500, "language": "en"}).status_code == 413


def test_not_found_and_method_not_allowed(client: FlaskClient) -> None:
    response = client.get("/api/v1/nothing")
    assert response.status_code == 404 and error_of(response)["code"] == "not_found"
    response = client.get("/api/v1/check")
    assert response.status_code == 405 and error_of(response)["code"] == "method_not_allowed"
    assert "POST" in response.headers["Allow"]
    page = client.get("/nothing", headers={"Accept": "text/html"})
    assert page.status_code == 404 and page.mimetype == "text/html"


def test_unauthorized_when_keys_are_configured(checker: Checker, spec: dict) -> None:
    key = "nfk_test_key_0123456789abcdef"
    client = make_app(checker, NOFAME_API_KEYS=[key]).test_client()
    for path, method in (("/api/v1/check", "POST"), ("/api/v1/rewrite", "POST"), ("/api/v1/rules", "GET")):
        kwargs = {"json": ARTICLE} if method == "POST" else {}
        missing = client.open(path, method=method, **kwargs)
        assert missing.status_code == 401 and error_of(missing)["code"] == "unauthorized"
        assert missing.headers["WWW-Authenticate"].startswith("Bearer")
        assert_documented(spec, path, method, missing)
        wrong = client.open(path, method=method, headers={"Authorization": "Bearer nfk_wrong"}, **kwargs)
        assert wrong.status_code == 401 and "not valid" in error_of(wrong)["message"]
        right = client.open(path, method=method, headers={"Authorization": f"Bearer {key}"}, **kwargs)
        assert right.status_code == 200
    # discovery stays open
    assert client.get("/healthz").status_code == 200
    assert client.get("/api/v1/openapi.json").status_code == 200
    assert client.get("/v2/languages").status_code == 200


def test_keys_from_the_environment(checker: Checker, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NOFAME_API_KEYS", "nfk_from_env_0123456789, nfk_second_env_key_0123")
    client = make_app(checker, NOFAME_READ_ENV=True).test_client()
    assert client.post("/api/v1/check", json=ARTICLE).status_code == 401
    for key in ("nfk_from_env_0123456789", "nfk_second_env_key_0123"):
        ok = client.post("/api/v1/check", json=ARTICLE, headers={"Authorization": f"Bearer {key}"})
        assert ok.status_code == 200


def test_rate_limited_per_key_and_address(checker: Checker, spec: dict) -> None:
    keys = ["nfk_first_key_0123456789", "nfk_second_key_0123456789"]
    client = make_app(checker, NOFAME_API_KEYS=keys, NOFAME_RATE_LIMIT="2 per minute").test_client()
    first = {"Authorization": f"Bearer {keys[0]}"}
    for _ in range(2):
        assert client.post("/api/v1/check", json=ARTICLE, headers=first).status_code == 200
    limited = client.post("/api/v1/check", json=ARTICLE, headers=first)
    assert limited.status_code == 429
    assert error_of(limited)["code"] == "rate_limited"
    assert int(limited.headers["Retry-After"]) > 0
    assert_documented(spec, "/api/v1/check", "POST", limited)
    # another key has its own budget
    second = {"Authorization": f"Bearer {keys[1]}"}
    assert client.post("/api/v1/check", json=ARTICLE, headers=second).status_code == 200
    # health checks are never limited
    for _ in range(5):
        assert client.get("/healthz").status_code == 200


def test_rate_limited_per_address_without_keys(checker: Checker) -> None:
    client = make_app(checker, NOFAME_RATE_LIMIT="1 per minute").test_client()
    one = {"REMOTE_ADDR": "192.0.2.1"}
    assert client.post("/api/v1/check", json=ARTICLE, environ_base=one).status_code == 200
    assert client.post("/api/v1/check", json=ARTICLE, environ_base=one).status_code == 429
    other = {"REMOTE_ADDR": "192.0.2.2"}
    assert client.post("/api/v1/check", json=ARTICLE, environ_base=other).status_code == 200


def test_internal_error_is_json_with_request_id(checker: Checker) -> None:
    app = make_app(checker)

    @app.get("/api/v1/boom")
    def boom() -> None:
        raise RuntimeError("secret draft text")

    response = app.test_client().get("/api/v1/boom", headers={"X-Request-Id": "req-123"})
    assert response.status_code == 500
    error = error_of(response)
    assert error["code"] == "internal_error" and "req-123" in error["message"]
    assert "secret draft text" not in response.get_data(as_text=True)


# ---------- URL checks through a local page ----------


@pytest.fixture(scope="module")
def story_server() -> Iterator[str]:
    paragraphs = "".join(f"<p>{p}</p>" for p in BODY.split("\n\n"))
    page = (
        "<!doctype html><html><head><title>Gunman kills four at Dayton bar</title></head><body><article>"
        f"<h1>{HEADLINE}</h1>{paragraphs}</article></body></html>"
    ).encode()

    with serve_page(page) as url:
        yield url


def test_check_a_url_from_an_allowed_host(client: FlaskClient, story_server: str) -> None:
    response = client.post("/api/v1/check", json={"url": f"{story_server}/news/dayton-bar-shooting"})
    assert response.status_code == 200, response.get_json()
    report = response.get_json()
    assert "Vickers" in report["fields"]["headline"]
    assert "name-in-headline" in {f["rule"] for f in report["findings"]}


# ---------- concurrency under the real server ----------


def test_concurrent_requests_match_sequential_ones(app: Flask, client: FlaskClient) -> None:
    """Waitress threads share one Checker: concurrent checks must not disturb each other."""

    import requests

    paragraphs = BODY.split("\n\n")
    drafts = [{"headline": HEADLINE, "body": "\n\n".join(paragraphs[i:] + paragraphs[:i])} for i in range(4)]
    expected = [client.post("/api/v1/check", json=d).get_json() for d in drafts]
    with BackgroundServer(app, threads=4) as url, ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda d: requests.post(f"{url}/api/v1/check", json=d, timeout=60).json(), drafts * 2))
    assert results == expected * 2


def test_too_large_under_waitress_is_json(app: Flask) -> None:
    big = json.dumps({"body": "word " * 400_000}).encode()
    with BackgroundServer(app, threads=1) as url:
        response = requests.post(
            f"{url}/api/v1/check", data=big, headers={"Content-Type": "application/json"}, timeout=60
        )
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"


# ---------- nofame serve ----------


def test_nofame_serve_runs_waitress(tmp_path: Path) -> None:
    config = tmp_path / "nofame.toml"
    config.write_text('[nofame]\nprofile = "strict"\n\n[server]\nrate_limit = "5 per minute"\n')
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("NOFAME_API_KEYS", None)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "nofame.cli",
            "serve",
            "--single-process",
            "--port",
            "0",
            "--threads",
            "2",
            "--config",
            str(config),
        ],
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        line = ""
        for _ in range(200):
            line = process.stderr.readline()
            if "serving on" in line or not line:
                break
        match = re.search(r"serving on (http://127\.0\.0\.1:\d+)", line)
        assert match, line
        base = match.group(1)
        health = requests.get(f"{base}/healthz", timeout=10)
        assert health.status_code == 200 and health.headers["Server"] == "nofame"
        report = requests.post(f"{base}/api/v1/check", json=ARTICLE, timeout=30).json()
        assert report["profile"] == "strict"
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stderr.close()


# ---------- one truth: what the document allows is what the API accepts ----------


@pytest.mark.parametrize(
    "options",
    [
        {"perpetrators": ["A Name"] * 20},
        {"perpetrators": ["A Name"] * 21},
        {"perpetrators": "x" * 200},
        {"perpetrators": "x" * 201},
        {"perpetrators": ["x" * 201]},
        {"role": "the shooter"},
        {"role": "the shooter 2"},
        {"role": "a" * 41},
        {"role": ""},
        {"offsets": "normalised"},
        {"offsets": "raw"},
        {"include_preview": True},
        {"include_preview": 1},
        {"profile": "strict"},
        {"profile": "lenient"},
        {"disabled_rules": "name-in-headline"},
        {"disabled_rules": ["name-in-headline", 3]},
    ],
)
def test_the_document_and_the_validation_agree(client: FlaskClient, spec: dict, options: dict) -> None:
    schema = spec["components"]["schemas"]["CheckRequest"]
    request = {"body": "Police said the vigil was held on Sunday.", **options}
    documented = OAS31Validator({**schema, "components": spec["components"]}).is_valid(request)
    response = client.post("/api/v1/rewrite", json=request)
    assert (response.status_code == 200) == documented, (options, response.get_json())
    if not documented:
        error = error_of(response)
        assert error["code"] == "invalid_option" and next(iter(options)) in error["message"]


def test_every_error_code_a_view_names_is_documented(spec: dict) -> None:
    import ast

    documented = set(spec["components"]["schemas"]["ErrorBody"]["properties"]["code"]["enum"])
    named = set()
    for path in (ROOT / "nofame" / "server").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("ApiError", "error_response"):
                named |= {a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)}
    codes = {code for code in named if re.fullmatch(r"[a-z_]+", code)}
    assert codes and codes <= documented, codes - documented
