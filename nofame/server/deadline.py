"""A per-request deadline: a request that runs past it is stopped and answered with a JSON 503.

Under `nofame serve` each worker process handles one request at a time in its main thread, so the
deadline is a real-time interval timer (SIGALRM): when it fires, the check is interrupted wherever it
is (spaCy returns to Python between batches and layers) and the request ends with
`{"error": {"code": "deadline_exceeded", ...}}`; the worker goes on serving. Where requests run in
other threads (the single-process development server, tests), signals cannot reach them and no
deadline is set: the process server's worker timeout is the backstop there.
"""

from __future__ import annotations

import signal
import threading
from typing import Any

from flask import Flask, current_app, g

_REPEAT = 2.0


class DeadlineExceeded(Exception):
    """Raised inside a request that ran past the deadline."""


def _fire(signum: int, frame: Any) -> None:
    raise DeadlineExceeded


def can_interrupt() -> bool:
    return threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")


def install(app: Flask) -> None:
    @app.before_request
    def arm() -> None:
        seconds = float(current_app.config.get("NOFAME_REQUEST_DEADLINE") or 0)
        if seconds > 0 and can_interrupt():
            g.deadline_previous = signal.signal(signal.SIGALRM, _fire)
            # Fires again every few seconds until the request ends: library code that catches every
            # exception (HTML extraction does) may swallow one.
            signal.setitimer(signal.ITIMER_REAL, seconds, _REPEAT)

    @app.teardown_request
    def disarm(_exc: BaseException | None) -> None:
        if "deadline_previous" in g:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, g.pop("deadline_previous"))
