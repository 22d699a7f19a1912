"""Polite fetching for URL lists: the safe fetcher, one request at a time per host, with a delay
between requests to the same host (or robots.txt's Crawl-delay, if longer), an identifying user
agent, robots.txt, and retries with backoff.

Fetching runs in the audit's main process (a few threads, different hosts in parallel), before the
workers: one place knows every host's schedule, so adding workers or Dask nodes never multiplies
the load on a news site.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

from nofame import __version__
from nofame.batch.records import Record
from nofame.batch.window import Window
from nofame.errors import FetchError
from nofame.sources.fetch import HTML_TYPES, FetchedPage, FetchSettings, fetch_url

USER_AGENT = f"nofame-audit/{__version__} (research batch audit of news coverage; +https://github.com/nofame)"
# Worth another try: the server says it is busy or failed on the way, or the network dropped. A 404, a
# 501 or a refused address will not change.
RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})


@dataclass(frozen=True)
class FetchPolicy:
    delay: float = 1.0  # seconds between two requests to the same host
    retries: int = 2  # extra attempts after a retryable failure
    backoff: float = 2.0  # first wait before a retry; doubled each time
    threads: int = 4  # hosts fetched at the same time
    robots: bool = True  # honour robots.txt (for our user agent)
    user_agent: str = USER_AGENT
    allow_hosts: frozenset[str] = frozenset()
    timeout: float = 15.0
    max_retry_after: float = 120.0  # a server asking for a longer pause than this is not retried

    def fetch_settings(self) -> FetchSettings:
        return FetchSettings(allow_hosts=self.allow_hosts, user_agent=self.user_agent, read_timeout=self.timeout)


@dataclass
class _Host:
    lock: threading.Lock = field(default_factory=threading.Lock)
    last: float = float("-inf")  # monotonic time the last request to this host ended
    robots: RobotFileParser | None = None
    robots_checked: bool = False


class PoliteFetcher:
    """Thread-safe; `fetch(url)` returns the page or raises FetchError after the retries."""

    def __init__(
        self,
        policy: FetchPolicy,
        fetch: Callable[[str, FetchSettings], FetchedPage] = fetch_url,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.policy = policy
        self.settings = policy.fetch_settings()
        self._fetch = fetch
        self._sleep = sleep
        self._hosts: dict[str, _Host] = {}
        self._lock = threading.Lock()
        self.requests = 0  # every HTTP request made, robots.txt included (for tests and the summary)

    def _host(self, url: str) -> tuple[str, _Host]:
        parts = urlsplit(url)
        key = f"{parts.scheme.lower()}://{(parts.netloc or '').lower()}"
        with self._lock:
            return key, self._hosts.setdefault(key, _Host())

    def fetch(self, url: str) -> FetchedPage:
        origin, host = self._host(url)
        with host.lock:  # one request at a time per host, spaced by the delay
            if self.policy.robots and not host.robots_checked:
                host.robots = self._robots(origin, host)
                host.robots_checked = True
            if host.robots is not None and not host.robots.can_fetch(self.policy.user_agent, url):
                raise FetchError(f"robots.txt of {origin} disallows {url}")
            backoff = self.policy.backoff
            for attempt in range(self.policy.retries + 1):
                self._wait(host)
                try:
                    return self._get(url, host)
                except FetchError as exc:
                    pause = retry_pause(exc, backoff, self.policy)
                    if attempt == self.policy.retries or pause is None:
                        raise
                self._sleep(pause)
                backoff *= 2
        raise AssertionError("unreachable")

    def _wait(self, host: _Host) -> None:
        delay = self.policy.delay
        if host.robots is not None:  # a Crawl-delay in robots.txt can only slow us down
            delay = max(delay, float(host.robots.crawl_delay(self.policy.user_agent) or 0))
        pause = host.last + delay - time.monotonic()
        if pause > 0:
            self._sleep(pause)

    def _get(self, url: str, host: _Host) -> FetchedPage:
        try:
            self.requests += 1
            return self._fetch(url, self.settings)
        finally:
            host.last = time.monotonic()

    def _robots(self, origin: str, host: _Host) -> RobotFileParser | None:
        """The host's robots.txt; a missing or unreadable one allows everything."""
        robots_url = urlunsplit((*urlsplit(origin)[:2], "/robots.txt", "", ""))
        parser = RobotFileParser(robots_url)
        self._wait(host)
        try:
            page = self._get(robots_url, host)
        except FetchError as exc:
            if exc.status in (401, 403):  # the convention: "unauthorised" means keep out
                parser.disallow_all = True
                return parser
            return None
        if page.content_type in HTML_TYPES:
            return None  # a soft 404 page, not a robots file
        parser.parse(page.text.splitlines())
        return parser


def retry_pause(exc: FetchError, backoff: float, policy: FetchPolicy) -> float | None:
    """Seconds to wait before trying again, or None when a retry is pointless: the status (or, without
    a response, whether the failure was transient) decides; the server's Retry-After, when longer,
    sets the pause unless it is longer than the policy will wait."""
    retryable = exc.status in RETRY_STATUSES if exc.status is not None else exc.transient
    if not retryable:
        return None
    if exc.retry_after is None:
        return backoff
    if exc.retry_after > policy.max_retry_after:
        return None
    return max(backoff, exc.retry_after)


def fetch_record(fetcher: PoliteFetcher, record: Record) -> Record:
    """A `url` record -> an `html`/`text` record with the page, or an `error` record."""
    if record.kind != "url":
        return record
    url = str(record.data)
    try:
        page = fetcher.fetch(url)
    except FetchError as exc:
        return replace(record, kind="error", data=b"", error=str(exc))
    kind = "html" if page.content_type in HTML_TYPES else "text"
    return replace(record, kind=kind, data=page.text, url=page.url)


def fetch_stage(
    records: Iterable[Record], policy: FetchPolicy, fetcher: PoliteFetcher | None = None
) -> Iterator[Record]:
    """Records in input order, URL records fetched by a few threads (at most `threads` hosts at once).

    Other records pass straight through, so a mixed input does not wait on fetching more than the
    window of records ahead of it.
    """
    fetcher = fetcher or PoliteFetcher(policy)
    pool = ThreadPoolExecutor(max_workers=max(policy.threads, 1), thread_name_prefix="nofame-fetch")

    def submit(record: Record) -> Future[Record]:
        if record.kind == "url":
            return pool.submit(fetch_record, fetcher, record)
        done: Future[Record] = Future()
        done.set_result(record)
        return done

    window: Window[Record, Future[Record]] = Window(records, submit, max(policy.threads * 4, 8))
    try:
        for _, future in window:
            yield future.result()
    finally:
        # On Ctrl-C, do not wait for queued fetches; a request in flight ends within its timeout.
        pool.shutdown(wait=False, cancel_futures=True)
