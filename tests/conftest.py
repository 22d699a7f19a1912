"""Shared fixtures: the checker is costly (spaCy + compiled rules), so it is built once per session."""

from __future__ import annotations

import http.server
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from nofame.checker import Checker, build_checker
from nofame.server import create_app
from nofame.settings import Settings

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def checker() -> Checker:
    return build_checker()


def make_app(checker: Checker, **config: Any) -> Flask:
    """Apps are cheap once the checker exists: every test app shares the session's checker."""
    return create_app({"NOFAME_CHECKER": checker, "NOFAME_READ_ENV": False, "NOFAME_SETTINGS": Settings(), **config})


@pytest.fixture(scope="module")
def app(checker: Checker) -> Flask:
    """The real app with default settings and a rate limit no test reaches; modules override it."""
    return make_app(checker, NOFAME_RATE_LIMIT="10000 per minute")


@contextmanager
def serve_page(page: bytes) -> Iterator[str]:
    """A real HTTP server on loopback answering every GET with one HTML page; yields its base URL."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def built_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's wheel, built once for the packaging and install tests."""
    out = tmp_path_factory.mktemp("wheel")
    root = Path(__file__).resolve().parents[1]
    command = [
        sys.executable,
        "-m",
        "pip",
        "wheel",
        str(root),
        "--no-deps",
        "--no-build-isolation",
        "-q",
        "-w",
        str(out),
    ]
    built = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    return next(out.glob("nofame-*.whl"))
