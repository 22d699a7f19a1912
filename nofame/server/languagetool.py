"""LanguageTool-compatible `/v2/check` and `/v2/languages`: LanguageTool clients can use nofame by
changing the server URL.

The client sends one text (`text=`) or an annotated document (`data=` with text and markup parts).
If its first line stands alone (a Markdown `#` heading, or a short line without a full stop followed
by a blank line) it is read as the headline, so display-text rules apply to it; the rest is the body.
"""

from __future__ import annotations

import re
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request
from pydantic import ValidationError
from werkzeug.datastructures import MultiDict

from nofame.article import Article
from nofame.checker import check
from nofame.errors import InputError
from nofame.language import UnsupportedLanguage
from nofame.render.languagetool import CATEGORY, ClientText, align, render_languagetool
from nofame.report import Report
from nofame.server import json_input
from nofame.server.errors import ApiError
from nofame.server.lt_models import LanguageToolCheckRequest
from nofame.server.security import require_key
from nofame.server.state import ServerState
from nofame.sources.text import article_from_text, collapse, parse_suppression

bp = Blueprint("languagetool", __name__)

# (name, longCode): nofame reads English only.
LANGUAGES = (
    ("English", "en"),
    ("English (US)", "en-US"),
    ("English (GB)", "en-GB"),
    ("English (Australian)", "en-AU"),
    ("English (Canadian)", "en-CA"),
    ("English (New Zealand)", "en-NZ"),
    ("English (South African)", "en-ZA"),
)
_BY_CODE = {code.lower(): (name, code) for name, code in LANGUAGES}
_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
_HEADING = re.compile(r"#{1,6}[ \t]+")
_BLANK_LINE_AFTER = re.compile(r"[ \t\r]*\n[ \t\r]*\n")
_COMMENT_LINE = re.compile(r"^[ \t]*<!--(.*?)-->[ \t]*$", re.MULTILINE)
HEADLINE_MAX_WORDS = 25


@bp.get("/v2/languages")
def languages() -> Response:
    return jsonify([{"name": name, "code": code.split("-")[0], "longCode": code} for name, code in LANGUAGES])


@bp.post("/v2/check")
def check_text() -> Response:
    require_key()
    if request.mimetype not in _FORM_TYPES:
        shown = request.mimetype or "none"
        raise ApiError(415, f"send a form (application/x-www-form-urlencoded), not {shown}", "unsupported_media_type")
    form = _form(request.form)
    language = _language(form.language)
    client = _client_text(form.text, form.data)
    server: ServerState = current_app.extensions["nofame.server"]
    if not client.plain.strip() or _category_off(form):
        return jsonify(render_languagetool(_empty(server), client, {}, titles={}, language=language))
    settings = server.settings.with_overrides(
        profile=form.profile,
        perpetrators=server.settings.perpetrators + tuple(n.strip() for n in form.perpetrator if n.strip()),
        disabled_rules=server.settings.disabled_rules | _disabled(form, server.rule_ids),
        include_preview=True if form.level == "picky" else None,
    )
    article, positions = article_of_text(client.plain)
    try:
        report = check(server.checker, article, settings)
    except UnsupportedLanguage as exc:
        raise ApiError(422, str(exc), "unsupported_language") from None
    except InputError as exc:
        raise ApiError(422, str(exc), "invalid_article") from None
    titles = {rule.id: rule.title for rule in server.checker.rules}
    return jsonify(render_languagetool(report, client, positions, titles=titles, language=language))


def _form(form: MultiDict[str, str]) -> LanguageToolCheckRequest:
    """The form validated against its model (the first value of a repeated field, but every perpetrator)."""
    fields: dict[str, Any] = {key: form.get(key) for key in form}
    fields["perpetrator"] = form.getlist("perpetrator")
    try:
        return LanguageToolCheckRequest.model_validate(fields)
    except ValidationError as exc:
        error = exc.errors(include_url=False, include_input=False)[0]
        name = str(error["loc"][0]) if error["loc"] else "form"
        code = "invalid_option" if name == "profile" else "bad_request"
        raise ApiError(400, f"'{name}': {error['msg']}", code) from None


def _language(value: str) -> dict[str, Any]:
    code = value.strip().replace("_", "-")
    if code.lower() == "auto":
        name, code = "English (US)", "en-US"
    elif code.lower() in _BY_CODE:
        name, code = _BY_CODE[code.lower()]
    else:
        raise ApiError(
            400, f"nofame checks English only; 'language' {value!r} is not supported", "unsupported_language"
        )
    return {"name": name, "code": code, "detectedLanguage": {"name": name, "code": code, "confidence": 1.0}}


def _client_text(text: str | None, data: str | None) -> ClientText:
    if text is not None:
        return ClientText.of_text(text)
    if data is None:
        raise ApiError(400, "send the text to check as the form field 'text' or 'data'", "missing_text")
    try:
        parsed = json_input.loads(data)
    except json_input.JsonRefused as exc:
        raise ApiError(400, f"'data': {exc}", "malformed_json") from None
    except ValueError:
        raise ApiError(400, "'data' is not valid JSON", "malformed_json") from None
    annotation = parsed.get("annotation") if isinstance(parsed, dict) else None
    if not isinstance(annotation, list):
        raise ApiError(400, "'data' must be a JSON object with an 'annotation' list", "malformed_json")
    parts: list[tuple[str, str | None]] = []
    for item in annotation:
        if not isinstance(item, dict):
            raise ApiError(400, "each 'annotation' item is an object with 'text' or 'markup'", "malformed_json")
        if isinstance(item.get("text"), str):
            parts.append((item["text"], None))
        elif isinstance(item.get("markup"), str):
            interpret = item.get("interpretAs", "")
            if not isinstance(interpret, str):
                raise ApiError(400, "'interpretAs' must be a string", "malformed_json")
            parts.append((item["markup"], interpret))
        else:
            raise ApiError(400, "each 'annotation' item needs a string 'text' or 'markup'", "malformed_json")
    return ClientText.of_annotation(parts)


def _ids(value: str | None) -> set[str]:
    return {part.strip() for part in (value or "").split(",") if part.strip()}


def _disabled(form: LanguageToolCheckRequest, rule_ids: frozenset[str]) -> frozenset[str]:
    """LanguageTool's rule switches, for nofame's rule ids (other ids belong to other checkers)."""
    disabled = _ids(form.disabledRules) & rule_ids
    if form.enabledOnly == "true" and CATEGORY["id"] not in _ids(form.enabledCategories):
        disabled |= rule_ids - _ids(form.enabledRules)
    return frozenset(disabled)


def _category_off(form: LanguageToolCheckRequest) -> bool:
    if CATEGORY["id"] in _ids(form.disabledCategories):
        return True
    enabled_only = form.enabledOnly == "true"
    return enabled_only and not _ids(form.enabledRules) and CATEGORY["id"] not in _ids(form.enabledCategories)


def _empty(server: ServerState) -> Report:
    return Report(profile=server.settings.profile, fields={}, actors=(), stats={}, findings=())


def article_of_text(plain: str) -> tuple[Article, dict[str, list[int]]]:
    """The article in a client's text, and where each field's characters sit in that text."""
    headline_span, body_start = split_headline(plain)
    headline_source = plain[headline_span[0] : headline_span[1]] if headline_span else ""
    body_source = plain[body_start:]
    article = article_from_text(body_source, headline=headline_source)
    positions: dict[str, list[int]] = {}
    if article.headline:
        positions["headline"] = align(article.headline, headline_source, headline_span[0])
    if article.body:
        comments = [m.span() for m in _COMMENT_LINE.finditer(body_source) if parse_suppression(m.group(1))]
        positions["body"] = align(article.body, body_source, body_start, comments)
    return article, positions


def split_headline(plain: str) -> tuple[tuple[int, int] | None, int]:
    """((start, end) of the headline line, or None; where the body starts)."""
    start = len(plain) - len(plain.lstrip())
    line_end = plain.find("\n", start)
    if line_end == -1:
        return None, 0
    blank = _BLANK_LINE_AFTER.match(plain, line_end)
    if blank is None:
        return None, 0
    line = plain[start:line_end]
    heading = _HEADING.match(line)
    if heading is not None:
        start += heading.end()
    else:
        bare = collapse(line).rstrip("\"'”’)]*_ ")
        if not bare or len(bare.split()) > HEADLINE_MAX_WORDS or bare.endswith((".", ",", ";", ":")):
            return None, 0
    end = line_end
    while end > start and plain[end - 1].isspace():
        end -= 1
    return (start, end), blank.end()
