"""fetch_url against a real HTTP server on 127.0.0.1; nothing ever leaves the loopback interface."""

from __future__ import annotations

import gzip
import ipaddress
import socket
import threading
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import brotli
import pytest
import urllib3.util.connection

from nofame.errors import FetchError
from nofame.sources import FetchSettings, fetch_url, load_article
from nofame.sources.fetch import forbidden_reason

DATA = Path(__file__).parent / "data" / "sources"
PAGE = (DATA / "riverside_shooting.html").read_bytes()
LIMIT = 2_000
ALLOWED = FetchSettings(allow_hosts=frozenset({"127.0.0.1"}), connect_timeout=0.5, read_timeout=0.5)
BOMB = gzip.compress(b" " * 50_000_000, compresslevel=9)  # ~50 KB on the wire, 50 MB decoded
ENCODED = {
    "/gzip": ("gzip", gzip.compress(PAGE)),
    "/x-gzip": ("x-gzip", gzip.compress(PAGE)),
    "/deflate": ("deflate", zlib.compress(PAGE)),
    "/deflate-raw": ("deflate", zlib.compress(PAGE)[2:-4]),  # raw deflate, as some servers send it
    "/br": ("br", brotli.compress(PAGE)),
    "/gzip-then-br": ("gzip, br", brotli.compress(gzip.compress(PAGE))),
    "/bomb": ("gzip", BOMB),
    "/br-bomb": ("br", brotli.compress(b"<p>" + b"a" * 50_000_000)),
    "/not-gzip": ("gzip", b"<html><body><p>plain, but labelled gzip</p>" * 20),
    "/compress": ("compress", b"\x1f\x9d" + b"x" * 100),
}


@dataclass
class Server:
    port: int
    stop: threading.Event
    hosts_seen: list[str] = field(default_factory=list)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


def _handler(stop: threading.Event, hosts_seen: list[str]) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # keep pytest output clean
            pass

        def _send(self, status: int, body: bytes, content_type: str, length: bool = True, encoding: str = "") -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            if encoding:
                self.send_header("Content-Encoding", encoding)
            if length:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _redirect(self, location: str) -> None:
            self.send_response(302)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def do_GET(self) -> None:
            hosts_seen.append(self.headers.get("Host", ""))
            port = self.server.server_address[1]
            path = self.path
            if path == "/article":
                self._send(200, PAGE, "text/html; charset=utf-8")
            elif path in ENCODED:
                encoding, body = ENCODED[path]
                self._send(200, body, "text/html; charset=utf-8", length=path != "/bomb", encoding=encoding)
            elif path == "/utf16-bom":
                body = "<html><body><p>Caf\xe9 owner speaks.</p>".encode("utf-16")  # with its BOM
                self._send(200, body, "text/html")
            elif path == "/bom-beats-header":
                self._send(200, "\ufeff<p>Café owner speaks.</p>".encode(), "text/html; charset=iso-8859-1")
            elif path == "/header-lies":
                self._send(200, "<p>Caf\xe9 owner speaks.</p>".encode("cp1252"), "text/html; charset=utf-8")
            elif path == "/cp1252-as-latin1":
                self._send(
                    200, "<p>\u201cWe\u2019re open,\u201d she said.</p>".encode("cp1252"), "text/html; charset=latin1"
                )
            elif path == "/unknown-charset":
                self._send(200, "<p>Café owner speaks.</p>".encode(), "text/html; charset=x-no-such-charset")
            elif path == "/notes.txt":
                self._send(200, "Police said the café was closed.\r\n".encode(), "text/plain")
            elif path == "/latin1":
                body = "<html><body><article><h1>Fire</h1><p>The café burned down on Monday night.</p>"
                self._send(200, body.encode("latin-1"), "text/html; charset=ISO-8859-1")
            elif path == "/meta-charset":
                body = '<html><head><meta charset="windows-1252"></head><body><p>Caf\xe9 owner speaks.</p>'
                self._send(200, body.encode("cp1252"), "text/html")
            elif path == "/to-article":
                self._redirect("/article")
            elif path == "/to-localhost":
                self._redirect(f"http://localhost:{port}/article")
            elif path == "/to-private":
                self._redirect("http://10.0.0.1/")
            elif path == "/to-metadata":
                self._redirect("http://169.254.169.254/latest/meta-data/")
            elif path == "/to-file":
                self._redirect("file:///etc/passwd")
            elif path == "/loop":
                self._redirect("/loop")
            elif path.startswith("/chain/"):
                self._redirect(f"/chain/{int(path.rsplit('/', 1)[1]) + 1}")
            elif path == "/slow":
                stop.wait(5)  # longer than the read timeout; released when the test ends
                if not stop.is_set():
                    self._send(200, PAGE, "text/html")
            elif path == "/trickle":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                self.wfile.write(b"<html><body><p>")
                while not stop.wait(0.05):
                    try:
                        self.wfile.write(b"a")
                        self.wfile.flush()
                    except OSError:
                        return
            elif path == "/big-declared":
                self._send(200, b"<p>" + b"x" * LIMIT * 2, "text/html")
            elif path == "/big-streamed":
                self._send(200, b"<p>" + b"x" * LIMIT * 2, "text/html", length=False)
            elif path == "/image":
                self._send(200, b"\x89PNG\r\n\x1a\n" + b"\x00" * 32, "image/png")
            else:
                self._send(404, b"not here", "text/plain")

    return Handler


@pytest.fixture
def server() -> Iterator[Server]:
    stop = threading.Event()
    hosts_seen: list[str] = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(stop, hosts_seen))
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield Server(port=httpd.server_address[1], stop=stop, hosts_seen=hosts_seen)
    finally:
        stop.set()
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A tripwire, not a mock: connections still happen, but only ever to loopback addresses."""
    attempts: list[str] = []
    real = urllib3.util.connection.create_connection

    def guarded(address: tuple[str, int], *args: object, **kwargs: object) -> object:
        attempts.append(address[0])
        if not ipaddress.ip_address(address[0].strip("[]")).is_loopback:
            raise AssertionError(f"test tried to connect to {address[0]}")
        return real(address, *args, **kwargs)

    monkeypatch.setattr(urllib3.util.connection, "create_connection", guarded)
    return attempts


def test_page_is_fetched_and_extracted(server: Server, loopback_only: list[str]) -> None:
    page = fetch_url(server.url("/article"), ALLOWED)
    assert page.url == server.url("/article")
    assert page.content_type == "text/html"
    assert page.encoding == "utf-8"
    assert "Riverside Mall" in page.text
    # Pinned: the socket went to the checked IP, the server still saw the URL's host.
    assert loopback_only == ["127.0.0.1"]
    assert server.hosts_seen == [f"127.0.0.1:{server.port}"]

    article = load_article(server.url("/article"), fetch_settings=ALLOWED)
    assert article.headline == "Three killed in Riverside Mall shooting, police say"
    assert article.url == server.url("/article")
    assert article.body.startswith("Three people were killed")


def test_relative_redirect_within_the_allowed_host(server: Server) -> None:
    page = fetch_url(server.url("/to-article"), ALLOWED)
    assert page.url == server.url("/article")


def test_plain_text_page(server: Server) -> None:
    page = fetch_url(server.url("/notes.txt"), ALLOWED)
    assert page.content_type == "text/plain"
    article = load_article(server.url("/notes.txt"), fetch_settings=ALLOWED, headline="Cafe closed")
    assert article.body == "Police said the café was closed."
    assert article.headline == "Cafe closed"
    assert article.media == frozenset()


def test_declared_and_meta_charsets(server: Server) -> None:
    assert "café burned" in fetch_url(server.url("/latin1"), ALLOWED).text
    page = fetch_url(server.url("/meta-charset"), ALLOWED)
    assert page.encoding == "cp1252"
    assert "Café owner" in page.text


def test_loopback_refused_without_allow_hosts(server: Server, loopback_only: list[str]) -> None:
    with pytest.raises(FetchError, match="private or loopback address"):
        fetch_url(server.url("/article"), FetchSettings())
    assert loopback_only == []


def test_redirect_to_a_host_that_is_not_allowed(server: Server, loopback_only: list[str]) -> None:
    with pytest.raises(FetchError, match=r"localhost resolves to a private or loopback address"):
        fetch_url(server.url("/to-localhost"), ALLOWED)
    assert loopback_only == ["127.0.0.1"]  # the first hop only
    assert server.hosts_seen == [f"127.0.0.1:{server.port}"]


@pytest.mark.parametrize(("path", "address"), [("/to-private", "10.0.0.1"), ("/to-metadata", "169.254.169.254")])
def test_redirect_to_internal_address_refused_before_connecting(
    server: Server, loopback_only: list[str], path: str, address: str
) -> None:
    with pytest.raises(FetchError, match=rf"private or loopback address \({address}"):
        fetch_url(server.url(path), ALLOWED)
    assert address not in loopback_only
    assert loopback_only == ["127.0.0.1"]


def test_metadata_address_named(loopback_only: list[str]) -> None:
    with pytest.raises(FetchError, match="cloud metadata"):
        fetch_url("http://169.254.169.254/latest/meta-data/", FetchSettings())
    assert loopback_only == []


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/file.txt", "file:///etc/passwd", "gopher://127.0.0.1/"])
def test_other_schemes_refused(url: str, loopback_only: list[str]) -> None:
    with pytest.raises(FetchError, match="only http and https"):
        fetch_url(url, ALLOWED)
    with pytest.raises(FetchError, match="only http and https"):
        load_article(url, fetch_settings=ALLOWED)
    assert loopback_only == []


def test_redirect_to_file_scheme_refused(server: Server) -> None:
    with pytest.raises(FetchError, match="only http and https"):
        fetch_url(server.url("/to-file"), ALLOWED)


def test_slow_server_times_out(server: Server) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out"):
        fetch_url(server.url("/slow"), ALLOWED)
    assert time.monotonic() - started < 2


def test_trickling_server_hits_the_wall_clock_budget(server: Server) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out"):
        fetch_url(server.url("/trickle"), ALLOWED)
    assert time.monotonic() - started < 2.5


@pytest.mark.parametrize("path", ["/big-declared", "/big-streamed"])
def test_oversized_body(server: Server, path: str) -> None:
    settings = FetchSettings(allow_hosts=frozenset({"127.0.0.1"}), max_bytes=LIMIT, read_timeout=2)
    with pytest.raises(FetchError, match=f"larger than the {LIMIT}-byte limit"):
        fetch_url(server.url(path), settings)


def test_http_error_status(server: Server) -> None:
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch_url(server.url("/missing"), ALLOWED)


def test_wrong_content_type(server: Server) -> None:
    with pytest.raises(FetchError, match="unsupported content type image/png"):
        fetch_url(server.url("/image"), ALLOWED)


def test_redirect_loop(server: Server) -> None:
    with pytest.raises(FetchError, match="redirect loop"):
        fetch_url(server.url("/loop"), ALLOWED)


def test_too_many_redirects(server: Server) -> None:
    settings = FetchSettings(allow_hosts=frozenset({"127.0.0.1"}), max_redirects=3)
    with pytest.raises(FetchError, match=r"too many redirects \(more than 3\)"):
        fetch_url(server.url("/chain/0"), settings)
    assert len(server.hosts_seen) == 4


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("0.0.0.0", "unspecified"),
        ("10.1.2.3", "private"),
        ("172.16.0.9", "private"),
        ("192.168.1.1", "private"),
        ("169.254.1.1", "link-local"),
        ("169.254.169.254", "cloud metadata"),
        ("fd00:ec2::254", "cloud metadata"),
        ("100.64.0.1", "shared address space"),
        ("224.0.0.1", "multicast"),
        ("240.0.0.1", "reserved"),
        ("fe80::1", "link-local"),
        ("fc00::1", "private"),
        ("fec0::1", "site-local"),
        ("::ffff:127.0.0.1", "loopback"),
        ("::ffff:10.0.0.1", "private"),
        ("64:ff9b::a00:1", "IPv6 wrapping a private IPv4 address"),
    ],
)
def test_forbidden_addresses(address: str, reason: str) -> None:
    assert forbidden_reason(address) == reason


@pytest.mark.parametrize("address", ["93.184.215.14", "2606:4700::6810:84e5", "::ffff:8.8.8.8"])
def test_public_addresses_pass(address: str) -> None:
    assert forbidden_reason(address) is None


def test_bad_urls() -> None:
    with pytest.raises(FetchError, match="no host"):
        fetch_url("http:///path", ALLOWED)
    with pytest.raises(FetchError, match="not a valid URL"):
        fetch_url("http://127.0.0.1:99999/", ALLOWED)


def test_settings_normalise_allow_hosts() -> None:
    settings = FetchSettings(allow_hosts=["Intranet.Example.", "[::1]"])  # type: ignore[arg-type]
    assert settings.allow_hosts == frozenset({"intranet.example", "::1"})
    with pytest.raises(ValueError):
        FetchSettings(read_timeout=0)


def test_connection_refused() -> None:
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens on it
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchError, match=r"could not connect to 127\.0\.0\.1"):
        fetch_url(f"http://127.0.0.1:{port}/", ALLOWED)


@pytest.mark.parametrize("path", ["/gzip", "/x-gzip", "/deflate", "/deflate-raw", "/br", "/gzip-then-br"])
def test_content_encodings_are_decoded(server: Server, path: str) -> None:
    page = fetch_url(server.url(path), ALLOWED)
    assert page.text == PAGE.decode("utf-8")
    article = load_article(server.url(path), fetch_settings=ALLOWED)
    assert article.headline == "Three killed in Riverside Mall shooting, police say"


@pytest.mark.parametrize("path", ["/bomb", "/br-bomb"])
def test_decompression_bomb_refused_at_the_decoded_cap(server: Server, path: str) -> None:
    settings = FetchSettings(allow_hosts=frozenset({"127.0.0.1"}), max_bytes=1_000_000, read_timeout=5)
    assert len(ENCODED[path][1]) < settings.max_bytes  # small on the wire: only the decoded size is over
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"decodes to more than the 1000000-byte limit \(a decompression bomb\?\)"):
        fetch_url(server.url(path), settings)
    assert time.monotonic() - started < 2


def test_bad_or_unknown_encodings_are_named(server: Server) -> None:
    with pytest.raises(FetchError, match="not valid gzip data"):
        fetch_url(server.url("/not-gzip"), ALLOWED)
    with pytest.raises(FetchError, match="unsupported content encoding 'compress'"):
        fetch_url(server.url("/compress"), ALLOWED)


@pytest.mark.parametrize(
    ("path", "encoding"),
    [
        ("/utf16-bom", "utf-16"),
        ("/bom-beats-header", "utf-8-sig"),
        ("/header-lies", None),  # detected: a single-byte Windows code page
        ("/cp1252-as-latin1", "cp1252"),
        ("/unknown-charset", "utf-8"),
    ],
)
def test_odd_charsets(server: Server, path: str, encoding: str | None) -> None:
    page = fetch_url(server.url(path), ALLOWED)
    assert page.encoding == encoding or (encoding is None and page.encoding.startswith("cp125"))
    assert "\ufeff" not in page.text
    assert "Café owner speaks." in page.text or "\u201cWe\u2019re open,\u201d" in page.text
