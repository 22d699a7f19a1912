"""API keys (kept only as SHA-256 hashes), the page's same-origin token, security headers, request logs.

Request logs carry an id, the method and path (never the query string), sizes, status, duration and
the API key's short id: never any article text.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import secrets
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from flask import Flask, Response, current_app, g, request

from nofame.errors import ConfigError
from nofame.server.errors import ApiError
from nofame.server.page_token import normalise_origin, verify

access_log = logging.getLogger("nofame.server.access")

HASH_PREFIX = "sha256:"
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
PAGE_TOKEN_HEADER = "X-Nofame-Page-Token"

CSP = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "font-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
    ]
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def new_key() -> tuple[str, str]:
    """A fresh random API key and the `sha256:` line to put in the config instead of the key."""
    key = "nfk_" + secrets.token_urlsafe(32)
    return key, HASH_PREFIX + hash_key(key)


def parse_keys(entries: Iterable[str]) -> tuple[bytes, ...]:
    """Keys from config or environment -> SHA-256 digests. `sha256:<hex>` entries are already hashed."""
    digests = []
    for raw in entries:
        entry = raw.strip()
        if not entry:
            continue
        if entry.lower().startswith(HASH_PREFIX):
            hexdigest = entry[len(HASH_PREFIX) :].lower()
            if not _HEX64.match(hexdigest):
                raise ConfigError(f"API key hash {entry[:16]}... is not 64 hex digits")
            digests.append(bytes.fromhex(hexdigest))
        else:
            if len(entry) < 16:
                raise ConfigError("API keys must be at least 16 characters (use `nofame serve --new-key`)")
            digests.append(hashlib.sha256(entry.encode("utf-8")).digest())
    return tuple(dict.fromkeys(digests))


@dataclass(frozen=True)
class KeyRing:
    digests: tuple[bytes, ...] = ()

    @property
    def required(self) -> bool:
        return bool(self.digests)

    def identify(self, key: str) -> str | None:
        """The short id (first 8 hex digits of the hash) of a valid key, else None; constant time."""
        candidate = hashlib.sha256(key.encode("utf-8")).digest()
        found = None
        for digest in self.digests:  # every digest is compared, so timing does not tell which matched
            if hmac.compare_digest(candidate, digest):
                found = digest
        return found.hex()[:8] if found is not None else None


def page_origin() -> str:
    """The origin the page's token is bound to: the configured public origin, else this request's."""
    configured = current_app.extensions["nofame.server"].public_origin
    return configured or normalise_origin(f"{request.scheme}://{request.host}")


def bearer_key() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return None


def client_identity() -> str:
    """Who a request counts against for rate limits: its API key if valid, else its address."""
    if "client" not in g:
        ring: KeyRing = current_app.extensions["nofame.server"].keys
        key = bearer_key()
        if key is None:
            key = _form_key()
        key_id = ring.identify(key) if key and ring.required else None
        g.key_id = key_id
        g.client = f"key:{key_id}" if key_id else f"ip:{request.remote_addr or '-'}"
    return g.client


_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _form_key() -> str | None:
    """LanguageTool clients send their key as the form field `apiKey` (with `username`)."""
    if request.path == "/v2/check" and request.method == "POST" and request.mimetype in _FORM_TYPES:
        return request.form.get("apiKey") or None
    return None


def require_key() -> None:
    """When keys are configured, API calls need one; the site's own page may call with its token."""
    state = current_app.extensions["nofame.server"]
    if not state.keys.required:
        return
    client_identity()
    if g.key_id:
        return
    token = request.headers.get(PAGE_TOKEN_HEADER, "")
    code = "unauthorized"
    if token and current_app.config["NOFAME_PAGE"]:
        verdict = verify(
            state.secret,
            token,
            origin=page_origin(),
            max_age=current_app.config["NOFAME_PAGE_TOKEN_MINUTES"] * 60,
            origin_header=request.headers.get("Origin"),
            host_header=request.host,
            fetch_site=request.headers.get("Sec-Fetch-Site"),
        )
        if verdict.ok:
            return
        g.page_token_refused = verdict.reason
    if token and g.get("page_token_refused") in ("expired", "invalid"):  # also after a restart: reload
        message, code = "the page has expired: reload it to check again", "page_expired"
    elif token:
        message = "the page's token is not accepted here: check from the page this server serves"
    elif bearer_key() or _form_key():
        message = "the API key is not valid"
    else:
        message = "an API key is required: send it as 'Authorization: Bearer <key>'"
    raise ApiError(401, message, code, {"WWW-Authenticate": 'Bearer realm="nofame"'})


def loggable(text: str) -> str:
    """One log line's worth: control characters (a %0a in the path), backslashes and non-ASCII escaped,
    so a request cannot start a forged line in the log."""
    return text.encode("unicode_escape").decode("ascii")


def install(app: Flask) -> None:
    """Request ids and timing first, security headers and the access log on every response."""

    @app.before_request
    def start_request() -> None:
        incoming = request.headers.get("X-Request-Id", "")
        g.request_id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex[:16]
        g.started = time.perf_counter()

    @app.after_request
    def finish_request(response: Response) -> Response:
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if request.is_secure:
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        if response.status_code not in (429, 503):
            response.headers.pop("Retry-After", None)  # the limiter adds it to every response
        elif "retry_after" in g:  # a request stopped by its bound: the limiter counted down from 60 meanwhile
            response.headers["Retry-After"] = g.retry_after
        if request.endpoint != "static":
            response.headers["Cache-Control"] = "no-store"  # drafts and reports are never cached
        response.headers["X-Request-Id"] = g.get("request_id", "-")
        duration_ms = (time.perf_counter() - g.get("started", time.perf_counter())) * 1000
        response.headers["Server-Timing"] = f"app;dur={duration_ms:.1f}"
        access_log.info(
            "request id=%s method=%s path=%s status=%d in_bytes=%d out_bytes=%s duration_ms=%.1f client=%s",
            g.get("request_id", "-"),
            request.method,
            loggable(request.path[:200]),
            response.status_code,
            request.content_length or 0,
            response.calculate_content_length() if not response.is_streamed else "-",
            duration_ms,
            f"key:{g.key_id}" if g.get("key_id") else "anonymous",
        )
        return response
