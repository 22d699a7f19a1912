"""The JSON API for newsroom CMSs: check, rewrite, rules, the OpenAPI document, and health."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any, TypeVar

from flask import Blueprint, Response, current_app, jsonify, request

from nofame import __version__
from nofame.article import Article
from nofame.checker import Checker, check
from nofame.errors import ConfigError, FetchError, InputError
from nofame.language import UnsupportedLanguage
from nofame.profiles import PROFILES
from nofame.report import Report
from nofame.rewrite import rewrite
from nofame.server import json_input, sent_offsets
from nofame.server.errors import ApiError
from nofame.server.security import require_key
from nofame.server.state import ServerState
from nofame.settings import Settings
from nofame.sources import article_from_json

bp = Blueprint("api", __name__)

OPTION_KEYS = ("profile", "perpetrators", "disabled_rules", "include_preview", "offsets", "role")
MAX_NAMES = 20
MAX_NAME_CHARS = 200
MAX_ROLE_CHARS = 40
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


def request_settings(obj: dict[str, Any], base: Settings, rule_ids: frozenset[str]) -> Settings:
    """The per-request options next to the article: profile, perpetrators, disabled_rules, include_preview."""
    profile = obj.get("profile")
    if profile is not None and (not isinstance(profile, str) or profile not in PROFILES):
        raise ApiError(422, f"unknown profile {profile!r}; choose one of {', '.join(PROFILES)}", "invalid_option")
    names = _strings(obj, "perpetrators")
    if len(names) > MAX_NAMES or any(len(n) > MAX_NAME_CHARS for n in names):
        raise ApiError(
            422, f"'perpetrators' takes at most {MAX_NAMES} names of {MAX_NAME_CHARS} characters", "invalid_option"
        )
    names = tuple(n.strip() for n in names if n.strip())
    disabled = _strings(obj, "disabled_rules")
    unknown = sorted(set(disabled) - rule_ids)
    if unknown:
        raise ApiError(422, f"unknown rule id(s) in 'disabled_rules': {', '.join(unknown)}", "unknown_rule")
    preview = obj.get("include_preview")
    if preview is not None and not isinstance(preview, bool):
        raise ApiError(422, "'include_preview' must be true or false", "invalid_option")
    try:
        return base.with_overrides(
            profile=profile,
            perpetrators=tuple(dict.fromkeys(base.perpetrators + names)),
            disabled_rules=base.disabled_rules | frozenset(disabled),
            include_preview=preview,
        )
    except ConfigError as exc:
        raise ApiError(422, str(exc), "invalid_option") from None


def _strings(obj: dict[str, Any], key: str) -> tuple[str, ...]:
    value = obj.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ApiError(422, f"'{key}' must be a list of strings", "invalid_option")
    return tuple(value)


def run_check() -> tuple[Report, dict[str, Any]]:
    """The report and the request's JSON object."""
    return run(lambda checker, article, settings, obj: (check(checker, article, settings), obj))


def run(job: Callable[[Checker, Article, Settings, dict[str, Any]], T]) -> T:
    """Read the request's article and options, then run `job` on them; input errors become JSON errors."""
    require_key()
    obj = read_json()
    if not isinstance(obj, dict):
        raise ApiError(422, "the request must be a JSON object with the article's fields", "invalid_article")
    if obj.get("offsets", "sent") not in sent_offsets.MODES:
        raise ApiError(422, "'offsets' must be 'sent' or 'normalised'", "invalid_option")
    server = state()
    settings = request_settings(obj, server.settings, server.rule_ids)
    try:
        article = article_from_json(obj, server.fetch_settings(settings))
        return job(server.checker, article, settings, obj)
    except FetchError as exc:
        raise ApiError(422, str(exc), "fetch_failed") from None
    except UnsupportedLanguage as exc:
        raise ApiError(422, str(exc), "unsupported_language") from None
    except InputError as exc:
        raise ApiError(422, str(exc), "invalid_article") from None


@bp.post("/api/v1/check")
def check_article() -> Response:
    report, obj = run_check()
    if obj.get("offsets", "sent") == "sent":
        report = sent_offsets.to_sent(report, sent_offsets.sent_texts(obj, report))
    return jsonify(report.to_dict())


@bp.post("/api/v1/rewrite")
def rewrite_article() -> Response:
    """The report, the suggested draft and its edits (offsets into the checked fields), one role noun."""
    result = run(lambda checker, article, settings, obj: rewrite(checker, article, settings, _role(obj)))
    return jsonify({**result.report.to_dict(), **result.to_dict()})


def _role(obj: dict[str, Any]) -> str | None:
    role = obj.get("role")
    if role is None or role == "":
        return None
    if not isinstance(role, str) or len(role) > MAX_ROLE_CHARS or not re.fullmatch(r"[A-Za-z' -]+", role):
        raise ApiError(422, "'role' must be a short noun such as \"the shooter\"", "invalid_option")
    return role


@bp.get("/api/v1/rules")
def rules() -> Response:
    require_key()
    checker = state().checker
    return jsonify(
        {
            "schema": "nofame.rules/v1",
            "nofame_version": __version__,
            "rules": [
                {
                    "id": r.id,
                    "title": r.title,
                    "category": r.category,
                    "severity": r.severity,
                    "display_severity": r.display_severity or None,
                    "status": r.status,
                    "message": r.message,
                    "advice": r.advice,
                    "rationale": r.rationale,
                    "references": [{"title": ref.title, "url": ref.url} for ref in r.references],
                }
                for r in checker.rules
            ],
            "profiles": [
                {
                    "name": p.name,
                    "description": p.description,
                    "body_names": p.body_names,
                    "default": p.name == state().settings.profile,
                }
                for p in PROFILES.values()
            ],
        }
    )


@bp.get("/api/v1/openapi.json")
def openapi() -> Response:
    return jsonify(state().openapi)


@bp.get("/healthz")
def healthz() -> Response:
    return jsonify({"status": "ok", "version": __version__, "rules": len(state().checker.rules)})
