"""The JSON API for newsroom CMSs: check, rewrite, rules, the OpenAPI document, and health."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

from flask import Blueprint, Response, current_app, jsonify, request
from pydantic import ValidationError

from nofame import __version__
from nofame.article import Article
from nofame.checker import Checker, check
from nofame.errors import ConfigError, FetchError, InputError
from nofame.language import UnsupportedLanguage
from nofame.profiles import PROFILES
from nofame.report import Report
from nofame.rewrite import rewrite
from nofame.server import json_input, models, sent_offsets
from nofame.server.errors import ApiError
from nofame.server.security import require_key
from nofame.server.state import ServerState
from nofame.settings import Settings
from nofame.sources import article_from_json

bp = Blueprint("api", __name__)

T = TypeVar("T")


def state() -> ServerState:
    return current_app.extensions["nofame.server"]


def read_json() -> Any:
    """The request body as JSON: 415 for another content type, 400 when it does not parse."""
    if request.mimetype != "application/json" and not request.mimetype.endswith("+json"):
        shown = request.mimetype or "none"
        raise ApiError(415, f"send the article as application/json, not {shown}", "unsupported_media_type")
    data = request.get_data(cache=False)  # 413 here when larger than MAX_CONTENT_LENGTH
    if not data.strip():
        raise ApiError(400, "the request body is empty: send the article as a JSON object", "malformed_json")
    try:
        return json_input.loads(data)
    except json_input.JsonRefused as exc:
        raise ApiError(400, str(exc), "malformed_json") from None
    except UnicodeDecodeError:
        raise ApiError(400, "the request body is not UTF-8", "malformed_json") from None
    except json.JSONDecodeError as exc:
        raise ApiError(
            400, f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}", "malformed_json"
        ) from None


def parse_request(obj: Any) -> models.CheckRequest:
    """The request validated against its model; the first problem becomes a 422 with its code."""
    try:
        return models.CheckRequest.model_validate(obj)
    except ValidationError as exc:
        raise request_error(exc) from None


def request_error(exc: ValidationError) -> ApiError:
    """An option error before an article error; within a field, the innermost problem (a union's item)."""
    errors = exc.errors(include_url=False, include_input=False)
    if any(not error["loc"] for error in errors):
        return ApiError(422, "the request must be a JSON object with the article's fields", "invalid_article")

    def rank(error: Any) -> tuple[bool, int]:
        return error["loc"][0] in models.ARTICLE_KEYS, -len(error["loc"])

    error = min(errors, key=rank)
    name = str(error["loc"][0])
    where = name + "".join(f"[{part}]" for part in error["loc"][1:] if isinstance(part, int))
    if name in models.ARTICLE_KEYS:
        return ApiError(422, f"the JSON field '{where}': {error['msg']}", "invalid_article")
    return ApiError(422, f"'{where}': {error['msg']}", "invalid_option")


def request_settings(req: models.CheckRequest, base: Settings, rule_ids: frozenset[str]) -> Settings:
    """The per-request options next to the article: profile, perpetrators, disabled_rules, include_preview."""
    disabled = req.disabled()
    unknown = sorted(disabled - rule_ids)
    if unknown:
        raise ApiError(422, f"unknown rule id(s) in 'disabled_rules': {', '.join(unknown)}", "unknown_rule")
    try:
        return base.with_overrides(
            profile=req.profile,
            perpetrators=tuple(dict.fromkeys(base.perpetrators + req.names())),
            disabled_rules=base.disabled_rules | disabled,
            include_preview=req.include_preview,
        )
    except ConfigError as exc:
        raise ApiError(422, str(exc), "invalid_option") from None


def run_check() -> tuple[Report, dict[str, Any], models.CheckRequest]:
    """The report, the request's JSON object and its validated model."""
    return run(lambda checker, article, settings, obj, req: (check(checker, article, settings), obj, req))


def run(job: Callable[[Checker, Article, Settings, dict[str, Any], models.CheckRequest], T]) -> T:
    """Read the request's article and options, then run `job` on them; input errors become JSON errors."""
    require_key()
    obj = read_json()
    req = parse_request(obj)
    server = state()
    settings = request_settings(req, server.settings, server.rule_ids)
    try:
        article = article_from_json(obj, server.fetch_settings(settings))
        return job(server.checker, article, settings, obj, req)
    except FetchError as exc:
        raise ApiError(422, str(exc), "fetch_failed") from None
    except UnsupportedLanguage as exc:
        raise ApiError(422, str(exc), "unsupported_language") from None
    except InputError as exc:
        raise ApiError(422, str(exc), "invalid_article") from None


@bp.post("/api/v1/check")
def check_article() -> Response:
    report, obj, req = run_check()
    if req.offsets == "sent":
        report = sent_offsets.to_sent(report, sent_offsets.sent_texts(obj, report))
    return jsonify(report.to_dict())


@bp.post("/api/v1/rewrite")
def rewrite_article() -> Response:
    """The report, the suggested draft and its edits (offsets into the checked fields), one role noun."""
    result = run(lambda checker, article, settings, obj, req: rewrite(checker, article, settings, req.role or None))
    return jsonify({**result.report.to_dict(), **result.to_dict()})


@bp.get("/api/v1/rules")
def rules() -> Response:
    require_key()
    server = state()
    answer = models.RulesResponse(
        schema="nofame.rules/v1",
        nofame_version=__version__,
        rules=[
            models.Rule(
                id=r.id,
                title=r.title,
                category=r.category,
                severity=r.severity,
                display_severity=r.display_severity or None,
                status=r.status,
                message=r.message,
                advice=r.advice,
                rationale=r.rationale,
                references=[models.Reference(title=ref.title, url=ref.url) for ref in r.references],
            )
            for r in server.checker.rules
        ],
        profiles=[
            models.Profile(
                name=p.name,
                description=p.description,
                body_names=p.body_names,
                default=p.name == server.settings.profile,
            )
            for p in PROFILES.values()
        ],
    )
    return jsonify(answer.model_dump(by_alias=True))


@bp.get("/api/v1/openapi.json")
def openapi() -> Response:
    return jsonify(state().openapi)


@bp.get("/healthz")
def healthz() -> Response:
    health = models.Health(status="ok", version=__version__, rules=len(state().checker.rules))
    return jsonify(health.model_dump())
