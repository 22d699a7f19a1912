"""`nofame serve`: gunicorn, one worker process per core, the app built once before the fork.

Checks are CPU-bound and hold the GIL, so threads queue requests rather than run them side by side;
processes use every core. The app (spaCy, rules, models) is built in the master and shared with the
workers copy-on-write. Each worker handles one request at a time, with the per-request deadline
(`request_deadline`, answered with a JSON 503) and, as a backstop, gunicorn's worker timeout; workers
are recycled after `max_requests` requests, or after a request that leaves them above
`max_worker_mb` of resident memory.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Flask
from gunicorn.app.base import BaseApplication

from nofame.server.memory_guard import resident_mb

log = logging.getLogger("nofame.server")


@dataclass(frozen=True)
class ProcessOptions:
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 0  # 0: one per core
    max_requests: int = 1000  # a worker is replaced after this many requests (with jitter)
    max_worker_mb: int = 2000  # ... or after a request that leaves it above this resident size


def cores() -> int:
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # not on Linux
        return max(os.cpu_count() or 1, 1)


class NofameProcesses(BaseApplication):
    """gunicorn with the already-built Flask app (preloaded: forked workers share it)."""

    def __init__(self, app: Flask, options: ProcessOptions, announce: str, on_bound: Callable[[int], None]) -> None:
        self.application = app
        self.options = options
        self.announce = announce
        self.on_bound = on_bound  # called in the master with the bound port, before the workers fork
        super().__init__()

    def load_config(self) -> None:
        options = self.options
        deadline = float(self.application.config.get("NOFAME_REQUEST_DEADLINE") or 0)
        host = f"[{options.host}]" if ":" in options.host else options.host
        max_mb = options.max_worker_mb
        announce = self.announce

        def post_request(worker: Any, req: Any, environ: Any, resp: Any) -> None:
            if max_mb and resident_mb() > max_mb:
                log.warning("worker %s above %d MB after a request: replaced", worker.pid, max_mb)
                worker.alive = False  # finishes this response, then exits; the master starts another

        on_bound = self.on_bound

        def when_ready(server: Any) -> None:
            on_bound(server.LISTENERS[0].sock.getsockname()[1])
            bound = ", ".join(str(listener) for listener in server.LISTENERS)
            log.info("nofame serving on %s (%s); Ctrl+C to stop", bound, announce)

        settings = {
            "bind": [f"{host}:{options.port}"],
            "workers": options.workers or cores(),
            # One request at a time per process (the deadline timer works there); refusals as JSON.
            "worker_class": "nofame.server.gunicorn_worker.JsonErrorWorker",
            # The worker timeout is the backstop behind the deadline: a worker stuck in native code
            # past it is killed and replaced.
            "timeout": int(deadline * 2 + 10) if deadline else 120,
            "graceful_timeout": 30,
            "keepalive": 5,
            "max_requests": options.max_requests,
            "max_requests_jitter": max(options.max_requests // 10, 1),
            "limit_request_line": 8190,
            "limit_request_fields": 100,
            "post_request": post_request,
            "when_ready": when_ready,
            "proc_name": "nofame",
            "preload_app": True,
            "control_socket_disable": True,
            "accesslog": None,  # nofame's own access log (no query strings, no article text)
            "errorlog": "-",
            "loglevel": "warning",
        }
        for key, value in settings.items():
            self.cfg.set(key, value)

    def load(self) -> Flask:
        return self.application


def run(app: Flask, options: ProcessOptions, announce: str, on_bound: Callable[[int], None]) -> None:
    sys.stderr.flush()
    NofameProcesses(app, options, announce, on_bound).run()
