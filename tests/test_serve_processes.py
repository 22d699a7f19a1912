"""`nofame serve`: worker processes (gunicorn), the per-request deadline answered as JSON while the
other workers keep serving, and the single-process development mode."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[1]
PARAGRAPH = (
    "Police said the gunman, identified as John Quokkaman, 24, opened fire at the Riverside Mall on Saturday, "
    "killing three people and wounding five. Quokkaman was arrested at the scene. Witnesses described hearing "
    "shots near the food court; the victims were remembered at a vigil on Sunday."
)
SHORT = {"headline": "Three killed at mall", "body": PARAGRAPH}


def _start(tmp_path: Path, *args: str, config: str = "") -> tuple[subprocess.Popen, str]:
    path = tmp_path / "nofame.toml"
    path.write_text('[server]\nrate_limit = "10000 per minute"\n' + config)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("NOFAME_API_KEYS", None)
    command = [sys.executable, "-m", "nofame.cli", "serve", "--port", "0", "--config", str(path), *args]
    process = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.PIPE, text=True, env=env)
    lines = []
    for _ in range(400):
        line = process.stderr.readline()
        lines.append(line)
        if "serving on" in line or not line:
            break
    match = re.search(r"serving on (http://127\.0\.0\.1:\d+)", lines[-1])
    if not match:
        process.kill()
        raise AssertionError("".join(lines))
    return process, match.group(1)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, subprocess.Popen]]:
    process, url = _start(tmp_path_factory.mktemp("serve"), "--workers", "2", config="request_deadline = 1.5\n")
    try:
        yield url, process
    finally:
        process.terminate()
        process.wait(timeout=30)
        process.stderr.close()


def test_worker_processes_answer_checks(served: tuple[str, subprocess.Popen]) -> None:
    url, _ = served
    assert requests.get(f"{url}/healthz", timeout=10).json()["status"] == "ok"
    ids = set()
    for _ in range(6):
        response = requests.post(f"{url}/api/v1/check", json=SHORT, timeout=60)
        assert response.status_code == 200 and response.json()["schema"] == "nofame.report/v1"
    for _ in range(20):
        ids.add(requests.get(f"{url}/healthz", timeout=10).headers.get("X-Request-Id"))
    assert len(ids) == 20  # answered, every time


def test_a_request_past_the_deadline_is_a_json_503_and_others_are_served(served: tuple[str, subprocess.Popen]) -> None:
    url, _ = served
    long_draft = {"headline": "Three killed at mall", "body": "\n\n".join([PARAGRAPH] * 400)}  # ~110 KB
    with ThreadPoolExecutor(2) as pool:
        slow = pool.submit(requests.post, f"{url}/api/v1/check", json=long_draft, timeout=60)
        time.sleep(0.3)
        started = time.monotonic()
        quick = pool.submit(requests.post, f"{url}/api/v1/check", json=SHORT, timeout=60).result()
        quick_seconds = time.monotonic() - started
        response = slow.result()
    assert quick.status_code == 200 and quick_seconds < 10  # the other worker kept serving
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "deadline_exceeded"
    assert "1.5 seconds" in response.json()["error"]["message"]
    # The worker that hit the deadline serves the next requests normally.
    for _ in range(4):
        assert requests.post(f"{url}/api/v1/check", json=SHORT, timeout=60).status_code == 200


def test_single_process_mode_for_development(tmp_path: Path) -> None:
    process, url = _start(tmp_path, "--single-process", "--threads", "2")
    try:
        assert requests.post(f"{url}/api/v1/check", json=SHORT, timeout=60).status_code == 200
    finally:
        process.terminate()
        process.wait(timeout=30)
        process.stderr.close()


def test_bodies_over_the_limit_are_json_413_under_worker_processes(served: tuple[str, subprocess.Popen]) -> None:
    url, _ = served
    big = b'{"body": "' + b"word " * 400_000 + b'"}'
    response = requests.post(f"{url}/api/v1/check", data=big, headers={"Content-Type": "application/json"}, timeout=60)
    assert response.status_code == 413 and response.json()["error"]["code"] == "too_large"


def test_requests_the_server_cannot_parse_get_json_errors(served: tuple[str, subprocess.Popen]) -> None:
    import json
    import socket

    url, _ = served
    host, port = url.removeprefix("http://").split(":")
    for raw, status in [
        (b"GET /api/v1/x\n2026 INFO forged HTTP/1.1\r\nHost: x\r\n\r\n", 400),
        (b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414),
        (b"GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n", 400),
    ]:
        with socket.create_connection((host, int(port)), timeout=10) as sock:
            sock.sendall(raw)
            answer = b""
            while chunk := sock.recv(65536):
                answer += chunk
        head, _, body = answer.partition(b"\r\n\r\n")
        assert head.startswith(f"HTTP/1.1 {status} ".encode()), head[:80]
        assert b"Content-Type: application/json" in head
        assert json.loads(body)["error"]["code"]


def test_a_request_past_the_memory_bound_is_a_json_503_and_the_worker_serves_on(tmp_path: Path) -> None:
    config = "request_deadline = 0\nrequest_memory_mb = 60\n"
    process, url = _start(tmp_path, "--workers", "1", config=config)
    try:
        huge = {"headline": "Three killed at mall", "body": "\n\n".join([PARAGRAPH] * 2500)}  # ~700 KB
        response = requests.post(f"{url}/api/v1/check", json=huge, timeout=300)
        assert response.status_code == 503
        assert response.json()["error"]["code"] == "memory_exceeded"
        for _ in range(3):  # the same (only) worker goes on serving
            assert requests.post(f"{url}/api/v1/check", json=SHORT, timeout=60).status_code == 200
    finally:
        process.terminate()
        process.wait(timeout=30)
        process.stderr.close()
