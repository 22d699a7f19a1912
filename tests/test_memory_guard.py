"""The per-request memory bound: a check that grows the process past it is stopped with a JSON 503, and
the next request is served normally. (The Flask test client runs requests in the main thread, as a
`nofame serve` worker does, so the guard is armed here as it is there.)"""

from __future__ import annotations

import time

from flask import Flask

from nofame.checker import Checker
from nofame.server.memory_guard import resident_mb
from tests.conftest import make_app

PARAGRAPH = (
    "Police said the gunman, identified as John Quokkaman, 24, opened fire at the Riverside Mall on Saturday, "
    "killing three people and wounding five. Quokkaman was arrested at the scene. Witnesses described hearing "
    "shots near the food court; the victims were remembered at a vigil on Sunday."
)


def _app(checker: Checker, megabytes: int) -> Flask:
    return make_app(checker, NOFAME_RATE_LIMIT="10000 per minute", NOFAME_REQUEST_MEMORY_MB=megabytes)


def test_a_check_past_the_memory_bound_is_a_json_503_and_the_next_is_served(checker: Checker) -> None:
    assert resident_mb() > 0  # Linux: the guard reads /proc
    client = _app(checker, 40).test_client()
    huge = {"headline": "Three killed at mall", "body": "\n\n".join([PARAGRAPH] * 2500)}  # ~700 KB
    response = client.post("/api/v1/check", json=huge)
    assert response.status_code == 503
    error = response.get_json()["error"]
    assert error["code"] == "memory_exceeded"
    assert "40 MB" in error["message"]
    assert response.headers["Retry-After"] == "60"
    small = client.post("/api/v1/check", json={"headline": "Three killed at mall", "body": PARAGRAPH})
    assert small.status_code == 200
    assert small.get_json()["findings"]


def test_a_bound_of_zero_turns_the_guard_off(checker: Checker) -> None:
    client = _app(checker, 0).test_client()
    body = "\n\n".join([PARAGRAPH] * 40)
    assert client.post("/api/v1/check", json={"headline": "Three killed", "body": body}).status_code == 200


def test_a_stopped_check_says_retry_after_60_however_long_it_ran(checker: Checker) -> None:
    # The rate limiter rewrites Retry-After from its own window; a slow stopped check must still say 60.
    app = _app(checker, 40)
    app.before_request(lambda: time.sleep(1.2))
    huge = {"headline": "Three killed at mall", "body": "\n\n".join([PARAGRAPH] * 2500)}
    response = app.test_client().post("/api/v1/check", json=huge)
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "60"
