"""A per-request memory bound: a request whose process grows past it is stopped with a JSON 503.

Under `nofame serve` each worker handles one request at a time in its main thread. While a request
runs, a watcher thread reads the process's resident size every 50 ms; when it has grown by more than
`request_memory_mb` since the request began, the watcher signals the main thread, which stops the
check wherever it is and answers `{"error": {"code": "memory_exceeded", ...}}`. The worker goes on
serving; if the memory is not given back, worker recycling (`max_worker_mb`) replaces it. Where
requests run in other threads (the single-process development server), signals cannot reach them
and only the body size limit bounds memory.
"""

from __future__ import annotations

import os
import signal
import threading
from typing import Any

from flask import Flask, current_app, g

from nofame.server.deadline import can_interrupt

# SIGVTALRM: unused by gunicorn's workers (USR1/USR2/HUP are theirs) and by the deadline (SIGALRM).
_SIGNAL = signal.SIGVTALRM
_POLL_SECONDS = 0.05
_REPEAT_SECONDS = 2.0  # signalled again while the request runs on: library code may swallow one exception


class MemoryBudgetExceeded(Exception):
    """Raised inside a request that grew past its memory budget."""


def resident_mb() -> float:
    """This process's resident memory (Linux /proc), 0 where unknown."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            pages = int(handle.read().split()[1])
    except (OSError, ValueError, IndexError):
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def _fire(signum: int, frame: Any) -> None:
    raise MemoryBudgetExceeded


def _watch(limit_mb: float, stop: threading.Event, target: int) -> None:
    while not stop.wait(_POLL_SECONDS):
        if resident_mb() > limit_mb:
            signal.pthread_kill(target, _SIGNAL)
            stop.wait(_REPEAT_SECONDS)


def install(app: Flask) -> None:
    @app.before_request
    def watch() -> None:
        budget = float(current_app.config.get("NOFAME_REQUEST_MEMORY_MB") or 0)
        start = resident_mb()
        if budget <= 0 or start <= 0 or not can_interrupt():
            return
        previous = signal.signal(_SIGNAL, _fire)
        stop = threading.Event()
        watcher = threading.Thread(
            target=_watch, args=(start + budget, stop, threading.get_ident()), name="memory-guard", daemon=True
        )
        watcher.start()
        g.memory_guard = (stop, watcher, previous)

    @app.teardown_request
    def unwatch(_exc: BaseException | None) -> None:
        if "memory_guard" not in g:
            return
        stop, watcher, previous = g.pop("memory_guard")
        # First stop listening: a signal already sent must neither raise here nor meet the default action
        # (which ends the process).
        signal.signal(_SIGNAL, signal.SIG_IGN if previous in (signal.SIG_DFL, None) else previous)
        stop.set()
        watcher.join()
