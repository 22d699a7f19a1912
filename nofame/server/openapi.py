"""The OpenAPI 3.1 document: the paths written here, every request and response schema generated from
the models the views validate with (server/models.py, server/lt_models.py).

The test suite validates the document and checks real responses of every status against it.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, models_json_schema

from nofame import __version__
from nofame.server import lt_models, models

ERROR_TEXT = {
    "400": "Malformed request: the body is not JSON, is nested more than 32 levels deep or holds a lone "
    "surrogate (or the LanguageTool form lacks `text`/`data`).",
    "401": "An API key is required (or the one sent is not valid). Only when the server has keys configured.",
    "413": "The request body is larger than the server's limit (1 MB unless configured otherwise).",
    "415": "Wrong content type.",
    "422": "Valid JSON that cannot be used: no body, html or url; a refused or failed URL; an unknown "
    "profile or rule id; options of the wrong type.",
    "429": "Rate limited, per API key or, without one, per client address. See `Retry-After`.",
    "500": "Internal error; the message quotes the request id to give the operator.",
    "503": "The check ran past the server's per-request deadline (code `deadline_exceeded`) or memory bound "
    "(code `memory_exceeded`); send a shorter draft. See `Retry-After`.",
}
# Every model the document names; the models they hold are published with them.
MODELS: tuple[type[BaseModel], ...] = (
    models.CheckRequest,
    models.Report,
    models.RewriteResponse,
    models.RulesResponse,
    models.Health,
    models.Error,
    lt_models.LanguageToolCheckRequest,
    lt_models.LanguageToolLanguage,
    lt_models.LanguageToolResponse,
)


class _Schema(GenerateJsonSchema):
    """JSON Schema without a title on every property: the property's name says it."""

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False


def component_schemas(rule_ids: Sequence[str]) -> dict[str, Any]:
    """`components.schemas`: every model's JSON Schema, with the loaded rules' ids as the rule-id enum."""
    _, top = models_json_schema(
        [(model, "validation") for model in MODELS],
        ref_template="#/components/schemas/{model}",
        schema_generator=_Schema,
    )
    return _finish(top["$defs"], list(rule_ids))


def _finish(node: Any, rule_ids: list[str]) -> Any:
    """Rule-id marks become the enum of loaded rule ids; `"default": null` (an optional key) is dropped."""
    if isinstance(node, dict):
        out = {
            key: _finish(value, rule_ids)
            for key, value in node.items()
            if key != models.RULE_ID_MARK and not (key == "default" and value is None)
        }
        if node.get(models.RULE_ID_MARK) and rule_ids:
            out["enum"] = rule_ids
        return out
    if isinstance(node, list):
        return [_finish(item, rule_ids) for item in node]
    return node


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {
        "description": description,
        "headers": {"X-Request-Id": {"$ref": "#/components/headers/X-Request-Id"}},
        "content": {"application/json": {"schema": schema}},
    }


def _errors(*statuses: str) -> dict[str, Any]:
    out = {}
    for status in statuses:
        response = _json(_ref("Error"), ERROR_TEXT[status])
        if status in ("429", "503"):
            response["headers"]["Retry-After"] = {"$ref": "#/components/headers/Retry-After"}
        if status == "401":
            response["headers"]["WWW-Authenticate"] = {"schema": {"type": "string"}}
        out[status] = response
    return out


KEYED = [{}, {"bearerAuth": []}, {"pageToken": []}]


def build_openapi(rule_ids: Iterable[str], max_request_bytes: int, *, page: bool = True) -> dict[str, Any]:
    rule_ids = sorted(rule_ids)
    check_body = {
        "required": True,
        "content": {"application/json": {"schema": _ref("CheckRequest")}},
        "description": f"At most {max_request_bytes:,} bytes.",
    }
    check_errors = _errors("400", "401", "413", "415", "422", "429", "500", "503")
    doc = {
        "openapi": "3.1.0",
        "info": {
            "title": "nofame",
            "version": __version__,
            "summary": "Checks news drafts about mass attacks against No Notoriety guidelines.",
            "description": "Send a draft as CMS JSON; get back findings with offsets, reasons, sources and "
            "suggested rewrites (`nofame.report/v1`). When the server has API keys configured, send one "
            "as `Authorization: Bearer <key>`. Also speaks LanguageTool's `/v2` protocol.",
            "license": {"name": "MIT", "identifier": "MIT"},
        },
        "servers": [{"url": "/"}],
        "tags": [
            {"name": "check", "description": "The nofame API."},
            {"name": "languagetool", "description": "LanguageTool-compatible endpoints."},
            {"name": "service", "description": "Health, discovery and the page."},
        ],
        "paths": {
            "/api/v1/check": {
                "post": {
                    "operationId": "checkArticle",
                    "tags": ["check"],
                    "summary": "Check an article.",
                    "security": KEYED,
                    "requestBody": check_body,
                    "responses": {"200": _json(_ref("Report"), "The report."), **check_errors},
                }
            },
            "/api/v1/rewrite": {
                "post": {
                    "operationId": "rewriteArticle",
                    "tags": ["check"],
                    "summary": "Check an article and return the suggested draft.",
                    "security": KEYED,
                    "requestBody": copy.deepcopy(check_body),
                    "responses": {
                        "200": _json(_ref("RewriteResponse"), "The report and the suggested draft."),
                        **copy.deepcopy(check_errors),
                    },
                }
            },
            "/api/v1/rules": {
                "get": {
                    "operationId": "listRules",
                    "tags": ["check"],
                    "summary": "Every rule and profile.",
                    "security": KEYED,
                    "responses": {"200": _json(_ref("RulesResponse"), "Rules and profiles."), **_errors("401", "429")},
                }
            },
            "/api/v1/openapi.json": {
                "get": {
                    "operationId": "openapi",
                    "tags": ["service"],
                    "summary": "This document.",
                    "security": [{}],
                    "responses": {"200": _json({"type": "object"}, "OpenAPI 3.1."), **_errors("429")},
                }
            },
            "/healthz": {
                "get": {
                    "operationId": "health",
                    "tags": ["service"],
                    "summary": "Liveness: the checker is loaded. Not rate limited.",
                    "security": [{}],
                    "responses": {"200": _json(_ref("Health"), "Healthy.")},
                }
            },
            "/v2/check": {
                "post": {
                    "operationId": "languageToolCheck",
                    "tags": ["languagetool"],
                    "summary": "LanguageTool-compatible check.",
                    "security": KEYED,
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/x-www-form-urlencoded": {
                                "schema": _ref("LanguageToolCheckRequest"),
                                "encoding": {"perpetrator": {"style": "form", "explode": True}},
                            }
                        },
                    },
                    "responses": {
                        "200": _json(_ref("LanguageToolResponse"), "LanguageTool's response format."),
                        **_errors("400", "401", "413", "415", "422", "429", "500", "503"),
                    },
                }
            },
            "/v2/languages": {
                "get": {
                    "operationId": "languageToolLanguages",
                    "tags": ["languagetool"],
                    "summary": "The languages nofame checks (English).",
                    "security": [{}],
                    "responses": {
                        "200": _json({"type": "array", "items": _ref("LanguageToolLanguage")}, "Languages."),
                        **_errors("429"),
                    },
                }
            },
            "/": {
                "get": {
                    "operationId": "page",
                    "tags": ["service"],
                    "summary": "The page for journalists.",
                    "security": [{}],
                    "responses": {
                        "200": {
                            "description": "HTML.",
                            "content": {"text/html": {"schema": {"type": "string"}}},
                        },
                        **_errors("429"),
                    },
                }
            },
        },
        "components": {
            "schemas": component_schemas(rule_ids),
            "securitySchemes": {
                "bearerAuth": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "An API key, when the server has keys configured.",
                },
                "pageToken": {
                    "type": "apiKey",
                    "in": "header",
                    "name": "X-Nofame-Page-Token",
                    "description": "Sent by the server's own page, same-origin only.",
                },
            },
            "headers": {
                "X-Request-Id": {
                    "description": "The id this request has in the server's logs.",
                    "schema": {"type": "string"},
                },
                "Retry-After": {"description": "Seconds until the limit resets.", "schema": {"type": "integer"}},
            },
        },
    }
    if not page:
        del doc["paths"]["/"]
    return doc
