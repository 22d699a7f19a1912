"""Every error as JSON `{"error": {"code", "message"}}` with the right status (HTML for the page's 404)."""

from __future__ import annotations

import logging
import traceback

from flask import Flask, Response, g, jsonify, render_template, request
from flask_limiter.errors import RateLimitExceeded
from werkzeug.exceptions import HTTPException

from nofame.server.deadline import DeadlineExceeded
from nofame.server.memory_guard import MemoryBudgetExceeded

log = logging.getLogger("nofame.server")

# Status -> the machine-readable code used when a view does not name a more precise one.
CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    408: "timeout",
    413: "too_large",
    415: "unsupported_media_type",
    422: "unprocessable",
    429: "rate_limited",
    500: "internal_error",
    503: "unavailable",
}


class ApiError(Exception):
    """Raised by views: becomes the JSON error response with this status, code and message."""

    def __init__(self, status: int, message: str, code: str | None = None, headers: dict | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code or CODES.get(status, "error")
        self.message = message
        self.headers = headers or {}


def error_response(status: int, code: str, message: str, headers: dict | None = None) -> Response:
    response = jsonify({"error": {"code": code, "message": message}})
    response.status_code = status
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def _wants_html() -> bool:
    if request.path.startswith(("/api/", "/v2/")) or request.path == "/healthz":
        return False
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    return best == "text/html" and request.accept_mimetypes[best] > request.accept_mimetypes["application/json"]


def _http_message(exc: HTTPException) -> str:
    status = exc.code or 500
    if status == 404:
        return f"no such endpoint: {request.method} {request.path}"
    if status == 405:
        allowed = ", ".join(sorted(m for m in (exc.valid_methods or []) if m not in ("HEAD", "OPTIONS")))
        return f"{request.method} is not allowed here" + (f"; use {allowed}" if allowed else "")
    if status == 413:
        limit = request.max_content_length
        return f"the request is larger than the limit of {limit:,} bytes" if limit else "the request is too large"
    return (exc.description or exc.name).rstrip(".")


def register(app: Flask) -> None:
    @app.errorhandler(ApiError)
    def api_error(exc: ApiError) -> Response:
        return error_response(exc.status, exc.code, exc.message, exc.headers)

    @app.errorhandler(RateLimitExceeded)
    def rate_limited(exc: RateLimitExceeded) -> Response:
        message = f"too many requests: the limit is {exc.description}; try again later"
        return error_response(429, "rate_limited", message)

    # A request stopped by one of its bounds: (config key, unit for the log, code, what the message says).
    stopped = {
        DeadlineExceeded: ("NOFAME_REQUEST_DEADLINE", "s deadline", "deadline_exceeded", "took longer than", "seconds"),
        MemoryBudgetExceeded: ("NOFAME_REQUEST_MEMORY_MB", "MB memory bound", "memory_exceeded", "needed more than",
                               "MB of memory"),
    }  # fmt: skip

    def bound_exceeded(exc: Exception) -> Response:
        key, bound, code, verb, unit = stopped[type(exc)]
        limit = app.config.get(key)
        log.warning("request %s stopped at the %s %s", g.get("request_id", "-"), limit, bound)
        message = f"the check {verb} the server's limit of {limit} {unit}; send a shorter draft"
        g.retry_after = "60"  # kept by finish_request: the rate limiter rewrites Retry-After from its clock
        return error_response(503, code, message, {"Retry-After": g.retry_after})

    for exception in stopped:
        app.register_error_handler(exception, bound_exceeded)

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> Response:
        status = exc.code or 500
        message = _http_message(exc)
        if status == 404 and _wants_html():
            html = render_template("error.html", status=status, message="There is no page at this address.")
            return Response(html, status=status, mimetype="text/html")
        headers = {"Allow": ", ".join(sorted(exc.valid_methods))} if status == 405 and exc.valid_methods else {}
        return error_response(status, CODES.get(status, "error"), message, headers)

    @app.errorhandler(Exception)
    def internal_error(exc: Exception) -> Response:
        # The traceback names code, never the draft: exception messages from the engine are not logged.
        request_id = g.get("request_id", "-")
        frames = "".join(traceback.format_tb(exc.__traceback__))
        log.error("request %s failed with %s\n%s", request_id, type(exc).__name__, frames.rstrip())
        return error_response(500, "internal_error", f"internal error; quote request id {request_id} to the operator")
