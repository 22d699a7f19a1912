"""Fetching a page by URL, safe by construction.

nofame runs as a service that fetches URLs its users type in, so every fetch must not be usable to
reach the machine's own network (SSRF): only http(s), only public addresses unless an operator allows
a host, redirects followed by hand, bounded time and size, and only HTML or plain text.
"""

from __future__ import annotations

import codecs
import ipaddress
import re
import socket
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

import requests
import urllib3
from requests.adapters import HTTPAdapter
from trafilatura.utils import detect_encoding

from nofame.errors import FetchError, InputError
from nofame.sources.content_encoding import BodyDecoder, DecodedTooLarge
from nofame.sources.text import reject_binary

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain"})
_ACCEPT = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 65_536
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)

_METADATA = frozenset(ipaddress.ip_address(a) for a in ("169.254.169.254", "fd00:ec2::254", "100.100.100.200"))
_SHARED = ipaddress.ip_network("100.64.0.0/10")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


@dataclass(frozen=True)
class FetchSettings:
    # Host names or IP literals (as written in URLs) allowed even if they resolve to private addresses.
    allow_hosts: frozenset[str] = frozenset()
    connect_timeout: float = 5.0
    # Bounds each socket read and, with connect_timeout, the wall time of the whole fetch.
    read_timeout: float = 15.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    user_agent: str = "nofame/0.1 (+https://github.com/nofame; newsroom draft checker)"

    def __post_init__(self) -> None:
        # Accept any iterable (a list from a config file) and compare host names case-insensitively.
        hosts = frozenset(h.strip().strip("[]").rstrip(".").lower() for h in self.allow_hosts if h.strip())
        object.__setattr__(self, "allow_hosts", hosts)
        if min(self.connect_timeout, self.read_timeout) <= 0 or self.max_bytes <= 0 or self.max_redirects < 0:
            raise ValueError("fetch timeouts and max_bytes must be positive, max_redirects not negative")


DEFAULT_FETCH_SETTINGS = FetchSettings()


@dataclass(frozen=True)
class FetchedPage:
    url: str  # the final URL, after redirects
    content_type: str  # text/html, application/xhtml+xml or text/plain
    text: str
    encoding: str


@dataclass(frozen=True)
class _Target:
    url: str
    scheme: str
    host: str  # ASCII (IDNA) host name or IP literal, no brackets
    port: int
    host_header: str
    path: str
    addresses: tuple[str, ...]

    def pinned_url(self, address: str) -> str:
        literal = f"[{address}]" if ":" in address else address
        return urlunsplit((self.scheme, f"{literal}:{self.port}", self.path, "", ""))


def fetch_url(url: str, settings: FetchSettings = DEFAULT_FETCH_SETTINGS) -> FetchedPage:
    """GET an http(s) page that resolves to public addresses; FetchError with a reason otherwise."""
    deadline = time.monotonic() + settings.connect_timeout + settings.read_timeout
    visited: set[str] = set()
    current = url.strip()
    for _hop in range(settings.max_redirects + 1):
        # Checked on every hop, not only the first: a public page can redirect to an internal
        # address, and requests' own redirect handling would connect before anyone could look.
        target = _target(current, settings)
        outcome = _get(target, settings, deadline)
        if isinstance(outcome, FetchedPage):
            return outcome
        visited.add(current)
        if outcome in visited:
            raise FetchError(f"redirect loop fetching {url} (back to {outcome})")
        current = outcome
    raise FetchError(f"too many redirects (more than {settings.max_redirects}) fetching {url}")


def _target(url: str, settings: FetchSettings) -> _Target:
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise FetchError(f"not a valid URL: {url}") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError(f"refusing to fetch {url}: only http and https URLs are supported")
    hostname = (parts.hostname or "").rstrip(".")
    if not hostname:
        raise FetchError(f"not a valid URL (no host): {url}")
    try:
        host = hostname.encode("idna").decode("ascii") if not hostname.isascii() else hostname
    except UnicodeError:
        raise FetchError(f"not a valid host name: {hostname}") from None
    port = port or (443 if scheme == "https" else 80)
    addresses = _resolve(host, port)
    if not _is_allowed(hostname, settings.allow_hosts):
        for address in addresses:
            reason = forbidden_reason(address)
            if reason:
                raise FetchError(
                    f"refusing to fetch {url}: {hostname} resolves to a private or loopback address "
                    f"({address}, {reason})"
                )
    literal = f"[{host}]" if ":" in host else host
    default_port = parts.port is None or parts.port == (443 if scheme == "https" else 80)
    return _Target(
        url=url,
        scheme=scheme,
        host=host,
        port=port,
        host_header=literal if default_port else f"{literal}:{port}",
        path=urlunsplit(("", "", parts.path or "/", parts.query, "")),
        addresses=addresses,
    )


def _is_allowed(hostname: str, allow_hosts: frozenset[str]) -> bool:
    return hostname.lower() in allow_hosts


def _resolve(host: str, port: int) -> tuple[str, ...]:
    # getaddrinfo has no timeout of its own; a slow resolver can exceed the fetch budget.
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError):
        raise FetchError(f"could not resolve host {host}", transient=True) from None
    addresses = [str(info[4][0]).split("%", 1)[0] for info in infos if info[0] in (socket.AF_INET, socket.AF_INET6)]
    if not addresses:
        raise FetchError(f"could not resolve host {host}", transient=True)
    return tuple(dict.fromkeys(addresses))


def forbidden_reason(address: str) -> str | None:
    """Why an address must not be fetched (loopback, private, ...), or None for a public address."""
    ip = ipaddress.ip_address(address)
    if ip in _METADATA:
        return "cloud metadata"
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped
        if embedded is not None:
            # ::ffff:a.b.c.d reaches a.b.c.d: judge it as that address.
            return forbidden_reason(str(embedded))
        embedded = ip.sixtofour or (ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF) if ip in _NAT64 else None)
        if embedded is not None and forbidden_reason(str(embedded)):
            return "IPv6 wrapping a private IPv4 address"
        if ip.is_site_local:
            return "site-local"
    checks = (
        ("loopback", ip.is_loopback),
        ("unspecified", ip.is_unspecified),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("shared address space", ip in _SHARED),
        ("reserved", ip.is_reserved),
        ("private", ip.is_private),
        ("not globally routable", not ip.is_global),
    )
    return next((reason for reason, hit in checks if hit), None)


class _PinnedAdapter(HTTPAdapter):
    """Connects to the address that was checked, while TLS still verifies the real host name.

    The URL handed to it names the IP; SNI and certificate checks use the host name. This pins the
    connection to the checked address, so DNS rebinding between check and connect is not possible.
    """

    def __init__(self, host: str) -> None:
        self._host = host
        super().__init__(max_retries=0)

    def build_connection_pool_key_attributes(
        self, request: requests.PreparedRequest, verify: Any, cert: Any = None
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        host_params, pool_kwargs = super().build_connection_pool_key_attributes(request, verify, cert)
        if host_params.get("scheme") == "https":
            pool_kwargs["server_hostname"] = self._host
            pool_kwargs["assert_hostname"] = self._host
        return host_params, pool_kwargs


def _get(target: _Target, settings: FetchSettings, deadline: float) -> FetchedPage | str:
    """One hop: the page, or the absolute URL a redirect points to."""
    headers = {
        "Host": target.host_header,
        "User-Agent": settings.user_agent,
        "Accept": _ACCEPT,
        "Accept-Encoding": "gzip, deflate, br",
    }
    failure = f"could not connect to {target.host}"
    for address in target.addresses:
        remaining = _remaining(deadline, target)
        adapter = _PinnedAdapter(target.host)
        try:
            timeout = (min(settings.connect_timeout, remaining), min(settings.read_timeout, remaining))
            try:
                request = requests.Request("GET", target.pinned_url(address), headers=headers).prepare()
                response = adapter.send(request, stream=True, timeout=timeout, verify=True)
            except requests.exceptions.SSLError:
                raise FetchError(f"TLS error talking to {target.host}") from None
            except requests.exceptions.ConnectTimeout:
                failure = f"timed out connecting to {target.host}"
                continue
            except requests.exceptions.ReadTimeout:
                raise FetchError(f"timed out waiting for {target.url}", transient=True) from None
            except requests.exceptions.ConnectionError:
                continue
            except requests.exceptions.RequestException as exc:
                raise FetchError(f"could not fetch {target.url}: {type(exc).__name__}") from None
            try:
                return _handle(response, target, settings, deadline)
            finally:
                response.close()
        finally:
            adapter.close()
    raise FetchError(failure, transient=True)


def _remaining(deadline: float, target: _Target) -> float:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise FetchError(f"timed out fetching {target.url}", transient=True)
    return remaining


def _handle(
    response: requests.Response, target: _Target, settings: FetchSettings, deadline: float
) -> FetchedPage | str:
    status = response.status_code
    if status in _REDIRECTS:
        location = response.headers.get("Location", "").strip()
        if not location:
            raise FetchError(f"HTTP {status} redirect without a Location from {target.url}")
        return urljoin(target.url, location)
    if not 200 <= status < 300:
        raise FetchError(
            f"HTTP {status} {response.reason or ''} from {target.url}".replace("  ", " "),
            status=status,
            retry_after=retry_after_seconds(response.headers.get("Retry-After", "")),
        )
    content_type, charset = _content_type(response.headers.get("Content-Type", ""))
    if content_type and content_type not in HTML_TYPES | TEXT_TYPES:
        raise FetchError(f"unsupported content type {content_type} at {target.url} (expected an HTML or text page)")
    declared = response.headers.get("Content-Length", "").strip()
    if declared.isdigit() and int(declared) > settings.max_bytes:
        raise FetchError(f"the page at {target.url} is larger than the {settings.max_bytes}-byte limit")
    try:
        decoder = BodyDecoder(response.headers.get("Content-Encoding", ""), settings.max_bytes)
    except InputError as exc:
        raise FetchError(f"{exc} at {target.url}") from None
    body = _read_body(response, decoder, target, settings, deadline)
    if not content_type:
        content_type = "text/html" if body.lstrip()[:1] == b"<" else "text/plain"
    text, encoding = decode_page(body, charset, html=content_type in HTML_TYPES, url=target.url)
    return FetchedPage(url=target.url, content_type=content_type, text=text, encoding=encoding)


def retry_after_seconds(value: str, now: datetime | None = None) -> float | None:
    """`Retry-After` as seconds from now: delta-seconds or an HTTP date (RFC 9110 10.2.3); None when
    absent or unreadable."""
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # HTTP dates are GMT; an obsolete format may come without a zone
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def _content_type(header: str) -> tuple[str, str]:
    media, _, params = header.partition(";")
    charset = ""
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'")
    return media.strip().lower(), charset


def _read_body(
    response: requests.Response, decoder: BodyDecoder, target: _Target, settings: FetchSettings, deadline: float
) -> bytes:
    """The body with its Content-Encoding decoded; the byte cap holds for the bytes on the wire and,
    separately, for the decoded page (a decompression bomb stops at the cap, never expanded whole)."""
    raw = response.raw
    body = bytearray()
    received = 0
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise FetchError(f"timed out reading {target.url}", transient=True)
            _set_read_timeout(raw, min(settings.read_timeout, remaining))
            # read1 returns what has arrived instead of waiting for a full chunk, so a server that
            # trickles bytes cannot keep the loop past the deadline. decode_content=False: nofame
            # decodes itself, in bounded steps.
            chunk = raw.read1(_CHUNK, decode_content=False)
            if not chunk:
                body += decoder.finish()
                return bytes(body)
            received += len(chunk)
            if received > settings.max_bytes:
                raise FetchError(f"the page at {target.url} is larger than the {settings.max_bytes}-byte limit")
            body += decoder.feed(chunk)
    except DecodedTooLarge as exc:
        raise FetchError(f"refusing the page at {target.url}: {exc} (a decompression bomb?)") from None
    except InputError as exc:
        raise FetchError(f"could not decode the page at {target.url}: {exc}") from None
    except (urllib3.exceptions.ReadTimeoutError, TimeoutError):
        raise FetchError(f"timed out reading {target.url}", transient=True) from None
    except (urllib3.exceptions.HTTPError, OSError) as exc:
        raise FetchError(f"could not read {target.url}: {type(exc).__name__}", transient=True) from None


def _set_read_timeout(raw: urllib3.HTTPResponse, seconds: float) -> None:
    sock = getattr(getattr(raw, "connection", None), "sock", None)
    if sock is not None:
        sock.settimeout(max(seconds, 0.001))


def decode_page(body: bytes, charset: str, *, html: bool, url: str) -> tuple[str, str]:
    """A byte-order mark, then the declared charset, then the page's own <meta charset>, then UTF-8,
    then detection (the order browsers use); labels are read as browsers read them (latin-1 as cp1252)."""
    bom = sniff_bom(body)
    wide = (bom or charset.lower()).startswith(("utf-16", "utf-32"))
    if not wide:
        try:
            reject_binary(body, name=f"the page at {url}")
        except InputError as exc:
            raise FetchError(str(exc)) from None
    candidates = [bom or "", charset]
    if html:
        candidates.append(sniff_meta_charset(body) or "")
    candidates += ["utf-8", *detect_encoding(body[:100_000])]
    for candidate in filter(None, candidates):
        try:
            encoding = _WEB_LABELS.get(codecs.lookup(candidate).name, codecs.lookup(candidate).name)
            return body.decode(encoding), encoding
        except (LookupError, UnicodeDecodeError):
            continue
    raise FetchError(f"could not decode the page at {url} (unknown character encoding)")


# Browsers decode these labels as windows-1252 (WHATWG Encoding), and so do the pages written for them.
_WEB_LABELS = {"iso8859-1": "cp1252", "ascii": "cp1252"}
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE, whose mark it starts with
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def sniff_bom(body: bytes) -> str | None:
    """The codec a byte-order mark names ("utf-16" reads the mark and drops it), or None."""
    return next((codec for mark, codec in _BOMS if body.startswith(mark)), None)


def sniff_meta_charset(body: bytes) -> str | None:
    """The charset an HTML page declares in a <meta> tag, from its first few kilobytes."""
    match = _META_CHARSET.search(body[:4096])
    return match.group(1).decode("ascii") if match else None
