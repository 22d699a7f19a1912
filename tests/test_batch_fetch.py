"""Polite fetching of URL lists, against an HTTP server on 127.0.0.1 only (allowed with allow_hosts)."""

from __future__ import annotations

import itertools
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from nofame.batch.fetch import USER_AGENT, FetchPolicy, PoliteFetcher, fetch_stage
from nofame.batch.readers import read_inputs
from nofame.batch.records import Record
from nofame.batch.worker import to_article
from nofame.errors import FetchError
from nofame.sources.fetch import retry_after_seconds

PAGE = (
    "<!doctype html><html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
    "<p>Mourners gathered on Sunday for the two people killed in the shooting at the depot.</p>"
    "<p>Police said the suspect was arrested at the scene.</p></article></body></html>"
)


@dataclass
class Log:
    requests: list[tuple[float, str, str]] = field(default_factory=list)  # (time, path, user agent)
    flaky: int = 0
    crawl_delay: int = 0  # served in robots.txt when set

    def paths(self) -> list[str]:
        return [path for _, path, _ in self.requests]


def _handler(log: Log) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def _send(
            self, status: int, body: str, content_type: str = "text/html; charset=utf-8", retry_after: str = ""
        ) -> None:
            data = body.encode()
            self.send_response(status)
            if retry_after:
                self.send_header("Retry-After", retry_after)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            log.requests.append((time.monotonic(), self.path, self.headers.get("User-Agent", "")))
            if self.path == "/robots.txt":
                delay = f"Crawl-delay: {log.crawl_delay}\n" if log.crawl_delay else ""
                self._send(200, f"User-agent: *\nDisallow: /private/\n{delay}", "text/plain")
            elif self.path.startswith("/story/"):
                self._send(200, PAGE.format(title=f"Depot shooting story {self.path.rsplit('/', 1)[1]}"))
            elif self.path == "/flaky":
                log.flaky += 1
                if log.flaky < 3:
                    self._send(503, "try later")
                else:
                    self._send(200, PAGE.format(title="Flaky page, third time lucky"))
            elif self.path == "/busy":  # busy once, and says for how long
                log.flaky += 1
                if log.flaky < 2:
                    self._send(429, "slow down", retry_after="3")
                else:
                    self._send(200, PAGE.format(title="Busy page, second time lucky"))
            elif self.path == "/closed-for-hours":
                self._send(503, "maintenance", retry_after="7200")
            elif self.path == "/not-implemented":
                self._send(501, "no")
            elif self.path == "/notes.txt":
                self._send(200, "Plain text notes about the vigil.", "text/plain")
            else:
                self._send(404, "not here")

    return Handler


@pytest.fixture
def server() -> Iterator[tuple[str, Log]]:
    log = Log()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(log))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", log
    finally:
        httpd.shutdown()
        httpd.server_close()


POLICY = FetchPolicy(delay=0.15, retries=2, backoff=0.05, threads=3, allow_hosts=frozenset({"127.0.0.1"}), timeout=5)


def test_url_list_is_fetched_politely_in_input_order(server: tuple[str, Log], tmp_path: Path) -> None:
    base, log = server
    urls = tmp_path / "urls.txt"
    urls.write_text(
        "\n".join(
            [
                *(f"{base}/{path}" for path in ("story/1", "story/2", "private/secret", "gone", "flaky", "notes.txt")),
                "ftp://example.org/file",
            ]
        )
        + "\n"
    )
    records = list(fetch_stage(read_inputs([str(urls)]), POLICY))

    assert [r.id for r in records][:6] == [
        f"{base}/story/1",
        f"{base}/story/2",
        f"{base}/private/secret",
        f"{base}/gone",
        f"{base}/flaky",
        f"{base}/notes.txt",
    ]
    assert [r.kind for r in records] == ["html", "html", "error", "error", "html", "text", "error"]
    assert to_article(records[0]).headline == "Depot shooting story 1"
    assert to_article(records[0]).outlet == "127.0.0.1"  # the host stands in when a page names no outlet
    assert "robots.txt" in records[2].error and "disallows" in records[2].error
    assert records[3].error.startswith("HTTP 404")
    assert "not an http(s) URL" in records[6].error

    paths = log.paths()
    assert paths.count("/robots.txt") == 1  # read once per host
    assert "/private/secret" not in paths  # never requested
    assert paths.count("/gone") == 1  # a 404 is not retried
    assert paths.count("/flaky") == 3  # two 503s, then success
    assert {agent for _, _, agent in log.requests} == {USER_AGENT}
    times = sorted(t for t, _, _ in log.requests)
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert min(gaps) >= POLICY.delay - 0.02, gaps  # one host: requests spaced by the delay, never in parallel


def test_loopback_is_refused_unless_allowed(server: tuple[str, Log]) -> None:
    base, log = server
    record = Record(f"{base}/story/9", "list:1", "url", data=f"{base}/story/9", url=f"{base}/story/9")
    (refused,) = fetch_stage([record], FetchPolicy(delay=0, retries=0, robots=False))
    assert refused.kind == "error" and "refusing to fetch" in refused.error
    assert log.requests == []


def test_backoff_doubles_and_retryable_errors_only(server: tuple[str, Log]) -> None:
    base, _ = server
    waits: list[float] = []
    fetcher = PoliteFetcher(
        FetchPolicy(delay=0, retries=2, backoff=0.5, robots=False, allow_hosts=frozenset({"127.0.0.1"})),
        sleep=waits.append,
    )
    assert "Flaky" in fetcher.fetch(f"{base}/flaky").text
    assert waits == [0.5, 1.0]


def test_retries_follow_the_status_and_retry_after(server: tuple[str, Log]) -> None:
    base, log = server
    waits: list[float] = []
    policy = FetchPolicy(delay=0, retries=2, backoff=0.5, robots=False, allow_hosts=frozenset({"127.0.0.1"}))
    fetcher = PoliteFetcher(policy, sleep=waits.append)
    assert "Busy" in fetcher.fetch(f"{base}/busy").text
    assert waits == [3.0]  # the server's Retry-After, longer than our backoff
    for path, status in (("/closed-for-hours", 503), ("/not-implemented", 501), ("/missing", 404)):
        waits.clear()
        with pytest.raises(FetchError) as caught:
            fetcher.fetch(f"{base}{path}")
        assert caught.value.status == status and waits == [], path  # no retry: too long a pause, or pointless
    assert [p for p in log.paths() if p == "/closed-for-hours"] == ["/closed-for-hours"]


def test_a_dropped_connection_is_retried_a_refused_address_is_not() -> None:
    with socket.socket() as sock:  # a port nobody listens on: the connection is refused
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    waits: list[float] = []
    policy = FetchPolicy(delay=0, retries=2, backoff=0.5, robots=False, allow_hosts=frozenset({"127.0.0.1"}))
    with pytest.raises(FetchError, match="could not connect") as caught:
        PoliteFetcher(policy, sleep=waits.append).fetch(f"http://127.0.0.1:{port}/story/1")
    assert caught.value.transient and caught.value.status is None and waits == [0.5, 1.0]
    waits.clear()
    with pytest.raises(FetchError, match="private or loopback"):
        PoliteFetcher(replace(policy, allow_hosts=frozenset()), sleep=waits.append).fetch(f"http://127.0.0.1:{port}/")
    assert waits == []


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("120", 120.0),
        ("", None),
        ("soon", None),
        ("Wed, 21 Oct 2015 07:28:30 GMT", 30.0),
        ("Wed, 21 Oct 2015 07:27:00 GMT", 0.0),  # in the past: no wait
    ],
)
def test_retry_after_header(header: str, seconds: float | None) -> None:
    now = datetime(2015, 10, 21, 7, 28, 0, tzinfo=UTC)
    assert retry_after_seconds(header, now) == seconds


def test_a_longer_crawl_delay_in_robots_txt_wins(server: tuple[str, Log]) -> None:
    base, log = server
    log.crawl_delay = 7
    waits: list[float] = []
    policy = FetchPolicy(delay=0.5, retries=0, allow_hosts=frozenset({"127.0.0.1"}))
    fetcher = PoliteFetcher(policy, sleep=waits.append)
    fetcher.fetch(f"{base}/story/1")
    fetcher.fetch(f"{base}/story/2")
    assert [path for _, path, _ in log.requests] == ["/robots.txt", "/story/1", "/story/2"]
    assert len(waits) == 2 and all(6.5 < w <= 7 for w in waits), waits  # not our 0.5 s
