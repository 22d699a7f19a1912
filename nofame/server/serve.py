"""`nofame serve`: gunicorn worker processes (nofame.server.processes), or the app under waitress in one
process (`--single-process`, for development; also what tests and benchmarks start in a thread)."""

from __future__ import annotations

import logging
import sys
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

from flask import Flask
from waitress import wasyncore
from waitress.server import BaseWSGIServer, create_server

from nofame.batch.worker import keep_pandas_out
from nofame.server import create_app
from nofame.server.page_token import normalise_origin
from nofame.server.server_errors import JsonErrorChannel

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_THREADS = 4


def make_server(
    app: Flask, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, threads: int = DEFAULT_THREADS
) -> BaseWSGIServer:
    """A bound waitress server (port 0 picks a free port: see `server.effective_port`)."""
    limit = app.config["MAX_CONTENT_LENGTH"]
    server = create_server(
        app,
        host=host,
        port=port,
        threads=threads,
        ident="nofame",
        # Waitress refuses a body over the limit as soon as it is declared (Content-Length) or, chunked,
        # as soon as it passes the limit, without spooling the rest; its answer is JSON (JsonErrorChannel).
        max_request_body_size=limit,
        channel_timeout=120,
        connection_limit=200,
        clear_untrusted_proxy_headers=True,
    )
    server.channel_class = JsonErrorChannel  # waitress's own refusals (413, 400, 431) as JSON errors
    return server


class BackgroundServer:
    """The real server in a thread, for tests and benchmarks: `with BackgroundServer(app) as url:`."""

    def __init__(self, app: Flask, host: str = DEFAULT_HOST, threads: int = DEFAULT_THREADS) -> None:
        self.server = make_server(app, host, 0, threads)
        self.url = f"http://{host}:{self.server.effective_port}"
        self._thread = threading.Thread(target=self.server.run, name="nofame-waitress", daemon=True)

    def __enter__(self) -> str:
        self._thread.start()
        return self.url

    def __exit__(self, *exc: Any) -> None:
        self.server.task_dispatcher.shutdown()
        # Closed from inside the loop's thread, between two selects: closing the sockets from here
        # while select() waits on them fails in the server thread with "Bad file descriptor".
        self.server.trigger.pull_trigger(lambda: wasyncore.close_all(self.server._map))
        self._thread.join(timeout=10)


def bind_page_origin(app: Flask, host: str, port: int) -> None:
    """Without a configured public_origin, page tokens are bound to the address served on (when that
    is one address, not a wildcard such as 0.0.0.0, where the page's own origin is used)."""
    state = app.extensions["nofame.server"]
    if state.public_origin is None and host not in ("0.0.0.0", "::", ""):
        literal = f"[{host}]" if ":" in host else host
        app.extensions["nofame.server"] = replace(state, public_origin=normalise_origin(f"http://{literal}:{port}"))


def serve(
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    threads: int = DEFAULT_THREADS,
    config: Path | None = None,
    workers: int = 0,
    single_process: bool = False,
) -> None:
    """gunicorn with one worker process per core (or `workers`); waitress in one process with
    `single_process` (development: no per-request deadline, one GIL for every request)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    keep_pandas_out()  # a server never handles a DataFrame: 100 MB less in the master and every worker
    app = create_app({"NOFAME_CONFIG_FILE": config} if config else None)
    keys = "API keys required" if app.extensions["nofame.server"].keys.required else "no API keys configured"
    if not single_process:
        from nofame.server.processes import ProcessOptions, cores, run

        count = workers or cores()
        deadline = app.config["NOFAME_REQUEST_DEADLINE"]
        announce = f"{count} worker processes, {deadline} s deadline per request, {keys}"
        run(app, ProcessOptions(host, port, count), announce, lambda bound: bind_page_origin(app, host, bound))
        return
    server = make_server(app, host, port, threads)
    bind_page_origin(app, host, getattr(server, "effective_port", port))
    display_host = f"[{host}]" if ":" in host else host
    logging.getLogger("nofame.server").info(
        "nofame serving on http://%s:%s (one process, %d threads, %s); Ctrl+C to stop",
        display_host,
        getattr(server, "effective_port", port),
        threads,
        keys,
    )
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
