"""The OpenAPI 3.1 document, built as data: every endpoint, request body and response, exactly.

The test suite validates the document and checks real responses of every status against it.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

from nofame import __version__
from nofame.profiles import PROFILES
from nofame.render.languagetool import CATEGORY, ISSUE_TYPES
from nofame.report import SAFETIES, SCHEMA, SEVERITIES

ERROR_CODES = (
    "bad_request",
    "malformed_json",
    "missing_text",
    "unsupported_language",
    "invalid_option",
    "unauthorized",
    "not_found",
    "method_not_allowed",
    "too_large",
    "unsupported_media_type",
    "unprocessable",
    "invalid_article",
    "fetch_failed",
    "unknown_rule",
    "rate_limited",
    "internal_error",
)
ROLES = ("perpetrator", "victim", "official", "helper", "other")
FIELD_NAME = r"^(headline|dek|title|slug|body|caption\[\d+\]|alt\[\d+\])$"

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


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _obj(
    properties: dict[str, Any], required: Iterable[str] | None = None, *, closed: bool = True, **extra: Any
) -> dict:
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    schema["required"] = list(properties if required is None else required)
    if closed:
        schema["additionalProperties"] = False
    schema.update(extra)
    return schema


def _string(description: str = "", **extra: Any) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string", **extra}
    if description:
        schema["description"] = description
    return schema


def _schemas(rule_ids: list[str]) -> dict[str, Any]:
    severity = {"type": "string", "enum": list(SEVERITIES)}
    rule_id = {"type": "string", "enum": rule_ids} if rule_ids else {"type": "string"}
    profile = {"type": "string", "enum": list(PROFILES)}
    suggestion = _obj(
        {
            "replacement": _string(
                "Text that replaces the finding's span (empty: delete it; for a zero-width finding, text to insert)."
            ),
            "safety": {
                "type": "string",
                "enum": list(SAFETIES),
                "description": "safe: applied by rewrites; unsafe: an editor must check the meaning; "
                "display-only: advice, not an edit.",
            },
        }
    )
    finding = _obj(
        {
            "rule": rule_id,
            "severity": severity,
            "field": _string("Field of `fields` the span is in.", pattern=FIELD_NAME),
            "start": {"type": "integer", "minimum": 0, "description": "0-based code point offset into the field."},
            "end": {
                "type": "integer",
                "minimum": 0,
                "description": "Exclusive end. start == end for an insertion point (a missing help box).",
            },
            "text": _string("The flagged text, `fields[field][start:end]`."),
            "message": _string(),
            "rationale": _string("Why it matters."),
            "source": _string("The guideline or study behind the rule (a URL)."),
            "suggestions": {"type": "array", "items": _ref("Suggestion")},
            "confidence": {"type": "number", "minimum": 0, "maximum": 1},
        }
    )
    actor = _obj(
        {
            "id": _string(),
            "name": _string(),
            "role": {"type": "string", "enum": list(ROLES)},
            "aliases": {"type": "array", "items": {"type": "string"}},
            "mentions": {"type": "integer", "minimum": 0},
            "confidence": {"type": "number", "minimum": 0, "maximum": 1},
        }
    )
    stats = _obj(
        {
            "words": {"type": "integer", "minimum": 0},
            "about_attack": {"type": "boolean"},
            "at_large": {"type": "boolean"},
            "perpetrator_mentions": {"type": "integer", "minimum": 0},
            "perpetrator_name_in_headline": {"type": "boolean"},
            "victim_mentions": {"type": "integer", "minimum": 0},
            "perpetrator_attention": {"type": "integer", "minimum": 0},
            "role_noun": {"type": ["string", "null"]},
        },
        required=["words"],
        closed=False,
        description="Article statistics; more keys may be added.",
    )
    report_properties: dict[str, Any] = {
        "schema": {"type": "string", "const": SCHEMA},
        "nofame_version": _string(),
        "profile": profile,
        "language": _string("The article's language (ISO 639-1) as detected; only English articles are checked."),
        "score": {"type": "integer", "minimum": 0, "maximum": 100, "description": "100 minus the findings' costs."},
        "fields": {
            "type": "object",
            "propertyNames": {"pattern": FIELD_NAME},
            "additionalProperties": {"type": "string"},
            "description": (
                "The text of each field; finding offsets refer to these. From /api/v1/check with "
                "offsets 'sent' (the default), the fields the client sent as text are returned as sent."
            ),
        },
        "actors": {"type": "array", "items": _ref("Actor")},
        "stats": _ref("Stats"),
        "findings": {"type": "array", "items": _ref("Finding")},
        "not_checkable": {
            "type": "array",
            "items": {"type": "string"},
            "description": "Rules the input cannot show (images, links, embeds in plain text): not passed.",
        },
    }
    report = _obj(report_properties, description="`nofame.report/v1`, the shape every face of nofame emits.")
    edit = _obj(
        {
            "field": _string("Field of `fields` the edit is in.", pattern=FIELD_NAME),
            "start": {"type": "integer", "minimum": 0, "description": "0-based code point offset into the field."},
            "end": {"type": "integer", "minimum": 0, "description": "Exclusive end; start == end inserts."},
            "replacement": _string("The text that replaces `fields[field][start:end]`."),
            "safety": {
                "type": "string",
                "enum": ["safe", "needs-review"],
                "description": "safe: meaning-preserving and grammatical, applied by the draft and by Apply all; "
                "needs-review: an editor decides.",
            },
            "rule": {"type": ["string", "null"], "description": "The rule whose finding the edit fixes."},
            "note": _string("What the edit does."),
        }
    )
    rewrite = _obj(
        {
            **report_properties,
            "draft": _string("The suggested draft as Markdown: every safe edit applied."),
            "suggested_fields": {
                "type": "object",
                "additionalProperties": {"type": "string"},
                "description": "Each field with its safe edits applied.",
            },
            "role_noun": _string("The one noun that stands for the perpetrator in this draft."),
            "edits": {
                "type": "array",
                "items": edit,
                "description": "Every planned edit, in text order; none overlap, and each reads right applied "
                "alone, so any subset can be applied by offset (from the end of each field backwards).",
            },
        },
        description="The report plus the suggested draft and the edits that make it.",
    )
    check_request = _obj(
        {
            "headline": _string(),
            "dek": _string(),
            "body": _string("Plain text; blank lines separate paragraphs."),
            "captions": {"type": "array", "items": {"type": "string"}},
            "html": _string("The article page or fragment: captions, alt text, links and embeds become checkable."),
            "url": _string(
                "Fetched when neither body nor html is given (public addresses only), else the "
                "story's URL, whose slug is checked."
            ),
            "published": _string(),
            "outlet": _string(),
            "language": _string(),
            "profile": {**profile, "description": "Threshold profile; the server's default when absent."},
            "perpetrators": {
                "oneOf": [
                    {"type": "string"},
                    {"type": "array", "items": {"type": "string", "maxLength": 200}, "maxItems": 20},
                ],
                "description": "Names the newsroom knows; detection is then skipped.",
            },
            "disabled_rules": {"type": "array", "items": rule_id},
            "include_preview": {"type": "boolean"},
            "offsets": {
                "type": "string",
                "enum": ["sent", "normalised"],
                "default": "sent",
                "description": (
                    "/api/v1/check: 'sent' returns headline, dek, body and captions as sent (CRLF and all) "
                    "with offsets into them; 'normalised' returns the text as nofame read it. "
                    "/api/v1/rewrite always answers on the normalised text."
                ),
            },
            "role": _string(
                'Rewrite only: the noun that replaces the name ("the shooter"); chosen from the facts when absent.',
                maxLength=40,
            ),
        },
        required=[],
        closed=False,
        anyOf=[{"required": ["body"]}, {"required": ["html"]}, {"required": ["url"]}],
        description="CMS article JSON plus options. Unknown keys are ignored.",
        examples=[
            {
                "headline": "Four killed in Dayton bar shooting",
                "body": "Four people were killed ...",
                "profile": "no-notoriety",
                "perpetrators": ["John Doe"],
            }
        ],
    )
    rule = _obj(
        {
            "id": _string(),
            "title": _string(),
            "category": _string(),
            "severity": severity,
            "display_severity": {"type": ["string", "null"], "enum": [*SEVERITIES, None]},
            "status": {"type": "string", "enum": ["preview", "stable"]},
            "message": _string(),
            "advice": _string(),
            "rationale": _string(),
            "references": {"type": "array", "items": _obj({"title": _string(), "url": _string()})},
        }
    )
    rules = _obj(
        {
            "schema": {"type": "string", "const": "nofame.rules/v1"},
            "nofame_version": _string(),
            "rules": {"type": "array", "items": _ref("Rule")},
            "profiles": {
                "type": "array",
                "items": _obj(
                    {
                        "name": profile,
                        "description": _string(),
                        "body_names": {"type": "integer", "minimum": 0},
                        "default": {"type": "boolean"},
                    }
                ),
            },
        }
    )
    error = _obj(
        {"error": _obj({"code": {"type": "string", "enum": list(ERROR_CODES)}, "message": _string()})},
        description="Every error, with any status.",
    )
    health = _obj(
        {"status": {"type": "string", "const": "ok"}, "version": _string(), "rules": {"type": "integer", "minimum": 1}}
    )
    lt_request = _obj(
        {
            "text": _string("The text to check. Give this or `data`."),
            "data": _string(
                'JSON: {"annotation": [{"text": "..."}, {"markup": "<p>", "interpretAs": "\\n\\n"}]}; '
                "offsets then count markup too."
            ),
            "language": _string("en, en-US, en-GB, ... or auto (English).", default="auto"),
            "motherTongue": _string("Accepted and ignored."),
            "preferredVariants": _string("Accepted and ignored."),
            "enabledRules": _string("Comma-separated rule ids (with enabledOnly=true: only these)."),
            "disabledRules": _string("Comma-separated rule ids."),
            "enabledCategories": _string(f"Comma-separated; nofame's category is {CATEGORY['id']}."),
            "disabledCategories": _string(f"Comma-separated; {CATEGORY['id']} turns nofame off."),
            "enabledOnly": {"type": "string", "enum": ["true", "false"]},
            "level": {"type": "string", "enum": ["default", "picky"], "description": "picky adds preview rules."},
            "username": _string("Accepted and ignored."),
            "apiKey": _string("An API key, for clients that cannot send an Authorization header."),
            "profile": {**profile, "description": "nofame extension: the threshold profile."},
            "perpetrator": {
                "type": "array",
                "items": {"type": "string"},
                "description": "nofame extension: the perpetrator's name (repeat the field for more).",
            },
        },
        required=[],
        closed=False,
        anyOf=[{"required": ["text"]}, {"required": ["data"]}],
    )
    lt_language = _obj({"name": _string(), "code": _string(), "longCode": _string()})
    lt_match = _obj(
        {
            "message": _string(),
            "shortMessage": _string(),
            "replacements": {"type": "array", "items": _obj({"value": _string()})},
            "offset": {"type": "integer", "minimum": 0, "description": "In UTF-16 code units of the sent text."},
            "length": {"type": "integer", "minimum": 0, "description": "In UTF-16 code units."},
            "context": _obj(
                {
                    "text": _string(),
                    "offset": {"type": "integer", "minimum": 0},
                    "length": {"type": "integer", "minimum": 0},
                }
            ),
            "sentence": _string(),
            "type": _obj({"typeName": {"type": "string", "enum": ["Other", "Hint"]}}),
            "rule": _obj(
                {
                    "id": rule_id,
                    "description": _string(),
                    "issueType": {"type": "string", "enum": sorted(set(ISSUE_TYPES.values()))},
                    "category": _obj({"id": {"type": "string", "const": CATEGORY["id"]}, "name": _string()}),
                    "urls": {"type": "array", "items": _obj({"value": _string()})},
                }
            ),
            "ignoreForIncompleteSentence": {"type": "boolean"},
            "contextForSureMatch": {"type": "integer"},
            "nofame": _obj(
                {
                    "severity": severity,
                    "field": _string(pattern=FIELD_NAME),
                    "confidence": {"type": "number", "minimum": 0, "maximum": 1},
                },
                description="nofame extension: the finding's severity, field and confidence.",
            ),
        }
    )
    lt_response = _obj(
        {
            "software": _obj(
                {
                    "name": _string(),
                    "version": _string(),
                    "buildDate": {"type": ["string", "null"]},
                    "apiVersion": {"type": "integer"},
                    "premium": {"type": "boolean"},
                    "status": _string(),
                }
            ),
            "warnings": _obj({"incompleteResults": {"type": "boolean"}}),
            "language": _obj(
                {
                    "name": _string(),
                    "code": _string(),
                    "detectedLanguage": _obj({"name": _string(), "code": _string(), "confidence": {"type": "number"}}),
                }
            ),
            "matches": {"type": "array", "items": _ref("LanguageToolMatch")},
        }
    )
    return {
        "Suggestion": suggestion,
        "Finding": finding,
        "Actor": actor,
        "Stats": stats,
        "Report": report,
        "RewriteResponse": rewrite,
        "CheckRequest": check_request,
        "Rule": rule,
        "RulesResponse": rules,
        "Health": health,
        "Error": error,
        "LanguageToolCheckRequest": lt_request,
        "LanguageToolLanguage": lt_language,
        "LanguageToolMatch": lt_match,
        "LanguageToolResponse": lt_response,
    }


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
            "schemas": _schemas(rule_ids),
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
