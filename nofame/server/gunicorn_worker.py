"""gunicorn's own refusals (a malformed request line or headers, headers too large) as JSON errors.

gunicorn answers requests it cannot parse before the app sees them, in HTML; API clients parse
`{"error": {"code", "message"}}`, so nofame's workers answer those in that shape too. The message
names the problem, never the bytes sent (they could hold anything, and are not logged either).
"""

from __future__ import annotations

import contextlib
import json
import logging
from typing import Any

from gunicorn.http import errors as http_errors
from gunicorn.util import write_nonblock
from gunicorn.workers.sync import SyncWorker

from nofame.server.errors import CODES
from nofame.server.security import SECURITY_HEADERS

log = logging.getLogger("nofame.server")

# gunicorn's parser errors -> (status, reason, message).
_REFUSALS: tuple[tuple[type[BaseException], int, str, str], ...] = (
    # A header the app tried to send is the app's fault, and a configuration problem the server's.
    (http_errors.InvalidResponseHeader, 500, "Internal Server Error", "internal error"),
    (http_errors.InvalidResponseHeaderName, 500, "Internal Server Error", "internal error"),
    (http_errors.ConfigurationProblem, 500, "Internal Server Error", "internal error"),
    (http_errors.ExpectationFailed, 417, "Expectation Failed", "the Expect header is not supported"),
    (http_errors.ForbiddenProxyRequest, 403, "Forbidden", "the request is forbidden"),
    (http_errors.LimitRequestLine, 414, "URI Too Long", "the request line is too long"),
    (http_errors.LimitRequestHeaders, 431, "Request Header Fields Too Large", "the request headers are too large"),
    (http_errors.InvalidRequestLine, 400, "Bad Request", "the request line is not valid HTTP"),
    (http_errors.InvalidRequestMethod, 400, "Bad Request", "the request method is not valid"),
    (http_errors.InvalidHTTPVersion, 400, "Bad Request", "the HTTP version is not supported"),
    (http_errors.InvalidHeaderName, 400, "Bad Request", "a request header name is not valid"),
    (http_errors.InvalidHeader, 400, "Bad Request", "a request header is not valid"),
    (http_errors.UnsupportedTransferCoding, 501, "Not Implemented", "the transfer coding is not supported"),
    (http_errors.ParseException, 400, "Bad Request", "the request is not valid HTTP"),
)
_CODES = {**CODES, 414: "uri_too_long", 417: "expectation_failed", 431: "headers_too_large", 501: "not_implemented"}


def refusal(exc: BaseException) -> tuple[int, str, str]:
    for kind, status, reason, message in _REFUSALS:
        if isinstance(exc, kind):
            return status, reason, message
    return 500, "Internal Server Error", "internal error"


class JsonErrorWorker(SyncWorker):
    def handle_error(self, req: Any, client: Any, addr: Any, exc: BaseException) -> None:
        status, reason, message = refusal(exc)
        if status == 500:
            log.error("request failed before the app with %s", type(exc).__name__)
        body = json.dumps({"error": {"code": _CODES.get(status, "error"), "message": message}}).encode()
        headers = [
            f"HTTP/1.1 {status} {reason}",
            "Connection: close",
            "Content-Type: application/json",
            f"Content-Length: {len(body)}",
            "Cache-Control: no-store",
            *(f"{name}: {value}" for name, value in SECURITY_HEADERS.items()),
        ]
        with contextlib.suppress(OSError):  # the client may have gone
            write_nonblock(client, ("\r\n".join(headers) + "\r\n\r\n").encode("latin-1") + body)
