"""Errors waitress answers itself (before the app sees the request) as JSON, like every other error.

Waitress refuses some requests on its own: a body over `max_request_body_size` (413), a malformed
request line or headers (400), headers that are too large (431). Its answer is plain text; clients of
the API parse `{"error": {"code", "message"}}`, so the server's channels use this task instead.
"""

from __future__ import annotations

import json

from waitress.channel import HTTPChannel
from waitress.task import ErrorTask

from nofame.server.errors import CODES
from nofame.server.security import SECURITY_HEADERS


def error_message(code: int, reason: str, limit: int) -> str:
    if code == 413:
        return f"the request is larger than the limit of {limit:,} bytes"
    return reason[:1].lower() + reason[1:]


class JsonErrorTask(ErrorTask):
    def execute(self) -> None:
        error = self.request.error
        code = int(getattr(error, "code", 500))
        reason = str(getattr(error, "reason", "Internal Server Error"))
        limit = self.channel.server.adj.max_request_body_size
        body = json.dumps({"error": {"code": CODES.get(code, "error"), "message": error_message(code, reason, limit)}})
        encoded = body.encode("utf-8")
        self.status = f"{code} {reason}"
        self.response_headers.extend([("Content-Type", "application/json"), *SECURITY_HEADERS.items()])
        self.response_headers.append(("Cache-Control", "no-store"))
        self.set_close_on_finish()
        self.content_length = len(encoded)
        self.write(encoded)


class JsonErrorChannel(HTTPChannel):
    error_task_class = JsonErrorTask
